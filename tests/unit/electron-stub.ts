/**
 * A stub of the electron module for the glue tests (the Electron binary cannot run here): it
 * records windows, their event handlers, IPC handlers, dialogs, the menu and how the app quits.
 *
 *   const stub = await vi.hoisted(async () => (await import('./electron-stub')).createElectronStub())
 *   vi.mock('electron', () => ({ ...stub.electron, default: stub.electron }))
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { vi } from 'vitest'

type Listener = (...args: unknown[]) => unknown

export interface StubWindow {
  options: Record<string, unknown>
  events: Map<string, Listener>
  openHandler?: Listener
  loaded?: string
  destroyed: boolean
  title?: string
  devToolsClosed: number
}

export interface MessageBoxCall {
  type?: string
  title?: string
  message?: string
  detail?: string
  buttons?: string[]
}

export interface MenuItem {
  label?: string
  role?: string
  type?: string
  submenu?: MenuItem[]
  click?: () => void
}

export function createElectronStub(opts: { isPackaged?: boolean } = {}) {
  const state = {
    dir: '/tmp',
    isPackaged: opts.isPackaged ?? false,
    handlers: new Map<string, Listener>(),
    windows: [] as StubWindow[],
    appEvents: new Map<string, Listener[]>(),
    messageBoxes: [] as MessageBoxCall[],
    menu: null as MenuItem[] | null,
    opened: [] as string[],
    exitCode: null as number | null,
    quitCalls: 0,
    permissionHandler: undefined as Listener | undefined,
    permissionCheck: undefined as Listener | undefined,
    exposed: undefined as Record<string, unknown> | undefined,
    invoked: [] as [string, unknown][],
    readyResolve: (() => {}) as () => void,
    ready: Promise.resolve(),
  }
  state.ready = new Promise<void>((r) => (state.readyResolve = r))

  class BrowserWindow {
    static getAllWindows = () => state.windows.filter((w) => !w.destroyed).map((w) => ({ destroy: () => (w.destroyed = true) }))
    webContents: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      const w: StubWindow = { options, events: new Map(), destroyed: false, devToolsClosed: 0 }
      state.windows.push(w)
      this.webContents = {
        setWindowOpenHandler: (h: Listener) => (w.openHandler = h),
        on: (ev: string, h: Listener) => w.events.set(ev, h),
        closeDevTools: () => (w.devToolsClosed += 1),
      }
      Object.assign(this, {
        on: () => undefined,
        once: () => undefined,
        destroy: () => (w.destroyed = true),
        setTitle: (t: string) => (w.title = t),
        isMinimized: () => false,
        restore: () => undefined,
        focus: () => undefined,
        loadFile: (f: string) => ((w.loaded = f), Promise.resolve()),
        loadURL: (u: string) => ((w.loaded = u), Promise.resolve()),
      })
    }
  }

  const electron = {
    app: {
      requestSingleInstanceLock: vi.fn(() => true),
      commandLine: { appendSwitch: vi.fn() },
      on: vi.fn((ev: string, fn: Listener) => {
        state.appEvents.set(ev, [...(state.appEvents.get(ev) ?? []), fn])
      }),
      quit: vi.fn(() => (state.quitCalls += 1)),
      exit: vi.fn((code: number) => (state.exitCode = code)),
      whenReady: () => state.ready,
      get isPackaged() {
        return state.isPackaged
      },
      getPath: (name: string) => {
        const p = name === 'userData' ? state.dir : join(state.dir, name)
        mkdirSync(p, { recursive: true })
        return p
      },
      getAppPath: () => state.dir,
      getVersion: () => '0.0.0-stub',
    },
    BrowserWindow,
    dialog: {
      showMessageBox: vi.fn((...args: unknown[]) => {
        const o = (args.length > 1 ? args[1] : args[0]) as MessageBoxCall
        state.messageBoxes.push(o)
        return Promise.resolve({ response: 0, checkboxChecked: false })
      }),
      showErrorBox: vi.fn((title: string, content: string) => state.messageBoxes.push({ title, message: content })),
      showOpenDialog: vi.fn(() => Promise.resolve({ canceled: true, filePaths: [] })),
    },
    Menu: {
      buildFromTemplate: (t: MenuItem[]) => t,
      setApplicationMenu: (m: MenuItem[] | null) => (state.menu = m),
    },
    shell: {
      openPath: (p: string) => (state.opened.push(p), Promise.resolve('')),
      showItemInFolder: (p: string) => state.opened.push(p),
    },
    ipcMain: {
      handle: (name: string, fn: Listener) => {
        if (state.handlers.has(name)) throw new Error(`Attempted to register a second handler for '${name}'`)
        state.handlers.set(name, fn)
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (state.permissionHandler = h),
        setPermissionCheckHandler: (h: Listener) => (state.permissionCheck = h),
      },
    },
    // Electron's safeStorage (the OS key store) for the database key (issue 12).
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(`sealed:${s}`),
      decryptString: (b: Buffer) => b.toString().slice(7),
    },
    contextBridge: { exposeInMainWorld: (_key: string, api: Record<string, unknown>) => (state.exposed = api) },
    ipcRenderer: {
      invoke: (name: string, arg: unknown) => (state.invoked.push([name, arg]), Promise.resolve({ ok: true, value: 1 })),
    },
  }
  return { electron, state }
}

/** Resolves app.whenReady() and lets the start-up run to its end (or its dialog). */
export async function startStubApp(state: ReturnType<typeof createElectronStub>['state']): Promise<void> {
  state.readyResolve()
  // The data side starts in worker threads (main/worker/), compiled by tsx from the sources here.
  for (let i = 0; i < 1500; i++) {
    await new Promise((r) => setTimeout(r, 20))
    if (state.exitCode !== null || state.windows.length > 0) break
  }
}

/**
 * The Electron glue cannot run here (no Electron binary), so it is checked against a stub of the
 * electron module: the window is hardened, every channel is registered once with the same
 * dispatcher, navigation away and new windows are refused, permissions denied, one instance.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES } from '../../main/ipc/contract'

type Listener = (...args: unknown[]) => unknown

const stub = vi.hoisted(() => {
  const handlers = new Map<string, Listener>()
  const windows: { options: Record<string, unknown>; events: Map<string, Listener>; openHandler?: Listener; loaded?: string }[] = []
  let permissionHandler: Listener | undefined
  let permissionCheck: Listener | undefined
  let exposed: Record<string, unknown> | undefined
  const invoked: [string, unknown][] = []
  let readyResolve: () => void = () => {}
  const ready = new Promise<void>((r) => (readyResolve = r))
  class BrowserWindow {
    static getAllWindows = () => windows
    webContents: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      const w = { options, events: new Map<string, Listener>() } as (typeof windows)[number]
      windows.push(w)
      this.webContents = {
        setWindowOpenHandler: (h: Listener) => (w.openHandler = h),
        on: (ev: string, h: Listener) => w.events.set(ev, h),
      }
      Object.assign(this, {
        once: () => undefined,
        loadFile: (f: string) => ((w.loaded = f), Promise.resolve()),
        loadURL: (u: string) => ((w.loaded = u), Promise.resolve()),
      })
    }
  }
  const electron = {
    app: {
      requestSingleInstanceLock: vi.fn(() => true),
      commandLine: { appendSwitch: vi.fn() },
      on: vi.fn(),
      quit: vi.fn(),
      whenReady: () => ready,
      getPath: () => mkdtempDir(),
      getAppPath: () => mkdtempDir(),
    },
    BrowserWindow,
    ipcMain: {
      handle: (name: string, fn: Listener) => {
        if (handlers.has(name)) throw new Error(`Attempted to register a second handler for '${name}'`)
        handlers.set(name, fn)
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (permissionHandler = h),
        setPermissionCheckHandler: (h: Listener) => (permissionCheck = h),
      },
    },
    contextBridge: { exposeInMainWorld: (_key: string, api: Record<string, unknown>) => (exposed = api) },
    ipcRenderer: { invoke: (name: string, arg: unknown) => (invoked.push([name, arg]), Promise.resolve({ ok: true, value: 1 })) },
  }
  function mkdtempDir(): string {
    // resolved lazily inside the test process
    return (globalThis as { __glueDir?: string }).__glueDir ?? '/tmp'
  }
  return {
    electron,
    handlers,
    windows,
    readyResolve,
    get permissionHandler() {
      return permissionHandler
    },
    get permissionCheck() {
      return permissionCheck
    },
    get exposed() {
      return exposed
    },
    invoked,
  }
})

vi.mock('electron', () => ({ ...stub.electron, default: stub.electron }))

describe('Electron glue (against a stub of electron)', () => {
  beforeAll(async () => {
    ;(globalThis as { __glueDir?: string }).__glueDir = mkdtempSync(join(tmpdir(), 'glue-'))
    await import('../../main/index')
    stub.readyResolve()
    await new Promise((r) => setTimeout(r, 50))
  })

  it('asks for the single-instance lock', () => {
    expect(stub.electron.app.requestSingleInstanceLock).toHaveBeenCalled()
  })

  it('runs Chromium in Chinese, so its own widgets (date pickers, menus) are Chinese too', () => {
    expect(stub.electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'zh-CN')
  })

  it('registers every channel of the contract exactly once', () => {
    expect([...stub.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())
  })

  it('answers a channel through the shared dispatcher, validating the argument', async () => {
    const bad = (await stub.handlers.get('cadres.get')?.({}, { id: 'x' })) as { ok: boolean; error: { message: string } }
    expect(bad.ok).toBe(false)
    expect(bad.error.message).toMatch(/参数无效/)
    const info = (await stub.handlers.get('app.info')?.({}, undefined)) as { ok: boolean; value: { cadreCount: number } }
    expect(info.ok).toBe(true)
    expect(info.value.cadreCount).toBe(0)
  })

  it('opens one hardened window', () => {
    expect(stub.windows).toHaveLength(1)
    const prefs = stub.windows[0]?.options['webPreferences'] as Record<string, unknown>
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(String(prefs['preload'])).toMatch(/preload[\\/]index\.cjs$/)
    expect(stub.windows[0]?.loaded).toMatch(/renderer[\\/]index\.html$/)
  })

  it('refuses new windows and navigation away from the app', () => {
    const w = stub.windows[0]
    expect(w?.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    let prevented = false
    w?.events.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, 'https://example.com/')
    expect(prevented).toBe(true)
    prevented = false
    w?.events.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, 'file:///app/renderer/index.html#/roster')
    expect(prevented).toBe(false)
  })

  it('denies every permission request', () => {
    let granted: boolean | undefined
    stub.permissionHandler?.({}, 'media', (g: boolean) => (granted = g))
    expect(granted).toBe(false)
    expect(stub.permissionCheck?.({}, 'notifications')).toBe(false)
  })

  it('the preload exposes one named function per channel and no generic invoke', async () => {
    await import('../../preload/index')
    const api = stub.exposed ?? {}
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES].sort())
    expect(api['invoke']).toBeUndefined()
    await (api['cadres.get'] as (a: unknown) => Promise<unknown>)({ id: 3 })
    expect(stub.invoked).toContainEqual(['cadres.get', { id: 3 }])
  })
})

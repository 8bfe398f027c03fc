/**
 * The Electron glue, and nothing else: one instance, one hardened window, every IPC channel
 * handed to the same dispatcher the browser host uses. Services live under main/ and know
 * nothing of Electron.
 */
import { app, BrowserWindow, ipcMain, session } from 'electron'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bootApp, type RunningApp } from './bootstrap'
import { setNativeBinding } from './db/open'
import { CHANNEL_NAMES } from './ipc/contract'
import { denyPermissions, hardenWindow, secureWebPreferences } from './electron/security'

let running: RunningApp | null = null
let mainWindow: BrowserWindow | null = null

/** The form's HTML printed by Electron's own Chromium (the same page the CLI prints with Debian's). */
async function printPdf(html: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-print-'))
  const file = join(dir, 'form.html')
  writeFileSync(file, html)
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true } })
  try {
    await win.loadFile(file)
    // The page shrinks overflowing text step by step, then marks itself fitted.
    for (let i = 0; i < 300; i++) {
      const fitted = (await win.webContents.executeJavaScript(
        "document.documentElement.getAttribute('data-fitted') === '1'",
      )) as boolean
      if (fitted) break
      await new Promise((r) => setTimeout(r, 100))
    }
    const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true })
    return new Uint8Array(pdf)
  } finally {
    win.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}

function createWindow(): void {
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    title: '干部管理系统',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  })
  hardenWindow(mainWindow, devUrl)
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  if (devUrl) void mainWindow.loadURL(devUrl)
  else void mainWindow.loadFile(join(import.meta.dirname, '../renderer/index.html'))
}

function registerIpc(app: RunningApp): void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(name, (_event, arg: unknown) => app.dispatch(name, arg))
  }
}

// The whole UI is Chinese, and so are Chromium's own parts of it (date pickers, context menus),
// whatever the language of the PC's system.
app.commandLine.appendSwitch('lang', 'zh-CN')

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })
  app.whenReady().then(
    () => {
      denyPermissions(session.defaultSession)
      // The better-sqlite3 build for Electron's ABI, fetched before `npm start`; a packaged app has
      // it rebuilt in node_modules instead and needs no override.
      const binding = join(
        app.getAppPath(),
        'out',
        'native',
        `better_sqlite3-electron-${process.versions['electron'] ?? ''}-${process.platform}-${process.arch}.node`,
      )
      if (existsSync(binding)) setNativeBinding(binding)
      const dbPath = process.env['CADRE_DB'] ?? join(app.getPath('userData'), 'cadres.db')
      running = bootApp({ dbPath, host: 'electron', actor: process.env['USERNAME'] ?? process.env['USER'] ?? 'user', printPdf })
      registerIpc(running)
      createWindow()
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createWindow()
      })
    },
    (e: unknown) => {
      console.error(e)
      app.quit()
    },
  )
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => running?.close())
}

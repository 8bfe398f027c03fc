/**
 * The Electron glue, and nothing else: one instance, one hardened window, every IPC channel
 * handed to the same dispatcher the browser host uses, a Chinese menu, a log file, and a Chinese
 * dialog followed by a clean quit whenever the app cannot start. Services live under main/ and
 * know nothing of Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { APP_VERSION } from './ipc/handlers/core'
import { CHANNEL_NAMES } from './ipc/contract'
import { log, setupLog } from './electron/log'
import { aboutText, menuTemplate } from './electron/menu'
import { denyPermissions, hardenWindow, secureWebPreferences, type AppPages } from './electron/security'
import { describeStartupFailure } from './electron/startup'
import { desktopDatabaseKey, sealDesktopKey } from './electron/db-key'
import { plannedDbPath, Workspace, type WorkspaceOptions } from './workspace/workspace'
import { bootWorkers } from './worker/client'

/** The services over the real or the demo database; re-booted when the user switches. */
let workspace: Workspace | null = null
let mainWindow: BrowserWindow | null = null
let logPath = ''
let dbPath = ''

/** DevTools and the DevTools menu entry exist only when running from the sources (npm start/dev). */
const devTools = !app.isPackaged
const pages: AppPages = {
  indexFile: join(import.meta.dirname, '../renderer/index.html'),
  devServerUrl: devTools ? process.env['ELECTRON_RENDERER_URL'] : undefined,
}

/** The form's HTML printed by Electron's own Chromium (the same page the CLI prints with Debian's). */
async function printPdf(html: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-print-'))
  const file = join(dir, 'form.html')
  writeFileSync(file, html)
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, devTools: false } })
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
  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    title: '干部管理系统',
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs'), { devTools }),
  })
  hardenWindow(mainWindow, pages, { devTools })
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => (mainWindow = null))
  if (pages.devServerUrl) void mainWindow.loadURL(pages.devServerUrl)
  else void mainWindow.loadFile(pages.indexFile)
}

function registerIpc(): void {
  for (const name of CHANNEL_NAMES) {
    // The relay: the database and the handlers run in worker threads (main/worker/); the second
    // argument names a long job ({ job }) whose progress events carry that name.
    ipcMain.handle(name, (_event, arg: unknown, opts?: { job?: unknown }) =>
      workspace
        ? workspace.dispatch(name, arg, { job: typeof opts?.job === 'string' ? opts.job : undefined })
        : { ok: false, error: { code: 'not-ready', message: '程序尚未就绪，请稍候' } },
    )
  }
}

function showAbout(): void {
  const text = aboutText({
    version: APP_VERSION,
    dbPath: workspace?.current?.dbPath ?? dbPath,
    demo: workspace?.activeMode === 'demo',
    logPath,
    electron: process.versions['electron'],
    chrome: process.versions['chrome'],
  })
  const opts = { type: 'info' as const, title: '关于干部管理系统', message: text.message, detail: text.detail, buttons: ['确定'] }
  void (mainWindow ? dialog.showMessageBox(mainWindow, opts) : dialog.showMessageBox(opts))
}

function setMenu(): void {
  const template = menuTemplate(
    {
      openDataFolder: () => void shell.openPath((workspace?.current ? dirname(workspace.current.dbPath) : app.getPath('userData'))),
      openLogFile: () => void shell.openPath(logPath),
      showAbout,
    },
    { devTools },
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

/** The Chinese dialog for a refused start, then a clean quit: no window, no process left behind. */
async function failStart(e: unknown): Promise<void> {
  log.error('启动失败', e)
  const f = describeStartupFailure(e, { dbPath, logPath })
  try {
    for (const w of BrowserWindow.getAllWindows()) w.destroy()
    const r = await dialog.showMessageBox({
      type: 'error',
      title: f.title,
      message: f.message,
      detail: f.detail,
      buttons: ['退出', '打开数据所在文件夹'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    })
    if (r.response === 1 && dbPath) shell.showItemInFolder(dbPath)
  } catch (err) {
    log.error('无法显示启动错误对话框', err)
  } finally {
    app.exit(1)
  }
}

async function start(): Promise<void> {
  denyPermissions(session.defaultSession)
  setMenu()
  // The better-sqlite3 build for Electron's ABI, fetched before `npm start`; a packaged app has
  // it rebuilt in node_modules instead and needs no override.
  const binding = join(
    app.getAppPath(),
    'out',
    'native',
    `better_sqlite3_mc-electron-${process.versions['electron'] ?? ''}-${process.platform}-${process.arch}.node`,
  )
  const nativeBinding = existsSync(binding) ? binding : undefined
  const opts: WorkspaceOptions = {
    // The database and the handlers in worker threads; this thread relays and prints.
    boot: (o) => bootWorkers({ ...o, nativeBinding }),
    host: 'electron',
    actor: 'user',
    configDir: app.getPath('userData'),
    dbPath: process.env['CADRE_DB'],
    defaultDataDir: app.getPath('userData'),
    printPdf,
    chooseFolder: async (purpose) => {
      const o = {
        title: purpose === 'backup' ? '选择备份存放的文件夹（如 U 盘）' : '选择数据存放位置',
        buttonLabel: '选择此文件夹',
        properties: ['openDirectory' as const, 'createDirectory' as const],
      }
      const r = await (mainWindow ? dialog.showOpenDialog(mainWindow, o) : dialog.showOpenDialog(o))
      return r.canceled ? null : (r.filePaths[0] ?? null)
    },
    // Custody (issue 12): the database key sealed by the OS key store (main/electron/db-key.ts).
    realDbKey: (path) => {
      const k = desktopDatabaseKey({ sealer: safeStorage, dataDir: app.getPath('userData'), dbPath: path, envKey: process.env['CADRE_DB_KEY'] })
      return { key: k.key, recoveryKey: k.recoveryKey }
    },
    // Settings → 加密数据库: the new key sealed as at set-up, so the next start opens by itself.
    sealDbKey: (_path, key) => sealDesktopKey(safeStorage, app.getPath('userData'), key),
    onChange: (s) => log.info(`已切换到${s.mode === 'demo' ? '演示' : '正式'}数据：${s.mode === 'demo' ? s.demoDbPath : s.realDbPath}`),
  }
  dbPath = plannedDbPath(opts)
  log.info(`启动 ${APP_VERSION}，数据文件 ${dbPath}`)
  workspace = await Workspace.open(opts)
  // Change events and job progress go to every window (the preload's window.appEvents).
  workspace.subscribe((ev) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send('app:event', ev)
  })
  registerIpc()
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
}

// The whole UI is Chinese, and so are Chromium's own parts of it (date pickers, context menus),
// whatever the language of the PC's system.
app.commandLine.appendSwitch('lang', 'zh-CN')

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  logPath = setupLog(app.getPath('logs'), { console: devTools })
  process.on('uncaughtException', (e) => log.error('未捕获的异常', e))
  process.on('unhandledRejection', (e) => log.error('未处理的 Promise 拒绝', e))
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })
  void app.whenReady().then(start).catch(failStart)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => {
    const w = workspace
    workspace = null
    if (w) void w.close().catch((e: unknown) => log.error('关闭数据库失败', e))
  })
}

/**
 * The workspace: which database file the services run over, for the desktop app and the browser
 * host. The county's real database (`cadres.db` in the data folder) and the demo database
 * (`demo/demo.db` beside it, with its own backups folder) are separate files: the demo's
 * fictional cadres never enter the real one. Switching closes the running services and boots
 * them again over the other file through bootApp, the same way every door starts.
 *
 * The first run: with no data folder chosen yet (desktop, nothing in the default folder) no
 * database is open and the wizard asks for the county's name and the folder; with a brand-new
 * empty database (the browser host's --db) it asks for the county's name. `workspace.finish`
 * records in the real database that the first run is over.
 *
 * workspace.json (in the config folder) remembers the data folder and which database was open.
 * No Electron here.
 */
import '../ipc/zod-locale'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { bootApp, type BootOptions } from '../bootstrap'
import { AppError, toErrorData } from '../domain/errors'
import { channels } from '../ipc/contract'
import type { ApiResult, AppEvent } from '../ipc/contract/define'
import type { EncryptOutcome, WorkspaceStatus } from '../ipc/contract/workspace'
import type { CustodyStatus } from '../ipc/contract/custody'
import { readersOf, type Dispatch, type DispatchOptions } from '../ipc/registry'
import { databaseId, openDatabase } from '../db/open'
import { encryptDatabaseInPlace } from '../db/encrypt'
import { formatRecoveryKey } from '../electron/db-key'
import type { PdfPrinter } from '../form/pdf'

export const REAL_DB_NAME = 'cadres.db'
export const DEMO_DB_RELATIVE = join('demo', 'demo.db')
export const CONFIG_FILE = 'workspace.json'
/** Setting in the real database: the first run is over (ISO time). */
export const SETUP_DONE_KEY = 'app.setupDone'
const COUNTY_KEY = 'org.countyName'
/** As many demo cadres as the roster's old demo button loaded: a county's worth. */
export const DEMO_CADRES = 2000

/** What runs over one database file: bootApp in process, or the worker threads (main/worker/). */
export interface DataSide {
  dbPath: string
  dispatch: Dispatch
  /** Change events and job progress (absent: none announced). */
  subscribe?(listener: (ev: AppEvent) => void): () => void
  close(): void | Promise<void>
}

export interface WorkspaceOptions {
  /** Starts the services over a file (default bootApp in this thread; the doors pass the workers). */
  boot?: (opts: BootOptions) => DataSide | Promise<DataSide>
  host: 'electron' | 'web'
  actor: string
  /** Where workspace.json is kept (the desktop app's userData; the browser host's data folder). */
  configDir: string
  /** A database named on the command line (CADRE_DB, --db): the folder is fixed, opened at once. */
  dbPath?: string | undefined
  /** The folder proposed at the first run (the desktop app's userData). */
  defaultDataDir: string
  printPdf?: PdfPrinter
  /** The desktop app's folder picker ('data': where the data lives; 'backup': backup to a folder). */
  chooseFolder?: (purpose?: 'data' | 'backup') => Promise<string | null>
  /**
   * Keeps the key of a database just encrypted in place (the desktop app seals it in the OS key
   * store, as at set-up); true when kept. Without it the key lives for this run only and the next
   * start needs CADRE_DB_KEY (the browser host).
   */
  sealDbKey?: (dbPath: string, key: string) => boolean
  /** Told after every switch (the desktop app sets its window title). */
  onChange?: (status: WorkspaceStatus) => void
  /** Start-up backup of the real database (default true; the demo never takes one). */
  backupOnStart?: boolean
  /**
   * The real database's key (encryption at rest, issue 12): asked each time the real database is
   * booted, so a new database gets its key when the wizard creates it. The demo's fictional
   * records stay plain.
   */
  realDbKey?: (dbPath: string) => { key?: string | undefined; recoveryKey?: string | undefined }
  /** After each boot of the services (the e2e harness signs its account in here). */
  onBoot?: (running: DataSide) => Promise<void> | void
}

interface Config {
  dataDir?: string
  mode?: 'real' | 'demo'
}

function fail(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } }
}

export class Workspace {
  private running: DataSide | null = null
  private unsubscribe: (() => void) | null = null
  private readonly listeners = new Set<(ev: AppEvent) => void>()
  private mode: 'real' | 'demo' = 'real'
  private dataDir: string | null
  private busy: string | null = null
  /** The key of a real database encrypted in place during this run. */
  private keyOverride: string | undefined
  private readonly opts: WorkspaceOptions

  private constructor(opts: WorkspaceOptions, dataDir: string | null) {
    this.opts = opts
    this.dataDir = dataDir
  }

  /**
   * Opens the workspace: the remembered database (real or demo), or none before the first run.
   * Throws the database's refusal (AppError) so the door can show it and stop.
   */
  static async open(opts: WorkspaceOptions): Promise<Workspace> {
    const config = readConfig(opts.configDir)
    let dataDir: string | null
    if (opts.dbPath) dataDir = dirname(resolve(opts.dbPath))
    else if (config.dataDir) {
      dataDir = config.dataDir
      if (!existsSync(join(dataDir, REAL_DB_NAME))) {
        throw new AppError(
          'db-missing',
          `找不到数据文件“${join(dataDir, REAL_DB_NAME)}”（上次使用的数据存放位置）`,
          `data file ${join(dataDir, REAL_DB_NAME)} is missing`,
        )
      }
    } else if (existsSync(join(opts.defaultDataDir, REAL_DB_NAME))) dataDir = opts.defaultDataDir
    else dataDir = null
    const ws = new Workspace(opts, dataDir)
    if (dataDir) {
      const demo = config.mode === 'demo' && existsSync(ws.demoDbPath())
      await ws.boot(demo ? 'demo' : 'real')
    }
    return ws
  }

  /** The services now running (null before the first run chose a folder). */
  get current(): DataSide | null {
    return this.running
  }

  /** Change events and job progress of whichever database runs; after a switch, a change of
   *  every table (every screen refetches from the other file). */
  subscribe(listener: (ev: AppEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(ev: AppEvent): void {
    for (const l of this.listeners) {
      try {
        l(ev)
      } catch {
        // A window that went away while it was told: the others are still told.
      }
    }
  }

  private async start(opts: BootOptions): Promise<DataSide> {
    const running = await Promise.resolve((this.opts.boot ?? bootApp)(opts))
    this.unsubscribe?.()
    this.unsubscribe = running.subscribe?.((ev) => this.emit(ev)) ?? null
    this.emit({ type: 'changed', tables: ['*'], channels: readersOf(['*']) })
    return running
  }

  get activeMode(): 'real' | 'demo' {
    return this.mode
  }

  realDbPath(): string {
    if (this.opts.dbPath) return resolve(this.opts.dbPath)
    return join(this.dataDir ?? this.opts.defaultDataDir, REAL_DB_NAME)
  }

  demoDbPath(): string {
    return join(dirname(this.realDbPath()), DEMO_DB_RELATIVE)
  }

  /** Every channel: the workspace's own here, the rest to the running services. */
  readonly dispatch: Dispatch = async (name, arg, call) => {
    if (name.startsWith('workspace.')) return this.handle(name, arg, call)
    if (this.busy) return fail('busy', this.busy)
    if (!this.running) return fail('setup-needed', '请先完成初次设置（县名与数据存放位置）')
    if (name === 'demo.load' && this.mode === 'real') {
      return fail(
        'demo-real',
        '演示数据只放在单独的演示数据库中，不会写入正式档案。请在“系统设置 → 演示数据”中打开演示数据',
      )
    }
    return this.running.dispatch(name, arg, call)
  }

  private async handle(name: string, arg: unknown, call?: DispatchOptions): Promise<ApiResult<unknown>> {
    if (!Object.hasOwn(channels, name)) return fail('unknown-channel', `未知的操作：${name}`)
    const parsed = channels[name as keyof typeof channels].input.safeParse(arg)
    if (!parsed.success) {
      const first = parsed.error.issues[0]
      return fail('invalid-argument', first?.message ?? '参数无效')
    }
    if (name !== 'workspace.status' && name !== 'workspace.chooseFolder' && this.busy) return fail('busy', this.busy)
    try {
      const input = parsed.data as Record<string, unknown> | undefined
      switch (name) {
        case 'workspace.status':
          return { ok: true, value: await this.status() }
        case 'workspace.chooseFolder':
          return {
            ok: true,
            value: this.opts.chooseFolder
              ? await this.opts.chooseFolder((input?.['purpose'] as 'data' | 'backup' | undefined) ?? 'data')
              : null,
          }
        case 'workspace.encrypt':
          return { ok: true, value: await this.encrypt(call) }
        case 'workspace.setup':
          return { ok: true, value: await this.setup(String(input?.['countyName']), (input?.['dataDir'] as string | null) ?? null) }
        case 'workspace.finish':
          return { ok: true, value: await this.finish() }
        case 'workspace.switch':
          return { ok: true, value: await this.switchTo(input?.['mode'] === 'demo' ? 'demo' : 'real') }
        case 'workspace.resetDemo':
          return { ok: true, value: await this.resetDemo() }
        default:
          return fail('unknown-channel', `未知的操作：${name}`)
      }
    } catch (e) {
      return { ok: false, error: toErrorData(e) }
    }
  }

  async status(): Promise<WorkspaceStatus> {
    const realDbPath = this.realDbPath()
    const realDbExists = this.dataDir !== null && existsSync(realDbPath)
    let stage: 'setup' | 'ready' = 'ready'
    let countyName: string | null = null
    if (!this.running || !realDbExists) stage = 'setup'
    else if (this.mode === 'real') {
      const [done, county, info] = await Promise.all([
        this.call('settings.get', { key: SETUP_DONE_KEY }),
        this.call('settings.get', { key: COUNTY_KEY }),
        this.call('app.info', undefined),
      ])
      countyName = typeof county === 'string' ? county : null
      // A database that already holds cadres (made before the wizard existed) is not a first run.
      if (done == null && (info as { cadreCount: number }).cadreCount === 0) stage = 'setup'
    }
    return {
      stage,
      mode: this.mode,
      managed: true,
      dataDir: this.dataDir ?? this.opts.defaultDataDir,
      dataDirFixed: !!this.opts.dbPath,
      realDbPath,
      demoDbPath: this.demoDbPath(),
      realDbExists,
      countyName,
      canChooseFolder: !!this.opts.chooseFolder,
    }
  }

  /** First run: creates (or opens) the real database in the chosen folder, stores the county's name. */
  async setup(countyName: string, dataDir: string | null): Promise<WorkspaceStatus> {
    if (!this.opts.dbPath) {
      const dir = dataDir ?? this.dataDir ?? this.opts.defaultDataDir
      if (!isAbsolute(dir)) {
        throw new AppError('data-dir-relative', `数据存放位置应为完整路径（如 D:\\干部数据），收到“${dir}”`, 'data folder must be absolute')
      }
      if (this.running && this.mode === 'real' && this.dataDir && resolve(dir) !== resolve(this.dataDir)) {
        throw new AppError('data-dir-chosen', `数据已存放在“${this.dataDir}”，不能在初次设置中再改`, 'data folder already chosen')
      }
      try {
        mkdirSync(dir, { recursive: true })
      } catch (e) {
        throw new AppError('data-dir-create', `无法在“${dir}”建立数据文件夹：${(e as Error).message}`, 'cannot create data folder')
      }
      this.dataDir = resolve(dir)
    }
    if (!this.running || this.mode !== 'real') await this.boot('real')
    await this.call('settings.set', { key: COUNTY_KEY, value: countyName.trim() })
    this.writeConfig()
    return this.status()
  }

  async finish(): Promise<WorkspaceStatus> {
    if (!this.running) throw new AppError('setup-needed', '请先填写县名并选择数据存放位置', 'setup first')
    if (this.mode !== 'real') await this.boot('real')
    await this.call('settings.set', { key: SETUP_DONE_KEY, value: new Date().toISOString() })
    return this.status()
  }

  async switchTo(mode: 'real' | 'demo'): Promise<WorkspaceStatus> {
    if (!this.dataDir) throw new AppError('setup-needed', '请先完成初次设置（县名与数据存放位置）', 'setup first')
    if (mode !== this.mode || !this.running) await this.boot(mode)
    this.writeConfig()
    const s = await this.status()
    this.opts.onChange?.(s)
    return s
  }

  /** Deletes the demo database and makes it again; the real database is not touched. */
  async resetDemo(): Promise<WorkspaceStatus> {
    if (!this.dataDir) throw new AppError('setup-needed', '请先完成初次设置', 'setup first')
    const wasDemo = this.mode === 'demo'
    if (wasDemo) await this.closeRunning()
    const demo = this.demoDbPath()
    for (const f of [demo, `${demo}-wal`, `${demo}-shm`]) rmSync(f, { force: true })
    if (wasDemo) await this.boot('demo')
    return this.status()
  }

  async close(): Promise<void> {
    await this.closeRunning()
  }

  /**
   * Encrypts the real database in place on an administrator's request (main/db/encrypt.ts, the
   * CLI's `encrypt`): the services stop, the file is encrypted through an SQLite copy (checked,
   * then renamed over it; nothing deleted first), its backups too, and the services start again
   * with the new key. A failure leaves the file as it was and starts the services over it again.
   */
  async encrypt(call?: DispatchOptions): Promise<EncryptOutcome> {
    if (!this.running) throw new AppError('setup-needed', '请先完成初次设置', 'setup first')
    if (this.mode !== 'real') {
      throw new AppError('encrypt-demo', '演示数据库不加密：请先切换到正式数据再加密', 'the demo database is not encrypted')
    }
    // Who may: asked of the running dispatcher with the caller's session (administrators only).
    const st = await this.running.dispatch('custody.status', undefined, call)
    if (!st.ok) throw new AppError(st.error.code, st.error.message, st.error.messageEn)
    const asked = st.value as CustodyStatus
    if (asked.encrypted) {
      throw new AppError('already-encrypted', '数据库已经加密，无需再加密', 'the database is already encrypted')
    }
    const ctx = (this.running as { ctx?: { db?: { inTransaction?: boolean } } }).ctx
    if (ctx?.db?.inTransaction) {
      throw new AppError('busy', '正在导入，导入完成或取消后才能加密数据库', 'an import is running')
    }
    const path = this.realDbPath()
    const key = randomBytes(32).toString('hex')
    this.busy = '正在加密数据库，请稍候'
    let copies: string[]
    try {
      await this.closeRunning()
      const probe = openDatabase(path, { readonly: true })
      const id = databaseId(probe)
      probe.close()
      copies = encryptDatabaseInPlace(path, key, id ? join(dirname(path), 'backups', id) : null, {
        actor: asked.actor,
        at: new Date().toISOString(),
        via: '设置页',
      }).copies
    } catch (e) {
      this.busy = null
      await this.boot('real')
      throw e
    }
    this.keyOverride = key
    const sealed = this.opts.sealDbKey?.(path, key) ?? false
    this.busy = null
    await this.boot('real')
    return { database: path, copies: copies.length, recoveryKey: formatRecoveryKey(key), sealed }
  }

  private async closeRunning(): Promise<void> {
    const r = this.running
    this.running = null
    this.unsubscribe?.()
    this.unsubscribe = null
    if (r) await Promise.resolve(r.close())
  }

  private async call(name: string, arg: unknown): Promise<unknown> {
    if (!this.running) throw new AppError('setup-needed', '请先完成初次设置', 'setup first')
    // The workspace's own calls (county name, set-up mark) are the app's, not a signed-in user's.
    const r = await ((this.running as { dispatchAsSystem?: Dispatch }).dispatchAsSystem ?? this.running.dispatch)(name, arg)
    if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.messageEn)
    return r.value
  }

  /** Closes what runs and boots the services over the real or the demo file. */
  private async boot(mode: 'real' | 'demo'): Promise<void> {
    const ctx = (this.running as { ctx?: { db?: { inTransaction?: boolean } } } | null)?.ctx
    if (ctx?.db?.inTransaction) {
      throw new AppError('busy', '正在导入花名册，导入完成或取消后才能切换数据库', 'an import is running')
    }
    this.busy = mode === 'demo' ? '正在打开演示数据，请稍候' : '正在打开正式数据，请稍候'
    try {
      await this.closeRunning()
      const dbPath = mode === 'demo' ? this.demoDbPath() : this.realDbPath()
      const key =
        mode !== 'real' ? {} : this.keyOverride ? { key: this.keyOverride } : (this.opts.realDbKey?.(dbPath) ?? {})
      this.running = await this.start({
          dbPath,
          ...key,
          host: this.opts.host,
          actor: this.opts.actor,
          // The demo's fictional records need no backups (and must not mix with the real ones').
          backupOnStart: mode === 'real' && (this.opts.backupOnStart ?? true),
          // Accounts guard the real records; the demo's fictional ones open without signing in.
          access: mode === 'real',
          ...(this.opts.printPdf ? { printPdf: this.opts.printPdf } : {}),
        })
      this.mode = mode
      await this.opts.onBoot?.(this.running)
      if (mode === 'demo') {
        const info = (await this.call('app.info', undefined)) as { cadreCount: number }
        if (info.cadreCount === 0) await this.call('demo.load', { count: DEMO_CADRES })
      }
    } catch (e) {
      // Back to the real database when the demo could not open; nothing left half-open.
      if (mode === 'demo' && this.dataDir) {
        await this.closeRunning()
        const real = this.realDbPath()
        this.running = await this.start({ dbPath: real, host: this.opts.host, actor: this.opts.actor, backupOnStart: false, ...(this.keyOverride ? { key: this.keyOverride } : (this.opts.realDbKey?.(real) ?? {})) })
        this.mode = 'real'
      }
      throw e
    } finally {
      this.busy = null
    }
  }

  private writeConfig(): void {
    const config: Config = { mode: this.mode }
    if (!this.opts.dbPath && this.dataDir) config.dataDir = this.dataDir
    try {
      mkdirSync(this.opts.configDir, { recursive: true })
      writeFileSync(join(this.opts.configDir, CONFIG_FILE), JSON.stringify(config, null, 2) + '\n')
    } catch (e) {
      throw new AppError('config-write', `无法保存设置文件（${join(this.opts.configDir, CONFIG_FILE)}）：${(e as Error).message}`, 'cannot write workspace.json')
    }
  }
}

/** The real database the workspace will open (for messages before it could): CADRE_DB/--db, the
 *  remembered folder's, or the default folder's. */
export function plannedDbPath(opts: Pick<WorkspaceOptions, 'configDir' | 'dbPath' | 'defaultDataDir'>): string {
  if (opts.dbPath) return resolve(opts.dbPath)
  return join(readConfig(opts.configDir).dataDir ?? opts.defaultDataDir, REAL_DB_NAME)
}

function readConfig(dir: string): Config {
  try {
    const v = JSON.parse(readFileSync(join(dir, CONFIG_FILE), 'utf8')) as Config
    return {
      ...(typeof v.dataDir === 'string' && isAbsolute(v.dataDir) ? { dataDir: v.dataDir } : {}),
      ...(v.mode === 'demo' ? { mode: 'demo' as const } : {}),
    }
  } catch {
    return {}
  }
}

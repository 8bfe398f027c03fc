/**
 * The data side in worker threads, seen from the main thread: the Electron app, the browser host
 * and the tests start it the same way and get the same `dispatch` (a channel name and an argument
 * in, a Promise of ApiResult out) as bootApp's in-process one.
 *
 * Three workers over the one database file (WAL), each with its own connection, as Signal Desktop
 * runs SQLite in worker threads:
 * - 'write': every write channel, through the one write connection (and the import's session, whose
 *   progress and cancel are reads of its state);
 * - 'read': quick reads (grid blocks, one record, lists) — answered while an import commits or an
 *   export runs, seeing committed data only;
 * - 'heavy': long reads (exports, the eligibility round, printing), so they never delay a grid block.
 * Each channel's lane is declared in the contract (main/ipc/contract/define.ts).
 *
 * A worker that dies (out of memory on a hostile file) fails its calls with a Chinese message, is
 * restarted, and a 'failed' event tells every window; its open transaction dies with it, so no
 * write is ever half done. The main thread keeps nothing but the relay.
 */
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3-multiple-ciphers'
import type { BootOptions } from '../bootstrap'
import { AppError, toErrorData, type AppErrorData } from '../domain/errors'
import type { ApiResult, AppEvent, Lane } from '../ipc/contract/define'
import { channelDef, type Dispatch } from '../ipc/registry'
import type { FromWorker, ToWorker, WorkerBoot } from './protocol'
import { workerSource } from './source'

export interface WorkerAppOptions extends BootOptions {
  /** better-sqlite3's addon for Electron's ABI (the desktop app). */
  nativeBinding?: string | undefined
  /** Heap limit of each worker in MB (a hostile file stops a worker, never the app). */
  heapMb?: Partial<Record<Lane, number>>
}

export interface WorkerApp {
  dispatch: Dispatch
  /** Change events, job progress, a worker that failed. Returns the unsubscribe. */
  subscribe(listener: (ev: AppEvent) => void): () => void
  /** Resolves when the write worker has opened (and migrated) the database; rejects with its
   *  AppError when it cannot (a file from a newer version, not SQLite, ...). */
  ready: Promise<void>
  dbPath: string
  /** Stops a worker as a crash would (what the tests and the bench use to show recovery). */
  kill(lane: Lane): Promise<void>
  /** How many times each lane's worker was restarted after dying. */
  restarts(): Record<Lane, number>
  close(): Promise<void>
}

const LANE_LABEL: Record<Lane, string> = { write: '写入', read: '查询', heavy: '导出与审查' }

/** What the user was doing, in words, for the message when a worker dies under it. */
function what(name: string): string {
  const [domain] = name.split('.')
  const known: Record<string, string> = {
    'export.roster': '导出花名册',
    'import.run': '导入花名册',
    'import.open': '读取花名册文件',
    'import.preview': '预览花名册',
    'eligibility.export': '导出审查结果',
    'eligibility.print': '打印审查表',
    'form.pdf': '生成任免审批表 PDF',
    'demo.load': '生成演示数据',
    'backup.restore': '恢复备份',
    'lrmx.apply': '导入任免审批表（LRMX）',
  }
  if (known[name]) return `“${known[name]}”`
  if (domain === 'eligibility') return '任职资格审查'
  if (domain === 'cadres') return '干部信息的读取或保存'
  return '本次操作'
}

/**
 * V8 heap limits of each lane's worker, in MB (issue 11: the whole process under 400 MB while a
 * 100,000-cadre export runs; measured with bench/export.bench.ts, five runs each, the same load).
 *
 * - Old generation: the ceiling a hostile file meets (the worker stops, never the app). At 2 GB or
 *   more V8 lets a heap grow to 4× what survived its last collection before collecting again;
 *   at 1.5 GB to ~1.8×. The heavy lane's jobs make much short-lived garbage (sheet XML, rows,
 *   evaluations) and keep little (a round kept by the review page: under 150 MB at 100,000), so
 *   1.5 GB there: export.roster at 100,000 peaked ~30 MB lower.
 * - Young generation 8 MB (semi-spaces of 4 MB instead of V8's 16): every worker grew its
 *   semi-spaces to the maximum while starting (compiling the bundle, migrations) and kept them;
 *   idle, the three workers take ~45 MB less. The price is in the heavy lane: more frequent
 *   scavenges cost a 100,000-row export ~15 % more CPU (roster ~3.2 → ~3.7 s of CPU under load),
 *   for ~30 MB less at its peak (roster 325–346 → 302–319 MB, eligibility 367–386 → 313–343 MB,
 *   two exports in a row). Memory is the target here; the roster export in process and through
 *   the CLI is unchanged.
 */
const HEAP_MB: Record<Lane, number> = { write: 3072, read: 1024, heavy: 1536 }
const YOUNG_MB = 8

interface Pending {
  name: string
  resolve: (r: ApiResult<unknown>) => void
}

class LaneWorker {
  private worker: Worker | null = null
  private pending = new Map<number, Pending>()
  private nextId = 1
  private closing = false
  private readyP: Promise<void> = Promise.resolve()
  private bootError: AppErrorData | null = null
  private deaths: number[] = []
  restarts = 0

  constructor(
    readonly lane: Lane,
    private readonly opts: WorkerAppOptions,
    private readonly emit: (ev: AppEvent) => void,
  ) {}

  start(after: Promise<void> = Promise.resolve()): Promise<void> {
    this.readyP = after.then(() => this.spawn())
    // Callers see the failure through `call`; nobody has to catch this one.
    this.readyP.catch(() => undefined)
    return this.readyP
  }

  private spawn(): Promise<void> {
    const src = workerSource(import.meta.url, 'entry.ts', 'worker')
    // Every boot option but the printer (a function: PDFs are printed here) goes to the worker.
    const { printPdf: _print, nativeBinding: _binding, heapMb: _heap, ...boot } = this.opts
    const data: WorkerBoot = {
      lane: this.lane,
      boot,
      nativeBinding: this.opts.nativeBinding,
      remotePrint: !!this.opts.printPdf,
    }
    const heap = this.opts.heapMb?.[this.lane] ?? HEAP_MB[this.lane]
    const w = new Worker(src.file, {
      eval: src.eval,
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: heap, maxYoungGenerationSizeMb: YOUNG_MB },
      stdout: false,
      stderr: false,
    })
    this.worker = w
    return new Promise<void>((resolve, reject) => {
      let booted = false
      let exitError: Error | null = null
      w.on('message', (m: FromWorker) => {
        switch (m.type) {
          case 'ready':
            booted = true
            this.bootError = null
            resolve()
            break
          case 'boot-failed':
            this.bootError = m.error
            reject(
              m.sqliteCode
                ? Object.assign(new Error(m.error.message), { code: m.sqliteCode })
                : new AppError(m.error.code, m.error.message, m.error.messageEn),
            )
            void w.terminate()
            break
          case 'result': {
            const p = this.pending.get(m.id)
            this.pending.delete(m.id)
            p?.resolve(m.result)
            break
          }
          case 'event':
            this.emit(m.event)
            break
          case 'print':
            void this.print(w, m.id, m.html)
            break
          case 'closed':
            break
        }
      })
      w.on('error', (e) => {
        exitError = e
      })
      w.on('exit', (code) => {
        if (this.worker === w) this.worker = null
        if (!booted) {
          if (!this.bootError) {
            this.bootError = {
              code: 'worker-boot',
              message: `后台${LANE_LABEL[this.lane]}线程未能启动：${exitError?.message ?? `退出码 ${code}`}`,
            }
            reject(new AppError(this.bootError.code, this.bootError.message))
          }
          return
        }
        if (this.closing) return
        this.died(exitError, code)
      })
    })
  }

  private async print(w: Worker, id: number, html: string): Promise<void> {
    try {
      const bytes = await this.opts.printPdf!(html)
      w.postMessage({ type: 'printed', id, bytes } satisfies ToWorker)
    } catch (e) {
      w.postMessage({ type: 'printed', id, error: toErrorData(e) } satisfies ToWorker)
    }
  }

  private died(err: Error | null, code: number): void {
    const oom = (err as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
    const why = oom ? '内存不足' : err ? err.message : `退出码 ${code}`
    const names = [...this.pending.values()].map((p) => p.name)
    for (const p of this.pending.values()) {
      p.resolve({
        ok: false,
        error: {
          code: 'worker-died',
          message: `后台${LANE_LABEL[this.lane]}线程意外停止（${why}）：${what(p.name)}未完成，数据库未作任何改动。已自动重新启动，请重试`,
        },
      })
    }
    this.pending.clear()
    const doing = names.length ? names.map(what).join('、') : '正在进行的操作'
    this.emit({
      type: 'failed',
      message: `后台${LANE_LABEL[this.lane]}线程意外停止（${why}）：${doing}未完成，数据库未作任何改动。已自动重新启动`,
    })
    // Restart, unless it keeps dying at once (then calls get the reason instead of a loop).
    const now = Date.now()
    this.deaths = [...this.deaths.filter((t) => now - t < 60_000), now]
    if (this.deaths.length > 5) {
      this.bootError = {
        code: 'worker-died',
        message: `后台${LANE_LABEL[this.lane]}线程一分钟内反复停止（${why}），请重新启动程序`,
      }
      this.readyP = Promise.reject(new AppError(this.bootError.code, this.bootError.message))
      this.readyP.catch(() => undefined)
      return
    }
    this.restarts++
    void this.start()
  }

  async call(
    name: string,
    arg: unknown,
    job?: string,
    cancel?: SharedArrayBuffer,
  ): Promise<ApiResult<unknown>> {
    try {
      await this.readyP
    } catch (e) {
      return { ok: false, error: toErrorData(e) }
    }
    const w = this.worker
    if (!w)
      return {
        ok: false,
        error: { code: 'worker-stopped', message: `后台${LANE_LABEL[this.lane]}线程已停止，请稍候重试` },
      }
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, { name, resolve })
      w.postMessage({ type: 'call', id, name, arg, job, cancel } satisfies ToWorker)
    })
  }

  async kill(): Promise<void> {
    await this.readyP.catch(() => undefined)
    const w = this.worker
    if (!w) return
    const exited = new Promise<void>((r) => w.once('exit', () => r()))
    await w.terminate()
    await exited
  }

  async close(): Promise<void> {
    this.closing = true
    await this.readyP.catch(() => undefined)
    const w = this.worker
    if (!w) return
    const exited = new Promise<void>((r) => w.once('exit', () => r()))
    w.postMessage({ type: 'close' } satisfies ToWorker)
    const timer = setTimeout(() => void w.terminate(), 5000)
    await exited
    clearTimeout(timer)
  }
}

/**
 * Loads the SQLite driver's native addon in this (the main) thread too, once, before any worker.
 *
 * Node unloads (dlclose) an addon loaded by worker threads when the last of them exits, and only
 * then runs that worker's final garbage collection, whose weak callbacks (node::ObjectWrap's, which
 * better-sqlite3 compiles into its own .node file) jump into the unmapped code: SIGSEGV of the
 * whole process (nodejs/node#63540, WiseLibs/better-sqlite3#1476). It happens when every worker
 * has gone at once: a refused database at start, a switch between real and demo data, closing.
 * An addon the main thread loaded is never unloaded, so holding it here keeps the code mapped.
 * The same file as the workers' (Electron's build when `nativeBinding` is given), so the same
 * handle is counted.
 */
let driverPinned = false
function pinNativeDriver(nativeBinding: string | undefined): void {
  if (driverPinned) return
  new Database(':memory:', nativeBinding ? { nativeBinding } : {}).close()
  driverPinned = true
}

const AUTH_EVERY_LANE = new Set(['auth.signIn', 'auth.signOut', 'auth.lock', 'auth.ackRecoveryKey'])

export function startWorkerApp(opts: WorkerAppOptions): WorkerApp {
  // Files the app writes (database, WAL, backups, exports) are the owner's only (as bootApp does).
  if (process.platform !== 'win32') process.umask(0o077)
  pinNativeDriver(opts.nativeBinding)
  const listeners = new Set<(ev: AppEvent) => void>()
  const emit = (ev: AppEvent): void => {
    for (const l of listeners) l(ev)
  }
  const lanes: Record<Lane, LaneWorker> = {
    write: new LaneWorker('write', opts, emit),
    read: new LaneWorker('read', opts, emit),
    heavy: new LaneWorker('heavy', opts, emit),
  }
  // The write worker opens (and migrates) the file first; the readers open it after.
  const ready = lanes.write.start()
  const afterWriter = ready.catch(() => undefined)
  void lanes.read.start(afterWriter)
  void lanes.heavy.start(afterWriter)
  /** Cancel flags of the jobs running now, by job id: set from here, seen by a busy worker. */
  const jobs = new Map<string, SharedArrayBuffer>()

  const dispatch: Dispatch = async (name, arg, call = {}) => {
    const def = channelDef(name)
    if (!def) return { ok: false, error: { code: 'unknown-channel', message: `未知的操作：${name}` } }
    if (name === 'jobs.cancel') {
      // Answered here: the job's worker may be busy in the very loop it has to leave.
      const parsed = def.input.safeParse(arg)
      if (!parsed.success) return { ok: false, error: { code: 'invalid-argument', message: '参数无效' } }
      const flag = jobs.get((parsed.data as { job: string }).job)
      if (flag) Atomics.store(new Int32Array(flag), 0, 1)
      return { ok: true, value: { cancelled: !!flag } }
    }
    // Accounts (issue 12): each worker keeps the signed-in account of its own dispatcher, so signing
    // in, out and locking reach all three; the first administrator is made by the writer.
    if (AUTH_EVERY_LANE.has(name) || name === 'auth.setupAdmin') {
      const first = await lanes.write.call(name, arg)
      if (!first.ok) return first
      const login = (arg as { login?: string; password?: string } | null) ?? {}
      const [other, otherArg] = name === 'auth.setupAdmin' ? ['auth.signIn', { login: login.login, password: login.password }] : [name, arg]
      await Promise.all([lanes.read.call(other, otherArg), lanes.heavy.call(other, otherArg)])
      return first
    }
    const job = call.job
    if (!job) return lanes[def.lane].call(name, arg)
    const flag = new SharedArrayBuffer(4)
    jobs.set(job, flag)
    try {
      return await lanes[def.lane].call(name, arg, job, flag)
    } finally {
      jobs.delete(job)
    }
  }

  return {
    dispatch,
    subscribe: (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    ready,
    dbPath: opts.dbPath,
    kill: (lane) => lanes[lane].kill(),
    restarts: () => ({ write: lanes.write.restarts, read: lanes.read.restarts, heavy: lanes.heavy.restarts }),
    close: async () => {
      // Readers first, the writer last (it checkpoints the WAL as it closes).
      await Promise.all([lanes.read.close(), lanes.heavy.close()])
      await lanes.write.close()
    },
  }
}

/** Starts the workers and waits until the database is open; on a refusal closes them and throws it. */
export async function bootWorkers(opts: WorkerAppOptions): Promise<WorkerApp> {
  const app = startWorkerApp(opts)
  try {
    await app.ready
  } catch (e) {
    await app.close()
    throw e
  }
  return app
}

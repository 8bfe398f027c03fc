/**
 * Long jobs (an export, the eligibility round, printing): a handler that runs as a job reports its
 * progress as a percentage and notices a cancel, wherever it runs (a worker thread or in process).
 *
 * The caller names the job (`dispatch(name, arg, { job })`); the dispatcher runs the handler inside
 * that job's context. The cancel flag is a shared Int32Array, so a cancel reaches even a job whose
 * thread is busy in a synchronous loop (the worker client sets it from the main thread).
 *
 * Services call `jobProgress(done, total)` and `throwIfCancelled()`; outside a job both do nothing.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { AppError } from '../domain/errors'

/** What a job may say beside its percentage (the import: rows done of total and its phase in words). */
export interface JobDetail {
  done: number
  total: number
  /** The step in Chinese, as the page shows it ("写入数据库"). */
  phase: string
}

export interface JobContext {
  id: string
  /** [0] becomes 1 when the job is cancelled. */
  cancel: Int32Array
  report(percent: number, detail?: JobDetail): void
}

const als = new AsyncLocalStorage<JobContext>()
/** Jobs running in this thread, by id (for a cancel that arrives through the dispatcher). */
const running = new Map<string, JobContext>()

export function newCancelFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4))
}

export function runAsJob<T>(job: JobContext, fn: () => T | Promise<T>): Promise<T> {
  running.set(job.id, job)
  let last = -1
  let lastPhase: string | undefined
  const ctx: JobContext = {
    ...job,
    report: (p, detail) => {
      const percent = Math.max(0, Math.min(100, Math.floor(p)))
      // Sent when the percentage or the step changes (never for every row).
      if (percent === last && detail?.phase === lastPhase) return
      last = percent
      lastPhase = detail?.phase
      job.report(percent, detail)
    },
  }
  return Promise.resolve()
    .then(() => als.run(ctx, fn))
    .finally(() => running.delete(job.id))
}

/** Marks a job running in this thread cancelled; false when there is none by that id. */
export function cancelJob(id: string): boolean {
  const job = running.get(id)
  if (!job) return false
  Atomics.store(job.cancel, 0, 1)
  return true
}

/** Reports `done` of `total` (as a whole percentage, sent only when it changes). With `phase`, the
 *  event also carries done, total and that step's name (the import's rows). */
export function jobProgress(done: number, total: number, phase?: string): void {
  const job = als.getStore()
  if (!job) return
  job.report(total > 0 ? (100 * done) / total : 0, phase === undefined ? undefined : { done, total, phase })
}

/**
 * The running job as a handle, taken once where the job starts: for work whose callbacks may run
 * outside the job's async context (stream events). Null outside a job.
 */
export interface JobHandle {
  report(percent: number, detail?: JobDetail): void
  cancelled(): boolean
}

export function currentJob(): JobHandle | null {
  const job = als.getStore()
  if (!job) return null
  return { report: (p, d) => job.report(p, d), cancelled: () => Atomics.load(job.cancel, 0) === 1 }
}

/**
 * Runs `fn` as the part of the running job from `from` % to `to` %: its own jobProgress(done, total)
 * calls (0–100 of that part) move the job's percentage within that range. Outside a job, just `fn()`.
 * Works across awaits (the job context follows the async calls).
 */
export function jobStage<T>(from: number, to: number, fn: () => T): T {
  const job = als.getStore()
  if (!job) return fn()
  const stage: JobContext = {
    ...job,
    report: (p, d) => job.report(from + ((to - from) * Math.max(0, Math.min(100, p))) / 100, d),
  }
  const r = als.run(stage, fn)
  // The stage's end is reached when fn is done (a synchronous one now, an async one when it settles).
  if (r instanceof Promise) return r.then((v: unknown) => (job.report(to), v)) as T
  job.report(to)
  return r
}

export function jobCancelled(): boolean {
  const job = als.getStore()
  return !!job && Atomics.load(job.cancel, 0) === 1
}

/** Throws the "cancelled" error when the running job was cancelled. */
export function throwIfCancelled(): void {
  if (jobCancelled()) throw new AppError('cancelled', '已取消，未生成文件，数据未作任何改动', 'cancelled')
}

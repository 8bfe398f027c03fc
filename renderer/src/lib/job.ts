/**
 * A long job from a page (an export, printing): runs a call under a job name, follows its
 * progress events (a percentage) and cancels it. The data side reports the percentage
 * (main/worker/job.ts); `jobs.cancel` stops the job even while its worker is busy.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call, newJobId, subscribeEvents } from '../api'

/** What a job that counts rows says beside its percentage (the import). */
export interface JobDetail {
  /** Rows done; `total` 0 while the total is not known yet. */
  done: number
  total: number
  /** The step in Chinese ("写入数据库"). */
  phase: string
}

export interface JobRunner {
  /** 0–100 while a job runs, null otherwise. */
  percent: number | null
  /** The last step and row counts the job announced, null while it said none (or runs no more). */
  detail: JobDetail | null
  running: boolean
  /** Runs `fn` with a fresh job name (pass it as `call(name, arg, { job })`). */
  run<T>(fn: (job: string) => Promise<T>): Promise<T>
  /** Asks the running job to stop; its call then fails with an ApiError of code 'cancelled'. */
  cancel(): void
}

export function isCancelled(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'cancelled'
}

export function useJob(prefix = 'job'): JobRunner {
  const [percent, setPercent] = useState<number | null>(null)
  const [detail, setDetail] = useState<JobDetail | null>(null)
  const current = useRef<string | null>(null)

  useEffect(
    () =>
      subscribeEvents((ev) => {
        if (ev.type !== 'progress' || ev.job !== current.current) return
        setPercent(ev.percent)
        if (ev.phase !== undefined) setDetail({ done: ev.done ?? 0, total: ev.total ?? 0, phase: ev.phase })
      }),
    [],
  )

  const run = useCallback(
    async <T>(fn: (job: string) => Promise<T>): Promise<T> => {
      const job = newJobId(prefix)
      current.current = job
      setPercent(0)
      setDetail(null)
      try {
        return await fn(job)
      } finally {
        // A job replaced by a newer one (the page asked again) leaves the newer one's state alone.
        if (current.current === job) {
          current.current = null
          setPercent(null)
          setDetail(null)
        }
      }
    },
    [prefix],
  )

  const cancel = useCallback(() => {
    const job = current.current
    if (job) void call('jobs.cancel', { job }).catch(() => undefined)
  }, [])

  return { percent, detail, running: percent !== null, run, cancel }
}

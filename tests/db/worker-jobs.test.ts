/**
 * Long jobs besides the roster export, through the worker entry as the app runs them: the
 * eligibility round (the review page's counts), the review's Excel export and a meeting set of
 * forms report a percentage that only grows, and stop when cancelled — a set between two files, a
 * round even before it started when it waited behind another job (the head switched target).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiResult, AppEvent } from '../../main/ipc/contract/define'
import { startWorkerApp, type WorkerApp } from '../../main/worker/client'

let app: WorkerApp
const events: AppEvent[] = []
const call = <T>(name: string, arg?: unknown, job?: string) =>
  app.dispatch(name, arg, job ? { job } : {}) as Promise<ApiResult<T>>
const value = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}
const percents = (job: string): number[] =>
  events.flatMap((e) => (e.type === 'progress' && e.job === job ? [e.percent] : []))

async function until(f: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms
  while (!f()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 2))
  }
}

beforeAll(async () => {
  app = startWorkerApp({ dbPath: join(mkdtempSync(join(tmpdir(), 'jobs-')), 'c.db'), host: 'test', backupOnStart: false })
  app.subscribe((e) => events.push(e))
  value(await call('demo.load', { count: 4000 }))
}, 120_000)
afterAll(async () => {
  await app.close()
})

const AT = '2026-06-30'
const roundQuery = (target: string) => ({ target, at: AT, filter: 'all', offset: 0, limit: 1 })

describe('progress: a percentage that only grows, from loading to the last row', () => {
  const rows: { name: string; channel: string; arg: () => Promise<unknown>; check: (v: never) => void }[] = [
    {
      name: 'the eligibility round (the page’s counts)',
      channel: 'eligibility.page',
      arg: () => Promise.resolve(roundQuery('deputy-section')),
      check: (v: { summary: { total: number } | null }) => expect(v.summary?.total).toBeGreaterThan(0),
    },
    {
      name: 'the review’s Excel export',
      channel: 'eligibility.export',
      arg: () => Promise.resolve({ target: 'rank-4', at: AT, filter: 'all' }),
      check: (v: { rows: number }) => expect(v.rows).toBeGreaterThan(0),
    },
    {
      name: 'a meeting set as a zip of Word files',
      channel: 'form.set',
      arg: async () => ({ entries: await idCards(12), output: 'zip', zipFormat: 'docx' }),
      check: (v: { files: string[] }) => expect(v.files).toHaveLength(12),
    },
  ]
  it.each(rows)('$name', async ({ channel, arg, check }) => {
    const job = `p-${channel}`
    const v = value(await call<never>(channel, await arg(), job))
    check(v)
    const p = percents(job)
    expect(p.length, JSON.stringify(p)).toBeGreaterThan(4)
    expect(p).toEqual([...p].sort((a, b) => a - b))
    expect(p[0]).toBeLessThan(20)
    expect(p.at(-1)).toBeGreaterThanOrEqual(90)
  })
})

async function idCards(n: number): Promise<string[]> {
  const page = value(await call<{ rows: { idCard: string }[] }>('cadres.query', { offset: 0, limit: n }))
  return page.rows.map((r) => r.idCard)
}

describe('cancel', () => {
  it('a meeting set stops between two files: no file, a Chinese message', async () => {
    const job = 'set-cancel'
    const pending = call('form.set', { entries: await idCards(60), output: 'zip', zipFormat: 'docx' }, job)
    await until(() => percents(job).some((p) => p >= 20))
    expect(value(await call<{ cancelled: boolean }>('jobs.cancel', { job })).cancelled).toBe(true)
    const r = await pending
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/已取消，未生成文件/)
    // It stopped where it was, well before the last file.
    expect(Math.max(...percents(job))).toBeLessThan(90)
  })

  it('a round waiting behind another job is cancelled before it starts; the next round counts in full', async () => {
    // The heavy worker is busy with an export; the round for 正科 waits behind it.
    const busy = call('eligibility.export', { target: 'rank-3', at: AT, filter: 'all' }, 'busy-export')
    const job = 'round-cancel'
    const pending = call('eligibility.page', roundQuery('section-chief'), job)
    expect(value(await call<{ cancelled: boolean }>('jobs.cancel', { job })).cancelled).toBe(true)
    const r = await pending
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('cancelled')
    expect(percents(job).filter((p) => p > 0)).toEqual([])
    expect((await busy).ok).toBe(true)
    const whole = value(await call<{ summary: { total: number } | null }>('eligibility.page', roundQuery('section-chief'), 'round-2'))
    expect(whole.summary?.total).toBeGreaterThan(0)
  })
})

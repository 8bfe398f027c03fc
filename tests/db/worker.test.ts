/**
 * The data side in worker threads (main/worker/): the dispatcher answered through the worker
 * entry, exactly as the desktop app and the browser host call it. A write worker and reading
 * workers over one WAL file: reads are answered while an import commits and see committed data
 * only; writes are refused then; a commit is announced with its tables; an export reports its
 * progress and can be cancelled; a worker that dies fails its call with a message, is restarted,
 * and leaves no half-written import behind.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import type { ApiResult, AppEvent } from '../../main/ipc/contract/define'
import { startWorkerApp, type WorkerApp } from '../../main/worker/client'

async function bigRoster(n: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('花名册')
  ws.addRow(['姓名', '性别', '出生年月', '身份证号', '工作单位', '现任职务'])
  for (let i = 0; i < n; i++) {
    const id = makeIdCard('620523', `1980-01-${String((i % 28) + 1).padStart(2, '0')}`, 1 + (i % 999))
    ws.addRow([`干部${i}`, Number(id[16]) % 2 ? '男' : '女', '1980.01', id, `单位${i % 5}`, '科员'])
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

let app: WorkerApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

function start(): {
  app: WorkerApp
  events: AppEvent[]
  call: <T>(name: string, arg?: unknown, job?: string) => Promise<ApiResult<T>>
} {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'worker-')), 'c.db')
  const a = startWorkerApp({ dbPath, host: 'test', backupOnStart: false })
  app = a
  const events: AppEvent[] = []
  a.subscribe((e) => events.push(e))
  const call = <T>(name: string, arg?: unknown, job?: string) =>
    a.dispatch(name, arg, job ? { job } : {}) as Promise<ApiResult<T>>
  return { app: a, events, call }
}

const value = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

async function until(f: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await f())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('the dispatcher through the worker entry', () => {
  it('validates, answers, and announces a commit with the tables it changed', async () => {
    const { call, events } = start()
    await app!.ready
    const bad = await call('cadres.get', { id: 'x' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.message).toMatch(/参数无效/)
    const unknown = await call('cadres.nothing', {})
    expect(unknown.ok).toBe(false)
    if (!unknown.ok) expect(unknown.error.message).toMatch(/未知的操作/)

    const saved = value(
      await call<{ id: number }>('cadres.save', {
        id: null,
        name: '李四',
        idCard: makeIdCard('620523', '1975-03-01', 11),
      }),
    )
    const changed = events.find((e) => e.type === 'changed')
    expect(changed).toMatchObject({
      type: 'changed',
      tables: expect.arrayContaining(['cadres', 'audit_log']),
    })
    // The roster grid, the audit log and the unit tree refetch; the backup list does not.
    if (changed?.type === 'changed') {
      expect(changed.channels).toEqual(expect.arrayContaining(['cadres.query', 'audit.list', 'units.list']))
      expect(changed.channels).not.toContain('backup.list')
    }
    // The read worker sees the writer's commit at once.
    const got = value(await call<{ name: string }>('cadres.get', { id: saved.id }))
    expect(got.name).toBe('李四')
    // A read announces nothing.
    const n = events.length
    value(await call('cadres.query', { offset: 0, limit: 10 }))
    expect(events.length).toBe(n)
  })

  it('answers reads while an import commits, showing only committed rows; refuses writes; announces the import', async () => {
    const { call, events } = start()
    value(
      await call('cadres.save', { id: null, name: '李四', idCard: makeIdCard('620523', '1975-03-01', 11) }),
    )
    const { token } = value(
      await call<{ token: string }>('import.open', { fileName: 'big.xlsx', data: await bigRoster(20_000) }),
    )
    // The roster's units are not in the tree: the import is told to create them (issue 13).
    const units = createAll(value(await call<Asked>('import.preview', { token, onDuplicate: 'skip' })))
    // The import is one long job: its progress comes as events (percentage, rows, the step).
    const job = 'import-1'
    const running = call<{ report: { inserted: number } }>('import.run', { token, onDuplicate: 'skip', units }, job)
    await until(() => events.some((e) => e.type === 'progress' && e.job === job && e.phase === '写入数据库' && e.percent > 25))
    const refused = await call('cadres.save', {
      id: null,
      name: '王五',
      idCard: makeIdCard('620523', '1976-04-02', 13),
    })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.message).toMatch(/正在导入花名册/)
    // The import's rows are not committed yet: the reader sees the one cadre there was.
    const during = value(
      await call<{ total: number }>('cadres.query', { offset: 0, limit: 10, statuses: [] }),
    )
    expect(during.total).toBe(1)
    const before = events.filter((e) => e.type === 'changed').length
    expect(value(await running).report.inserted).toBe(20_000)
    // The job's own commit is announced when it lands, not when it was started.
    expect(events.filter((e) => e.type === 'changed').length).toBeGreaterThan(before)
    // Rows done of total came with the write step, counting up to the whole roster.
    const writes = events.filter((e) => e.type === 'progress' && e.job === job && e.phase === '写入数据库')
    expect(writes.every((e) => e.type === 'progress' && e.total === 20_000)).toBe(true)
    expect(writes.length).toBeGreaterThan(3)
    const after = value(await call<{ total: number }>('cadres.query', { offset: 0, limit: 1, statuses: [] }))
    expect(after.total).toBe(20_001)
    expect(
      (await call('cadres.save', { id: null, name: '王五', idCard: makeIdCard('620523', '1976-04-02', 13) }))
        .ok,
    ).toBe(true)
  })

  it('an export reports its progress and stops when cancelled; the next one runs to the end', async () => {
    const { call, events } = start()
    value(await call('demo.load', { count: 3000 }))
    const job = 'export-1'
    const pending = call<{ rows: number }>(
      'export.roster',
      { query: { statuses: [] }, layout: 'per-row' },
      job,
    )
    await until(() => events.some((e) => e.type === 'progress' && e.job === job && e.percent >= 10))
    expect(value(await call<{ cancelled: boolean }>('jobs.cancel', { job })).cancelled).toBe(true)
    const r = await pending
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/已取消/)
    // Cancelling a job that is not running says so.
    expect(value(await call<{ cancelled: boolean }>('jobs.cancel', { job })).cancelled).toBe(false)
    const whole = value(
      await call<{ rows: number }>(
        'export.roster',
        { query: { statuses: [] }, layout: 'per-row' },
        'export-2',
      ),
    )
    expect(whole.rows).toBe(3000)
    const percents = events
      .filter((e) => e.type === 'progress' && e.job === 'export-2')
      .map((e) => (e as { percent: number }).percent)
    expect(percents.length).toBeGreaterThan(3)
    expect(percents).toEqual([...percents].sort((a, b) => a - b))
  })

  it('an import cancelled while it writes is rolled back: the roster as before, nothing announced, saves work', async () => {
    const { call, events } = start()
    value(await call('cadres.save', { id: null, name: '李四', idCard: makeIdCard('620523', '1975-03-01', 11) }))
    const { token } = value(await call<{ token: string }>('import.open', { fileName: 'big.xlsx', data: await bigRoster(20_000) }))
    const units = createAll(value(await call<Asked>('import.preview', { token, onDuplicate: 'skip' })))
    const job = 'import-cancel'
    const changedBefore = events.filter((e) => e.type === 'changed').length
    const pending = call('import.run', { token, onDuplicate: 'skip', units }, job)
    // Cancelled in the middle of the write step (rows already in its open transaction).
    await until(() => events.some((e) => e.type === 'progress' && e.job === job && e.phase === '写入数据库' && (e.done ?? 0) > 2000))
    expect(value(await call<{ cancelled: boolean }>('jobs.cancel', { job })).cancelled).toBe(true)
    const r = await pending
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ code: 'cancelled', message: '导入已取消，数据库未作任何改动' })
    expect(events.filter((e) => e.type === 'changed').length).toBe(changedBefore)
    expect(value(await call<{ total: number }>('cadres.query', { offset: 0, limit: 1, statuses: [] })).total).toBe(1)
    expect(value(await call<{ id: number; name: string }[]>('units.list'))).toEqual([])
    // The write connection is free again: a save lands, and the same file imports whole afterwards.
    expect((await call('cadres.save', { id: null, name: '王五', idCard: makeIdCard('620523', '1976-04-02', 13) })).ok).toBe(true)
    const again = value(await call<{ report: { inserted: number } }>('import.run', { token, onDuplicate: 'skip', units }, 'import-again'))
    expect(again.report.inserted).toBe(20_000)
  })

  it('a worker that dies mid-import fails with a message, is restarted, and leaves nothing half-written', async () => {
    const { call, events } = start()
    value(
      await call('cadres.save', { id: null, name: '李四', idCard: makeIdCard('620523', '1975-03-01', 11) }),
    )
    const { token } = value(
      await call<{ token: string }>('import.open', { fileName: 'big.xlsx', data: await bigRoster(20_000) }),
    )
    const units = createAll(value(await call<Asked>('import.preview', { token, onDuplicate: 'skip' })))
    const job = 'import-dies'
    const inFlight = call('import.run', { token, onDuplicate: 'skip', units }, job)
    await until(() => events.some((e) => e.type === 'progress' && e.job === job && e.phase === '写入数据库' && e.percent > 40))
    // The call in flight when it dies is answered with what failed.
    await app!.kill('write')
    const r = await inFlight
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/后台写入线程意外停止.*“导入花名册”未完成，数据库未作任何改动/)
    await until(() => events.some((e) => e.type === 'failed'))
    const failed = events.find((e) => e.type === 'failed')
    expect(failed?.type === 'failed' && failed.message).toMatch(/后台写入线程意外停止/)
    // Restarted: the half-written import is gone, the cadre saved before it is there, saves work.
    const total = value(await call<{ total: number }>('cadres.query', { offset: 0, limit: 1, statuses: [] }))
    expect(total.total).toBe(1)
    expect(app!.restarts().write).toBe(1)
    expect(
      (await call('cadres.save', { id: null, name: '王五', idCard: makeIdCard('620523', '1976-04-02', 13) }))
        .ok,
    ).toBe(true)
    expect(
      value(await call<{ total: number }>('cadres.query', { offset: 0, limit: 1, statuses: [] })).total,
    ).toBe(2)
  })
})

type Asked = { units: { name: string }[] }
/** Every unit the preview asks about, to be created at the top level (issue 13). */
function createAll(p: Asked): Record<string, { action: 'create'; parentId: null; kind: null }> {
  return Object.fromEntries(p.units.map((u) => [u.name, { action: 'create' as const, parentId: null, kind: null }]))
}

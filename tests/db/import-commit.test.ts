/**
 * What an import does to the database: one transaction or nothing; skip or update for people
 * already there, with the changes shown first; a corrected file imported again changes nothing
 * already right (no audit noise); the clerk's mapping remembered; cancel; dry run; size limit.
 */
import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { openDatabase } from '../../main/db/open'
import { makeIdCard } from '../../main/domain/idcard'
import { importRoster } from '../../main/roster-import/engine'
import { ImportService, rejectedWorkbook } from '../../main/roster-import/session'
import { LIMITS } from '../../main/roster-import/workbook'
import { newCancelFlag, runAsJob, type JobDetail } from '../../main/worker/job'
import { createContext, type AppContext } from '../../main/services/context'
import { ID, badCheck, groupedRoster, perRowRoster, photoRoster } from '../fixtures/make-rosters'

function fresh(): AppContext {
  const db = openDatabase(':memory:')
  return createContext({ db, dbPath: ':memory:', dataDir: '/tmp', host: 'test', actor: 'clerk', at: '2026-11-23' })
}

async function roster(rows: (string | number | null)[][], header = ['姓名', '性别', '出生年月', '身份证号', '工作单位', '现任职务']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('花名册')
  ws.addRow(['某某县干部花名册'])
  ws.mergeCells(1, 1, 1, header.length)
  ws.addRow(header)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const count = (ctx: AppContext, sql: string): number => ctx.db.prepare(sql).pluck().get() as number

describe('importing again', () => {
  it('a corrected file changes nothing already right and writes no audit rows for unchanged people', async () => {
    const ctx = fresh()
    const first = await importRoster(ctx, { bytes: await perRowRoster(), fileName: '一人一行.xlsx' })
    expect(first.report.inserted).toBe(3)
    const audit1 = count(ctx, 'SELECT count(*) FROM audit_log')
    const cadres1 = ctx.db.prepare('SELECT * FROM cadres ORDER BY id').all()

    // The unit corrects the three rejected rows and sends the whole file again.
    const fixed = await roster([
      ['张三', '男', '1975.03', ID.zhang, '县财政局', '局长'],
      ['王五', '男', '1990.01', ID.wang, '某某镇', '党委副书记'],
      ['赵六', '女', '1968.07', ID.zhao, '县财政局', '副局长'],
      ['孙七', '男', '1979.12', ID.sun, '县教育局', '科员'],
    ])
    const again = await importRoster(ctx, { bytes: fixed, fileName: '改正后.xlsx', onDuplicate: 'update' })
    expect(again.report).toMatchObject({ inserted: 3, updated: 0, unchanged: 1, skipped: 1, rejected: [], newUnits: [] })
    // 张三 untouched: same row, same updated_at.
    expect(ctx.db.prepare('SELECT * FROM cadres WHERE id_card = ?').get(ID.zhang)).toEqual(cadres1[0])
    // Three creations and one summary row; nothing for 张三.
    expect(count(ctx, 'SELECT count(*) FROM audit_log') - audit1).toBe(4)
    expect(count(ctx, "SELECT count(*) FROM audit_log WHERE cadre_id = (SELECT id FROM cadres WHERE id_card = '" + ID.zhang + "')")).toBe(1)

    // The same file a third time: nothing at all changes except the import's own summary row.
    const audit2 = count(ctx, 'SELECT count(*) FROM audit_log')
    const third = await importRoster(ctx, { bytes: fixed, fileName: '改正后.xlsx', onDuplicate: 'update' })
    expect(third.report).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 })
    expect(count(ctx, 'SELECT count(*) FROM audit_log') - audit2).toBe(1)
  })

  it('update shows what would change, then changes exactly that, with before and after in the audit log', async () => {
    const ctx = fresh()
    await importRoster(ctx, { bytes: await roster([['张三', '男', '1975.03', ID.zhang, '县财政局', '科员']]), fileName: 'a.xlsx' })
    const svc = new ImportService(ctx)
    const opened = svc.open('b.xlsx', await roster([['张三', '男', '1975.03', ID.zhang, '县教育局', '副局长']]))
    const skipPreview = await svc.preview({ token: opened.token, onDuplicate: 'skip' })
    expect(skipPreview.counts).toMatchObject({ insert: 0, update: 0, skip: 1 })
    const asked = await svc.preview({ token: opened.token, onDuplicate: 'update' })
    // 县教育局 is not in the tree: the preview asks, nothing is to be created yet.
    expect(asked.newUnits).toEqual([])
    expect(asked.units.map((u) => [u.name, u.choice])).toEqual([['县教育局', null]])
    const units = { 县教育局: { action: 'create' as const, parentId: null, kind: '县直部门' } }
    const p = await svc.preview({ token: opened.token, onDuplicate: 'update', units })
    expect(p.counts).toMatchObject({ insert: 0, update: 1, skip: 0 })
    expect(p.newUnits).toEqual(['县教育局'])
    expect(p.undecidedUnits).toBe(0)
    expect(p.rows[0]).toMatchObject({
      row: 3,
      action: 'update',
      changes: [
        { key: 'unit', before: '县财政局', after: '县教育局' },
        { key: 'position', before: '科员', after: '副局长' },
      ],
    })
    // Nothing written by the preview.
    expect(ctx.db.prepare('SELECT position FROM cadres').pluck().get()).toBe('科员')
    const st = await svc.run({ token: opened.token, onDuplicate: 'update', units })
    expect(st.report).toMatchObject({ updated: 1, inserted: 0 })
    expect(ctx.db.prepare('SELECT c.position, u.name AS unit FROM cadres c JOIN units u ON u.id = c.unit_id').get()).toEqual({
      position: '副局长',
      unit: '县教育局',
    })
    const a = ctx.db.prepare("SELECT before, after, actor FROM audit_log WHERE action = 'update'").get() as { before: string; after: string; actor: string }
    expect(JSON.parse(a.before)).toEqual({ unit: '县财政局', position: '科员' })
    expect(JSON.parse(a.after)).toEqual({ unit: '县教育局', position: '副局长' })
    expect(a.actor).toBe('clerk')
  })

  it('skip leaves people already there alone', async () => {
    const ctx = fresh()
    await importRoster(ctx, { bytes: await roster([['张三', '男', '1975.03', ID.zhang, '县财政局', '科员']]), fileName: 'a.xlsx' })
    const r = await importRoster(ctx, { bytes: await roster([['张三', '男', '1975.03', ID.zhang, '县财政局', '局长']]), fileName: 'b.xlsx' })
    expect(r.report).toMatchObject({ inserted: 0, updated: 0, skipped: 1 })
    expect(ctx.db.prepare('SELECT position FROM cadres').pluck().get()).toBe('科员')
  })
})

describe('one transaction or nothing', () => {
  it('--dry-run writes nothing but reports what would happen', async () => {
    const ctx = fresh()
    const r = await importRoster(ctx, { bytes: await perRowRoster(), fileName: 'x.xlsx', dryRun: true })
    expect(r.report).toMatchObject({ dryRun: true, inserted: 3 })
    expect(count(ctx, 'SELECT count(*) FROM cadres')).toBe(0)
    expect(count(ctx, 'SELECT count(*) FROM units')).toBe(0)
    expect(count(ctx, 'SELECT count(*) FROM audit_log')).toBe(0)
  })

  it('a cancelled import leaves the database as it was', async () => {
    const ctx = fresh()
    const rows = Array.from({ length: 6000 }, (_v, i) => [
      `干部${i}`,
      null,
      null,
      makeIdCard('620523', `1980-01-${String((i % 28) + 1).padStart(2, '0')}`, 1 + (i % 999)),
      `单位${i % 7}`,
      '科员',
    ])
    const bytes = await roster(rows)
    const svc = new ImportService(ctx)
    const opened = svc.open('big.xlsx', bytes)
    const asked = await svc.preview({ token: opened.token, onDuplicate: 'skip' })
    expect(asked.counts.insert).toBe(6000)
    const units = Object.fromEntries(asked.units.map((u) => [u.name, { action: 'create' as const, parentId: null, kind: null }]))
    // Run as a job (as the page runs it), cancelled once its transaction is open and rows are in it.
    const cancel = newCancelFlag()
    const events: { percent: number; detail?: JobDetail }[] = []
    let sawOpenTransaction = false
    const run = runAsJob(
      {
        id: 'import-test',
        cancel,
        report: (percent, detail) => {
          events.push({ percent, ...(detail ? { detail } : {}) })
          if (detail?.phase === '写入数据库' && ctx.db.inTransaction) {
            sawOpenTransaction = true
            Atomics.store(cancel, 0, 1)
          }
        },
      },
      () => svc.run({ token: opened.token, onDuplicate: 'skip', units }),
    )
    await expect(run).rejects.toMatchObject({ code: 'cancelled', message: '导入已取消，数据库未作任何改动' })
    expect(sawOpenTransaction).toBe(true)
    // It said what it was doing on the way: the steps in order (the rows checked for the preview are
    // reused, so no reading again), the percentage never going back.
    const phases = [...new Set(events.map((e) => e.detail?.phase))]
    expect(phases).toEqual(['比对库中已有人员', '写入数据库'])
    expect(events.map((e) => e.percent)).toEqual(events.map((e) => e.percent).sort((a, b) => a - b))
    expect(events.find((e) => e.detail?.phase === '写入数据库')?.detail?.total).toBe(6000)
    expect(count(ctx, 'SELECT count(*) FROM cadres')).toBe(0)
    expect(count(ctx, 'SELECT count(*) FROM units')).toBe(0)
    expect(ctx.db.inTransaction).toBe(false)
  })

  it('a roster without an ID column cannot start, and says why', async () => {
    const ctx = fresh()
    const bytes = await roster([['张三', '男', '1975.03', '县财政局']], ['姓名', '性别', '出生年月', '工作单位'])
    await expect(importRoster(ctx, { bytes, fileName: 'x.xlsx' })).rejects.toThrow(/没有对应“身份证号”的列/)
    expect(count(ctx, 'SELECT count(*) FROM cadres')).toBe(0)
  })
})

describe('the mapping a clerk corrects', () => {
  it('is remembered for files with the same header', async () => {
    const ctx = fresh()
    const header = ['姓名', '号码', '岗位']
    const svc = new ImportService(ctx)
    const a = svc.open('a.xlsx', await roster([['张三', ID.zhang, '局长']], header))
    const p = await svc.preview({ token: a.token, onDuplicate: 'skip' })
    expect(p.columns.map((c) => c.key)).toEqual(['name', null, null])
    expect(p.problems[0]).toContain('身份证号')
    const mapping = { A: 'name', B: 'idCard', C: 'position' } as const
    const p2 = await svc.preview({ token: a.token, onDuplicate: 'skip', mapping })
    expect(p2.problems).toEqual([])
    expect((await svc.run({ token: a.token, onDuplicate: 'skip', mapping })).report.inserted).toBe(1)

    // Next month the same unit sends the same layout: the corrected mapping is offered at once.
    const b = svc.open('b.xlsx', await roster([['王五', ID.wang, '镇长']], header))
    const pb = await svc.preview({ token: b.token, onDuplicate: 'skip' })
    expect(pb.mappingRemembered).toBe(true)
    expect(pb.columns.map((c) => c.key)).toEqual(['name', 'idCard', 'position'])
    // ...and on the command line too.
    const c = await importRoster(ctx, { bytes: await roster([['赵六', ID.zhao, '主任']], header), fileName: 'c.xlsx' })
    expect(c.report.inserted).toBe(1)
    expect(ctx.db.prepare('SELECT position FROM cadres WHERE id_card = ?').pluck().get(ID.zhao)).toBe('主任')
  })
})

describe('the rejected rows file', () => {
  it('holds the rejected rows as the file had them, with a 问题说明 column', async () => {
    const ctx = fresh()
    const { parsed } = await importRoster(ctx, { bytes: await perRowRoster(), fileName: '一人一行.xlsx' })
    const { fileName, bytes } = await rejectedWorkbook('一人一行.xlsx', parsed)
    expect(fileName).toBe('一人一行-问题行.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
    const ws = wb.worksheets[0]
    if (!ws) throw new Error('no sheet')
    const rows: string[][] = []
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))))
    const hi = rows.findIndex((r) => r.includes('问题说明'))
    expect(rows[hi]?.slice(0, 4)).toEqual(['序号', '姓名', '性别', '出生年月'])
    const body = rows.slice(hi + 1)
    expect(body.map((r) => r[1])).toEqual(['王五', '赵六', '孙七'])
    expect(body[1]?.[10]).toBe(badCheck(ID.zhao))
    expect(body[0]?.at(-1)).toBe('原第 7 行：K列：身份证号被 Excel 存成了数字，末尾数字已丢失，请把该列设为文本后重新录入')
    expect(body[2]?.at(-1)).toContain('C列：性别“女”与身份证号不符')

    // The unit corrects the file it got back and sends it in again: it reads like any roster.
    const back = await importRoster(ctx, { bytes, fileName: '一人一行-问题行.xlsx', dryRun: true })
    expect(back.report.columns.at(-1)).toEqual({ header: '问题说明', key: null })
    expect(back.report.rows).toBe(3)
    expect(back.report.rejected.map((r) => [r.row, r.column, r.key])).toEqual([
      [4, 'K', 'idCard'],
      [5, 'K', 'idCard'],
      [6, 'C', 'gender'],
    ])
  })
})

describe('the preview', () => {
  it('shows the unit a unit header row gives and which rows carry a photo, writing nothing', async () => {
    const ctx = fresh()
    const svc = new ImportService(ctx)
    const g = svc.open('按机构.xlsx', await groupedRoster())
    const p = await svc.preview({ token: g.token, onDuplicate: 'skip' })
    expect(p.rows.map((r) => [r.row, r.groupUnit, r.action])).toEqual([
      [4, '县财政局', 'insert'],
      [5, '县财政局', 'insert'],
      [7, '某某镇', 'insert'],
      [10, '县新农村服务中心', 'insert'],
    ])
    const ph = svc.open('照片.xlsx', await photoRoster())
    const pp = await svc.preview({ token: ph.token, onDuplicate: 'skip' })
    expect(pp.rows.map((r) => r.hasPhoto)).toEqual([true, false, true])
    expect(count(ctx, 'SELECT count(*) FROM cadres') + count(ctx, 'SELECT count(*) FROM units')).toBe(0)
  })
})

describe('limits', () => {
  it('refuses a file over the size limit with a clear message, before reading it', () => {
    const ctx = fresh()
    const svc = new ImportService(ctx)
    const big = new Uint8Array(LIMITS.fileBytes + 1)
    expect(() => svc.open('大文件.xlsx', big)).toThrow(/文件“大文件.xlsx”有 60.0 MB，超过导入上限 60 MB/)
  })
  it('refuses a file that is not a spreadsheet', () => {
    const svc = new ImportService(fresh())
    expect(() => svc.open('名单.docx', new TextEncoder().encode('这不是表格'))).toThrow(/“名单.docx”不是 Excel 文件/)
  })
})

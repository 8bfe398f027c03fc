/**
 * A roster naming a unit the tree does not have (issue 13): the preview asks — map it to a unit of
 * the tree (close names offered first) or create it under a parent with a kind — and never creates
 * it silently; the import starts only when every such unit is decided, and lands whole or not at
 * all. Real .xlsx files: built with exceljs, and the committed 按机构分组.xlsx fixture.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { toErrorData } from '../../main/domain/errors'
import { ImportService, type UnitChoices } from '../../main/roster-import/session'
import { saveUnit } from '../../main/services/units'
import type { AppContext } from '../../main/services/context'
import { ID } from '../fixtures/make-rosters'
import { memoryContext } from '../context'

const count = (ctx: AppContext, sql: string, ...p: unknown[]): number => ctx.db.prepare(sql).pluck().get(...p) as number
const unitOf = (ctx: AppContext, idCard: string): string | null =>
  (ctx.db.prepare('SELECT u.name FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE c.id_card = ?').pluck().get(idCard) as
    | string
    | null
    | undefined) ?? null

async function roster(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('花名册')
  ws.addRow(['姓名', '性别', '出生年月', '身份证号', '工作单位', '现任职务'])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function tree(ctx: AppContext): { dept: number; fin: number; town: number } {
  const dept = saveUnit(ctx, { id: null, name: '县直部门', parentId: null, kind: null }).id
  const fin = saveUnit(ctx, { id: null, name: '县财政局', parentId: dept, kind: '县直部门' }).id
  const towns = saveUnit(ctx, { id: null, name: '乡镇', parentId: null, kind: null }).id
  const town = saveUnit(ctx, { id: null, name: '城关镇', parentId: towns, kind: '乡镇' }).id
  return { dept, fin, town }
}

/** The import to its end: landed with its report, or failed with its message (nothing written). */
async function runJob(svc: ImportService, arg: Parameters<ImportService['run']>[0]) {
  try {
    const { report } = await svc.run(arg)
    return { state: 'done', report, error: null }
  } catch (e) {
    return { state: 'failed', report: null, error: toErrorData(e) }
  }
}

const FILE = [
  ['张三', '男', '1975.03', ID.zhang, '财政局', '局长'],
  ['周八', '女', '1985.05', ID.zhou, '城关镇人民政府', '镇长'],
  ['孙七', '男', '1979.12', ID.sun, '县新农村服务中心', '主任'],
]

describe('import preview: units not in the tree', () => {
  it('lists each unknown unit with close names from the tree, and creates none', async () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    const t = tree(ctx)
    const svc = new ImportService(ctx)
    const o = svc.open('花名册.xlsx', await roster(FILE))
    const p = await svc.preview({ token: o.token, onDuplicate: 'skip' })
    expect(p.undecidedUnits).toBe(3)
    expect(p.newUnits).toEqual([])
    expect(p.units.map((u) => ({ name: u.name, rows: u.rows, firstRow: u.firstRow, best: u.suggestions[0]?.id ?? null, choice: u.choice }))).toEqual([
      { name: '财政局', rows: 1, firstRow: 2, best: t.fin, choice: null },
      { name: '城关镇人民政府', rows: 1, firstRow: 3, best: t.town, choice: null },
      { name: '县新农村服务中心', rows: 1, firstRow: 4, best: null, choice: null },
    ])
    expect(p.units[0]?.suggestions[0]?.path).toBe('县直部门 › 县财政局')
    expect(p.units[2]?.guessedKind).toBe('事业单位')
    // Starting now is refused for the whole file, with the names and rows, and writes nothing.
    const st = await runJob(svc, { token: o.token, onDuplicate: 'skip', units: {} })
    expect(st.state).toBe('failed')
    expect(st.error?.message).toContain('“财政局”（第 2 行起 1 行）')
    expect(st.error?.message).toContain('请在预览中为每个单位选择对应的已有单位')
    expect(count(ctx, 'SELECT count(*) FROM cadres')).toBe(0)
    expect(count(ctx, 'SELECT count(*) FROM units')).toBe(4)
  })

  it('applies the choices in the import: mapped names join the tree unit, created ones sit under their parent with their kind', async () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    const t = tree(ctx)
    const svc = new ImportService(ctx)
    const o = svc.open('花名册.xlsx', await roster(FILE))
    const units: UnitChoices = {
      财政局: { action: 'map', unitId: t.fin },
      城关镇人民政府: { action: 'map', unitId: t.town },
      县新农村服务中心: { action: 'create', parentId: t.dept, kind: '事业单位' },
    }
    const p = await svc.preview({ token: o.token, onDuplicate: 'skip', units })
    expect(p.undecidedUnits).toBe(0)
    expect(p.newUnits).toEqual(['县新农村服务中心'])
    expect(p.mappedUnits).toEqual({ 财政局: '县财政局', 城关镇人民政府: '城关镇' })
    // The preview shows the roster's name and the unit it goes to.
    const unitCol = p.columns.find((c) => c.key === 'unit')?.letter ?? ''
    expect(p.rows.find((r) => r.row === 2)?.cells[unitCol]).toBe('财政局 → 县财政局')
    const st = await runJob(svc, { token: o.token, onDuplicate: 'skip', units })
    expect(st.state).toBe('done')
    expect(unitOf(ctx, ID.zhang)).toBe('县财政局')
    expect(unitOf(ctx, ID.zhou)).toBe('城关镇')
    expect(unitOf(ctx, ID.sun)).toBe('县新农村服务中心')
    expect(ctx.db.prepare("SELECT parent_id, kind FROM units WHERE name = '县新农村服务中心'").get()).toEqual({ parent_id: t.dept, kind: '事业单位' })
    expect(count(ctx, "SELECT count(*) FROM units WHERE name IN ('财政局', '城关镇人民政府')")).toBe(0)
    const summary = ctx.db.prepare("SELECT summary FROM audit_log WHERE action = 'import'").pluck().get() as string
    expect(summary).toContain('新建单位 县新农村服务中心')
    expect(summary).toContain('单位对应 财政局→县财政局、城关镇人民政府→城关镇')
    expect(count(ctx, "SELECT count(*) FROM audit_log WHERE entity = 'unit' AND summary LIKE '%上级“县直部门”，类别“事业单位”%'")).toBe(1)
  })

  it('a name mapped to the unit a person already has is no change', async () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    const t = tree(ctx)
    const svc = new ImportService(ctx)
    const first = svc.open('a.xlsx', await roster([['张三', '男', '1975.03', ID.zhang, '县财政局', '局长']]))
    expect((await runJob(svc, { token: first.token, onDuplicate: 'skip', units: {} })).state).toBe('done')
    const again = svc.open('b.xlsx', await roster([['张三', '男', '1975.03', ID.zhang, '财政局', '局长']]))
    const units: UnitChoices = { 财政局: { action: 'map', unitId: t.fin } }
    const p = await svc.preview({ token: again.token, onDuplicate: 'update', units })
    expect(p.counts).toMatchObject({ update: 0, unchanged: 1 })
  })

  it('a unit removed between the preview and the import stops the whole import: nothing lands', async () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    const t = tree(ctx)
    const extra = saveUnit(ctx, { id: null, name: '县农业农村局', parentId: t.dept, kind: '县直部门' }).id
    const svc = new ImportService(ctx)
    const o = svc.open('花名册.xlsx', await roster(FILE))
    const units: UnitChoices = {
      财政局: { action: 'map', unitId: t.fin },
      城关镇人民政府: { action: 'map', unitId: t.town },
      县新农村服务中心: { action: 'create', parentId: extra, kind: null },
    }
    expect((await svc.preview({ token: o.token, onDuplicate: 'skip', units })).undecidedUnits).toBe(0)
    ctx.db.prepare('DELETE FROM units WHERE id = ?').run(extra)
    const st = await runJob(svc, { token: o.token, onDuplicate: 'skip', units })
    expect(st.state).toBe('failed')
    expect(st.error?.message).toBe(`新建单位“县新农村服务中心”的上级单位（编号 ${extra}）已不存在，请重新预览并选择`)
    expect(count(ctx, 'SELECT count(*) FROM cadres')).toBe(0)
    expect(count(ctx, "SELECT count(*) FROM units WHERE name = '县新农村服务中心'")).toBe(0)
    expect(count(ctx, "SELECT count(*) FROM audit_log WHERE action = 'import'")).toBe(0)
  })

  it('the grouped roster fixture (unit header rows) asks for its units too', async () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    const t = tree(ctx)
    const svc = new ImportService(ctx)
    const bytes = readFileSync(join(__dirname, '../fixtures/rosters/按机构分组.xlsx'))
    const o = svc.open('按机构分组.xlsx', bytes)
    const p = await svc.preview({ token: o.token, onDuplicate: 'skip' })
    const names = p.units.map((u) => u.name)
    expect(names.length).toBeGreaterThan(0)
    expect(names).not.toContain('县财政局')
    expect(p.undecidedUnits).toBe(names.length)
    // Every unknown one created at the top level with its guessed kind: the import lands whole.
    const units: UnitChoices = Object.fromEntries(p.units.map((u) => [u.name, { action: 'create' as const, parentId: null, kind: u.guessedKind }]))
    const st = await runJob(svc, { token: o.token, onDuplicate: 'skip', units })
    expect(st.state).toBe('done')
    expect(st.report?.newUnits.sort()).toEqual([...names].sort())
    expect(count(ctx, 'SELECT count(*) FROM cadres WHERE unit_id = ?', t.fin)).toBeGreaterThan(0)
  })
})

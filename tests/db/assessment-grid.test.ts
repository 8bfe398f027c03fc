/**
 * The year grid of 年度考核 at county size (issue 11): blocks of rows searched, filtered and sorted
 * in SQL, the count per grade in SQL, pasted names and ID numbers resolved against the grid's own
 * people; and a grade the regulations do not name, kept as typed with one warning (issue 10).
 */
import { describe, expect, it } from 'vitest'
import { loadFacts } from '../../main/eligibility/load'
import { evaluateCadre } from '../../main/eligibility/evaluate'
import { defaultRules } from '../../main/eligibility/rules'
import {
  loadYearGrid,
  resolvePasted,
  setGrades,
  yearGridCounts,
  type YearGridQuery,
} from '../../main/records/assessments'
import { createRecordsHandlers } from '../../main/ipc/handlers/records'
import type { AppContext } from '../../main/services/context'
import { addCadre, addUnit, recordsContext } from './records-helpers'

function idOf(ctx: AppContext, cadreId: number): string {
  return ctx.db.prepare('SELECT id_card FROM cadres WHERE id = ?').pluck().get(cadreId) as string
}

/** Two towns (one with an office below it) and a bureau; 450 active cadres, a few retired. */
function county() {
  const ctx = recordsContext()
  const town = addUnit(ctx, '甲镇')
  const office = addUnit(ctx, '甲镇党政办', town)
  const bureau = addUnit(ctx, '县财政局')
  ctx.db.prepare('UPDATE units SET sort_order = ? WHERE id = ?').run(2, town)
  ctx.db.prepare('UPDATE units SET sort_order = ? WHERE id = ?').run(3, office)
  ctx.db.prepare('UPDATE units SET sort_order = ? WHERE id = ?').run(1, bureau)
  const ids: number[] = []
  for (let i = 0; i < 450; i++)
    ids.push(
      addCadre(ctx, `干部${String(i).padStart(3, '0')}`, { unitId: [town, office, bureau][i % 3] ?? null }),
    )
  const retired = addCadre(ctx, '退休甲', { unitId: town, status: '退休' })
  const grades = ['优秀', '称职', '称职', '基本称职', null]
  setGrades(ctx, {
    year: 2025,
    changes: ids.map((cadreId, i) => ({ cadreId, grade: grades[i % 5] ?? null })).filter((c) => c.grade),
  })
  setGrades(ctx, { year: 2024, changes: ids.map((cadreId) => ({ cadreId, grade: '称职' })) })
  return { ctx, town, office, bureau, ids, retired }
}

describe('year grid in blocks (issue 11)', () => {
  it('gives blocks that join into the whole list, in the unit tree order, with the total', () => {
    const { ctx, bureau, ids } = county()
    const all = [0, 200, 400].flatMap(
      (offset) => loadYearGrid(ctx, { unitId: null, year: 2025, offset, limit: 200 }).rows,
    )
    expect(all).toHaveLength(450)
    expect(new Set(all.map((r) => r.cadreId)).size).toBe(450)
    expect(loadYearGrid(ctx, { unitId: null, year: 2025, offset: 0, limit: 200 }).total).toBe(450)
    // 县财政局 (sort order 1) first, then 甲镇, then its office; inside a unit by number.
    expect(all.slice(0, 150).every((r) => r.unit === '县财政局')).toBe(true)
    expect(all[150]?.unit).toBe('甲镇')
    expect(all[300]?.unit).toBe('甲镇党政办')
    expect(all[0]?.cadreId).toBe(ids[2])
    expect(all[0]).toMatchObject({ previousGrade: '称职' })
    expect(loadYearGrid(ctx, { unitId: bureau, year: 2025, offset: 500 })).toMatchObject({
      total: 150,
      rows: [],
    })
  })

  const cases: [what: string, q: Partial<YearGridQuery>, total: number, firstNames?: string[]][] = [
    ['a unit and the units below it', { unitId: -1 }, 300],
    ['a name searched', { search: '干部007' }, 1, ['干部007']],
    ['grade 优秀', { grade: '优秀' }, 90],
    ['grade 称职', { grade: '称职' }, 180],
    ['not entered', { grade: '未录入' }, 90],
    ['by name, descending', { sort: { key: 'name', dir: 'desc' } }, 450, ['干部449', '干部448']],
    [
      'by name, ascending, with a search',
      { search: '干部01', sort: { key: 'name', dir: 'asc' } },
      10,
      ['干部010', '干部011'],
    ],
  ]
  it.each(cases)('filters and sorts in SQL: %s', (_what, q, total, firstNames) => {
    const { ctx, town } = county()
    const g = loadYearGrid(ctx, {
      unitId: q.unitId === -1 ? town : null,
      year: 2025,
      ...q,
      ...(q.unitId === -1 ? { unitId: town } : {}),
    })
    expect(g.total).toBe(total)
    expect(g.rows.length).toBe(Math.min(total, 200))
    if (q.grade && q.grade !== '未录入') expect(g.rows.every((r) => r.grade === q.grade)).toBe(true)
    if (q.grade === '未录入') expect(g.rows.every((r) => r.grade === null)).toBe(true)
    if (firstNames) expect(g.rows.slice(0, firstNames.length).map((r) => r.name)).toEqual(firstNames)
  })

  it('searches by ID number and sorts by grade (优秀 first, not entered last)', () => {
    const { ctx, ids } = county()
    const id = idOf(ctx, ids[7] ?? 0)
    expect(loadYearGrid(ctx, { unitId: null, year: 2025, search: id }).rows.map((r) => r.cadreId)).toEqual([
      ids[7],
    ])
    const byGrade = loadYearGrid(ctx, {
      unitId: null,
      year: 2025,
      sort: { key: 'grade', dir: 'asc' },
      limit: 1000,
    }).rows
    expect(byGrade[0]?.grade).toBe('优秀')
    expect(byGrade.at(-1)?.grade).toBeNull()
    const grades = byGrade.map((r) => r.grade)
    expect(grades.indexOf('称职')).toBeGreaterThan(grades.lastIndexOf('优秀'))
  })

  it('counts per grade in SQL for the unit and year, a grade the regulations do not name apart', () => {
    const { ctx, ids, town } = county()
    setGrades(ctx, { year: 2025, keepUnknown: true, changes: [{ cadreId: ids[4] ?? 0, grade: '很好' }] })
    expect(yearGridCounts(ctx, { unitId: null, year: 2025 })).toEqual({
      year: 2025,
      kind: '年度考核',
      total: 450,
      counts: { 优秀: 90, 称职: 180, 基本称职: 90, 非规定等次: 1, 未录入: 89 },
    })
    const inTown = yearGridCounts(ctx, { unitId: town, year: 2025 })
    expect(inTown.total).toBe(300)
    expect(Object.values(inTown.counts).reduce((a, b) => a + b, 0)).toBe(300)
    expect(
      loadYearGrid(ctx, { unitId: null, year: 2025, grade: '非规定等次' }).rows.map((r) => r.grade),
    ).toEqual(['很好'])
    expect(yearGridCounts(ctx, { unitId: null, year: 2025, kind: '平时考核' }).counts).toEqual({
      未录入: 450,
    })
  })
})

describe('pasted lines resolved in SQL (issue 11)', () => {
  it.each([
    ['a name with its grade', ['干部001', '优秀'], { name: '干部001', raw: '优秀', grade: '称职' }],
    [
      '序号, name, unit, grade',
      ['3', '干部003', '甲镇', '基本称职'],
      { name: '干部003', raw: '基本称职', grade: '基本称职' },
    ],
    ['an ID number and a grade', ['@id:5', '称职'], { name: '干部005', raw: '称职', grade: '优秀' }],
    ['an unknown grade, kept as typed', ['干部006', '很好'], { name: '干部006', raw: '很好' }],
  ] as const)('finds %s', (_what, cells, want) => {
    const { ctx, ids } = county()
    const line = cells.map((c) => (c.startsWith('@id:') ? idOf(ctx, ids[Number(c.slice(4))] ?? 0) : c))
    const [m] = resolvePasted(ctx, { unitId: null, year: 2025, lines: [line] })
    expect(m).toMatchObject({ line: 0, ...want })
  })

  it.each([
    ['a name not in the chosen unit', ['干部002', '优秀'], '本表中没有“干部002”'],
    ['a retired cadre', ['退休甲', '优秀'], '本表中没有“退休甲”'],
    ['a name two people share', ['同名', '优秀'], '本表中有 2 位“同名”，请连同身份证号一起粘贴'],
    [
      'an ID number not in the table',
      ['110101199003071234', '优秀'],
      '本表中没有身份证号为 110101199003071234 的在职干部',
    ],
    ['a line without a grade', ['干部003'], '干部003：这一行没有等次'],
  ] as const)('says why it cannot use %s', (_what, cells, message) => {
    const { ctx, town } = county()
    addCadre(ctx, '同名', { unitId: town })
    addCadre(ctx, '同名', { unitId: town })
    const [m] = resolvePasted(ctx, { unitId: town, year: 2025, lines: [[...cells]] })
    expect(m).toMatchObject({ cadreId: null, message })
  })
})

describe('a grade the regulations do not name, typed in the grid (issue 10)', () => {
  it('is kept as typed with one warning naming the person and the value; the review reads it 待核实', async () => {
    const ctx = recordsContext()
    const unit = addUnit(ctx, '县发改局')
    const a = addCadre(ctx, '张三', { unitId: unit })
    const b = addCadre(ctx, '李四', { unitId: unit })
    const h = createRecordsHandlers(ctx)
    const r = await h['assessments.setGrades']({
      year: 2025,
      changes: [
        { cadreId: a, grade: ' 很 好 ' },
        { cadreId: b, grade: '称职' },
      ],
    })
    expect(r).toMatchObject({ changed: 2, unchanged: 0 })
    expect(r.warnings).toEqual([
      {
        cadreId: a,
        name: '张三',
        message:
          '张三：考核等次“很好”不是规定的名称（应为：优秀、称职、合格、基本称职、基本合格、不称职、不合格、不定等次），已按原样保存；涉及它的审查结果为“待核实”',
      },
    ])
    const rows = loadYearGrid(ctx, { unitId: unit, year: 2025 }).rows
    expect(Object.fromEntries(rows.map((x) => [x.name, x.grade]))).toEqual({ 张三: '很好', 李四: '称职' })
    // 干部任用条例 第二十四条（三）: the assessment rule reads last year's grade; unknown → 待核实.
    const rule = defaultRules('section-chief').filter((d) => d.id === 'assessment')
    const [facts] = loadFacts(ctx.db, { cadreId: a })
    const ev = evaluateCadre(facts!, rule, '2026-03-01')
    expect(ev.rules[0]).toMatchObject({ result: 'unknown' })
    expect(ev.rules[0]?.reason).toContain('2025年度考核等次“很好”不是规定的等次，待核实')
    const [known] = loadFacts(ctx.db, { cadreId: b })
    expect(evaluateCadre(known!, rule, '2026-03-01').rules[0]).toMatchObject({ result: 'pass' })
  })
})

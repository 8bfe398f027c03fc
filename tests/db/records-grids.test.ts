import * as XLSX from '@e965/xlsx'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { importAssessmentResults } from '../../main/records/assessment-import'
import { loadYearGrid, setGrades, yearGridCounts } from '../../main/records/assessments'
import { addRecord } from '../../main/records/entries'
import {
  createRound,
  monthlyRanking,
  roundGrid,
  saveRoundEntries,
  setMonthlyScores,
} from '../../main/records/studies'
import { addCadre, addUnit, auditCount, recordsContext } from './records-helpers'

describe('year grid of 年度考核', () => {
  it('lists every active cadre of a unit and its sub-units, with last year for reference', () => {
    const ctx = recordsContext()
    const town = addUnit(ctx, '某某镇')
    const office = addUnit(ctx, '镇党政办', town)
    const a = addCadre(ctx, '甲', { unitId: town })
    addCadre(ctx, '乙', { unitId: office })
    addCadre(ctx, '丙', { unitId: town, status: '退休' })
    addCadre(ctx, '丁', { unitId: addUnit(ctx, '县财政局') })
    setGrades(ctx, { year: 2024, changes: [{ cadreId: a, grade: '称职' }] })
    const g = loadYearGrid(ctx, { unitId: town, year: 2025 })
    expect(g.rows.map((r) => r.name).sort()).toEqual(['乙', '甲'])
    expect(g.rows.find((r) => r.name === '甲')).toMatchObject({ grade: null, previousGrade: '称职' })
  })

  it('saves 50 pasted grades in one go, each in the audit log, and refuses a batch with a bad grade whole', () => {
    const ctx = recordsContext()
    const unit = addUnit(ctx, '县发改局')
    const ids = Array.from({ length: 50 }, (_, i) => addCadre(ctx, `干部${i + 1}`, { unitId: unit }))
    const grades = ['优秀', '称职', '称职', '基本称职', '不定等次']
    const res = setGrades(ctx, {
      year: 2025,
      changes: ids.map((id, i) => ({ cadreId: id, grade: grades[i % 5] ?? '称职' })),
    })
    expect(res).toEqual({ changed: 50, unchanged: 0 })
    expect(auditCount(ctx, 'assessment')).toBe(50)
    expect(yearGridCounts(ctx, { unitId: unit, year: 2025 }).counts).toEqual({ 优秀: 10, 称职: 20, 基本称职: 10, 不定等次: 10 })
    // The same paste again changes nothing; a short form is understood.
    expect(setGrades(ctx, { year: 2025, changes: [{ cadreId: ids[0] ?? 0, grade: ' 优 ' }] })).toEqual({
      changed: 0,
      unchanged: 1,
    })
    expect(() =>
      setGrades(ctx, {
        year: 2025,
        changes: [
          { cadreId: ids[0] ?? 0, grade: '称职' },
          { cadreId: ids[1] ?? 0, grade: '很好' },
        ],
      }),
    ).toThrow(/第 2 行的等次“很好”无法识别/)
    expect(loadYearGrid(ctx, { unitId: unit, year: 2025 }).rows[0]?.grade).toBe('优秀')
    // Clearing a grade removes it.
    setGrades(ctx, { year: 2025, changes: [{ cadreId: ids[0] ?? 0, grade: null }] })
    expect(loadYearGrid(ctx, { unitId: unit, year: 2025 }).rows[0]?.grade).toBeNull()
  })

  it('imports a results sheet with a report naming row and column of each rejected row', async () => {
    const ctx = recordsContext()
    const a = addCadre(ctx, '张三')
    addCadre(ctx, '李四')
    const idA = (ctx.db.prepare('SELECT id_card FROM cadres WHERE id = ?').get(a) as { id_card: string })
      .id_card
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('考核结果')
    ws.addRow(['2025年度考核结果'])
    ws.addRow(['序号', '姓名', '身份证号', '年度', '等次'])
    ws.addRow([1, '张 三', idA, 2025, '优秀'])
    ws.addRow([2, '李四', '', '2025', '称职'])
    ws.addRow([3, '王五', '', 2025, '称职'])
    ws.addRow([4, '李四', '', 2024, '很好'])
    ws.addRow([5, '张三', 410821198506150000, 2024, '称职'])
    ws.addRow(['填表人：某某'])
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
    const dry = await importAssessmentResults(ctx, bytes, { fileName: 'r.xlsx', dryRun: true })
    expect(dry).toMatchObject({ sheet: '考核结果', headerRow: 2, rows: 5, inserted: 3, updated: 0 })
    expect(dry.rejected.map((r) => [r.row, r.column, r.key])).toEqual([
      [5, 'B', 'name'],
      [7, 'C', 'idCard'],
    ])
    expect(dry.rejected[1]?.message).toContain('Excel 存成了数字')
    // A grade the regulations do not name: the row is kept as typed, one warning naming row and column.
    expect(dry.warnings.map((w) => [w.row, w.column, w.key, w.value])).toEqual([[6, 'E', 'grade', '很好']])
    expect(dry.warnings[0]?.message).toMatch(/^第 6 行 E 列：考核等次“很好”不是规定的名称（应为：优秀、称职/)
    expect(yearGridCounts(ctx, { unitId: null, year: 2025 }).counts).toEqual({ 未录入: 2 })
    const done = await importAssessmentResults(ctx, bytes, { fileName: 'r.xlsx' })
    expect(done.inserted).toBe(3)
    expect(loadYearGrid(ctx, { unitId: null, year: 2024 }).rows.find((r) => r.name === '李四')?.grade).toBe('很好')
    const g = loadYearGrid(ctx, { unitId: null, year: 2025 })
    expect(Object.fromEntries(g.rows.map((r) => [r.name, r.grade]))).toEqual({ 张三: '优秀', 李四: '称职' })
  })
  it('reads an old .xls results sheet (no 年度 column: the year chosen) and refuses a file that is not a spreadsheet', async () => {
    const ctx = recordsContext()
    const a = addCadre(ctx, '张三')
    const idA = (ctx.db.prepare('SELECT id_card FROM cadres WHERE id = ?').get(a) as { id_card: string })
      .id_card
    const sheet = XLSX.utils.aoa_to_sheet([
      ['姓名', '公民身份号码', '考核等次'],
      ['张三', idA, '基本称职'],
    ])
    const wb = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(wb, sheet, '结果')
    const xls = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer)
    await expect(importAssessmentResults(ctx, xls, { fileName: 'r.xls' })).rejects.toThrow(/没有“年度”列/)
    const r = await importAssessmentResults(ctx, xls, { fileName: 'r.xls', year: 2025 })
    expect([r.sheet, r.headerRow, r.inserted]).toEqual(['结果', 1, 1])
    expect(loadYearGrid(ctx, { unitId: null, year: 2025 }).rows[0]?.grade).toBe('基本称职')
    await expect(
      importAssessmentResults(ctx, new TextEncoder().encode('姓名,等次\n张三,优秀'), { fileName: 'r.csv' }),
    ).rejects.toThrow(/r\.csv/)
  })
})

describe('研判 rounds', () => {
  it('builds the group from current postings, totals by weight and ranks with ties', () => {
    const ctx = recordsContext('2026-11-22')
    const ids = ['甲', '乙', '丙', '丁'].map((n) => addCadre(ctx, n))
    for (const id of ids)
      addRecord(ctx, 'postings', id, { kind: '第一书记', place: '某村', start: '2025-01', end: null })
    const other = addCadre(ctx, '戊')
    addRecord(ctx, 'postings', other, { kind: '驻村工作队员', place: '某村', start: '2025-01', end: null })
    const round = createRound(ctx, {
      name: '2026年下半年第一书记研判',
      date: '2026-11-20',
      dimensions: [
        { name: '政治素养', weight: 30 },
        { name: '工作实绩', weight: 50 },
        { name: '群众评价', weight: 20 },
      ],
      group: { kind: 'posting', postingKind: '第一书记' },
    })
    expect(round).toMatchObject({ members: 4, groupLabel: '全体第一书记' })
    const grid = roundGrid(ctx, round.id)
    const by = (n: string) => grid.rows.find((r) => r.name === n)?.studyId ?? 0
    saveRoundEntries(ctx, round.id, [
      {
        studyId: by('甲'),
        scores: { 政治素养: 90, 工作实绩: 80, 群众评价: 100 },
        conclusion: null,
        recommendation: null,
      }, // 87
      {
        studyId: by('乙'),
        scores: { 政治素养: 100, 工作实绩: 90, 群众评价: 80 },
        conclusion: '优秀',
        recommendation: '列入后备',
      }, // 91
      {
        studyId: by('丙'),
        scores: { 政治素养: 80, 工作实绩: 90, 群众评价: 90 },
        conclusion: null,
        recommendation: null,
      }, // 87
      { studyId: by('丁'), scores: { 政治素养: 70 }, conclusion: null, recommendation: null },
    ])
    const after = roundGrid(ctx, round.id)
    const row = (n: string) => after.rows.find((r) => r.name === n)
    expect([row('乙')?.total, row('乙')?.rank, row('乙')?.conclusion]).toEqual([91, 1, '优秀'])
    expect([row('甲')?.total, row('甲')?.rank, row('丙')?.rank]).toEqual([87, 2, 2])
    expect([row('丁')?.total, row('丁')?.rank]).toEqual([null, null])
    expect(row('甲')?.suggestedConclusion).toBe('较好')
    expect(after.round.scored).toBe(3)
    expect(() =>
      saveRoundEntries(ctx, round.id, [
        { studyId: by('丁'), scores: { 政治素养: 120 }, conclusion: null, recommendation: null },
      ]),
    ).toThrow(/0 到 100/)
    expect(() =>
      createRound(ctx, {
        name: '2026年下半年第一书记研判',
        date: '2026-11-20',
        dimensions: [{ name: 'a', weight: 1 }],
        group: { kind: 'manual', cadreIds: [other] },
      }),
    ).toThrow(/已有名为/)
  })

  it('ranks stationed cadres by monthly score', () => {
    const ctx = recordsContext('2026-11-22')
    const [a, b, c] = ['甲', '乙', '丙'].map((n) => addCadre(ctx, n))
    for (const id of [a, b, c])
      addRecord(ctx, 'postings', id ?? 0, {
        kind: '驻村工作队员',
        place: '某村',
        start: '2026-01',
        end: null,
      })
    setMonthlyScores(ctx, {
      month: '2026-10',
      entries: [
        { cadreId: a ?? 0, score: 88 },
        { cadreId: b ?? 0, score: 95 },
      ],
    })
    const r = monthlyRanking(ctx, { month: '2026-10' })
    expect(r.map((x) => [x.name, x.score, x.rank])).toEqual([
      ['乙', 95, 1],
      ['甲', 88, 2],
      ['丙', null, null],
    ])
  })
})

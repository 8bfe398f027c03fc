/**
 * Cross-checks where records enter (issue 10): the write channels return them as `warnings`
 * (records add/update, the year grid, reserve add), the Excel import of grades lists them per row
 * with its column, an exchange-file load reports them per cadre. Each is saved all the same.
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import { createRecordsHandlers } from '../../main/ipc/handlers/records'
import { importAssessmentResults } from '../../main/records/assessment-import'
import { listRecords } from '../../main/records/entries'
import { listPool } from '../../main/records/reserve'
import { loadExchangeText } from '../../main/services/exchange'
import { addCadre, recordsContext } from './records-helpers'

const talk = (date: string, kind: string) => ({
  kind: 'talks' as const,
  data: { date, kind, talker: '王书记', reason: null, content: null, followUp: null, followUpDeadline: null, docNo: null },
})
const grade = (year: number, g: string) => ({ kind: 'assessments' as const, data: { year, kind: '年度考核', grade: g } })

describe('cross-checks returned by the write channels', () => {
  it('优秀 in a 诫勉 year: warned whichever is entered first, and saved (诫勉规定 2019)', async () => {
    const ctx = recordsContext('2026-11-22')
    const h = createRecordsHandlers(ctx)
    const a = addCadre(ctx, '张三')
    await h['records.add']({ cadreId: a, ...talk('2025-04-01', '诫勉谈话') })
    const g = await h['records.add']({ cadreId: a, ...grade(2025, '优秀') })
    expect(g.crossChecks.map((c) => c.code)).toEqual(['excellent-admonished'])
    expect(g.warnings[0]).toContain('受到诫勉的当年，年度考核不得确定为优秀等次（诫勉规定（2019））')
    expect(listRecords(ctx, 'assessments', a).map((r) => r.grade)).toEqual(['优秀'])

    // The other order: the grade first, then the 诫勉 of that year.
    const b = addCadre(ctx, '李四')
    const g2 = await h['records.add']({ cadreId: b, ...grade(2025, '优秀') })
    expect(g2.warnings).toEqual([])
    const t = await h['records.add']({ cadreId: b, ...talk('2025-09-09', '书面诫勉') })
    expect(t.crossChecks.map((c) => c.code)).toEqual(['excellent-admonished'])
    // Correcting the grade to 称职 clears it.
    const fixed = await h['records.update']({ id: g2.id, ...grade(2025, '称职') })
    expect(fixed.warnings).toEqual([])
  })

  it('a grade while a 记过 runs (公务员考核规定（试行）第二十五条（二）) through the year grid', async () => {
    const ctx = recordsContext('2026-11-22')
    const h = createRecordsHandlers(ctx)
    const a = addCadre(ctx, '王五')
    const b = addCadre(ctx, '赵六')
    await h['records.add']({
      cadreId: a,
      kind: 'discipline',
      data: { date: '2025-05-01', system: '政务', measure: '记过', reason: '违规' },
    })
    const r = await h['assessments.setGrades']({
      year: 2025,
      changes: [
        { cadreId: a, grade: '称职' },
        { cadreId: b, grade: '优秀' },
      ],
    })
    expect(r.changed).toBe(2)
    expect(r.warnings.map((w) => [w.name, w.message.includes('只写评语，不定等次')])).toEqual([['王五', true]])
    expect(r.warnings[0]?.message).toContain('2025.05.01 至 2026.05.01')
  })

  it('a 留党察看一年 and the grades of its year and the next through the year grid and a records edit (组通字〔1998〕19号 第四条)', async () => {
    const ctx = recordsContext('2026-11-22')
    const h = createRecordsHandlers(ctx)
    const a = addCadre(ctx, '察看甲')
    await h['records.add']({
      cadreId: a,
      kind: 'discipline',
      data: { date: '2024-06-18', system: '党纪', measure: '留党察看一年', reason: '违反组织纪律' },
    })
    // the year of the decision: 不称职; the year after: 不定等次; the third year: graded again
    const y1 = await h['assessments.setGrades']({ year: 2024, changes: [{ cadreId: a, grade: '称职' }] })
    expect(y1.warnings.map((w) => w.message)).toEqual([
      '察看甲：2024 年度考核为“称职”，但 2024.06.18 受到留党察看处分：受留党察看处分的当年，年度考核确定为不称职（组通字〔1998〕19号 第四条）',
    ])
    const y2 = await h['assessments.setGrades']({ year: 2025, changes: [{ cadreId: a, grade: '不定等次' }] })
    expect(y2.warnings).toEqual([])
    const y3 = await h['records.add']({ cadreId: a, ...grade(2026, '优秀') })
    expect(y3.warnings).toEqual([])
    // saved as entered all the same
    expect(listRecords(ctx, 'assessments', a).map((r) => r.grade).sort()).toEqual(['不定等次', '优秀', '称职'].sort())
  })

  it('reserve add: an impact period, 立案审查 and a level below the pool’s are said per person; all added', async () => {
    const ctx = recordsContext('2026-11-22')
    const h = createRecordsHandlers(ctx)
    const admonished = addCadre(ctx, '诫勉甲')
    const clerk = addCadre(ctx, '科员乙')
    const deputy = addCadre(ctx, '副科丙')
    ctx.db.prepare("UPDATE cadres SET position_level = '一般干部', rank = '一级科员' WHERE id IN (?, ?)").run(admonished, clerk)
    ctx.db.prepare("UPDATE cadres SET position_level = '副科' WHERE id = ?").run(deputy)
    await h['records.add']({ cadreId: admonished, ...talk('2026-08-03', '诫勉谈话') })
    const r = await h['reserve.add']({
      cadreIds: [admonished, clerk, deputy],
      level: '正科级后备',
      entryWay: '民主推荐',
      entryDate: '2026-11',
    })
    expect(r.added).toBe(3)
    const articles = ['（条例 第二十四条（六））', '（条例 第八条（三）；公务员职务、职级与级别管理办法）']
    expect(r.warnings.map((w) => [w.name, articles.findIndex((x) => w.message.endsWith(x))])).toEqual([
      ['诫勉甲', 0],
      ['诫勉甲', 1],
      ['科员乙', 1],
    ])
    expect(r.warnings[0]?.message).toContain('影响期至 2027.02.03')
    expect(listPool(ctx, { level: '正科级后备' })).toHaveLength(3)

    // The same through the records editor's 后备干部 section.
    const e = await h['records.add']({
      cadreId: clerk,
      kind: 'reserve',
      data: { level: '副科级后备', entryDate: '2026-11', entryWay: null, status: '在库', exitDate: null, exitReason: null },
    })
    expect(e.crossChecks).toEqual([])
    const e2 = await h['records.add']({
      cadreId: deputy,
      kind: 'reserve',
      data: { level: '副科级后备', entryDate: '2026-11', entryWay: null, status: '在库', exitDate: null, exitReason: null },
    })
    expect(e2.crossChecks.map((c) => c.code)).toEqual(['pool-at-level'])
  })
})

describe('cross-checks on the Excel import of grades', () => {
  it('lists each on its row with the grade column, in the preview row too, and imports the grade', async () => {
    const ctx = recordsContext('2026-11-22')
    const h = createRecordsHandlers(ctx)
    const a = addCadre(ctx, '张三')
    addCadre(ctx, '李四')
    await h['records.add']({ cadreId: a, ...talk('2025-04-01', '谈话诫勉') })
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('考核结果')
    ws.addRow(['序号', '姓名', '年度', '考核等次'])
    ws.addRow([1, '李四', 2025, '称职'])
    ws.addRow([2, '张三', 2025, '优秀'])
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
    const dry = await importAssessmentResults(ctx, bytes, { fileName: '考核.xlsx', dryRun: true })
    expect(dry.warnings.map((w) => [w.row, w.column, w.key])).toEqual([[3, 'D', 'grade']])
    expect(dry.warnings[0]?.message).toMatch(/^第 3 行 D 列：张三，2025 年度考核为“优秀”，但 2025\.04\.01 受到诫勉谈话/)
    expect(dry.preview.map((p) => p.warnings.length)).toEqual([0, 1])
    const done = await importAssessmentResults(ctx, bytes, { fileName: '考核.xlsx' })
    expect(done.inserted).toBe(2)
    expect(listRecords(ctx, 'assessments', a).map((r) => r.grade)).toEqual(['优秀'])
  })
})

describe('cross-checks on an exchange-file load', () => {
  it('warns per cadre and item, and loads everything', () => {
    const ctx = recordsContext('2026-11-22')
    const doc = {
      format: 'cadre-exchange',
      version: 1,
      units: [],
      cadres: [
        {
          idCard: makeIdCard('410821', '19850615', 11),
          name: '钱七',
          assessments: [{ year: 2024, kind: '年度考核', grade: '优秀' }],
          discipline: [{ date: '2024-03-01', system: '政务', measure: '警告', reason: null }],
        },
      ],
    }
    const r = loadExchangeText(ctx, JSON.stringify(doc), 'x.json')
    expect(r.inserted).toBe(1)
    const w = r.warnings.filter((x) => x.key === 'assessments')
    expect(w.map((x) => [x.row, x.message.slice(0, 9)])).toEqual([[1, '年度考核第 1 项']])
    expect(w[0]?.message).toContain('公务员考核规定（试行）第二十五条（一）')
  })
})

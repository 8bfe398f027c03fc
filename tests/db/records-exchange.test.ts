/**
 * Every kind of record goes out through `dump` and back through `load` exactly, and what the
 * records screens derive from them (impact periods in the roster, the pool, the stationed) follows.
 */
import { describe, expect, it } from 'vitest'
import { addRecord, listRecords } from '../../main/records/entries'
import { RECORD_KINDS } from '../../main/records/kinds'
import { stationedAt } from '../../main/records/postings'
import { addToPool, listPool } from '../../main/records/reserve'
import { createRound, listRounds, roundGrid, saveRoundEntries } from '../../main/records/studies'
import { setGrades } from '../../main/records/assessments'
import { queryCadres } from '../../main/services/cadres'
import { dumpExchange, loadExchangeText } from '../../main/services/exchange'
import type { AppContext } from '../../main/services/context'
import { addCadre, addUnit, recordsContext } from './records-helpers'

function strip(ctx: AppContext, cadreId: number) {
  return Object.fromEntries(
    RECORD_KINDS.map((k) => [
      k,
      listRecords(ctx, k, cadreId).map((r) => {
        const { id: _i, cadreId: _c, ...rest } = r as unknown as Record<string, unknown>
        return rest
      }),
    ]),
  )
}

describe('records through dump and load', () => {
  it('come back exactly, every kind', () => {
    const src = recordsContext('2026-11-22')
    const unit = addUnit(src, '某某镇')
    const a = addCadre(src, '张三', { unitId: unit })
    const b = addCadre(src, '李四', { unitId: unit, gender: '女' })
    setGrades(src, {
      year: 2024,
      changes: [
        { cadreId: a, grade: '称职' },
        { cadreId: b, grade: '优秀' },
      ],
    })
    setGrades(src, {
      year: 2025,
      changes: [
        { cadreId: a, grade: '优秀' },
        { cadreId: b, grade: '基本称职' },
      ],
    })
    addRecord(src, 'assessments', a, { year: 2025, kind: '平时考核', grade: '优秀' })
    addRecord(src, 'postings', a, { kind: '第一书记', place: '红星村', start: '2025-06', end: null })
    addRecord(src, 'postings', b, { kind: '驻村工作队员', place: '向阳村', start: '2021-06', end: '2023-06' })
    const round = createRound(src, {
      name: '2026年上半年研判',
      date: '2026-06-30',
      dimensions: [
        { name: '政治素养', weight: 40 },
        { name: '工作实绩', weight: 60 },
      ],
      group: { kind: 'manual', cadreIds: [a, b] },
    })
    const grid = roundGrid(src, round.id)
    saveRoundEntries(
      src,
      round.id,
      grid.rows.map((r) => ({
        studyId: r.studyId,
        scores: { 政治素养: 92, 工作实绩: 85.5 },
        conclusion: '较好',
        recommendation: '重点培养',
      })),
    )
    addRecord(src, 'talks', a, {
      date: '2026-08-03',
      kind: '诫勉谈话',
      talker: '县委组织部 王某',
      reason: '履职不力，群众反映强烈',
      content: '指出问题，提出要求',
      followUp: '一个月内提交整改报告',
      followUpDeadline: '2026-09-03',
      docNo: '组诫〔2026〕3号',
    })
    addRecord(src, 'talks', b, {
      date: '2026-03-01',
      kind: '督办',
      talker: null,
      reason: null,
      content: null,
      followUp: null,
      followUpDeadline: null,
      docNo: null,
    })
    addRecord(src, 'discipline', b, {
      date: '2026-01-10',
      system: '党纪',
      measure: '严重警告',
      reason: '违反工作纪律',
    })
    addRecord(src, 'rewards', a, { date: '2024-12-01', name: '优秀共产党员', issuer: '县委' })
    addRecord(src, 'rewards', b, { date: null, name: '三八红旗手', issuer: null })
    addToPool(src, {
      cadreIds: [a, b],
      level: '正科级后备',
      entryWay: '一线锻炼表现突出直接确定',
      entryDate: '2025-03',
    })
    const entryB = listPool(src).find((r) => r.cadreId === b)
    addRecord(src, 'reserve', b, {
      level: '副科级后备',
      entryDate: '2020-03',
      entryWay: '民主推荐',
      status: '已使用',
      exitDate: '2022-01',
      exitReason: '提拔使用',
    })
    expect(entryB).toBeDefined()
    addRecord(src, 'training', a, {
      name: '全县中青年干部培训班',
      start: '2025-03-01',
      end: '2025-03-20',
      hours: 90,
    })
    addRecord(src, 'training', b, { name: '乡村振兴专题网络培训', start: null, end: null, hours: 12.5 })

    const first = dumpExchange(src, '2026-11-22T10:00:00Z')
    const text = JSON.stringify(first)
    const dst = recordsContext('2026-11-22')
    const report = loadExchangeText(dst, text, 'records.json')
    expect(report.rejected).toEqual([])
    expect(report.inserted).toBe(2)
    const second = dumpExchange(dst, '2026-11-22T10:00:00Z')
    expect(second).toEqual(first)

    // Record by record, every kind, through the records services of the new database.
    const idOf = (ctx: AppContext, name: string) =>
      (ctx.db.prepare('SELECT id FROM cadres WHERE name = ?').get(name) as { id: number }).id
    for (const name of ['张三', '李四'])
      expect(strip(dst, idOf(dst, name))).toEqual(strip(src, idOf(src, name)))
    const exported = first.cadres.find((c) => c.name === '张三') as unknown as Record<string, unknown[]>
    for (const k of ['assessments', 'studies', 'talks', 'rewards', 'reserve', 'postings', 'training'])
      expect(exported[k]?.length).toBeGreaterThan(0)

    // What the screens derive follows the loaded rows.
    const roster = queryCadres(dst, { offset: 0, limit: 10, filters: { impactUntil: { op: 'notBlank' } } })
    expect(Object.fromEntries(roster.rows.map((r) => [r.name, r.impactUntil]))).toEqual({
      张三: '2027-02-03',
      李四: '2027-07-10',
    })
    expect(stationedAt(dst).map((s) => s.name)).toEqual(['张三'])
    expect(
      listPool(dst, { statuses: ['在库'] })
        .map((r) => r.name)
        .sort(),
    ).toEqual(['张三', '李四'])
    // The round comes back as a round (its dimensions from the scores) with the same totals and ranks.
    const rounds = listRounds(dst)
    expect(rounds.map((r) => [r.name, r.date, r.members, r.scored])).toEqual([
      ['2026年上半年研判', '2026-06-30', 2, 2],
    ])
    expect(roundGrid(dst, rounds[0]?.id ?? 0).rows.map((r) => r.rank)).toEqual([1, 1])
    expect(dumpExchange(dst, '2026-11-22T10:00:00Z')).toEqual(first)
  })
})

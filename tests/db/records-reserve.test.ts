import { describe, expect, it } from 'vitest'
import { addRecord } from '../../main/records/entries'
import { stationedAt } from '../../main/records/postings'
import { addToPool, listPool, poolFigures, setPoolStatus } from '../../main/records/reserve'
import { addCadre, auditCount, recordsContext } from './records-helpers'

describe('reserve pool', () => {
  it('adds several at once, skips those already in, removes with a reason, counts by level, age band and gender', () => {
    const ctx = recordsContext('2026-11-22')
    const a = addCadre(ctx, '甲', { birth: '1992-03', gender: '女' }) // 34
    const b = addCadre(ctx, '乙', { birth: '1985-12' }) // 40
    const c = addCadre(ctx, '丙', { birth: '1970-01' }) // 56
    const gone = addCadre(ctx, '丁', { status: '退休' })
    const res = addToPool(ctx, {
      cadreIds: [a, b, c, gone],
      level: '副科级后备',
      entryWay: '民主推荐',
      entryDate: '2025-03',
    })
    expect(res.added).toBe(3)
    expect(res.skipped).toEqual([{ cadreId: gone, name: '丁', reason: '状态为“退休”，不能入库' }])
    expect(auditCount(ctx, 'reserve')).toBe(3)
    const again = addToPool(ctx, {
      cadreIds: [a],
      level: '副科级后备',
      entryWay: '组织推荐',
      entryDate: '2026-01',
    })
    expect(again).toEqual({ added: 0, skipped: [{ cadreId: a, name: '甲', reason: '已在副科级后备库中' }], warnings: [] })
    addToPool(ctx, {
      cadreIds: [b],
      level: '正科级后备',
      entryWay: '一线锻炼表现突出直接确定',
      entryDate: '2026-01',
    })

    const pool = listPool(ctx, { statuses: ['在库'] })
    expect(pool).toHaveLength(4)
    const entryC = pool.find((r) => r.name === '丙' && r.level === '副科级后备')
    expect(() => setPoolStatus(ctx, { entryId: entryC?.id ?? 0, status: '已撤销', reason: ' ' })).toThrow(
      /须写明原因/,
    )
    const removed = setPoolStatus(ctx, {
      entryId: entryC?.id ?? 0,
      status: '已撤销',
      reason: '年龄超过后备干部条件',
      date: '2026-11',
    })
    expect(removed).toMatchObject({
      status: '已撤销',
      exitDate: '2026-11',
      exitReason: '年龄超过后备干部条件',
    })
    const entryA = pool.find((r) => r.name === '甲')
    expect(setPoolStatus(ctx, { entryId: entryA?.id ?? 0, status: '已列为考察对象' })).toMatchObject({
      status: '已列为考察对象',
      exitDate: null,
    })

    const f = poolFigures(ctx)
    expect(f.total).toBe(3) // 甲 (考察对象), 乙 twice
    expect(f.byLevel).toEqual([
      { level: '副科级后备', count: 2, women: 1, averageAge: 37 },
      { level: '正科级后备', count: 1, women: 0, averageAge: 40 },
    ])
    expect(f.byAgeBand.filter((x) => x.count > 0)).toEqual([
      { band: '35岁及以下', count: 1 },
      { band: '36-40岁', count: 2 },
    ])
    expect(f.byGender).toEqual([
      { gender: '男', count: 2 },
      { gender: '女', count: 1 },
    ])
    expect(f.byStatus.find((s) => s.status === '已撤销')?.count).toBe(1)
    expect(poolFigures(ctx, { level: '正科级后备' }).total).toBe(1)
  })
})

describe('postings', () => {
  it('knows who is stationed now', () => {
    const ctx = recordsContext('2026-11-22')
    const a = addCadre(ctx, '甲')
    const b = addCadre(ctx, '乙')
    const c = addCadre(ctx, '丙')
    addRecord(ctx, 'postings', a, { kind: '第一书记', place: '红星村', start: '2025-06', end: null })
    addRecord(ctx, 'postings', b, { kind: '驻村工作队员', place: '红星村', start: '2024-06', end: '2026-11' })
    addRecord(ctx, 'postings', c, { kind: '第一书记', place: '向阳村', start: '2021-06', end: '2023-06' })
    expect(stationedAt(ctx).map((r) => [r.name, r.kind])).toEqual([
      ['甲', '第一书记'],
      ['乙', '驻村工作队员'],
    ])
    expect(stationedAt(ctx, { kind: '第一书记' }).map((r) => r.name)).toEqual(['甲'])
    expect(stationedAt(ctx, { at: '2022-01-01' }).map((r) => r.name)).toEqual(['丙'])
    expect(() =>
      addRecord(ctx, 'postings', a, { kind: '第一书记', place: null, start: '2025-06', end: '2024-01' }),
    ).toThrow(/结束时间早于开始时间/)
  })
})

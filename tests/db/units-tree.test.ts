/**
 * The unit tree edited: merge (cadres reassigned, children and 职数 carried over, audited; never
 * into itself or its own child), duplicate names refused, order; 职数 (a number below zero refused
 * with a message) against holders; the cadre editor refuses a unit that is not in the tree.
 */
import { describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import { createCoreHandlers } from '../../main/ipc/handlers/core'
import { createDispatcher, type Handlers } from '../../main/ipc/registry'
import type { AppContext } from '../../main/services/context'
import {
  getUnitPosts,
  listUnits,
  mergeUnits,
  moveUnitOrder,
  saveUnit,
  setUnitPosts,
} from '../../main/services/units'
import { postsAgainstHolders } from '../../main/stats/compute'
import { memoryContext } from '../context'

let seq = 0
function cadre(ctx: AppContext, unitId: number, level: string, status = '在职'): number {
  seq++
  return Number(
    ctx.db
      .prepare(
        `INSERT INTO cadres (id_card, name, gender, birth_date, unit_id, position_level, status, created_at, updated_at)
         VALUES (?, ?, '男', '1980-01', ?, ?, ?, 'x', 'x')`,
      )
      .run(makeIdCard('410821', '19800115', (seq * 2 + 1) % 1000), `干部${seq}`, unitId, level, status)
      .lastInsertRowid,
  )
}

function county(): { ctx: AppContext; fin: number; office: number; tax: number; town: number } {
  const ctx = memoryContext({ at: '2026-11-30' })
  const fin = saveUnit(ctx, { id: null, name: '县财政局', parentId: null, kind: '县直部门' }).id
  const office = saveUnit(ctx, { id: null, name: '县财政局办公室', parentId: fin, kind: '县直部门' }).id
  const tax = saveUnit(ctx, { id: null, name: '县国库支付中心', parentId: null, kind: '事业单位' }).id
  const town = saveUnit(ctx, { id: null, name: '红星镇', parentId: null, kind: '乡镇' }).id
  return { ctx, fin, office, tax, town }
}

describe('merging units', () => {
  it('reassigns the cadres, carries 职数 over, is audited and removes the merged unit', () => {
    const { ctx, fin, tax } = county()
    const a = cadre(ctx, tax, '副科')
    const b = cadre(ctx, tax, '一般干部', '退休')
    setUnitPosts(ctx, tax, [{ level: '副科', allotted: 1, vacantSince: null }])
    setUnitPosts(ctx, fin, [{ level: '副科', allotted: 3, vacantSince: '2026-03-01' }])
    const r = mergeUnits(ctx, tax, fin)
    expect(r.cadres).toBe(2)
    expect(r.into.name).toBe('县财政局')
    const units = ctx.db.prepare('SELECT unit_id FROM cadres WHERE id IN (?, ?)').pluck().all(a, b)
    expect(units).toEqual([fin, fin])
    expect(listUnits(ctx).map((u) => u.name)).not.toContain('县国库支付中心')
    expect(getUnitPosts(ctx, fin)).toEqual([{ level: '副科', allotted: 4, vacantSince: '2026-03-01' }])
    const audit = ctx.db.prepare("SELECT summary, before FROM audit_log WHERE action = 'merge'").get() as {
      summary: string
      before: string
    }
    expect(audit.summary).toBe('将单位“县国库支付中心”合并到“县财政局”：2 名干部的工作单位改为“县财政局”')
    expect(JSON.parse(audit.before)).toEqual({ unit: '县国库支付中心', cadreIds: [a, b] })
  })

  it.each<[string, 'child' | 'self', string]>([
    ['into its own child', 'child', '不能把“县财政局”合并到它自己的下级单位“县财政局办公室”'],
    ['into itself', 'self', '不能把“县财政局”合并到它自己'],
  ])('refuses a merge %s, nothing changed', (_c, into, message) => {
    const { ctx, fin, office } = county()
    const a = cadre(ctx, fin, '正科')
    expect(() => mergeUnits(ctx, fin, into === 'child' ? office : fin)).toThrow(message)
    expect(ctx.db.prepare('SELECT unit_id FROM cadres WHERE id = ?').pluck().get(a)).toBe(fin)
    expect(listUnits(ctx)).toHaveLength(4)
  })

  it('moves the children of the merged unit under the target', () => {
    const { ctx, fin, office, town } = county()
    mergeUnits(ctx, fin, town)
    expect(listUnits(ctx).find((u) => u.id === office)?.parentId).toBe(town)
  })
})

describe('names, order', () => {
  it('refuses a unit name that already exists, on add and on rename', () => {
    const { ctx, tax } = county()
    expect(() => saveUnit(ctx, { id: null, name: '县财政局', parentId: null, kind: null })).toThrow(
      '单位“县财政局”已存在',
    )
    expect(() => saveUnit(ctx, { id: tax, name: ' 县财政局 ', parentId: null, kind: null })).toThrow(
      '单位“县财政局”已存在',
    )
  })

  it('moves a unit up among its siblings', () => {
    const { ctx, town } = county()
    const top = () =>
      listUnits(ctx)
        .filter((u) => u.parentId === null)
        .map((u) => u.name)
    expect(top()).toEqual(['县财政局', '县国库支付中心', '红星镇'])
    moveUnitOrder(ctx, town, 'up')
    expect(top()).toEqual(['县财政局', '红星镇', '县国库支付中心'])
  })
})

describe('职数 against holders', () => {
  it.each<[string, number, number, number, number]>([
    // [case, allotted, holders, vacant, over]
    ['配齐', 2, 2, 0, 0],
    ['空缺', 3, 1, 2, 0],
    ['超职数配备', 1, 3, 0, 2],
    ['核定 0 无人', 0, 0, 0, 0],
  ])('%s', (_c, allotted, holders, vacant, over) => {
    const { ctx, fin } = county()
    for (let i = 0; i < holders; i++) cadre(ctx, fin, '副科')
    cadre(ctx, fin, '副科', '调出') // not 在职: not a holder
    cadre(ctx, fin, '正科') // another level
    setUnitPosts(ctx, fin, [{ level: '副科', allotted, vacantSince: null }])
    expect(postsAgainstHolders(ctx, '2026-11-30', null)).toEqual([
      {
        unitId: fin,
        unit: '县财政局',
        level: '副科',
        allotted,
        filled: holders,
        vacant,
        over,
        vacantSince: null,
      },
    ])
  })

  it('refuses a number below zero with a message, keeping what was there', () => {
    const { ctx, fin } = county()
    setUnitPosts(ctx, fin, [{ level: '正科', allotted: 1, vacantSince: null }])
    expect(() => setUnitPosts(ctx, fin, [{ level: '副科', allotted: -1, vacantSince: null }])).toThrow(
      '县财政局 副科 的职数为 -1：职数不能小于 0',
    )
    expect(getUnitPosts(ctx, fin)).toEqual([{ level: '正科', allotted: 1, vacantSince: null }])
  })
})

describe('the cadre editor picks the unit from the tree', () => {
  it('refuses a unit that is not in the tree and creates none', async () => {
    const { ctx } = county()
    const dispatch = createDispatcher(createCoreHandlers(ctx, { host: 'test' }) as Handlers)
    const idCard = makeIdCard('410821', '19800115', 901)
    const r = await dispatch('cadres.save', { id: null, name: '张三', idCard, unit: '红星' })
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'unknown-unit',
        fields: { unit: expect.stringContaining('工作单位“红星”不在单位树中') },
      },
    })
    expect(listUnits(ctx).map((u) => u.name)).not.toContain('红星')
    const ok = await dispatch('cadres.save', { id: null, name: '张三', idCard, unit: '红星镇' })
    expect(ok).toMatchObject({ ok: true, value: { unit: '红星镇' } })
  })
})

/**
 * The vacancies a candidate could fill, shown in the eligibility review (issue 13): for 提任副科 the
 * units with a vacant 副科 post at the review date (allotted − holders 在职 then), with the day it
 * fell vacant; the candidate's own unit first, then the longest vacant; none for a 职级 promotion.
 * Counted against holders independently here (one SQL count per unit), on a real database.
 */
import { describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import { createStatsHandlers } from '../../main/ipc/handlers/stats'
import type { AppContext } from '../../main/services/context'
import { loadDemo } from '../../main/services/demo'
import { saveUnit, setUnitPosts } from '../../main/services/units'
import { vacanciesFor } from '../../main/units/vacancies'
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
      .run(makeIdCard('410821', '19800115', (seq * 2 + 1) % 1000), `干部${seq}`, unitId, level, status).lastInsertRowid,
  )
}

function county() {
  const ctx = memoryContext({ at: '2026-11-30' })
  const dept = saveUnit(ctx, { id: null, name: '县直部门', parentId: null, kind: null }).id
  const fin = saveUnit(ctx, { id: null, name: '县财政局', parentId: dept, kind: '县直部门' }).id
  const edu = saveUnit(ctx, { id: null, name: '县教育局', parentId: dept, kind: '县直部门' }).id
  const town = saveUnit(ctx, { id: null, name: '城关镇', parentId: null, kind: '乡镇' }).id
  const full = saveUnit(ctx, { id: null, name: '县审计局', parentId: dept, kind: '县直部门' }).id
  setUnitPosts(ctx, fin, [
    { level: '正科', allotted: 1, vacantSince: null },
    { level: '副科', allotted: 3, vacantSince: '2026-05-01' },
  ])
  setUnitPosts(ctx, edu, [{ level: '副科', allotted: 2, vacantSince: '2025-09-01' }])
  setUnitPosts(ctx, town, [{ level: '副科', allotted: 4, vacantSince: null }])
  setUnitPosts(ctx, full, [{ level: '副科', allotted: 1, vacantSince: null }])
  cadre(ctx, fin, '正科')
  cadre(ctx, fin, '副科')
  cadre(ctx, edu, '副科')
  cadre(ctx, town, '副科')
  cadre(ctx, town, '副科')
  cadre(ctx, town, '副科', '退休') // not a holder
  cadre(ctx, full, '副科')
  const candidate = cadre(ctx, town, '一般干部')
  return { ctx, fin, edu, town, full, candidate }
}

describe('vacancies for a review target', () => {
  it('lists the vacant 副科 posts, the candidate’s own unit first, then the longest vacant', () => {
    const { ctx, fin, edu, town, candidate } = county()
    const r = vacanciesFor(ctx, { target: 'deputy-section', cadreId: candidate })
    expect(r.level).toBe('副科')
    expect(r.unitsWithPosts).toBe(4)
    expect(r.vacancies.map((v) => [v.unit, v.allotted, v.filled, v.vacant, v.vacantSince, v.near])).toEqual([
      ['城关镇', 4, 2, 2, null, true],
      ['县教育局', 2, 1, 1, '2025-09-01', false],
      ['县财政局', 3, 1, 2, '2026-05-01', false],
    ])
    expect(r.vacancies.map((v) => v.unitId)).toEqual([town, edu, fin])
    expect(r.vacancies[1]?.path).toBe('县直部门 › 县教育局')
  })

  it.each([
    { target: 'section-chief' as const, level: '正科', units: [] as string[], note: null },
    { target: 'rank-1' as const, level: null, units: [] as string[], note: '一级主任科员是职级晋升，不占领导职数，不列空缺职位' },
  ])('$target: $level', ({ target, level, units, note }) => {
    const { ctx } = county()
    const r = vacanciesFor(ctx, { target })
    expect(r.level).toBe(level)
    expect(r.vacancies.map((v) => v.unit)).toEqual(units)
    expect(r.note).toBe(note)
  })

  it('agrees with an independent count on the demo county, through the channel', async () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    loadDemo(ctx, { count: 600 })
    const units = ctx.db.prepare('SELECT id FROM units ORDER BY id LIMIT 6').pluck().all() as number[]
    units.forEach((u, i) => setUnitPosts(ctx, u, [{ level: '副科', allotted: i + 1, vacantSince: i % 2 ? '2026-01-01' : null }]))
    const r = await createStatsHandlers(ctx)['posts.vacancies']({ target: 'deputy-section' })
    const expected = units.flatMap((u, i) => {
      const held = ctx.db
        .prepare("SELECT count(*) FROM cadres WHERE unit_id = ? AND position_level = '副科' AND status = '在职'")
        .pluck()
        .get(u) as number
      return i + 1 - held > 0 ? [{ unitId: u, vacant: i + 1 - held }] : []
    })
    expect(r.vacancies.map((v) => ({ unitId: v.unitId, vacant: v.vacant })).sort((a, b) => a.unitId - b.unitId)).toEqual(expected)
  })
})

/** The exchange file carries each unit's 职数 (`posts`): dump → load → dump identical; a 职数
 *  below zero in a file is refused with a message and the stored 职数 kept. */
import { describe, expect, it } from 'vitest'
import { exchangeChunks, loadExchangeText } from '../../main/services/exchange'
import { loadDemo } from '../../main/services/demo'
import { getUnitPosts, saveUnit, setUnitPosts } from '../../main/services/units'
import { memoryContext } from '../context'

const AT = '2026-11-30'
const dump = (ctx: ReturnType<typeof memoryContext>) => [...exchangeChunks(ctx, 'T')].join('')

describe('exchange file: posts per unit', () => {
  it('dump → load → dump is byte-identical with 职数', () => {
    const a = memoryContext({ at: AT })
    loadDemo(a, { count: 50 })
    const fin = a.db.prepare("SELECT id FROM units WHERE name = '县财政局'").pluck().get() as number
    setUnitPosts(a, fin, [
      { level: '正科', allotted: 1, vacantSince: null },
      { level: '副科', allotted: 3, vacantSince: '2026-05-01' },
    ])
    const first = dump(a)
    const doc = JSON.parse(first) as { units: { name: string; posts?: unknown }[] }
    expect(doc.units.find((u) => u.name === '县财政局')?.posts).toEqual([
      { level: '正科', allotted: 1, vacantSince: null },
      { level: '副科', allotted: 3, vacantSince: '2026-05-01' },
    ])
    expect(doc.units.filter((u) => 'posts' in u)).toHaveLength(1)
    const b = memoryContext({ at: AT })
    const report = loadExchangeText(b, first, 'a.json')
    expect(report.rejected).toEqual([])
    expect(dump(b)).toBe(first)
  })

  it('refuses a 职数 below zero with a message and keeps the stored ones', () => {
    const ctx = memoryContext({ at: AT })
    const u = saveUnit(ctx, { id: null, name: '县财政局', parentId: null, kind: '县直部门' })
    setUnitPosts(ctx, u.id, [{ level: '正科', allotted: 1, vacantSince: null }])
    const text = JSON.stringify({
      format: 'cadre-exchange',
      version: 1,
      units: [{ name: '县财政局', parent: null, kind: '县直部门', posts: [{ level: '副科', allotted: -2 }] }],
      cadres: [],
    })
    const report = loadExchangeText(ctx, text, 'bad.json')
    expect(report.rejected).toEqual([
      {
        key: 'posts',
        value: '县财政局',
        message: '单位“县财政局”副科 的职数为 -2：职数不能小于 0，该单位的职数未载入',
      },
    ])
    expect(getUnitPosts(ctx, u.id)).toEqual([{ level: '正科', allotted: 1, vacantSince: null }])
  })
})

/** The exchange file carries each cadre's 原法定退休年龄 (`retireBaseAge`, issue 13) when it is set:
 *  dump → load → dump byte-identical; a cadre on the default by gender has no key; a value other
 *  than 50 / 55 / 60 rejects that cadre with a message; null resets a known cadre to the default. */
import { describe, expect, it } from 'vitest'
import { exchangeChunks, loadExchangeText } from '../../main/services/exchange'
import { loadDemo } from '../../main/services/demo'
import { setRetireBaseAge } from '../../main/services/retirement'
import { memoryContext } from '../context'

const AT = '2026-11-30'
type Ctx = ReturnType<typeof memoryContext>
const dump = (ctx: Ctx) => [...exchangeChunks(ctx, 'T')].join('')
const women = (ctx: Ctx) =>
  ctx.db.prepare("SELECT id, id_card FROM cadres WHERE gender = '女' ORDER BY id LIMIT 2").all() as {
    id: number
    id_card: string
  }[]
const baseOf = (ctx: Ctx, idCard: string) =>
  ctx.db.prepare('SELECT retire_base_age FROM cadres WHERE id_card = ?').pluck().get(idCard)
const retireOf = (ctx: Ctx, idCard: string) =>
  ctx.db.prepare('SELECT retire_date FROM cadres WHERE id_card = ?').pluck().get(idCard)

describe('exchange file: retireBaseAge per cadre', () => {
  it('dump → load → dump is byte-identical, and only cadres with a set age carry the key', () => {
    const a = memoryContext({ at: AT })
    loadDemo(a, { count: 40 })
    const [w1, w2] = women(a)
    setRetireBaseAge(a, w1!.id, 50)
    setRetireBaseAge(a, w2!.id, 55)
    const first = dump(a)
    const doc = JSON.parse(first) as { cadres: { idCard: string; retireBaseAge?: number }[] }
    const carrying = doc.cadres.filter((c) => 'retireBaseAge' in c)
    expect(carrying.map((c) => [c.idCard, c.retireBaseAge]).sort()).toEqual(
      [
        [w1!.id_card, 50],
        [w2!.id_card, 55],
      ].sort(),
    )
    const b = memoryContext({ at: AT })
    const report = loadExchangeText(b, first, 'a.json')
    expect(report.rejected).toEqual([])
    expect(report.warnings.filter((w) => w.key === 'retireBaseAge')).toEqual([])
    expect(baseOf(b, w1!.id_card)).toBe(50)
    // The 到龄 month follows the loaded age (the generated column), exactly as in the source.
    expect(retireOf(b, w1!.id_card)).toBe(retireOf(a, w1!.id_card))
    expect(dump(b)).toBe(first)
  })

  it.each([
    { name: 'a set age replaces the default', value: 50, stored: 50, audited: true },
    { name: 'null resets to the default by gender', value: null, stored: null, audited: true },
    { name: 'absent keeps what the database has', value: undefined, stored: 55, audited: false },
  ])('on a known cadre: $name', ({ value, stored, audited }) => {
    const ctx = memoryContext({ at: AT })
    loadDemo(ctx, { count: 40 })
    const [w] = women(ctx)
    setRetireBaseAge(ctx, w!.id, 55)
    const doc = JSON.parse(dump(ctx)) as { cadres: Record<string, unknown>[] }
    const cadre = doc.cadres.find((c) => c['idCard'] === w!.id_card)!
    if (value === undefined) delete cadre['retireBaseAge']
    else cadre['retireBaseAge'] = value
    const report = loadExchangeText(ctx, JSON.stringify({ ...doc, cadres: [cadre] }), 'b.json')
    expect(report.rejected).toEqual([])
    expect(baseOf(ctx, w!.id_card)).toBe(stored)
    expect(report.updated).toBe(audited ? 1 : 0)
    const last = ctx.db
      .prepare("SELECT summary FROM audit_log WHERE action = 'update' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get() as string
    if (audited) expect(last).toMatch(/载入交换文件.*原法定退休年龄/)
  })

  it('refuses an age other than 50 / 55 / 60 for that cadre only, with a message', () => {
    const a = memoryContext({ at: AT })
    loadDemo(a, { count: 5 })
    const doc = JSON.parse(dump(a)) as { cadres: Record<string, unknown>[] }
    doc.cadres[1]!['retireBaseAge'] = 58
    const b = memoryContext({ at: AT })
    const report = loadExchangeText(b, JSON.stringify(doc), 'c.json')
    expect(report.inserted).toBe(4)
    expect(report.rejected).toHaveLength(1)
    expect(report.rejected[0]).toMatchObject({ row: 2, key: 'retireBaseAge', value: '58' })
    expect(report.rejected[0]!.message).toContain('原法定退休年龄')
  })
})

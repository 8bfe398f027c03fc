/**
 * The exchange file carries what an LRMX import kept as the file gave it (lrmx_extras, migration 0090;
 * issue 14): a 到龄年月 that disagrees with the rule and a 改革前任职年龄界限 in words the rule cannot
 * read, as `lrmxExtras` on the cadre, only when something is kept. dump → load → dump is
 * byte-identical, the LRMX exported from the loaded database says the same; null drops what is kept,
 * absent keeps it; a 到龄年月 that is not YYYY-MM rejects that cadre with a message.
 */
import { describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import { exportLrmx } from '../../main/lrmx/export'
import { applyLrmx } from '../../main/lrmx/import'
import { loadDemo } from '../../main/services/demo'
import { exchangeChunks, loadExchangeText } from '../../main/services/exchange'
import { memoryContext } from '../context'

const AT = '2026-11-30'
type Ctx = ReturnType<typeof memoryContext>
const dump = (ctx: Ctx): string => [...exchangeChunks(ctx, 'T')].join('')
const el = (xml: string, name: string): string | undefined =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]
const lrmx = (els: Record<string, string>): Uint8Array =>
  new Uint8Array(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Person>\n${Object.entries(els)
        .map(([k, v]) => `  <${k}>${v}</${k}>`)
        .join('\n')}\n</Person>\n`,
    ),
  )
const MAN = makeIdCard('620102', '1970-06-15', 11)
const WOMAN = makeIdCard('620102', '1972-02-15', 12)
const TEXT = '改革前任职年龄界限按有关规定执行'
const extrasOf = (ctx: Ctx): unknown[] =>
  ctx.db
    .prepare(
      'SELECT c.id_card AS idCard, x.retire_month AS m, x.age_limit_text AS t FROM lrmx_extras x JOIN cadres c ON c.id = x.cadre_id ORDER BY c.id_card',
    )
    .all()

/** A database with demo cadres and two LRMX imports that keep something in lrmx_extras. */
async function source(): Promise<Ctx> {
  const ctx = memoryContext({ at: AT })
  loadDemo(ctx, { count: 20 })
  await applyLrmx(
    ctx,
    lrmx({ XingMing: '赵建华', ShenFenZheng: MAN, XingBie: '男', DaoLingNianYue: '2030.06' }),
    'a.lrmx',
  )
  await applyLrmx(
    ctx,
    lrmx({ XingMing: '李秀兰', ShenFenZheng: WOMAN, XingBie: '女', GaiGeQianRenZhiNianLingJieXian: TEXT }),
    'b.lrmx',
  )
  return ctx
}

describe('exchange file: lrmxExtras', () => {
  it('dump → load → dump is byte-identical; only the two cadres carry the key; the LRMX export agrees', async () => {
    const a = await source()
    expect(extrasOf(a)).toEqual([
      { idCard: MAN, m: '2030-06', t: null },
      { idCard: WOMAN, m: null, t: TEXT },
    ])
    const first = dump(a)
    const doc = JSON.parse(first) as { cadres: Record<string, unknown>[] }
    const carrying = doc.cadres.filter((c) => 'lrmxExtras' in c)
    expect(carrying.map((c) => [c['idCard'], c['lrmxExtras']])).toEqual([
      [MAN, { retireMonth: '2030-06' }],
      [WOMAN, { ageLimitText: TEXT }],
    ])

    const b = memoryContext({ at: AT })
    const report = loadExchangeText(b, first, 'a.json')
    expect(report.rejected).toEqual([])
    expect(report.warnings).toEqual([])
    expect(extrasOf(b)).toEqual(extrasOf(a))
    expect(dump(b)).toBe(first)

    const id = b.db.prepare('SELECT id FROM cadres WHERE id_card = ?').pluck().get(WOMAN) as number
    expect(el(exportLrmx(b, id).xml, 'GaiGeQianRenZhiNianLingJieXian')).toBe(TEXT)

    // Loading the same file again changes nothing.
    const again = loadExchangeText(b, first, 'a.json')
    expect(again).toMatchObject({ updated: 0, skipped: 22, inserted: 0 })
  })

  it.each<[string, unknown, unknown[], number]>([
    // [case, lrmxExtras sent for the man, what lrmx_extras holds for him afterwards, updated]
    ['absent keeps what is kept', undefined, [{ m: '2030-06', t: null }], 0],
    ['null drops what is kept', null, [], 1],
    [
      'a new value replaces it',
      { retireMonth: '2029-01', ageLimitText: '另有规定' },
      [{ m: '2029-01', t: '另有规定' }],
      1,
    ],
    ['an empty object drops it', {}, [], 1],
  ])('on a known cadre: %s', async (_, value, after, updated) => {
    const ctx = await source()
    const doc = JSON.parse(dump(ctx)) as { cadres: Record<string, unknown>[] }
    const man = doc.cadres.find((c) => c['idCard'] === MAN)!
    if (value === undefined) delete man['lrmxExtras']
    else man['lrmxExtras'] = value
    const report = loadExchangeText(ctx, JSON.stringify({ ...doc, cadres: [man] }), 'b.json')
    expect(report.rejected).toEqual([])
    expect(report.updated).toBe(updated)
    expect(
      ctx.db
        .prepare(
          'SELECT retire_month AS m, age_limit_text AS t FROM lrmx_extras WHERE cadre_id = (SELECT id FROM cadres WHERE id_card = ?)',
        )
        .all(MAN),
    ).toEqual(after)
    if (updated) {
      const last = ctx.db
        .prepare("SELECT summary FROM audit_log WHERE action = 'update' ORDER BY id DESC LIMIT 1")
        .pluck()
        .get() as string
      expect(last).toContain(
        '载入交换文件“b.json”，修改了赵建华的任免审批表文件原样保存的到龄年月、改革前任职年龄界限',
      )
    }
  })

  it.each<[string, unknown, string]>([
    ['a 到龄年月 that is not YYYY-MM', { retireMonth: '2030.06' }, '到龄年月应为 YYYY-MM'],
    ['an unknown key', { retireMonth: '2030-06', note: 'x' }, 'note'],
  ])('rejects that cadre: %s', async (_, value, words) => {
    const a = await source()
    const doc = JSON.parse(dump(a)) as { cadres: Record<string, unknown>[] }
    const man = doc.cadres.find((c) => c['idCard'] === MAN)!
    man['lrmxExtras'] = value
    const b = memoryContext({ at: AT })
    const report = loadExchangeText(b, JSON.stringify(doc), 'c.json')
    expect(report.inserted).toBe(21)
    expect(report.rejected).toHaveLength(1)
    expect(report.rejected[0]).toMatchObject({ idCard: MAN, key: 'lrmxExtras' })
    expect(report.rejected[0]!.message).toContain(words)
  })
})

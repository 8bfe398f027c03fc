/**
 * LRMX 4.0 (DOMAIN.md "Second round"): DaoLingNianYue (到龄年月, YYYYMM) written by the 2025 reform's
 * rule (全国人大常委会关于实施渐进式延迟法定退休年龄的决定, main/domain/retirement.ts) and read back;
 * GaiGeQianRenZhiNianLingJieXian (改革前任职年龄界限) kept; old files as before. On import, 年度考核结果
 * text becomes per-year assessment records shown in the preview, and a 现任职务 naming a known unit
 * proposes it.
 */
import { describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import { exportLrmx } from '../../main/lrmx/export'
import { applyLrmx, previewLrmx, type LrmxItem } from '../../main/lrmx/import'
import { memoryContext } from '../context'

const ctx = () => memoryContext({ at: '2026-11-23' })

function file(els: Record<string, string>): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Person>\n${Object.entries(els)
    .map(([k, v]) => `  <${k}>${v}</${k}>`)
    .join('\n')}\n</Person>\n`
  return new Uint8Array(Buffer.from(xml, 'utf8'))
}
function person(idCard: string, extra: Record<string, string> = {}): Record<string, string> {
  return { XingMing: '李秀兰', ShenFenZheng: idCard, XianRenZhiWu: '县财政局副局长', ...extra }
}
const el = (xml: string, name: string): string | undefined =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]
const change = (item: LrmxItem | undefined, key: string) => item?.changes.find((c) => c.key === key)

describe('LRMX 4.0: 到龄年月 and 改革前任职年龄界限 written by the rule', () => {
  it.each<[string, string, string, string | null, string, string]>([
    // [case, birth, gender, 原法定退休年龄 set, DaoLingNianYue, GaiGe…]
    [
      'man born 1970-06 (决定 附件1: +17 months)',
      '1970-06-15',
      '男',
      null,
      '203111',
      '改革前任职年龄界限为60岁',
    ],
    ['man born 1965-01 (+1 month)', '1965-01-15', '男', null, '202502', '改革前任职年龄界限为60岁'],
    ['woman on 55 born 1972-02 (附件3)', '1972-02-15', '女', null, '202709', '改革前任职年龄界限为55岁'],
    ['woman on 50 born 1976-03 (附件2)', '1976-03-15', '女', '50', '202611', '改革前任职年龄界限为50岁'],
  ])('%s', async (_, birth, gender, base, daoLing, limit) => {
    const c = ctx()
    const idCard = makeIdCard('620102', birth, gender === '男' ? 11 : 12)
    await applyLrmx(c, file(person(idCard, { XingBie: gender })), 'a.lrmx')
    const id = (c.db.prepare('SELECT id FROM cadres WHERE id_card = ?').get(idCard) as { id: number }).id
    if (base) c.db.prepare('UPDATE cadres SET retire_base_age = ? WHERE id = ?').run(Number(base), id)
    const xml = exportLrmx(c, id).xml
    expect(el(xml, 'DaoLingNianYue')).toBe(daoLing)
    expect(el(xml, 'GaiGeQianRenZhiNianLingJieXian')).toBe(limit)
    expect(el(xml, 'Version')).toBe('4.0.0.0')
    // In the element order: after ShenFenZheng, before ZhaoPian.
    expect(xml.indexOf('<ShenFenZheng>')).toBeLessThan(xml.indexOf('<DaoLingNianYue>'))
    expect(xml.indexOf('<GaiGeQianRenZhiNianLingJieXian>')).toBeLessThan(xml.indexOf('<ZhaoPian'))
  })
})

describe('LRMX 4.0 read', () => {
  it('改革前任职年龄界限 sets the old retirement age where it differs from the default; 到龄年月 agrees: nothing "ignored"', async () => {
    const c = ctx()
    const idCard = makeIdCard('620102', '1976-03-15', 12)
    const bytes = file(
      person(idCard, {
        XingBie: '女',
        DaoLingNianYue: '202611',
        GaiGeQianRenZhiNianLingJieXian: '改革前任职年龄界限为50岁',
      }),
    )
    const pre = await previewLrmx(c, bytes, 'li.lrmx')
    const item = pre.items[0]
    expect(item?.warnings.join('')).not.toContain('未识别的项目已忽略')
    expect(change(item, 'retireBaseAge')).toMatchObject({
      label: '原法定退休年龄',
      before: '55岁',
      after: '50岁',
    })
    await applyLrmx(c, bytes, 'li.lrmx')
    const row = c.db
      .prepare('SELECT id, retire_base_age, retire_date FROM cadres WHERE id_card = ?')
      .get(idCard) as {
      id: number
      retire_base_age: number
      retire_date: string
    }
    expect(row).toMatchObject({ retire_base_age: 50, retire_date: '2026-11' })
    const xml = exportLrmx(c, row.id).xml
    expect(el(xml, 'DaoLingNianYue')).toBe('202611')
    expect(el(xml, 'GaiGeQianRenZhiNianLingJieXian')).toBe('改革前任职年龄界限为50岁')
    // Nothing kept aside: the rule gives both back.
    expect(c.db.prepare('SELECT count(*) AS n FROM lrmx_extras').get()).toEqual({ n: 0 })
  })

  it('a 到龄年月 that disagrees with the rule: said, the rule wins, the file value kept for reference', async () => {
    const c = ctx()
    const idCard = makeIdCard('620102', '1970-06-15', 11)
    const bytes = file(person(idCard, { XingBie: '男', DaoLingNianYue: '2030.06' }))
    const pre = await previewLrmx(c, bytes, 'x.lrmx')
    expect(pre.items[0]?.warnings).toContain(
      '文件中的到龄年月 2030.06 与按出生年月和原法定退休年龄（60岁）计算的 2031.11 不一致：以计算结果为准，文件中的值另存备查',
    )
    await applyLrmx(c, bytes, 'x.lrmx')
    expect(c.db.prepare('SELECT retire_month FROM lrmx_extras').get()).toEqual({ retire_month: '2030-06' })
    const id = (c.db.prepare('SELECT id FROM cadres').get() as { id: number }).id
    expect(el(exportLrmx(c, id).xml, 'DaoLingNianYue')).toBe('203111')
  })

  it('改革前任职年龄界限 in words the rule cannot read: kept as written, 待核实', async () => {
    const c = ctx()
    const idCard = makeIdCard('620102', '1972-02-15', 12)
    const text = '改革前任职年龄界限按有关规定执行'
    const bytes = file(person(idCard, { XingBie: '女', GaiGeQianRenZhiNianLingJieXian: text }))
    const pre = await previewLrmx(c, bytes, 'y.lrmx')
    expect(pre.items[0]?.warnings.join('\n')).toContain('原样保存，原法定退休年龄待核实')
    expect(change(pre.items[0], 'ageLimitText')).toMatchObject({ after: text })
    await applyLrmx(c, bytes, 'y.lrmx')
    const id = (c.db.prepare('SELECT id FROM cadres').get() as { id: number }).id
    const xml = exportLrmx(c, id).xml
    expect(el(xml, 'GaiGeQianRenZhiNianLingJieXian')).toBe(text)
    expect(el(xml, 'DaoLingNianYue')).toBe('202709')
  })

  it('an old file without the 4.0 fields imports as before', async () => {
    const c = ctx()
    const idCard = makeIdCard('620102', '1980-01-15', 11)
    const r = await applyLrmx(c, file(person(idCard, { XingBie: '男', Version: '3.2.1.16' })), 'old.lrmx')
    expect(r).toMatchObject({ created: 1, rejected: 0 })
    // Only the note that the file gives no unit (there is no unit tree here): nothing about 4.0 fields.
    expect(r.items[0]?.warnings.filter((w) => !w.startsWith('单位未确定'))).toEqual([])
    expect(r.items[0]?.changes.map((x) => x.key)).not.toContain('retireBaseAge')
    expect(c.db.prepare('SELECT retire_base_age FROM cadres').get()).toEqual({ retire_base_age: null })
  })
})

describe('年度考核结果 text becomes per-year records; 现任职务 proposes a known unit', () => {
  it('shows each year in the preview, writes the records, keeps the unreadable part as 待核实', async () => {
    const c = ctx()
    const idCard = makeIdCard('620102', '1980-01-15', 11)
    const bytes = file(
      person(idCard, {
        XingBie: '男',
        NianDuKaoHeJieGuo: '2023、2024年度考核均为称职，2025年度考核为优秀；近三年表现突出',
      }),
    )
    const pre = await previewLrmx(c, bytes, 'k.lrmx')
    const item = pre.items[0]
    expect(item?.changes.filter((x) => x.key.startsWith('assessment:'))).toEqual([
      { key: 'assessment:2023', label: '2023年度考核', before: '', after: '称职' },
      { key: 'assessment:2024', label: '2024年度考核', before: '', after: '称职' },
      { key: 'assessment:2025', label: '2025年度考核', before: '', after: '优秀' },
    ])
    expect(item?.warnings).toContain('年度考核结果中“近三年表现突出”读不出年度和等次，未生成考核记录，待核实')
    expect(c.db.prepare('SELECT count(*) AS n FROM assessments').get()).toEqual({ n: 0 })
    await applyLrmx(c, bytes, 'k.lrmx')
    expect(c.db.prepare('SELECT year, grade FROM assessments ORDER BY year').all()).toEqual([
      { year: 2023, grade: '称职' },
      { year: 2024, grade: '称职' },
      { year: 2025, grade: '优秀' },
    ])
    // Not fully read: the text is kept on the form as the file had it.
    expect(c.db.prepare('SELECT assessment_text FROM appointment_forms').get()).toEqual({
      assessment_text: '2023、2024年度考核均为称职，2025年度考核为优秀；近三年表现突出',
    })
    // Again with one grade changed: only that year is a change.
    const again = await previewLrmx(
      c,
      file(
        person(idCard, {
          XingBie: '男',
          NianDuKaoHeJieGuo: '2023、2024年度考核均为称职，2025年度考核为称职',
        }),
      ),
      'k2.lrmx',
    )
    expect(again.items[0]?.changes.filter((x) => x.key.startsWith('assessment:'))).toEqual([
      { key: 'assessment:2025', label: '2025年度考核', before: '优秀', after: '称职' },
    ])
  })

  it('a 现任职务 naming a known unit puts a cadre without one there; a different unit is only said', async () => {
    const c = ctx()
    c.db.prepare("INSERT INTO units (name, kind) VALUES ('县财政局', '县直部门'), ('城关镇', '乡镇')").run()
    const idCard = makeIdCard('620102', '1980-01-15', 11)
    const bytes = file(person(idCard, { XingBie: '男' }))
    const pre = await previewLrmx(c, bytes, 'u.lrmx')
    expect(change(pre.items[0], 'unit')).toEqual({
      key: 'unit',
      label: '单位（按现任职务）',
      before: '',
      after: '县财政局',
    })
    await applyLrmx(c, bytes, 'u.lrmx')
    expect(c.db.prepare('SELECT u.name FROM cadres c JOIN units u ON u.id = c.unit_id').get()).toEqual({
      name: '县财政局',
    })
    const moved = await previewLrmx(
      c,
      file(person(idCard, { XingBie: '男', XianRenZhiWu: '城关镇党委书记' })),
      'v.lrmx',
    )
    expect(change(moved.items[0], 'unit')).toBeUndefined()
    expect(moved.items[0]?.warnings).toContain(
      '现任职务“城关镇党委书记”提到单位“城关镇”，与现单位“县财政局”不同，单位未改动，请核实',
    )
  })
})

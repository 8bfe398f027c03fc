/**
 * The 干部任免审批表 printed by Chromium: two A4 pages per cadre, every field findable by pdftotext,
 * long text shrunk rather than cut off, several cadres in one PDF.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import { saveForm } from '../../main/form/data'
import { formHtml, formPdf } from '../../main/form/service'
import { APPOINTMENT, formTestDb, pdfFilePages, pdfFileText, seedCadre, squash } from './form-fixture'

const { dir, db, ctx } = formTestDb('form-pdf-')

function written(bytes: Uint8Array, name: string): string {
  const file = join(dir, name)
  writeFileSync(file, bytes)
  return file
}
const pdfText = (bytes: Uint8Array, name: string, page?: number): string =>
  pdfFileText(written(bytes, name), page)
const pages = (bytes: Uint8Array, name: string): number => pdfFilePages(written(bytes, name))
/** Printed width of one character of the first word containing `needle` (≈ its font size in pt). */
function charWidth(bytes: Uint8Array, name: string, page: number, needle: string): number {
  const file = join(dir, name)
  writeFileSync(file, bytes)
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  })
  const m = [
    ...xml.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)<\/word>/g),
  ].find((w) => (w[3] ?? '').includes(needle))
  if (!m) throw new Error(`no word with ${needle}`)
  return (Number(m[2]) - Number(m[1])) / [...(m[3] ?? '')].length
}

afterAll(() => db.close())

describe('干部任免审批表 PDF', () => {
  it('prints one cadre on two A4 pages with every field, the age under 出生年月 and the family ages', async () => {
    const c = seedCadre(db, { deceasedParent: true })
    saveForm(ctx, { cadreId: c.id, formId: null, ...APPOINTMENT })
    const pdf = await formPdf(ctx, [c.id])
    expect(pdf.fileName).toBe('干部任免审批表-王建国.pdf')
    expect(pages(pdf.bytes, 'one.pdf')).toBe(2)
    const info = execFileSync('pdfinfo', [join(dir, 'one.pdf')], { encoding: 'utf8' })
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/)

    const front = squash(pdfText(pdf.bytes, 'one.pdf', 1))
    for (const s of [
      '干部任免审批表',
      '王建国',
      '1975.03',
      '（50岁）', // at 计算年龄时间 2026-02-20, born 1975-03
      '回族',
      '甘肃临洮',
      '甘肃兰州',
      '1996.06',
      '1997.07',
      '健康',
      '高级经济师',
      '农村经济管理',
      '大学学士',
      '兰州大学经济学专业',
      '研究生经济学硕士',
      '中央党校经济管理专业',
      '城关镇党委副书记、镇长',
      '县农业农村局局长',
      '城关镇党委副书记、镇长职务',
      '1993.09--1997.07兰州大学经济学专业学习',
      '（其间：2003.09--2006.07在中央党校经济管理专业在职研究生学习，获经济学硕士学位）',
      '2021.06--城关镇党委副书记、镇长',
    ]) {
      expect(front, s).toContain(squash(s))
    }
    const labels = [
      '姓名',
      '性别',
      '出生年月（岁）',
      '民族',
      '籍贯',
      '出生地',
      '入党时间',
      '参加工作时间',
      '健康状况',
    ]
    labels.push('专业技术职务', '熟悉专业有何专长', '学历学位', '全日制教育', '在职教育', '毕业院校系及专业')
    labels.push('现任职务', '拟任职务', '拟免职务', '简历')
    for (const label of labels) {
      expect(front, label).toContain(label)
    }
    // Both pages as pictures under test-results/, to be looked at against the layout in DOMAIN.md.
    const shots = join(import.meta.dirname, '../../test-results')
    mkdirSync(shots, { recursive: true })
    execFileSync('pdftoppm', ['-png', '-r', '80', join(dir, 'one.pdf'), join(shots, 'form-page')])
    expect(existsSync(join(shots, 'form-page-1.png')) && existsSync(join(shots, 'form-page-2.png'))).toBe(
      true,
    )

    const back = squash(pdfText(pdf.bytes, 'one.pdf', 2))
    for (const s of [
      '奖惩情况',
      '2024.12获县委“优秀共产党员”。',
      '年度考核结果',
      '2023、2024年度考核均为称职，2025年度考核为优秀。', // equal years merged (DOMAIN.md, the form's conventions)
      '任免理由',
      '工作需要，拟提名为县农业农村局局长人选',
      '家庭主要成员及重要社会关系',
      '称谓姓名年龄政治面貌工作单位及职务',
      '妻子李秀兰49中共党员临洮县第一中学教师', // born 1977-02, at 2026-02-20
      '儿子王博文24共青团员兰州大学在读研究生',
      '父亲王德福77群众',
      '母亲张桂英75群众无',
      '祖父王有田群众已去世', // died: the row stays, no age (DOMAIN.md, the form's conventions)
      '呈报单位',
      '中共临洮县委组织部',
      '审批机关意见',
      '行政机关任免意见',
      '（盖章）',
      '年月日',
      '填表人：赵敏',
      '填表时间：2026年3月5日',
    ]) {
      expect(back, s).toContain(squash(s))
    }
  })

  it('shrinks a long 简历 step by step so that nothing is cut off and the form stays two pages', async () => {
    const c = seedCadre(db, {
      name: '欧阳晓东',
      idCard: makeIdCard('620102', '1980-01-01', 1),
      resumeLines: 45,
    })
    const pdf = await formPdf(ctx, [c.id])
    expect(pages(pdf.bytes, 'long.pdf')).toBe(2)
    const front = squash(pdfText(pdf.bytes, 'long.pdf', 1))
    expect(front).toContain(squash('（第45段经历）'))
    expect(front).toContain(squash('（第8段经历）'))
    // The HTML asks for 11.5pt; the long 简历 was set smaller, the short one was not.
    expect(formHtml(ctx, [c.id])).toContain('data-pt="11.5"')
    const short = await formPdf(ctx, [
      seedCadre(db, { name: '短简历', idCard: makeIdCard('620102', '1990-01-01', 1) }).id,
    ])
    expect(charWidth(short.bytes, 'short.pdf', 1, '兰州大学经济学专业学习')).toBeCloseTo(11.5, 0)
    const small = charWidth(pdf.bytes, 'long.pdf', 1, '兰州大学经济学专业学习')
    expect(small).toBeLessThan(9)
    expect(small).toBeGreaterThan(4)
  })

  it('prints several cadres into one PDF, two pages each, in the given order', async () => {
    const a = seedCadre(db, { name: '甲一', idCard: makeIdCard('620102', '1985-02-02', 2) })
    const b = seedCadre(db, { name: '乙二', idCard: makeIdCard('620102', '1986-03-03', 1), withPhoto: false })
    const c = seedCadre(db, { name: '丙三', idCard: makeIdCard('620102', '1987-04-04', 2) })
    const pdf = await formPdf(ctx, [b.id, a.id, c.id])
    expect(pdf.fileName).toBe('干部任免审批表-3人-20261123.pdf')
    expect(pages(pdf.bytes, 'three.pdf')).toBe(6)
    expect(squash(pdfText(pdf.bytes, 'three.pdf', 1))).toContain('乙二')
    expect(squash(pdfText(pdf.bytes, 'three.pdf', 3))).toContain('甲一')
    expect(squash(pdfText(pdf.bytes, 'three.pdf', 5))).toContain('丙三')
  })

  it('escapes text so that a value cannot inject markup into the form', () => {
    const c = seedCadre(db, { name: '丁四', idCard: makeIdCard('620102', '1988-05-05', 1) })
    const html = formHtml(ctx, [c.id], { override: { reason: '<script>alert(1)</script>' } })
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>alert(1)')
  })
})

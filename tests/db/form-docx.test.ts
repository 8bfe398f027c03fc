/**
 * The 干部任免审批表 as Word (.docx): its XML as Word reads it, and the file as LibreOffice Writer
 * lays it out (converted to PDF and text): two A4 pages per cadre, every label and value, the
 * photo, long text shrunk rather than cut. The pages are rendered to PNG under test-results/ beside
 * the Chromium PDF's, to be looked at side by side.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import { saveForm } from '../../main/form/data'
import { formDocx, formPdf } from '../../main/form/service'
import {
  APPOINTMENT,
  formTestDb,
  pdfFilePages as pdfPages,
  pdfFileText as pdfText,
  PHOTO,
  seedCadre,
  squash,
} from './form-fixture'

const shots = join(import.meta.dirname, '../../test-results')
const { dir, db, ctx } = formTestDb('form-docx-')

/** LibreOffice Writer converts the .docx to PDF; returns the PDF's path. */
function toPdf(bytes: Uint8Array, name: string): string {
  const file = join(dir, `${name}.docx`)
  writeFileSync(file, bytes)
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      file,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  )
  return join(dir, `${name}.pdf`)
}
/** Images per page, from `pdfimages -list`. */
function pdfImages(pdf: string): { page: number; width: number; height: number }[] {
  return execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c.length > 4 && c[2] === 'image')
    .map((c) => ({ page: Number(c[0]), width: Number(c[3]), height: Number(c[4]) }))
}

beforeAll(() => {
  mkdirSync(shots, { recursive: true })
})
afterAll(() => db.close())

const FRONT_VALUES = [
  '干部任免审批表',
  '王建国',
  '1975.03',
  '（50岁）',
  '回族',
  '甘肃临洮',
  '甘肃兰州',
  '1996.06',
  '1997.07',
  '健康',
  '高级经济师',
  '农村经济管理',
  '大学',
  '学士',
  '兰州大学经济学专业',
  '研究生',
  '经济学硕士',
  '中央党校经济管理专业',
  '城关镇党委副书记、镇长',
  '县农业农村局局长',
  '城关镇党委副书记、镇长职务',
  '1993.09--1997.07兰州大学经济学专业学习',
  '（其间：2003.09--2006.07在中央党校经济管理专业在职研究生学习，获经济学硕士学位）',
  '2021.06--城关镇党委副书记、镇长',
]
const FRONT_LABELS = [
  '姓名',
  '性别',
  '出生年月（岁）',
  '民族',
  '籍贯',
  '出生地',
  '入党时间',
  '参加工作时间',
  '健康状况',
  '专业技术职务',
  '熟悉专业有何专长',
  '学历学位',
  '全日制教育',
  '在职教育',
  '毕业院校系及专业',
  '现任职务',
  '拟任职务',
  '拟免职务',
  '简',
  '历',
]
const BACK_TEXT = [
  '奖惩情况',
  '2024.12获县委“优秀共产党员”。',
  '年度考核结果',
  '2023、2024年度考核均为称职，2025年度考核为优秀。',
  '任免理由',
  '工作需要，拟提名为县农业农村局局长人选',
  '家庭主要成员及重要社会关系',
  '称谓',
  '年龄',
  '政治面貌',
  '工作单位及职务',
  '妻子李秀兰49中共党员临洮县第一中学教师',
  '儿子王博文24共青团员兰州大学在读研究生',
  '父亲王德福77群众临洮县某某镇农民（已退休）',
  '母亲张桂英75群众无',
  '祖父王有田群众已去世', // died: no age (DOMAIN.md, the form's conventions)
  '呈报单位',
  '中共临洮县委组织部',
  '审批机关意见',
  '行政机关任免意见',
  '（盖章）',
  '年月日',
  '填表人：赵敏',
  '填表时间：2026年3月5日',
]

describe('干部任免审批表 as .docx', () => {
  it('is a Word file with the form table, the named fonts with fallbacks, the photo and two A4 pages', async () => {
    const c = seedCadre(db, { deceasedParent: true })
    saveForm(ctx, { cadreId: c.id, formId: null, ...APPOINTMENT })
    const docx = await formDocx(ctx, [c.id])
    expect(docx.fileName).toBe('干部任免审批表-王建国.docx')

    // The XML Word reads.
    const zip = await JSZip.loadAsync(docx.bytes)
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? ''
    const text = squash(xml.replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, ''))
    for (const s of [...FRONT_VALUES, ...BACK_TEXT]) expect(text, s).toContain(squash(s))
    expect(xml).toContain('w:eastAsia="宋体"')
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"')
    // Two A4 pages: one section per page, 210 × 297 mm.
    expect(xml.match(/<w:pgSz w:w="11906" w:h="16838"/g)?.length).toBe(2)
    expect(xml.match(/<w:tbl>/g)?.length).toBe(2)
    // Rows are "at least" their height: text that runs long grows the row rather than being cut off.
    expect(xml).not.toContain('w:hRule="exact"')
    const fonts = (await zip.file('word/fontTable.xml')?.async('string')) ?? ''
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>')
    expect(fonts).toContain('<w:font w:name="宋体"><w:altName w:val="SimSun"/>')
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))
    expect(media).toHaveLength(1)
    expect(new Uint8Array(await zip.file(media[0] ?? '')!.async('uint8array'))).toEqual(PHOTO)

    // LibreOffice Writer lays it out as two A4 pages, every label and value where it belongs, the photo on page 1.
    const pdf = toPdf(docx.bytes, 'one')
    expect(pdfPages(pdf)).toBe(2)
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(
      /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/,
    )
    const front = squash(pdfText(pdf, 1))
    for (const s of [...FRONT_VALUES, ...FRONT_LABELS]) expect(front, s).toContain(squash(s))
    const back = squash(pdfText(pdf, 2))
    for (const s of BACK_TEXT) expect(back, s).toContain(squash(s))
    expect(back).not.toContain('王建国')
    expect(pdfImages(pdf)).toEqual([{ page: 1, width: 240, height: 300 }])

    // Both renderings as pictures, side by side under test-results/ (docx-page-N.png, pdf-page-N.png).
    execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(shots, 'docx-page')])
    const chromium = join(dir, 'chromium.pdf')
    writeFileSync(chromium, (await formPdf(ctx, [c.id])).bytes)
    execFileSync('pdftoppm', ['-png', '-r', '80', chromium, join(shots, 'pdf-page')])
    expect(readFileSync(join(shots, 'docx-page-2.png')).length).toBeGreaterThan(1000)
  })

  it('sets a long 简历 smaller so that nothing is cut off and the form stays two pages', async () => {
    const c = seedCadre(db, {
      name: '欧阳晓东',
      idCard: makeIdCard('620102', '1980-01-01', 1),
      resumeLines: 45,
    })
    const docx = await formDocx(ctx, [c.id])
    const xml = (await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')?.async('string')) ?? ''
    // The 简历's size in half-points: 11.5pt asked for, far smaller here.
    const resumeRun = xml.slice(0, xml.indexOf('兰州大学经济学专业学习'))
    const size = Number([...resumeRun.matchAll(/<w:sz w:val="(\d+)"\/>/g)].pop()?.[1])
    expect(size).toBeLessThan(16)
    expect(size).toBeGreaterThanOrEqual(10)
    const pdf = toPdf(docx.bytes, 'long')
    expect(pdfPages(pdf)).toBe(2)
    const front = squash(pdfText(pdf, 1))
    for (const s of ['（第8段经历）', '（第45段经历）', '2021.06--城关镇党委副书记、镇长'])
      expect(front, s).toContain(squash(s))
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, join(shots, 'docx-long')])
  })

  it('a cadre without a photo: the photo cell stays empty, the form still two pages', async () => {
    const c = seedCadre(db, { name: '乙二', idCard: makeIdCard('620102', '1986-03-03', 1), withPhoto: false })
    const docx = await formDocx(ctx, [c.id])
    const zip = await JSZip.loadAsync(docx.bytes)
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toEqual([])
    const pdf = toPdf(docx.bytes, 'nophoto')
    expect(pdfPages(pdf)).toBe(2)
    expect(pdfImages(pdf)).toEqual([])
    expect(squash(pdfText(pdf, 1))).toContain('乙二')
  })
})

/**
 * The 干部任免审批表 as one HTML/CSS print layout, used everywhere: the app's print preview, the
 * Electron app's webContents.printToPDF, and Chromium (playwright-core) on the command line and in
 * tests. A4, two pages per cadre, 宋体 falling back to Noto Serif CJK SC on Linux, the bordered
 * table row for row as DOMAIN.md describes it.
 *
 * Printing it elsewhere: load the HTML, wait until `document.documentElement.dataset.fitted === '1'`
 * (set by the inline fit script once fonts are ready), then print A4 with CSS page size.
 */
import type { FamilyMember } from '../domain/cadre'
import { ageAt, monthDots } from '../domain/dates'
import type { ResumeEntry } from '../domain/resume'
import { familyCells, type FormPerson } from './data'
import { FIT_SCRIPT } from './fit'
import { BACK, FRONT } from './layout'

export interface FormHtmlOptions {
  /** Embed the inline fit script (default true). The preview in the app runs fitFormDocument itself. */
  script?: boolean
  /** The document title (PDF metadata). */
  title?: string
}

export const FAMILY_ROWS = BACK.familyRows

function cols(widths: readonly number[]): string {
  return `<colgroup>${widths.map((w) => `<col style="width:${w}mm">`).join('')}</colgroup>`
}

export function escapeHtml(s: string | null | undefined): string {
  if (!s) return ''
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )
}

function nl(s: string | null | undefined): string {
  return escapeHtml(s).replace(/\n/g, '<br>')
}

/** A box whose text is shrunk until it fits: height in mm, start size in pt. */
function fit(content: string, h: number, opts: { pt?: number; cls?: string } = {}): string {
  const cls = opts.cls ? ` ${opts.cls}` : ''
  return `<div class="fit${cls}" style="height:${h}mm" data-pt="${opts.pt ?? 12}"><div class="in">${content}</div></div>`
}

function photoDataUrl(photo: Uint8Array | null): string | null {
  if (!photo || photo.length < 4) return null
  const mime = photo[0] === 0x89 && photo[1] === 0x50 ? 'image/png' : 'image/jpeg'
  return `data:${mime};base64,${Buffer.from(photo).toString('base64')}`
}

function resumeHtml(entries: readonly ResumeEntry[]): string {
  return entries
    .map((e) => {
      const when = e.start ? `${monthDots(e.start)}--${e.end ? monthDots(e.end) : ''}` : ''
      return `<div class="rl"><span class="rd">${when}</span><span class="rt">${escapeHtml(e.text)}</span></div>`
    })
    .join('')
}

function familyRows(family: readonly FamilyMember[], at: string): string {
  const rows = Math.max(FAMILY_ROWS, family.length)
  const h = family.length > FAMILY_ROWS ? (FAMILY_ROWS * 10) / rows : 10
  const cells = familyCells(family, at)
  let out = ''
  for (let i = 0; i < rows; i++) {
    const f = cells[i]
    out += `<tr style="height:${h}mm"${f?.deceased ? ' data-deceased="1"' : ''}>
      <td>${fit(escapeHtml(f?.relation), h, { pt: 11, cls: 'c' })}</td>
      <td>${fit(escapeHtml(f?.name), h, { pt: 11, cls: 'c' })}</td>
      <td>${fit(f?.age ?? '', h, { pt: 11, cls: 'c' })}</td>
      <td>${fit(escapeHtml(f?.politicalStatus), h, { pt: 11, cls: 'c' })}</td>
      <td>${fit(escapeHtml(f?.workUnitPosition), h, { pt: 11 })}</td>
    </tr>`
  }
  return out
}

function label(text: string, h: number, pt = 12): string {
  return fit(text, h, { pt, cls: 'c lb' })
}

function ymd(day: string): string {
  const [y, m, d] = day.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

/** The two pages of one cadre. */
export function formPagesHtml(p: FormPerson): string {
  const f = p.fields
  const a = p.appointment
  const age = ageAt(f.birthDate, a.ageAt)
  const photo = photoDataUrl(p.photo)
  const birth = f.birthDate ? `${monthDots(f.birthDate)}<br>（${age ?? ''}岁）` : ''
  const edu = (x: string | null, d: string | null): string =>
    [x, d]
      .filter(Boolean)
      .map((s) => escapeHtml(s))
      .join('<br>')
  const { R, E, P, J } = FRONT
  const front = `
<section class="sheet front" data-cadre="${p.cadreId}">
  <h1>干部任免审批表</h1>
  <table class="grid">
    ${cols(FRONT.cols)}
    <tr style="height:${R}mm">
      <td>${label('姓&ensp;名', R)}</td><td>${fit(escapeHtml(f.name), R, { cls: 'c' })}</td>
      <td>${label('性&ensp;别', R)}</td><td>${fit(escapeHtml(f.gender), R, { cls: 'c' })}</td>
      <td>${label('出生年月<br>（&emsp;岁）', R)}</td><td>${fit(birth, R, { cls: 'c' })}</td>
      <td rowspan="4" class="photo">${photo ? `<img src="${photo}" alt="照片">` : ''}</td>
    </tr>
    <tr style="height:${R}mm">
      <td>${label('民&ensp;族', R)}</td><td>${fit(escapeHtml(f.ethnicity), R, { cls: 'c' })}</td>
      <td>${label('籍&ensp;贯', R)}</td><td>${fit(escapeHtml(f.nativePlace), R, { cls: 'c' })}</td>
      <td>${label('出生地', R)}</td><td>${fit(escapeHtml(f.birthPlace), R, { cls: 'c' })}</td>
    </tr>
    <tr style="height:${R}mm">
      <td>${label('入&ensp;党<br>时&ensp;间', R)}</td><td>${fit(monthDots(f.partyJoinDate), R, { cls: 'c' })}</td>
      <td>${label('参加工<br>作时间', R)}</td><td>${fit(monthDots(f.workStartDate), R, { cls: 'c' })}</td>
      <td>${label('健康状况', R)}</td><td>${fit(escapeHtml(f.health), R, { cls: 'c' })}</td>
    </tr>
    <tr style="height:${R}mm">
      <td>${label('专业技<br>术职务', R)}</td><td colspan="2">${fit(escapeHtml(f.techTitle), R, { cls: 'c' })}</td>
      <td>${label('熟悉专业<br>有何专长', R)}</td><td colspan="2">${fit(escapeHtml(f.specialty), R, { cls: 'c' })}</td>
    </tr>
    <tr style="height:${E}mm">
      <td rowspan="2">${label('学&ensp;历<br>学&ensp;位', E * 2)}</td>
      <td>${label('全日制<br>教&ensp;育', E)}</td><td colspan="2">${fit(edu(f.eduFullTime, f.degreeFullTime), E, { cls: 'c' })}</td>
      <td>${label('毕业院校<br>系及专业', E)}</td><td colspan="2">${fit(escapeHtml(f.schoolFullTime), E)}</td>
    </tr>
    <tr style="height:${E}mm">
      <td>${label('在&ensp;职<br>教&ensp;育', E)}</td><td colspan="2">${fit(edu(f.eduInService, f.degreeInService), E, { cls: 'c' })}</td>
      <td>${label('毕业院校<br>系及专业', E)}</td><td colspan="2">${fit(escapeHtml(f.schoolInService), E)}</td>
    </tr>
    <tr style="height:${P}mm"><td>${label('现&ensp;任<br>职&ensp;务', P)}</td><td colspan="6">${fit(escapeHtml(f.position), P)}</td></tr>
    <tr style="height:${P}mm"><td>${label('拟&ensp;任<br>职&ensp;务', P)}</td><td colspan="6">${fit(escapeHtml(a.proposedPosition), P)}</td></tr>
    <tr style="height:${P}mm"><td>${label('拟&ensp;免<br>职&ensp;务', P)}</td><td colspan="6">${fit(escapeHtml(a.proposedRemoval), P)}</td></tr>
    <tr style="height:${J}mm">
      <td>${label('简<br><br><br><br>历', J, 13)}</td>
      <td colspan="6" class="resume">${fit(resumeHtml(p.resume), J, { pt: 11.5, cls: 'top' })}</td>
    </tr>
  </table>
</section>`
  const { K, A, Y, FH, C, S } = BACK
  const familyHeight = FH + FAMILY_ROWS * 10
  const back = `
<section class="sheet back" data-cadre="${p.cadreId}">
  <table class="grid">
    ${cols(BACK.cols)}
    <tr style="height:${K}mm"><td>${label('奖<br>惩<br>情<br>况', K)}</td><td colspan="5">${fit(nl(p.rewardsText), K, { cls: 'top' })}</td></tr>
    <tr style="height:${A}mm"><td>${label('年&ensp;度<br>考&ensp;核<br>结&ensp;果', A)}</td><td colspan="5">${fit(nl(p.assessmentText), A)}</td></tr>
    <tr style="height:${Y}mm"><td>${label('任<br>免<br>理<br>由', Y)}</td><td colspan="5">${fit(nl(a.reason), Y)}</td></tr>
    <tr style="height:${FH}mm">
      <td rowspan="${Math.max(FAMILY_ROWS, p.family.length) + 1}">${label('家庭<br>主要<br>成员<br>及重<br>要社<br>会关<br>系', familyHeight)}</td>
      <td>${label('称谓', FH, 11)}</td><td>${label('姓&ensp;名', FH, 11)}</td><td>${label('年龄', FH, 11)}</td>
      <td>${label('政治<br>面貌', FH, 11)}</td><td>${label('工作单位及职务', FH, 11)}</td>
    </tr>
    ${familyRows(p.family, a.ageAt)}
  </table>
  <table class="grid follow">
    <colgroup><col style="width:20mm"><col style="width:154mm"></colgroup>
    <tr style="height:${C}mm"><td>${label('呈<br>报<br>单<br>位', C)}</td>
      <td class="stamp"><div class="fit" style="height:${C - 14}mm" data-pt="12"><div class="in">${nl(a.reportingUnit)}</div></div>
        <div class="date">年&emsp;&emsp;月&emsp;&emsp;日</div></td></tr>
  </table>
  <table class="grid follow">
    ${cols(BACK.opinionCols)}
    <tr style="height:${S}mm">
      <td>${label('审<br>批<br>机<br>关<br>意<br>见', S)}</td>
      <td class="stamp"><div class="seal">（盖章）</div><div class="date">年&emsp;&emsp;月&emsp;&emsp;日</div></td>
      <td>${label('行<br>政<br>机<br>关<br>任<br>免<br>意<br>见', S)}</td>
      <td class="stamp"><div class="seal">（盖章）</div><div class="date">年&emsp;&emsp;月&emsp;&emsp;日</div></td>
    </tr>
  </table>
  <div class="footer"><span>填表人：${escapeHtml(a.filledBy)}</span><span>填表时间：${ymd(a.filledAt)}</span></div>
</section>`
  return front + back
}

const CSS = `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: 'SimSun', '宋体', 'NSimSun', 'Songti SC', 'STSong', 'Noto Serif CJK SC', 'Source Han Serif SC', serif; }
/* Labels in 宋体, filled values in 仿宋_GB2312 (the .docx names the same fonts), each with fallbacks. */
.fit:not(.lb) { font-family: '仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', 'STFangsong', 'Noto Serif CJK SC', 'Source Han Serif SC', serif; }
.sheet { width: 210mm; height: 297mm; padding: 14mm 18mm 12mm; position: relative; break-after: page; page-break-after: always; overflow: visible; }
.sheet:last-child { break-after: auto; page-break-after: auto; }
h1 { margin: 2mm 0 6mm; font-size: 22pt; font-weight: bold; text-align: center; letter-spacing: 2mm; height: 10mm; line-height: 10mm; }
table.grid { width: 174mm; border-collapse: collapse; table-layout: fixed; border: 0.5mm solid #000; }
table.grid.follow { border-top: none; }
table.grid td { border: 0.25mm solid #000; padding: 0; vertical-align: middle; overflow: visible; }
.fit { display: flex; align-items: center; padding: 0.6mm 1.4mm; line-height: 1.35; overflow: visible; }
.fit.top { align-items: flex-start; padding-top: 2mm; }
.fit.grown { min-height: 0; }
.in { width: 100%; overflow-wrap: anywhere; word-break: break-all; }
.fit.c .in { text-align: center; }
.lb .in { letter-spacing: 0; }
td.photo { text-align: center; vertical-align: middle; padding: 1mm; }
td.photo img { max-width: 32mm; max-height: 48mm; object-fit: contain; display: block; margin: 0 auto; }
.resume .in { line-height: 1.6; }
.rl { display: flex; }
.rd { flex: 0 0 8.6em; white-space: pre; }
.rt { flex: 1 1 auto; min-width: 0; }
td.stamp { vertical-align: top; position: relative; }
td.stamp .date { position: absolute; right: 8mm; bottom: 4mm; font-size: 12pt; }
td.stamp .seal { position: absolute; right: 14mm; bottom: 14mm; font-size: 12pt; }
.footer { display: flex; justify-content: space-between; margin-top: 3mm; padding: 0 2mm; font-size: 12pt; }
@media screen {
  body { background: #e9ecef; padding: 6mm 0; }
  .sheet { margin: 0 auto 6mm; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
}
`

/** The printable document for one or many cadres (two pages each, in the given order). */
export function buildFormHtml(people: readonly FormPerson[], opts: FormHtmlOptions = {}): string {
  const title =
    opts.title ?? (people.length === 1 ? `干部任免审批表-${people[0]?.fields.name ?? ''}` : '干部任免审批表')
  const script = opts.script === false ? '' : `<script>${FIT_SCRIPT}</script>`
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${CSS}</style></head>
<body>${people.map(formPagesHtml).join('\n')}
${script}
</body></html>`
}

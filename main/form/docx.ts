/**
 * The 干部任免审批表 as a Word file (.docx) that opens in Word, WPS and LibreOffice looking like the
 * PDF: the same tables (main/form/layout.ts), 宋体 labels and 仿宋_GB2312 values with fallbacks named
 * in the font table, the photo, two A4 pages per cadre (one section per page), editable text.
 *
 * Word cannot shrink a cell's text to fit the way the HTML's fit script does, so the size is chosen
 * here: each cell's text is measured (full-width characters 1em, Latin ones at most 0.55em, on a
 * slightly narrowed line) at the start size and stepped down by 0.5pt until it fits the cell's
 * height with exact line spacing. Rows have an "at least" height, so if a reader's font still runs
 * wider than measured, the row grows: text is never cut off.
 */
import JSZip from 'jszip'
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  ImageRun,
  LineRuleType,
  Packer,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx'
import { AppError } from '../domain/errors'
import { formTexts, type FormPerson, type FormTexts } from './data'
import { BACK, FRONT, PAGE, TABLE_WIDTH } from './layout'

export const LABEL_FONT = '宋体'
export const VALUE_FONT = '仿宋_GB2312'
/** Latin letters and digits (dates, ID numbers) */
export const LATIN_FONT = 'Times New Roman'

const TWIPS_PER_MM = 1440 / 25.4
const MM_PER_PT = 25.4 / 72
const tw = (mm: number): number => Math.round(mm * TWIPS_PER_MM)

/** Cell padding (mm), as the HTML's `.fit` box. */
const PAD_X = 1.4
const PAD_Y = 0.6
/** Lines as tall as this many times the font size. */
const LINE = 1.3
const RESUME_LINE = 1.45
/** The smallest size text is shrunk to before a row grows instead. */
export const MIN_PT = 5
/** Where the 简历 text starts after the dates, in em (the HTML's `.rd` column is 8.6em; wider here for fonts whose digits run wider than Times New Roman). */
const RESUME_INDENT_EM = 9.4

/** Width of one character in em: CJK and full-width forms 1, Latin and digits at most 0.55. */
function charEm(c: string): number {
  const code = c.codePointAt(0) ?? 0
  if (code < 0x7f) return c === ' ' ? 0.5 : 0.55
  return 1
}

function textEm(s: string): number {
  let w = 0
  for (const c of s) w += charEm(c)
  return w
}

/** Lines a paragraph takes on a line `avail` em wide (at least one). */
function linesOf(s: string, avail: number): number {
  return Math.max(1, Math.ceil(textEm(s) / avail - 1e-9))
}

/** Line-breaking rules (no 。at the start of a line) and font differences cost some width: measure on 95%. */
const SAFETY = 0.95

export interface FitBox {
  /** cell width and height in mm */
  w: number
  h: number
  /** start size in pt */
  pt: number
  line?: number
}

/** The largest size (start, start − 0.5, …, MIN_PT) at which the paragraphs fit the box. */
export function fitSize(paras: readonly string[], box: FitBox): number {
  const line = box.line ?? LINE
  const availW = ((box.w - 2 * PAD_X - 0.4) / MM_PER_PT) * SAFETY
  const availH = (box.h - 2 * PAD_Y - 0.4) / MM_PER_PT
  for (let pt = box.pt; pt >= MIN_PT; pt -= 0.5) {
    const lines = paras.reduce((n, p) => n + linesOf(p, availW / pt), 0)
    if (lines * pt * line <= availH) return pt
  }
  return MIN_PT
}

/** As fitSize for 简历 lines: dates in a column of RESUME_INDENT_EM, the text wraps under itself. */
export function fitResumeSize(lines: readonly { when: string; text: string }[], box: FitBox): number {
  const line = box.line ?? RESUME_LINE
  const availW = ((box.w - 2 * PAD_X - 0.4) / MM_PER_PT) * SAFETY
  const availH = (box.h - 2 * PAD_Y - 2 - 0.4) / MM_PER_PT
  for (let pt = box.pt; pt >= MIN_PT; pt -= 0.5) {
    const textW = availW / pt - RESUME_INDENT_EM
    const n = lines.reduce((k, l) => k + linesOf(l.text, textW), 0)
    if (n * pt * line <= availH) return pt
  }
  return MIN_PT
}

function font(name: string): { eastAsia: string; ascii: string; hAnsi: string; cs: string } {
  return { eastAsia: name, ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: name }
}

function spacing(
  pt: number,
  line: number,
  before = 0,
): { before: number; after: number; line: number; lineRule: typeof LineRuleType.EXACT } {
  return {
    before: Math.round(before),
    after: 0,
    line: Math.round(pt * line * 20),
    lineRule: LineRuleType.EXACT,
  }
}

type Align = (typeof AlignmentType)[keyof typeof AlignmentType]

function run(
  text: string,
  pt: number,
  face: string,
  extra: { bold?: boolean; characterSpacing?: number } = {},
): TextRun {
  // A tab is its own element (<w:tab/>); a tab character inside <w:t> is not one.
  const parts = text.split('\t')
  const children: (string | Tab)[] = []
  parts.forEach((p, i) => {
    if (i > 0) children.push(new Tab())
    if (p !== '') children.push(p)
  })
  return new TextRun({ children, size: Math.round(pt * 2), font: font(face), ...extra })
}

function paragraphs(
  lines: readonly string[],
  pt: number,
  opts: { face?: string; align?: Align; line?: number } = {},
): Paragraph[] {
  const list = lines.length > 0 ? lines : ['']
  return list.map(
    (l) =>
      new Paragraph({
        alignment: opts.align ?? AlignmentType.LEFT,
        spacing: spacing(pt, opts.line ?? LINE),
        children: l === '' ? [] : [run(l, pt, opts.face ?? VALUE_FONT)],
      }),
  )
}

const CELL_MARGINS = { top: tw(PAD_Y), bottom: tw(PAD_Y), left: tw(PAD_X), right: tw(PAD_X) }
const THIN = { style: BorderStyle.SINGLE, size: 6, color: '000000' } // 0.75pt ≈ 0.25mm
const THICK = { style: BorderStyle.SINGLE, size: 12, color: '000000' } // 1.5pt ≈ 0.5mm

interface CellSpec {
  /** width in mm (the sum of the spanned columns) */
  w: number
  /** height in mm of the box the text must fit (the row, or the rows spanned) */
  h: number
  lines: readonly string[]
  label?: boolean
  center?: boolean
  pt?: number
  columnSpan?: number
  rowSpan?: number
  top?: boolean
}

function textLines(s: string): string[] {
  return s === '' ? [] : s.replace(/\r\n?/g, '\n').split('\n')
}

/** A cell whose text is set at the largest size that fits (labels in 宋体, values in 仿宋_GB2312). */
function cell(c: CellSpec): TableCell {
  const start = c.pt ?? 12
  const pt = fitSize(c.lines, { w: c.w, h: c.h, pt: start })
  return new TableCell({
    width: { size: tw(c.w), type: WidthType.DXA },
    margins: CELL_MARGINS,
    verticalAlign: c.top ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
    columnSpan: c.columnSpan,
    rowSpan: c.rowSpan,
    children: paragraphs(c.lines, pt, {
      face: c.label ? LABEL_FONT : VALUE_FONT,
      align: c.label || c.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    }),
  })
}

const label = (text: string, w: number, h: number, extra: Partial<CellSpec> = {}): TableCell =>
  cell({ w, h, lines: text.split('|'), label: true, ...extra })
const value = (
  text: string | readonly string[],
  w: number,
  h: number,
  extra: Partial<CellSpec> = {},
): TableCell => cell({ w, h, lines: typeof text === 'string' ? textLines(text) : text, ...extra })

function row(h: number, cells: TableCell[]): TableRow {
  return new TableRow({
    height: { value: tw(h), rule: HeightRule.ATLEAST },
    cantSplit: true,
    children: cells,
  })
}

function table(widths: readonly number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: tw(TABLE_WIDTH), type: WidthType.DXA },
    columnWidths: widths.map(tw),
    layout: TableLayoutType.FIXED,
    borders: {
      top: THICK,
      bottom: THICK,
      left: THICK,
      right: THICK,
      insideHorizontal: THIN,
      insideVertical: THIN,
    },
    rows,
  })
}

/** Pixel size of a JPEG (SOF marker) or PNG (IHDR); null when unreadable. */
export function imageSize(b: Uint8Array): { width: number; height: number; type: 'jpg' | 'png' } | null {
  if (b.length > 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength)
    return { width: v.getUint32(16), height: v.getUint32(20), type: 'png' }
  }
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null
      const marker = b[i + 1] ?? 0
      const len = ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = ((b[i + 5] ?? 0) << 8) | (b[i + 6] ?? 0)
        const width = ((b[i + 7] ?? 0) << 8) | (b[i + 8] ?? 0)
        return width > 0 && height > 0 ? { width, height, type: 'jpg' } : null
      }
      i += 2 + len
    }
  }
  return null
}

/** The photo, contained in 32 × 48 mm like the HTML's `td.photo img`. */
function photoCell(photo: Uint8Array | null, w: number, h: number): TableCell {
  const size = photo ? imageSize(photo) : null
  let child: Paragraph
  if (photo && size) {
    const maxW = 32
    const maxH = Math.min(48, h - 2)
    const scale = Math.min(maxW / size.width, maxH / size.height)
    const px = (mm: number): number => Math.round((mm / 25.4) * 96)
    child = new Paragraph({
      alignment: AlignmentType.CENTER,
      // not the document's exact line height, which would clip the picture to one line
      spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
      children: [
        new ImageRun({
          type: size.type,
          data: photo,
          transformation: { width: px(size.width * scale), height: px(size.height * scale) },
          altText: { name: '照片', title: '照片', description: '干部照片' },
        }),
      ],
    })
  } else {
    child = new Paragraph({ children: [] })
  }
  return new TableCell({
    width: { size: tw(w), type: WidthType.DXA },
    margins: { top: tw(1), bottom: tw(1), left: tw(1), right: tw(1) },
    verticalAlign: VerticalAlignTable.CENTER,
    rowSpan: 4,
    children: [child],
  })
}

function resumeCell(t: FormTexts, w: number, h: number): TableCell {
  const pt = fitResumeSize(t.resume, { w, h, pt: 11.5 })
  const indent = Math.round(RESUME_INDENT_EM * pt * 20)
  const list = t.resume.length > 0 ? t.resume : [{ when: '', text: '' }]
  return new TableCell({
    width: { size: tw(w), type: WidthType.DXA },
    margins: { ...CELL_MARGINS, top: tw(2) },
    verticalAlign: VerticalAlignTable.TOP,
    columnSpan: 6,
    children: list.map(
      (l) =>
        new Paragraph({
          spacing: spacing(pt, RESUME_LINE),
          indent: { left: indent, hanging: indent },
          tabStops: [{ type: TabStopType.LEFT, position: indent }],
          children: [run(`${l.when}\t${l.text}`, pt, VALUE_FONT)],
        }),
    ),
  })
}

function frontPage(p: FormPerson, t: FormTexts): (Paragraph | Table)[] {
  const [c0, c1, c2, c3, c4, c5, c6] = FRONT.cols
  const { R, E, P, J } = FRONT
  const c45 = c4 + c5
  const c12 = c1 + c2
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: spacing(FRONT.title.height / MM_PER_PT / 1, 1, tw(FRONT.title.above)),
    children: [run('干部任免审批表', FRONT.title.pt, LABEL_FONT, { bold: true, characterSpacing: tw(2) })],
  })
  const gap = new Paragraph({
    spacing: spacing(FRONT.title.below / MM_PER_PT, 1),
    children: [],
  })
  const rows = [
    row(R, [
      label('姓　名', c0, R),
      value(t.name, c1, R, { center: true }),
      label('性　别', c2, R),
      value(t.gender, c3, R, { center: true }),
      label('出生年月|（　岁）', c4, R),
      value(t.birth, c5, R, { center: true }),
      photoCell(p.photo, c6, 4 * R),
    ]),
    row(R, [
      label('民　族', c0, R),
      value(t.ethnicity, c1, R, { center: true }),
      label('籍　贯', c2, R),
      value(t.nativePlace, c3, R, { center: true }),
      label('出生地', c4, R),
      value(t.birthPlace, c5, R, { center: true }),
    ]),
    row(R, [
      label('入　党|时　间', c0, R),
      value(t.partyJoin, c1, R, { center: true }),
      label('参加工|作时间', c2, R),
      value(t.workStart, c3, R, { center: true }),
      label('健康状况', c4, R),
      value(t.health, c5, R, { center: true }),
    ]),
    row(R, [
      label('专业技|术职务', c0, R),
      value(t.techTitle, c12, R, { center: true, columnSpan: 2 }),
      label('熟悉专业|有何专长', c3, R),
      value(t.specialty, c45, R, { center: true, columnSpan: 2 }),
    ]),
    row(E, [
      label('学　历|学　位', c0, 2 * E, { rowSpan: 2 }),
      label('全日制|教　育', c1, E),
      value(t.eduFullTime, c2 + c3, E, { center: true, columnSpan: 2 }),
      label('毕业院校|系及专业', c4, E),
      value(t.schoolFullTime, c5 + c6, E, { columnSpan: 2 }),
    ]),
    row(E, [
      label('在　职|教　育', c1, E),
      value(t.eduInService, c2 + c3, E, { center: true, columnSpan: 2 }),
      label('毕业院校|系及专业', c4, E),
      value(t.schoolInService, c5 + c6, E, { columnSpan: 2 }),
    ]),
    row(P, [label('现　任|职　务', c0, P), value(t.position, TABLE_WIDTH - c0, P, { columnSpan: 6 })]),
    row(P, [
      label('拟　任|职　务', c0, P),
      value(t.proposedPosition, TABLE_WIDTH - c0, P, { columnSpan: 6 }),
    ]),
    row(P, [label('拟　免|职　务', c0, P), value(t.proposedRemoval, TABLE_WIDTH - c0, P, { columnSpan: 6 })]),
    row(J, [label('简||||历', c0, J, { pt: 13 }), resumeCell(t, TABLE_WIDTH - c0, J)]),
  ]
  return [title, gap, table(FRONT.cols, rows)]
}

/**
 * The back page is one table on a grid that holds both the family columns and the two opinion
 * columns (adjacent Word tables would run into one another).
 */
const BACK_GRID = (() => {
  const edges = new Set<number>([0])
  let x = 0
  for (const w of BACK.cols) edges.add((x += w))
  x = 0
  for (const w of BACK.opinionCols) edges.add((x += w))
  const sorted = [...edges].sort((a, b) => a - b)
  return sorted.slice(1).map((e, i) => e - (sorted[i] ?? 0))
})()

/** How many grid columns a width starting at `from` (mm) spans. */
function span(from: number, width: number): number {
  let x = 0
  let n = 0
  for (const w of BACK_GRID) {
    if (x >= from - 0.01 && x + w <= from + width + 0.01) n++
    x += w
  }
  return n
}

/** A cell with text at the top and "年 月 日" (and "（盖章）") at the bottom right, as on the printed form. */
function stampCell(text: string, w: number, h: number, seal: boolean, columnSpan: number): TableCell {
  const pt = 12
  const lineMm = pt * LINE * MM_PER_PT
  const children: Paragraph[] = []
  let used = PAD_Y
  if (!seal) {
    const lines = textLines(text)
    const size = fitSize(lines, { w, h: h - 14, pt })
    // centred in the space above the date, as the HTML's box is
    const textH = Math.max(1, lines.length) * size * LINE * MM_PER_PT
    const above = Math.max(0, (h - 14 - PAD_Y - textH) / 2)
    const ps = paragraphs(lines, size, { align: AlignmentType.LEFT })
    children.push(
      new Paragraph({
        spacing: { before: 0, after: 0, line: Math.max(1, tw(above)), lineRule: LineRuleType.EXACT },
      }),
      ...ps,
    )
    used += above + textH
  }
  const right = (s: string, rightMm: number, bottomMm: number): Paragraph => {
    const before = Math.max(0, h - bottomMm - lineMm - used)
    used += before + lineMm
    return new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: tw(rightMm - PAD_X) },
      spacing: spacing(pt, LINE, tw(before)),
      children: [run(s, pt, LABEL_FONT)],
    })
  }
  if (seal) children.push(right('（盖章）', 14, 14))
  children.push(right('年　　月　　日', 8, 4))
  return new TableCell({
    width: { size: tw(w), type: WidthType.DXA },
    margins: { ...CELL_MARGINS, top: tw(PAD_Y), bottom: 0 },
    verticalAlign: VerticalAlignTable.TOP,
    columnSpan,
    children,
  })
}

function backPage(t: FormTexts): (Paragraph | Table)[] {
  const [l, rel, name, age, pol, work] = BACK.cols
  const rest = TABLE_WIDTH - l
  const all = BACK_GRID.length - 1
  const { K, A, Y, FH, C, S } = BACK
  const n = Math.max(BACK.familyRows, t.family.length)
  const fr = t.family.length > BACK.familyRows ? (BACK.familyRows * BACK.familyRow) / n : BACK.familyRow
  const familyHeight = FH + BACK.familyRows * BACK.familyRow
  const x = {
    rel: l,
    name: l + rel,
    age: l + rel + name,
    pol: l + rel + name + age,
    work: l + rel + name + age + pol,
  }
  const rows: TableRow[] = [
    row(K, [label('奖|惩|情|况', l, K), value(t.rewards, rest, K, { top: true, columnSpan: all })]),
    row(A, [label('年　度|考　核|结　果', l, A), value(t.assessment, rest, A, { columnSpan: all })]),
    row(Y, [label('任|免|理|由', l, Y), value(t.reason, rest, Y, { columnSpan: all })]),
    row(FH, [
      label('家庭|主要|成员|及重|要社|会关|系', l, familyHeight, { rowSpan: n + 1 }),
      label('称谓', rel, FH, { pt: 11, columnSpan: span(x.rel, rel) }),
      label('姓　名', name, FH, { pt: 11, columnSpan: span(x.name, name) }),
      label('年龄', age, FH, { pt: 11, columnSpan: span(x.age, age) }),
      label('政治|面貌', pol, FH, { pt: 11, columnSpan: span(x.pol, pol) }),
      label('工作单位及职务', work, FH, { pt: 11, columnSpan: span(x.work, work) }),
    ]),
  ]
  for (let i = 0; i < n; i++) {
    const f = t.family[i]
    rows.push(
      row(fr, [
        value(f?.relation ?? '', rel, fr, { pt: 11, center: true, columnSpan: span(x.rel, rel) }),
        value(f?.name ?? '', name, fr, { pt: 11, center: true, columnSpan: span(x.name, name) }),
        value(f?.age ?? '', age, fr, { pt: 11, center: true, columnSpan: span(x.age, age) }),
        value(f?.politicalStatus ?? '', pol, fr, { pt: 11, center: true, columnSpan: span(x.pol, pol) }),
        value(f?.workUnitPosition ?? '', work, fr, { pt: 11, columnSpan: span(x.work, work) }),
      ]),
    )
  }
  const [ol, oa, ol2, ob] = BACK.opinionCols
  rows.push(row(C, [label('呈|报|单|位', l, C), stampCell(t.reportingUnit, rest, C, false, all)]))
  rows.push(
    row(S, [
      label('审|批|机|关|意|见', ol, S),
      stampCell('', oa, S, true, span(ol, oa)),
      label('行|政|机|关|任|免|意|见', ol2, S, { columnSpan: span(ol + oa, ol2) }),
      stampCell('', ob, S, true, span(ol + oa + ol2, ob)),
    ]),
  )
  const footer = new Paragraph({
    spacing: spacing(12, LINE, tw(3)),
    indent: { left: tw(2), right: tw(2) },
    tabStops: [{ type: TabStopType.RIGHT, position: tw(TABLE_WIDTH - 2) }],
    children: [run(`填表人：${t.filledBy}\t填表时间：${t.filledAt}`, 12, LABEL_FONT)],
  })
  return [table(BACK_GRID, rows), footer]
}

const SECTION_PAGE = {
  page: {
    size: { width: tw(PAGE.width), height: tw(PAGE.height) },
    margin: {
      top: tw(PAGE.top),
      right: tw(PAGE.right),
      bottom: tw(PAGE.bottom),
      left: tw(PAGE.left),
      header: 0,
      footer: 0,
    },
  },
}

/** Fonts named in the document with the ones a reader without them should use (word/fontTable.xml). */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
</w:fonts>`

/** The Word document for one or many cadres (two pages each, in the given order). */
export async function buildFormDocx(people: readonly FormPerson[]): Promise<Uint8Array> {
  if (people.length === 0)
    throw new AppError('form-none', '请先选择要导出任免审批表的干部', 'no cadre selected')
  const sections: ISectionOptions[] = []
  for (const p of people) {
    const t = formTexts(p)
    sections.push({ properties: SECTION_PAGE, children: frontPage(p, t) })
    sections.push({ properties: SECTION_PAGE, children: backPage(t) })
  }
  const first = people[0]?.fields.name ?? ''
  const doc = new Document({
    creator: '干部管理系统',
    title: people.length === 1 ? `干部任免审批表-${first}` : '干部任免审批表',
    styles: {
      default: {
        document: {
          run: { font: font(VALUE_FONT), size: 24 },
          paragraph: { spacing: spacing(12, 1) },
        },
      },
    },
    sections,
  })
  const bytes = await Packer.toBuffer(doc)
  // The font table with fallbacks: Word and WPS use altName when a font is missing.
  const zip = await JSZip.loadAsync(bytes)
  zip.file('word/fontTable.xml', FONT_TABLE)
  const out = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
  return out
}

/**
 * Finding the header and naming its columns: header synonyms as units write them, the national
 * system's field codes (A0101 …), line breaks inside header cells, and two-level headers
 * (全日制教育 over 学历 / 学位 / 院校).
 */
import { createHash } from 'node:crypto'
import { CADRE_FIELDS, toHalfWidth, type CadreFieldKey } from '../domain/fields'
import { columnLetter, type CellValue, type LoadedSheet, type MergeRange, type SheetRow } from './workbook'

/** What a column can be mapped to: every canonical field plus 简历 (A1701). */
export type ImportKey = CadreFieldKey | 'resume'

export const IMPORT_TARGETS: readonly { key: ImportKey; label: string }[] = [
  ...CADRE_FIELDS.map((f) => ({ key: f.key as ImportKey, label: f.label })),
  { key: 'resume', label: '简历' },
]

const SYNONYMS: Record<ImportKey, string[]> = {
  name: ['姓名', '名字', '干部姓名', '人员姓名', 'A0101'],
  gender: ['性别', 'A0104'],
  birthDate: ['出生年月', '出生日期', '出生时间', '出生年月日', '出生年月岁', '生日', 'A0107'],
  ethnicity: ['民族', 'A0117'],
  nativePlace: ['籍贯', 'A0111A', 'A0111'],
  birthPlace: ['出生地', 'A0114A', 'A0114'],
  partyJoinDate: ['入党时间', '党派加入时间', '入党日期', '入党年月', '加入党派时间', '加入中共时间', 'A0144'],
  politicalStatus: ['政治面貌', '党派', 'A0141'],
  workStartDate: ['参加工作时间', '工作时间', '参工时间', '参加工作日期', '参加工作年月', 'A0134'],
  health: ['健康状况', '健康情况', '身体状况', 'A0127'],
  techTitle: ['专业技术职务', '专业技术职称', '职称', 'A0125'],
  specialty: ['熟悉专业有何专长', '专长', '特长', '熟悉专业'],
  eduFullTime: ['全日制教育学历', '全日制学历', '学历', '最高学历'],
  degreeFullTime: ['全日制教育学位', '全日制学位', '学位', '最高学位'],
  schoolFullTime: [
    '全日制教育毕业院校系及专业',
    '全日制毕业院校系及专业',
    '全日制教育毕业院校及专业',
    '全日制教育院校',
    '全日制教育毕业院校',
    '全日制毕业院校',
    '全日制教育院校系及专业',
    '毕业院校系及专业',
    '毕业院校及专业',
    '毕业院校',
  ],
  eduInService: ['在职教育学历', '在职学历'],
  degreeInService: ['在职教育学位', '在职学位'],
  schoolInService: [
    '在职教育毕业院校系及专业',
    '在职毕业院校系及专业',
    '在职教育毕业院校及专业',
    '在职教育院校',
    '在职教育毕业院校',
    '在职毕业院校',
    '在职教育院校系及专业',
  ],
  idCard: ['身份证号', '公民身份号码', '身份证号码', '身份证', '居民身份证号码', '公民身份证号码', '证件号码', '证件号', 'A0184'],
  unit: ['工作单位', '单位', '所在单位', '单位名称', '现工作单位'],
  position: ['现任职务', '职务', '工作单位及职务', '现职务', '现任职务全称', 'A0192A', 'A0192'],
  positionLevel: ['职务层次', '职务级别', '级别', '现职务层次'],
  positionDate: ['任现职务时间', '任职时间', '任现职时间', '现职时间', 'A0288'],
  levelDate: ['任现职务层次时间', '任现级别时间', '任同级职务时间', '任职务层次时间', '现职务层次时间'],
  rank: ['职级', '现职级'],
  rankDate: ['任现职级时间', '任职级时间'],
  status: ['状态', '在职状态', '人员状态'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '电话号码'],
  resume: ['简历', '个人简历', '工作简历', 'A1701'],
}

/** "出生\n年月（岁）" → "出生年月岁"; "A0192a 工作单位及职务" → "A0192A工作单位及职务". */
export function normalizeHeader(raw: string): string {
  return toHalfWidth(raw)
    .replace(/[\s\u3000]+/g, '')
    .replace(/[()（）[\]【】<>《》*:：、，,.．。·/\\_\-—]/g, '')
    .replace(/^A\d{4}[a-z]?/i, (m) => m.toUpperCase())
}

const BY_LABEL = new Map<string, ImportKey>()
for (const [key, labels] of Object.entries(SYNONYMS) as [ImportKey, string[]][]) {
  for (const l of labels) BY_LABEL.set(normalizeHeader(l), key)
}
for (const t of IMPORT_TARGETS) if (!BY_LABEL.has(normalizeHeader(t.label))) BY_LABEL.set(normalizeHeader(t.label), t.key)

/** The canonical key a header text names, or null. */
export function keyForHeader(raw: string): ImportKey | null {
  const n = normalizeHeader(raw)
  if (!n) return null
  const direct = BY_LABEL.get(n)
  if (direct) return direct
  // A field code with its label ("A0101姓名") or a code alone.
  const code = n.match(/^(A\d{4}[A-Z]?)/)
  if (code) return BY_LABEL.get(code[1] ?? '') ?? BY_LABEL.get(n.slice((code[1] ?? '').length)) ?? null
  return null
}

// Second-level labels under a group heading.
const SUB_LABELS = new Set(['学历', '学位', '毕业院校系及专业', '毕业院校及专业', '院校系及专业', '毕业院校', '院校', '系及专业', '专业'])
const GROUP_RE = /^(全日制教育|全日制|在职教育|在职|学历学位|学历|职务|职级)/

export interface DetectedColumn {
  index: number
  letter: string
  header: string
  key: ImportKey | null
}

export interface HeaderDetection {
  /** First header row as Excel numbers it. */
  headerRow: number
  /** Last header row (headerRow + 1 for a two-level header). */
  lastHeaderRow: number
  columns: DetectedColumn[]
}

function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return ''
  return String(v).trim()
}

function mergeAt(merges: MergeRange[], r: number, c: number): MergeRange | undefined {
  return merges.find((m) => r >= m.r1 && r <= m.r2 && c >= m.c1 && c <= m.c2)
}

const SCAN_ROWS = 40

/** Picks the header among the first rows: the row naming the most known fields. */
export function detectHeader(sheet: LoadedSheet): HeaderDetection | null {
  const head = sheet.head.slice(0, SCAN_ROWS)
  let best: { row: SheetRow; score: number } | null = null
  let fallback: SheetRow | null = null
  for (const row of head) {
    const keys = new Set<ImportKey>()
    let texts = 0
    for (const v of row.cells) {
      const t = text(v)
      if (!t) continue
      texts++
      const k = keyForHeader(t)
      if (k) keys.add(k)
    }
    const score = keys.size + (keys.has('name') ? 2 : 0) + (keys.has('idCard') ? 2 : 0) - (texts > keys.size * 3 ? 1 : 0)
    if (keys.size >= 2 && (!best || score > best.score)) best = { row, score }
    // A header with one known name among other texts (the clerk maps the rest by hand).
    const allText = row.cells.every((v) => v === null || v === undefined || (typeof v === 'string' && !/^\d/.test(v.trim())))
    if (!best && !fallback && keys.size === 1 && texts >= 3 && allText) fallback = row
  }
  if (!best && fallback) best = { row: fallback, score: 0 }
  if (!best) return null
  const row = best.row
  const merges = sheet.merges.filter((m) => m.r1 <= row.r + 1 && m.r2 >= row.r - 1)
  // The cell value at (r, c), looking through merges to the range's top-left cell.
  const cellAt = (r: number, c: number): string => {
    const m = mergeAt(merges, r, c)
    const rr = m ? m.r1 : r
    const cc = m ? m.c1 : c
    const src = sheet.head.find((x) => x.r === rr)
    return text(src?.cells[cc])
  }
  const next = sheet.head.find((x) => x.r === row.r + 1)
  let twoLevel = false
  if (next) {
    const subs = next.cells.map(text).filter((t) => t && SUB_LABELS.has(normalizeHeader(t)))
    const nonEmpty = next.cells.map(text).filter(Boolean)
    twoLevel = subs.length >= 1 && subs.length >= nonEmpty.length / 2
  }
  const width = Math.max(row.cells.length, next && twoLevel ? next.cells.length : 0)
  const columns: DetectedColumn[] = []
  const used = new Set<ImportKey>()
  let group = ''
  for (let c = 0; c < width; c++) {
    let top = cellAt(row.r, c)
    let header = top
    if (twoLevel) {
      const sub = text(next?.cells[c])
      const subMerged = mergeAt(merges, row.r, c)
      if (top && (!subMerged || subMerged.r2 < row.r + 1)) group = GROUP_RE.test(normalizeHeader(top)) ? top : ''
      if (sub) {
        if (!top && group) top = group
        header = top && top !== sub ? `${top} ${sub}` : sub
      }
    }
    if (!header) continue
    let key = keyForHeader(header.replace(/\s+/g, ''))
    if (!key && twoLevel) key = keyForHeader(header.split(' ').pop() ?? '')
    if (key && used.has(key)) key = null
    if (key) used.add(key)
    columns.push({ index: c, letter: columnLetter(c), header: header.replace(/[\r\n]+/g, ''), key })
  }
  return { headerRow: row.r, lastHeaderRow: twoLevel ? row.r + 1 : row.r, columns }
}

/** Key for remembering a clerk's mapping: the header texts in order. */
export function headerHash(columns: readonly { header: string }[]): string {
  const h = createHash('sha256')
  h.update(columns.map((c) => normalizeHeader(c.header)).join('\u0001'))
  return h.digest('hex').slice(0, 16)
}

export function mappingSettingKey(columns: readonly { header: string }[]): string {
  return `import.mapping.${headerHash(columns)}`
}

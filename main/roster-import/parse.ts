/**
 * The rows under the header → people: each row's values normalised field by field, every problem
 * pinned to its cell (Excel row number and column letter). Unit header rows ("一、县财政局") give
 * their unit to the people below; blank rows, repeated headers and notes ("填表人：…") are passed by.
 */
import { idCardContradictions, validateIdCard } from '../domain/idcard'
import type { CadreFieldKey } from '../domain/fields'
import { parseResume, type ResumeEntry } from '../domain/resume'
import { normalizeHeader, type DetectedColumn, type ImportKey } from './headers'
import { displayValue, normalizeField } from './values'
import { AppError } from '../domain/errors'
import { LIMITS, columnLetter, type CellValue, type LoadedSheet, type SheetRow, type StopSignal } from './workbook'

export interface Issue {
  row: number
  column: string
  key: ImportKey | null
  value: string
  message: string
  level: 'error' | 'warning'
}

export type CadreValues = Partial<Record<CadreFieldKey, string | null>>

export interface ParsedRow {
  /** Excel's row number. */
  row: number
  values: CadreValues
  resume: ResumeEntry[] | null
  photo: Uint8Array | null
  /** The unit came from a unit header row above, not from a cell of this row. */
  unitFromGroup: boolean
  issues: Issue[]
  rejected: boolean
  /** Every cell as the file shows it, kept for rows with problems (the rejected-rows file). */
  raw: string[] | null
}

export interface ParsedRoster {
  sheet: string
  headerRow: number
  lastHeaderRow: number
  columns: DetectedColumn[]
  /** Width of the sheet (for the rejected-rows file). */
  width: number
  rows: ParsedRow[]
  /** Problems with the mapping as a whole (no 身份证号 column, ...): the import cannot start. */
  problems: string[]
}

export interface ParseOptions {
  date1904: boolean
  /** Bytes of the sheet done / total, and the rows read so far. */
  onProgress?: (done: number, total: number, rows: number) => void
  signal?: StopSignal
  /**
   * Rows handed over in file order as they are checked (the command line writes them while the
   * rest of the file is still read, main/roster-import/read-worker.ts); the result's `rows` is then
   * empty. A sheet with floating pictures hands every row over at the end, photos attached.
   */
  onRows?: (rows: ParsedRow[]) => void
}

/** Rows handed to onRows at a time; the first batch is small, so that writing starts early. */
const ROWS_BATCH = 2000
const FIRST_BATCH = 250

/** Problems with the mapping as a whole: without an ID-number or a name column nothing can be imported. */
export function mappingProblems(columns: readonly DetectedColumn[]): string[] {
  const keys = new Set(columns.map((c) => c.key))
  const problems: string[] = []
  if (!keys.has('idCard')) problems.push('没有对应“身份证号”的列：身份证号是区分每一个人的依据，请在列对应中指定')
  if (!keys.has('name')) problems.push('没有对应“姓名”的列，请在列对应中指定')
  return problems
}

const NOTE_RE = /^(填表人|填报人|制表人|制表|审核人|审核|负责人|联系人|联系电话|填表时间|填报时间|填表日期|填报单位|单位负责人|备注|说明|注[:：]|注\s*[0-9一二三]|合计|小计|总计|共计)/
const UNIT_PREFIX_RE = /^\s*(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十]+[)）]|\d+[、.．](?!\d))\s*/
const UNIT_SUFFIX_RE = /(局|委|办|办公室|镇|乡|街道|部|院|所|中心|站|队|会|室|处|科|公司|学校|政府|法院|检察院|委员会|管委会|社区|村)$/

function cellText(v: CellValue | undefined): string {
  return displayValue(v).trim()
}

/** A unit header row: one text in the row, numbered ("一、县财政局") or merged across or unit-like. */
function unitHeaderOf(row: SheetRow, sheet: LoadedSheet, nameIndex: number): string | null {
  const texts: { c: number; t: string }[] = []
  row.cells.forEach((v, c) => {
    const t = cellText(v)
    if (t) texts.push({ c, t })
  })
  const distinct = new Set(texts.map((x) => x.t))
  if (distinct.size !== 1) return null
  const first = texts[0]
  if (!first) return null
  const t = first.t.replace(/[\r\n]+/g, '')
  if (/^\d{15,}[\dXx]?$/.test(t) || t.length > 60) return null
  const merged = sheet.merges.some((m) => m.r1 <= row.r && m.r2 >= row.r && m.c1 <= first.c && m.c2 >= first.c && m.c2 > m.c1)
  const numbered = UNIT_PREFIX_RE.test(t)
  const name = t.replace(UNIT_PREFIX_RE, '').replace(/[（(]\s*\d+\s*人\s*[)）]\s*$/, '').replace(/[:：]$/, '').trim()
  if (!name) return null
  if (numbered || merged) return name
  // In the name column only a numbered or merged text is a unit: 王建科 is a person.
  if (first.c !== nameIndex && UNIT_SUFFIX_RE.test(name)) return name
  return null
}

export async function parseRoster(
  sheet: LoadedSheet,
  header: { headerRow: number; lastHeaderRow: number; columns: DetectedColumn[] },
  opts: ParseOptions,
): Promise<ParsedRoster> {
  const columns = header.columns
  const mapped = columns.filter((c): c is DetectedColumn & { key: ImportKey } => c.key !== null)
  const colOf = new Map<ImportKey, DetectedColumn>(mapped.map((c) => [c.key, c]))
  const problems = mappingProblems(columns)
  const headerTexts = new Set(columns.map((c) => normalizeHeader(c.header)).filter(Boolean))
  const width = Math.max(0, ...columns.map((c) => c.index + 1), ...sheet.head.map((r) => r.cells.length))

  // Floating pictures → the row they sit on (the first person row their top..bottom edge covers).
  const pictureRows = new Map<number, Uint8Array>()
  const pictures = sheet.pictures
  const out: ParsedRow[] = []
  /** Rows checked so far (those handed over to onRows included). */
  let count = 0
  const stream = opts.onRows && pictures.length === 0 ? opts.onRows : null
  const seenId = new Map<string, number>()
  let groupUnit: string | null = null
  const idCol = colOf.get('idCard')
  const nameCol = colOf.get('name')
  const onRow = (row: SheetRow): void => {
    if (row.r <= header.lastHeaderRow) return
    const idText = idCol ? cellText(row.cells[idCol.index]) : ''
    const nameText = nameCol ? cellText(row.cells[nameCol.index]) : ''
    // A repeated header (printed rosters repeat it on every page).
    if ((nameCol && nameText === nameCol.header) || (idCol && idText === idCol.header)) {
      const hits = mapped.filter((c) => headerTexts.has(normalizeHeader(cellText(row.cells[c.index])))).length
      if (hits >= Math.min(3, mapped.length)) return
    }
    // Rows without an ID number may be blank, notes, or unit headers rather than people.
    if (!idText) {
      const firstText = row.cells.map(cellText).find(Boolean) ?? ''
      if (!firstText) return
      if (NOTE_RE.test(firstText.replace(/\s/g, ''))) return
      const unitName = unitHeaderOf(row, sheet, nameCol?.index ?? -1)
      if (unitName) {
        groupUnit = unitName
        return
      }
    }
    if (count >= LIMITS.rows) {
      throw new AppError(
        'import-too-many-rows',
        `工作表“${sheet.name}”超过 ${LIMITS.rows.toLocaleString('zh-CN')} 行（第 ${row.r} 行处），超出一次导入的上限。请把花名册拆分成几个文件后分别导入`,
        `more than ${LIMITS.rows} rows in one import`,
      )
    }
    out.push(parseRow(row, mapped, colOf, groupUnit, opts.date1904, seenId, width))
    count++
    if (stream && out.length >= (count === out.length ? FIRST_BATCH : ROWS_BATCH)) stream(out.splice(0, out.length))
  }
  await sheet.eachRow(onRow, { onProgress: (d, t) => opts.onProgress?.(d, t, count), signal: opts.signal })
  opts.onProgress?.(1, 1, count)

  if (pictures.length) {
    const byRow = new Map(out.map((p) => [p.row, p]))
    for (const pic of pictures) {
      for (let r = pic.fromRow; r <= Math.max(pic.fromRow, pic.toRow); r++) {
        const p = byRow.get(r)
        if (p && !pictureRows.has(r)) {
          pictureRows.set(r, pic.data)
          if (pic.ext === 'jpg' || pic.ext === 'jpeg' || pic.ext === 'png') p.photo = pic.data
          else
            p.issues.push({
              row: r,
              column: columnLetter(pic.col),
              key: null,
              value: '',
              message: `照片格式为 ${pic.ext || '未知'}，只接受 JPEG 或 PNG，照片未导入`,
              level: 'warning',
            })
          break
        }
      }
    }
  }
  if (opts.onRows && out.length) opts.onRows(out.splice(0, out.length))
  return { sheet: sheet.name, headerRow: header.headerRow, lastHeaderRow: header.lastHeaderRow, columns, width, rows: out, problems }
}

function parseRow(
  row: SheetRow,
  mapped: (DetectedColumn & { key: ImportKey })[],
  colOf: Map<ImportKey, DetectedColumn>,
  groupUnit: string | null,
  date1904: boolean,
  seenId: Map<string, number>,
  width: number,
): ParsedRow {
  const values: CadreValues = {}
  const issues: Issue[] = []
  let resume: ResumeEntry[] | null = null
  const err = (col: DetectedColumn | undefined, key: ImportKey | null, value: string, message: string): void => {
    issues.push({ row: row.r, column: col?.letter ?? '', key, value, message, level: 'error' })
  }
  for (const c of mapped) {
    const raw = row.cells[c.index] ?? null
    if (c.key === 'resume') {
      const t = cellText(raw)
      resume = t ? parseResume(t) : null
      continue
    }
    if (c.key === 'idCard') continue
    const r = normalizeField(c.key, raw, date1904)
    if (!r.ok) err(c, c.key, displayValue(raw), r.message)
    else {
      values[c.key] = r.value
      if (r.warning) issues.push({ row: row.r, column: c.letter, key: c.key, value: displayValue(raw), message: r.warning, level: 'warning' })
    }
  }
  // 身份证号: cleaned, checked, and checked against 性别 and 出生年月 beside it.
  const idCol = colOf.get('idCard')
  if (idCol) {
    const raw = row.cells[idCol.index] ?? null
    const src = typeof raw === 'number' ? raw : displayValue(raw)
    const r = validateIdCard(src)
    if (!r.ok) {
      err(idCol, 'idCard', displayValue(raw), r.problem === 'empty' ? '身份证号为空：每个人都要有身份证号' : r.message)
      values.idCard = r.cleaned || null
    } else {
      values.idCard = r.value.idCard
      // 1982.1 typed into a number cell: the ID number says whether it was 1982.10.
      const bCol = colOf.get('birthDate')
      const bRaw = bCol ? row.cells[bCol.index] : undefined
      if (bCol && typeof bRaw === 'number' && values.birthDate === `${Math.floor(bRaw)}-01` && r.value.birthMonth === `${Math.floor(bRaw)}-10`) {
        values.birthDate = r.value.birthMonth
        const w = issues.find((i) => i.key === 'birthDate' && i.level === 'warning')
        if (w) w.message = `出生年月：数字 ${bRaw} 可能是 ${Math.floor(bRaw)}.01 或被 Excel 去掉末尾 0 的 ${Math.floor(bRaw)}.10，已按身份证号记为 ${Math.floor(bRaw)}.10，请核对`
      }
      for (const c of idCardContradictions(r.value, values.gender, values.birthDate)) {
        const col = colOf.get(c.key)
        err(col, c.key, displayValue(col ? (row.cells[col.index] ?? null) : null), c.message)
      }
      values.gender ??= r.value.gender
      values.birthDate ??= r.value.birthMonth
      const first = seenId.get(r.value.idCard)
      if (first !== undefined) err(idCol, 'idCard', r.value.idCard, `与第 ${first} 行的身份证号相同：同一个人在表中出现了两次`)
      else seenId.set(r.value.idCard, row.r)
    }
  }
  const nameCol = colOf.get('name')
  if (nameCol && !values.name) err(nameCol, 'name', '', '姓名为空')
  let unitFromGroup = false
  if (!values.unit && groupUnit) {
    values.unit = groupUnit
    unitFromGroup = true
  }
  const rejected = issues.some((i) => i.level === 'error')
  const raw = issues.length ? Array.from({ length: width }, (_v, c) => displayValue(row.cells[c])) : null
  return { row: row.r, values, resume, photo: null, unitFromGroup, issues, rejected, raw }
}

/**
 * A data row of a sheet as exceljs 4.4.0 itself renders it (RowXform and CellXform of its
 * streaming WorksheetWriter), written straight to the sheet's stream without its Row and Cell
 * objects. Those objects cost more than everything else an export does (a style, a value object
 * and a model per cell, three million of them for 100,000 cadres); the XML they produce is
 * simple and fixed, so it is produced here by string concatenation instead.
 *
 * Byte-identical to exceljs's rendering: tests/unit/export-row-xml.test.ts writes the same
 * sheets both ways and compares every part of the two files. Only plain values (text, finite
 * numbers, empty) with a style shared by every cell of a column come this way; anything else
 * (group rows with merges, the title) goes through exceljs's own rows.
 */
import type ExcelJS from 'exceljs'

/** Characters exceljs escapes or drops in XML text (utils.xmlEncode). */
// eslint-disable-next-line no-control-regex -- these are the very characters to find
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/

/** exceljs's utils.xmlEncode: the five entities, and DEL and C0 controls other than \t \n \r dropped. */
export function xmlEncode(text: string): string {
  const m = XML_SPECIAL.exec(text)
  if (!m) return text
  let result = ''
  let last = 0
  for (let i = m.index; i < text.length; i++) {
    const c = text.charCodeAt(i)
    let escape: string
    if (c === 34) escape = '&quot;'
    else if (c === 38) escape = '&amp;'
    else if (c === 39) escape = '&apos;'
    else if (c === 60) escape = '&lt;'
    else if (c === 62) escape = '&gt;'
    else if (c === 127 || (c <= 31 && (c <= 8 || (c >= 11 && c !== 13)))) escape = ''
    else continue
    if (last !== i) result += text.substring(last, i)
    last = i + 1
    result += escape
  }
  return last !== text.length ? result + text.substring(last) : result
}

/** Column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = ''
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s
  return s
}

/** The private parts of exceljs's streaming WorksheetWriter this module relies on. */
interface SheetWriterInternals {
  _rows: unknown[] | null
  _rowZero: number
  startedData: boolean
  stream: { write(data: string | Buffer): unknown }
  _workbook: { styles: { addStyleModel(model: object, cellType?: number): number } }
}

/** exceljs's Enums.ValueType.Null; the body styles all carry a numFmt, so the type does not change their id. */
const VALUE_TYPE_NULL = 0

/** Text gathered before it goes to the sheet stream (fewer, larger writes). */
const BATCH_CHARS = 32 * 1024

export class DirectRows {
  private readonly ws: SheetWriterInternals
  private readonly refs: string[]
  private readonly styleAttr: string[] | null = null
  private readonly spans: string
  private pending = ''

  /**
   * @param styles one style object per column, the same objects every row uses.
   * Unusable (null) when the sheet is not in the state this writer expects.
   */
  static open(ws: ExcelJS.Worksheet, styles: readonly Partial<ExcelJS.Style>[]): DirectRows | null {
    const w = ws as unknown as SheetWriterInternals
    if (!Array.isArray(w._rows) || typeof w._rowZero !== 'number' || !w._workbook?.styles) return null
    if (typeof w._workbook.styles.addStyleModel !== 'function') return null
    return new DirectRows(w, styles)
  }

  private constructor(ws: SheetWriterInternals, styles: readonly Partial<ExcelJS.Style>[]) {
    this.ws = ws
    const n = styles.length
    this.refs = styles.map((_, i) => columnLetter(i + 1))
    this.spans = ` spans="1:${n}" x14ac:dyDescent="0.25">`
    // The same registrations, in the same order, as exceljs's first row would make: the row's own
    // (empty) style, then each cell's. Later rows hit exceljs's cache and change nothing.
    const styles_ = ws._workbook.styles
    const rowStyle = styles_.addStyleModel({})
    const ids = styles.map((s) => styles_.addStyleModel(s, VALUE_TYPE_NULL))
    if (rowStyle === 0) this.styleAttr = ids.map((id) => (id ? ` s="${id}"` : ''))
  }

  /** False when the sheet cannot take a direct row now (a row of exceljs's own still open). */
  get ready(): boolean {
    return (
      this.styleAttr !== null && this.ws._rows !== null && this.ws._rows.length === 0 && this.ws.startedData
    )
  }

  /** The next row number. */
  get nextRow(): number {
    return this.ws._rowZero
  }

  /** Writes one row of plain values (the output of cellValue), with an optional height in points. */
  add(values: readonly (string | number | null)[], height?: number): void {
    const ws = this.ws
    const r = ws._rowZero++
    const attrs = this.styleAttr as string[]
    let cells = ''
    let any = false
    for (let i = 0; i < values.length; i++) {
      const v = values[i]
      const s = attrs[i] ?? ''
      if (v === null || v === undefined) {
        if (s) cells += `<c r="${this.refs[i]}${r}"${s}/>`
      } else if (typeof v === 'number') {
        any = true
        cells += `<c r="${this.refs[i]}${r}"${s}><v>${xmlEncode(v.toString())}</v></c>`
      } else {
        any = true
        cells += `<c r="${this.refs[i]}${r}"${s} t="str"><v>${xmlEncode(v)}</v></c>`
      }
    }
    // exceljs writes a row only when a cell holds a value or the row has a height.
    if (!any && !height) return
    const ht = height ? ` ht="${height}" customHeight="1"` : ''
    // Every cell of the row exists (each has its style), so spans always covers the whole row.
    this.pending +=
      cells === ''
        ? `<row r="${r}"${ht}${this.spans.slice(0, -1)}/>`
        : `<row r="${r}"${ht}${this.spans}${cells}</row>`
    if (this.pending.length >= BATCH_CHARS) this.flush()
  }

  /** Hands what is gathered to the sheet stream; call before any exceljs row or the sheet's commit. */
  flush(): void {
    if (this.pending === '') return
    this.ws.stream.write(Buffer.from(this.pending, 'utf8'))
    this.pending = ''
  }
}

/**
 * The workbook as the importer sees it, whatever the file format: visible and hidden sheets, the
 * date system, and per sheet its non-empty rows (Excel row numbers), merged ranges and floating
 * pictures. Values are raw: strings, numbers, booleans, and Dates for date-formatted cells.
 */
import { IMPORT_MAX_FILE_BYTES } from '../domain/limits'
import { AppError } from '../domain/errors'

export type CellValue = string | number | boolean | Date | null

export interface SheetRow {
  /** Row number as Excel shows it (1-based). */
  r: number
  /** Values by 0-based column; holes are empty cells. */
  cells: CellValue[]
}

/** A merged range: rows 1-based, columns 0-based, inclusive. */
export interface MergeRange {
  r1: number
  c1: number
  r2: number
  c2: number
}

export interface SheetPicture {
  /** Rows (1-based) the picture's top and bottom edges sit in. */
  fromRow: number
  toRow: number
  col: number
  data: Uint8Array
  ext: string
}

export interface LoadedSheet {
  name: string
  /** The first non-empty rows (header detection looks here). */
  head: SheetRow[]
  merges: MergeRange[]
  pictures: SheetPicture[]
  /** Every non-empty row in order, streamed: a 100,000-row sheet is never held as rows. */
  eachRow(fn: (row: SheetRow) => void, opts?: LoadOptions): Promise<void>
}

export const HEAD_ROWS = 60

export type SheetState = 'visible' | 'hidden' | 'veryHidden'

export interface SheetInfo {
  name: string
  state: SheetState
}

export interface Workbook {
  format: 'xlsx' | 'xls'
  date1904: boolean
  sheets: SheetInfo[]
  loadSheet(name: string, opts?: LoadOptions): Promise<LoadedSheet>
}

/** What stops a long read or write: an AbortSignal, or the running job's cancel flag (its `aborted`
 *  reads the flag each time it is asked). */
export interface StopSignal {
  readonly aborted: boolean
}

export interface LoadOptions {
  /** Called with bytes (or rows) done / total while a large sheet is read. */
  onProgress?: (done: number, total: number) => void
  signal?: StopSignal
}

/** Limits: a clear message instead of running out of memory. */
export const LIMITS = {
  /** The file as received. */
  fileBytes: IMPORT_MAX_FILE_BYTES,
  /** One worksheet part once inflated (about 250,000 rows of a 27-column roster). */
  sheetBytes: 200 * 1024 * 1024,
  /** People rows in one import: 100,000 rows take about 500 MB while being imported. */
  rows: 200_000,
  /** Shared strings, styles, workbook and other small parts. */
  partBytes: 120 * 1024 * 1024,
  /** A .xls file (SheetJS builds the whole workbook in memory). */
  xlsBytes: 20 * 1024 * 1024,
  picturesBytes: 200 * 1024 * 1024,
}

export function columnLetter(c: number): string {
  let s = ''
  let n = c + 1
  while (n > 0) {
    const m = (n - 1) % 26
    s = String.fromCharCode(65 + m) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

export function columnIndex(letters: string): number {
  let n = 0
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64)
  return n - 1
}

export function cancelled(): AppError {
  // The code every long job's cancel uses (main/worker/job.ts), so the page knows it for a cancel.
  return new AppError('cancelled', '导入已取消，数据库未作任何改动', 'import cancelled; nothing written')
}

export function throwIfAborted(signal: StopSignal | undefined): void {
  if (signal?.aborted) throw cancelled()
}

/** Lets the event loop run (other messages to the worker, progress events) during a long job. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

export function notSpreadsheet(fileName: string): AppError {
  return new AppError(
    'import-not-excel',
    `“${fileName}”不是 Excel 文件（.xlsx 或 .xls），无法导入。若是 WPS 表格或 CSV，请先另存为 .xlsx`,
    `${fileName} is not an Excel workbook (.xlsx or .xls)`,
  )
}

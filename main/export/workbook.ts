/**
 * The one Excel writer every export of the app uses (rosters, the rejected-rows report,
 * eligibility results, the talk ledger, the reserve pool): exceljs's streaming WorkbookWriter,
 * so 100,000 rows go out without the workbook being held in memory.
 *
 * Each sheet is a print-ready table: a merged title row, an optional note row, a styled header,
 * frozen panes, column widths, A4 landscape fitted to the page width with the title and header
 * repeated on every printed page, page numbers in the footer. Values go through `cellValue`:
 * text stays text (never a formula), months read 1975.03.
 */
import {
  closeSync,
  createWriteStream,
  mkdtempSync,
  openSync,
  readSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isMainThread } from 'node:worker_threads'
import { rename, rm } from 'node:fs/promises'
import { PassThrough, Writable } from 'node:stream'
import type * as ExcelJS from 'exceljs'
import { loadExcelJS } from './exceljs'
import { AppError } from '../domain/errors'
import { cellValue, displayWidth, type CellInput, type CellKind } from './cells'
import { DirectRows } from './row-xml'
import { jobProgress, throwIfCancelled } from '../worker/job'

export interface TableColumn {
  header: string
  kind?: CellKind
  /** Width in characters (a CJK character counts two); default from the header and the kind. */
  width?: number
}

/** A data row: one value per column, in column order. */
export type TableRow = readonly CellInput[]
/** A group heading row spanning the table ("县财政局（12人）"). */
export interface GroupRow {
  group: string
}
export type TableItem = TableRow | GroupRow

export interface TableSheet {
  /** Sheet tab name; characters Excel forbids are replaced, cut to 31 characters. */
  name: string
  /** Row 1, merged across the table. */
  title: string
  /** Row 2 when given (unit, date, head count ...). */
  note?: string
  columns: readonly TableColumn[]
  rows: Iterable<TableItem> | AsyncIterable<TableItem>
  /** Columns kept in view when scrolling sideways (e.g. 序号 and 姓名). */
  freezeColumns?: number
  /** Default true: A4 landscape. */
  landscape?: boolean
  /** Rows expected (data and group rows), for a long job's progress; absent: none reported. */
  total?: number
}

export interface SheetResult {
  name: string
  /** Data rows written (group rows not counted). */
  rows: number
  groups: number
  /** Row number of the header row in the sheet. */
  headerRow: number
}

const FONT = '宋体'
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } }
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN }
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }
/** Points per line of 10-point text. */
const LINE_HEIGHT = 13.5
/**
 * Yield to the event loop every so many rows. The compressor works in the thread pool but is fed
 * by the main thread a chunk at a time: short bursts keep it busy alongside the writing (long
 * bursts would leave it idle, then make the writing wait for it).
 */
const YIELD_EVERY = 20
/** Compressor output chunk: fewer hand-overs between the main thread and the thread pool. */
const ZLIB_CHUNK = 256 * 1024

const DEFAULT_WIDTH: Record<CellKind, number> = {
  text: 10,
  longText: 24,
  month: 9,
  day: 11,
  idCard: 20,
  integer: 6,
  number: 8,
}

/** The given width (headers wrap), or a default from the kind and the header. */
function columnWidth(c: TableColumn): number {
  const w = c.width ?? Math.max(DEFAULT_WIDTH[c.kind ?? 'text'], Math.min(displayWidth(c.header) + 2, 16))
  return Math.min(60, Math.max(4, w)) + 0.7
}

function bodyStyle(kind: CellKind): Partial<ExcelJS.Style> {
  const numeric = kind === 'integer' || kind === 'number'
  const center = kind === 'month' || kind === 'day' || kind === 'idCard' || numeric
  return {
    font: { name: FONT, size: 10 },
    border: BORDER,
    // '@' (text) keeps ID numbers, months and anything starting with = as text even when edited.
    numFmt: kind === 'integer' ? '0' : kind === 'number' ? 'General' : '@',
    alignment: {
      vertical: 'middle',
      horizontal: center ? 'center' : 'left',
      wrapText: kind === 'longText',
    },
  }
}

/** Excel forbids : \ / ? * [ ] in sheet names and caps them at 31 characters. */
export function safeSheetName(name: string): string {
  const s = name
    .replace(/[:\\/?*[\]]/g, '_')
    .replace(/^'+|'+$/g, '')
    .trim()
  return (s || 'Sheet1').slice(0, 31)
}

function isGroup(item: TableItem): item is GroupRow {
  return !Array.isArray(item) && typeof (item as GroupRow).group === 'string'
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Sheet XML written but not yet taken by the compressor may wait in memory up to this much. */
const MAX_PENDING = 8 * 1024 * 1024

/** archiver's PassThrough is readable-stream 2: its buffers are in the private states. */
interface Buffered {
  _writableState?: { length?: number }
  _readableState?: { length?: number }
}

/**
 * Bytes of sheet XML waiting for the zip compressor. exceljs's sheet stream writes into
 * archiver's PassThrough without looking at its return value, so when deflate is slower than
 * the rows come (a busy machine), the whole sheet would pile up in memory. We look at that
 * PassThrough's buffers and wait for them to drain.
 */
function pendingBytes(ws: ExcelJS.Worksheet): number {
  const pipes = (ws as unknown as { stream?: { pipes?: Buffered[] } }).stream?.pipes ?? []
  let n = 0
  for (const p of pipes) n += (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0)
  return n
}

async function drain(ws: ExcelJS.Worksheet): Promise<void> {
  // Bounded: should the compressor never read (it always does), writing goes on after a while.
  for (let waited = 0; pendingBytes(ws) > MAX_PENDING && waited < 10_000; waited += 2) await pause(2)
}

export interface WriteOptions {
  /**
   * Data rows through exceljs's own Row and Cell objects instead of the direct writer
   * (row-xml.ts): the reference rendering the tests compare the direct writer with.
   */
  exceljsRows?: boolean
}

async function writeSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: TableSheet,
  opts: WriteOptions,
): Promise<SheetResult> {
  const cols = sheet.columns
  if (cols.length === 0)
    throw new AppError('export-no-columns', '没有可导出的列，请至少选择一列', 'no columns to export')
  const n = cols.length
  const headerRow = sheet.note ? 3 : 2
  const freezeColumns = Math.min(sheet.freezeColumns ?? 0, n - 1)
  const name = safeSheetName(sheet.name)
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: freezeColumns, ySplit: headerRow, showGridLines: false }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: sheet.landscape === false ? 'portrait' : 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `1:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  })
  ws.columns = cols.map((c) => ({ width: columnWidth(c) }))

  const title = ws.addRow([sheet.title])
  title.height = 32
  const titleCell = title.getCell(1)
  titleCell.style = {
    font: { name: FONT, size: 18, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
  }
  ws.mergeCells(1, 1, 1, n)
  title.commit()

  if (sheet.note) {
    const note = ws.addRow([sheet.note])
    note.height = 20
    note.getCell(1).style = {
      font: { name: FONT, size: 10 },
      alignment: { horizontal: 'left', vertical: 'middle' },
    }
    ws.mergeCells(2, 1, 2, n)
    note.commit()
  }

  const headerStyle: Partial<ExcelJS.Style> = {
    font: { name: FONT, size: 10, bold: true },
    fill: HEADER_FILL,
    border: BORDER,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  }
  const header = ws.addRow(cols.map((c) => c.header))
  // Tall enough for the longest wrapped header (exceljs cannot measure text; ~13 pt a line).
  const lines = Math.max(
    1,
    ...cols.map((c) => Math.ceil(displayWidth(c.header) / Math.max(1, columnWidth(c) - 1.5))),
  )
  header.height = Math.max(24, Math.min(4, lines) * 13 + 6)
  for (let i = 1; i <= n; i++) header.getCell(i).style = headerStyle
  header.commit()

  // One style object per column, shared by every cell: exceljs then resolves it once.
  const styles = cols.map((c) => bodyStyle(c.kind ?? 'text'))
  const kinds = cols.map((c) => c.kind ?? 'text')
  /** Width units a line of each wrapping column holds (0: the column does not wrap). A 10-point
   *  CJK character takes about 1.8 units of the default font's digit width, hence the 0.9 below. */
  const wrapRoom = cols.map((c) => (c.kind === 'longText' ? Math.max(2, columnWidth(c) - 1.5) : 0))
  const groupStyle: Partial<ExcelJS.Style> = {
    font: { name: FONT, size: 11, bold: true },
    fill: GROUP_FILL,
    border: BORDER,
    alignment: { horizontal: 'left', vertical: 'middle' },
  }

  let rowNo = headerRow
  let rows = 0
  let groups = 0
  // Opened at the first data row, so styles are registered in the order exceljs's rows would.
  let direct: DirectRows | null | undefined = opts.exceljsRows ? null : undefined
  for await (const item of sheet.rows) {
    rowNo++
    if (isGroup(item)) {
      direct?.flush()
      const r = ws.addRow([item.group])
      r.height = 20
      for (let i = 1; i <= n; i++) r.getCell(i).style = groupStyle
      ws.mergeCells(rowNo, 1, rowNo, n)
      r.commit()
      groups++
    } else {
      const values: (string | number | null)[] = new Array<string | number | null>(n)
      let lines = 1
      for (let i = 0; i < n; i++) {
        const v = cellValue(item[i], kinds[i] ?? 'text')
        values[i] = v
        const room = wrapRoom[i]
        if (room && typeof v === 'string' && v.length * 2 > room)
          lines = Math.max(lines, Math.ceil((displayWidth(v) * 0.9) / room))
      }
      // Spreadsheet programs do not grow a row for wrapped text on opening a file: set it here.
      const height = lines > 1 ? Math.min(6, lines) * LINE_HEIGHT + 3 : undefined
      if (direct === undefined) direct = DirectRows.open(ws, styles)
      if (direct?.ready && direct.nextRow === rowNo) {
        direct.add(values, height)
      } else {
        const r = ws.addRow(values)
        if (height) r.height = height
        for (let i = 0; i < n; i++) r.getCell(i + 1).style = styles[i] ?? {}
        r.commit()
      }
      rows++
    }
    if (rowNo % YIELD_EVERY === 0) {
      // A long export reports its progress and stops when cancelled (main/worker/job.ts).
      throwIfCancelled()
      if (sheet.total) jobProgress(rows + groups, sheet.total)
      direct?.flush()
      if (pendingBytes(ws) > MAX_PENDING) await drain(ws)
      else await tick()
    }
  }
  direct?.flush()
  ws.commit()
  return { name, rows, groups, headerRow }
}

/** Writes sheets to a stream as one .xlsx workbook. The stream is ended when done. */
export async function writeWorkbook(
  out: Writable,
  sheets: readonly TableSheet[],
  opts: WriteOptions = {},
): Promise<SheetResult[]> {
  const Excel = await loadExcelJS()
  const wb = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { chunkSize: ZLIB_CHUNK } },
  })
  wb.creator = '干部管理系统'
  wb.created = new Date()
  const results: SheetResult[] = []
  const used = new Set<string>()
  for (const s of sheets) {
    let name = safeSheetName(s.name)
    for (let k = 2; used.has(name); k++) name = safeSheetName(`${s.name.slice(0, 27)}(${k})`)
    used.add(name)
    results.push(await writeSheet(wb, { ...s, name }, opts))
  }
  await wb.commit()
  return results
}

/** One table as one workbook, written to a stream. */
export async function writeTable(out: Writable, sheet: TableSheet): Promise<SheetResult> {
  const [r] = await writeWorkbook(out, [sheet])
  if (!r) throw new Error('writeTable: no sheet written')
  return r
}

/**
 * The workbook as bytes, for an IPC result the renderer downloads.
 *
 * Written through a temporary file, then read back into one buffer of its exact size (issue 11:
 * peak memory). Gathered in memory, the file stood twice at the end (the compressor's pieces and
 * their concatenation: ~46 MB for 100,000 cadres, on top of everything the export holds while it
 * writes); this way only the finished bytes are ever held. The file is private to this user
 * (a 0700 folder, a 0600 file) and its name is removed as soon as it is open, where the system
 * allows (Linux, macOS; on Windows the folder goes when the file is closed), so no copy of the
 * people's data stays behind, even when the process is stopped half-way. Where no temporary file
 * can be made (no room, no permission), the pieces are gathered in memory as before.
 */
export async function workbookToBytes(
  sheets: readonly TableSheet[],
  opts: WriteOptions = {},
): Promise<{ bytes: Uint8Array; sheets: SheetResult[] }> {
  const temp = openPrivateTemp()
  if (!temp) return workbookInMemory(sheets, opts)
  try {
    // Written synchronously at known offsets (a worker thread, or the CLI: nothing else waits on
    // this thread). A write never outlives the call: after a failure or a cancel the compressor may
    // still hand over what it had, and it is dropped, never written to a closed file.
    let size = 0
    let stopped = false
    const out = new Writable({
      write(chunk: Buffer, _encoding, cb) {
        if (stopped) return cb()
        try {
          for (let done = 0; done < chunk.length; )
            done += writeSync(temp.fd, chunk, done, chunk.length - done, size + done)
          size += chunk.length
          cb()
        } catch (e) {
          cb(e as Error)
        }
      },
    })
    const finished = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve)
      out.on('error', reject)
    })
    let results: SheetResult[]
    try {
      results = await writeWorkbook(out, sheets, opts)
      await finished
    } catch (e) {
      stopped = true
      // The temporary file could not be written (a full disk): said as such; anything else as it was.
      if (!(e as { syscall?: unknown } | null)?.syscall) throw e
      const msg = (e as Error).message
      throw new AppError('export-write', `生成 Excel 文件失败（临时文件无法写入）：${msg}`, `cannot write the workbook: ${msg}`)
    }
    stopped = true
    // A buffer of its own, exactly the file's size: handed to the main thread, never copied
    // (main/worker/transfer.ts).
    const bytes = new Uint8Array(size)
    for (let at = 0; at < size; ) {
      const n = readSync(temp.fd, bytes, at, size - at, at)
      if (n <= 0) throw new AppError('export-write', '生成 Excel 文件失败：临时文件读取不完整', 'short read')
      at += n
    }
    return { bytes, sheets: results }
  } finally {
    temp.close()
  }
}

/** A private temporary file, open to write and read, its name already gone where the system allows. */
function openPrivateTemp(): { fd: number; close(): void } | null {
  let dir: string
  try {
    dir = mkdtempSync(join(tmpdir(), 'cadre-export-'))
  } catch {
    return null
  }
  const path = join(dir, 'workbook.xlsx')
  let fd: number
  try {
    fd = openSync(path, 'w+', 0o600)
  } catch {
    rmSync(dir, { recursive: true, force: true })
    return null
  }
  let gone = false
  try {
    unlinkSync(path)
    rmdirSync(dir)
    gone = true
  } catch {
    // Windows keeps the name until the file is closed: removed then.
  }
  return {
    fd,
    close: () => {
      closeSync(fd)
      if (!gone) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The pieces gathered in memory and joined (where no temporary file can be made). */
async function workbookInMemory(
  sheets: readonly TableSheet[],
  opts: WriteOptions,
): Promise<{ bytes: Uint8Array; sheets: SheetResult[] }> {
  const sink = new PassThrough()
  const chunks: Buffer[] = []
  sink.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve)
    sink.on('error', reject)
  })
  const results = await writeWorkbook(sink, sheets, opts)
  await done
  const buf = Buffer.concat(chunks)
  return { bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), sheets: results }
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/**
 * While `part` is being written, Ctrl-C (or the process being stopped) removes it before the
 * process ends: an interrupted command-line export leaves nothing behind in the folder. The
 * signal then takes its usual course (the process ends by it) unless someone else listens.
 * Signals reach the main thread only; a worker thread needs none of this.
 */
function removeOnSignal(part: string, out: { destroy(): void }): () => void {
  if (!isMainThread) return () => undefined
  const handlers = STOP_SIGNALS.map((sig) => {
    const h = (): void => {
      out.destroy()
      rmSync(part, { force: true })
      release()
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig)
    }
    process.on(sig, h)
    return [sig, h] as const
  })
  const release = (): void => {
    for (const [sig, h] of handlers) process.off(sig, h)
  }
  return release
}

/**
 * The workbook written to a file: first to `<file>.part`, renamed when complete, so a failed or
 * interrupted export never leaves a half-written file, under the name the clerk asked for or beside it.
 */
export async function workbookToFile(path: string, sheets: readonly TableSheet[]): Promise<SheetResult[]> {
  const part = `${path}.part`
  const out = createWriteStream(part)
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve)
    out.on('error', reject)
  })
  const release = removeOnSignal(part, out)
  try {
    const results = await writeWorkbook(out, sheets)
    await closed
    await rename(part, path)
    return results
  } catch (e) {
    out.destroy()
    // The file may still be opening (a failure can come before it is open): wait until the stream
    // is closed, or rm would run first and the opening would leave an empty .part behind.
    await closed.catch(() => undefined)
    await rm(part, { force: true })
    if (e instanceof AppError) throw e
    const msg = (e as Error).message
    throw new AppError('export-write', `无法写入文件“${path}”：${msg}`, `cannot write ${path}: ${msg}`)
  } finally {
    release()
  }
}

/**
 * Reads .xlsx packages without exceljs: exceljs expands whole-column data validations
 * (`K3:K1048576`) into millions of cells and needs minutes for files with tens of thousands of
 * merges. Here the worksheet XML is scanned once with plain string matching; data validations,
 * conditional formats and everything else outside <sheetData>, <mergeCells> and <drawing> are
 * never looked at. No DTDs or entities: a part that declares any is refused.
 */
import { posix } from 'node:path'
import { excelSerialToDate } from '../domain/dates'
import { AppError } from '../domain/errors'
import { ZipArchive } from './zip'
import {
  LIMITS,
  HEAD_ROWS,
  columnIndex,
  throwIfAborted,
  yieldToLoop,
  type CellValue,
  type LoadOptions,
  type LoadedSheet,
  type MergeRange,
  type SheetInfo,
  type SheetPicture,
  type SheetRow,
  type SheetState,
  type StopSignal,
  type Workbook,
} from './workbook'

const attrCache = new Map<string, RegExp>()
function attr(tag: string, name: string): string | null {
  let re = attrCache.get(name)
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    attrCache.set(name, re)
  }
  const m = tag.match(re)
  if (!m) return null
  return unescapeXml(m[1] ?? m[2] ?? '')
}

/** An attribute whatever its namespace prefix (r:id, x:id, ...). */
function nsAttr(tag: string, local: string): string | null {
  const m = tag.match(new RegExp(`\\s[\\w.-]+:${local}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`))
  return m ? unescapeXml(m[1] ?? m[2] ?? '') : null
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

export function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('_x') < 0) return s
  let out = s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : ''
    }
    return ENTITY[e] ?? ''
  })
  // OOXML's own escapes for control characters: _x000D_ (and _x005F_ for a literal underscore).
  if (out.indexOf('_x') >= 0) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
  return out
}

function unsafe(part: string): AppError {
  return new AppError(
    'import-unsafe-xml',
    `文件中的 ${part} 含有 XML 实体声明（DOCTYPE/ENTITY），这不是 Excel 正常保存的内容，可能是恶意构造的文件，已拒绝导入`,
    `${part} declares a DTD or entities; refused`,
  )
}

function badXml(part: string): AppError {
  return new AppError(
    'import-bad-xml',
    `文件已损坏：${part} 不是有效的 XML。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`,
    `${part} is not well-formed XML`,
  )
}

/** Refuses DTDs and entity declarations, and text outside the root element. */
function checkXml(part: string, text: string): void {
  const head = text.slice(0, 4096)
  if (/<!DOCTYPE|<!ENTITY/i.test(head)) throw unsafe(part)
  let i = 0
  if (text.charCodeAt(0) === 0xfeff) i = 1
  // Skip the prolog: declaration, comments, processing instructions, whitespace.
  for (;;) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++
    if (text.startsWith('<?', i)) {
      const e = text.indexOf('?>', i)
      if (e < 0) throw badXml(part)
      i = e + 2
    } else if (text.startsWith('<!--', i)) {
      const e = text.indexOf('-->', i)
      if (e < 0) throw badXml(part)
      i = e + 3
    } else break
  }
  if (text[i] !== '<' || !/[A-Za-z_]/.test(text[i + 1] ?? '')) throw badXml(part)
  const tail = text.trimEnd()
  if (!tail.endsWith('>')) throw badXml(part)
}

function readXml(zip: ZipArchive, part: string, max = LIMITS.partBytes): string | null {
  const buf = zip.read(part, max)
  if (!buf) return null
  const text = buf.toString('utf8')
  checkXml(part, text)
  return text
}

interface Rel {
  id: string
  type: string
  target: string
}

function relsPathOf(part: string): string {
  const dir = posix.dirname(part)
  return posix.join(dir === '.' ? '' : dir, '_rels', posix.basename(part) + '.rels')
}

function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1)
  const dir = posix.dirname(fromPart)
  return posix.normalize(posix.join(dir === '.' ? '' : dir, target))
}

function readRels(zip: ZipArchive, part: string): Rel[] {
  const path = relsPathOf(part)
  const xml = readXml(zip, path)
  if (xml === null) return []
  const out: Rel[] = []
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const tag = m[1] ?? ''
    const id = attr(tag, 'Id')
    const target = attr(tag, 'Target')
    if (!id || !target || attr(tag, 'TargetMode') === 'External') continue
    out.push({ id, type: attr(tag, 'Type') ?? '', target: resolveTarget(part, target) })
  }
  return out
}

// Built-in number formats that show dates (ECMA-376 18.8.30, plus the CJK ones 27–36, 50–58).
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58])

export function isDateFormatCode(code: string): boolean {
  const s = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General/gi, '')
  return /[ymd]/i.test(s) && !/^[#0.,%\s]*$/.test(s)
}

/** For each cell style index: does it format a number as a date? */
function readDateStyles(zip: ZipArchive): boolean[] {
  const xml = readXml(zip, 'xl/styles.xml')
  if (!xml) return []
  const custom = new Map<number, string>()
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1] ?? '', 'numFmtId'))
    const code = attr(m[1] ?? '', 'formatCode')
    if (Number.isFinite(id) && code !== null) custom.set(id, code)
  }
  const xfs = xml.match(/<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/)
  if (!xfs) return []
  const out: boolean[] = []
  for (const m of (xfs[1] ?? '').matchAll(/<(?:\w+:)?xf\b([^>]*?)(\/>|>)/g)) {
    const id = Number(attr(m[1] ?? '', 'numFmtId') ?? 0)
    const code = custom.get(id)
    out.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id))
  }
  return out
}

function textOfRuns(xml: string): string {
  // Phonetic guides (<rPh>) repeat the reading in kana: not part of the value.
  const clean = xml.indexOf('rPh') >= 0 ? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : xml
  let s = ''
  for (const m of clean.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)) s += m[1] ?? ''
  return unescapeXml(s)
}

async function readSharedStrings(zip: ZipArchive, part: string | null, signal: StopSignal | undefined): Promise<string[]> {
  if (!part) return []
  const buf = await zip.readAsync(part, LIMITS.partBytes)
  if (!buf) return []
  const xml = buf.toString('utf8')
  checkXml(part, xml)
  const out: string[] = []
  let lastYield = Date.now()
  for (const m of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) {
    out.push(textOfRuns(m[1] ?? ''))
    if ((out.length & 1023) === 0 && Date.now() - lastYield > 40) {
      await yieldToLoop()
      throwIfAborted(signal)
      lastYield = Date.now()
    }
  }
  return out
}

interface SheetRef extends SheetInfo {
  part: string | null
}

export function openXlsx(buf: Buffer, fileName: string): Workbook {
  const zip = new ZipArchive(buf)
  // The package's root relationships name the workbook part; fall back to the usual place.
  let wbPart = 'xl/workbook.xml'
  if (zip.has('_rels/.rels')) {
    const rels = readRels(zip, '')
    const doc = rels.find((r) => /\/officeDocument$/.test(r.type))
    if (doc) wbPart = doc.target
  }
  const wbXml = readXml(zip, wbPart)
  if (wbXml === null) {
    throw new AppError(
      'import-no-workbook',
      `“${fileName}”缺少工作簿部件（${wbPart}），文件不完整或不是 Excel 保存的 .xlsx，无法导入`,
      `${fileName} has no workbook part`,
    )
  }
  const pr = wbXml.match(/<(?:\w+:)?workbookPr\b([^>]*)/)
  const d1904 = pr ? attr(pr[1] ?? '', 'date1904') : null
  const date1904 = d1904 === '1' || d1904 === 'true'
  const wbRels = readRels(zip, wbPart)
  const relById = new Map(wbRels.map((r) => [r.id, r]))
  const sheets: SheetRef[] = []
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const tag = m[1] ?? ''
    const name = attr(tag, 'name')
    if (name === null) continue
    const state = (attr(tag, 'state') ?? 'visible') as SheetState
    const rid = nsAttr(tag, 'id')
    const rel = rid ? relById.get(rid) : undefined
    if (rel && /chartsheet/i.test(rel.type)) continue
    sheets.push({ name, state: state === 'hidden' || state === 'veryHidden' ? state : 'visible', part: rel?.target ?? null })
  }
  if (sheets.length === 0 || sheets.every((s) => !s.part || !zip.has(s.part))) {
    throw new AppError('import-no-sheets', `“${fileName}”中没有可读取的工作表`, `${fileName} has no readable worksheet`)
  }
  const sstRel = wbRels.find((r) => /\/sharedStrings$/.test(r.type))
  const sstPart = sstRel?.target ?? (zip.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null)
  let shared: string[] | null = null
  let dateStyles: boolean[] | null = null

  return {
    format: 'xlsx',
    date1904,
    sheets: sheets.filter((s) => s.part && zip.has(s.part)).map(({ name, state }) => ({ name, state })),
    async loadSheet(name: string, opts: LoadOptions = {}): Promise<LoadedSheet> {
      const ref = sheets.find((s) => s.name === name)
      if (!ref || !ref.part) {
        throw new AppError('import-no-sheet', `工作簿中没有名为“${name}”的工作表`, `no sheet named ${name}`)
      }
      // Inflating runs on the thread pool; meanwhile the caller still hears that work goes on.
      const beat = opts.onProgress ? setInterval(() => opts.onProgress?.(0, 1), 100) : null
      let buf: Buffer | null
      try {
        // The sheet inflates on the thread pool while the shared strings are parsed here.
        const sheetPart = zip.readAsync(ref.part, LIMITS.sheetBytes)
        sheetPart.catch(() => undefined)
        shared ??= await readSharedStrings(zip, sstPart, opts.signal)
        dateStyles ??= readDateStyles(zip)
        buf = await sheetPart
      } finally {
        if (beat) clearInterval(beat)
      }
      throwIfAborted(opts.signal)
      opts.onProgress?.(0, 1)
      const part = ref.part
      if (!buf) throw new AppError('import-no-sheet', `工作表“${name}”的内容缺失`, `sheet ${name} has no part`)
      checkXml(part, buf.toString('utf8', 0, Math.min(buf.length, 4096)) + '>')
      if (!buf.toString('utf8', Math.max(0, buf.length - 64)).trimEnd().endsWith('>')) throw badXml(part)
      const sheetBuf = buf
      const sst = shared
      const styles = dateStyles
      const head: SheetRow[] = []
      await parseSheetData(sheetBuf, sst, styles, date1904, {}, (row) => {
        head.push(row)
        return head.length < HEAD_ROWS
      })
      const tail = sheetTail(buf)
      const merges: MergeRange[] = []
      for (const m of tail.matchAll(/<(?:\w+:)?mergeCell\b([^>]*)\/?>/g)) {
        const r = parseRange(attr(m[1] ?? '', 'ref') ?? '')
        if (r) merges.push(r)
      }
      const pictures = readPictures(zip, part, tail)
      return {
        name,
        head,
        merges,
        pictures,
        eachRow: (fn, o = {}) => parseSheetData(sheetBuf, sst, styles, date1904, o, (row) => void fn(row)),
      }
    },
  }
}

function sheetTail(buf: Buffer): string {
  const end = buf.lastIndexOf('</sheetData>')
  const endNs = end < 0 ? buf.lastIndexOf(':sheetData>') : end
  return buf.toString('utf8', endNs < 0 ? 0 : endNs)
}

function parseRef(ref: string): { r: number; c: number } | null {
  const m = ref.match(/^\$?([A-Z]{1,3})\$?(\d+)$/)
  if (!m) return null
  return { c: columnIndex(m[1] ?? 'A'), r: Number(m[2]) }
}

function parseRange(ref: string): MergeRange | null {
  const [a, b] = ref.split(':')
  const p = parseRef(a ?? '')
  const q = b ? parseRef(b) : p
  if (!p || !q) return null
  return { r1: Math.min(p.r, q.r), r2: Math.max(p.r, q.r), c1: Math.min(p.c, q.c), c2: Math.max(p.c, q.c) }
}

const ROW_RE = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g
const CELL_RE = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g
const V_RE = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/
const IS_RE = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/
const SLICE = 256 * 1024

async function parseSheetData(
  buf: Buffer,
  shared: string[],
  dateStyles: boolean[],
  date1904: boolean,
  opts: LoadOptions,
  onRow: (row: SheetRow) => boolean | void,
): Promise<void> {
  let start = buf.indexOf('<sheetData')
  if (start < 0) start = buf.indexOf(':sheetData')
  if (start < 0) return
  let end = buf.lastIndexOf('</sheetData>')
  if (end < 0) end = buf.lastIndexOf(':sheetData>')
  if (end < start) end = buf.length
  let pos = start
  let lastRow = 0
  let lastYield = Date.now()
  const plain = buf.indexOf('<sheetData') >= 0 && buf.indexOf('<c', start) >= 0
  while (pos < end) {
    let cut = pos + SLICE >= end ? end : buf.indexOf('</row>', pos + SLICE)
    if (cut < 0 || cut > end) cut = end
    else if (cut < end) cut += 6
    const text = buf.toString('utf8', pos, cut)
    pos = cut
    if (plain) {
      // The usual case (no namespace prefixes): plain indexOf scanning, no regex captures per cell.
      let i = 0
      for (;;) {
        const ro = text.indexOf('<row', i)
        if (ro < 0) break
        const rc = text.charCodeAt(ro + 4)
        if (rc !== 32 && rc !== 62 && rc !== 47) {
          i = ro + 4
          continue
        }
        const gt = text.indexOf('>', ro)
        if (gt < 0) break
        const self = text.charCodeAt(gt - 1) === 47
        const rAttr = cellAttr(text.slice(ro + 4, self ? gt - 1 : gt), 'r')
        const r = rAttr ? Number(rAttr) : lastRow + 1
        lastRow = Number.isFinite(r) && r > 0 ? r : lastRow + 1
        if (self) {
          i = gt + 1
          continue
        }
        const close = text.indexOf('</row>', gt)
        const body = text.slice(gt + 1, close < 0 ? text.length : close)
        i = close < 0 ? text.length : close + 6
        const cells = cellsOf(body, shared, dateStyles, date1904)
        if (cells && onRow({ r: lastRow, cells }) === false) return
      }
    } else {
      for (const m of text.matchAll(ROW_RE)) {
        const rAttr = attr(m[1] ?? '', 'r')
        const r = rAttr ? Number(rAttr) : lastRow + 1
        lastRow = Number.isFinite(r) && r > 0 ? r : lastRow + 1
        const body = m[2]
        if (!body) continue
        const cells: CellValue[] = []
        let lastCol = -1
        let any = false
        for (const c of body.matchAll(CELL_RE)) {
          const tag = c[1] ?? ''
          const ref = cellAttr(tag, 'r')
          const col = ref ? refColumn(ref) : lastCol + 1
          lastCol = col
          const inner = c[2]
          if (!inner) continue
          const v = cellValue(tag, inner, shared, dateStyles, date1904)
          if (v === null || v === '') continue
          cells[col] = v
          any = true
        }
        if (any && onRow({ r: lastRow, cells }) === false) return
      }
    }
    opts.onProgress?.(pos - start, end - start)
    if (Date.now() - lastYield > 50) {
      await yieldToLoop()
      lastYield = Date.now()
      throwIfAborted(opts.signal)
    }
  }
}

/** Column index of a cell reference: "AB12" → 27. */
function refColumn(ref: string): number {
  let n = 0
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i)
    if (c === 36) continue
    const u = c >= 97 && c <= 122 ? c - 32 : c
    if (u < 65 || u > 90) break
    n = n * 26 + (u - 64)
  }
  return n - 1
}

/** The values of one row body (`<c>` elements without namespace prefix), or null when all are empty. */
function cellsOf(body: string, shared: string[], dateStyles: boolean[], date1904: boolean): CellValue[] | null {
  const cells: CellValue[] = []
  let any = false
  let lastCol = -1
  let i = 0
  for (;;) {
    const lt = body.indexOf('<c', i)
    if (lt < 0) break
    const ch = body.charCodeAt(lt + 2)
    if (ch !== 32 && ch !== 62 && ch !== 47) {
      i = lt + 2
      continue
    }
    const gt = body.indexOf('>', lt)
    if (gt < 0) break
    const self = body.charCodeAt(gt - 1) === 47
    const tag = body.slice(lt + 2, self ? gt - 1 : gt)
    const ref = cellAttr(tag, 'r')
    const col = ref ? refColumn(ref) : lastCol + 1
    lastCol = col
    if (self) {
      i = gt + 1
      continue
    }
    const close = body.indexOf('</c>', gt)
    const inner = body.slice(gt + 1, close < 0 ? body.length : close)
    i = close < 0 ? body.length : close + 4
    if (!inner) continue
    const v = cellValue(tag, inner, shared, dateStyles, date1904)
    if (v === null || v === '') continue
    cells[col] = v
    any = true
  }
  return any ? cells : null
}

/** A <c> attribute (r, s, t): a plain indexOf for the usual double quotes, the regex otherwise. */
function cellAttr(tag: string, name: 'r' | 's' | 't'): string | null {
  if (tag.indexOf("'") >= 0) return attr(tag, name)
  const i = tag.indexOf(` ${name}="`)
  if (i < 0) return null
  return tag.slice(i + 4, tag.indexOf('"', i + 4))
}

function cellValue(tag: string, inner: string, shared: string[], dateStyles: boolean[], date1904: boolean): CellValue {
  const t = cellAttr(tag, 't')
  if (t === 'inlineStr') {
    const is = inner.match(IS_RE)
    return is ? textOfRuns(is[1] ?? '') : null
  }
  let raw: string
  if (inner.startsWith('<v>') && inner.endsWith('</v>') && inner.indexOf('<', 3) === inner.length - 4) raw = inner.slice(3, -4)
  else {
    const vm = inner.match(V_RE)
    if (!vm) return null
    raw = vm[1] ?? ''
  }
  switch (t) {
    case 's':
      return shared[Number(raw)] ?? null
    case 'str':
    case 'e':
      return unescapeXml(raw)
    case 'b':
      return raw === '1' || raw === 'true'
    case 'd': {
      const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : raw.includes('T') ? raw + 'Z' : raw + 'T00:00:00Z'
      const d = new Date(iso)
      return Number.isNaN(d.getTime()) ? unescapeXml(raw) : d
    }
    default: {
      if (raw.trim() === '') return null
      const n = Number(raw)
      if (!Number.isFinite(n)) return unescapeXml(raw)
      const s = cellAttr(tag, 's')
      if (s !== null && dateStyles[Number(s)] && n > 0 && n < 2958466) {
        const d = excelSerialToDate(n, date1904)
        return new Date(d.getTime() + Math.round((n - Math.floor(n)) * 86400) * 1000)
      }
      return n
    }
  }
}

function readPictures(zip: ZipArchive, sheetPart: string, tail: string): SheetPicture[] {
  const dm = tail.match(/<(?:\w+:)?drawing\b([^>]*)\/?>/)
  if (!dm) return []
  const rid = nsAttr(dm[1] ?? '', 'id')
  const rel = readRels(zip, sheetPart).find((r) => r.id === rid)
  if (!rel) return []
  const xml = readXml(zip, rel.target)
  if (!xml) return []
  const media = new Map(readRels(zip, rel.target).map((r) => [r.id, r.target]))
  const out: SheetPicture[] = []
  let total = 0
  for (const a of xml.matchAll(/<(?:\w+:)?(twoCellAnchor|oneCellAnchor)\b[^>]*>([\s\S]*?)<\/(?:\w+:)?\1>/g)) {
    const body = a[2] ?? ''
    const from = body.match(/<(?:\w+:)?from>([\s\S]*?)<\/(?:\w+:)?from>/)
    const to = body.match(/<(?:\w+:)?to>([\s\S]*?)<\/(?:\w+:)?to>/)
    const blip = body.match(/<(?:\w+:)?blip\b([^>]*)/)
    if (!from || !blip) continue
    const embed = nsAttr(blip[1] ?? '', 'embed')
    const target = embed ? media.get(embed) : undefined
    if (!target) continue
    const num = (s: string, el: string): number => Number(s.match(new RegExp(`<(?:\\w+:)?${el}>(\\d+)<`))?.[1] ?? NaN)
    const fromRow = num(from[1] ?? '', 'row') + 1
    const toRow = to ? num(to[1] ?? '', 'row') + 1 : fromRow
    const col = num(from[1] ?? '', 'col')
    if (!Number.isFinite(fromRow)) continue
    const size = zip.sizeOf(target) ?? 0
    if (size > 10 * 1024 * 1024 || total + size > LIMITS.picturesBytes) continue
    const data = zip.read(target, 10 * 1024 * 1024)
    if (!data) continue
    total += data.length
    out.push({ fromRow, toRow: Number.isFinite(toRow) ? toRow : fromRow, col, data: new Uint8Array(data), ext: posix.extname(target).slice(1).toLowerCase() })
  }
  return out
}

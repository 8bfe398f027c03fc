/**
 * The roster import from file to report, shared by the CLI, the app's import page and the bench:
 * open → pick sheet and header → map columns (remembering a clerk's corrections) → parse → plan →
 * commit in one transaction. The report has the shape of shared/CLI.md "import's report".
 */
import type { Db } from '../db/open'
import { AppError } from '../domain/errors'
import type { AppContext } from '../services/context'
import { commitImport, planImport, type ImportPlan, type OnDuplicate } from './commit'
import { mappingSettingKey, IMPORT_TARGETS, type DetectedColumn, type ImportKey } from './headers'
import { openWorkbook } from './open'
import { parseRoster, type ParsedRoster } from './parse'
import { pickSheet, type PickedSheet } from './pick'
import { throwIfAborted, type StopSignal, type Workbook } from './workbook'

/** read: the sheet inflated and its shared strings; check: rows parsed and checked; plan: compared
 *  with the people already stored; write: the one transaction. */
export type ImportPhase = 'read' | 'check' | 'plan' | 'write'
/** `rows`: while checking, the rows read so far (done/total are then bytes of the sheet). */
export type ProgressFn = (phase: ImportPhase, done: number, total: number, rows?: number) => void

/** Column letter → key (null = not imported). */
export type ColumnMapping = Record<string, ImportKey | null>

export interface ImportReport {
  file: string
  sheet: string
  headerRow: number
  columns: { header: string; key: ImportKey | null }[]
  rows: number
  inserted: number
  updated: number
  skipped: number
  /** Already in the database exactly as in the file (counted in `skipped` too). */
  unchanged: number
  rejected: { row: number; column: string; key: ImportKey | null; value: string; message: string }[]
  warnings: { row: number; column: string; key: ImportKey | null; message: string }[]
  newUnits: string[]
  dryRun: boolean
}

export { pickSheet, type PickedSheet }

const VALID_KEYS = new Set<string>(IMPORT_TARGETS.map((t) => t.key))

export function loadRememberedMapping(db: Db, columns: readonly DetectedColumn[]): ColumnMapping | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(mappingSettingKey(columns)) as { value: string } | undefined
  if (!row) return null
  try {
    const v = JSON.parse(row.value) as unknown
    if (!v || typeof v !== 'object') return null
    const out: ColumnMapping = {}
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === null || (typeof x === 'string' && VALID_KEYS.has(x))) out[k] = x as ImportKey | null
    }
    return out
  } catch {
    return null
  }
}

export function rememberMapping(db: Db, columns: readonly DetectedColumn[], mapping: ColumnMapping): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    mappingSettingKey(columns),
    JSON.stringify(mapping),
  )
}

/** The detected columns with a mapping applied; a key claimed by two columns stays with the later choice. */
export function applyMapping(columns: readonly DetectedColumn[], mapping: ColumnMapping | null): DetectedColumn[] {
  if (!mapping) return columns.map((c) => ({ ...c }))
  const out = columns.map((c) => ({ ...c, key: c.letter in mapping ? (mapping[c.letter] ?? null) : c.key }))
  const seen = new Set<ImportKey>()
  for (const c of out) {
    if (!c.key) continue
    if (seen.has(c.key)) c.key = null
    else seen.add(c.key)
  }
  return out
}

export function mappingOf(columns: readonly DetectedColumn[]): ColumnMapping {
  return Object.fromEntries(columns.map((c) => [c.letter, c.key]))
}

export function buildReport(file: string, parsed: ParsedRoster, plan: ImportPlan, dryRun: boolean): ImportReport {
  const rejected: ImportReport['rejected'] = []
  const warnings: ImportReport['warnings'] = []
  for (const r of parsed.rows) {
    for (const i of r.issues) {
      if (i.level === 'error') rejected.push({ row: i.row, column: i.column, key: i.key, value: i.value, message: i.message })
      else if (!r.rejected) warnings.push({ row: i.row, column: i.column, key: i.key, message: i.message })
    }
  }
  const c = plan.counts
  return {
    file,
    sheet: parsed.sheet,
    headerRow: parsed.headerRow,
    columns: parsed.columns.map((x) => ({ header: x.header, key: x.key })),
    rows: parsed.rows.length,
    inserted: c.insert,
    updated: c.update,
    skipped: c.skip + c.unchanged,
    unchanged: c.unchanged,
    rejected,
    warnings,
    newUnits: plan.newUnits,
    dryRun,
  }
}

export interface ImportRequest {
  bytes: Uint8Array
  fileName: string
  /** Already opened and picked (the CLI checks the file before it touches the database). */
  opened?: { wb: Workbook; picked: PickedSheet }
  sheet?: string
  dryRun?: boolean
  onDuplicate?: OnDuplicate
  mapping?: ColumnMapping
  onProgress?: ProgressFn
  signal?: StopSignal
}

export interface ImportOutcome {
  report: ImportReport
  parsed: ParsedRoster
}

/** The whole import in one call (CLI, bench, tests). */
export async function importRoster(ctx: AppContext, req: ImportRequest): Promise<ImportOutcome> {
  req.onProgress?.('read', 0, 1)
  const wb = req.opened?.wb ?? openWorkbook(req.bytes, req.fileName)
  let picked: PickedSheet | null = req.opened?.picked ?? (await pickSheet(wb, req.sheet, req))
  const mapping = req.mapping ?? loadRememberedMapping(ctx.db, picked.detection.columns)
  const columns = applyMapping(picked.detection.columns, mapping)
  const parsed = await parseRoster(
    picked.sheet,
    { ...picked.detection, columns },
    { date1904: wb.date1904, signal: req.signal, onProgress: (d, t, n) => req.onProgress?.('check', d, t, n) },
  )
  // The inflated sheet is no longer needed: let it go before the write phase.
  picked = null
  throwIfAborted(req.signal)
  const onDuplicate = req.onDuplicate ?? 'skip'
  if (req.dryRun) {
    const plan = await planImport(ctx.db, parsed, onDuplicate, { signal: req.signal, onProgress: (d, t) => req.onProgress?.('plan', d, t) })
    return { report: buildReport(req.fileName, parsed, plan, true), parsed }
  }
  if (parsed.problems.length) {
    throw new AppError('import-mapping', `无法导入：${parsed.problems.join('；')}`, 'the roster has no ID number or name column')
  }
  const { plan } = await commitImport(ctx, parsed, {
    fileName: req.fileName,
    onDuplicate,
    signal: req.signal,
    onProgress: (d, t, phase) => req.onProgress?.(phase, d, t),
  })
  // The WAL is folded back into the database file by the caller once the result is out
  // (checkpointAfterImport; closing the database does it too).
  return { report: buildReport(req.fileName, parsed, plan, false), parsed }
}

/**
 * The import page's conversation with the main process: a file is opened once and kept (bytes and
 * the chosen sheet) under a token; the preview is computed for a sheet + mapping + duplicate
 * choice; the import runs as a job (main/worker/job.ts) that reports its progress and can be
 * cancelled. The parsed
 * roster behind a preview is reused by the import when nothing changed in between.
 */
import { randomUUID } from 'node:crypto'
import { AppError } from '../domain/errors'
import { currentJob } from '../worker/job'
import { workbookToBytes } from '../export/workbook'
import type { AppContext } from '../services/context'
import { guessUnitKind } from '../services/units'
import { suggestUnits, unitPaths, type UnitSuggestion } from '../units/match'
import {
  checkpointAfterImport,
  commitImport,
  planImport,
  type FieldChange,
  type OnDuplicate,
  type RowAction,
  type UnitChoice,
  type UnknownUnit,
} from './commit'
import {
  applyMapping,
  buildReport,
  loadRememberedMapping,
  mappingOf,
  pickSheet,
  rememberMapping,
  type ColumnMapping,
  type ImportPhase,
  type ImportReport,
  type ProgressFn,
  type PickedSheet,
} from './engine'
import { IMPORT_TARGETS, type DetectedColumn, type ImportKey } from './headers'
import { openWorkbook } from './open'
import { parseRoster, type ParsedRoster } from './parse'
import { cancelled, columnLetter, type SheetInfo, type StopSignal, type Workbook } from './workbook'

export interface OpenedFile {
  token: string
  fileName: string
  /** Visible sheets only: hidden ones are never offered. */
  sheets: SheetInfo[]
  format: 'xlsx' | 'xls'
}

export interface PreviewIssue {
  column: string
  key: ImportKey | null
  value: string
  message: string
  level: 'error' | 'warning'
}

export interface PreviewRow {
  row: number
  action: RowAction['kind']
  /** Shown value per column letter: the value as it will be stored, or the raw value where it is wrong. */
  cells: Record<string, string>
  issues: PreviewIssue[]
  changes: FieldChange[]
  hasPhoto: boolean
  /** The unit given by a unit header row above ("一、县财政局"), when the row has no unit cell. */
  groupUnit: string | null
}

export interface ImportPreview {
  token: string
  fileName: string
  sheet: string
  sheets: SheetInfo[]
  headerRow: number
  lastHeaderRow: number
  columns: DetectedColumn[]
  /** Column letter → key the header alone suggests (to show what the clerk changed). */
  detected: ColumnMapping
  mappingRemembered: boolean
  targets: { key: ImportKey; label: string }[]
  problems: string[]
  onDuplicate: OnDuplicate
  total: number
  counts: { insert: number; update: number; unchanged: number; skip: number; reject: number; warnings: number }
  newUnits: string[]
  /** Every unit name not in the tree that the import would write, decided or not (mapped first to
   *  their unit, to be created, or undecided: `choice` null). The import starts when none is null. */
  units: AskedUnit[]
  /** Units still undecided. */
  undecidedUnits: number
  /** Roster name → the tree's unit it is mapped to. */
  mappedUnits: Record<string, string>
  /** Rows with problems or changes first, then the others, at most PREVIEW_ROWS. */
  rows: PreviewRow[]
  truncated: boolean
}

/** A unit the roster names that the tree does not have: the preview asks what to do with it. */
export interface AskedUnit extends UnknownUnit {
  /** Close names in the tree, best first. */
  suggestions: UnitSuggestion[]
  /** The kind its name suggests (for 新建), or null. */
  guessedKind: string | null
  /** What the clerk chose so far (echoed back), or null while undecided. */
  choice: UnitChoice | null
}

export type UnitChoices = Record<string, UnitChoice>

/** What the import job returns when it lands: its id (for the rejected-rows file) and the report. */
export interface ImportDone {
  importId: string
  report: ImportReport
}

/** The steps as the page shows them, and each step's share of the progress bar (percent from, to). */
export const IMPORT_PHASE_LABEL: Record<ImportPhase, string> = {
  read: '读取文件',
  check: '检查数据',
  plan: '比对库中已有人员',
  write: '写入数据库',
}
const PHASE_SPAN: Record<ImportPhase, [number, number]> = { read: [0, 20], check: [20, 60], plan: [60, 70], write: [70, 100] }
/** When the rows checked for the preview are reused (nothing changed since), only these two remain. */
const REUSED_SPAN: Record<ImportPhase, [number, number]> = { read: [0, 0], check: [0, 0], plan: [0, 20], write: [20, 100] }

const PREVIEW_ROWS = 2000
const SESSION_TTL_MS = 60 * 60 * 1000
const MAX_SESSIONS = 4

interface Session {
  token: string
  fileName: string
  wb: Workbook
  usedAt: number
  picked: PickedSheet | null
  parsed: { sig: string; parsed: ParsedRoster } | null
}

/** A finished import: what the rejected-rows file needs. */
interface Done {
  parsed: ParsedRoster
  fileName: string
}

export class ImportService {
  private sessions = new Map<string, Session>()
  private done = new Map<string, Done>()
  private running = false

  constructor(private readonly ctx: AppContext) {}

  open(fileName: string, data: Uint8Array): OpenedFile {
    this.prune()
    const wb = openWorkbook(data, fileName)
    const visible = wb.sheets.filter((s) => s.state === 'visible')
    if (visible.length === 0) throw new AppError('import-no-sheets', `“${fileName}”中没有可见的工作表`, 'no visible sheet')
    const token = randomUUID()
    this.sessions.set(token, { token, fileName, wb, usedAt: Date.now(), picked: null, parsed: null })
    return { token, fileName, sheets: visible, format: wb.format }
  }

  private session(token: string): Session {
    const s = this.sessions.get(token)
    if (!s) throw new AppError('import-expired', '导入会话已过期，请重新选择文件', 'import session expired')
    s.usedAt = Date.now()
    return s
  }

  private prune(): void {
    const now = Date.now()
    for (const [k, s] of this.sessions) if (now - s.usedAt > SESSION_TTL_MS) this.sessions.delete(k)
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = [...this.sessions.values()].sort((a, b) => a.usedAt - b.usedAt)[0]
      if (!oldest) break
      this.sessions.delete(oldest.token)
    }
    for (const k of this.done.keys()) if (this.done.size > 8) this.done.delete(k)
  }

  private async parsedFor(
    s: Session,
    sheet: string | undefined,
    mapping: ColumnMapping | undefined,
    opts: { onProgress?: ProgressFn; signal?: StopSignal } = {},
  ): Promise<{ parsed: ParsedRoster; picked: PickedSheet; remembered: boolean }> {
    if (!s.picked || (sheet !== undefined && s.picked.sheet.name !== sheet)) {
      s.picked = await pickSheet(s.wb, sheet, opts)
      s.parsed = null
    }
    const picked = s.picked
    let remembered = false
    let use = mapping ?? null
    if (!use) {
      use = loadRememberedMapping(this.ctx.db, picked.detection.columns)
      remembered = use !== null
    }
    const columns = applyMapping(picked.detection.columns, use)
    const sig = JSON.stringify(mappingOf(columns))
    if (!s.parsed || s.parsed.sig !== sig) {
      const parsed = await parseRoster(
        picked.sheet,
        { ...picked.detection, columns },
        { date1904: s.wb.date1904, signal: opts.signal, onProgress: (d, t, n) => opts.onProgress?.('check', d, t, n) },
      )
      s.parsed = { sig, parsed }
    }
    return { parsed: s.parsed.parsed, picked, remembered }
  }

  async preview(arg: {
    token: string
    sheet?: string
    mapping?: ColumnMapping
    onDuplicate: OnDuplicate
    units?: UnitChoices
  }): Promise<ImportPreview> {
    const s = this.session(arg.token)
    const { parsed, picked, remembered } = await this.parsedFor(s, arg.sheet, arg.mapping)
    const choices = arg.units ?? {}
    const plan = await planImport(this.ctx.db, parsed, arg.onDuplicate, { unitChoices: choices })
    const tree = this.ctx.db.prepare('SELECT id, name, parent_id AS parentId FROM units').all() as {
      id: number
      name: string
      parentId: number | null
    }[]
    const paths = unitPaths(tree)
    const undecided = new Set(plan.unknownUnits.map((u) => u.name))
    const units: AskedUnit[] = plan.foreignUnits.map((u) => ({
      ...u,
      suggestions: suggestUnits(tree, u.name, { paths }),
      guessedKind: guessUnitKind(u.name),
      choice: undecided.has(u.name) ? null : (choices[u.name] ?? null),
    }))
    const rows: PreviewRow[] = []
    const order = parsed.rows.map((_r, i) => i)
    const interesting = (i: number): boolean => {
      const r = parsed.rows[i]
      const a = plan.actions[i]
      return !!r && (r.issues.length > 0 || a?.kind === 'update' || a?.kind === 'skip')
    }
    order.sort((a, b) => Number(interesting(b)) - Number(interesting(a)) || a - b)
    for (const i of order.slice(0, PREVIEW_ROWS)) {
      const r = parsed.rows[i]
      const a = plan.actions[i]
      if (!r || !a) continue
      const cells: Record<string, string> = {}
      for (const c of parsed.columns) {
        if (!c.key) continue
        const issue = r.issues.find((x) => x.column === c.letter && x.level === 'error')
        if (issue) cells[c.letter] = issue.value
        else if (c.key === 'resume') cells[c.letter] = r.resume ? `${r.resume.length} 条` : ''
        else if (c.key === 'unit' && r.values.unit && plan.mappedUnits[r.values.unit])
          cells[c.letter] = `${r.values.unit} → ${plan.mappedUnits[r.values.unit]}`
        else cells[c.letter] = r.values[c.key] ?? ''
      }
      rows.push({
        row: r.row,
        action: a.kind,
        cells,
        issues: r.issues.map((x) => ({ column: x.column, key: x.key, value: x.value, message: x.message, level: x.level })),
        changes: a.kind === 'update' || a.kind === 'skip' ? a.changes : [],
        hasPhoto: !!r.photo,
        groupUnit: r.unitFromGroup ? (r.values.unit ?? null) : null,
      })
    }
    rows.sort((a, b) => a.row - b.row)
    const warnings = parsed.rows.reduce((n, r) => n + (r.rejected ? 0 : r.issues.filter((i) => i.level === 'warning').length), 0)
    return {
      token: s.token,
      fileName: s.fileName,
      sheet: parsed.sheet,
      sheets: s.wb.sheets.filter((x) => x.state === 'visible'),
      headerRow: parsed.headerRow,
      lastHeaderRow: parsed.lastHeaderRow,
      columns: parsed.columns,
      detected: mappingOf(picked.detection.columns),
      mappingRemembered: remembered,
      targets: [...IMPORT_TARGETS],
      problems: parsed.problems,
      onDuplicate: arg.onDuplicate,
      total: parsed.rows.length,
      counts: { ...plan.counts, warnings },
      newUnits: plan.newUnits,
      units,
      undecidedUnits: plan.unknownUnits.length,
      mappedUnits: plan.mappedUnits,
      rows,
      truncated: parsed.rows.length > PREVIEW_ROWS,
    }
  }

  /**
   * The import as one long call. Run as a job (the page's useJob, `import.run` with a job name), it
   * reports its percentage with rows done of total and the step in Chinese, and `jobs.cancel` stops
   * it: the transaction is rolled back, so the database is as it was (the import lands whole or not
   * at all). Outside a job (tests, scripts) it simply runs to the end.
   */
  async run(arg: {
    token: string
    sheet?: string
    mapping?: ColumnMapping
    onDuplicate: OnDuplicate
    units?: UnitChoices
  }): Promise<ImportDone> {
    const s = this.session(arg.token)
    if (this.running) {
      throw new AppError('import-busy', '另一个导入正在进行，请等它完成或取消后再开始', 'another import is running')
    }
    this.running = true
    // Taken once here: the reader's callbacks may run outside the job's async context.
    const job = currentJob()
    const signal: StopSignal = { get aborted() { return job?.cancelled() ?? false } }
    let percent = 0
    let spans = PHASE_SPAN
    const progress: ProgressFn = (phase, done, total, rows) => {
      if (!job) return
      if (percent === 0 && phase === 'plan') spans = REUSED_SPAN
      const [a, b] = spans[phase]
      // Monotone: a step that starts over (planning, then writing the same rows) never moves it back.
      percent = Math.max(percent, a + ((b - a) * done) / Math.max(1, total))
      // While checking, done/total are bytes of the sheet: the page is told the rows read so far.
      const counted = phase === 'check' ? { done: rows ?? 0, total: 0 } : phase === 'read' ? { done: 0, total: 0 } : { done, total }
      job.report(Math.min(percent, 99), { ...counted, phase: IMPORT_PHASE_LABEL[phase] })
    }
    try {
      const { parsed, picked } = await this.parsedFor(s, arg.sheet, arg.mapping, { onProgress: progress, signal })
      if (signal.aborted) throw cancelled()
      const detected = mappingOf(picked.detection.columns)
      const chosen = mappingOf(parsed.columns)
      const { plan } = await commitImport(this.ctx, parsed, {
        fileName: s.fileName,
        onDuplicate: arg.onDuplicate,
        // The page always asks: an unknown unit without a decision stops the import (nothing written).
        unitChoices: arg.units ?? {},
        signal,
        onProgress: (d, t, phase) => progress(phase, d, t),
        // The clerk's corrected mapping is remembered with the import, and lost with it if cancelled.
        beforeCommit: () => {
          if (arg.mapping && JSON.stringify(detected) !== JSON.stringify(chosen)) rememberMapping(this.ctx.db, picked.detection.columns, chosen)
        },
      })
      job?.report(100, { done: parsed.rows.length, total: parsed.rows.length, phase: '导入完成' })
      const importId = randomUUID()
      // Keep only what the rejected-rows file needs; the sheet is read again if the clerk goes on.
      this.done.set(importId, { fileName: s.fileName, parsed: { ...parsed, rows: parsed.rows.filter((r) => r.rejected) } })
      s.parsed = null
      s.picked = null
      // The summary is on screen first; then the WAL is folded back into the database file.
      setTimeout(() => checkpointAfterImport(this.ctx.db), 50)
      return { importId, report: buildReport(s.fileName, parsed, plan, false) }
    } finally {
      this.running = false
    }
  }

  /** The rejected rows as .xlsx with a 问题说明 column, for the unit to correct and send again. */
  async rejectedFile(importId: string): Promise<{ fileName: string; bytes: Uint8Array }> {
    const d = this.done.get(importId)
    if (!d) throw new AppError('import-no-job', '找不到这次导入的问题行，请重新导入', 'no such import')
    return rejectedWorkbook(d.fileName, d.parsed)
  }
}

export async function rejectedWorkbook(fileName: string, parsed: ParsedRoster): Promise<{ fileName: string; bytes: Uint8Array }> {
  const rejected = parsed.rows.filter((r) => r.rejected)
  const headerOf = new Map(parsed.columns.map((c) => [c.index, c]))
  const width = parsed.width
  const columns = Array.from({ length: width }, (_v, i) => {
    const c = headerOf.get(i)
    return { header: c?.header || `（${columnLetter(i)}列）`, kind: c?.key === 'idCard' ? ('idCard' as const) : ('text' as const) }
  })
  columns.push({ header: '问题说明', kind: 'text' as const })
  const rows = rejected.map((r) => {
    const raw = r.raw ?? []
    const cells: string[] = Array.from({ length: width }, (_v, i) => raw[i] ?? '')
    const why = r.issues
      .filter((i) => i.level === 'error')
      .map((i) => `${i.column ? `${i.column}列：` : ''}${i.message}`)
      .join('；')
    cells.push(`原第 ${r.row} 行：${why}`)
    return cells
  })
  const base = fileName.replace(/\.(xlsx|xls)$/i, '')
  const { bytes } = await workbookToBytes([
    {
      name: '问题行',
      title: `${base} 导入问题行（共 ${rejected.length} 行）`,
      note: '请按“问题说明”改正后重新导入；已导入的其他行不必再报。',
      columns,
      rows,
    },
  ])
  return { fileName: `${base}-问题行.xlsx`, bytes }
}

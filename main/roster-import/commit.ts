/**
 * What an import would do to the database (the preview's plan) and doing it: one transaction for
 * every row that passed, one audit row per person created or changed and a summary row for the
 * import. A unit the tree does not have is never created silently on the page: the preview lists
 * it and the clerk maps it to a unit of the tree or says to create it, under which parent, of which
 * kind (`unitChoices`); the import starts only when every such unit is decided, and the choices are
 * applied inside the import's one transaction. The command line (importRoster without choices)
 * creates them and says so in its report. Rows that would change nothing are not touched, so
 * importing a corrected file again leaves everything that was already right alone.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers'
import { chainedAudit } from '../db/audit-chain'
import type { Db } from '../db/open'
import { CADRE_FIELD_KEYS, columnOf, type CadreFieldKey } from '../domain/fields'
import { AppError } from '../domain/errors'
import { pinyinOf } from '../domain/pinyin'
import type { ResumeEntry } from '../domain/resume'
import type { AppContext } from '../services/context'
import type { ImportKey } from './headers'
import type { CadreValues, ParsedRoster, ParsedRow } from './parse'
import { cancelled, yieldToLoop, type StopSignal } from './workbook'

export type OnDuplicate = 'skip' | 'update'

/** What the clerk decided for a unit name the tree does not have. */
export type UnitChoice =
  | { action: 'map'; unitId: number }
  | { action: 'create'; parentId: number | null; kind: string | null }

/** A unit named by the roster that is not in the tree and not decided yet. */
export interface UnknownUnit {
  name: string
  /** Rows that would write it. */
  rows: number
  firstRow: number
}

export interface FieldChange {
  key: ImportKey | 'photo'
  before: string | null
  after: string | null
}

export type RowAction =
  | { kind: 'insert' }
  | { kind: 'update'; cadreId: number; changes: FieldChange[] }
  | { kind: 'unchanged'; cadreId: number }
  | { kind: 'skip'; cadreId: number; changes: FieldChange[] }
  | { kind: 'reject' }

export interface ImportPlan {
  actions: RowAction[]
  /** Units the import will create (decided so, or every unknown one without choices). */
  newUnits: string[]
  /** Units neither in the tree nor decided (only when planning with choices). */
  unknownUnits: UnknownUnit[]
  /** Every unit name not in the tree that the import would write, decided or not. */
  foreignUnits: UnknownUnit[]
  /** Roster name → the tree's unit it was mapped to. */
  mappedUnits: Record<string, string>
  counts: { insert: number; update: number; unchanged: number; skip: number; reject: number }
}

interface DbCadre {
  id: number
  unit_name: string | null
  photo_len: number
  [col: string]: unknown
}

const SELECT_EXISTING = `SELECT c.*, u.name AS unit_name, length(c.photo) AS photo_len FROM cadres c
  LEFT JOIN units u ON u.id = c.unit_id WHERE c.id_card = ?`

function existingValue(row: DbCadre, key: CadreFieldKey): string | null {
  if (key === 'unit') return row.unit_name
  const v = row[columnOf(key)]
  return v === null || v === undefined ? null : String(v)
}

function resumeText(entries: readonly ResumeEntry[]): string {
  return entries.map((e) => `${e.start ?? ''}--${e.end ?? ''} ${e.text}`).join('\n')
}

function loadResume(db: Db, cadreId: number): ResumeEntry[] {
  return db.prepare('SELECT start, end, text FROM resume_entries WHERE cadre_id = ? ORDER BY seq').all(cadreId) as ResumeEntry[]
}

/** The changes a row would make to an existing person; an empty cell never erases a stored value. */
function changesFor(
  db: Db,
  existing: DbCadre,
  row: ParsedRow,
  photoOf: (id: number) => Buffer | null,
  unitOf: (name: string) => string,
): FieldChange[] {
  const out: FieldChange[] = []
  for (const key of CADRE_FIELD_KEYS) {
    if (key === 'idCard') continue
    let after = row.values[key]
    if (after === undefined || after === null) continue
    if (key === 'unit') after = unitOf(after)
    const before = existingValue(existing, key)
    if (before !== after) out.push({ key, before, after })
  }
  if (row.resume && row.resume.length) {
    const before = resumeText(loadResume(db, existing.id))
    const after = resumeText(row.resume)
    if (before !== after) out.push({ key: 'resume', before: before || null, after })
  }
  if (row.photo) {
    const cur = existing.photo_len ? photoOf(existing.id) : null
    if (!cur || !Buffer.from(row.photo).equals(cur)) {
      out.push({ key: 'photo', before: cur ? `照片（${Math.round(cur.length / 1024)} KB）` : null, after: `照片（${Math.round(row.photo.length / 1024)} KB）` })
    }
  }
  return out
}

/** Plans rows one at a time (planImport over a whole file; the CLI's streamed import batch by batch). */
export interface Planner {
  planRow(row: ParsedRow): RowAction
  /** The plan of the rows planned so far, with their actions in order. */
  result(actions: RowAction[]): ImportPlan
}

export function createPlanner(
  db: Db,
  onDuplicate: OnDuplicate,
  /** Given (even empty): unknown units are asked about, not created. */
  choices?: Readonly<Record<string, UnitChoice>>,
): Planner {
  const find = db.prepare(SELECT_EXISTING)
  const photoStmt = db.prepare('SELECT photo FROM cadres WHERE id = ?').pluck()
  const photoOf = (id: number): Buffer | null => (photoStmt.get(id) as Buffer | null) ?? null
  const unitNames = new Map(
    (db.prepare('SELECT id, name FROM units').all() as { id: number; name: string }[]).map((u) => [u.id, u.name]),
  )
  const units = new Set(unitNames.values())
  /** The tree as it is (units grows with the names the import will create). */
  const known0: ReadonlySet<string> = new Set(units)
  const mappedUnits: Record<string, string> = {}
  const unknown = new Map<string, UnknownUnit>()
  const foreign = new Map<string, UnknownUnit>()
  /** The name the cadre's unit will have: the mapped unit's for a mapped name. */
  const unitOf = (name: string): string => {
    const c = choices?.[name]
    if (c?.action === 'map' && !units.has(name)) return unitNames.get(c.unitId) ?? name
    return name
  }
  // One pass over the ID numbers already stored: the per-row lookup runs only for people who exist.
  const known = new Set(db.prepare('SELECT id_card FROM cadres').pluck().all() as string[])
  const newUnits: string[] = []
  const counts = { insert: 0, update: 0, unchanged: 0, skip: 0, reject: 0 }
  return {
    planRow,
    result: (actions) => ({
      actions,
      newUnits,
      unknownUnits: [...foreign.values()].filter((u) => unknown.has(u.name)),
      foreignUnits: [...foreign.values()],
      mappedUnits,
      counts,
    }),
  }

  function planRow(row: ParsedRow): RowAction {
    if (row.rejected || !row.values.idCard) {
      counts.reject++
      return { kind: 'reject' }
    }
    const unit = row.values.unit
    const existing = known.has(row.values.idCard) ? (find.get(row.values.idCard) as DbCadre | undefined) : undefined
    const addsUnit = !!unit && !known0.has(unit) && (!existing || onDuplicate === 'update')
    if (addsUnit && unit) {
      const f = foreign.get(unit)
      if (f) f.rows++
      else foreign.set(unit, { name: unit, rows: 1, firstRow: row.row })
    }
    if (addsUnit && unit && !units.has(unit)) {
      const c = choices?.[unit]
      if (c?.action === 'map' && unitNames.has(c.unitId)) mappedUnits[unit] = unitNames.get(c.unitId) ?? unit
      else if (!choices || c?.action === 'create') {
        units.add(unit)
        newUnits.push(unit)
      } else unknown.set(unit, { name: unit, rows: 0, firstRow: row.row })
    }
    if (!existing) {
      counts.insert++
      return { kind: 'insert' }
    }
    const changes = changesFor(db, existing, row, photoOf, unitOf)
    if (changes.length === 0) {
      counts.unchanged++
      return { kind: 'unchanged', cadreId: existing.id }
    }
    if (onDuplicate === 'skip') {
      counts.skip++
      return { kind: 'skip', cadreId: existing.id, changes }
    }
    counts.update++
    return { kind: 'update', cadreId: existing.id, changes }
  }
}

export async function planImport(
  db: Db,
  parsed: ParsedRoster,
  onDuplicate: OnDuplicate,
  opts: {
    onProgress?: (done: number, total: number) => void
    signal?: StopSignal
    /** Given (even empty): unknown units are asked about, not created. */
    unitChoices?: Readonly<Record<string, UnitChoice>>
  } = {},
): Promise<ImportPlan> {
  const planner = createPlanner(db, onDuplicate, opts.unitChoices)
  const actions: RowAction[] = []
  let lastYield = Date.now()
  const total = parsed.rows.length
  opts.onProgress?.(0, total)
  for (let i = 0; i < total; i++) {
    if ((i & 255) === 0 && Date.now() - lastYield > 40) {
      opts.onProgress?.(i, total)
      await yieldToLoop()
      if (opts.signal?.aborted) throw cancelled()
      lastYield = Date.now()
    }
    actions.push(planner.planRow(parsed.rows[i] as ParsedRow))
  }
  return planner.result(actions)
}

export interface CommitOptions {
  fileName: string
  onDuplicate: OnDuplicate
  /** The clerk's decisions for units not in the tree; when given, an undecided one stops the import. */
  unitChoices?: Readonly<Record<string, UnitChoice>>
  /** Rows done of total: first while comparing with the people stored ('plan'), then writing. */
  onProgress?: (done: number, total: number, phase: 'plan' | 'write') => void
  signal?: StopSignal
  /** Runs inside the transaction just before COMMIT (the page's remembered column mapping). */
  beforeCommit?: () => void
}

export interface CommitResult {
  plan: ImportPlan
  auditId: number
}

const FIELD_COLS = CADRE_FIELD_KEYS.filter((k) => k !== 'unit' && k !== 'idCard')

/** Both pinyin keys of main/domain/pinyin.ts from one conversion (half the cost on 100,000 names). */
function pinyinKeys(name: string): [string, string] {
  if (!name) return ['', '']
  const syl = pinyinOf()(name, { toneType: 'none', type: 'array', surname: 'head' })
  let initials = ''
  for (const s of syl) initials += s[0] ?? ''
  return [initials.toLowerCase(), syl.join('').toLowerCase()]
}

/** pinyinKeys remembered per name for one import: a name that comes again (同名, frequent in a
 *  county roster) is not converted again. The keys depend on the name alone, so they are the same. */
function pinyinKeysCache(): (name: string) => [string, string] {
  const seen = new Map<string, [string, string]>()
  return (name) => {
    let k = seen.get(name)
    if (!k) {
      k = pinyinKeys(name)
      seen.set(name, k)
    }
    return k
  }
}

function unitKind(name: string): string {
  return /(镇|乡|街道|办事处)$/.test(name) ? '乡镇' : '县直部门'
}

/** The message for units still undecided when the import is asked to start. */
export function undecidedUnitsMessage(units: readonly UnknownUnit[]): string {
  const names = units.slice(0, 10).map((u) => `“${u.name}”（第 ${u.firstRow} 行起 ${u.rows} 行）`)
  const more = units.length > 10 ? ` 等 ${units.length} 个` : ''
  return `以下单位不在单位树中：${names.join('、')}${more}。请在预览中为每个单位选择对应的已有单位，或选择新建并指定上级和类别，然后再导入`
}

/** Writes planned rows (inside a transaction the caller holds) and the import's summary entry. */
interface Writer {
  writeRow(row: ParsedRow, action: RowAction): void
  /** The import's own audit entry; its id. */
  summary(sheet: string, plan: ImportPlan): number
  /** After the event loop ran in the middle of the transaction. */
  resumed(): void
}

function createWriter(ctx: AppContext, fileName: string, choices: Readonly<Record<string, UnitChoice>> | undefined): Writer {
  const db = ctx.db
  const now = ctx.nowIso()
  const actor = ctx.actor
  const insertCols = ['id_card', 'name_initials', 'name_pinyin', 'unit_id', ...FIELD_COLS.map(columnOf), 'photo', 'created_at', 'updated_at']
  const insert = db.prepare(`INSERT INTO cadres (${insertCols.join(', ')}) VALUES (${insertCols.map(() => '?').join(', ')})`)
  // Every entry of the import is chained here, not by the trigger (main/db/audit-chain.ts).
  const audit = chainedAudit(db)
  const unitId = new Map((db.prepare('SELECT id, name FROM units').all() as { id: number; name: string }[]).map((u) => [u.name, u.id]))
  const insertUnit = db.prepare('INSERT INTO units (name, parent_id, kind, sort_order) VALUES (?, ?, ?, ?)')
  const unitById = db.prepare('SELECT name FROM units WHERE id = ?').pluck()
  const maxSort = db.prepare('SELECT coalesce(max(sort_order), 0) FROM units').pluck()
  const delResume = db.prepare('DELETE FROM resume_entries WHERE cadre_id = ?')
  const insResume = db.prepare('INSERT INTO resume_entries (cadre_id, seq, start, end, text) VALUES (?, ?, ?, ?, ?)')
  const updateStmts = new Map<string, Statement<unknown[]>>()
  const keysOf = pinyinKeysCache()
  const ensureUnit = (name: string | null | undefined): number | null => {
    if (!name) return null
    const id = unitId.get(name)
    if (id !== undefined) return id
    const c = choices?.[name]
    if (c?.action === 'map') {
      // Read inside the transaction: a unit removed since the preview stops the whole import.
      if (unitById.get(c.unitId) === undefined)
        throw new AppError('import-unit-gone', `单位“${name}”要对应的单位（编号 ${c.unitId}）已不存在，请重新预览并选择`, `unit ${c.unitId} is gone`)
      unitId.set(name, c.unitId)
      return c.unitId
    }
    if (choices && !c) throw new AppError('import-units-undecided', undecidedUnitsMessage([{ name, rows: 1, firstRow: 0 }]), `unit ${name} undecided`)
    let parentId: number | null = null
    let parentName: string | null = null
    if (c?.action === 'create' && c.parentId !== null) {
      parentName = (unitById.get(c.parentId) as string | undefined) ?? null
      if (parentName === null)
        throw new AppError('import-unit-gone', `新建单位“${name}”的上级单位（编号 ${c.parentId}）已不存在，请重新预览并选择`, `parent ${c.parentId} is gone`)
      parentId = c.parentId
    }
    const kind = c?.action === 'create' ? c.kind : unitKind(name)
    const r = insertUnit.run(name, parentId, kind, (maxSort.get() as number) + 10)
    const nid = Number(r.lastInsertRowid)
    unitId.set(name, nid)
    const where = [parentName ? `上级“${parentName}”` : null, kind ? `类别“${kind}”` : null].filter(Boolean).join('，')
    audit.append(now, actor, 'create', 'unit', nid, null, `导入花名册时新建单位“${name}”${where ? `（${where}）` : ''}`, null, JSON.stringify({ name, parentId, kind }))
    return nid
  }
  const writeResume = (cadreId: number, entries: ResumeEntry[]): void => {
    delResume.run(cadreId)
    entries.forEach((e, i) => insResume.run(cadreId, i, e.start, e.end, e.text))
  }

  return {
    writeRow(row, action) {
      if (action.kind === 'insert') {
        const v: CadreValues = row.values
        const name = v.name ?? ''
        const params: unknown[] = [v.idCard, ...keysOf(name), ensureUnit(v.unit)]
        for (const k of FIELD_COLS) params.push(k === 'status' ? (v.status ?? '在职') : (v[k] ?? null))
        params.push(row.photo ? Buffer.from(row.photo) : null, now, now)
        const id = Number(insert.run(...params).lastInsertRowid)
        if (row.resume?.length) writeResume(id, row.resume)
        // The record itself holds what was created; the entry says where it came from.
        audit.append(now, actor, 'create', 'cadre', id, id, `导入花名册新增干部 ${name}（${fileName} 第 ${row.row} 行）`, null, null)
      } else if (action.kind === 'update') {
        const cols: string[] = []
        const params: unknown[] = []
        const before: Record<string, string | null> = {}
        const after: Record<string, string | null> = {}
        for (const c of action.changes) {
          before[c.key] = c.before
          after[c.key] = c.after
          if (c.key === 'resume') writeResume(action.cadreId, row.resume ?? [])
          else if (c.key === 'photo') {
            cols.push('photo')
            params.push(Buffer.from(row.photo ?? new Uint8Array()))
          } else if (c.key === 'unit') {
            cols.push('unit_id')
            params.push(ensureUnit(c.after))
          } else {
            cols.push(columnOf(c.key))
            params.push(c.after)
            if (c.key === 'name') {
              cols.push('name_initials', 'name_pinyin')
              params.push(...keysOf(c.after ?? ''))
            }
          }
        }
        cols.push('updated_at')
        params.push(now, action.cadreId)
        const sig = cols.join(',')
        let stmt = updateStmts.get(sig)
        if (!stmt) {
          stmt = db.prepare<unknown[]>(`UPDATE cadres SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`)
          updateStmts.set(sig, stmt)
        }
        stmt.run(...params)
        const name = row.values.name ?? ''
        audit.append(
          now,
          actor,
          'update',
          'cadre',
          action.cadreId,
          action.cadreId,
          `导入花名册更新干部 ${name}：${action.changes.map((c) => c.key).join('、')}（${fileName} 第 ${row.row} 行）`,
          JSON.stringify(before),
          JSON.stringify(after),
        )
      }
    },
    summary(sheet, plan) {
      const c = plan.counts
      const summary =
        `导入花名册“${fileName}”（工作表“${sheet}”）：新增 ${c.insert} 人，更新 ${c.update} 人，` +
        `未变 ${c.unchanged} 人，跳过 ${c.skip} 人，拒绝 ${c.reject} 行` +
        (plan.newUnits.length ? `；新建单位 ${plan.newUnits.join('、')}` : '') +
        (Object.keys(plan.mappedUnits).length
          ? `；单位对应 ${Object.entries(plan.mappedUnits).map(([a, b]) => `${a}→${b}`).join('、')}`
          : '')
      const auditId = audit.append(
        now,
        actor,
        'import',
        'roster',
        null,
        null,
        summary,
        null,
        JSON.stringify({ file: fileName, sheet: sheet, ...c, newUnits: plan.newUnits, mappedUnits: plan.mappedUnits }),
      )
      audit.finish()
      return auditId
    },
    resumed: () => audit.resync(),
  }
}

/**
 * Writes the plan in ONE transaction. Work runs in slices with the event loop free in between
 * (reads on the same worker, progress events); cancelling or any error rolls everything back.
 */
export async function commitImport(
  ctx: AppContext,
  parsed: ParsedRoster,
  opts: CommitOptions,
): Promise<CommitResult> {
  const db = ctx.db
  if (parsed.problems.length)
    throw new AppError('import-mapping', parsed.problems.join('；'), 'the column mapping is incomplete')
  if (db.inTransaction)
    throw new AppError('import-busy', '数据库正忙（另一项写入尚未完成），请稍后再导入', 'database busy')
  const choices = opts.unitChoices
  const writer = createWriter(ctx, opts.fileName, choices)
  // Planning reads only; it runs before the transaction so the write lock is held as briefly as possible.
  const plan = await planImport(db, parsed, opts.onDuplicate, {
    onProgress: (d, t) => opts.onProgress?.(d, t, 'plan'),
    signal: opts.signal,
    ...(choices ? { unitChoices: choices } : {}),
  })
  if (plan.unknownUnits.length)
    throw new AppError(
      'import-units-undecided',
      undecidedUnitsMessage(plan.unknownUnits),
      'units not in the tree are undecided',
    )
  const total = parsed.rows.length
  let lastYield = Date.now()
  return inImportTransaction(db, async () => {
    opts.onProgress?.(0, total, 'write')
    for (let i = 0; i < total; i++) {
      writer.writeRow(parsed.rows[i] as ParsedRow, plan.actions[i] as RowAction)
      if ((i & 63) === 0 && Date.now() - lastYield > 40) {
        opts.onProgress?.(i, total, 'write')
        await yieldToLoop()
        writer.resumed()
        lastYield = Date.now()
        if (opts.signal?.aborted) throw cancelled()
      }
    }
    const auditId = writer.summary(parsed.sheet, plan)
    opts.beforeCommit?.()
    if (opts.signal?.aborted) throw cancelled()
    return () => {
      opts.onProgress?.(total, total, 'write')
      return { plan, auditId }
    }
  })
}

/**
 * The import's one transaction: BEGIN IMMEDIATE, `body`, COMMIT; any error rolls everything back.
 * `body` returns what to do once committed.
 */
async function inImportTransaction<T>(db: Db, body: () => Promise<() => T>): Promise<T> {
  // The WAL of a large import is copied back into the database file by a checkpoint; SQLite would
  // run it inside COMMIT (one long pause). It runs after the import instead (checkpointAfterImport).
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number
  db.pragma('wal_autocheckpoint = 0')
  db.exec('BEGIN IMMEDIATE')
  try {
    const after = await body()
    db.exec('COMMIT')
    return after()
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw e
  } finally {
    db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`)
  }
}

/** What the streamed import is told once every row has come. */
export interface StreamEnd {
  sheet: string
}

/**
 * The command line's import while the file is still being read (main/cli/commands/import.ts): rows
 * arrive in batches in file order and each batch is planned and written at once, inside the same
 * ONE transaction as commitImport's (BEGIN before the first batch, COMMIT after the last; an
 * error in reading or writing rolls everything back). Planning a row reads only the people stored
 * before the import and the units, exactly as planImport does over the whole file, so the plan
 * and the rows written are the same. No unit choices: units not in the tree are created, as the
 * command line always does.
 */
export async function commitImportStream(
  ctx: AppContext,
  batches: AsyncIterable<ParsedRow[]>,
  opts: { fileName: string; onDuplicate: OnDuplicate; end: () => StreamEnd },
): Promise<CommitResult> {
  const db = ctx.db
  if (db.inTransaction)
    throw new AppError('import-busy', '数据库正忙（另一项写入尚未完成），请稍后再导入', 'database busy')
  const actions: RowAction[] = []
  return inImportTransaction(db, async () => {
    // Inside the transaction: the people and units it compares with are those it writes beside.
    const writer = createWriter(ctx, opts.fileName, undefined)
    const planner = createPlanner(db, opts.onDuplicate)
    for await (const rows of batches) {
      writer.resumed()
      for (const row of rows) {
        const action = planner.planRow(row)
        actions.push(action)
        writer.writeRow(row, action)
      }
    }
    const plan = planner.result(actions)
    const auditId = writer.summary(opts.end().sheet, plan)
    return () => ({ plan, auditId })
  })
}

/** Copies the import's WAL frames into the database file (PASSIVE: never waits for readers). */
export function checkpointAfterImport(db: Db): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // Not in WAL mode (an in-memory database) or busy: SQLite's own checkpoints catch up later.
  }
}

/**
 * Reading the database as exchange records, in a fixed order so that the same data always gives
 * the same document: units in tree order (parent before children, siblings by sort order then
 * name), cadres by ID number, each list by its own natural order then insertion.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers'
import type { Db } from '../../db/open'
import { CADRE_FIELD_KEYS, columnOf } from '../../domain/fields'
import { formatResume } from '../../domain/resume'
import { cadreRetirement } from '../../domain/retirement'
import { KIND_DEFS, type KindDef } from '../../records/fields'
import type { RecordKind } from '../../records/kinds'
import type { ExCadre, ExLrmxExtras, ExRelated, ExResume, ExStudy, ExUnit, RelatedKey } from './schema'

interface UnitRow {
  id: number
  name: string
  parent_id: number | null
  kind: string | null
  sort_order: number
}

export function readUnits(db: Db): ExUnit[] {
  // 职数 per unit (issue 13), written only for units that have some so older documents stay the same.
  const posts = new Map<number, NonNullable<ExUnit['posts']>>()
  for (const p of db
    .prepare('SELECT unit_id, level, allotted, vacant_since FROM unit_posts ORDER BY unit_id, id')
    .all() as { unit_id: number; level: string; allotted: number; vacant_since: string | null }[]) {
    let l = posts.get(p.unit_id)
    if (!l) posts.set(p.unit_id, (l = []))
    l.push({ level: p.level, allotted: p.allotted, vacantSince: p.vacant_since })
  }
  const unitOf = (r: UnitRow): ExUnit => {
    const u: ExUnit = { name: r.name, parent: parentName(r), kind: r.kind }
    const ps = posts.get(r.id)
    if (ps) u.posts = ps
    return u
  }
  const rows = db
    .prepare('SELECT id, name, parent_id, kind, sort_order FROM units ORDER BY sort_order, name')
    .all() as UnitRow[]
  const byId = new Map(rows.map((r) => [r.id, r]))
  const children = new Map<number | null, UnitRow[]>()
  for (const r of rows) {
    const p = r.parent_id !== null && byId.has(r.parent_id) ? r.parent_id : null
    const list = children.get(p) ?? []
    list.push(r)
    children.set(p, list)
  }
  const out: ExUnit[] = []
  const seen = new Set<number>()
  const walk = (parent: number | null): void => {
    for (const r of children.get(parent) ?? []) {
      if (seen.has(r.id)) continue
      seen.add(r.id)
      out.push(unitOf(r))
      walk(r.id)
    }
  }
  const parentName = (r: UnitRow): string | null =>
    r.parent_id === null ? null : (byId.get(r.parent_id)?.name ?? null)
  walk(null)
  // Units caught in a parent cycle (possible only by editing the file by hand) are kept, not lost.
  for (const r of rows) if (!seen.has(r.id)) out.push(unitOf(r))
  return out
}

/** SQL per list: the columns in the document's key order, and the order that makes dumps stable. */
const LIST_SQL: Record<RelatedKey, string> = {
  resume: 'SELECT cadre_id, start, end, text FROM resume_entries ORDER BY cadre_id, seq, id',
  family:
    'SELECT cadre_id, relation, name, birth_date AS birthDate, political_status AS politicalStatus, work_unit_position AS workUnitPosition, settled_abroad AS settledAbroad FROM family_members ORDER BY cadre_id, seq, id',
  // The record kinds, from their one definition (main/records/fields.ts).
  ...(Object.fromEntries(
    Object.values(KIND_DEFS).map((d) => [
      d.kind,
      `SELECT cadre_id, ${d.fields.map((f) => (f.column === f.key ? f.key : `${f.column} AS ${f.key}`)).join(', ')} FROM ${d.table} ORDER BY cadre_id, ${d.dumpOrder}`,
    ]),
  ) as Record<RecordKind, string>),
  appointments:
    'SELECT cadre_id, start, end, unit, title, level, rank, doc_no AS docNo FROM appointments ORDER BY cadre_id, seq, id',
}
const LIST_KEYS = Object.keys(LIST_SQL) as RelatedKey[]

function perCadre(sql: string): string {
  return sql.replace(' ORDER BY cadre_id,', ' WHERE cadre_id = ? ORDER BY')
}

type Row = Record<string, unknown> & { cadre_id: number }

/** The fields added by issue 10 are written only when set, so older documents read unchanged. */
export function compactOptional(key: string, r: Record<string, unknown>): void {
  const def = (KIND_DEFS as Record<string, KindDef | undefined>)[key]
  if (def) {
    for (const f of def.fields) if (f.sparse && (r[f.key] === null || r[f.key] === undefined)) delete r[f.key]
  } else if (key === 'family') {
    if (r['settledAbroad']) r['settledAbroad'] = true
    else delete r['settledAbroad']
  }
}

function shape(key: RelatedKey, row: Row): ExRelated[RelatedKey][number] {
  const { cadre_id: _drop, ...rest } = row
  compactOptional(key, rest)
  if (key === 'studies') {
    let scores: ExStudy['scores'] = {}
    try {
      const parsed: unknown = JSON.parse(String(rest['scores'] ?? '{}'))
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) scores = parsed as ExStudy['scores']
    } catch {
      scores = {}
    }
    rest['scores'] = scores
  }
  return rest as unknown as ExRelated[RelatedKey][number]
}

const SCALAR_SQL = `SELECT c.id, ${CADRE_FIELD_KEYS.map((k) => (k === 'unit' ? 'u.name AS unit' : `c.${columnOf(k)} AS ${k}`)).join(', ')}, c.photo,
  c.retire_base_age AS retireBaseAge, c.retire_date AS retireDate,
  x.retire_month AS lrmxRetireMonth, x.age_limit_text AS lrmxAgeLimitText
  FROM cadres c LEFT JOIN units u ON u.id = c.unit_id LEFT JOIN lrmx_extras x ON x.cadre_id = c.id`

type ScalarRow = { id: number; photo: Buffer | null } & Record<string, string | null> & {
    retireBaseAge?: number | null
  }

function toCadre(row: ScalarRow, lists: (key: RelatedKey) => ExRelated[RelatedKey]): ExCadre {
  const out: Record<string, unknown> = { idCard: row['idCard'] }
  for (const k of CADRE_FIELD_KEYS) if (k !== 'idCard') out[k] = row[k] ?? null
  out['photo'] = row.photo ? row.photo.toString('base64') : null
  for (const k of LIST_KEYS) out[k] = lists(k)
  // 原法定退休年龄 (issue 13): only when set, so documents of cadres on the default stay as they were.
  if (row.retireBaseAge !== null && row.retireBaseAge !== undefined) out['retireBaseAge'] = row.retireBaseAge
  // LRMX 4.0 values kept from an imported file (issue 14): only when something is kept.
  const extras: ExLrmxExtras = {}
  if (row['lrmxRetireMonth']) extras.retireMonth = row['lrmxRetireMonth']
  if (row['lrmxAgeLimitText']) extras.ageLimitText = row['lrmxAgeLimitText']
  if (extras.retireMonth || extras.ageLimitText) out['lrmxExtras'] = extras
  return out as unknown as ExCadre
}

/** Every cadre with every list, ordered by ID number. Lists are read in bulk (one query each). */
export function* readAllCadres(db: Db): Generator<ExCadre> {
  const lists = new Map<RelatedKey, Map<number, ExRelated[RelatedKey][number][]>>()
  for (const k of LIST_KEYS) {
    const m = new Map<number, ExRelated[RelatedKey][number][]>()
    for (const row of db.prepare(LIST_SQL[k]).iterate() as IterableIterator<Row>) {
      let l = m.get(row.cadre_id)
      if (!l) m.set(row.cadre_id, (l = []))
      l.push(shape(k, row))
    }
    lists.set(k, m)
  }
  // One ordered pass; the caller must not use this connection until the generator is done.
  for (const row of db.prepare(`${SCALAR_SQL} ORDER BY c.id_card`).iterate() as IterableIterator<ScalarRow>) {
    yield toCadre(row, (k) => (lists.get(k)?.get(row.id) ?? []) as ExRelated[RelatedKey])
  }
}

const stmtCache = new WeakMap<
  Db,
  { one: Statement<unknown[]>; lists: Map<RelatedKey, Statement<unknown[]>> }
>()

/** One cadre as the document would hold it (used by load to tell an update from no change). */
export function readCadre(db: Db, id: number): ExCadre | null {
  let st = stmtCache.get(db)
  if (!st) {
    st = {
      one: db.prepare(`${SCALAR_SQL} WHERE c.id = ?`),
      lists: new Map(LIST_KEYS.map((k) => [k, db.prepare(perCadre(LIST_SQL[k]))])),
    }
    stmtCache.set(db, st)
  }
  const row = st.one.get(id) as ScalarRow | undefined
  if (!row) return null
  const lists = st.lists
  return toCadre(
    row,
    (k) => ((lists.get(k)?.all(id) ?? []) as Row[]).map((r) => shape(k, r)) as ExRelated[RelatedKey],
  )
}

export type CadreListItem = { [K in (typeof CADRE_FIELD_KEYS)[number]]: string | null } & {
  resume: string
  photo: string | null
  /** 到龄时间 YYYY-MM under the 2025 reform (null: 待补充). */
  retireDate: string | null
  /** 原法定退休年龄 in force: set on the cadre, else by gender (null: gender unknown). */
  retireBaseAge: number | null
}

/** Every cadre, one flat record each (the CLI's `list`): every canonical key, 简历 as the form's
 *  text lines, the photo as base64 or null. Ordered as entered. */
export function readCadreList(db: Db): CadreListItem[] {
  const resume = new Map<number, ExResume[]>()
  for (const row of db.prepare(LIST_SQL.resume).iterate() as IterableIterator<Row>) {
    let l = resume.get(row.cadre_id)
    if (!l) resume.set(row.cadre_id, (l = []))
    l.push(shape('resume', row) as ExResume)
  }
  const rows = db.prepare(`${SCALAR_SQL} ORDER BY c.id`).all() as ScalarRow[]
  return rows.map((row) => {
    const out: Record<string, unknown> = {}
    for (const k of CADRE_FIELD_KEYS) out[k] = row[k] ?? null
    out['resume'] = formatResume(resume.get(row.id) ?? [])
    out['photo'] = row.photo ? row.photo.toString('base64') : null
    out['retireDate'] = row['retireDate'] ?? null
    out['retireBaseAge'] = cadreRetirement({
      gender: row['gender'],
      retireBaseAge: row.retireBaseAge,
    }).baseAge
    return out as CadreListItem
  })
}

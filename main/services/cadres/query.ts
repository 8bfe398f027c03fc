/**
 * The roster grid's query: quick search, unit subtree, statuses, per-column filters and
 * multi-column sort, one page at a time with the total. Every key is whitelisted and every value
 * is a bound parameter.
 */
import type { CadreQuery, CadreQueryResult, ColumnFilter } from '../../domain/cadre'
import { ageAt, parseMonth } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { CADRE_FIELD_KEYS, FIELD_BY_KEY, type CadreFieldKey } from '../../domain/fields'
import { CADRE_COLUMN, cadreRowFromDb, type DbCadreWithUnit } from '../../db/types'
import type { AppContext } from '../context'
import { halfWidthAlnum } from './normalize'
import { ensureImpactPeriods, impactUntilExpr } from '../../records/impact'

/** Every cadres column but the photo, plus the unit's name. */
export const CADRE_SELECT = `c.id, c.id_card, c.name, c.name_initials, c.name_pinyin, c.gender, c.birth_date, c.ethnicity,
  c.native_place, c.birth_place, c.party_join_date, c.political_status, c.work_start_date, c.health, c.tech_title,
  c.specialty, c.edu_full_time, c.degree_full_time, c.school_full_time, c.edu_in_service, c.degree_in_service,
  c.school_in_service, c.unit_id, c.position, c.position_level, c.position_date, c.level_date, c.rank, c.rank_date, c.status,
  c.phone, c.created_at, c.updated_at, c.retire_base_age, c.retire_date, u.name AS unit_name`

function ageExpr(today: string): string {
  const ay = Number(today.slice(0, 4))
  const am = Number(today.slice(5, 7))
  if (!Number.isInteger(ay) || !Number.isInteger(am)) throw new Error(`bad today ${today}`)
  return `(CASE WHEN c.birth_date IS NULL OR length(c.birth_date) < 7 THEN NULL
    ELSE ${ay} - CAST(substr(c.birth_date, 1, 4) AS INTEGER) - (${am} < CAST(substr(c.birth_date, 6, 2) AS INTEGER)) END)`
}

function like(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c)
}

type Key = CadreFieldKey | 'age' | 'impactUntil' | 'retireDate'
const FILTER_KEYS = new Set<string>([...CADRE_FIELD_KEYS, 'age', 'impactUntil', 'retireDate'])
const SORT_KEYS = new Set<string>([...CADRE_FIELD_KEYS, 'age', 'id', 'impactUntil', 'retireDate'])

function exprOf(key: Key, today: string): string {
  if (key === 'unit') return 'u.name'
  if (key === 'age') return ageExpr(today)
  if (key === 'impactUntil') return impactUntilExpr(today)
  // 到龄时间: the generated column of migration 0080 (indexed).
  if (key === 'retireDate') return 'c.retire_date'
  return `c.${CADRE_COLUMN[key]}`
}

/** `1975.3` typed into a month column's filter means `1975-03` as stored. */
function monthFilterValue(v: string): string {
  const r = /^\d{4}[.\-/年]\d{1,2}月?$/.test(v) ? parseMonth(v) : null
  if (r && r.ok && r.value) return r.value
  return v.replace(/[.．/年]/g, '-').replace(/月/g, '')
}

/** Age filter values: `45`, `40-50`, `>=45`, `<35`, `≤40`. */
function ageCondition(expr: string, op: ColumnFilter['op'], raw: string, params: unknown[]): string {
  const v = halfWidthAlnum(raw).replace(/\s/g, '').replace('≤', '<=').replace('≥', '>=')
  const neg = op === 'notEqual' || op === 'notContains'
  let c: string | null = null
  let m: RegExpMatchArray | null
  if ((m = v.match(/^(\d{1,3})[-~～至到](\d{1,3})岁?$/))) {
    params.push(Number(m[1]), Number(m[2]))
    c = `${expr} BETWEEN ? AND ?`
  } else if ((m = v.match(/^(<=|>=|<|>|=)?(\d{1,3})岁?$/))) {
    params.push(Number(m[2]))
    c = `${expr} ${m[1] ?? '='} ?`
  }
  if (c) return neg ? `(${expr} IS NULL OR NOT (${c}))` : c
  throw new AppError(
    'invalid-filter',
    `年龄筛选“${raw}”无法识别，可写作 45、40-50、>=45`,
    `bad age filter ${raw}`,
  )
}

function filterCondition(key: string, f: ColumnFilter, today: string, params: unknown[]): string {
  if (!FILTER_KEYS.has(key))
    throw new AppError('invalid-filter', `不能按“${key}”筛选`, `unknown filter key ${key}`)
  const k = key as Key
  const expr = exprOf(k, today)
  if (f.op === 'blank') return k === 'age' ? `${expr} IS NULL` : `(${expr} IS NULL OR ${expr} = '')`
  if (f.op === 'notBlank')
    return k === 'age' ? `${expr} IS NOT NULL` : `(${expr} IS NOT NULL AND ${expr} <> '')`
  let v = (f.value ?? '').trim()
  if (v === '') return '1'
  if (k === 'age') return ageCondition(expr, f.op, v, params)
  v = halfWidthAlnum(v)
  if (k === 'retireDate' || (k !== 'unit' && k !== 'impactUntil' && FIELD_BY_KEY.get(k)?.kind === 'month'))
    v = monthFilterValue(v)
  if (k === 'idCard') v = v.toUpperCase()
  switch (f.op) {
    case 'contains':
      params.push(`%${like(v)}%`)
      return `${expr} LIKE ? ESCAPE '\\'`
    case 'notContains':
      params.push(`%${like(v)}%`)
      return `(${expr} IS NULL OR ${expr} NOT LIKE ? ESCAPE '\\')`
    case 'startsWith':
      params.push(`${like(v)}%`)
      return `${expr} LIKE ? ESCAPE '\\'`
    case 'endsWith':
      params.push(`%${like(v)}`)
      return `${expr} LIKE ? ESCAPE '\\'`
    case 'equals':
      params.push(v)
      return `${expr} = ?`
    case 'notEqual':
      params.push(v)
      return `(${expr} IS NULL OR ${expr} <> ?)`
  }
}

/** One quick-search term: name, pinyin initials or full pinyin, ID number, unit name. */
function searchCondition(term: string, params: unknown[]): string {
  const t = halfWidthAlnum(term)
  const ors: string[] = []
  const pat = `%${like(t)}%`
  if (/^[a-z]+$/i.test(t)) {
    const lower = t.toLowerCase()
    ors.push(`c.name_initials LIKE ? ESCAPE '\\'`, `c.name_pinyin LIKE ? ESCAPE '\\'`)
    params.push(`%${like(lower)}%`, `${like(lower)}%`)
  }
  if (/^\d+[xX]?$/.test(t)) {
    ors.push(`c.id_card LIKE ? ESCAPE '\\'`)
    params.push(pat.toUpperCase())
  }
  if (/[^\u0020-\u007e]/.test(t)) {
    ors.push(`c.name LIKE ? ESCAPE '\\'`, `c.unit_id IN (SELECT id FROM units WHERE name LIKE ? ESCAPE '\\')`)
    params.push(pat, pat)
  }
  if (ors.length === 0) {
    ors.push(`c.name LIKE ? ESCAPE '\\'`, `c.id_card LIKE ? ESCAPE '\\'`)
    params.push(pat, pat)
  }
  return `(${ors.join(' OR ')})`
}

export interface BuiltWhere {
  where: string
  params: unknown[]
  /** The conditions read `u.name`: join units. */
  needsUnit: boolean
}

export function buildCadreWhere(
  ctx: AppContext,
  q: Omit<CadreQuery, 'offset' | 'limit' | 'sort'>,
): BuiltWhere {
  const conds: string[] = []
  const params: unknown[] = []
  const statuses = q.statuses ?? ['在职']
  if (statuses.length > 0) {
    // Nine in ten people are 在职: walking the status index then fetching each row costs several
    // times a plain scan, so the index (`+` turns it off) is used only for the rarer statuses.
    const col = statuses.includes('在职') ? '+c.status' : 'c.status'
    conds.push(`${col} IN (${statuses.map(() => '?').join(', ')})`)
    params.push(...statuses)
  }
  if (q.unitId !== undefined && q.unitId !== null) {
    conds.push(
      `c.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE id = ? UNION SELECT u2.id FROM units u2 JOIN sub ON u2.parent_id = sub.id) SELECT id FROM sub)`,
    )
    params.push(q.unitId)
  }
  const terms = (q.search ?? '')
    .replace(/\u3000/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
  for (const term of terms) conds.push(searchCondition(term, params))
  let needsUnit = false
  for (const [key, f] of Object.entries(q.filters ?? {})) {
    conds.push(filterCondition(key, f, ctx.today(), params))
    if (key === 'unit') needsUnit = true
  }
  return { where: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params, needsUnit }
}

/** Choice columns whose options run from the top of a hierarchy down (正处 … 一般干部,
 *  研究生 … 小学, 一级调研员 … 二级科员): sorting follows that order, not the characters' codes. */
const RANKED_KEYS = [
  'positionLevel',
  'rank',
  'eduFullTime',
  'eduInService',
  'degreeFullTime',
  'degreeInService',
] as const

function rankedExpr(key: (typeof RANKED_KEYS)[number]): string {
  const options = FIELD_BY_KEY.get(key)?.options ?? []
  const col = `c.${CADRE_COLUMN[key]}`
  // Options are our own constants (no quotes in them): inlined so the statement stays cacheable.
  const whens = options.map((o, i) => `WHEN '${o.replace(/'/g, "''")}' THEN ${i}`).join(' ')
  return `(CASE ${col} ${whens} ELSE ${options.length} END)`
}

/**
 * ORDER BY of the grid's sort (exported for exports that list the same rows in the same order).
 * Name sorts by pinyin, unit by the unit tree's order, age by birth month, levels and education
 * by their hierarchy; blanks last; ties by id. With a quick search and no sort of its own, exact
 * hits come first (that adds parameters to `params`).
 */
export function cadreOrderBy(
  ctx: AppContext,
  sort: CadreQuery['sort'],
  search?: string,
  params: unknown[] = [],
): string {
  const parts: string[] = []
  const term = halfWidthAlnum(search ?? '').trim()
  if (!sort?.length && term && !/\s/.test(term)) {
    // Without a sort of its own, a quick search lists exact hits first: `zs` puts 张三 before 张山峰.
    parts.push('(c.name = ? OR c.name_initials = ? OR c.name_pinyin = ? OR c.id_card = ?) DESC')
    params.push(term, term.toLowerCase(), term.toLowerCase(), term.toUpperCase())
  }
  for (const s of sort ?? []) {
    if (!SORT_KEYS.has(s.key))
      throw new AppError('invalid-sort', `不能按“${s.key}”排序`, `unknown sort key ${s.key}`)
    const dir = s.dir === 'desc' ? 'DESC' : 'ASC'
    if (s.key === 'id') parts.push(`c.id ${dir}`)
    else if (s.key === 'name') parts.push(`c.name_pinyin ${dir}`, `c.name ${dir}`)
    // 到龄时间: blanks (待补充) last either way, in the shape of migration 0081's two indexes.
    else if (s.key === 'retireDate')
      parts.push(
        dir === 'ASC' ? '(c.retire_date IS NULL)' : '(c.retire_date IS NOT NULL) DESC',
        `c.retire_date ${dir}`,
      )
    else if (s.key === 'unit') parts.push(`(u.id IS NULL)`, `u.sort_order ${dir}`, `u.name ${dir}`)
    // Age follows the birth month; people without one go last either way.
    else if (s.key === 'age')
      parts.push(`(c.birth_date IS NULL)`, `c.birth_date ${dir === 'ASC' ? 'DESC' : 'ASC'}`)
    else if ((RANKED_KEYS as readonly string[]).includes(s.key)) {
      const key = s.key as (typeof RANKED_KEYS)[number]
      const col = `c.${CADRE_COLUMN[key]}`
      parts.push(`(${col} IS NULL OR ${col} = '')`, `${rankedExpr(key)} ${dir}`, `${col} ${dir}`)
    } else {
      const e = exprOf(s.key as Key, ctx.today())
      parts.push(`(${e} IS NULL OR ${e} = '')`, `${e} ${dir}`)
    }
  }
  // The tie-break follows the first sort's direction so an index can serve the whole ORDER BY.
  parts.push(sort?.[0]?.dir === 'desc' ? 'c.id DESC' : 'c.id')
  return `ORDER BY ${parts.join(', ')}`
}

const tuned = new WeakSet<object>()

/** A bigger page cache than SQLite's 2 MB default: 100,000 cadres are some 25 MB on disk, and
 *  the grid reads them again for every count and sort. Per connection, set once. */
function tune(ctx: AppContext): void {
  if (tuned.has(ctx.db)) return
  tuned.add(ctx.db)
  ctx.db.pragma('cache_size = -65536')
}

/**
 * One page of the grid and the total. Two steps: the ids of the page (joining units only when a
 * filter or the sort needs the unit's name), then those rows in full.
 */
export function queryCadres(ctx: AppContext, q: CadreQuery): CadreQueryResult {
  tune(ctx)
  ensureImpactPeriods(ctx)
  const { where, params, needsUnit } = buildCadreWhere(ctx, q)
  const sortsByUnit = (q.sort ?? []).some((s) => s.key === 'unit')
  const countFrom = needsUnit ? 'FROM cadres c LEFT JOIN units u ON u.id = c.unit_id' : 'FROM cadres c'
  const total = (ctx.db.prepare(`SELECT count(*) AS n ${countFrom} ${where}`).get(...params) as { n: number })
    .n
  if (total === 0 || q.offset >= total) return { rows: [], total }
  const orderParams: unknown[] = []
  const order = cadreOrderBy(ctx, q.sort, q.search, orderParams)
  const pageFrom =
    needsUnit || sortsByUnit ? 'FROM cadres c LEFT JOIN units u ON u.id = c.unit_id' : 'FROM cadres c'
  const ids = ctx.db
    .prepare(`SELECT c.id ${pageFrom} ${where} ${order} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, ...orderParams, q.limit, q.offset) as number[]
  if (ids.length === 0) return { rows: [], total }
  const full = ctx.db
    .prepare(
      `SELECT ${CADRE_SELECT}, ${impactUntilExpr(ctx.today())} AS impact_until FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as (DbCadreWithUnit & { impact_until: string | null })[]
  const byId = new Map(full.map((r) => [r.id, r]))
  const today = ctx.today()
  const rows = ids.flatMap((id) => {
    const r = byId.get(id)
    return r ? [{ ...cadreRowFromDb(r, ageAt(r.birth_date, today)), impactUntil: r.impact_until }] : []
  })
  return { rows, total }
}

/**
 * The review page a block at a time (channel 'eligibility.page'): the round is evaluated once by
 * reviewRound and kept in memory; each request filters, searches, sorts and slices the kept rows.
 *
 * The kept round is keyed by target, date and a fingerprint of the database: this connection's
 * `total_changes()` (every insert, update or delete through the app: decisions, overrides, rule
 * sets, investigations, cadre and record edits, imports) and `PRAGMA data_version` (a commit by
 * another connection, e.g. the command line on the same file). Any write therefore makes the next
 * request evaluate afresh; nothing has to remember to invalidate.
 *
 * Evaluating 100,000 cadres takes most of a second. When the round is not kept yet and the grid
 * asks for the first rows of the whole list in its natural order (what the page shows first), those
 * rows are evaluated alone and answered at once with `summary: null`; the page then asks again for
 * the counts, which evaluates (and keeps) the whole round.
 */
import type { Db } from '../db/open'
import type { AppContext } from '../services/context'
import type { CadreFacts } from './evaluate'
import { loadFacts } from './load'
import { promotionSql, type Target } from './rules'
import { reviewRound } from './service'
import type { ReviewFilter, ReviewResult, ReviewRow, ReviewSummary } from './types'
import { count, emptySummary, inScope, isWholeRound, matchesFilter, scopeKey, type ReviewScope } from './view'

export interface ReviewSort {
  colId: string
  sort: 'asc' | 'desc'
}

export interface ReviewPageQuery extends ReviewScope {
  target: Target
  at: string
  filter: ReviewFilter
  sort?: ReviewSort[] | undefined
  offset: number
  limit: number
}

export interface ReviewPage extends Omit<ReviewResult, 'rows' | 'summary'> {
  rows: ReviewRow[]
  /** The filter counts of the view's scope (unit, current level, search: the pills, and what the
   *  Excel export of the same view counts); null when only the first rows were evaluated (ask
   *  again for them). */
  summary: ReviewSummary | null
  /** Cadres in the whole round (every unit and level); null with the early rows. */
  roundTotal: number | null
  /** Rows matching the filter and the search. */
  total: number
  /** Whether the round came from memory (no evaluation for this request). */
  cached: boolean
  /** The units and current levels (职务层次 / 职级) among the round's cadres, for the filters;
   *  null with the early rows. */
  facets: { units: string[]; levels: string[] } | null
}

interface Entry {
  key: string
  result: ReviewResult
  /** The last filtered and sorted list, reused while the grid scrolls through it. */
  view: { key: string; rows: ReviewRow[] } | null
  /** The counts of the last scope asked for (the whole round's are `result.summary`). */
  scoped?: { key: string; summary: ReviewSummary }
  facets?: { units: string[]; levels: string[] }
}

function facetsOf(rows: readonly ReviewRow[], target: Target): { units: string[]; levels: string[] } {
  const units = new Set<string>()
  const levels = new Set<string>()
  const byRank = target.startsWith('rank-')
  for (const r of rows) {
    if (r.unit) units.add(r.unit)
    const l = byRank ? r.rank : r.positionLevel
    if (l) levels.add(l)
  }
  return {
    units: [...units].sort((a, b) => a.localeCompare(b, 'zh')),
    levels: [...levels].sort((a, b) => a.localeCompare(b, 'zh')),
  }
}

/** Rounds kept per open database (both targets, or two dates of one). */
const KEEP = 2
const caches = new WeakMap<Db, Entry[]>()
/** The records last loaded, by load options and fingerprint: switching 正科 ↔ 副科 (same talk
 *  kinds, same years) then only evaluates. One set per database (~half the memory of a round). */
const factsCaches = new WeakMap<Db, { key: string; facts: CadreFacts[] }>()

function fingerprint(db: Db): string {
  const c = (db.prepare('SELECT total_changes() AS c').get() as { c: number }).c
  const v = db.pragma('data_version', { simple: true }) as number
  return `${c}:${v}`
}

/** The round for target and day, evaluated at most once while the data stay the same. */
export function cachedRound(
  ctx: AppContext,
  target: Target,
  at: string,
): { result: ReviewResult; entry: Entry; cached: boolean } {
  let list = caches.get(ctx.db)
  if (!list) caches.set(ctx.db, (list = []))
  const fp = fingerprint(ctx.db)
  const key = `${target}|${at}|${fp}`
  const i = list.findIndex((e) => e.key === key)
  if (i >= 0) {
    const entry = list[i]!
    if (i > 0) list.unshift(...list.splice(i, 1))
    return { result: entry.result, entry, cached: true }
  }
  const result = reviewRound(ctx, target, at, (opts) => {
    const factsKey = `${JSON.stringify(opts)}|${fp}`
    const hit = factsCaches.get(ctx.db)
    if (hit && hit.key === factsKey) return hit.facts
    const facts = loadFacts(ctx.db, opts)
    factsCaches.set(ctx.db, { key: factsKey, facts })
    return facts
  })
  // Read after the evaluation: the key the next request will compute.
  const entry: Entry = { key: `${target}|${at}|${fingerprint(ctx.db)}`, result, view: null }
  list.unshift(entry)
  list.length = Math.min(list.length, KEEP)
  return { result, entry, cached: false }
}

/** The records kept for these load options while the data are unchanged, else null: the review's
 *  Excel export evaluates from them instead of loading a second copy (~75 MB at 100,000). */
export function keptFacts(ctx: AppContext, opts: object): readonly CadreFacts[] | null {
  const hit = factsCaches.get(ctx.db)
  return hit && hit.key === `${JSON.stringify(opts)}|${fingerprint(ctx.db)}` ? hit.facts : null
}

/** Drops every kept round of this database (tests, and after a restore replaces the file). */
export function clearReviewCache(db: Db): void {
  caches.delete(db)
  factsCaches.delete(db)
}

/** The verdict column's text, as the page shows it (renderer shared.ts verdictOf). */
function verdictText(row: ReviewRow): string {
  if (row.effective !== row.eligible) {
    if (row.effective === true) return '符合（经豁免）'
    if (row.effective === null) return '待补充（经豁免）'
  }
  return row.eligible === true ? '符合' : row.eligible === false ? '不符合' : '待补充信息'
}

type SortValue = string | number | null

function sortValue(colId: string, ruleIndex: Map<string, number>): ((r: ReviewRow) => SortValue) | null {
  switch (colId) {
    case 'name':
    case 'unit':
    case 'position':
    case 'positionLevel':
    case 'age':
    case 'failed':
    case 'projected':
    case 'decision':
      return (r) => r[colId] ?? null
    case 'verdict':
      return verdictText
  }
  if (colId.startsWith('rule-')) {
    const i = ruleIndex.get(colId.slice(5))
    if (i !== undefined) return (r) => r.outcomes[i] ?? ''
  }
  return null
}

/** ag-grid's default comparator: blanks first, then plain < and >. */
function compareValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1
  return a > b ? 1 : a < b ? -1 : 0
}

function viewOf(result: ReviewResult, q: ReviewPageQuery): ReviewRow[] {
  const scoped = inScope(q)
  let rows = result.rows.filter((r) => matchesFilter(r, q.filter) && scoped(r))
  const ruleIndex = new Map(result.ruleSet.rules.map((r, i) => [r.id as string, i]))
  const keys = (q.sort ?? []).flatMap((x) => {
    const get = sortValue(x.colId, ruleIndex)
    return get ? [{ get, dir: x.sort === 'desc' ? -1 : 1 }] : []
  })
  if (keys.length) {
    // Decorate once, then a stable sort (ties keep the round's order, as the grid did).
    const dec = rows.map((r) => ({ r, v: keys.map((k) => k.get(r)) }))
    dec.sort((a, b) => {
      for (let k = 0; k < keys.length; k++) {
        const c = compareValues(a.v[k]!, b.v[k]!)
        if (c) return c * keys[k]!.dir
      }
      return 0
    })
    rows = dec.map((d) => d.r)
  }
  return rows
}

/** The filter counts within the view's unit, level and search (issue 10: the pills counted the
 *  whole county while one unit was listed). */
function scopeSummary(result: ReviewResult, entry: Entry, q: ReviewScope): ReviewSummary {
  if (isWholeRound(q)) return result.summary
  const key = scopeKey(q)
  if (entry.scoped?.key === key) return entry.scoped.summary
  const scoped = inScope(q)
  const s = emptySummary()
  for (const r of result.rows) if (scoped(r)) count(s, r)
  entry.scoped = { key, summary: s }
  return s
}

/** Rows of a round not yet kept that can be answered without evaluating the whole round. */
const EARLY_ROWS = 1000

function isKept(ctx: AppContext, target: Target, at: string): boolean {
  const key = `${target}|${at}|${fingerprint(ctx.db)}`
  return !!caches.get(ctx.db)?.some((e) => e.key === key)
}

/** The first rows of the whole list in the round's order (active cadres by id), evaluated alone. */
function earlyPage(ctx: AppContext, q: ReviewPageQuery): ReviewPage {
  const cond = `c.status = '在职' AND ${promotionSql(q.target)}`
  // NOT INDEXED: the table in id order, stopping at the rows wanted (an index on status would
  // fetch every in-service row and sort them: 160–190 ms at 100,000 cadres, here well under 1 ms).
  const ids = (
    ctx.db
      .prepare(`SELECT c.id FROM cadres c NOT INDEXED WHERE ${cond} ORDER BY c.id LIMIT ?`)
      .pluck()
      .all(q.offset + q.limit) as number[]
  ).slice(q.offset)
  const result = reviewRound(ctx, q.target, q.at, (opts) => loadFacts(ctx.db, { ...opts, cadreIds: ids }))
  // counted from the index cadres_status_level_rank alone (migration 0170)
  const total = ctx.db.prepare(`SELECT count(*) FROM cadres c WHERE ${cond}`).pluck().get() as number
  return {
    target: result.target,
    targetLabel: result.targetLabel,
    at: result.at,
    ruleSet: result.ruleSet,
    summary: null,
    roundTotal: null,
    ms: result.ms,
    rows: result.rows,
    total,
    cached: false,
    facets: null,
  }
}

/** One block of the review grid with the round's summary (the filter counts) and the match count. */
export function reviewPage(ctx: AppContext, q: ReviewPageQuery, early = false): ReviewPage {
  if (
    early &&
    q.filter === 'all' &&
    isWholeRound(q) &&
    !q.sort?.length &&
    q.offset + q.limit <= EARLY_ROWS &&
    !isKept(ctx, q.target, q.at)
  ) {
    return earlyPage(ctx, q)
  }
  const { result, entry, cached } = cachedRound(ctx, q.target, q.at)
  const viewKey = JSON.stringify([q.filter, scopeKey(q), q.sort ?? []])
  if (!entry.view || entry.view.key !== viewKey) entry.view = { key: viewKey, rows: viewOf(result, q) }
  const rows = entry.view.rows
  const summary = scopeSummary(result, entry, q)
  entry.facets ??= facetsOf(result.rows, q.target)
  return {
    target: result.target,
    targetLabel: result.targetLabel,
    at: result.at,
    ruleSet: result.ruleSet,
    summary,
    roundTotal: result.summary.total,
    ms: result.ms,
    rows: rows.slice(q.offset, q.offset + q.limit),
    total: rows.length,
    cached,
    facets: entry.facets,
  }
}

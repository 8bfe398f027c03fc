/**
 * The roster's "影响期至": the end of each cadre's longest discipline / admonishment impact
 * period, kept in impact_periods by every records change (and rebuilt in full by
 * `refreshImpactPeriods`, e.g. after an exchange load or demo data). The periods themselves come
 * from main/domain/impact.ts with the county's configuration.
 */
import {
  IMPACT_SETTINGS_KEY,
  impactOf,
  parseImpactConfig,
  type Impact,
  type ImpactConfig,
} from '../domain/impact'
import type { AppContext } from '../services/context'
import { getSetting, setSetting } from '../services/settings'

export function impactConfig(ctx: AppContext): ImpactConfig {
  return parseImpactConfig(getSetting(ctx, IMPACT_SETTINGS_KEY))
}

/** Shown next to a discipline or a talk: the period, its end and whether it still runs today. */
export interface ImpactInfo {
  label: string
  from: string
  /** `YYYY-MM-DD`, or '长期' when it never ends. */
  until: string
  months: number | null
  running: boolean
}

export function impactInfo(i: Impact | null, today: string): ImpactInfo | null {
  if (!i) return null
  const until = i.until ?? '长期'
  return {
    label: i.label,
    from: i.from,
    until,
    months: i.months,
    running: i.from <= today && (i.until === null || today <= i.until),
  }
}

interface Src {
  cadre_id: number
  src: 'discipline' | 'talk'
  date: string
  a: string
  b: string | null
}

/** Recomputes impact_periods for the given cadres (all cadres when omitted). Call inside the
 *  caller's transaction. */
export function refreshImpactPeriods(ctx: AppContext, cadreIds?: readonly number[]): void {
  const config = impactConfig(ctx)
  const db = ctx.db
  const all = cadreIds === undefined
  const ids = all ? [] : [...new Set(cadreIds)]
  if (!all && ids.length === 0) return
  const sql = `SELECT cadre_id, 'discipline' AS src, date, system AS a, measure AS b FROM discipline
               UNION ALL SELECT cadre_id, 'talk' AS src, date, kind AS a, NULL AS b FROM talks`
  let rows: Src[]
  if (all) rows = db.prepare(sql).all() as Src[]
  else {
    rows = []
    const stmt = db.prepare(`SELECT * FROM (${sql}) WHERE cadre_id = ?`)
    for (const id of ids) rows.push(...(stmt.all(id) as Src[]))
  }
  const best = new Map<number, { until: string; source: string }>()
  for (const r of rows) {
    const i =
      r.src === 'discipline'
        ? impactOf({ source: 'discipline', date: r.date, system: r.a, measure: r.b ?? '' }, config)
        : impactOf({ source: 'talk', date: r.date, kind: r.a }, config)
    if (!i) continue
    const until = i.until ?? '长期'
    const cur = best.get(r.cadre_id)
    // '长期' sorts after every date, which is what "longest" means here.
    if (!cur || until > cur.until) best.set(r.cadre_id, { until, source: `${i.from} ${i.label}` })
  }
  if (all) db.prepare('DELETE FROM impact_periods').run()
  else {
    const del = db.prepare('DELETE FROM impact_periods WHERE cadre_id = ?')
    for (const id of ids) del.run(id)
  }
  const ins = db.prepare('INSERT INTO impact_periods (cadre_id, until, source) VALUES (?, ?, ?)')
  for (const [id, v] of best) ins.run(id, v.until, v.source)
}

/**
 * impact_periods is derived data. Talks and discipline also arrive through paths that know nothing
 * of it (exchange `load`, demo data), so it records what it was computed from: the highest row ids
 * of talks and discipline and the configuration. Rows only ever change there by insert (load
 * replaces a person's records with new rows); edits and deletions go through the records services,
 * which refresh the person at once. A differing basis means a full rebuild (a few hundred ms for
 * 100,000 people), done at most once after such a bulk write.
 */
const BASIS_KEY = 'records.impactBasis'

function basisNow(ctx: AppContext): string {
  const t = ctx.db.prepare('SELECT max(rowid) AS m FROM talks').get() as { m: number | null }
  const d = ctx.db.prepare('SELECT max(rowid) AS m FROM discipline').get() as { m: number | null }
  return `${t.m ?? 0}|${d.m ?? 0}|${JSON.stringify(impactConfig(ctx))}`
}

/** Brings impact_periods up to date when talks or discipline were written behind its back. */
export function ensureImpactPeriods(ctx: AppContext): void {
  const now = basisNow(ctx)
  if (getSetting(ctx, BASIS_KEY) === now) return
  ctx.db.transaction(() => {
    refreshImpactPeriods(ctx)
    setSetting(ctx, BASIS_KEY, now)
  })()
}

/**
 * For the records services: runs `change` (which writes talks / discipline of one cadre) and
 * refreshes that cadre. When the table was current before, it stays current without a rebuild.
 */
export function withImpactRefresh<T>(ctx: AppContext, cadreId: number, change: () => T): T {
  const wasCurrent = getSetting(ctx, BASIS_KEY) === basisNow(ctx)
  const out = change()
  refreshImpactPeriods(ctx, [cadreId])
  if (wasCurrent) setSetting(ctx, BASIS_KEY, basisNow(ctx))
  return out
}

/**
 * SQL expression for the roster query (cadres aliased `c`): the end of the cadre's impact period
 * when it still runs today, else NULL. Brings impact_periods up to date first (one settings read
 * when nothing changed).
 */
export function impactUntilSql(ctx: AppContext): string {
  ensureImpactPeriods(ctx)
  return impactUntilExpr(ctx.today())
}

/** The same expression without the refresh, for filters and sorts built after `ensureImpactPeriods`. */
export function impactUntilExpr(today: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`bad today ${today}`)
  return `(SELECT ip.until FROM impact_periods ip WHERE ip.cadre_id = c.id AND ip.until >= '${today}')`
}

/**
 * The roster's "影响期至": the end of each cadre's longest discipline / admonishment impact
 * period, kept in impact_periods by every records change (and rebuilt in full by
 * `refreshImpactPeriods`, e.g. after an exchange load or demo data). The periods themselves come
 * from main/domain/impact.ts with the county's configuration.
 */
import {
  IMPACT_SETTINGS_KEY,
  impactCovers,
  impactsOf,
  parseImpactConfig,
  untilText,
  type Impact,
  type ImpactConfig,
  type ImpactRecord,
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
  /** `YYYY-MM-DD`, '长期' when it never ends, '待核实' when it cannot be read. */
  until: string
  months: number | null
  running: boolean
  /** How it was reached (察看期, 代替, 叠加 ...) or why it is 待核实. */
  note: string | null
}

export function impactInfo(i: Impact | null, today: string): ImpactInfo | null {
  if (!i) return null
  const until = i.unknown ? '待核实' : (i.until ?? '长期')
  return {
    label: i.label,
    from: i.from,
    until,
    months: i.months,
    running: impactCovers(i, today),
    note: i.unknown ?? i.note ?? null,
  }
}

interface Src {
  cadre_id: number
  id: number
  src: 'discipline' | 'talk'
  date: string
  a: string
  b: string | null
  p: number | null
  l: string | null
  e: string | null
}

export function srcRecord(r: Omit<Src, 'cadre_id' | 'id'>): ImpactRecord {
  return r.src === 'discipline'
    ? {
        source: 'discipline',
        date: r.date,
        system: r.a,
        measure: r.b ?? '',
        probationMonths: r.p,
        inLieuOf: r.l,
        impactEnd: r.e,
      }
    : { source: 'talk', date: r.date, kind: r.a }
}

const SRC_SQL = `SELECT cadre_id, id, 'discipline' AS src, date, system AS a, measure AS b, probation_months AS p, in_lieu_of AS l, impact_end AS e FROM discipline
               UNION ALL SELECT cadre_id, id, 'talk' AS src, date, kind AS a, NULL AS b, NULL AS p, NULL AS l, NULL AS e FROM talks`

/** One cadre's discipline and talk rows as impact records, with their table and row id. */
export function cadreImpactRecords(
  ctx: AppContext,
  cadreId: number,
): { id: number; src: 'discipline' | 'talk'; record: ImpactRecord }[] {
  return (ctx.db.prepare(`SELECT * FROM (${SRC_SQL}) WHERE cadre_id = ?`).all(cadreId) as Src[]).map((r) => ({
    id: r.id,
    src: r.src,
    record: srcRecord(r),
  }))
}

const untilRank = (t: string): number => (t === '长期' ? 2 : t === '待核实' ? 1 : 0)
/** Is end `a` later than end `b`? ('长期' > '待核实' > any date) */
function later(a: string, b: string): boolean {
  return untilRank(a) !== untilRank(b) ? untilRank(a) > untilRank(b) : a > b
}

/** Recomputes impact_periods for the given cadres (all cadres when omitted). Call inside the
 *  caller's transaction. */
export function refreshImpactPeriods(ctx: AppContext, cadreIds?: readonly number[]): void {
  const config = impactConfig(ctx)
  const db = ctx.db
  const all = cadreIds === undefined
  const ids = all ? [] : [...new Set(cadreIds)]
  if (!all && ids.length === 0) return
  const sql = SRC_SQL
  let rows: Src[]
  if (all) rows = db.prepare(sql).all() as Src[]
  else {
    rows = []
    const stmt = db.prepare(`SELECT * FROM (${sql}) WHERE cadre_id = ?`)
    for (const id of ids) rows.push(...(stmt.all(id) as Src[]))
  }
  const byCadre = new Map<number, ImpactRecord[]>()
  for (const r of rows) {
    let l = byCadre.get(r.cadre_id)
    if (!l) byCadre.set(r.cadre_id, (l = []))
    l.push(srcRecord(r))
  }
  const best = new Map<number, { until: string; source: string }>()
  for (const [id, recs] of byCadre) {
    // The longest period of each cadre whatever the day: '长期' and '待核实' sort after every date
    // (the roster shows those while they run: an unknown one runs from its decision on).
    for (const i of impactsOf(recs, config)) {
      const until = untilText([i])!
      const cur = best.get(id)
      if (!cur || later(until, cur.until)) best.set(id, { until, source: `${i.from} ${i.label}` })
    }
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
  const refresh = ctx.db.transaction(() => {
    refreshImpactPeriods(ctx)
    setSetting(ctx, BASIS_KEY, now)
  })
  if (ctx.db.inTransaction) return refresh()
  // A reading worker (main/worker/) must not wait for the write connection: while an import holds
  // it, the periods are read as they are (talks and discipline do not change then) and refreshed
  // by a later request.
  const wait = ctx.db.pragma('busy_timeout', { simple: true }) as number
  ctx.db.pragma('busy_timeout = 0')
  try {
    refresh.immediate()
  } catch (e) {
    if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e
  } finally {
    ctx.db.pragma(`busy_timeout = ${wait}`)
  }
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

/**
 * Impact periods (影响期) of discipline, admonishment and organisational handling: while one runs,
 * the cadre is not promoted. One computation shared by the roster ("影响期至") and the eligibility
 * review. The periods are configuration with the defaults of DOMAIN.md ("Discipline", "Talks").
 *
 * Counting: a period of N months from a decision dated D ends on D + N months (the start day is
 * not counted, 民法典 第二百零一条), and that end day still belongs to the period: a 诫勉 of
 * 2026-08-03 reads "影响期至 2027-02-03" and the cadre is clear from 2027-02-04.
 */
import { addMonths, isDay, isMonth } from './dates'

/** Months of impact; `null` = no end (开除). A measure missing from the table has no impact. */
export type ImpactMonths = number | null

export interface ImpactConfig {
  /** discipline.system (党纪 / 政务 / 组织处理) → measure → months */
  discipline: Record<string, Record<string, ImpactMonths>>
  /** talks.kind → months (诫勉谈话) */
  talks: Record<string, ImpactMonths>
}

/** Which eligibility rule a record belongs to: 党纪/政务 → discipline; 诫勉 and 组织处理 → admonishment. */
export type ImpactKind = 'discipline' | 'admonishment'

export const DEFAULT_IMPACT_CONFIG: ImpactConfig = {
  discipline: {
    党纪: {
      警告: 12,
      严重警告: 18,
      撤销党内职务: 24,
      // 留党察看 (one or two years) plus two years after rights are restored: counted with the
      // longer probation so nobody is cleared early; a county may set 36 for one-year probations.
      留党察看: 48,
      开除党籍: null,
    },
    政务: { 警告: 6, 记过: 12, 记大过: 18, 降级: 24, 撤职: 24, 开除: null },
    组织处理: { 调整: 12, 停职检查: 12, 免职: 12, 降职: 24 },
  },
  talks: { 诫勉谈话: 6, 诫勉: 6 },
}

/** A discipline row (system + measure) or a talk row (kind), as stored. */
export type ImpactRecord =
  | { source: 'discipline'; date: string; system: string; measure: string }
  | { source: 'talk'; date: string; kind: string }

export interface Impact {
  /** The decision day `YYYY-MM-DD` (a month-only date counts from its first day). */
  from: string
  /** Last day of the period `YYYY-MM-DD`; null when it never ends (开除). */
  until: string | null
  kind: ImpactKind
  /** "党纪 严重警告", "政务 记过", "诫勉谈话", "组织处理 免职" */
  label: string
  months: number | null
}

function clean(s: string): string {
  return s.replace(/[\s\u3000]/g, '')
}

function dayOf(date: string): string | null {
  const d = clean(date)
  if (isDay(d)) return d
  if (isMonth(d)) return `${d}-01`
  return null
}

/** The impact period of one record, or null when it has none (or its date is unreadable). */
export function impactOf(record: ImpactRecord, config: ImpactConfig = DEFAULT_IMPACT_CONFIG): Impact | null {
  const from = dayOf(record.date)
  if (!from) return null
  let months: ImpactMonths | undefined
  let kind: ImpactKind
  let label: string
  if (record.source === 'discipline') {
    const system = clean(record.system)
    const measure = clean(record.measure)
    months = config.discipline[system]?.[measure]
    kind = system === '组织处理' ? 'admonishment' : 'discipline'
    label = `${system} ${measure}`
  } else {
    const k = clean(record.kind)
    months = config.talks[k]
    kind = 'admonishment'
    label = k
  }
  if (months === undefined) return null
  if (months !== null && (!Number.isFinite(months) || months <= 0)) return null
  return { from, until: months === null ? null : addMonths(from, months), kind, label, months }
}

/** Does the period cover day `at`? (from ≤ at ≤ until) */
export function impactCovers(impact: Impact, at: string): boolean {
  return impact.from <= at && (impact.until === null || at <= impact.until)
}

/** Day after `day` (`YYYY-MM-DD`): the first day a cadre is clear of a period ending on `day`. */
export function dayAfter(day: string): string {
  const d = new Date(
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + 1),
  )
  return d.toISOString().slice(0, 10)
}

/** Every impact among the records covering `at`, latest end first (no end sorts first). */
export function runningImpacts(
  records: readonly ImpactRecord[],
  at: string,
  config: ImpactConfig = DEFAULT_IMPACT_CONFIG,
  kind?: ImpactKind,
): Impact[] {
  const out: Impact[] = []
  for (const r of records) {
    const i = impactOf(r, config)
    if (i && (!kind || i.kind === kind) && impactCovers(i, at)) out.push(i)
  }
  return out.sort((a, b) =>
    a.until === b.until ? 0 : a.until === null ? -1 : b.until === null ? 1 : a.until < b.until ? 1 : -1,
  )
}

/** The end of the longest running impact at `at` — the roster's "影响期至" — or null when none runs.
 *  `'长期'` when a running impact has no end. */
export function impactUntil(
  records: readonly ImpactRecord[],
  at: string,
  config: ImpactConfig = DEFAULT_IMPACT_CONFIG,
): string | null {
  const first = runningImpacts(records, at, config)[0]
  if (!first) return null
  return first.until ?? '长期'
}

/** Validates a config read from settings (JSON); falls back to the defaults for anything malformed. */
export function parseImpactConfig(raw: unknown): ImpactConfig {
  if (!raw || typeof raw !== 'object') return DEFAULT_IMPACT_CONFIG
  const r = raw as { discipline?: unknown; talks?: unknown }
  const months = (v: unknown): v is ImpactMonths =>
    v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0)
  const table = (v: unknown): Record<string, ImpactMonths> | null => {
    if (!v || typeof v !== 'object') return null
    const out: Record<string, ImpactMonths> = {}
    for (const [k, m] of Object.entries(v)) if (months(m)) out[k] = m
    return out
  }
  const discipline: Record<string, Record<string, ImpactMonths>> = {}
  if (r.discipline && typeof r.discipline === 'object') {
    for (const [sys, t] of Object.entries(r.discipline)) {
      const parsed = table(t)
      if (parsed) discipline[sys] = parsed
    }
  }
  return {
    discipline: Object.keys(discipline).length ? discipline : DEFAULT_IMPACT_CONFIG.discipline,
    talks: table(r.talks) ?? DEFAULT_IMPACT_CONFIG.talks,
  }
}

/** The settings key under which a county's own periods are stored (JSON of ImpactConfig). */
export const IMPACT_SETTINGS_KEY = 'impact.periods'

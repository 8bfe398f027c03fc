/**
 * Impact periods (影响期) of discipline, admonishment and organisational handling: while one runs,
 * the cadre is not promoted. ONE computation for the roster ("影响期至"), the records pages and
 * the eligibility rules; the months are configuration (settings key `impact.periods`) with the
 * defaults of DOMAIN.md ("Discipline", "Talks", "Second round").
 *
 * Per record, not one number per measure (issue 10):
 * - 留党察看: impact = 察看期 (one or two years, `probationMonths` or read from "留党察看一年")
 *   + 24 months after rights are restored (纪律处分条例 2023, 留党察看). No 察看期 recorded:
 *   counted as two years, and said so.
 * - `inLieuOf`: a measure given in place of a heavier one counts as the heavier one — 严重警告
 *   to a member with no Party post to remove stands for 撤销党内职务: 24 months (纪律处分条例
 *   2023, 撤销党内职务).
 * - `impactEnd`: an end day written on the decision overrides the computed one.
 * - 政务处分 given while another runs: remainder of the first + the new period, at most 48 months
 *   (政务处分法, 处分期间再受处分).
 * - 组织处理 (中国共产党组织处理规定（试行）): 免职 / 责令辞职 one year no post, two years nothing
 *   higher; 调整 one year; 降职 two years. 停职检查 has no period of its own: 待核实.
 * - 诫勉 (诫勉规定 2019, both forms 谈话诫勉 and 书面诫勉): 6 months (configurable; the central
 *   text was not verified).
 * - A name the vocabulary does not know (main/records/vocab.ts) is UNKNOWN (待核实), never "none".
 *
 * Counting: a period of N months from a decision dated D ends on D + N months (the start day is
 * not counted, 民法典 第二百零一条), and that end day still belongs to the period: a 诫勉 of
 * 2026-08-03 reads "影响期至 2027-02-03" and the cadre is clear from 2027-02-04.
 */
import { DISCIPLINE_SYSTEM_VOCAB, resolveMeasure, resolveTalk, resolveTerm } from '../records/vocab'
import { addMonths, isDay, isMonth } from './dates'

/** Months of impact; `null` = no end (开除). */
export type ImpactMonths = number | null

export interface ImpactConfig {
  /** discipline system (党纪 / 政务 / 组织处理) → canonical measure → months. For 留党察看 the
   *  months after rights are restored (added to the 察看期). */
  discipline: Record<string, Record<string, ImpactMonths>>
  /** talk impact class → months ('诫勉'). */
  talks: Record<string, ImpactMonths>
  /** 组织处理 measures with a first stage in which no post at all is given (免职, 责令辞职). */
  noPostMonths: Record<string, number>
  /** 察看期 assumed when a 留党察看 record has none (the longer one, so nobody is cleared early). */
  defaultProbationMonths: number
  /** Cap of stacked 政务处分 (政务处分法: at most 48 months). */
  stackCapMonths: number
}

/** Which eligibility rule a record belongs to: 党纪/政务 → discipline; 诫勉 and 组织处理 → admonishment. */
export type ImpactKind = 'discipline' | 'admonishment'

export const DEFAULT_IMPACT_CONFIG: ImpactConfig = {
  discipline: {
    党纪: { 警告: 12, 严重警告: 18, 撤销党内职务: 24, 留党察看: 24, 开除党籍: null },
    政务: { 警告: 6, 记过: 12, 记大过: 18, 降级: 24, 撤职: 24, 开除: null },
    组织处理: { 调整: 12, 免职: 24, 责令辞职: 24, 降职: 24 },
  },
  talks: { 诫勉: 6 },
  noPostMonths: { 免职: 12, 责令辞职: 12 },
  defaultProbationMonths: 24,
  stackCapMonths: 48,
}

/** A discipline row or a talk row, as stored (names as typed). */
export type ImpactRecord =
  | {
      source: 'discipline'
      date: string
      system: string
      measure: string
      probationMonths?: number | null
      inLieuOf?: string | null
      impactEnd?: string | null
    }
  | { source: 'talk'; date: string; kind: string }

export interface Impact {
  /** The decision day `YYYY-MM-DD` (a month-only date counts from its first day). */
  from: string
  /** Last day of the period `YYYY-MM-DD`; null when it never ends (开除) or is unknown. */
  until: string | null
  kind: ImpactKind
  /** "党纪 严重警告", "政务 记过", "诫勉谈话", "组织处理 免职" (names as typed) */
  label: string
  months: number | null
  /** How the period was reached, when it is not the plain table value ("察看期一年＋二年"). */
  note?: string
  /** Set when the period cannot be read with certainty: the reason (待核实). */
  unknown?: string
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

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000)
}

function addDays(day: string, n: number): string {
  const d = new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000)
  return d.toISOString().slice(0, 10)
}

const yearsCn = (m: number): string =>
  m % 12 === 0 ? `${['零', '一', '二', '三', '四', '五'][m / 12] ?? m / 12}年` : `${m}个月`

function unknownImpact(from: string, kind: ImpactKind, label: string, why: string): Impact {
  return { from, until: null, kind, label, months: null, unknown: why }
}

/**
 * The impact period of one record on its own (no stacking), or null when it has none.
 * A record the rules cannot read gives an Impact with `unknown` set.
 */
export function impactOf(record: ImpactRecord, config: ImpactConfig = DEFAULT_IMPACT_CONFIG): Impact | null {
  const from = dayOf(record.date)
  if (record.source === 'talk') {
    const k = clean(record.kind)
    const t = resolveTalk(k)
    if (!t) {
      if (!from) return null
      return unknownImpact(from, 'admonishment', k, `谈话类型“${k}”不是规定的名称，是否属于诫勉无法判断，待核实`)
    }
    if (!t.impactClass) return null
    const months = config.talks[t.impactClass]
    if (months === undefined || (months !== null && months <= 0)) return null
    if (!from) return unknownImpact(record.date, 'admonishment', k, `${k}的日期“${record.date}”无法识别，待核实`)
    return { from, until: months === null ? null : addMonths(from, months), kind: 'admonishment', label: k, months }
  }
  const system = clean(record.system)
  const measure = clean(record.measure)
  const sys = resolveTerm(DISCIPLINE_SYSTEM_VOCAB, system)
  const kind: ImpactKind = sys === '组织处理' ? 'admonishment' : 'discipline'
  const label = `${system} ${measure}`
  const at = from ?? record.date
  if (!from) return unknownImpact(at, kind, label, `${label}的日期“${record.date}”无法识别，待核实`)
  const r = resolveMeasure(system, measure)
  if (!r) return unknownImpact(from, kind, label, `处分种类“${measure}”不是规定的名称，影响期无法判断，待核实`)
  const end = record.impactEnd ? clean(record.impactEnd) : ''
  if (end) {
    if (!isDay(end)) return unknownImpact(from, kind, label, `${label}的影响期截止日“${end}”无法识别，待核实`)
    return { from, until: end, kind, label, months: null, note: `决定写明影响期至 ${end}` }
  }
  let basis = r.measure
  let note: string | undefined
  if (record.inLieuOf && clean(record.inLieuOf)) {
    const lieu = resolveMeasure(r.system, record.inLieuOf)
    if (!lieu)
      return unknownImpact(from, kind, label, `“代替”的处分“${record.inLieuOf}”不是规定的名称，待核实`)
    basis = lieu.measure
    note = `代替${lieu.measure}，按${lieu.measure}计`
  }
  const table = config.discipline[r.system] ?? {}
  if (!(basis in table)) {
    if (r.system === '组织处理' && basis === '停职检查')
      return unknownImpact(from, kind, label, '停职检查没有规定的影响期，须核实其后的处理结果')
    return unknownImpact(from, kind, label, `“${basis}”未配置影响期，待核实`)
  }
  let months = table[basis] ?? null
  if (r.system === '党纪' && basis === '留党察看' && months !== null) {
    const probation = record.probationMonths ?? r.probationMonths ?? null
    const p = probation ?? config.defaultProbationMonths
    note = `察看期${yearsCn(p)}${probation === null ? '（未录入，按二年计）' : ''}，恢复党员权利后${yearsCn(months)}`
    months = p + months
  }
  if (months !== null && months <= 0) return null
  if (r.system === '组织处理' && config.noPostMonths[basis] && months !== null) {
    note = `${yearsCn(config.noPostMonths[basis]!)}内不得安排职务，${yearsCn(months)}内不得担任高于原职务层次的职务`
  }
  const out: Impact = { from, until: months === null ? null : addMonths(from, months), kind, label, months }
  if (note) out.note = note
  return out
}

/**
 * Every record's impact, with 政务处分 stacking applied: a 政务处分 decided while an earlier one
 * still runs ends after the new period plus the earlier one's remainder, at most `stackCapMonths`
 * after the new decision (政务处分法, 处分期间再受处分).
 */
export function impactsOf(
  records: readonly ImpactRecord[],
  config: ImpactConfig = DEFAULT_IMPACT_CONFIG,
): Impact[] {
  return impactsAligned(records, config).filter((i): i is Impact => i !== null)
}

/** impactsOf, one entry per record in its order (null where a record has no impact). */
export function impactsAligned(
  records: readonly ImpactRecord[],
  config: ImpactConfig = DEFAULT_IMPACT_CONFIG,
): (Impact | null)[] {
  const out: (Impact | null)[] = []
  const gov: Impact[] = []
  for (const rec of records) {
    const i = impactOf(rec, config)
    out.push(i)
    if (!i) continue
    if (
      rec.source === 'discipline' &&
      !i.unknown &&
      !rec.impactEnd &&
      resolveTerm(DISCIPLINE_SYSTEM_VOCAB, rec.system) === '政务'
    )
      gov.push(i)
  }
  if (gov.length > 1) {
    gov.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
    let prev: Impact | null = null
    for (const g of gov) {
      if (prev && g.until !== null && (prev.until === null || prev.until >= g.from)) {
        if (prev.until === null) g.until = null
        else {
          const remainder = Math.max(0, daysBetween(g.from, prev.until))
          const cap = addMonths(g.from, config.stackCapMonths)
          const stacked = addDays(g.until, remainder)
          g.until = stacked > cap ? cap : stacked
          g.note = `处分期间再受处分：新处分期加原处分未满的 ${remainder} 天${stacked > cap ? `，以 ${config.stackCapMonths} 个月为限` : ''}`
        }
      }
      if (!prev || g.until === null || (prev.until !== null && g.until > prev.until)) prev = g
    }
  }
  return out
}

/** Does the period cover day `at`? (from ≤ at ≤ until); an unknown one covers every day from its start. */
export function impactCovers(impact: Impact, at: string): boolean {
  return impact.from <= at && (impact.until === null || at <= impact.until)
}

/** Day after `day` (`YYYY-MM-DD`): the first day a cadre is clear of a period ending on `day`. */
export function dayAfter(day: string): string {
  return addDays(day, 1)
}

const order = (a: Impact, b: Impact): number =>
  a.until === b.until ? 0 : a.until === null ? -1 : b.until === null ? 1 : a.until < b.until ? 1 : -1

/** Every impact among the records covering `at`, latest end first (no end sorts first). */
export function runningImpacts(
  records: readonly ImpactRecord[],
  at: string,
  config: ImpactConfig = DEFAULT_IMPACT_CONFIG,
  kind?: ImpactKind,
): Impact[] {
  return impactsOf(records, config)
    .filter((i) => (!kind || i.kind === kind) && impactCovers(i, at))
    .sort(order)
}

/** The roster's "影响期至" at `at`: the end of the longest running impact, '长期' when one has no
 *  end, '待核实' when one cannot be read (and none has no end); null when none runs. */
export function impactUntil(
  records: readonly ImpactRecord[],
  at: string,
  config: ImpactConfig = DEFAULT_IMPACT_CONFIG,
): string | null {
  return untilText(runningImpacts(records, at, config))
}

/** '长期' > '待核实' > the latest date, as the roster column stores it. */
export function untilText(running: readonly Impact[]): string | null {
  let best: string | null = null
  for (const i of running) {
    const t = i.unknown ? '待核实' : (i.until ?? '长期')
    if (best === null || rank(t) > rank(best) || (rank(t) === rank(best) && t > best)) best = t
  }
  return best
}
const rank = (t: string): number => (t === '长期' ? 2 : t === '待核实' ? 1 : 0)

/** Validates a config read from settings (JSON); falls back to the defaults for anything malformed.
 *  Older settings keyed talks by kind ("诫勉谈话"): read into their impact class. */
export function parseImpactConfig(raw: unknown): ImpactConfig {
  if (!raw || typeof raw !== 'object') return DEFAULT_IMPACT_CONFIG
  const r = raw as Record<string, unknown>
  const months = (v: unknown): v is ImpactMonths =>
    v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 600)
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
  let talks: Record<string, ImpactMonths> | null = null
  const rawTalks = table(r.talks)
  if (rawTalks) {
    talks = {}
    for (const [k, m] of Object.entries(rawTalks)) {
      const cls = k === '诫勉' ? '诫勉' : (resolveTalk(k)?.impactClass ?? null)
      if (cls) talks[cls] = m
    }
  }
  const noPost: Record<string, number> = {}
  const rawNoPost = table(r.noPostMonths)
  if (rawNoPost) for (const [k, m] of Object.entries(rawNoPost)) if (m !== null) noPost[k] = m
  const num = (v: unknown, d: number, max: number): number =>
    typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= max ? v : d
  return {
    discipline: Object.keys(discipline).length ? discipline : DEFAULT_IMPACT_CONFIG.discipline,
    talks: talks && Object.keys(talks).length ? talks : DEFAULT_IMPACT_CONFIG.talks,
    noPostMonths: rawNoPost ? noPost : DEFAULT_IMPACT_CONFIG.noPostMonths,
    defaultProbationMonths: num(r.defaultProbationMonths, DEFAULT_IMPACT_CONFIG.defaultProbationMonths, 24),
    stackCapMonths: num(r.stackCapMonths, DEFAULT_IMPACT_CONFIG.stackCapMonths, 120),
  }
}

/** The settings key under which a county's own periods are stored (JSON of ImpactConfig). */
export const IMPACT_SETTINGS_KEY = 'impact.periods'

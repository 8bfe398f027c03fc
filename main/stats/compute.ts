/**
 * 统计分析 (issue 13; DOMAIN.md "Statistics people ask for"): the structure of the cadre force at a
 * date — by 职务层次 and 职级, women, minorities, non-Party, average age, the age bands of county
 * reports, 全日制 and highest education — for the county, a unit kind or a unit (with the units
 * below it); counts of talks, 诫勉, sanctions, promotions, adjustments and recalls in a period; and
 * 职数 against holders. Computed in SQL: one grouped pass over the cadres.
 *
 * Who counts: cadres whose status at the date was 在职. The status at a past date is read back from
 * the audit log (the status before the first change after that date); the unit is the current one.
 * Ages are full years at the date, the birthday counting from the first day of the birth month
 * (main/domain/dates.ts ageAt); without a birth month a person is in no band and in no average.
 */
import { AppError } from '../domain/errors'
import { POSITION_LEVELS, RANKS } from '../domain/fields'
import type { AppContext } from '../services/context'
import { unitSubtreeIds } from '../services/units'

export const AGE_BANDS = ['≤35', '36-40', '41-45', '46-50', '51-55', '≥56'] as const
export type AgeBand = (typeof AGE_BANDS)[number]
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  '≤35': '35岁及以下',
  '36-40': '36—40岁',
  '41-45': '41—45岁',
  '46-50': '46—50岁',
  '51-55': '51—55岁',
  '≥56': '56岁及以上',
}

/** Education by the national names' order (DOMAIN.md "Education"): the stored value → its class. */
export const EDU_CLASSES = ['研究生', '大学', '大专', '中专', '高中及以下'] as const
export type EduClass = (typeof EDU_CLASSES)[number]
/** Stored spellings of each class (the first is the app's own). */
const EDU_SPELLINGS: Record<EduClass, string[]> = {
  研究生: ['研究生', '博士研究生', '硕士研究生', '研究生教育', '博士', '硕士'],
  大学: ['大学', '大学本科', '本科'],
  大专: ['大专', '大学专科', '专科'],
  中专: ['中专', '中等专科', '中等专业学校', '中技', '技校'],
  高中及以下: ['高中', '初中', '小学', '职高'],
}
export const EDU_UNKNOWN = '未填'
export const EDU_OTHER = '其他（待核实）'

/** 诫勉: both forms (诫勉规定 2019) and the older spellings. */
export const ADMONISHMENT_TALKS = ['诫勉谈话', '书面诫勉', '诫勉', '谈话诫勉']

export type StatsScope =
  { kind: 'county' } | { kind: 'unitKind'; value: string } | { kind: 'unit'; unitId: number }

export interface StatsQuery {
  /** The date `YYYY-MM-DD` (default today). */
  at?: string
  scope?: StatsScope
  /** The period of the event counts, days inclusive (default: 1 January of the date's year to the date). */
  period?: { from: string; to: string }
}

export interface StructureRow {
  total: number
  women: number
  minorities: number
  nonParty: number
  /** Average full years, one decimal; null when nobody has a birth month. */
  averageAge: number | null
  ageBands: Record<AgeBand, number>
  /** No birth month: in no band. */
  ageUnknown: number
  /** Highest education (全日制 or 在职, whichever is higher). */
  highest: Record<string, number>
  fullTime: Record<string, number>
}

export interface PostRow {
  unitId: number
  unit: string
  level: string
  allotted: number
  filled: number
  vacant: number
  /** Holders beyond the allotted posts (超职数配备, not allowed). */
  over: number
  vacantSince: string | null
}

export interface StatsResult {
  at: string
  scope: StatsScope & { label: string }
  /** The county (or unit kind, unit) as a whole. */
  all: StructureRow
  /** One row per 职务层次 in the hierarchy's order (未填 last), the county-report layout. */
  byLevel: ({ level: string } & StructureRow)[]
  byRank: Record<string, number>
  period: {
    from: string
    to: string
    talks: number
    admonitions: number
    sanctions: number
    promotions: number
    adjustments: number
    recalls: number
  }
  posts: PostRow[]
  /** Milliseconds the computation took (shown on the page, measured by the bench). */
  tookMs: number
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

function checkDay(v: string, label: string): string {
  if (!DAY.test(v))
    throw new AppError('invalid-date', `${label}“${v}”不是日期（应为 YYYY-MM-DD）`, `bad date ${v}`)
  return v
}

function eduCase(col: string): string {
  const whens = EDU_CLASSES.map(
    (c, i) => `WHEN ${col} IN (${EDU_SPELLINGS[c].map((s) => `'${s}'`).join(', ')}) THEN ${i}`,
  ).join(' ')
  return `(CASE WHEN ${col} IS NULL OR trim(${col}) = '' THEN NULL ${whens} ELSE 90 END)`
}

/** The population at a date as SQL: `FROM … WHERE …` over cadres `c` (params in order). */
function population(
  ctx: AppContext,
  at: string,
  scope: StatsScope,
): { from: string; where: string; params: unknown[]; label: string; unitIds: number[] | null } {
  const params: unknown[] = []
  const conds: string[] = []
  let label = '全县'
  let unitIds: number[] | null = null
  // Status at the date: the `before` of the first status change after it, else the current one.
  const past = at < ctx.today()
  let from = 'cadres c'
  if (past) {
    from = `cadres c LEFT JOIN (
        SELECT cadre_id, json_extract(before, '$.status') AS s, min(id) AS first
        FROM audit_log WHERE at > ? AND entity = 'cadre' AND cadre_id IS NOT NULL
          AND json_extract(before, '$.status') IS NOT NULL
        GROUP BY cadre_id) later ON later.cadre_id = c.id`
    params.push(`${at}T23:59:59.999Z`)
    conds.push(`coalesce(later.s, c.status) = '在职'`)
    // Nine in ten people are 在职: a plain scan beats walking the status index (`+` turns it off).
  } else conds.push(`+c.status = '在职'`)
  if (scope.kind === 'unit') {
    const u = ctx.db.prepare('SELECT name FROM units WHERE id = ?').get(scope.unitId) as
      { name: string } | undefined
    if (!u)
      throw new AppError('not-found', `单位（编号 ${scope.unitId}）不存在`, `unit ${scope.unitId} not found`)
    label = u.name
    unitIds = unitSubtreeIds(ctx, scope.unitId)
    conds.push('c.unit_id IN (SELECT value FROM json_each(?))')
    params.push(JSON.stringify(unitIds))
  } else if (scope.kind === 'unitKind') {
    label = scope.value
    unitIds = ctx.db.prepare('SELECT id FROM units WHERE kind = ?').pluck().all(scope.value) as number[]
    // A kind holds many units and people: a scan beats one index probe per unit (`+`).
    conds.push('+c.unit_id IN (SELECT value FROM json_each(?))')
    params.push(JSON.stringify(unitIds))
  }
  return { from, where: conds.join(' AND '), params, label, unitIds }
}

function emptyRow(): StructureRow {
  return {
    total: 0,
    women: 0,
    minorities: 0,
    nonParty: 0,
    averageAge: null,
    ageBands: Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<AgeBand, number>,
    ageUnknown: 0,
    highest: Object.fromEntries([...EDU_CLASSES, EDU_OTHER, EDU_UNKNOWN].map((e) => [e, 0])),
    fullTime: Object.fromEntries([...EDU_CLASSES, EDU_OTHER, EDU_UNKNOWN].map((e) => [e, 0])),
  }
}

type Agg = Record<string, number | string | null>

export function computeStats(ctx: AppContext, q: StatsQuery = {}): StatsResult {
  const t0 = performance.now()
  const at = checkDay(q.at ?? ctx.today(), '统计时点')
  const scope = q.scope ?? { kind: 'county' }
  const period = q.period ?? { from: `${at.slice(0, 4)}-01-01`, to: at }
  checkDay(period.from, '统计期间起始')
  checkDay(period.to, '统计期间截止')
  if (period.to < period.from)
    throw new AppError(
      'invalid-period',
      `统计期间截止 ${period.to} 早于起始 ${period.from}`,
      'period ends before it starts',
    )
  const pop = population(ctx, at, scope)
  const ay = Number(at.slice(0, 4))
  const am = Number(at.slice(5, 7))
  const valid = `c.birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]'`
  const age = `(CASE WHEN ${valid} THEN ${ay} - CAST(substr(c.birth_date, 1, 4) AS INTEGER) - (${am} < CAST(substr(c.birth_date, 6, 2) AS INTEGER)) END)`
  const ft = eduCase('c.edu_full_time')
  const is = eduCase('c.edu_in_service')
  // Highest: the better (lower) class of the two; an unreadable value counts only when nothing better is known.
  const hi = `(CASE WHEN ft IS NULL THEN isv WHEN isv IS NULL THEN ft ELSE min(ft, isv) END)`
  const eduCols = (expr: string, prefix: string): string[] => [
    ...EDU_CLASSES.map((_, i) => `sum(${expr} = ${i}) AS ${prefix}${i}`),
    `sum(${expr} = 90) AS ${prefix}_other`,
    `sum(${expr} IS NULL) AS ${prefix}_none`,
  ]
  // Each row's classes are computed once (MATERIALIZED: SQLite would otherwise copy the expressions
  // into every sum and evaluate them a dozen times per row), then summed per 职务层次.
  const sql = `
    WITH p AS MATERIALIZED (
      SELECT coalesce(nullif(c.position_level, ''), '未填') AS level, c.gender, c.ethnicity,
        c.political_status AS ps, ${age} AS age, ${ft} AS ft, ${is} AS isv
      FROM ${pop.from} WHERE ${pop.where})
    SELECT level, count(*) AS total,
      sum(gender = '女') AS women,
      sum(ethnicity IS NOT NULL AND ethnicity <> '' AND ethnicity <> '汉族') AS minorities,
      sum(ps IS NOT NULL AND ps <> '' AND ps NOT IN ('中共党员', '中共预备党员')) AS nonParty,
      sum(age) AS ageSum, count(age) AS ageN,
      sum(age <= 35) AS b0, sum(age BETWEEN 36 AND 40) AS b1, sum(age BETWEEN 41 AND 45) AS b2,
      sum(age BETWEEN 46 AND 50) AS b3, sum(age BETWEEN 51 AND 55) AS b4, sum(age >= 56) AS b5,
      ${eduCols('ft', 'f').join(', ')},
      ${eduCols(hi, 'h').join(', ')}
    FROM p GROUP BY level`
  const rows = ctx.db.prepare(sql).all(...pop.params) as Agg[]
  const toRow = (r: Agg): StructureRow => {
    const n = (k: string): number => Number(r[k] ?? 0)
    const out = emptyRow()
    out.total = n('total')
    out.women = n('women')
    out.minorities = n('minorities')
    out.nonParty = n('nonParty')
    out.averageAge = n('ageN') > 0 ? Math.round((n('ageSum') / n('ageN')) * 10) / 10 : null
    AGE_BANDS.forEach((b, i) => (out.ageBands[b] = n(`b${i}`)))
    out.ageUnknown = out.total - n('ageN')
    EDU_CLASSES.forEach((e, i) => {
      out.fullTime[e] = n(`f${i}`)
      out.highest[e] = n(`h${i}`)
    })
    out.fullTime[EDU_OTHER] = n('f_other')
    out.fullTime[EDU_UNKNOWN] = n('f_none')
    out.highest[EDU_OTHER] = n('h_other')
    out.highest[EDU_UNKNOWN] = n('h_none')
    return out
  }
  const byLevelMap = new Map(rows.map((r) => [String(r['level']), { r, row: toRow(r) }]))
  const order = [
    ...POSITION_LEVELS,
    ...[...byLevelMap.keys()]
      .filter((l) => !(POSITION_LEVELS as readonly string[]).includes(l) && l !== '未填')
      .sort(),
    '未填',
  ]
  const byLevel = order
    .filter((l) => byLevelMap.has(l) || (POSITION_LEVELS as readonly string[]).includes(l))
    .map((level) => ({ level, ...(byLevelMap.get(level)?.row ?? emptyRow()) }))
  // The whole: sums of the level rows (the average from the sums, not an average of averages).
  const all = emptyRow()
  let ageSum = 0
  let ageN = 0
  for (const { r, row } of byLevelMap.values()) {
    all.total += row.total
    all.women += row.women
    all.minorities += row.minorities
    all.nonParty += row.nonParty
    all.ageUnknown += row.ageUnknown
    ageSum += Number(r['ageSum'] ?? 0)
    ageN += Number(r['ageN'] ?? 0)
    for (const b of AGE_BANDS) all.ageBands[b] += row.ageBands[b]
    for (const k of Object.keys(all.highest)) {
      all.highest[k] = (all.highest[k] ?? 0) + (row.highest[k] ?? 0)
      all.fullTime[k] = (all.fullTime[k] ?? 0) + (row.fullTime[k] ?? 0)
    }
  }
  all.averageAge = ageN > 0 ? Math.round((ageSum / ageN) * 10) / 10 : null

  const rankRows = ctx.db
    .prepare(
      `SELECT coalesce(nullif(c.rank, ''), '未填') AS rank, count(*) AS n FROM ${pop.from} WHERE ${pop.where} GROUP BY 1`,
    )
    .all(...pop.params) as { rank: string; n: number }[]
  const rankMap = new Map(rankRows.map((r) => [r.rank, r.n]))
  const byRank: Record<string, number> = {}
  for (const r of [
    ...RANKS,
    ...[...rankMap.keys()].filter((k) => !(RANKS as readonly string[]).includes(k) && k !== '未填').sort(),
    '未填',
  ]) {
    const v = rankMap.get(r)
    if (v !== undefined || (RANKS as readonly string[]).includes(r)) byRank[r] = v ?? 0
  }

  // Events in the period, for cadres of the scope's units (whatever their status today).
  const scopeCond = pop.unitIds ? 'AND c.unit_id IN (SELECT value FROM json_each(?))' : ''
  const scopeParams = pop.unitIds ? [JSON.stringify(pop.unitIds)] : []
  const count = (
    table: string,
    cond: string,
    dateCol: string,
    from: string,
    to: string,
    extra: unknown[] = [],
  ): number =>
    (
      ctx.db
        .prepare(
          `SELECT count(*) AS n FROM ${table} x JOIN cadres c ON c.id = x.cadre_id
           WHERE x.${dateCol} >= ? AND x.${dateCol} <= ? AND ${cond} ${scopeCond}`,
        )
        .get(from, to, ...extra, ...scopeParams) as { n: number }
    ).n
  const inList = (xs: string[]): string => `(${xs.map(() => '?').join(', ')})`
  const periodOut = {
    from: period.from,
    to: period.to,
    talks: count('talks', '1', 'date', period.from, period.to),
    admonitions: count(
      'talks',
      `x.kind IN ${inList(ADMONISHMENT_TALKS)}`,
      'date',
      period.from,
      period.to,
      ADMONISHMENT_TALKS,
    ),
    sanctions: count('discipline', `x.system IN ('党纪', '政务')`, 'date', period.from, period.to),
    // 提拔: reserve entries marked 已使用 (promoted) in the period; months compare by their first day.
    promotions: count(
      'reserve_entries',
      `x.status = '已使用'`,
      'exit_date',
      period.from.slice(0, 7),
      period.to.slice(0, 7),
    ),
    adjustments: count('discipline', `x.system = '组织处理'`, 'date', period.from, period.to),
    recalls: count('talks', `x.kind = '召回'`, 'date', period.from, period.to),
  }

  return {
    at,
    scope: { ...scope, label: pop.label },
    all,
    byLevel,
    byRank,
    period: periodOut,
    posts: postsAgainstHolders(ctx, at, pop.unitIds),
    tookMs: Math.round(performance.now() - t0),
  }
}

/** 职数 against holders: per unit and level, allotted / filled (holders of that 职务层次 directly in
 *  the unit, 在职 at the date) / vacant / over (超职数配备, not allowed). `unitIds` null = every unit. */
export function postsAgainstHolders(ctx: AppContext, at: string, unitIds: number[] | null): PostRow[] {
  const pop = population(ctx, at, { kind: 'county' })
  const holders = new Map<string, number>()
  for (const r of ctx.db
    .prepare(
      `SELECT c.unit_id AS u, c.position_level AS l, count(*) AS n FROM ${pop.from}
       WHERE ${pop.where} AND c.unit_id IN (SELECT unit_id FROM unit_posts) GROUP BY 1, 2`,
    )
    .all(...pop.params) as { u: number; l: string | null; n: number }[])
    holders.set(`${r.u}|${r.l}`, r.n)
  const cond = unitIds ? 'WHERE p.unit_id IN (SELECT value FROM json_each(?))' : ''
  const rows = ctx.db
    .prepare(
      `SELECT p.unit_id AS unitId, u.name AS unit, p.level, p.allotted, p.vacant_since AS vacantSince
       FROM unit_posts p JOIN units u ON u.id = p.unit_id ${cond}
       ORDER BY u.sort_order, u.name, p.unit_id`,
    )
    .all(...(unitIds ? [JSON.stringify(unitIds)] : [])) as Omit<PostRow, 'vacant' | 'over' | 'filled'>[]
  const levelRank = (l: string): number => {
    const i = (POSITION_LEVELS as readonly string[]).indexOf(l)
    return i < 0 ? 99 : i
  }
  const unitOrder = new Map<number, number>()
  rows.forEach((r) => unitOrder.has(r.unitId) || unitOrder.set(r.unitId, unitOrder.size))
  return rows
    .map((r) => {
      const filled = holders.get(`${r.unitId}|${r.level}`) ?? 0
      return {
        ...r,
        filled,
        vacant: Math.max(0, r.allotted - filled),
        over: Math.max(0, filled - r.allotted),
      }
    })
    .sort(
      (a, b) =>
        (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0) ||
        levelRank(a.level) - levelRank(b.level) ||
        a.level.localeCompare(b.level, 'zh'),
    )
}

/** The command line's document (`stats --json`): exactly the keys of issue 13. */
export function statsJson(r: StatsResult): Record<string, unknown> {
  const byLevel: Record<string, number> = {}
  for (const l of r.byLevel)
    if (l.total > 0 || (POSITION_LEVELS as readonly string[]).includes(l.level)) byLevel[l.level] = l.total
  return {
    at: r.at,
    total: r.all.total,
    women: r.all.women,
    minorities: r.all.minorities,
    nonParty: r.all.nonParty,
    averageAge: r.all.averageAge,
    ageBands: r.all.ageBands,
    byLevel,
    education: { fullTime: r.all.fullTime, highest: r.all.highest },
    posts: r.posts.map((p) => ({
      unit: p.unit,
      level: p.level,
      allotted: p.allotted,
      filled: p.filled,
      vacant: p.vacant,
    })),
  }
}

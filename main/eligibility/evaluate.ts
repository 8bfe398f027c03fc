/**
 * Promotion eligibility as a pure function of a cadre's records, a rule set and a date.
 * Every rule answers pass / fail / unknown (data missing) with a Chinese reason, the records it
 * used, and — for a failure that time alone cures — the first day it passes.
 *
 * Counting: "N years since month M" is met from the first day of month M + N×12 (months are all
 * the records hold); an impact period ends on its `until` day inclusive (main/domain/impact.ts).
 */
import { addMonths, ageAt, dateDots, isDay, isMonth, monthsBetween } from '../domain/dates'
import {
  DEFAULT_IMPACT_CONFIG,
  dayAfter,
  impactsOf,
  type Impact,
  type ImpactConfig,
  type ImpactKind,
  type ImpactRecord,
} from '../domain/impact'
import { resolveGrade } from '../records/vocab'
import { RANK_LADDER, levelIndex, rankIndex } from './ladder'
import type { RuleDef, RuleId, RuleParams, RuleSet } from './rules'

export interface CadreFacts {
  id: number
  idCard: string
  name: string
  unit: string | null
  position: string | null
  birthDate: string | null
  workStartDate: string | null
  partyJoinDate: string | null
  politicalStatus: string | null
  positionLevel: string | null
  positionDate: string | null
  /** 任现职务层次时间 (time at the current level, the national standard's field). */
  levelDate?: string | null
  rank: string | null
  rankDate: string | null
  eduFullTime: string | null
  eduInService: string | null
  assessments: { year: number; kind: string; grade: string }[]
  discipline: {
    date: string
    system: string
    measure: string
    probationMonths?: number | null
    inLieuOf?: string | null
    impactEnd?: string | null
  }[]
  talks: { date: string; kind: string }[]
  reserve: { level: string; status: string; entryDate: string | null }[]
  postings: { kind: string; place: string | null; start: string | null; end: string | null }[]
  /** 任职经历 (start, end, title, 职务层次, 职级); empty or absent: none recorded. */
  appointments?: {
    start: string | null
    end: string | null
    title: string | null
    level: string | null
    rank: string | null
  }[]
  /** Family members' relation and 已移居国（境）外, loaded only for cadres with someone abroad. */
  family?: { relation: string; settledAbroad: boolean }[]
  /** A running 立案审查调查 recorded in the review (no base table holds it); null = none recorded. */
  investigation: { since: string | null; note: string | null } | null
}

export type Outcome = 'pass' | 'fail' | 'unknown'

export interface RuleResult {
  id: RuleId
  label: string
  result: Outcome
  reason: string
  /** The records the rule looked at, one line each. */
  evidence: string[]
  /** For a failure: the first day the rule passes if nothing else changes; null = time alone does not cure it. */
  passesFrom: string | null
}

export interface Evaluation {
  /** true: every rule passes; false: one fails; null: none fails but data is missing. */
  eligible: boolean | null
  rules: RuleResult[]
}

export interface Projection {
  /** The first day the cadre meets every rule (or every rule but the unknown ones) if nothing changes. */
  date: string | null
  /** true when rules still lack data on that day. */
  pendingUnknown: boolean
  /** 预计符合日期 explained in Chinese. */
  text: string
}

function r(
  def: RuleDef,
  result: Outcome,
  reason: string,
  evidence: string[] = [],
  passesFrom: string | null = null,
): RuleResult {
  return { id: def.id, label: def.label, result, reason, evidence, passesFrom }
}

function firstDay(month: string): string {
  return `${month}-01`
}

function yearsText(months: number): string {
  const y = Math.floor(months / 12)
  const m = months % 12
  if (y === 0) return `${m}个月`
  return m === 0 ? `${y}年` : `${y}年${m}个月`
}

function needMonths(years: number): number {
  return Math.round(years * 12)
}

/** "at least N years since month M" */
function since(
  def: RuleDef,
  at: string,
  month: string | null,
  years: number,
  what: string,
  missing: string,
): RuleResult {
  if (!month) return r(def, 'unknown', missing)
  if (!isMonth(month)) return r(def, 'unknown', `${what}“${month}”无法识别`)
  const have = monthsBetween(month, at)
  const need = needMonths(years)
  const ev = [`${what} ${month}，至 ${at} 满 ${yearsText(Math.max(0, have))}`]
  if (have >= need) return r(def, 'pass', `${what} ${month}，已满 ${yearsText(need)}`, ev)
  const from = addMonths(firstDay(month), need)
  return r(def, 'fail', `${what} ${month}，不满 ${yearsText(need)}（${from} 起满）`, ev, from)
}

/** 学历 by the national names (GB/T 4658): 研究生 > 大学本科 > 大学专科 (= 大专) > 中等专科 (= 中专)
 *  > 高中. The 专科 names are read before "大学" so 大学专科 is not taken for 本科. */
const EDU_RANK: [RegExp, number][] = [
  [/研究生|博士|硕士/, 4],
  [/中等专科|中专|中技|技校|职高|高中/, 1],
  [/大学专科|大专|专科|高职/, 2],
  [/大学本科|本科|大学/, 3],
  [/初中|小学/, 0],
]
const EDU_NAME = ['初中及以下', '中专/高中', '大专', '大学', '研究生']
export const EDU_LEVELS: Record<RuleParams['education']['minLevel'], number> = {
  研究生: 4,
  大学: 3,
  大专: 2,
  中专: 1,
  高中: 1,
}

export function educationRank(s: string | null): number | null {
  if (!s) return null
  for (const [re, n] of EDU_RANK) if (re.test(s)) return n
  return null
}

function monthIndex(m: string): number {
  return Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
}

function impactText(i: Impact): string {
  const untilText = i.until ? `影响期至 ${i.until}` : '长期影响'
  return `${i.from} ${i.label}，${untilText}${i.note ? `（${i.note}）` : ''}`
}

/**
 * Not within an impact period (条例 第二十四条（六）; 纪律处分条例, 政务处分法 第八条, 组织处理规定,
 * 诫勉规定): a running period fails until its end; a record the rules cannot read is 待核实.
 */
function impactRule(
  def: RuleDef,
  at: string,
  f: CadreFacts,
  config: ImpactConfig,
  kind: ImpactKind,
  none: string,
): RuleResult {
  const records: ImpactRecord[] = [
    ...f.discipline.map((d): ImpactRecord => ({ source: 'discipline', ...d })),
    ...f.talks.map((t): ImpactRecord => ({ source: 'talk', ...t })),
  ]
  const evidence: string[] = []
  const running: Impact[] = []
  const unknown: Impact[] = []
  for (const i of impactsOf(records, config)) {
    if (i.kind !== kind || i.from > at) continue
    if (i.unknown) {
      unknown.push(i)
      evidence.push(`${i.from} ${i.label}：${i.unknown}`)
    } else if (i.until === null || at <= i.until) {
      running.push(i)
      evidence.push(impactText(i))
    } else evidence.push(`${impactText(i)}（已满）`)
  }
  if (running.length === 0) {
    if (unknown.length) {
      const u = unknown[0]!
      return r(def, 'unknown', `${u.from} ${u.label}：${u.unknown}`, evidence)
    }
    return r(def, 'pass', evidence.length ? `${none}（以往影响期均已满）` : none, evidence)
  }
  running.sort((a, b) =>
    a.until === b.until ? 0 : a.until === null ? -1 : b.until === null ? 1 : a.until < b.until ? 1 : -1,
  )
  const worst = running[0]!
  const passesFrom = worst.until === null ? null : dayAfter(worst.until)
  const others = running.length - 1 + unknown.length
  const reason =
    others > 0 ? `${impactText(worst)}（另有 ${others} 项在影响期内或待核实）` : impactText(worst)
  return r(def, 'fail', reason, evidence, passesFrom)
}

/**
 * 任职年限 (条例 第八条（三）; 公务员职务、职级与级别管理办法): cumulative time at or above the
 * level, a rank of the same tier counting too — 乡科级正职: 副科 or 三级/四级主任科员 together
 * 2 years; 乡科级副职: 一级科员 or above 3 years. A lateral move keeps the time (副镇长 → 副局长).
 * From the 任职经历 when there is one; otherwise from 任现职务层次时间, 任现职务时间 or 任现职级
 * 时间, and the reason says which.
 */
function tenure(def: Extract<RuleDef, { id: 'tenure' }>, f: CadreFacts, at: string): RuleResult {
  const p = def.params
  const need = needMonths(p.minYears)
  const nn = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null)
  const levels = p.basis === 'position' ? nn(p.levels.map(levelIndex)) : []
  const rankNames = p.basis === 'rank' ? p.levels : (p.ranks ?? [])
  const ranks = nn(rankNames.map(rankIndex))
  const minLevel = levels.length ? Math.min(...levels) : null
  const minRank = ranks.length ? Math.min(...ranks) : null
  const levelOk = (l: string | null | undefined) => minLevel !== null && (levelIndex(l) ?? -1) >= minLevel
  const rankOk = (k: string | null | undefined) => minRank !== null && (rankIndex(k) ?? -1) >= minRank
  const want =
    p.basis === 'position'
      ? `${p.levels[0] ?? ''}及以上${rankNames.length ? `（或${RANK_LADDER[minRank ?? 0]}及以上职级）` : ''}`
      : `${RANK_LADDER[minRank ?? 0]}及以上`
  const apps = (f.appointments ?? []).filter((a) => a.start || a.level || a.rank)
  if (apps.length) {
    const atIdx = monthIndex(at.slice(0, 7))
    const spans: [number, number][] = []
    const evidence: string[] = []
    let undated = 0
    let ongoing = false
    for (const a of apps) {
      if (!levelOk(a.level) && !rankOk(a.rank)) continue
      const label = `${a.title ?? ''}（${[a.level, a.rank].filter(Boolean).join('，')}）`
      if (!a.start || !isMonth(a.start)) {
        undated++
        evidence.push(`${label}，起始时间不详`)
        continue
      }
      const st = monthIndex(a.start)
      if (st > atIdx) continue
      const endOk = !!a.end && isMonth(a.end)
      if (!endOk) ongoing = true
      const en = endOk ? Math.min(monthIndex(a.end!), atIdx) : atIdx
      evidence.push(`${a.start}—${endOk ? a.end : '至今'} ${label}`)
      if (en > st) spans.push([st, en])
    }
    spans.sort((x, y) => x[0] - y[0])
    let total = 0
    let cs = -1
    let ce = -1
    for (const [st, en] of spans) {
      if (st > ce) {
        total += ce - cs
        cs = st
        ce = en
      } else ce = Math.max(ce, en)
    }
    total += ce - cs
    const text = `任职经历中${want}累计 ${yearsText(total)}`
    if (total >= need) return r(def, 'pass', `${text}，已满 ${yearsText(need)}`, evidence)
    if (undated) return r(def, 'unknown', `${text}，另有 ${undated} 段起始时间不详`, evidence)
    const from = ongoing ? addMonths(`${at.slice(0, 7)}-01`, need - total) : null
    return r(def, 'fail', `${text}，不满 ${yearsText(need)}${from ? `（${from} 起满）` : ''}`, evidence, from)
  }
  // No 任职经历: the current level or rank with its date, saying which date was used.
  const paths: { date: string | null; what: string; label: string }[] = []
  if (levelOk(f.positionLevel))
    paths.push({
      date: f.levelDate ?? f.positionDate,
      what: f.levelDate ? '任现职务层次时间' : '任现职务时间',
      label: f.positionLevel!,
    })
  if (rankOk(f.rank)) paths.push({ date: f.rankDate, what: '任现职级时间', label: f.rank! })
  if (paths.length === 0) {
    if (p.basis === 'position' && !f.positionLevel && !rankOk(f.rank))
      return r(def, 'unknown', '未填写职务层次')
    if (p.basis === 'rank' && !f.rank) return r(def, 'unknown', '未填写职级')
    if (p.basis === 'position' && f.positionLevel && levelIndex(f.positionLevel) === null && !rankOk(f.rank))
      return r(def, 'unknown', `职务层次“${f.positionLevel}”无法识别`)
    const what = p.basis === 'position' ? `职务层次为${f.positionLevel}` : `职级为${f.rank}`
    return r(def, 'fail', `${what}，不是${want}`, [what])
  }
  const results = paths.map((x) => {
    const res = since(def, at, x.date, p.minYears, `${x.label}，${x.what}`, `未填写${x.what}`)
    const note =
      x.what === '任现职务时间'
        ? '（未录入任职经历和任现职务层次时间，按任现职务时间计，平级交流前的任职未计入）'
        : '（未录入任职经历，按此时间计）'
    return { ...res, reason: `${res.reason}${note}` }
  })
  const pass = results.find((x) => x.result === 'pass')
  if (pass) return pass
  const unknown = results.find((x) => x.result === 'unknown')
  if (unknown) return unknown
  return results.reduce((a, b) => ((b.passesFrom ?? '9') < (a.passesFrom ?? '9') ? b : a))
}

/**
 * 职级晋升 (公务员职务与职级并行规定 第十九条; 管理办法): time in the lower rank, where each year
 * assessed 优秀 shortens the requirement by half a year and a year assessed 基本称职 or 不定等次 (or
 * lower) does not count. A past year without a readable grade is 待核实 unless the time suffices
 * without it. Or the years at a leadership level (三级主任科员: 副科; 一级主任科员: 正科).
 */
function rankTenure(def: Extract<RuleDef, { id: 'rank-tenure' }>, f: CadreFacts, at: string): RuleResult {
  const p = def.params
  const need = needMonths(p.minYears)
  if (p.orLevel) {
    const lv = levelIndex(f.positionLevel)
    const want = levelIndex(p.orLevel)
    const since = f.levelDate ?? f.positionDate
    if (
      lv !== null &&
      want !== null &&
      lv >= want &&
      since &&
      isMonth(since) &&
      monthsBetween(since, at) >= need
    )
      return r(def, 'pass', `${f.positionLevel}领导职务自 ${since}，已满 ${yearsText(need)}`, [
        `${f.positionLevel}，${f.levelDate ? '任现职务层次时间' : '任现职务时间'} ${since}`,
      ])
  }
  const have = rankIndex(f.rank)
  const from = rankIndex(p.fromRank)
  if (!f.rank) return r(def, 'unknown', '未填写职级')
  if (have === null) return r(def, 'unknown', `职级“${f.rank}”无法识别`)
  if (from !== null && have < from)
    return r(def, 'fail', `职级为${f.rank}，须任${p.fromRank}满 ${yearsText(need)}`, [`职级 ${f.rank}`])
  if (!f.rankDate) return r(def, 'unknown', '未填写任现职级时间')
  if (!isMonth(f.rankDate)) return r(def, 'unknown', `任现职级时间“${f.rankDate}”无法识别`)
  const start = f.rankDate
  const total = Math.max(0, monthsBetween(start, at))
  const sy = Number(start.slice(0, 4))
  const ay = Number(at.slice(0, 4))
  const startIdx = monthIndex(start)
  const atIdx = monthIndex(at.slice(0, 7))
  let credit = total
  let bonus = 0
  let uncertain = 0
  const evidence = [`${f.rank}，任现职级时间 ${start}，至 ${at} ${yearsText(total)}`]
  for (let y = sy; y <= ay; y++) {
    const ov = Math.max(0, Math.min(atIdx, (y + 1) * 12) - Math.max(startIdx, y * 12))
    if (ov === 0) continue
    const a = f.assessments.find((x) => x.year === y && x.kind === '年度考核')
    const grade = a ? resolveGrade(a.grade) : null
    if (grade === '优秀') {
      bonus += 6
      evidence.push(`${y}年度优秀，缩短半年`)
    } else if (grade && ['基本称职', '基本合格', '不定等次', '不称职', '不合格'].includes(grade)) {
      credit -= ov
      evidence.push(`${y}年度${grade}，该年 ${ov} 个月不计`)
    } else if (!grade && y < ay) {
      uncertain += ov
      evidence.push(a ? `${y}年度考核等次“${a.grade}”无法识别` : `${y}年度考核结果未录入`)
    }
  }
  const want = Math.max(0, need - bonus)
  const text = `任${p.fromRank}${yearsText(Math.max(0, credit))}${bonus ? `，优秀缩短 ${yearsText(bonus)}` : ''}`
  if (credit - uncertain >= want) return r(def, 'pass', `${text}，已满 ${yearsText(want)}`, evidence)
  if (credit >= want)
    return r(def, 'unknown', `${text}，其中 ${yearsText(uncertain)} 的年度考核待核实`, evidence)
  const from2 = addMonths(`${at.slice(0, 7)}-01`, want - credit)
  return r(
    def,
    'fail',
    `${text}，不满 ${yearsText(want)}（预计 ${from2} 起满）`,
    evidence,
    uncertain ? null : from2,
  )
}

const SPOUSE = /^(妻子|丈夫|配偶|爱人|妻|夫)$/
const CHILD = /^(长|次|三|四|五|小|独|养|继)?(子|女|儿子|女儿)$/

function evaluateRule(
  def: RuleDef,
  f: CadreFacts,
  at: string,
  full: boolean,
  config: ImpactConfig,
): RuleResult {
  switch (def.id) {
    case 'reserve': {
      const p = def.params
      const evidence = !full
        ? []
        : f.reserve.map((e) => `${e.level}（${e.entryDate ? `${e.entryDate} 入库，` : ''}${e.status}）`)
      const hit = f.reserve.find(
        (e) =>
          p.levels.includes(e.level) &&
          p.statuses.includes(e.status) &&
          (!e.entryDate || e.entryDate.slice(0, 7) <= at.slice(0, 7)),
      )
      if (hit)
        return r(
          def,
          'pass',
          `${hit.level}，${hit.status}${hit.entryDate ? `（${hit.entryDate} 入库）` : ''}`,
          evidence,
        )
      return r(def, 'fail', `无${p.levels.join('或')}${p.statuses.join('/')}记录`, evidence)
    }
    case 'frontline': {
      const p = def.params
      const atIdx = monthIndex(at)
      const spans: [number, number][] = []
      const evidence: string[] = []
      let undated = 0
      let ongoing = false
      for (const po of f.postings) {
        if (!p.kinds.some((k) => po.kind.includes(k))) continue
        const label = `${po.kind}${po.place ? `（${po.place}）` : ''}`
        if (!po.start || !isMonth(po.start.slice(0, 7))) {
          undated++
          if (full) evidence.push(`${label}，起止时间不详`)
          continue
        }
        const s = monthIndex(po.start)
        if (s > atIdx) continue
        const endOk = po.end && isMonth(po.end.slice(0, 7))
        const e = endOk ? Math.min(monthIndex(po.end!), atIdx) : atIdx
        if (!endOk) ongoing = true
        if (full) evidence.push(`${label} ${po.start.slice(0, 7)}—${endOk ? po.end!.slice(0, 7) : '至今'}`)
        if (e > s) spans.push([s, e])
      }
      spans.sort((a, b) => a[0] - b[0])
      let total = 0
      let curS = -1
      let curE = -1
      for (const [s, e] of spans) {
        if (s > curE) {
          total += curE - curS
          curS = s
          curE = e
        } else curE = Math.max(curE, e)
      }
      total += curE - curS
      const need = p.minMonths
      if (total >= need) return r(def, 'pass', `一线经历累计 ${yearsText(total)}`, evidence)
      if (undated > 0)
        return r(def, 'unknown', `一线经历 ${undated} 段起止时间不详，已知累计 ${yearsText(total)}`, evidence)
      const from = ongoing ? addMonths(`${at.slice(0, 7)}-01`, need - total) : null
      const reason =
        total === 0 ? `无一线经历（需累计 ${need} 个月）` : `一线经历累计 ${total} 个月，不满 ${need} 个月`
      return r(def, 'fail', reason, evidence, from)
    }
    case 'tenure':
      return tenure(def as Extract<RuleDef, { id: 'tenure' }>, f, at)
    case 'work-years':
      return since(def, at, f.workStartDate, def.params.minYears, '参加工作时间', '未填写参加工作时间')
    case 'party-age': {
      const status = f.politicalStatus ?? ''
      if (status && status !== '中共党员') {
        return r(def, 'fail', status === '中共预备党员' ? '中共预备党员，尚未转正' : `政治面貌为${status}`, [
          `政治面貌 ${status}`,
        ])
      }
      return since(
        def,
        at,
        f.partyJoinDate,
        def.params.minYears,
        '入党时间',
        status ? '未填写入党时间' : '未填写政治面貌和入党时间',
      )
    }
    case 'education': {
      const need = EDU_LEVELS[def.params.minLevel]
      const ft = educationRank(f.eduFullTime)
      const is = educationRank(f.eduInService)
      const evidence = [
        ...(f.eduFullTime ? [`全日制教育 ${f.eduFullTime}`] : []),
        ...(f.eduInService ? [`在职教育 ${f.eduInService}`] : []),
      ]
      const best = Math.max(ft ?? -1, is ?? -1)
      if (best >= need) {
        const which = (ft ?? -1) >= need ? `全日制${f.eduFullTime}` : `在职${f.eduInService}`
        return r(def, 'pass', which, evidence)
      }
      if (!f.eduFullTime && !f.eduInService) return r(def, 'unknown', '未填写学历', evidence)
      if ((f.eduFullTime && ft === null) || (f.eduInService && is === null)) {
        return r(def, 'unknown', '学历无法识别，请核对', evidence)
      }
      return r(def, 'fail', `最高学历${EDU_NAME[best] ?? ''}，低于${def.params.minLevel}`, evidence)
    }
    case 'age': {
      // "45周岁以下" includes 45 (本县任职年龄要求): born in the cut-off month or later.
      const max = def.params.maxAge
      const age = ageAt(f.birthDate, at)
      if (age === null)
        return r(def, 'unknown', f.birthDate ? `出生年月“${f.birthDate}”无法识别` : '未填写出生年月')
      // The cut-off as a day (a birth month counts from its first day): "45周岁以下（1980.12.01 及以后出生）".
      const cutoff = dateDots(addMonths(`${at.slice(0, 7)}-01`, -(max + 1) * 12 + 1))
      const cap = `${max}周岁以下（${cutoff} 及以后出生）`
      const ev = [`出生年月 ${dateDots(f.birthDate)}，${dateDots(at)} 时 ${age} 岁；${cap}`]
      if (age <= max) return r(def, 'pass', `${age} 岁，符合${cap}`, ev)
      return r(def, 'fail', `${age} 岁，不符合${cap}`, ev)
    }
    case 'rank-tenure':
      return rankTenure(def as Extract<RuleDef, { id: 'rank-tenure' }>, f, at)
    case 'assessment': {
      const p = def.params
      const year = Number(at.slice(0, 4)) - 1
      const evidence = full
        ? f.assessments
            .filter((a) => a.kind === p.kind)
            .sort((a, b) => b.year - a.year)
            .slice(0, 3)
            .map((a) => `${a.year}年度 ${a.grade}`)
        : []
      const hit = f.assessments.find((a) => a.year === year && a.kind === p.kind)
      if (!hit) return r(def, 'unknown', `缺少${year}年度考核结果`, evidence)
      // 条例 第二十四条（三）: last year's assessment 基本称职 or lower. An unknown grade is 待核实.
      const grade = resolveGrade(hit.grade)
      if (!grade)
        return r(def, 'unknown', `${year}年度考核等次“${hit.grade}”不是规定的等次，待核实`, evidence)
      const fails = p.failGrades.some((g) => (resolveGrade(g) ?? g) === grade)
      const shown = grade === hit.grade ? grade : `${hit.grade}（按${grade}）`
      if (fails) return r(def, 'fail', `${year}年度考核${shown}`, evidence)
      return r(def, 'pass', `${year}年度考核${shown}`, evidence)
    }
    case 'discipline': {
      const none = '无影响期内的处分'
      if (f.discipline.length === 0) return r(def, 'pass', none)
      return impactRule(def, at, f, config, 'discipline', none)
    }
    case 'admonishment': {
      const none = '无影响期内的诫勉或组织处理'
      if (f.talks.length === 0 && f.discipline.length === 0) return r(def, 'pass', none)
      return impactRule(def, at, f, config, 'admonishment', none)
    }
    case 'family-abroad': {
      // 条例 第二十四条（五）: spouse settled abroad, or no spouse and every child settled abroad.
      const fam = f.family ?? []
      const none = '未登记配偶、子女移居国（境）外'
      if (!fam.some((m) => m.settledAbroad)) return r(def, 'pass', none)
      const spouses = fam.filter((m) => SPOUSE.test(m.relation.trim()))
      const children = fam.filter((m) => CHILD.test(m.relation.trim()))
      const ev = fam.filter((m) => m.settledAbroad).map((m) => `${m.relation} 已移居国（境）外`)
      if (spouses.some((m) => m.settledAbroad))
        return r(def, 'fail', '配偶已移居国（境）外（条例 第二十四条（五））', ev)
      if (spouses.length === 0 && children.length > 0 && children.every((m) => m.settledAbroad))
        return r(def, 'fail', '没有配偶，子女均已移居国（境）外（条例 第二十四条（五））', ev)
      return r(def, 'pass', spouses.length ? '配偶未移居国（境）外' : '子女并非均已移居国（境）外', ev)
    }
    case 'investigation': {
      const inv = f.investigation
      if (!inv) return r(def, 'pass', '未登记正在接受的立案审查调查')
      const text = `${inv.since ? `${inv.since} 起` : ''}正在接受立案审查调查${inv.note ? `（${inv.note}）` : ''}`
      return r(def, 'fail', text, [text])
    }
  }
}

export function verdictOf(results: readonly { result: Outcome }[]): boolean | null {
  let unknown = false
  for (const x of results) {
    if (x.result === 'fail') return false
    if (x.result === 'unknown') unknown = true
  }
  return unknown ? null : true
}

let checkedAt = ''

/** Evaluates one cadre against a rule set on day `at` (`YYYY-MM-DD`). Pure. `evidence: false`
 *  skips the evidence lists nobody reads in a bulk review (reasons are always given). */
export interface EvaluateOptions {
  evidence?: boolean
  /** The one impact configuration (settings `impact.periods`); default DOMAIN.md's. */
  impact?: ImpactConfig
}

export function evaluateCadre(
  facts: CadreFacts,
  rules: RuleSet['rules'],
  at: string,
  opts: EvaluateOptions = {},
): Evaluation {
  if (at !== checkedAt) {
    if (!isDay(at)) throw new Error(`evaluateCadre: bad date ${at}`)
    checkedAt = at
  }
  const full = opts.evidence ?? true
  const config = opts.impact ?? DEFAULT_IMPACT_CONFIG
  const results = rules.map((def) => evaluateRule(def, facts, at, full, config))
  return { eligible: verdictOf(results), rules: results }
}

const HORIZON_YEARS = 30

/** True when every failure of `ev` is cured by time alone (the only case with a projected date). */
export function timeCurable(ev: Evaluation): boolean {
  for (const x of ev.rules) if (x.result === 'fail' && x.passesFrom === null) return false
  return ev.eligible === false
}

/**
 * When does a blocked cadre become eligible if nothing else changes? Moves the date to the day
 * the last time-cured failure ends and checks again (a rule may start failing meanwhile: age).
 */
export function projectEligibility(
  facts: CadreFacts,
  rules: RuleSet['rules'],
  at: string,
  first?: Evaluation,
  impact?: ImpactConfig,
): Projection {
  const limit = addMonths(at, HORIZON_YEARS * 12)
  let day = at
  let ev = first ?? evaluateCadre(facts, rules, at, { evidence: false, impact })
  for (let i = 0; i < 8; i++) {
    const fails = ev.rules.filter((x) => x.result === 'fail')
    if (fails.length === 0) {
      const unknown = ev.rules.filter((x) => x.result === 'unknown').map((x) => x.label)
      if (day === at) {
        return unknown.length
          ? { date: null, pendingUnknown: true, text: `无不符合项，待补充：${unknown.join('、')}` }
          : { date: at, pendingUnknown: false, text: '已符合' }
      }
      const reasons = ev.rules.filter((x) => x.result === 'unknown').map((x) => x.reason)
      return unknown.length
        ? {
            date: day,
            pendingUnknown: true,
            text: `预计 ${day} 起符合（其他条件不变），届时尚待核实：${reasons.join('；')}`,
          }
        : { date: day, pendingUnknown: false, text: `预计 ${day} 起符合（其他条件不变）` }
    }
    const stuck = fails.filter((x) => x.passesFrom === null)
    if (stuck.length) {
      const when = day === at ? '' : `至 ${day} `
      return {
        date: null,
        pendingUnknown: false,
        text: `${when}仅靠时间推移无法符合：${stuck.map((x) => x.label).join('、')}`,
      }
    }
    let next = day
    for (const x of fails) if (x.passesFrom! > next) next = x.passesFrom!
    if (next <= day || next > limit) break
    day = next
    ev = evaluateCadre(facts, rules, day, { evidence: false, impact })
  }
  return { date: null, pendingUnknown: false, text: '无法推算符合日期' }
}

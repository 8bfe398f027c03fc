/** The review services behind the page, the IPC channels and the `eligibility` command. */
import { ageAt, isDay } from '../domain/dates'
import { AppError } from '../domain/errors'
import type { AppContext } from '../services/context'
import {
  evaluateCadre,
  projectEligibility,
  timeCurable,
  verdictOf,
  type CadreFacts,
  type Evaluation,
  type Outcome,
} from './evaluate'
import { impactConfig } from '../records/impact'
import { loadFacts, QUIET_TALK_KINDS } from './load'
import { jobProgress, jobStage, throwIfCancelled } from '../worker/job'
import {
  DEFAULT_RULE_LABELS,
  LIFTABLE_RULES,
  RULE_ARTICLES,
  isPromotion,
  TARGET_LABELS,
  type RuleId,
  type RuleSet,
  type Target,
} from './rules'
import {
  currentRuleSet,
  decisionHistory,
  insertDecision,
  insertOverride,
  roundDecisions,
  roundOverrides,
} from './store'
import {
  verdictText,
  type Decision,
  type OverrideInfo,
  type ReviewDetail,
  type ReviewResult,
  type ReviewRow,
} from './types'
import { probationBar } from './probation'
import { count, emptySummary } from './view'

function checkAt(at: string): void {
  if (!isDay(at))
    throw new AppError('eligibility-bad-date', `审查日期“${at}”无效，应为 YYYY-MM-DD`, `bad date ${at}`)
}

/** What the review loads: talks but those the vocabulary knows to carry no impact (an unknown
 *  kind is loaded: the rules say 待核实), assessments from last year on. */
export function loadOptions(ruleSet: RuleSet, at: string): { exceptTalkKinds: string[]; fromYear: number } {
  // 职级晋升 counts every assessed year in the lower rank (并行规定 第十九条): ten years back.
  const back = ruleSet.rules.some((r) => r.id === 'rank-tenure') ? 10 : 1
  return { exceptTalkKinds: QUIET_TALK_KINDS, fromYear: Number(at.slice(0, 4)) - back }
}

export function effectiveOf(
  ev: Evaluation,
  overrides: Map<RuleId, OverrideInfo> | undefined,
): boolean | null {
  if (!overrides || overrides.size === 0) return ev.eligible
  return verdictOf(
    ev.rules.map((x) => ({ result: x.result === 'fail' && overrides.has(x.id) ? 'pass' : x.result })),
  )
}

/** The rows of a round with no override share this (never written to). */
const NOT_OVERRIDDEN: RuleId[] = Object.freeze([]) as unknown as RuleId[]

/** One object per distinct value: outcome lists (a few hundred combinations) and texts (the failed
 *  rules' labels, the first reason: each reason a flat string instead of pieces kept alive). */
function sharing(): { outcomes: (o: Outcome[]) => Outcome[]; text: (t: string) => string } {
  const lists = new Map<string, Outcome[]>()
  const texts = new Map<string, string>()
  return {
    outcomes: (o) => {
      const key = o.join()
      const kept = lists.get(key)
      if (kept) return kept
      lists.set(key, o)
      return o
    },
    text: (t) => {
      const kept = texts.get(t)
      if (kept !== undefined) return kept
      texts.set(t, t)
      return t
    },
  }
}

/** Every active cadre evaluated for a target on a day: the grid of 任职资格审查.
 *  `load` may hand back facts already loaded with the same options (eligibility/page.ts). */
export function reviewRound(
  ctx: AppContext,
  target: Target,
  at: string,
  load: (opts: ReturnType<typeof loadOptions>) => CadreFacts[] = (opts) => loadFacts(ctx.db, opts),
): ReviewResult {
  checkAt(at)
  // A round cancelled while it waited behind another job stops before it reports anything (the
  // facts may come from the cache, and loading them would then say 40 % without a cancel check).
  throwIfCancelled()
  const t0 = performance.now()
  const ruleSet = currentRuleSet(ctx.db, target)
  const impact = impactConfig(ctx)
  // Only those for whom the target is a promotion (issue 10: not those already at or above it).
  // As a long job (the page's counts, the export, printing): loading is the first ~40 %.
  const facts = jobStage(0, 40, () => load(loadOptions(ruleSet, at))).filter((f) =>
    isPromotion(target, f.positionLevel, f.rank),
  )
  const overrides = roundOverrides(ctx.db, target, at)
  const decisions = roundDecisions(ctx.db, target, at)
  const rows: ReviewRow[] = []
  const summary = emptySummary()
  const n = facts.length
  // A kept round (eligibility/page.ts) holds ~100,000 rows: what repeats from row to row is held
  // once (issue 11: memory). The same values, shared; nothing here is changed after it is made.
  const shared = sharing()
  for (const f of facts) {
    if (summary.total % 1000 === 0) {
      throwIfCancelled()
      jobProgress(40 + (60 * summary.total) / Math.max(1, n), 100)
    }
    const ev = evaluateCadre(f, ruleSet.rules, at, { evidence: false, impact })
    const ov = overrides.get(f.id)
    let failCount = 0
    let unknownCount = 0
    const failed: string[] = []
    let firstReason = ''
    const outcomes: Outcome[] = []
    for (const x of ev.rules) {
      outcomes.push(x.result)
      if (x.result === 'fail') {
        failCount++
        failed.push(x.label)
        if (!firstReason || firstReason.startsWith('?')) firstReason = `${x.label}：${x.reason}`
      } else if (x.result === 'unknown') {
        unknownCount++
        if (!firstReason) firstReason = `?${x.label}：${x.reason}`
      }
    }
    if (firstReason.startsWith('?')) firstReason = firstReason.slice(1)
    const projected = timeCurable(ev) ? projectEligibility(f, ruleSet.rules, at, ev, impact).date : null
    const d = decisions.get(f.id)
    count(summary, { eligible: ev.eligible, failCount })
    rows.push({
      cadreId: f.id,
      idCard: f.idCard,
      name: f.name,
      unit: f.unit,
      position: f.position,
      positionLevel: f.positionLevel,
      rank: f.rank,
      age: ageAt(f.birthDate, at),
      eligible: ev.eligible,
      effective: effectiveOf(ev, ov),
      outcomes: shared.outcomes(outcomes),
      overridden: ov ? [...ov.keys()] : NOT_OVERRIDDEN,
      failCount,
      unknownCount,
      failed: shared.text(failed.join('、')),
      firstReason: shared.text(firstReason),
      projected,
      decision: d?.decision ?? null,
      decisionNote: d?.note ?? null,
    })
  }
  jobProgress(100, 100)
  return {
    target,
    targetLabel: TARGET_LABELS[target],
    at,
    ruleSet,
    rows,
    summary,
    ms: Math.round(performance.now() - t0),
  }
}

function factsOf(ctx: AppContext, cadreId: number): CadreFacts {
  const f = loadFacts(ctx.db, { cadreId, exceptTalkKinds: QUIET_TALK_KINDS })[0]
  if (!f) throw new AppError('cadre-missing', '该干部不存在或已被删除', `cadre ${cadreId} not found`)
  return f
}

/** One cadre's evidence per rule, overrides, projection and decisions in the round. */
export function reviewDetail(ctx: AppContext, cadreId: number, target: Target, at: string): ReviewDetail {
  checkAt(at)
  const ruleSet = currentRuleSet(ctx.db, target)
  const f = factsOf(ctx, cadreId)
  const impact = impactConfig(ctx)
  const ev = evaluateCadre(f, ruleSet.rules, at, { impact })
  const ov = roundOverrides(ctx.db, target, at, cadreId).get(cadreId)
  const bar = probationBar(f, at)
  return {
    target,
    targetLabel: TARGET_LABELS[target],
    at,
    ruleSet,
    cadre: {
      id: f.id,
      idCard: f.idCard,
      name: f.name,
      unit: f.unit,
      position: f.position,
      positionLevel: f.positionLevel,
      birthDate: f.birthDate,
      age: ageAt(f.birthDate, at),
    },
    rules: ev.rules.map((x) => {
      const liftable = LIFTABLE_RULES.has(x.id)
      // 条例 第九条: no 破格 in 任职试用期 or within a year of the promotion (待核实 counts as no).
      const barred = liftable && bar.state !== 'clear'
      return {
        ...x,
        override: (x.result === 'fail' && ov?.get(x.id)) || null,
        article: RULE_ARTICLES[x.id],
        liftable: liftable && !barred,
        ...(barred ? { liftNote: bar.reason } : {}),
      }
    }),
    eligible: ev.eligible,
    effective: effectiveOf(ev, ov),
    projection: projectEligibility(f, ruleSet.rules, at, ev, impact),
    decisions: decisionHistory(ctx.db, target, at, cadreId),
    investigation: f.investigation,
  }
}

export const MIN_OVERRIDE_REASON = 5

/** Overrides one failed rule for a candidate in the round; the reason goes to the audit log. */
export function overrideRule(
  ctx: AppContext,
  o: { cadreId: number; target: Target; at: string; ruleId: RuleId; reason: string },
): ReviewDetail {
  checkAt(o.at)
  const reason = o.reason.trim()
  if ([...reason].length < MIN_OVERRIDE_REASON) {
    throw new AppError(
      'eligibility-override-reason',
      `豁免不符合项必须写明理由（至少 ${MIN_OVERRIDE_REASON} 个字）`,
      'an override needs a written reason',
      { reason: `请写明理由，至少 ${MIN_OVERRIDE_REASON} 个字` },
    )
  }
  if (!LIFTABLE_RULES.has(o.ruleId)) {
    // 条例 第九条: 破格 only on qualifications; the 第二十四条 bars are never lifted.
    throw new AppError(
      'eligibility-override-forbidden',
      `“${DEFAULT_RULE_LABELS[o.ruleId]}”依据${RULE_ARTICLES[o.ruleId]}，不得豁免（条例 第九条只允许对任职资格破格）`,
      `rule ${o.ruleId} can never be overridden`,
    )
  }
  ctx.db.transaction(() => {
    // 条例 第九条: 任职试用期未满或者提拔任职不满一年的，不得破格提拔 (公务员法 第三十四条 for a
    // newly recruited one); what cannot be read is 待核实 and refused too.
    const bar = probationBar(factsOf(ctx, o.cadreId), o.at)
    if (bar.state !== 'clear')
      throw new AppError(
        'eligibility-override-probation',
        `不能豁免：${bar.reason}`,
        `no 破格 in probation (${bar.state})`,
      )
    if (o.ruleId === 'tenure') {
      // 条例 第九条: 任职年限 may not be lifted twice for one cadre.
      const before = ctx.db
        .prepare(
          `SELECT review_date, target FROM eligibility_overrides
            WHERE cadre_id = ? AND rule_id = 'tenure' AND revoked_at IS NULL AND NOT (target = ? AND review_date = ?)
            ORDER BY id LIMIT 1`,
        )
        .get(o.cadreId, o.target, o.at) as { review_date: string; target: Target } | undefined
      if (before)
        throw new AppError(
          'eligibility-override-twice',
          `该干部在 ${before.review_date} 的${TARGET_LABELS[before.target]}审查中已对任职年限破格，条例 第九条规定任职年限不得两次破格`,
          'tenure already overridden once',
        )
    }
    const d = reviewDetail(ctx, o.cadreId, o.target, o.at)
    const rule = d.rules.find((x) => x.id === o.ruleId)
    if (!rule)
      throw new AppError(
        'eligibility-rule-missing',
        `当前规则集中没有“${o.ruleId}”这一项`,
        `rule ${o.ruleId} not in rule set`,
      )
    if (rule.result !== 'fail') {
      throw new AppError(
        'eligibility-override-not-failed',
        `“${rule.label}”并非不符合项，无需豁免`,
        'only a failed rule can be overridden',
      )
    }
    if (rule.override)
      throw new AppError('eligibility-override-exists', `“${rule.label}”已豁免`, 'already overridden')
    insertOverride(ctx, {
      cadreId: o.cadreId,
      cadreName: d.cadre.name,
      target: o.target,
      at: o.at,
      ruleId: o.ruleId,
      ruleLabel: rule.label,
      reason,
      failedReason: rule.reason,
      version: d.ruleSet.version,
    })
  })()
  return reviewDetail(ctx, o.cadreId, o.target, o.at)
}

/** Records 推荐 / 暂缓 / 不予推荐 with the verdict and rule outcomes of the moment. */
export function decide(
  ctx: AppContext,
  d: { cadreId: number; target: Target; at: string; decision: Decision; note: string | null },
): ReviewDetail {
  checkAt(d.at)
  const note = d.note?.trim() || null
  ctx.db.transaction(() => {
    const det = reviewDetail(ctx, d.cadreId, d.target, d.at)
    if (d.decision === '推荐' && det.effective === false) {
      throw new AppError(
        'eligibility-recommend-blocked',
        `${det.cadre.name} 有不符合项（${det.rules
          .filter((x) => x.result === 'fail' && !x.override)
          .map((x) => x.label)
          .join('、')}），不能推荐；如确需推荐，请先逐项写明理由予以豁免`,
        'cannot recommend a cadre with failed rules that are not overridden',
      )
    }
    insertDecision(ctx, {
      cadreId: d.cadreId,
      cadreName: det.cadre.name,
      target: d.target,
      at: d.at,
      decision: d.decision,
      note,
      version: det.ruleSet.version,
      verdict: verdictText(det.effective),
      outcomes: det.rules.map((x) => ({
        id: x.id,
        result: x.result,
        reason: x.reason,
        overridden: !!x.override,
      })),
    })
  })()
  return reviewDetail(ctx, d.cadreId, d.target, d.at)
}

/** CLI.md's `eligibility --json` document, one cadre at a time: each result is made as the output
 *  takes it, so 80,000 results never stand in memory together. `eligible` is by the rules alone. */
export function eligibilityResults(ctx: AppContext, target: Target, at: string) {
  checkAt(at)
  const ruleSet = currentRuleSet(ctx.db, target)
  const facts = loadFacts(ctx.db, loadOptions(ruleSet, at)).filter((f) =>
    isPromotion(target, f.positionLevel, f.rank),
  )
  const overrides = roundOverrides(ctx.db, target, at)
  const impact = impactConfig(ctx)
  function* results() {
    for (const f of facts) {
      const ev = evaluateCadre(f, ruleSet.rules, at, { evidence: false, impact })
      const ov = overrides.get(f.id)
      const projection = ev.eligible === false ? projectEligibility(f, ruleSet.rules, at, ev, impact) : null
      yield {
        idCard: f.idCard,
        name: f.name,
        unit: f.unit,
        eligible: ev.eligible,
        ...(ov && ov.size ? { eligibleWithOverrides: effectiveOf(ev, ov) } : {}),
        ...(projection ? { eligibleFrom: projection.date } : {}),
        rules: ev.rules.map((x) => ({
          id: x.id,
          label: x.label,
          result: x.result,
          reason: x.reason,
          ...(x.result === 'fail' && ov?.has(x.id) ? { overridden: ov.get(x.id)!.reason } : {}),
        })),
      }
    }
  }
  return { head: { target, at, ruleSetVersion: ruleSet.version }, results: results() }
}

/** The whole document at once (tests; the command line streams eligibilityResults). */
export function eligibilityJson(ctx: AppContext, target: Target, at: string) {
  const { head, results } = eligibilityResults(ctx, target, at)
  return { ...head, results: [...results] }
}

/** What the eligibility review sends to the UI and the command line. */
import type { Outcome, Projection, RuleResult } from './evaluate'
import type { RuleId, RuleSet, Target } from './rules'

export const DECISIONS = ['推荐', '暂缓', '不予推荐'] as const
export type Decision = (typeof DECISIONS)[number]
export type VerdictText = '符合' | '不符合' | '待补充信息'

export function verdictText(eligible: boolean | null): VerdictText {
  return eligible === true ? '符合' : eligible === false ? '不符合' : '待补充信息'
}

export const REVIEW_FILTERS = ['all', 'eligible', 'ineligible', 'unknown', 'blocked-by-one'] as const
export type ReviewFilter = (typeof REVIEW_FILTERS)[number]
export const FILTER_LABELS: Record<ReviewFilter, string> = {
  all: '全部',
  eligible: '符合',
  ineligible: '不符合',
  unknown: '待补充信息',
  'blocked-by-one': '仅一项不符合',
}

export interface OverrideInfo {
  id: number
  ruleId: RuleId
  reason: string
  failedReason: string
  ruleSetVersion: number
  actor: string
  createdAt: string
}

export interface DecisionInfo {
  id: number
  decision: Decision
  note: string | null
  ruleSetVersion: number
  verdict: VerdictText
  actor: string
  createdAt: string
}

export interface ReviewRow {
  cadreId: number
  idCard: string
  name: string
  unit: string | null
  position: string | null
  positionLevel: string | null
  rank: string | null
  age: number | null
  /** By the rules alone (CLI.md's `eligible`). */
  eligible: boolean | null
  /** With the round's overrides counted as passes. */
  effective: boolean | null
  /** One per rule of the rule set, in its order. */
  outcomes: Outcome[]
  overridden: RuleId[]
  failCount: number
  unknownCount: number
  /** Labels of failed rules, "任职年限、年度考核" */
  failed: string
  /** Reason of the first failed rule (or first unknown one) for the grid's tooltip. */
  firstReason: string
  /** 预计符合日期 for a blocked cadre, if time alone cures it. */
  projected: string | null
  decision: Decision | null
  decisionNote: string | null
}

export interface ReviewSummary {
  total: number
  eligible: number
  ineligible: number
  unknown: number
  blockedByOne: number
}

export interface ReviewResult {
  target: Target
  targetLabel: string
  at: string
  ruleSet: RuleSet
  rows: ReviewRow[]
  summary: ReviewSummary
  /** Milliseconds spent loading and evaluating (shown small in the page footer). */
  ms: number
}

export interface RuleDetail extends RuleResult {
  override: OverrideInfo | null
  /** The article the rule applies ("条例 第二十四条（五）"). */
  article: string
  /** May a head lift it (条例 第九条: qualifications only, not in 任职试用期 nor within a year of
   *  the promotion)? */
  liftable: boolean
  /** Why a qualification rule cannot be lifted now (条例 第九条's time limits; main/eligibility/probation.ts). */
  liftNote?: string
}

export interface ReviewDetail {
  target: Target
  targetLabel: string
  at: string
  ruleSet: RuleSet
  cadre: {
    id: number
    idCard: string
    name: string
    unit: string | null
    position: string | null
    positionLevel: string | null
    birthDate: string | null
    age: number | null
  }
  rules: RuleDetail[]
  eligible: boolean | null
  effective: boolean | null
  projection: Projection
  decisions: DecisionInfo[]
  investigation: { since: string | null; note: string | null } | null
}

export interface RuleSetsInfo {
  sets: { target: Target; label: string; current: RuleSet; history: RuleSet[] }[]
}

/** Labels and helpers shared by the eligibility page, its panel and the rule settings. */
import type { Outcome } from '../../../../main/eligibility/evaluate'
import type { Target } from '../../../../main/eligibility/rules'
import type { ReviewFilter } from '../../../../main/eligibility/types'

export const TARGET_OPTIONS: { value: Target; label: string }[] = [
  { value: 'section-chief', label: '提任正科级领导职务' },
  { value: 'deputy-section', label: '提任副科级领导职务' },
]

/** 职级晋升 targets (公务员职务与职级并行规定). */
export const RANK_TARGET_OPTIONS: { value: Target; label: string }[] = [
  { value: 'rank-4', label: '晋升四级主任科员' },
  { value: 'rank-3', label: '晋升三级主任科员' },
  { value: 'rank-2', label: '晋升二级主任科员' },
  { value: 'rank-1', label: '晋升一级主任科员' },
]

export const FILTERS: { value: ReviewFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'eligible', label: '符合' },
  { value: 'ineligible', label: '不符合' },
  { value: 'unknown', label: '待补充信息' },
  { value: 'blocked-by-one', label: '仅一项不符合' },
]

export const OUTCOME_MARK: Record<Outcome, string> = { pass: '✓', fail: '✗', unknown: '?' }
export const OUTCOME_TEXT: Record<Outcome, string> = { pass: '符合', fail: '不符合', unknown: '待补充信息' }

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function todayText(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

export type Tone = 'ok' | 'bad' | 'unknown' | 'override'

/** The verdict as the head reads it, with overrides counted. */
export function verdictOf(v: { eligible: boolean | null; effective: boolean | null }): {
  text: string
  tone: Tone
} {
  if (v.effective !== v.eligible) {
    if (v.effective === true) return { text: '符合（经豁免）', tone: 'override' }
    if (v.effective === null) return { text: '待补充（经豁免）', tone: 'unknown' }
  }
  if (v.eligible === true) return { text: '符合', tone: 'ok' }
  if (v.eligible === false) return { text: '不符合', tone: 'bad' }
  return { text: '待补充信息', tone: 'unknown' }
}

/** Dates inside a sentence from the rules, as the app shows dates: 2026-11-30 → 2026.11.30,
 *  1980-12 → 1980.12 (the rules and the command line keep ISO). */
export function dotDates(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})(?:-(\d{2}))?\b/g, (_m, y: string, mo: string, d?: string) =>
    d ? `${y}.${mo}.${d}` : `${y}.${mo}`,
  )
}

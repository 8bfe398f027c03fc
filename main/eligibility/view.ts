/**
 * What a view of the review is (the page's grid, its filter counts and the Excel export of the
 * same view): the cadres of one 工作单位 and one current 职务层次 or 职级, matching a search, and
 * among those the result filter. One predicate for the three, so that the pills, the rows listed
 * and the exported rows are the same numbers.
 */
import type { ReviewFilter, ReviewSummary } from './types'

/** The view's scope, before the result filter. */
export interface ReviewScope {
  /** Part of 姓名, 工作单位 or 身份证号. */
  search?: string | undefined
  /** Only this 工作单位 (exact name). */
  unit?: string | undefined
  /** Only this current 职务层次 or 职级. */
  level?: string | undefined
}

interface Scoped {
  name: string
  idCard: string
  unit: string | null
  positionLevel: string | null
  rank: string | null
}

/** Whether nothing narrows the view (the whole county). */
export function isWholeRound(s: ReviewScope): boolean {
  return !s.search?.trim() && !s.unit?.trim() && !s.level?.trim()
}

/** The key of a scope (what a kept count or list is remembered by). */
export function scopeKey(s: ReviewScope): string {
  return JSON.stringify([s.search?.trim() ?? '', s.unit?.trim() ?? '', s.level?.trim() ?? ''])
}

/** A predicate for the scope, its strings trimmed once. */
export function inScope(s: ReviewScope): (r: Scoped) => boolean {
  const search = s.search?.trim() ?? ''
  const unit = s.unit?.trim() ?? ''
  const level = s.level?.trim() ?? ''
  return (r) =>
    (!unit || r.unit === unit) &&
    (!level || r.positionLevel === level || r.rank === level) &&
    (!search || r.name.includes(search) || (r.unit ?? '').includes(search) || r.idCard.includes(search))
}

/** The result of one cadre as the filters read it: by the rules alone (CLI.md's `eligible`). */
export interface Verdict {
  eligible: boolean | null
  failCount: number
}

export function matchesFilter(v: Verdict, filter: ReviewFilter): boolean {
  switch (filter) {
    case 'all':
      return true
    case 'eligible':
      return v.eligible === true
    case 'ineligible':
      return v.eligible === false
    case 'unknown':
      return v.eligible === null
    case 'blocked-by-one':
      return v.failCount === 1
  }
}

export function emptySummary(): ReviewSummary {
  return { total: 0, eligible: 0, ineligible: 0, unknown: 0, blockedByOne: 0 }
}

/** Adds one cadre to the filter counts. */
export function count(s: ReviewSummary, v: Verdict): void {
  s.total++
  if (v.eligible === true) s.eligible++
  else if (v.eligible === false) s.ineligible++
  else s.unknown++
  if (v.failCount === 1) s.blockedByOne++
}

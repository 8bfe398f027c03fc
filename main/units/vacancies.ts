/**
 * The vacancies a candidate could fill (issue 13): for a review's target level (提任正科 → 正科,
 * 提任副科 → 副科), every unit with a vacant post at that level at the review date — allotted 职数
 * less holders of that 职务层次 directly in the unit, 在职 at the date (main/stats/compute.ts
 * postsAgainstHolders, the same count as 单位管理 and 统计分析) — with the day the post fell vacant.
 * The candidate's own unit comes first, then the longest vacant, then tree order. 职级 (rank)
 * promotions hold no leadership post: no list for them.
 */
import { TARGET_GOAL, TARGET_SHORT, type Target } from '../eligibility/rules'
import type { AppContext } from '../services/context'
import { postsAgainstHolders } from '../stats/compute'
import { unitPaths } from './match'

export interface Vacancy {
  unitId: number
  unit: string
  /** "县直部门 › 县财政局". */
  path: string
  level: string
  allotted: number
  filled: number
  vacant: number
  /** YYYY-MM-DD, or null when not recorded. */
  vacantSince: string | null
  /** The candidate's own unit (or a unit above or below it). */
  near: boolean
}

export interface VacancyList {
  target: Target
  /** The 职务层次 the target fills, or null for a 职级 promotion. */
  level: string | null
  at: string
  vacancies: Vacancy[]
  /** Units with 职数 at that level (vacant or not), to tell "none vacant" from "none recorded". */
  unitsWithPosts: number
  /** Why there is no list, when there is none. */
  note: string | null
}

export function vacanciesFor(ctx: AppContext, q: { target: Target; at?: string; cadreId?: number | null }): VacancyList {
  const at = q.at ?? ctx.today()
  const level = TARGET_GOAL[q.target].level ?? null
  if (!level) {
    return {
      target: q.target,
      level: null,
      at,
      vacancies: [],
      unitsWithPosts: 0,
      note: `${TARGET_SHORT[q.target]}是职级晋升，不占领导职数，不列空缺职位`,
    }
  }
  const rows = postsAgainstHolders(ctx, at, null).filter((p) => p.level === level)
  const tree = ctx.db.prepare('SELECT id, name, parent_id AS parentId FROM units').all() as {
    id: number
    name: string
    parentId: number | null
  }[]
  const paths = unitPaths(tree)
  const own = q.cadreId
    ? ((ctx.db.prepare('SELECT unit_id FROM cadres WHERE id = ?').pluck().get(q.cadreId) as number | null | undefined) ?? null)
    : null
  // The candidate's unit, its parents and its children count as near.
  const near = new Set<number>()
  if (own !== null) {
    const byId = new Map(tree.map((u) => [u.id, u]))
    for (let u = byId.get(own); u && !near.has(u.id); u = u.parentId === null ? undefined : byId.get(u.parentId)) near.add(u.id)
    for (const u of tree) if (u.parentId === own) near.add(u.id)
  }
  const order = new Map(rows.map((r, i) => [r.unitId, i]))
  const vacancies = rows
    .filter((r) => r.vacant > 0)
    .map((r) => ({
      unitId: r.unitId,
      unit: r.unit,
      path: paths.get(r.unitId) ?? r.unit,
      level: r.level,
      allotted: r.allotted,
      filled: r.filled,
      vacant: r.vacant,
      vacantSince: r.vacantSince,
      near: near.has(r.unitId),
    }))
    .sort(
      (a, b) =>
        Number(b.near) - Number(a.near) ||
        (a.vacantSince ?? '9999').localeCompare(b.vacantSince ?? '9999') ||
        (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0),
    )
  return {
    target: q.target,
    level,
    at,
    vacancies,
    unitsWithPosts: rows.length,
    note: rows.length === 0 ? `还没有单位登记${level}职数（在“单位管理 → 职数”中登记）` : null,
  }
}

/** Unit subtrees for "a unit and the units below it". */
import type { AppContext } from '../services/context'

export function unitSubtree(ctx: AppContext, unitId: number): number[] {
  const rows = ctx.db
    .prepare(
      `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub`,
    )
    .all(unitId) as { id: number }[]
  return rows.map((r) => r.id)
}

/** SQL condition and params narrowing cadres `c` to a unit subtree (none when unitId is null). */
export function unitFilter(
  ctx: AppContext,
  unitId: number | null | undefined,
): { sql: string; params: number[] } {
  if (unitId === null || unitId === undefined) return { sql: '1', params: [] }
  const ids = unitSubtree(ctx, unitId)
  return { sql: `c.unit_id IN (${ids.map(() => '?').join(',')})`, params: ids }
}

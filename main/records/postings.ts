/** 一线/派驻: who is stationed now (a posting whose months cover today). */
import type { AppContext } from '../services/context'

export interface StationedRow {
  postingId: number
  cadreId: number
  name: string
  gender: string | null
  unit: string | null
  position: string | null
  kind: string
  place: string | null
  start: string | null
  end: string | null
}

/** SQL condition: posting `p` covers month ? (YYYY-MM), passed twice. */
export const POSTING_COVERS = '(p.start IS NULL OR p.start <= ?) AND (p.end IS NULL OR p.end >= ?)'

export function stationedAt(ctx: AppContext, q: { at?: string; kind?: string | null } = {}): StationedRow[] {
  const month = (q.at ?? ctx.today()).slice(0, 7)
  const kindSql = q.kind ? 'AND p.kind = ?' : ''
  const params: unknown[] = [month, month]
  if (q.kind) params.push(q.kind)
  return ctx.db
    .prepare(
      `SELECT p.id AS postingId, c.id AS cadreId, c.name, c.gender, u.name AS unit, c.position,
              p.kind, p.place, p.start, p.end
         FROM postings p JOIN cadres c ON c.id = p.cadre_id LEFT JOIN units u ON u.id = c.unit_id
        WHERE c.status = '在职' AND ${POSTING_COVERS} ${kindSql}
        ORDER BY p.kind, p.place, c.name`,
    )
    .all(...params) as StationedRow[]
}

export interface PostingListRow extends StationedRow {
  current: boolean
}

/** Every posting, newest first, optionally of one kind; `current` marks those covering today. */
export function listPostings(
  ctx: AppContext,
  q: { kind?: string | null; search?: string | null } = {},
): PostingListRow[] {
  const month = ctx.today().slice(0, 7)
  const where: string[] = ['1']
  const params: unknown[] = [month, month]
  if (q.kind) {
    where.push('p.kind = ?')
    params.push(q.kind)
  }
  if (q.search) {
    where.push('(c.name LIKE ? OR p.place LIKE ? OR c.name_initials LIKE ?)')
    params.push(`%${q.search}%`, `%${q.search}%`, `${q.search.toLowerCase()}%`)
  }
  const rows = ctx.db
    .prepare(
      `SELECT p.id AS postingId, c.id AS cadreId, c.name, c.gender, u.name AS unit, c.position,
              p.kind, p.place, p.start, p.end,
              (c.status = '在职' AND ${POSTING_COVERS}) AS current
         FROM postings p JOIN cadres c ON c.id = p.cadre_id LEFT JOIN units u ON u.id = c.unit_id
        WHERE ${where.join(' AND ')}
        ORDER BY current DESC, p.start DESC, c.name LIMIT 5000`,
    )
    .all(...params) as (StationedRow & { current: number })[]
  return rows.map((r) => ({ ...r, current: r.current === 1 }))
}

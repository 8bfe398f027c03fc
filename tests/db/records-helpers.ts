/** Shared set-up of the records tests: a fresh in-memory database with a few units and cadres. */
import { makeIdCard } from '../../main/domain/idcard'
import type { AppContext } from '../../main/services/context'
import { memoryContext } from '../context'

export function recordsContext(at = '2026-11-22'): AppContext {
  return memoryContext({ at })
}

export function addUnit(ctx: AppContext, name: string, parentId: number | null = null): number {
  return Number(
    ctx.db.prepare('INSERT INTO units (name, parent_id) VALUES (?, ?)').run(name, parentId).lastInsertRowid,
  )
}

let seq = 0
export function addCadre(
  ctx: AppContext,
  name: string,
  opts: { unitId?: number | null; gender?: '男' | '女'; birth?: string; status?: string } = {},
): number {
  seq++
  const birth = opts.birth ?? '1985-06'
  const gender = opts.gender ?? '男'
  const sq = (seq * 2 + (gender === '男' ? 1 : 0)) % 1000
  const id = makeIdCard('410821', `${birth}-15`.replace(/-/g, ''), sq)
  const now = '2026-01-01T00:00:00Z'
  return Number(
    ctx.db
      .prepare(
        `INSERT INTO cadres (id_card, name, gender, birth_date, unit_id, status, position, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, name, gender, birth, opts.unitId ?? null, opts.status ?? '在职', '科员', now, now)
      .lastInsertRowid,
  )
}

export function auditCount(ctx: AppContext, entity?: string): number {
  const r = entity
    ? (ctx.db.prepare('SELECT count(*) AS n FROM audit_log WHERE entity = ?').get(entity) as { n: number })
    : (ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number })
  return r.n
}

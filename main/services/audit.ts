/**
 * The audit log: who changed what, when, with the changed values before and after. Every service
 * that writes calls `recordAudit` inside its own transaction, so a change and its record land
 * together or not at all. Entries are never edited or pruned.
 */
import type { AuditEntry } from '../domain/cadre'
import { auditFromDb, type DbAuditEntry } from '../db/types'
import type { AppContext } from './context'
import { getSetting, setSetting } from './settings'

export interface AuditInput {
  /** What happened: 'create', 'update', 'status', 'photo', 'import', 'delete', ... */
  action: string
  /** What it happened to: 'cadre', 'unit', 'talk', 'assessment', ... */
  entity: string
  entityId?: number | null
  /** The person concerned, so the cadre's own history can list it. */
  cadreId?: number | null
  /** One Chinese sentence a clerk can read. */
  summary: string
  /** Just the changed values (never photo bytes). */
  before?: unknown
  after?: unknown
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v)
}

export function recordAudit(ctx: AppContext, e: AuditInput): number {
  const r = ctx.db
    .prepare(
      'INSERT INTO audit_log (at, actor, action, entity, entity_id, cadre_id, summary, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      ctx.nowIso(),
      ctx.actor,
      e.action,
      e.entity,
      e.entityId ?? null,
      e.cadreId ?? null,
      e.summary,
      json(e.before),
      json(e.after),
    )
  return Number(r.lastInsertRowid)
}

/** Newest first. With `cadreId`, that person's history only. */
export function listAudit(
  ctx: AppContext,
  q: { cadreId?: number | undefined; offset?: number; limit?: number },
): { entries: AuditEntry[]; total: number } {
  const where = q.cadreId !== undefined ? 'WHERE cadre_id = ?' : ''
  const params = q.cadreId !== undefined ? [q.cadreId] : []
  const total = (
    ctx.db.prepare(`SELECT count(*) AS n FROM audit_log ${where}`).get(...params) as { n: number }
  ).n
  const rows = ctx.db
    .prepare(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...params, q.limit ?? 200, q.offset ?? 0) as DbAuditEntry[]
  return { entries: rows.map(auditFromDb), total }
}

/**
 * Settings that only remember how a screen is laid out (the roster's columns): any account may
 * set them and they are not audited. Every other setting (thresholds, impact periods, the county's
 * name) is a change of the rules and lands in the audit log with its account.
 */
export const VIEW_SETTINGS: ReadonlySet<string> = new Set(['roster.columns'])

/** settings.set with its audit entry (issue 12: changing the impact periods left no trace). */
export function setSettingAudited(ctx: AppContext, key: string, value: unknown): void {
  ctx.db.transaction(() => {
    const before = getSetting(ctx, key)
    setSetting(ctx, key, value)
    if (VIEW_SETTINGS.has(key)) return
    const after = getSetting(ctx, key)
    if (JSON.stringify(before) === JSON.stringify(after)) return
    recordAudit(ctx, {
      action: 'settings',
      entity: 'settings',
      summary: `修改设置“${key}”`,
      before: { key, value: before },
      after: { key, value: after },
    })
  })()
}

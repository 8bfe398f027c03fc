/**
 * The audit trail's hash chain. Each entry's `hash` is SHA-256 over the previous entry's hash and
 * the entry's own fields, set by a trigger (migration 0070) through the SQL function
 * `cadre_audit_hash`, so every insert is chained, the roster import's own statement included. An
 * edited entry, a removed one (a gap) or a changed order no longer verifies. Triggers refuse
 * UPDATE and DELETE on sealed entries: inside the app the log is append-only.
 */
import * as crypto from 'node:crypto'
import type { Db } from './open'

type Cell = string | number | bigint | null

/** Node's one-shot hash (Node ≥ 20.12, Electron's Node too): a third cheaper than createHash for
 *  these short inputs, and every audit entry (50,000 on a roster import) computes one. Same digest. */
const oneShot = (crypto as { hash?: (alg: string, data: string) => string }).hash

export function auditHash(prev: Cell, ...fields: Cell[]): string {
  const norm = [prev, ...fields].map((v) => (typeof v === 'bigint' ? Number(v) : v))
  const text = JSON.stringify(norm)
  return oneShot ? oneShot('sha256', text) : crypto.createHash('sha256').update(text).digest('hex')
}

export function registerAuditHash(db: Db): void {
  db.function('cadre_audit_hash', { deterministic: true, varargs: true }, (prev: unknown, ...rest: unknown[]) =>
    auditHash(prev as Cell, ...(rest as Cell[])),
  )
}

const FIELDS = 'id, at, actor, action, entity, entity_id, cadre_id, summary, before, after'

interface ChainRow {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entity_id: number | null
  cadre_id: number | null
  summary: string
  before: string | null
  after: string | null
  prev_hash: string | null
  hash: string | null
}

function fieldsOf(r: ChainRow): Cell[] {
  return [r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.cadre_id, r.summary, r.before, r.after]
}

function hasChain(db: Db): boolean {
  try {
    return (db.prepare("SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'hash'").pluck().get() as number) > 0
  } catch {
    return false
  }
}

/** Chains entries written before migration 0070 (hash NULL), in id order. */
export function sealAuditChain(db: Db): void {
  if (!hasChain(db)) return
  const open = db.prepare('SELECT count(*) FROM audit_log WHERE hash IS NULL').pluck().get() as number
  if (open === 0) return
  db.transaction(() => {
    const rows = db.prepare(`SELECT ${FIELDS}, prev_hash, hash FROM audit_log ORDER BY id`).iterate() as IterableIterator<ChainRow>
    const upd = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?')
    const pending: [string | null, string, number][] = []
    let prev: string | null = null
    for (const r of rows) {
      if (r.hash === null) {
        const h = auditHash(prev, ...fieldsOf(r))
        pending.push([prev, h, r.id])
        prev = h
      } else prev = r.hash
    }
    for (const p of pending) upd.run(...p)
  })()
}

export interface ChainResult {
  ok: boolean
  count: number
  /** Chinese, one line per problem. */
  problems: string[]
}

/** Recomputes the chain: an edited entry, a gap, a reordering or a cut-off tail is reported. */
export function verifyAuditChain(db: Db): ChainResult {
  if (!hasChain(db)) return { ok: true, count: 0, problems: [] }
  const problems: string[] = []
  let prev: string | null = null
  let count = 0
  let lastId = 0
  for (const r of db.prepare(`SELECT ${FIELDS}, prev_hash, hash FROM audit_log ORDER BY id`).iterate() as IterableIterator<ChainRow>) {
    count++
    if (r.prev_hash !== prev) problems.push(`审计记录第 ${r.id} 条之前缺少记录或顺序被改动（链接不连续）`)
    const h = auditHash(r.prev_hash, ...fieldsOf(r))
    if (h !== r.hash) problems.push(`审计记录第 ${r.id} 条（${r.at}，${r.actor}）的内容被改动过（校验值不符）`)
    prev = r.hash
    lastId = r.id
    if (problems.length >= 20) break
  }
  const head = db.prepare("SELECT value FROM db_meta WHERE key = 'audit_head'").pluck().get() as string | undefined
  if (problems.length < 20 && head !== undefined && Number(head) !== lastId) {
    problems.push(`审计记录的最后一条应为第 ${head} 条，现为第 ${lastId} 条：末尾的记录被删除或改动`)
  }
  return { ok: problems.length === 0, count, problems }
}

export type AuditEntry = [
  at: string,
  actor: string,
  action: string,
  entity: string,
  entityId: number | null,
  cadreId: number | null,
  summary: string,
  before: string | null,
  after: string | null,
]

export interface ChainedAudit {
  /** Appends one entry with its link and hash; its id. */
  append(...entry: AuditEntry): number
  /** Reads the chain's last entry again (after the event loop ran: another statement on this
   *  connection may have appended through the trigger meanwhile). */
  resync(): void
  /** Records the last entry as the chain's head (db_meta 'audit_head'), as the trigger does. */
  finish(): void
}

/**
 * Audit entries chained here instead of by the trigger, for the roster import's tens of thousands
 * (issue 11): the same link and the same hash (auditHash over the previous hash and the entry's
 * fields, its id included), written with the row. The trigger chains only entries that arrive
 * without a hash (migration 0180); its UPDATE of each new row, its two look-ups of the previous
 * entry and its db_meta write per entry took ~0.3 s of a 50,000-row import. Nothing is trusted
 * more than before: verifyAuditChain recomputes every hash, so a wrong one is reported however it
 * was written. Use inside the caller's transaction, which holds the write lock.
 */
export function chainedAudit(db: Db): ChainedAudit {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1')
  const insert = db.prepare(
    'INSERT INTO audit_log (id, at, actor, action, entity, entity_id, cadre_id, summary, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  let state: { id: number; hash: string | null } | null = null
  let appended = false
  const head = (): { id: number; hash: string | null } => {
    if (!state) state = (last.get() as { id: number; hash: string | null } | undefined) ?? { id: 0, hash: null }
    return state
  }
  return {
    append(...entry) {
      const prev = head()
      const id = prev.id + 1
      const hash = auditHash(prev.hash, id, ...entry)
      insert.run(id, ...entry, prev.hash, hash)
      state = { id, hash }
      appended = true
      return id
    },
    resync() {
      state = null
    },
    finish() {
      if (!appended) return
      db.prepare("INSERT INTO db_meta (key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
        String(head().id),
      )
    },
  }
}

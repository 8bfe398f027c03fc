/**
 * The talks ledger (谈话记录), the escalation rule "一次督办、二次约谈、三次诫勉" and the due list
 * of the half-yearly rule (every stationed cadre is talked to at least every 6 months).
 */
import { addMonths } from '../domain/dates'
import type { AppContext } from '../services/context'
import { POSTING_COVERS } from './postings'
import { escalationWindowMonths, talkDueMonths } from './settings'
import { unitFilter } from './units'

export interface TalkLedgerQuery {
  kinds?: string[]
  from?: string | null
  to?: string | null
  unitId?: number | null
  talker?: string | null
  search?: string | null
  offset?: number
  limit?: number
}

export interface TalkLedgerRow {
  id: number
  cadreId: number
  name: string
  unit: string | null
  position: string | null
  date: string
  kind: string
  talker: string | null
  reason: string | null
  content: string | null
  followUp: string | null
  followUpDeadline: string | null
  docNo: string | null
}

export function talkLedger(ctx: AppContext, q: TalkLedgerQuery): { rows: TalkLedgerRow[]; total: number } {
  const where: string[] = []
  const params: unknown[] = []
  if (q.kinds && q.kinds.length > 0) {
    where.push(`t.kind IN (${q.kinds.map(() => '?').join(',')})`)
    params.push(...q.kinds)
  }
  if (q.from) {
    where.push('t.date >= ?')
    params.push(q.from)
  }
  if (q.to) {
    where.push('t.date <= ?')
    params.push(q.to)
  }
  if (q.talker) {
    where.push('t.talker LIKE ?')
    params.push(`%${q.talker}%`)
  }
  if (q.search) {
    where.push('(c.name LIKE ? OR c.name_initials LIKE ? OR t.reason LIKE ? OR t.doc_no LIKE ?)')
    params.push(`%${q.search}%`, `${q.search.toLowerCase()}%`, `%${q.search}%`, `%${q.search}%`)
  }
  const uf = unitFilter(ctx, q.unitId)
  where.push(uf.sql)
  params.push(...uf.params)
  const from = `FROM talks t JOIN cadres c ON c.id = t.cadre_id LEFT JOIN units u ON u.id = c.unit_id WHERE ${where.join(' AND ')}`
  const total = (ctx.db.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number }).n
  const rows = ctx.db
    .prepare(
      `SELECT t.id, t.cadre_id AS cadreId, c.name, u.name AS unit, c.position, t.date, t.kind, t.talker, t.reason,
              t.content, t.follow_up AS followUp, t.follow_up_deadline AS followUpDeadline, t.doc_no AS docNo
       ${from} ORDER BY t.date DESC, t.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, q.limit ?? 500, q.offset ?? 0) as TalkLedgerRow[]
  return { rows, total }
}

export interface EscalationHint {
  cadreId: number
  name: string
  unit: string | null
  /** The 督办 that opened the chain and the 约谈 that followed (null when not yet). */
  supervisionDate: string
  interviewDate: string | null
  /** What the rule asks for next. */
  nextStep: '约谈' | '诫勉'
  message: string
}

/** A talk kind's place in the chain: 督办 (1), 约谈 (2), 诫勉 (3). */
function step(kind: string): 1 | 2 | 3 | 0 {
  if (kind === '督办') return 1
  if (kind === '约谈') return 2
  if (kind === '诫勉谈话' || kind === '诫勉') return 3
  return 0
}

/**
 * Within the window (default 12 months up to today): a 督办 followed by a 约谈 and no 诫勉 since
 * → the next step is 诫勉; a 督办 with no 约谈 since → the next step is 约谈.
 */
export function escalationHints(ctx: AppContext, q: { cadreId?: number } = {}): EscalationHint[] {
  const months = escalationWindowMonths(ctx)
  const today = ctx.today()
  const since = addMonths(today, -months)
  const rows = ctx.db
    .prepare(
      `SELECT t.cadre_id AS cadreId, c.name, u.name AS unit, t.date, t.kind
         FROM talks t JOIN cadres c ON c.id = t.cadre_id LEFT JOIN units u ON u.id = c.unit_id
        WHERE t.kind IN ('督办', '约谈', '诫勉谈话', '诫勉') AND t.date > ? AND t.date <= ? AND c.status = '在职'
          ${q.cadreId !== undefined ? 'AND t.cadre_id = ?' : ''}
        ORDER BY t.cadre_id, t.date, t.id`,
    )
    .all(...(q.cadreId !== undefined ? [since, today, q.cadreId] : [since, today])) as {
    cadreId: number
    name: string
    unit: string | null
    date: string
    kind: string
  }[]
  const out: EscalationHint[] = []
  let i = 0
  while (i < rows.length) {
    const first = rows[i]
    if (!first) break
    const cadreId = first.cadreId
    let supervision: string | null = null
    let interview: string | null = null
    for (; i < rows.length && rows[i]?.cadreId === cadreId; i++) {
      const r = rows[i]
      if (!r) break
      const s = step(r.kind)
      if (s === 1 && supervision === null) supervision = r.date
      else if (s === 2 && supervision !== null && interview === null) interview = r.date
      else if (s === 3 && supervision !== null) {
        // The chain ended in 诫勉: start afresh after it.
        supervision = null
        interview = null
      }
    }
    if (supervision === null) continue
    const nextStep = interview ? '诫勉' : '约谈'
    out.push({
      cadreId,
      name: first.name,
      unit: first.unit,
      supervisionDate: supervision,
      interviewDate: interview,
      nextStep,
      message: interview
        ? `${months} 个月内已督办（${supervision}）并约谈（${interview}），下一步应为诫勉`
        : `${months} 个月内已督办（${supervision}），如仍未整改，下一步应为约谈`,
    })
  }
  return out.sort((a, b) =>
    a.nextStep === b.nextStep ? a.name.localeCompare(b.name, 'zh') : a.nextStep === '诫勉' ? -1 : 1,
  )
}

export interface DueRow {
  cadreId: number
  name: string
  unit: string | null
  position: string | null
  kind: string
  place: string | null
  lastTalk: string | null
  lastTalkKind: string | null
}

/** Stationed cadres (a current posting) with no talk of any kind in the last N months (default 6). */
export function talksDue(ctx: AppContext): { months: number; since: string; rows: DueRow[] } {
  const months = talkDueMonths(ctx)
  const today = ctx.today()
  const since = addMonths(today, -months)
  const month = today.slice(0, 7)
  const rows = ctx.db
    .prepare(
      `SELECT c.id AS cadreId, c.name, u.name AS unit, c.position, p.kind, p.place,
              (SELECT max(t.date) FROM talks t WHERE t.cadre_id = c.id) AS lastTalk,
              (SELECT t.kind FROM talks t WHERE t.cadre_id = c.id ORDER BY t.date DESC, t.id DESC LIMIT 1) AS lastTalkKind
         FROM postings p JOIN cadres c ON c.id = p.cadre_id LEFT JOIN units u ON u.id = c.unit_id
        WHERE c.status = '在职' AND ${POSTING_COVERS}
          AND NOT EXISTS (SELECT 1 FROM talks t WHERE t.cadre_id = c.id AND t.date > ? AND t.date <= ?)
        GROUP BY c.id
        ORDER BY lastTalk IS NOT NULL, lastTalk, c.name`,
    )
    .all(month, month, since, today) as DueRow[]
  return { months, since, rows }
}

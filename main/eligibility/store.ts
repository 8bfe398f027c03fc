/** Rule set versions, decisions, overrides and the investigation register (migration 0030). */
import type { Db } from '../db/open'
import { AppError } from '../domain/errors'
import { recordAudit } from '../services/audit'
import type { AppContext } from '../services/context'
import {
  ruleIssueText,
  RuleListSchema,
  DEFAULT_RULE_LABELS,
  TARGET_LABELS,
  defaultRuleSet,
  describeRule,
  versionText,
  type RuleDef,
  type RuleId,
  type RuleSet,
  type Target,
} from './rules'
import type { Decision, DecisionInfo, OverrideInfo, VerdictText } from './types'

interface DbRuleSet {
  target: Target
  version: number
  rules: string
  note: string | null
  actor: string
  created_at: string
}

function ruleSetFromDb(r: DbRuleSet): RuleSet {
  const parsed = RuleListSchema.safeParse(JSON.parse(r.rules))
  if (!parsed.success) {
    throw new AppError(
      'eligibility-rules-corrupt',
      `${TARGET_LABELS[r.target]}的规则集第 ${r.version} 版无法读取：${parsed.error.issues[0]?.message ?? ''}`,
      `rule set ${r.target} v${r.version} is malformed`,
    )
  }
  return {
    target: r.target,
    version: r.version,
    rules: parsed.data as RuleDef[],
    note: r.note,
    actor: r.actor,
    createdAt: r.created_at,
  }
}

/** The rule set in force for a target: the newest saved version, or the built-in defaults. */
export function currentRuleSet(db: Db, target: Target): RuleSet {
  const r = db
    .prepare('SELECT * FROM eligibility_rule_sets WHERE target = ? ORDER BY version DESC LIMIT 1')
    .get(target) as DbRuleSet | undefined
  return r ? ruleSetFromDb(r) : defaultRuleSet(target)
}

/** Newest first, ending with the built-in defaults (version 0). */
export function ruleSetHistory(db: Db, target: Target): RuleSet[] {
  const rows = db
    .prepare('SELECT * FROM eligibility_rule_sets WHERE target = ? ORDER BY version DESC')
    .all(target) as DbRuleSet[]
  return [...rows.map(ruleSetFromDb), defaultRuleSet(target)]
}

export function saveRuleSet(ctx: AppContext, target: Target, rules: unknown, note: string | null): RuleSet {
  const parsed = RuleListSchema.safeParse(rules)
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => ruleIssueText(i, rules))
    throw new AppError('eligibility-rules-invalid', `规则集无效：${issues.join('；')}`, 'invalid rule set')
  }
  return ctx.db.transaction(() => {
    const before = currentRuleSet(ctx.db, target)
    const version = before.version + 1
    ctx.db
      .prepare(
        'INSERT INTO eligibility_rule_sets (target, version, rules, note, actor, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(target, version, JSON.stringify(parsed.data), note, ctx.actor, ctx.nowIso())
    recordAudit(ctx, {
      action: 'update',
      entity: 'eligibility-rules',
      entityId: version,
      summary: `修改${TARGET_LABELS[target]}资格审查规则（第 ${version} 版）${note ? `：${note}` : ''}`,
      // Each rule by its Chinese name and sentence, as the audit log shows them.
      before: Object.fromEntries(before.rules.map((r) => [r.label, describeRule(r)])),
      after: Object.fromEntries((parsed.data as RuleDef[]).map((r) => [r.label, describeRule(r)])),
    })
    return currentRuleSet(ctx.db, target)
  })()
}

interface DbOverride {
  id: number
  cadre_id: number
  rule_id: RuleId
  reason: string
  failed_reason: string
  rule_set_version: number
  actor: string
  created_at: string
}

function overrideFromDb(r: DbOverride): OverrideInfo {
  return {
    id: r.id,
    ruleId: r.rule_id,
    reason: r.reason,
    failedReason: r.failed_reason,
    ruleSetVersion: r.rule_set_version,
    actor: r.actor,
    createdAt: r.created_at,
  }
}

/** Running overrides of a round, by cadre (newest per rule wins). */
export function roundOverrides(
  db: Db,
  target: Target,
  at: string,
  cadreId?: number,
): Map<number, Map<RuleId, OverrideInfo>> {
  const rows = db
    .prepare(
      `SELECT * FROM eligibility_overrides WHERE target = ? AND review_date = ? AND revoked_at IS NULL ${cadreId !== undefined ? 'AND cadre_id = ?' : ''} ORDER BY id`,
    )
    .all(...[target, at, ...(cadreId !== undefined ? [cadreId] : [])]) as DbOverride[]
  const out = new Map<number, Map<RuleId, OverrideInfo>>()
  for (const r of rows) {
    let m = out.get(r.cadre_id)
    if (!m) out.set(r.cadre_id, (m = new Map()))
    m.set(r.rule_id, overrideFromDb(r))
  }
  return out
}

export function insertOverride(
  ctx: AppContext,
  o: {
    cadreId: number
    cadreName: string
    target: Target
    at: string
    ruleId: RuleId
    ruleLabel: string
    reason: string
    failedReason: string
    version: number
  },
): number {
  const id = Number(
    ctx.db
      .prepare(
        `INSERT INTO eligibility_overrides (cadre_id, target, review_date, rule_id, reason, failed_reason, rule_set_version, actor, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(o.cadreId, o.target, o.at, o.ruleId, o.reason, o.failedReason, o.version, ctx.actor, ctx.nowIso())
      .lastInsertRowid,
  )
  recordAudit(ctx, {
    action: 'override',
    entity: 'eligibility',
    entityId: id,
    cadreId: o.cadreId,
    summary: `${o.cadreName} ${TARGET_LABELS[o.target]}资格审查（${o.at}）依条例 第九条豁免“${o.ruleLabel}”：${o.reason}`,
    before: { 审查项目: o.ruleLabel, 结果: '不符合', 不符合理由: o.failedReason },
    after: {
      审查项目: o.ruleLabel,
      结果: '不符合（已豁免）',
      豁免依据: '条例 第九条（破格）',
      豁免理由: o.reason,
      规则版本: versionText(o.version),
    },
  })
  return id
}

export function revokeOverride(ctx: AppContext, id: number): { cadreId: number } {
  return ctx.db.transaction(() => {
    const r = ctx.db
      .prepare(
        'SELECT o.*, c.name FROM eligibility_overrides o JOIN cadres c ON c.id = o.cadre_id WHERE o.id = ?',
      )
      .get(id) as
      | (DbOverride & { name: string; target: Target; review_date: string; revoked_at: string | null })
      | undefined
    if (!r) throw new AppError('eligibility-override-missing', '该豁免记录不存在', 'override not found')
    if (r.revoked_at)
      throw new AppError('eligibility-override-revoked', '该豁免已撤销', 'override already revoked')
    ctx.db
      .prepare('UPDATE eligibility_overrides SET revoked_at = ?, revoked_by = ? WHERE id = ?')
      .run(ctx.nowIso(), ctx.actor, id)
    recordAudit(ctx, {
      action: 'revoke-override',
      entity: 'eligibility',
      entityId: id,
      cadreId: r.cadre_id,
      summary: `${r.name} ${TARGET_LABELS[r.target]}资格审查（${r.review_date}）撤销对“${DEFAULT_RULE_LABELS[r.rule_id] ?? r.rule_id}”的豁免`,
      before: { 豁免理由: r.reason },
    })
    return { cadreId: r.cadre_id }
  })()
}

interface DbDecision {
  id: number
  cadre_id: number
  decision: Decision
  note: string | null
  rule_set_version: number
  verdict: VerdictText
  actor: string
  created_at: string
}

function decisionFromDb(r: DbDecision): DecisionInfo {
  return {
    id: r.id,
    decision: r.decision,
    note: r.note,
    ruleSetVersion: r.rule_set_version,
    verdict: r.verdict,
    actor: r.actor,
    createdAt: r.created_at,
  }
}

/** The current (newest) decision per cadre in a round. */
export function roundDecisions(db: Db, target: Target, at: string): Map<number, DecisionInfo> {
  const rows = db
    .prepare('SELECT * FROM eligibility_decisions WHERE target = ? AND review_date = ? ORDER BY id')
    .all(target, at) as DbDecision[]
  const out = new Map<number, DecisionInfo>()
  for (const r of rows) out.set(r.cadre_id, decisionFromDb(r))
  return out
}

/** Every decision on one cadre in a round, newest first. */
export function decisionHistory(db: Db, target: Target, at: string, cadreId: number): DecisionInfo[] {
  const rows = db
    .prepare(
      'SELECT * FROM eligibility_decisions WHERE target = ? AND review_date = ? AND cadre_id = ? ORDER BY id DESC',
    )
    .all(target, at, cadreId) as DbDecision[]
  return rows.map(decisionFromDb)
}

export function insertDecision(
  ctx: AppContext,
  d: {
    cadreId: number
    cadreName: string
    target: Target
    at: string
    decision: Decision
    note: string | null
    version: number
    verdict: VerdictText
    outcomes: unknown
  },
): number {
  const id = Number(
    ctx.db
      .prepare(
        `INSERT INTO eligibility_decisions (cadre_id, target, review_date, decision, note, rule_set_version, verdict, outcomes, actor, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        d.cadreId,
        d.target,
        d.at,
        d.decision,
        d.note,
        d.version,
        d.verdict,
        JSON.stringify(d.outcomes),
        ctx.actor,
        ctx.nowIso(),
      ).lastInsertRowid,
  )
  recordAudit(ctx, {
    action: 'decision',
    entity: 'eligibility',
    entityId: id,
    cadreId: d.cadreId,
    summary: `${d.cadreName} ${TARGET_LABELS[d.target]}资格审查（${d.at}）：${d.decision}${d.note ? `，${d.note}` : ''}`,
    after: { 处理意见: d.decision, 说明: d.note, 审查结论: d.verdict, 规则版本: versionText(d.version) },
  })
  return id
}

/** Registers (active) or closes a running 立案审查调查 for the 'investigation' rule. */
export function setInvestigation(
  ctx: AppContext,
  i: { cadreId: number; active: boolean; since: string | null; note: string | null },
): void {
  ctx.db.transaction(() => {
    const c = ctx.db.prepare('SELECT name FROM cadres WHERE id = ?').get(i.cadreId) as
      { name: string } | undefined
    if (!c) throw new AppError('cadre-missing', '该干部不存在', 'cadre not found')
    const running = ctx.db
      .prepare('SELECT id FROM eligibility_investigations WHERE cadre_id = ? AND closed_on IS NULL')
      .all(i.cadreId)
    if (i.active) {
      if (running.length)
        throw new AppError(
          'eligibility-investigation-running',
          `${c.name} 已登记正在接受的审查调查`,
          'already registered',
        )
      ctx.db
        .prepare(
          'INSERT INTO eligibility_investigations (cadre_id, since, note, actor, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(i.cadreId, i.since, i.note, ctx.actor, ctx.nowIso())
    } else {
      ctx.db
        .prepare(
          'UPDATE eligibility_investigations SET closed_on = ? WHERE cadre_id = ? AND closed_on IS NULL',
        )
        .run(ctx.today(), i.cadreId)
    }
    recordAudit(ctx, {
      action: i.active ? 'investigation-open' : 'investigation-close',
      entity: 'eligibility',
      cadreId: i.cadreId,
      summary: i.active
        ? `登记 ${c.name} 正在接受立案审查调查${i.since ? `（${i.since} 起）` : ''}${i.note ? `：${i.note}` : ''}`
        : `${c.name} 的立案审查调查登记已结束`,
      after: i,
    })
  })()
}

/**
 * The exchange file's optional sections for the tables added after CLI.md's first document. Each
 * refers to cadres by ID number and to units by name, never by database ids. Dump always writes
 * all five, after `cadres`, in this order and each in a fixed order:
 *
 * - `studyRounds`: 研判 round definitions (study_rounds) by date then name: name, date, weighted
 *   dimensions, the group (`{kind:"posting", value: posting kind}`, `{kind:"unit", value: unit
 *   name}`, `{kind:"manual", value:null}`), note, createdAt. Members' scores stay in each cadre's
 *   `studies` list, which names the round.
 * - `monthlyScores`: per cadre (by ID number), the monthly scores of stationed cadres by month.
 * - `appointmentForms`: per cadre, its 干部任免审批表 per-appointment fields, oldest form first.
 * - `eligibilityRuleSets`: every saved rule-set version (by target, version), with its actor.
 * - `eligibilityReviews`: per cadre, its review decisions, overrides (revoked ones too) and
 *   investigation register rows, each list oldest first.
 *
 * How load applies them, in the same transaction as the cadres (after them, so the file's new
 * cadres and units are there to refer to):
 *
 * - A section absent from the file leaves the database's rows alone (files made before these
 *   sections existed load exactly as they did).
 * - `studyRounds` and `eligibilityRuleSets` upsert the rounds (by name) and versions (by target and
 *   version number) the file names; other rounds and versions stay.
 * - `monthlyScores`, `appointmentForms`, `eligibilityReviews` replace, for each cadre the section
 *   names, that cadre's rows of the kind with the file's (an empty list clears them); cadres not
 *   named keep theirs. In `eligibilityReviews` each of `decisions`, `overrides`, `investigations`
 *   may be left out, which keeps that list.
 *
 * A section that does not match its schema refuses the whole file (checked with the frame, see
 * schema.ts). An item that is well-formed but does not fit (an ID number of no cadre in the
 * database, a date that is not one, an unknown unit, a rule set that does not validate, a repeated
 * name) is rejected and listed in the report with its section and position; the rest land.
 */
import type { Db } from '../../db/open'
import { isDay, isMonth } from '../../domain/dates'
import { validateIdCard } from '../../domain/idcard'
import { RuleListSchema } from '../../eligibility/rules'
import type {
  ExCadreForms,
  ExCadreMonthly,
  ExCadreReview,
  ExExtras,
  ExRuleSetVersion,
  ExStudyRound,
  ExtraKey,
} from './schema'
import { EXTRA_LABELS } from './schema'

function json(s: string | null, fallback: unknown): unknown {
  if (s === null) return fallback
  try {
    return JSON.parse(s) as unknown
  } catch {
    return fallback
  }
}

function byIdCard<T>(
  rows: (Record<string, unknown> & { idCard: string })[],
  shape: (r: Record<string, unknown>) => T,
) {
  const out = new Map<string, T[]>()
  for (const r of rows) {
    let l = out.get(r.idCard)
    if (!l) out.set(r.idCard, (l = []))
    l.push(shape(r))
  }
  return out
}

/** Every optional section as dump writes it. */
export function readExtras(db: Db): ExExtras {
  const unitName = db.prepare('SELECT name FROM units WHERE id = ?').pluck()
  const rounds = (
    db
      .prepare(
        'SELECT name, date, dimensions, group_kind, group_value, note, created_at FROM study_rounds ORDER BY date, name',
      )
      .all() as {
      name: string
      date: string
      dimensions: string
      group_kind: 'posting' | 'unit' | 'manual'
      group_value: string | null
      note: string | null
      created_at: string
    }[]
  ).map((r): ExStudyRound => {
    const dims = json(r.dimensions, [])
    const value =
      r.group_kind === 'unit'
        ? ((unitName.get(Number(r.group_value)) as string | undefined) ?? null)
        : r.group_kind === 'posting'
          ? r.group_value
          : null
    return {
      name: r.name,
      date: r.date,
      dimensions: (Array.isArray(dims) ? (dims as { name: unknown; weight: unknown }[]) : [])
        .filter((d) => typeof d?.name === 'string' && typeof d.weight === 'number')
        .map((d) => ({ name: d.name as string, weight: d.weight as number })),
      group: { kind: r.group_kind, value },
      note: r.note,
      createdAt: r.created_at,
    }
  })

  const monthly = byIdCard(
    db
      .prepare(
        `SELECT c.id_card AS idCard, m.month, m.score, m.note FROM monthly_scores m JOIN cadres c ON c.id = m.cadre_id
          ORDER BY c.id_card, m.month, m.id`,
      )
      .all() as (Record<string, unknown> & { idCard: string })[],
    (r) => ({ month: r['month'] as string, score: r['score'] as number, note: r['note'] as string | null }),
  )
  const monthlyScores: ExCadreMonthly[] = [...monthly].map(([idCard, scores]) => ({ idCard, scores }))

  const forms = byIdCard(
    db
      .prepare(
        `SELECT c.id_card AS idCard, f.proposed_position AS proposedPosition, f.proposed_removal AS proposedRemoval,
                f.reason, f.reporting_unit AS reportingUnit, f.filled_by AS filledBy, f.age_at AS ageAt,
                f.filled_at AS filledAt, f.rewards_text AS rewardsText, f.assessment_text AS assessmentText,
                f.created_at AS createdAt, f.updated_at AS updatedAt
           FROM appointment_forms f JOIN cadres c ON c.id = f.cadre_id ORDER BY c.id_card, f.id`,
      )
      .all() as (Record<string, unknown> & { idCard: string })[],
    (r) => {
      const { idCard: _drop, ...rest } = r
      return rest as unknown as ExCadreForms['forms'][number]
    },
  )
  const appointmentForms: ExCadreForms[] = [...forms].map(([idCard, f]) => ({ idCard, forms: f }))

  const eligibilityRuleSets = (
    db
      .prepare(
        'SELECT target, version, rules, note, actor, created_at FROM eligibility_rule_sets ORDER BY target, version',
      )
      .all() as {
      target: ExRuleSetVersion['target']
      version: number
      rules: string
      note: string | null
      actor: string
      created_at: string
    }[]
  ).map((r): ExRuleSetVersion => ({
    target: r.target,
    version: r.version,
    rules: json(r.rules, []) as ExRuleSetVersion['rules'],
    note: r.note,
    actor: r.actor,
    createdAt: r.created_at,
  }))

  const decisions = byIdCard(
    db
      .prepare(
        `SELECT c.id_card AS idCard, d.target, d.review_date AS reviewDate, d.decision, d.note,
                d.rule_set_version AS ruleSetVersion, d.verdict, d.outcomes, d.actor, d.created_at AS createdAt
           FROM eligibility_decisions d JOIN cadres c ON c.id = d.cadre_id ORDER BY c.id_card, d.id`,
      )
      .all() as (Record<string, unknown> & { idCard: string })[],
    (r) => {
      const { idCard: _drop, ...rest } = r
      return { ...rest, outcomes: json(rest['outcomes'] as string, null) } as NonNullable<
        ExCadreReview['decisions']
      >[number]
    },
  )
  const overrides = byIdCard(
    db
      .prepare(
        `SELECT c.id_card AS idCard, o.target, o.review_date AS reviewDate, o.rule_id AS ruleId, o.reason,
                o.failed_reason AS failedReason, o.rule_set_version AS ruleSetVersion, o.actor,
                o.created_at AS createdAt, o.revoked_at AS revokedAt, o.revoked_by AS revokedBy
           FROM eligibility_overrides o JOIN cadres c ON c.id = o.cadre_id ORDER BY c.id_card, o.id`,
      )
      .all() as (Record<string, unknown> & { idCard: string })[],
    (r) => {
      const { idCard: _drop, ...rest } = r
      return rest as unknown as NonNullable<ExCadreReview['overrides']>[number]
    },
  )
  const investigations = byIdCard(
    db
      .prepare(
        `SELECT c.id_card AS idCard, i.since, i.closed_on AS closedOn, i.note, i.actor, i.created_at AS createdAt
           FROM eligibility_investigations i JOIN cadres c ON c.id = i.cadre_id ORDER BY c.id_card, i.id`,
      )
      .all() as (Record<string, unknown> & { idCard: string })[],
    (r) => {
      const { idCard: _drop, ...rest } = r
      return rest as unknown as NonNullable<ExCadreReview['investigations']>[number]
    },
  )
  const reviewed = [...new Set([...decisions.keys(), ...overrides.keys(), ...investigations.keys()])].sort()
  const eligibilityReviews: ExCadreReview[] = reviewed.map((idCard) => ({
    idCard,
    decisions: decisions.get(idCard) ?? [],
    overrides: overrides.get(idCard) ?? [],
    investigations: investigations.get(idCard) ?? [],
  }))

  return { studyRounds: rounds, monthlyScores, appointmentForms, eligibilityRuleSets, eligibilityReviews }
}

/** A rejected item of an optional section. */
export interface ExtraProblem {
  section: ExtraKey
  /** Position of the item in its section, from 1. */
  row: number
  idCard?: string
  key: string
  value?: string
  message: string
}

/** What load did with one section. */
export interface ExtraCount {
  items: number
  written: number
  rejected: number
}

class ItemReject extends Error {
  constructor(
    message: string,
    readonly value?: string,
  ) {
    super(message)
  }
}

const norm = (s: string): string => s.replace(/[\s\u3000]+/g, '')

function day(v: string | null, what: string, optional: boolean): void {
  if (v === null && optional) return
  if (v === null || !isDay(v)) throw new ItemReject(`${what}“${v ?? ''}”不是日期（应为 YYYY-MM-DD）`, v ?? '')
}

/**
 * Applies the sections present in `doc` (see the module comment); the caller holds the
 * transaction. Returns the rejected items and a count per section present.
 */
export function loadExtras(
  db: Db,
  doc: Partial<ExExtras>,
): { rejected: ExtraProblem[]; counts: Partial<Record<ExtraKey, ExtraCount>> } {
  const rejected: ExtraProblem[] = []
  const counts: Partial<Record<ExtraKey, ExtraCount>> = {}
  const findCadre = db.prepare('SELECT id FROM cadres WHERE id_card = ?').pluck()
  const findUnit = db.prepare('SELECT id FROM units WHERE name = ?').pluck()

  const cadreOf = (raw: string): { id: number; idCard: string } => {
    const v = validateIdCard(raw)
    if (!v.ok) throw new ItemReject(`身份证号“${raw}”不正确：${v.message}`, raw)
    const id = findCadre.get(v.value.idCard) as number | undefined
    if (id === undefined)
      throw new ItemReject(`身份证号 ${v.value.idCard} 的干部不在数据库中（文件中没有或已被拒绝）`, raw)
    return { id, idCard: v.value.idCard }
  }

  /** Runs `apply` on each item: a rejection lists the item, anything else aborts the load. */
  const each = <T>(
    section: ExtraKey,
    items: T[] | undefined,
    idCardOf: (item: T) => string | undefined,
    apply: (item: T, seen: Set<string>) => void,
  ): void => {
    if (!items) return
    const count: ExtraCount = { items: items.length, written: 0, rejected: 0 }
    counts[section] = count
    const seen = new Set<string>()
    items.forEach((item, i) => {
      try {
        apply(item, seen)
        count.written++
      } catch (e) {
        if (!(e instanceof ItemReject)) throw e
        count.rejected++
        const p: ExtraProblem = {
          section,
          row: i + 1,
          key: section,
          message: `${EXTRA_LABELS[section]}第 ${i + 1} 项：${e.message}`,
        }
        const idCard = idCardOf(item)
        if (idCard !== undefined) p.idCard = idCard
        if (e.value !== undefined) p.value = e.value
        rejected.push(p)
      }
    })
  }
  const once = (seen: Set<string>, key: string, what: string): void => {
    if (seen.has(key)) throw new ItemReject(`${what}在本部分中出现了两次`, key)
    seen.add(key)
  }

  const upRound = db.prepare(
    `INSERT INTO study_rounds (name, date, dimensions, group_kind, group_value, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET date = excluded.date, dimensions = excluded.dimensions, group_kind = excluded.group_kind,
       group_value = excluded.group_value, note = excluded.note, created_at = excluded.created_at`,
  )
  each(
    'studyRounds',
    doc.studyRounds,
    () => undefined,
    (r, seen) => {
      const name = r.name.trim()
      if (!name) throw new ItemReject('研判批次名称不能为空')
      once(seen, name, `研判批次“${name}”`)
      day(r.date, '研判日期', false)
      const dims = new Set<string>()
      for (const d of r.dimensions) {
        if (dims.has(d.name)) throw new ItemReject(`研判批次“${name}”的维度“${d.name}”重复`, d.name)
        dims.add(d.name)
      }
      let value: string | null = null
      if (r.group.kind === 'posting') {
        if (!r.group.value) throw new ItemReject(`研判批次“${name}”按派驻类别选人，但没有写明类别`)
        value = r.group.value
      } else if (r.group.kind === 'unit') {
        const unit = norm(r.group.value ?? '')
        const id = unit ? (findUnit.get(unit) as number | undefined) : undefined
        if (id === undefined) throw new ItemReject(`研判批次“${name}”的单位“${unit}”不存在`, unit)
        value = String(id)
      }
      upRound.run(name, r.date, JSON.stringify(r.dimensions), r.group.kind, value, r.note, r.createdAt)
    },
  )

  const delMonthly = db.prepare('DELETE FROM monthly_scores WHERE cadre_id = ?')
  const insMonthly = db.prepare(
    'INSERT INTO monthly_scores (cadre_id, month, score, note) VALUES (?, ?, ?, ?)',
  )
  each(
    'monthlyScores',
    doc.monthlyScores,
    (m) => m.idCard,
    (m, seen) => {
      const c = cadreOf(m.idCard)
      once(seen, c.idCard, `身份证号 ${c.idCard}`)
      const months = new Set<string>()
      for (const s of m.scores) {
        if (!isMonth(s.month)) throw new ItemReject(`月份“${s.month}”不是年月（应为 YYYY-MM）`, s.month)
        if (months.has(s.month)) throw new ItemReject(`${s.month} 的得分出现了两次`, s.month)
        months.add(s.month)
      }
      delMonthly.run(c.id)
      for (const s of m.scores) insMonthly.run(c.id, s.month, s.score, s.note)
    },
  )

  const delForms = db.prepare('DELETE FROM appointment_forms WHERE cadre_id = ?')
  const insForm = db.prepare(
    `INSERT INTO appointment_forms (cadre_id, proposed_position, proposed_removal, reason, reporting_unit, filled_by,
       age_at, filled_at, rewards_text, assessment_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  each(
    'appointmentForms',
    doc.appointmentForms,
    (f) => f.idCard,
    (f, seen) => {
      const c = cadreOf(f.idCard)
      once(seen, c.idCard, `身份证号 ${c.idCard}`)
      f.forms.forEach((x, i) => {
        day(x.ageAt, `第 ${i + 1} 张表的计算年龄时间`, true)
        day(x.filledAt, `第 ${i + 1} 张表的填表时间`, true)
      })
      delForms.run(c.id)
      for (const x of f.forms) {
        insForm.run(
          c.id,
          x.proposedPosition,
          x.proposedRemoval,
          x.reason,
          x.reportingUnit,
          x.filledBy,
          x.ageAt,
          x.filledAt,
          x.rewardsText,
          x.assessmentText,
          x.createdAt,
          x.updatedAt,
        )
      }
    },
  )

  const upRuleSet = db.prepare(
    `INSERT INTO eligibility_rule_sets (target, version, rules, note, actor, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(target, version) DO UPDATE SET rules = excluded.rules, note = excluded.note, actor = excluded.actor,
       created_at = excluded.created_at`,
  )
  each(
    'eligibilityRuleSets',
    doc.eligibilityRuleSets,
    () => undefined,
    (r, seen) => {
      once(seen, `${r.target} v${r.version}`, `${r.target} 第 ${r.version} 版`)
      const parsed = RuleListSchema.safeParse(r.rules)
      if (!parsed.success)
        throw new ItemReject(
          `${r.target} 第 ${r.version} 版规则无效：${parsed.error.issues[0]?.message ?? ''}`,
        )
      upRuleSet.run(r.target, r.version, JSON.stringify(parsed.data), r.note, r.actor, r.createdAt)
    },
  )

  const delDecisions = db.prepare('DELETE FROM eligibility_decisions WHERE cadre_id = ?')
  const insDecision = db.prepare(
    `INSERT INTO eligibility_decisions (cadre_id, target, review_date, decision, note, rule_set_version, verdict, outcomes, actor, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const delOverrides = db.prepare('DELETE FROM eligibility_overrides WHERE cadre_id = ?')
  const insOverride = db.prepare(
    `INSERT INTO eligibility_overrides (cadre_id, target, review_date, rule_id, reason, failed_reason, rule_set_version, actor,
       created_at, revoked_at, revoked_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const delInvestigations = db.prepare('DELETE FROM eligibility_investigations WHERE cadre_id = ?')
  const insInvestigation = db.prepare(
    'INSERT INTO eligibility_investigations (cadre_id, since, closed_on, note, actor, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  )
  each(
    'eligibilityReviews',
    doc.eligibilityReviews,
    (r) => r.idCard,
    (r, seen) => {
      const c = cadreOf(r.idCard)
      once(seen, c.idCard, `身份证号 ${c.idCard}`)
      r.decisions?.forEach((d, i) => day(d.reviewDate, `第 ${i + 1} 条决定的审查日期`, false))
      r.overrides?.forEach((o, i) => day(o.reviewDate, `第 ${i + 1} 条豁免的审查日期`, false))
      if (r.decisions) {
        delDecisions.run(c.id)
        for (const d of r.decisions) {
          insDecision.run(
            c.id,
            d.target,
            d.reviewDate,
            d.decision,
            d.note,
            d.ruleSetVersion,
            d.verdict,
            JSON.stringify(d.outcomes ?? null),
            d.actor,
            d.createdAt,
          )
        }
      }
      if (r.overrides) {
        delOverrides.run(c.id)
        for (const o of r.overrides) {
          insOverride.run(
            c.id,
            o.target,
            o.reviewDate,
            o.ruleId,
            o.reason,
            o.failedReason,
            o.ruleSetVersion,
            o.actor,
            o.createdAt,
            o.revokedAt,
            o.revokedBy,
          )
        }
      }
      if (r.investigations) {
        delInvestigations.run(c.id)
        for (const x of r.investigations)
          insInvestigation.run(
            c.id,
            x.since,
            x.closedOn,
            x.note,
            x.actor ?? '交换文件',
            x.createdAt ?? new Date().toISOString(),
          )
      }
    },
  )

  return { rejected, counts }
}

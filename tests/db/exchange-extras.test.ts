/**
 * The exchange file's optional sections (研判 rounds, monthly scores, appointment forms, eligibility
 * rule sets and review records): made through their services on a demo county, they go out through
 * dump and come back exactly; a file without them loads as before; a malformed one is refused whole.
 */
import { describe, expect, it } from 'vitest'
import { AppError } from '../../main/domain/errors'
import { decide, overrideRule, reviewDetail } from '../../main/eligibility/service'
import { currentRuleSet, saveRuleSet, setInvestigation } from '../../main/eligibility/store'
import { saveForm } from '../../main/form/data'
import { createRound, roundGrid, saveRoundEntries, setMonthlyScores } from '../../main/records/studies'
import type { AppContext } from '../../main/services/context'
import { loadDemo } from '../../main/services/demo'
import { memoryContext } from '../context'
import {
  EXTRA_KEYS,
  dumpExchange,
  exchangeChunks,
  loadExchangeText,
  type ExchangeDocument,
} from '../../main/services/exchange'

const AT = '2026-11-23'

function freshCtx(): AppContext {
  return memoryContext({ at: AT, dataDir: '/nonexistent' })
}

function textOf(ctx: AppContext): string {
  return [...exchangeChunks(ctx, 'FIXED')].join('')
}

function count(ctx: AppContext, table: string): number {
  return (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
}

const EXTRA_TABLES = [
  'study_rounds',
  'monthly_scores',
  'appointment_forms',
  'eligibility_rule_sets',
  'eligibility_decisions',
  'eligibility_overrides',
  'eligibility_investigations',
]

/** A demo county with every kind of extra record, made through the services. */
function populated(): AppContext {
  const ctx = freshCtx()
  loadDemo(ctx, { count: 200, seed: 7 })
  const db = ctx.db
  const active = (
    db.prepare("SELECT id FROM cadres WHERE status = '在职' ORDER BY id").all() as { id: number }[]
  ).map((r) => r.id)
  const unit = db
    .prepare(
      "SELECT unit_id FROM cadres WHERE status = '在职' AND unit_id IS NOT NULL GROUP BY unit_id ORDER BY count(*) DESC LIMIT 1",
    )
    .pluck()
    .get() as number

  const manual = createRound(ctx, {
    name: '2026年上半年研判',
    date: '2026-06-30',
    dimensions: [
      { name: '政治素养', weight: 40 },
      { name: '工作实绩', weight: 60 },
    ],
    group: { kind: 'manual', cadreIds: active.slice(0, 5) },
    note: '指定人员',
  })
  saveRoundEntries(
    ctx,
    manual.id,
    roundGrid(ctx, manual.id).rows.map((r, i) => ({
      studyId: r.studyId,
      scores: { 政治素养: 90 - i, 工作实绩: 85.5 },
      conclusion: '较好',
      recommendation: '重点培养',
    })),
  )
  createRound(ctx, {
    name: '2026年班子研判',
    date: '2026-09-15',
    dimensions: [{ name: '团结协作', weight: 1.5 }],
    group: { kind: 'unit', unitId: unit },
  })

  setMonthlyScores(ctx, {
    month: '2026-09',
    entries: active
      .slice(0, 3)
      .map((cadreId, i) => ({ cadreId, score: 95 - i, note: i === 0 ? '表现突出' : null })),
  })
  setMonthlyScores(ctx, { month: '2026-10', entries: [{ cadreId: active[0]!, score: 88.5 }] })

  const form = saveForm(ctx, {
    cadreId: active[1]!,
    formId: null,
    proposedPosition: '县财政局副局长',
    reason: '工作需要',
    ageAt: '2026-11-01',
  })
  saveForm(ctx, { cadreId: active[1]!, formId: form.id, reportingUnit: '中共某某县委组织部' })
  saveForm(ctx, { cadreId: active[1]!, formId: null, proposedRemoval: '某某镇副镇长', rewardsText: '无' })

  const rules = currentRuleSet(db, 'section-chief').rules.map((r, i) =>
    i === 0 ? { ...r, label: `${r.label}（改）` } : r,
  )
  saveRuleSet(ctx, 'section-chief', rules, '调整标签')

  const who = active[2]!
  setInvestigation(ctx, { cadreId: who, active: true, since: '2026-05-01', note: '县纪委立案' })
  const failed = reviewDetail(ctx, who, 'section-chief', AT).rules.find((r) => r.result === 'fail')
  if (!failed) throw new Error('expected a failed rule to override')
  overrideRule(ctx, {
    cadreId: who,
    target: 'section-chief',
    at: AT,
    ruleId: failed.id,
    reason: '经县委研究同意豁免',
  })
  decide(ctx, { cadreId: who, target: 'section-chief', at: AT, decision: '暂缓', note: '待审查结束' })
  decide(ctx, { cadreId: active[3]!, target: 'deputy-section', at: AT, decision: '不予推荐', note: null })
  setInvestigation(ctx, { cadreId: active[3]!, active: true, since: null, note: null })
  setInvestigation(ctx, { cadreId: active[3]!, active: false, since: null, note: null })
  return ctx
}

describe('exchange file: optional sections', () => {
  const src = populated()
  const text = textOf(src)
  const doc = JSON.parse(text) as ExchangeDocument

  it('dump carries every section, in the fixed order, referring by ID number and unit name', () => {
    const keys = Object.keys(doc)
    expect(keys).toEqual(['format', 'version', 'exportedAt', 'units', 'cadres', ...EXTRA_KEYS])
    expect(doc.format).toBe('cadre-exchange')
    expect(doc.version).toBe(1)
    expect(doc.studyRounds.map((r) => r.name)).toEqual(['2026年上半年研判', '2026年班子研判'])
    const unitRound = doc.studyRounds[1]!
    expect(unitRound.group.kind).toBe('unit')
    expect(doc.units.map((u) => u.name)).toContain(unitRound.group.value)
    expect(doc.monthlyScores.flatMap((m) => m.scores)).toHaveLength(4)
    expect(doc.appointmentForms).toHaveLength(1)
    expect(doc.appointmentForms[0]!.forms.map((f) => f.reportingUnit)).toEqual(['中共某某县委组织部', null])
    expect(doc.eligibilityRuleSets).toHaveLength(1)
    expect(doc.eligibilityRuleSets[0]!.version).toBe(1)
    const reviews = doc.eligibilityReviews
    expect(reviews.flatMap((r) => r.decisions ?? [])).toHaveLength(2)
    expect(reviews.flatMap((r) => r.overrides ?? [])).toHaveLength(1)
    expect(reviews.flatMap((r) => r.investigations ?? [])).toHaveLength(2)
    for (const r of reviews) expect(doc.cadres.some((c) => c.idCard === r.idCard)).toBe(true)
    expect(text).not.toMatch(/"cadreId"|"cadre_id"|"unitId"/)
    expect(dumpExchange(src, 'FIXED')).toEqual(doc)
  })

  it('dump → load into an empty database → dump gives the same document', () => {
    const dst = freshCtx()
    const report = loadExchangeText(dst, text, 'county.json')
    expect(report.rejected).toEqual([])
    expect(report.inserted).toBe(200)
    expect(report.sections?.studyRounds).toEqual({ items: 2, written: 2, rejected: 0 })
    expect(textOf(dst)).toBe(text)
    for (const t of EXTRA_TABLES) expect(count(dst, t)).toBe(count(src, t))
    // What the screens derive follows: the override and the investigation count in the review.
    const who = dst.db
      .prepare('SELECT id FROM cadres WHERE id_card = ?')
      .pluck()
      .get(doc.eligibilityReviews.find((r) => r.overrides?.length)!.idCard) as number
    const det = reviewDetail(dst, who, 'section-chief', AT)
    expect(det.ruleSet.version).toBe(1)
    expect(det.rules.some((r) => r.override)).toBe(true)
    // Loading the same file again changes nothing.
    loadExchangeText(dst, text, 'county.json')
    expect(textOf(dst)).toBe(text)
  })

  it('a file without the sections loads as before and leaves the stored rows alone', () => {
    const bare: Record<string, unknown> = { ...doc }
    for (const k of EXTRA_KEYS) delete bare[k]
    const empty = freshCtx()
    const r1 = loadExchangeText(empty, JSON.stringify(bare), 'bare.json')
    expect(r1.inserted).toBe(200)
    expect(r1.rejected).toEqual([])
    expect(r1.sections).toBeUndefined()
    for (const t of EXTRA_TABLES) expect(count(empty, t)).toBe(0)
    expect(JSON.parse(textOf(empty))).toEqual({
      ...bare,
      studyRounds: [],
      monthlyScores: [],
      appointmentForms: [],
      eligibilityRuleSets: [],
      eligibilityReviews: [],
    })

    const full = freshCtx()
    loadExchangeText(full, text, 'county.json')
    const r2 = loadExchangeText(full, JSON.stringify(bare), 'bare.json')
    expect(r2.updated).toBe(0)
    expect(textOf(full)).toBe(text)
  })

  it('a present section replaces the rows of the cadres it names, others stay; bad items are rejected and listed', () => {
    const dst = freshCtx()
    loadExchangeText(dst, text, 'county.json')
    const named = doc.monthlyScores[0]!
    const other = doc.monthlyScores[1]!
    const part = {
      format: 'cadre-exchange',
      version: 1,
      units: [],
      cadres: [],
      monthlyScores: [
        { idCard: named.idCard, scores: [{ month: '2026-11', score: 70, note: null }] },
        { idCard: '110101199003071234', scores: [] },
        { idCard: other.idCard, scores: [{ month: '2026-13', score: 70 }] },
      ],
    }
    const report = loadExchangeText(dst, JSON.stringify(part), 'part.json')
    expect(report.sections?.monthlyScores).toEqual({ items: 3, written: 1, rejected: 2 })
    expect(report.rejected.map((r) => [r.section, r.row])).toEqual([
      ['monthlyScores', 2],
      ['monthlyScores', 3],
    ])
    expect(report.rejected[1]!.message).toContain('2026-13')
    const after = JSON.parse(textOf(dst)) as ExchangeDocument
    const byId = new Map(after.monthlyScores.map((m) => [m.idCard, m.scores]))
    expect(byId.get(named.idCard)).toEqual([{ month: '2026-11', score: 70, note: null }])
    expect(byId.get(other.idCard)).toEqual(other.scores)
    expect(after.studyRounds).toEqual(doc.studyRounds)
  })

  it('a malformed section refuses the whole file: nothing written', () => {
    const dst = freshCtx()
    const bad = {
      ...doc,
      eligibilityReviews: [{ idCard: doc.cadres[0]!.idCard, decisions: [{ target: 'x' }] }],
    }
    let err: unknown
    try {
      loadExchangeText(dst, JSON.stringify(bad), 'bad.json')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('exchange-invalid')
    expect((err as AppError).message).toContain('资格审查记录')
    for (const t of ['cadres', 'units', 'audit_log', ...EXTRA_TABLES]) expect(count(dst, t)).toBe(0)

    const bad2 = { ...doc, studyRounds: 'none' }
    expect(() => loadExchangeText(dst, JSON.stringify(bad2), 'bad.json')).toThrow(AppError)
    expect(count(dst, 'cadres')).toBe(0)
  })
})

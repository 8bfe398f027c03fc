/**
 * 'eligibility.page': the review grid a block at a time from a round kept in memory — filters,
 * search, sorting, totals and the filter counts, and a fresh evaluation after any write.
 */
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bootApp } from '../../main/bootstrap'
import { openDatabase, type Db } from '../../main/db/open'
import { reviewPage, type ReviewPageQuery } from '../../main/eligibility/page'
import { defaultRules } from '../../main/eligibility/rules'
import { decide, overrideRule, reviewRound } from '../../main/eligibility/service'
import { saveRuleSet, setInvestigation } from '../../main/eligibility/store'
import type { AppContext } from '../../main/services/context'
import {
  addGoodRecords,
  closeTempContext,
  insertCadre,
  openTempContext,
  seedCadres,
} from './eligibility-fixture'

const AT = '2026-11-22'
let dir: string
let db: Db
let ctx: AppContext

beforeEach(() => {
  ;({ dir, db, ctx } = openTempContext('elig-page-', AT))
})
afterEach(() => closeTempContext({ dir, db }))

function people() {
  const good = insertCadre(db, { name: '符合甲', unit: '清川县财政局' }, 1)
  addGoodRecords(db, good)
  const admonished = insertCadre(db, { name: '诫勉乙', unit: '清川县教育局' }, 2)
  addGoodRecords(db, admonished)
  db.prepare(
    "INSERT INTO talks (cadre_id, date, kind, talker) VALUES (?, '2026-08-03', '诫勉谈话', '王书记')",
  ).run(admonished)
  const noAssessment = insertCadre(db, { name: '缺考核丙', unit: '清川县财政局' }, 3)
  addGoodRecords(db, noAssessment)
  db.prepare('DELETE FROM assessments WHERE cadre_id = ?').run(noAssessment)
  const twoFails = insertCadre(db, { name: '两项丁', positionLevel: '一般干部', birthDate: '1990-01' }, 4)
  const retired = insertCadre(db, { name: '退休戊', status: '退休' }, 5)
  addGoodRecords(db, retired)
  return { good, admonished, noAssessment, twoFails, retired }
}

function page(q: Partial<ReviewPageQuery> = {}) {
  return reviewPage(ctx, { target: 'section-chief', at: AT, filter: 'all', offset: 0, limit: 200, ...q })
}
const names = (r: { rows: { name: string }[] }) => r.rows.map((x) => x.name)

describe('eligibility.page', () => {
  it('serves the round of eligibility.review with each filter, its total and the counts', () => {
    people()
    const full = reviewRound(ctx, 'section-chief', AT)
    const all = page()
    expect(all.total).toBe(4)
    expect(all.rows).toEqual(full.rows)
    expect(all.summary).toEqual({ total: 4, eligible: 1, ineligible: 2, unknown: 1, blockedByOne: 1 })
    expect(all.ruleSet.rules).toHaveLength(11)
    expect(all).toMatchObject({ target: 'section-chief', targetLabel: '提任正科级领导职务', at: AT })
    expect(names(page({ filter: 'eligible' }))).toEqual(['符合甲'])
    expect(names(page({ filter: 'ineligible' })).sort()).toEqual(['两项丁', '诫勉乙'].sort())
    expect(names(page({ filter: 'unknown' }))).toEqual(['缺考核丙'])
    const one = page({ filter: 'blocked-by-one' })
    expect(names(one)).toEqual(['诫勉乙'])
    expect(one.total).toBe(1)
    // the counts are the round's whatever the filter
    expect(one.summary).toEqual(all.summary)
  })

  it('filters by unit and current level, and offers both lists; 正科 already there are left out', () => {
    people()
    insertCadre(db, { name: '已是正科', positionLevel: '正科', unit: '清川县教育局' }, 7)
    const all = page()
    expect(names(all)).not.toContain('已是正科')
    expect(all.facets).toEqual({
      units: ['清川县财政局', '清川县教育局'].sort((a, b) => a.localeCompare(b, 'zh')),
      levels: ['副科', '一般干部'].sort((a, b) => a.localeCompare(b, 'zh')),
    })
    expect(names(page({ unit: '清川县教育局' }))).toEqual(['诫勉乙'])
    expect(names(page({ level: '一般干部' }))).toEqual(['两项丁'])
    expect(names(page({ unit: '清川县财政局', level: '副科' })).sort()).toEqual(['符合甲', '缺考核丙'].sort())
    // The pills count the unit and level chosen (issue 10: they counted the whole county), whatever
    // the result filter; the round's size stays beside them.
    const fin = page({ unit: '清川县财政局', filter: 'ineligible' })
    expect(fin.summary).toEqual({ total: 3, eligible: 1, ineligible: 1, unknown: 1, blockedByOne: 0 })
    expect(fin.roundTotal).toBe(4)
    expect(page({ unit: '清川县教育局' }).summary).toEqual({
      total: 1,
      eligible: 0,
      ineligible: 1,
      unknown: 0,
      blockedByOne: 1,
    })
    expect(page({ unit: '清川县财政局', level: '副科' }).summary).toMatchObject({ total: 2, eligible: 1, unknown: 1 })
    // each count is the number of rows the same view lists for that result
    for (const [filter, key] of [
      ['all', 'total'],
      ['eligible', 'eligible'],
      ['ineligible', 'ineligible'],
      ['unknown', 'unknown'],
      ['blocked-by-one', 'blockedByOne'],
    ] as const) {
      const v = page({ unit: '清川县财政局', filter })
      expect(v.total).toBe(v.summary![key])
    }
  })

  it('searches by 姓名, 单位 or 身份证号 within the filter', () => {
    const p = people()
    expect(names(page({ search: '诫勉' }))).toEqual(['诫勉乙'])
    expect(names(page({ search: '教育局' }))).toEqual(['诫勉乙'])
    expect(names(page({ search: '财政局' })).sort()).toEqual(['缺考核丙', '符合甲', '两项丁'].sort())
    expect(names(page({ search: '财政局', filter: 'eligible' }))).toEqual(['符合甲'])
    const idCard = (
      db.prepare('SELECT id_card FROM cadres WHERE id = ?').get(p.twoFails) as { id_card: string }
    ).id_card
    expect(names(page({ search: idCard.slice(6, 14) }))).toEqual(['两项丁'])
    const none = page({ search: '无此人' })
    expect(none).toMatchObject({ rows: [], total: 0 })
    expect(none.summary?.total).toBe(0)
    expect(none.roundTotal).toBe(4)
    expect(page({ search: '财政局', filter: 'eligible' }).summary).toMatchObject({ total: 3, eligible: 1 })
  })

  it('sorts by a column, blanks first, and slices by offset and limit', () => {
    people()
    const asc = names(page({ sort: [{ colId: 'name', sort: 'asc' }] }))
    expect(asc).toEqual([...asc].sort())
    expect(names(page({ sort: [{ colId: 'name', sort: 'desc' }] }))).toEqual([...asc].reverse())
    const byAge = page({ sort: [{ colId: 'age', sort: 'asc' }] }).rows.map((r) => r.age)
    expect(byAge).toEqual([...byAge].sort((a, b) => (a ?? -1) - (b ?? -1)))
    expect(names(page({ sort: [{ colId: 'rule-admonishment', sort: 'asc' }] }))[0]).toBe('诫勉乙') // 'fail' < 'pass'
    const byVerdict = names(page({ sort: [{ colId: 'verdict', sort: 'asc' }] }))
    expect(byVerdict.slice(0, 2).sort()).toEqual(['两项丁', '诫勉乙'].sort()) // 不符合 < 符合 < 待补充信息
    const projected = page({ sort: [{ colId: 'projected', sort: 'desc' }] })
    expect(projected.rows[0]!.projected).toBe('2027-02-04')
    const slice = page({ sort: [{ colId: 'name', sort: 'asc' }], offset: 1, limit: 2 })
    expect(names(slice)).toEqual(asc.slice(1, 3))
    expect(slice.total).toBe(4)
    // an unknown column leaves the round's order
    expect(names(page({ sort: [{ colId: 'nope', sort: 'asc' }] }))).toEqual(names(page()))
  })

  it('keeps the round and evaluates afresh after a decision, an override, a rule set or a record', () => {
    const p = people()
    expect(page().cached).toBe(false)
    expect(page({ filter: 'eligible' }).cached).toBe(true)
    expect(page({ target: 'deputy-section' }).cached).toBe(false)
    expect(page().cached).toBe(true)

    decide(ctx, { cadreId: p.good, target: 'section-chief', at: AT, decision: '推荐', note: '拟考察' })
    const afterDecision = page({ filter: 'eligible' })
    expect(afterDecision.cached).toBe(false)
    expect(afterDecision.rows[0]).toMatchObject({ name: '符合甲', decision: '推荐', decisionNote: '拟考察' })

    // 条例 第九条: only a qualification may be lifted; 两项丁's 年龄 is one.
    overrideRule(ctx, {
      cadreId: p.twoFails,
      target: 'section-chief',
      at: AT,
      ruleId: 'reserve',
      reason: '经部务会研究同意豁免',
    })
    const afterOverride = page({ filter: 'ineligible' })
    expect(afterOverride.cached).toBe(false)
    expect(afterOverride.rows.find((r) => r.name === '两项丁')).toMatchObject({
      eligible: false,
      overridden: ['reserve'],
    })

    setInvestigation(ctx, { cadreId: p.good, active: true, since: '2026-10-01', note: null })
    expect(page().cached).toBe(false)
    expect(page().cached).toBe(true)
    expect(names(page({ filter: 'eligible' }))).toEqual([]) // 立案审查 is a default rule since issue 10

    const rules = defaultRules('section-chief').filter((r) => r.id !== 'admonishment')
    saveRuleSet(ctx, 'section-chief', rules, '去掉诫勉一项')
    const afterRules = page()
    expect(afterRules.cached).toBe(false)
    expect(afterRules.ruleSet.version).toBe(1)
    expect(afterRules.rows[0]!.outcomes).toHaveLength(10)

    db.prepare("UPDATE cadres SET name = '改名甲' WHERE id = ?").run(p.good)
    expect(names(page({ search: '改名甲' }))).toEqual(['改名甲'])
    db.prepare("UPDATE cadres SET status = '退休' WHERE id = ?").run(p.good)
    expect(page().summary?.total).toBe(3)
    expect(page().cached).toBe(true)
  })

  it('evaluates afresh after a commit by another connection to the same file', () => {
    people()
    expect(page().total).toBe(4)
    expect(page().cached).toBe(true)
    const other = openDatabase(join(dir, 'cadres.db'))
    try {
      other.prepare("UPDATE cadres SET status = '调出' WHERE name = '两项丁'").run()
    } finally {
      other.close()
    }
    const r = page()
    expect(r.cached).toBe(false)
    expect(r.total).toBe(3)
  })

  it('answers the first rows early, before the whole round, then the counts', () => {
    seedCadres(db, 600)
    db.prepare("UPDATE cadres SET status = '退休' WHERE id IN (2, 5)").run()
    const q = { target: 'section-chief' as const, at: AT, filter: 'all' as const, offset: 0, limit: 200 }
    // 正科 reviews only those not yet at 正科 or above (issue 10)
    const candidates = db
      .prepare(
        "SELECT count(*) FROM cadres WHERE status = '在职' AND position_level NOT IN ('正科', '副处', '正处')",
      )
      .pluck()
      .get() as number
    expect(candidates).toBeLessThan(598)
    const early = reviewPage(ctx, q, true)
    expect(early.summary).toBeNull()
    expect(early.total).toBe(candidates)
    expect(early.rows).toHaveLength(200)
    const full = reviewPage(ctx, q)
    expect(full.cached).toBe(false) // the early answer kept nothing
    expect(full.rows).toEqual(early.rows)
    expect(full.total).toBe(candidates)
    expect(full.summary?.total).toBe(candidates)
    expect(full.rows.every((r) => r.positionLevel !== '正科')).toBe(true)
    // once the round is kept, an early request gets it whole, with the counts
    expect(reviewPage(ctx, { ...q, offset: 200 }, true)).toMatchObject({
      cached: true,
      summary: full.summary,
    })
    // filtered, searched or sorted lists need the whole round
    decide(ctx, {
      cadreId: early.rows[0]!.cadreId,
      target: 'section-chief',
      at: AT,
      decision: '暂缓',
      note: null,
    })
    expect(reviewPage(ctx, { ...q, filter: 'ineligible' }, true).summary).not.toBeNull()
    decide(ctx, {
      cadreId: early.rows[0]!.cadreId,
      target: 'section-chief',
      at: AT,
      decision: '不予推荐',
      note: null,
    })
    expect(reviewPage(ctx, { ...q, sort: [{ colId: 'name', sort: 'asc' }] }, true).summary).not.toBeNull()
    decide(ctx, {
      cadreId: early.rows[0]!.cadreId,
      target: 'section-chief',
      at: AT,
      decision: '暂缓',
      note: null,
    })
    const again = reviewPage(ctx, q, true)
    expect(again.summary).toBeNull()
    expect(again.rows[0]!.decision).toBe('暂缓')
  })

  it('pages through a larger round without gaps or repeats', () => {
    seedCadres(db, 1000)
    const whole = reviewRound(ctx, 'section-chief', AT)
    const sort = [
      { colId: 'unit', sort: 'asc' as const },
      { colId: 'name', sort: 'desc' as const },
    ]
    const ids: number[] = []
    let total = 0
    for (let offset = 0; ; offset += 200) {
      const r = page({ filter: 'ineligible', sort, offset, limit: 200 })
      total = r.total
      if (r.rows.length === 0) break
      ids.push(...r.rows.map((x) => x.cadreId))
    }
    expect(total).toBe(whole.summary.ineligible)
    expect(ids).toHaveLength(total)
    expect(new Set(ids).size).toBe(total)
  })
})

describe('the channel', () => {
  it('answers through the dispatcher and validates its argument', async () => {
    const app = bootApp({ dbPath: join(dir, 'channel.db'), host: 'test', backupOnStart: false })
    try {
      const id = insertCadre(app.ctx.db, { name: '通道甲' }, 1)
      addGoodRecords(app.ctx.db, id)
      const ok = await app.dispatch('eligibility.page', {
        target: 'section-chief',
        at: AT,
        filter: 'eligible',
        search: '通道',
        sort: [{ colId: 'name', sort: 'asc' }],
        offset: 0,
        limit: 50,
      })
      expect(ok.ok).toBe(true)
      if (ok.ok) expect(ok.value).toMatchObject({ total: 1, rows: [{ name: '通道甲' }] })
      const bad = await app.dispatch('eligibility.page', {
        target: 'section-chief',
        at: AT,
        filter: 'all',
        offset: 0,
        limit: 5000,
      })
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
      expect(bad.ok ? '' : bad.error.message).toContain('每次最多取 1000 行')
    } finally {
      app.close()
    }
  })
})

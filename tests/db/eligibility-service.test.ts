import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../main/cli/index'
import { openDatabase, type Db } from '../../main/db/open'
import { MIGRATIONS } from '../../main/db/migrations'
import { exportReview } from '../../main/eligibility/export'
import { clearReviewCache, keptFacts, reviewPage } from '../../main/eligibility/page'
import { loadFacts } from '../../main/eligibility/load'
import { defaultRules } from '../../main/eligibility/rules'
import { decide, loadOptions, overrideRule, reviewDetail, reviewRound } from '../../main/eligibility/service'
import type { eligibilityJson } from '../../main/eligibility/service'
import { currentRuleSet, ruleSetHistory, saveRuleSet, setInvestigation } from '../../main/eligibility/store'
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
  ;({ dir, db, ctx } = openTempContext('elig-', AT))
})
afterEach(() => closeTempContext({ dir, db }))

function people() {
  const good = insertCadre(db, { name: '符合甲' }, 1)
  addGoodRecords(db, good)
  const admonished = insertCadre(db, { name: '诫勉乙' }, 2)
  addGoodRecords(db, admonished)
  db.prepare(
    "INSERT INTO talks (cadre_id, date, kind, talker) VALUES (?, '2026-08-03', '诫勉谈话', '王书记')",
  ).run(admonished)
  const noAssessment = insertCadre(db, { name: '缺考核丙' }, 3)
  addGoodRecords(db, noAssessment)
  db.prepare('DELETE FROM assessments WHERE cadre_id = ?').run(noAssessment)
  const twoFails = insertCadre(db, { name: '两项丁', positionLevel: '一般干部' }, 4)
  const retired = insertCadre(db, { name: '退休戊', status: '退休' }, 5)
  addGoodRecords(db, retired)
  return { good, admonished, noAssessment, twoFails, retired }
}

describe('review of a round', () => {
  it('evaluates every active cadre once, with verdicts, counts and the projected date', () => {
    const p = people()
    const r = reviewRound(ctx, 'section-chief', AT)
    expect(r.rows.map((x) => x.name).sort()).toEqual(['两项丁', '符合甲', '缺考核丙', '诫勉乙'].sort())
    const by = Object.fromEntries(r.rows.map((x) => [x.name, x]))
    expect(by['符合甲']).toMatchObject({ eligible: true, failCount: 0 })
    expect(by['诫勉乙']).toMatchObject({
      eligible: false,
      failCount: 1,
      failed: '诫勉影响期',
      projected: '2027-02-04',
    })
    expect(by['诫勉乙']!.firstReason).toBe('诫勉影响期：2026-08-03 诫勉谈话，影响期至 2027-02-03')
    expect(by['缺考核丙']).toMatchObject({ eligible: null, unknownCount: 1 })
    expect(by['两项丁']!.failCount).toBeGreaterThanOrEqual(2)
    expect(r.summary).toEqual({ total: 4, eligible: 1, ineligible: 2, unknown: 1, blockedByOne: 1 })
    expect(r.rows[0]!.outcomes).toHaveLength(11)
    void p
  })

  it('loads records grouped by cadre with one query per table', () => {
    const p = people()
    const facts = loadFacts(db)
    const f = facts.find((x) => x.id === p.admonished)!
    expect(f.talks).toEqual([{ date: '2026-08-03', kind: '诫勉谈话' }])
    expect(f.reserve).toHaveLength(1)
    expect(facts.find((x) => x.id === p.twoFails)!.reserve).toEqual([])
    const spy = vi.spyOn(db, 'prepare')
    seedCadres(db, 500)
    spy.mockClear()
    loadFacts(db)
    expect(spy.mock.calls.length).toBeLessThanOrEqual(10)
    spy.mockRestore()
  })
})

describe('detail, override and decision', () => {
  it('shows the evidence and when the cadre becomes eligible', () => {
    const p = people()
    const d = reviewDetail(ctx, p.admonished, 'section-chief', AT)
    const adm = d.rules.find((x) => x.id === 'admonishment')!
    expect(adm.evidence).toEqual(['2026-08-03 诫勉谈话，影响期至 2027-02-03'])
    expect(d.projection).toMatchObject({ date: '2027-02-04', pendingUnknown: true })
    expect(d.projection.text).toBe(
      '预计 2027-02-04 起符合（其他条件不变），届时尚待核实：缺少2026年度考核结果',
    )
  })

  it('条例 第九条: no 豁免 (破格) within a year of the promotion, nor when the date is unknown (待核实)', () => {
    const fresh = insertCadre(db, { name: '新提庚', positionDate: '2026-06' }, 7)
    addGoodRecords(db, fresh)
    db.prepare('DELETE FROM postings WHERE cadre_id = ?').run(fresh)
    const d = reviewDetail(ctx, fresh, 'section-chief', AT)
    const frontline = d.rules.find((x) => x.id === 'frontline')!
    expect(frontline.result).toBe('fail')
    expect(frontline.liftable).toBe(false)
    expect(frontline.liftNote).toContain('条例 第九条：2026.06 任副科（任现职务时间），至 2027.06 方满一年')
    expect(() =>
      overrideRule(ctx, { cadreId: fresh, target: 'section-chief', at: AT, ruleId: 'frontline', reason: '长期在乡镇一线工作' }),
    ).toThrow('不能豁免：条例 第九条：2026.06 任副科')
    const unknown = insertCadre(db, { name: '无日期辛', positionDate: null }, 8)
    addGoodRecords(db, unknown)
    db.prepare('DELETE FROM postings WHERE cadre_id = ?').run(unknown)
    expect(() =>
      overrideRule(ctx, { cadreId: unknown, target: 'section-chief', at: AT, ruleId: 'frontline', reason: '长期在乡镇一线工作' }),
    ).toThrow(/待核实/)
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'override'").pluck().get()).toBe(0)
  })

  it('an override (条例 第九条: qualifications only) needs a written reason, lands in the audit log and counts as a pass', () => {
    const p = people()
    // 条例 第二十四条（六）: an impact period is never lifted.
    expect(() =>
      overrideRule(ctx, {
        cadreId: p.admonished,
        target: 'section-chief',
        at: AT,
        ruleId: 'admonishment',
        reason: '经县委常委会研究，诫勉事由已整改到位',
      }),
    ).toThrow('“诫勉影响期”依据条例 第二十四条（六）')
    const lift = insertCadre(db, { name: '一线己' }, 6)
    addGoodRecords(db, lift)
    db.prepare('DELETE FROM postings WHERE cadre_id = ?').run(lift)
    expect(() =>
      overrideRule(ctx, {
        cadreId: lift,
        target: 'section-chief',
        at: AT,
        ruleId: 'frontline',
        reason: '  ',
      }),
    ).toThrow(/必须写明理由/)
    expect(() =>
      overrideRule(ctx, {
        cadreId: lift,
        target: 'section-chief',
        at: AT,
        ruleId: 'education',
        reason: '理由写得很充分',
      }),
    ).toThrow(/并非不符合项/)
    const reason = '经县委常委会研究，长期在乡镇一线工作'
    const d = overrideRule(ctx, {
      cadreId: lift,
      target: 'section-chief',
      at: AT,
      ruleId: 'frontline',
      reason,
    })
    expect(d.eligible).toBe(false)
    expect(d.effective).toBe(true)
    expect(d.rules.find((x) => x.id === 'frontline')!.override).toMatchObject({
      reason,
      actor: '李部长',
      ruleSetVersion: 0,
    })
    const audit = db.prepare("SELECT * FROM audit_log WHERE action = 'override'").all() as {
      summary: string
      cadre_id: number
      actor: string
    }[]
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ cadre_id: lift, actor: '李部长' })
    expect(audit[0]!.summary).toContain(reason)
    expect(audit[0]!.summary).toContain('依条例 第九条豁免“一线经历”')
    const row = reviewRound(ctx, 'section-chief', AT).rows.find((x) => x.cadreId === lift)!
    expect(row).toMatchObject({
      eligible: false,
      effective: true,
      overridden: ['frontline'],
      failCount: 1,
    })
    // another round (another date) does not inherit it
    expect(reviewDetail(ctx, lift, 'section-chief', '2026-11-23').effective).toBe(false)
  })

  it('records decisions with the rule set version and verdict of the moment', () => {
    const p = people()
    expect(() =>
      decide(ctx, { cadreId: p.admonished, target: 'section-chief', at: AT, decision: '推荐', note: null }),
    ).toThrow(/不能推荐/)
    decide(ctx, {
      cadreId: p.admonished,
      target: 'section-chief',
      at: AT,
      decision: '暂缓',
      note: '待影响期满',
    })
    const d = decide(ctx, {
      cadreId: p.good,
      target: 'section-chief',
      at: AT,
      decision: '推荐',
      note: '群众公认',
    })
    expect(d.decisions[0]).toMatchObject({
      decision: '推荐',
      note: '群众公认',
      verdict: '符合',
      ruleSetVersion: 0,
      actor: '李部长',
    })
    const row = db
      .prepare('SELECT outcomes, review_date FROM eligibility_decisions WHERE cadre_id = ?')
      .get(p.admonished) as {
      outcomes: string
      review_date: string
    }
    expect(row.review_date).toBe(AT)
    expect(JSON.parse(row.outcomes)).toContainEqual({
      id: 'admonishment',
      result: 'fail',
      reason: '2026-08-03 诫勉谈话，影响期至 2027-02-03',
      overridden: false,
    })
    const r = reviewRound(ctx, 'section-chief', AT)
    expect(r.rows.find((x) => x.cadreId === p.good)).toMatchObject({
      decision: '推荐',
      decisionNote: '群众公认',
    })
  })

  it('条例 第二十四条（六）: a registered investigation fails the default rule set and cannot be lifted', () => {
    const p = people()
    expect(reviewDetail(ctx, p.good, 'section-chief', AT).eligible).toBe(true)
    setInvestigation(ctx, { cadreId: p.good, active: true, since: '2026-10-01', note: '县纪委监委立案' })
    const d = reviewDetail(ctx, p.good, 'section-chief', AT)
    expect(d.rules.find((x) => x.id === 'investigation')).toMatchObject({
      result: 'fail',
      reason: '2026-10-01 起正在接受立案审查调查（县纪委监委立案）',
    })
    expect(() =>
      overrideRule(ctx, {
        cadreId: p.good,
        target: 'section-chief',
        at: AT,
        ruleId: 'investigation',
        reason: '经县委常委会研究同意',
      }),
    ).toThrow('不得豁免（条例 第九条只允许对任职资格破格）')
    setInvestigation(ctx, { cadreId: p.good, active: false, since: null, note: null })
    expect(reviewDetail(ctx, p.good, 'section-chief', AT).eligible).toBe(true)
  })

  it('条例 第二十四条（五）: spouse settled abroad, or no spouse and all children, fails and cannot be lifted', () => {
    const p = people()
    const fam = db.prepare(
      'INSERT INTO family_members (cadre_id, seq, relation, name, settled_abroad) VALUES (?, ?, ?, ?, ?)',
    )
    fam.run(p.good, 1, '女儿', '张小', 1)
    fam.run(p.good, 2, '儿子', '张大', 0)
    expect(reviewDetail(ctx, p.good, 'section-chief', AT).eligible).toBe(true) // not all children abroad
    db.prepare("UPDATE family_members SET settled_abroad = 1 WHERE relation = '儿子'").run()
    const d = reviewDetail(ctx, p.good, 'section-chief', AT)
    expect(d.rules.find((x) => x.id === 'family-abroad')).toMatchObject({
      result: 'fail',
      article: '条例 第二十四条（五）',
      liftable: false,
      passesFrom: null,
    })
    fam.run(p.good, 3, '妻子', '李某', 0)
    expect(reviewDetail(ctx, p.good, 'section-chief', AT).eligible).toBe(true) // a spouse at home
    db.prepare("UPDATE family_members SET settled_abroad = 1 WHERE relation = '妻子'").run()
    expect(reviewDetail(ctx, p.good, 'section-chief', AT).rules.find((x) => x.id === 'family-abroad')!.reason).toContain(
      '配偶已移居国（境）外',
    )
    expect(() =>
      overrideRule(ctx, { cadreId: p.good, target: 'section-chief', at: AT, ruleId: 'family-abroad', reason: '特殊岗位需要' }),
    ).toThrow('不得豁免')
  })
})

describe('rule sets', () => {
  it('saving keeps every version; the newest is in force; bad params are refused in Chinese', () => {
    people()
    expect(currentRuleSet(db, 'section-chief').version).toBe(0)
    const rules = defaultRules('section-chief').map((r) =>
      r.id === 'age' ? { ...r, params: { maxAge: 50 } } : r,
    )
    const saved = saveRuleSet(ctx, 'section-chief', rules, '年龄放宽至50岁')
    expect(saved.version).toBe(1)
    expect(ruleSetHistory(db, 'section-chief').map((s) => s.version)).toEqual([1, 0])
    expect(reviewRound(ctx, 'section-chief', AT).ruleSet.version).toBe(1)
    expect(() =>
      saveRuleSet(ctx, 'section-chief', [{ id: 'age', label: '年龄', params: { maxAge: 'x' } }], null),
    ).toThrow(/规则集无效：第 1 条“年龄”的“年龄上限（周岁以下，含）”应为数字/)
    expect(() => saveRuleSet(ctx, 'section-chief', [], null)).toThrow(/至少要有一条规则/)
    expect(
      db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'eligibility-rules'").get(),
    ).toEqual({ n: 1 })
  })
})

describe('export and command line', () => {
  it('exports the filtered review with a reason per rule', async () => {
    people()
    const lift = insertCadre(db, { name: '一线己' }, 6)
    addGoodRecords(db, lift)
    db.prepare('DELETE FROM postings WHERE cadre_id = ?').run(lift)
    overrideRule(ctx, {
      cadreId: lift,
      target: 'section-chief',
      at: AT,
      ruleId: 'frontline',
      reason: '经研究同意豁免此项',
    })
    const out = await exportReview(ctx, { target: 'section-chief', at: AT, filter: 'blocked-by-one' })
    expect(out.rows).toBe(2)
    expect(out.fileName).toBe('正科资格审查_2026-11-22.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(out.bytes) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    const values = ws
      .getSheetValues()
      .flatMap((row) => (Array.isArray(row) ? row : []))
      .map((v) => String(v ?? ''))
    expect(values).toContain('诫勉乙')
    expect(values).toContain('✗ 2026-08-03 诫勉谈话，影响期至 2027-02-03')
    expect(values).toContain('一线己')
    expect(values).toContain('符合（经豁免）')
    expect(values).toContain('✗ 无一线经历（需累计 12 个月）（已豁免：经研究同意豁免此项）')
    expect(values.some((v) => v.includes('提任正科级领导职务资格审查结果'))).toBe(true)
  })

  it('exports the view of one unit and level, counted as the page counts it', async () => {
    people()
    const lift = insertCadre(db, { name: '一线己', unit: '清川县财政局' }, 6)
    addGoodRecords(db, lift)
    db.prepare('DELETE FROM postings WHERE cadre_id = ?').run(lift)
    overrideRule(ctx, { cadreId: lift, target: 'section-chief', at: AT, ruleId: 'frontline', reason: '经研究同意豁免此项' })
    const view = { target: 'section-chief' as const, at: AT, unit: '清川县财政局', level: '副科' }
    const pageView = reviewPage(ctx, { ...view, filter: 'all', offset: 0, limit: 100 })
    const out = await exportReview(ctx, { ...view, filter: 'all' })
    expect(out.rows).toBe(pageView.summary!.total)
    expect(out.fileName).toBe('正科资格审查_清川县财政局_2026-11-22.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(out.bytes) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    const units: string[] = []
    ws.eachRow((r) => {
      if (typeof r.getCell(1).value === 'number') units.push(String(r.getCell(4).value))
    })
    expect(units).toEqual(pageView.rows.map(() => '清川县财政局'))
    const s = pageView.summary!
    // the pills' numbers (by the rules alone), and the one a 豁免 lets through said apart
    expect(String(ws.getCell('A2').value)).toBe(
      `审查日期 ${AT} · 默认规则 · 工作单位 清川县财政局 · 现职务层次 副科 · 全部 ${s.total} 人（符合 ${s.eligible}，不符合 ${s.ineligible}，待补充信息 ${s.unknown}；经豁免后符合 1）`,
    )
    const ineligible = await exportReview(ctx, { ...view, filter: 'ineligible' })
    expect(ineligible.rows).toBe(s.ineligible)
  })

  it('exports the same rows from the records the page keeps as from a fresh load', async () => {
    people()
    seedCadres(db, 300)
    const lift = insertCadre(db, { name: '一线己' }, 6)
    addGoodRecords(db, lift)
    db.prepare('DELETE FROM postings WHERE cadre_id = ?').run(lift)
    overrideRule(ctx, { cadreId: lift, target: 'section-chief', at: AT, ruleId: 'frontline', reason: '经研究同意豁免此项' })
    const sheet = async (bytes: Uint8Array): Promise<unknown[]> => {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
      return wb.worksheets[0]!.getSheetValues()
    }
    const options = loadOptions(currentRuleSet(db, 'section-chief'), AT)
    for (const filter of ['all', 'ineligible', 'blocked-by-one'] as const) {
      const q = { target: 'section-chief' as const, at: AT, filter }
      clearReviewCache(db)
      expect(keptFacts(ctx, options)).toBeNull()
      const fresh = await exportReview(ctx, q)
      reviewPage(ctx, { ...q, offset: 0, limit: 10 })
      expect(keptFacts(ctx, options)).not.toBeNull()
      const kept = await exportReview(ctx, q)
      expect(kept.rows).toBe(fresh.rows)
      expect(await sheet(kept.bytes)).toEqual(await sheet(fresh.bytes))
    }
    // The kept records are those of the data now: a change makes the export load afresh.
    db.prepare("UPDATE cadres SET name = '改名庚' WHERE id = ?").run(lift)
    expect(keptFacts(ctx, options)).toBeNull()
    const after = await exportReview(ctx, { target: 'section-chief', at: AT, filter: 'blocked-by-one' })
    expect(JSON.stringify(await sheet(after.bytes))).toContain('改名庚')
  })

  it('eligibility --json prints the document of CLI.md', async () => {
    people()
    db.pragma('wal_checkpoint(TRUNCATE)')
    let out = ''
    const w = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out += String(s)
      return true
    })
    const code = await runCli([
      'eligibility',
      '--db',
      join(dir, 'cadres.db'),
      '--target',
      'section-chief',
      '--at',
      AT,
      '--json',
    ])
    w.mockRestore()
    expect(code).toBe(0)
    const doc = JSON.parse(out) as ReturnType<typeof eligibilityJson>
    expect(doc.target).toBe('section-chief')
    expect(doc.at).toBe(AT)
    const adm = doc.results.find((r) => r.name === '诫勉乙')!
    expect(adm.eligible).toBe(false)
    expect(adm.rules).toContainEqual({
      id: 'admonishment',
      label: '诫勉影响期',
      result: 'fail',
      reason: '2026-08-03 诫勉谈话，影响期至 2027-02-03',
    })
    expect(doc.results.find((r) => r.name === '缺考核丙')!.eligible).toBeNull()
    expect(doc.results.some((r) => r.name === '退休戊')).toBe(false)
  })

  it('bad target is bad input (exit 2, nothing written)', async () => {
    let err = ''
    const w = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      err += String(s)
      return true
    })
    const code = await runCli([
      'eligibility',
      '--db',
      join(dir, 'cadres.db'),
      '--target',
      'county-head',
      '--json',
    ])
    w.mockRestore()
    expect(code).toBe(2)
    expect(err).toContain('--target 只能是 section-chief')
  })
})

describe('migration 0030', () => {
  it('adds the eligibility tables to a database at 0020 and keeps its rows', () => {
    const path = join(dir, 'old.db')
    const upTo20 = MIGRATIONS.filter((m) => m.version <= 20)
    const old = openDatabase(path, { migrations: upTo20 })
    const id = insertCadre(old, { name: '老数据' })
    old.close()
    const cur = openDatabase(path)
    expect(cur.prepare('SELECT name FROM cadres WHERE id = ?').get(id)).toEqual({ name: '老数据' })
    const tables = (
      cur
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'eligibility_%' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((t) => t.name)
    expect(tables).toEqual([
      'eligibility_decisions',
      'eligibility_investigations',
      'eligibility_overrides',
      'eligibility_rule_sets',
    ])
    expect(() =>
      cur
        .prepare(
          "INSERT INTO eligibility_decisions (cadre_id, target, review_date, decision, rule_set_version, verdict, outcomes, actor, created_at) VALUES (?, 'section-chief', '2026-01-01', '同意', 0, '符合', '[]', 'x', 'x')",
        )
        .run(id),
    ).toThrow()
    cur.close()
  })
})

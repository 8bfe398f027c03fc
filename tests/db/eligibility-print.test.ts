import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../main/db/open'
import { reviewSheetHtml } from '../../main/eligibility/print'
import { decide, overrideRule, reviewDetail } from '../../main/eligibility/service'
import { createContext, type AppContext } from '../../main/services/context'
import { addGoodRecords, insertCadre } from './eligibility-fixture'

const AT = '2026-11-22'
let db: Db
let ctx: AppContext

beforeEach(() => {
  db = openDatabase(':memory:')
  ctx = createContext({ db, dbPath: ':memory:', dataDir: '/tmp', host: 'test', actor: '李部长', at: AT })
})
afterEach(() => db.close())

describe('资格审查表 HTML', () => {
  it('holds the candidate, every rule with its evidence, the override and the decision', () => {
    const id = insertCadre(db, { name: '张<三>' })
    addGoodRecords(db, id)
    // 条例 第九条: a head may lift a qualification (一线经历) with a written reason.
    db.prepare("UPDATE postings SET end = '2021-09' WHERE cadre_id = ?").run(id)
    overrideRule(ctx, {
      cadreId: id,
      target: 'section-chief',
      at: AT,
      ruleId: 'frontline',
      reason: '经部务会研究同意<豁免>',
    })
    decide(ctx, { cadreId: id, target: 'section-chief', at: AT, decision: '推荐', note: '拟列为考察对象' })
    const html = reviewSheetHtml([reviewDetail(ctx, id, 'section-chief', AT)])
    expect(html).toContain('<h1>干部任职资格审查表</h1>')
    expect(html).toContain('审查事项：提任正科级领导职务')
    expect(html).toContain('张&lt;三&gt;')
    expect(html).not.toContain('张<三>')
    expect(html).toContain('一线经历累计 3 个月，不满 12 个月')
    expect(html).toContain('已豁免：经部务会研究同意&lt;豁免&gt;（李部长）')
    expect(html).toContain('符合（经豁免）')
    expect(html).toContain('推荐：拟列为考察对象')
    for (const label of [
      '后备干部',
      '一线经历',
      '任职年限',
      '工作年限',
      '学历',
      '年龄',
      '年度考核',
      '处分影响期',
      '诫勉影响期',
      '立案审查调查',
      '配偶子女移居国（境）外',
    ]) {
      expect(html).toContain(`<td>${label}</td>`)
    }
    // the shared printer (main/form/pdf.ts) waits for this mark
    expect(html).toContain("setAttribute('data-fitted','1')")
  })

  it('prints one page per candidate', () => {
    const a = insertCadre(db, { name: '甲' }, 1)
    const b = insertCadre(db, { name: '乙' }, 2)
    const html = reviewSheetHtml([
      reviewDetail(ctx, a, 'deputy-section', AT),
      reviewDetail(ctx, b, 'deputy-section', AT),
    ])
    expect(html.match(/<section class="sheet">/g)).toHaveLength(2)
    expect(html).toContain('提任副科级领导职务')
  })
})

/**
 * The article shown beside each rule's verdict (RULE_ARTICLES): one row per rule, so a renamed or
 * renumbered citation is a visible change. 条例 第二十四条's items as republished (see rules.ts).
 */
import { describe, expect, it } from 'vitest'
import { RULE_ARTICLES, RULE_IDS } from '../../main/eligibility/rules'

const rows: { rule: string; article: string }[] = [
  { rule: 'assessment', article: '条例 第二十四条（三）' },
  { rule: 'family-abroad', article: '条例 第二十四条（五）' },
  { rule: 'discipline', article: '条例 第二十四条（六）；纪律处分条例；政务处分法 第八条' },
  { rule: 'admonishment', article: '条例 第二十四条（六）；诫勉规定；中国共产党组织处理规定（试行）' },
  { rule: 'investigation', article: '条例 第二十四条（六）' },
  { rule: 'tenure', article: '条例 第八条（三）；公务员职务、职级与级别管理办法' },
  { rule: 'work-years', article: '条例 第八条（一）' },
  { rule: 'education', article: '条例 第八条（四）' },
  { rule: 'party-age', article: '条例 第八条 第二款；党章' },
  { rule: 'rank-tenure', article: '公务员职务与职级并行规定 第十九条；公务员职务、职级与级别管理办法' },
  { rule: 'reserve', article: '本县后备干部管理规定' },
  { rule: 'frontline', article: '本县一线经历要求' },
  { rule: 'age', article: '本县任职年龄要求' },
]

describe('the article named beside each rule', () => {
  it.each(rows)('$rule: $article', ({ rule, article }) => {
    expect(RULE_ARTICLES[rule as keyof typeof RULE_ARTICLES]).toBe(article)
  })
  it('every rule has a row', () => {
    expect(rows.map((r) => r.rule).sort()).toEqual([...RULE_IDS].sort())
  })
})

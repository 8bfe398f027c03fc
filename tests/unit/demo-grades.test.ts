/**
 * The demo county's annual grades agree with its sanctions and 诫勉 on any day it is made: a demo
 * database loads without a grade warning (组通字〔1998〕19号 第一–五条, 公务员考核规定（试行）第二十五条,
 * 诫勉规定). The CLI round trip failed on 2026-12-01 when a 党内警告 year kept its 优秀.
 */
import { describe, expect, it } from 'vitest'
import { gradeChecks } from '../../main/records/crosschecks'
import { PersonFactory } from '../../main/services/demo/person'
import { createRng } from '../../main/services/demo/random'

describe('demo grades', () => {
  for (const today of ['2026-11-30', '2026-12-01', '2027-01-02', '2028-06-30']) {
    it(`made on ${today}: no annual grade a sanction or 诫勉 speaks against`, () => {
      const f = new PersonFactory(createRng('demo:1'), today)
      const found: string[] = []
      let sanctioned = 0
      for (let i = 0; i < 3000; i++) {
        const p = f.make()
        const rel = p.related
        if (rel.discipline.length) sanctioned++
        const refs = [
          ...rel.discipline.map((d, j) => ({ ref: `d${j}`, record: { source: 'discipline' as const, ...d } })),
          ...rel.talks.map((t, j) => ({ ref: `t${j}`, record: { source: 'talk' as const, date: t.date, kind: t.kind } })),
        ]
        for (const a of rel.assessments) for (const c of gradeChecks(a, refs)) found.push(`${p.fields.name}: ${c.message}`)
      }
      // the county has sanctioned cadres, so the check above had something to look at
      expect(sanctioned).toBeGreaterThan(10)
      expect(found).toEqual([])
    })
  }
})

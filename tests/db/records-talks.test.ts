import { describe, expect, it } from 'vitest'
import { addRecord } from '../../main/records/entries'
import { ESCALATION_WINDOW_KEY, TALK_DUE_KEY } from '../../main/records/settings'
import { escalationHints, talkLedger, talksDue } from '../../main/records/talks'
import { setSetting } from '../../main/services/settings'
import type { AppContext } from '../../main/services/context'
import { addCadre, addUnit, recordsContext } from './records-helpers'

function talk(ctx: AppContext, cadreId: number, date: string, kind: string, talker: string | null = null) {
  return addRecord(ctx, 'talks', cadreId, {
    date,
    kind,
    talker,
    reason: null,
    content: null,
    followUp: null,
    followUpDeadline: null,
    docNo: null,
  })
}
function posting(ctx: AppContext, cadreId: number, kind: string, start: string, end: string | null) {
  return addRecord(ctx, 'postings', cadreId, { kind, place: '某某村', start, end })
}

describe('escalation 督办 → 约谈 → 诫勉', () => {
  const cases: { name: string; talks: [string, string][]; next: '约谈' | '诫勉' | null }[] = [
    {
      name: '督办 then 约谈 within 12 months: next is 诫勉',
      talks: [
        ['2026-01-10', '督办'],
        ['2026-05-10', '约谈'],
      ],
      next: '诫勉',
    },
    { name: '督办 only: next is 约谈', talks: [['2026-03-01', '督办']], next: '约谈' },
    {
      name: '约谈 before the 督办 does not count',
      talks: [
        ['2026-01-10', '约谈'],
        ['2026-05-10', '督办'],
      ],
      next: '约谈',
    },
    {
      name: '督办 outside the window is forgotten',
      talks: [
        ['2025-10-01', '督办'],
        ['2026-05-10', '约谈'],
      ],
      next: null,
    },
    {
      name: 'chain already ended in 诫勉',
      talks: [
        ['2026-01-10', '督办'],
        ['2026-03-10', '约谈'],
        ['2026-06-01', '诫勉谈话'],
      ],
      next: null,
    },
    {
      name: 'other talks are no step',
      talks: [
        ['2026-01-10', '谈心谈话'],
        ['2026-03-10', '提醒谈话'],
      ],
      next: null,
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const ctx = recordsContext('2026-11-22')
      const id = addCadre(ctx, '张三')
      for (const [d, k] of c.talks) talk(ctx, id, d, k)
      const hints = escalationHints(ctx)
      if (c.next === null) expect(hints).toEqual([])
      else {
        expect(hints).toHaveLength(1)
        expect(hints[0]?.nextStep).toBe(c.next)
        expect(hints[0]?.message).toContain(c.next === '诫勉' ? '下一步应为诫勉' : '下一步应为约谈')
      }
    })
  }

  it('uses the configured window', () => {
    const ctx = recordsContext('2026-11-22')
    const id = addCadre(ctx, '李四')
    talk(ctx, id, '2025-10-01', '督办')
    talk(ctx, id, '2026-05-10', '约谈')
    expect(escalationHints(ctx)).toEqual([])
    setSetting(ctx, ESCALATION_WINDOW_KEY, 24)
    expect(escalationHints(ctx)[0]).toMatchObject({
      nextStep: '诫勉',
      supervisionDate: '2025-10-01',
      interviewDate: '2026-05-10',
    })
  })
})

describe('due list: stationed cadres with no talk in 6 months', () => {
  it('lists the stationed without a recent talk, oldest talk first', () => {
    const ctx = recordsContext('2026-11-22')
    const a = addCadre(ctx, '甲') // stationed, talked 2026-03 → due
    const b = addCadre(ctx, '乙') // stationed, talked 2026-09 → not due
    const c = addCadre(ctx, '丙') // stationed, never talked → due, first
    const d = addCadre(ctx, '丁') // posting ended → not listed
    const e = addCadre(ctx, '戊', { status: '调出' }) // left → not listed
    posting(ctx, a, '第一书记', '2025-03', null)
    posting(ctx, b, '驻村工作队员', '2025-03', '2027-03')
    posting(ctx, c, '第一书记', '2024-06', null)
    posting(ctx, d, '第一书记', '2021-06', '2023-06')
    posting(ctx, e, '第一书记', '2025-01', null)
    talk(ctx, a, '2026-03-15', '谈心谈话')
    talk(ctx, b, '2026-09-01', '谈心谈话')
    const due = talksDue(ctx)
    expect(due.months).toBe(6)
    expect(due.since).toBe('2026-05-22')
    expect(due.rows.map((r) => [r.name, r.lastTalk])).toEqual([
      ['丙', null],
      ['甲', '2026-03-15'],
    ])
    // Recording the talk takes the person off the list.
    talk(ctx, c, '2026-11-22', '谈心谈话')
    expect(talksDue(ctx).rows.map((r) => r.name)).toEqual(['甲'])
    setSetting(ctx, TALK_DUE_KEY, 12)
    expect(talksDue(ctx).rows).toEqual([])
  })
})

describe('talks ledger', () => {
  it('filters by kind, date, unit and talker', () => {
    const ctx = recordsContext('2026-11-22')
    const town = addUnit(ctx, '某某镇')
    const office = addUnit(ctx, '镇党政办', town)
    const other = addUnit(ctx, '县财政局')
    const a = addCadre(ctx, '甲', { unitId: office })
    const b = addCadre(ctx, '乙', { unitId: other })
    talk(ctx, a, '2026-01-05', '约谈', '王部长')
    talk(ctx, a, '2026-06-05', '谈心谈话', '李科长')
    talk(ctx, b, '2026-07-05', '约谈', '王部长')
    expect(talkLedger(ctx, {}).total).toBe(3)
    expect(talkLedger(ctx, { kinds: ['约谈'] }).rows.map((r) => r.name)).toEqual(['乙', '甲'])
    expect(talkLedger(ctx, { from: '2026-06-01', to: '2026-06-30' }).rows.map((r) => r.kind)).toEqual([
      '谈心谈话',
    ])
    expect(talkLedger(ctx, { unitId: town }).total).toBe(2)
    expect(talkLedger(ctx, { talker: '王' }).total).toBe(2)
    expect(talkLedger(ctx, { kinds: ['约谈'], unitId: town, talker: '王部长' }).rows[0]).toMatchObject({
      name: '甲',
      unit: '镇党政办',
      date: '2026-01-05',
    })
  })
})

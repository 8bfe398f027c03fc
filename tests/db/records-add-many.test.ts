/**
 * 新增派驻 for a group (一线/派驻 page): records.addMany lands the same record for every person
 * chosen in one transaction — all of them, with an audit row each, or none when one is refused
 * (before, the page saved person by person and a refusal halfway left half the group posted).
 */
import { describe, expect, it } from 'vitest'
import { createRecordsHandlers } from '../../main/ipc/handlers/records'
import { addCadre, auditCount, recordsContext } from './records-helpers'

const posting = { kind: 'postings' as const, data: { kind: '驻村工作队员', place: '柳树村', start: '2026-03', end: null } }

describe('records.addMany (新增派驻 for several people)', () => {
  it('adds the record for everyone chosen, each with its audit row', async () => {
    const ctx = recordsContext()
    const a = addCadre(ctx, '张伟')
    const b = addCadre(ctx, '李娜')
    const before = auditCount(ctx)
    const saved = await createRecordsHandlers(ctx)['records.addMany']({ cadreIds: [a, b, a], ...posting } as never)
    expect(saved.map((r) => r.cadreId)).toEqual([a, b])
    expect(ctx.db.prepare("SELECT count(*) FROM postings WHERE place = '柳树村'").pluck().get()).toBe(2)
    expect(auditCount(ctx) - before).toBe(2)
  })

  it('one person who cannot be found stops the whole group: nothing lands', () => {
    const ctx = recordsContext()
    const a = addCadre(ctx, '张伟')
    const before = auditCount(ctx)
    expect(() => createRecordsHandlers(ctx)['records.addMany']({ cadreIds: [a, 99999], ...posting } as never)).toThrow(
      '找不到编号为 99999 的干部',
    )
    expect(ctx.db.prepare('SELECT count(*) FROM postings').pluck().get()).toBe(0)
    expect(auditCount(ctx)).toBe(before)
  })
})

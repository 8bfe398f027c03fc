/** The audit log as a clerk reads it: Chinese names, months with dots, internal keys hidden. */
import { describe, expect, it } from 'vitest'
import { actionLabel, changesOf, showValue } from '../../renderer/src/pages/audit/display'
import type { AuditEntry } from '../../main/domain/cadre'

function entry(patch: Partial<AuditEntry>): AuditEntry {
  return {
    id: 1,
    at: '2026-11-23T08:00:00.000Z',
    actor: '张科员',
    action: 'update',
    entity: 'cadre',
    entityId: 1,
    cadreId: 1,
    summary: '修改',
    before: null,
    after: null,
    ...patch,
  }
}

describe('audit display', () => {
  it('names changed fields in Chinese with months as 1975.03 and empty as （空）', () => {
    const c = changesOf(
      entry({
        before: { position: '副镇长', positionDate: '2019-03', phone: null },
        after: { position: '镇长', positionDate: '2023-07', phone: '139' },
      }),
    )
    expect(c).toEqual([
      { key: 'position', label: '现任职务', before: '副镇长', after: '镇长' },
      { key: 'positionDate', label: '任现职务时间', before: '2019.03', after: '2023.07' },
      { key: 'phone', label: '联系电话', before: '（空）', after: '139' },
    ])
  })

  it('shows only the new value when there was none, and hides internal keys', () => {
    const c = changesOf(
      entry({ action: 'demo', before: null, after: { count: 300, seed: 1, internalFlag: true } }),
    )
    expect(c.map((x) => [x.label, x.before, x.after])).toEqual([
      ['人数', null, '300'],
      ['随机种子', null, '1'],
    ])
  })

  it('prints 简历 lines and family members readably', () => {
    expect(
      showValue([
        { start: '1993-09', end: '1997-07', text: '某某大学学习' },
        { start: '2020-04', end: null, text: '镇长' },
      ]),
    ).toBe('1993.09--1997.07 某某大学学习\n2020.04-- 镇长')
    expect(showValue([{ relation: '妻子', name: '王五' }])).toBe('妻子 王五')
    expect(actionLabel('status')).toBe('状态变更')
    expect(actionLabel('something-new')).toBe('变更')
  })
})

import { describe, expect, it } from 'vitest'
import {
  DEFAULT_IMPACT_CONFIG,
  dayAfter,
  impactCovers,
  impactOf,
  impactUntil,
  parseImpactConfig,
  type ImpactRecord,
} from '../../main/domain/impact'

const d = (date: string, system: string, measure: string): ImpactRecord => ({
  source: 'discipline',
  date,
  system,
  measure,
})
const t = (date: string, kind: string): ImpactRecord => ({ source: 'talk', date, kind })

describe('impactOf: the default periods of DOMAIN.md', () => {
  it.each([
    [d('2025-01-15', '党纪', '警告'), 'discipline', '2026-01-15'],
    [d('2025-01-15', '党纪', '严重警告'), 'discipline', '2026-07-15'],
    [d('2025-01-15', '党纪', '撤销党内职务'), 'discipline', '2027-01-15'],
    [d('2025-01-15', '政务', '警告'), 'discipline', '2025-07-15'],
    [d('2025-01-15', '政务', '记过'), 'discipline', '2026-01-15'],
    [d('2025-01-15', '政务', '记大过'), 'discipline', '2026-07-15'],
    [d('2025-01-15', '政务', '降级'), 'discipline', '2027-01-15'],
    [d('2025-01-15', '政务', '撤职'), 'discipline', '2027-01-15'],
    [d('2025-01-15', '组织处理', '调整'), 'admonishment', '2026-01-15'],
    [d('2025-01-15', '组织处理', '免职'), 'admonishment', '2027-01-15'],
    [d('2025-01-15', '组织处理', '责令辞职'), 'admonishment', '2027-01-15'],
    [d('2025-01-15', '组织处理', '降职'), 'admonishment', '2027-01-15'],
    [t('2026-08-03', '诫勉谈话'), 'admonishment', '2027-02-03'],
    [t('2025-08-31', '诫勉'), 'admonishment', '2026-02-28'],
  ])('%o → %s until %s', (rec, kind, until) => {
    const i = impactOf(rec)
    expect(i?.kind).toBe(kind)
    expect(i?.until).toBe(until)
  })

  it('开除 never ends; talks without impact and unreadable dates give none', () => {
    expect(impactOf(d('2020-01-01', '党纪', '开除党籍'))?.until).toBeNull()
    expect(impactOf(t('2026-01-01', '提醒谈话'))).toBeNull()
    expect(impactOf(t('不详', '诫勉谈话'))?.unknown).toContain('无法识别')
    expect(impactOf(t('2026-03', '诫勉谈话'))?.from).toBe('2026-03-01')
  })

  it('the end day still belongs to the period; the next day is clear', () => {
    const i = impactOf(t('2026-08-03', '诫勉谈话'))!
    expect(impactCovers(i, '2027-02-02')).toBe(true)
    expect(impactCovers(i, '2027-02-03')).toBe(true)
    expect(impactCovers(i, '2027-02-04')).toBe(false)
    expect(impactCovers(i, '2026-08-02')).toBe(false)
    expect(dayAfter('2027-02-28')).toBe('2027-03-01')
  })

  it('impactUntil gives the latest running end for the roster', () => {
    const recs = [
      t('2026-08-03', '诫勉谈话'),
      d('2026-01-10', '政务', '记过'),
      d('2020-01-10', '党纪', '警告'),
    ]
    expect(impactUntil(recs, '2026-10-01')).toBe('2027-02-03')
    expect(impactUntil(recs, '2027-02-04')).toBeNull()
    expect(impactUntil([d('2020-01-01', '政务', '开除')], '2026-01-01')).toBe('长期')
  })

  it('a configured period replaces the default; malformed settings fall back', () => {
    const cfg = parseImpactConfig({ ...DEFAULT_IMPACT_CONFIG, talks: { 诫勉谈话: 12 } })
    expect(impactOf(t('2026-08-03', '诫勉谈话'), cfg)?.until).toBe('2027-08-03')
    expect(parseImpactConfig('garbage')).toEqual(DEFAULT_IMPACT_CONFIG)
  })
})

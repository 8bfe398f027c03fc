/**
 * 影响期设置 (main/records/impact-settings.ts): validated with a Chinese message naming the measure
 * and the value, saved for the roster, the records pages and the rules alike, audited in Chinese,
 * the administrator's alone (main/ipc/access.ts).
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_IMPACT_CONFIG, type ImpactConfig } from '../../main/domain/impact'
import { requirementOf } from '../../main/ipc/access'
import { listRecords, addRecord } from '../../main/records/entries'
import { impactSettingsView, saveImpactSettings, validateImpactConfig } from '../../main/records/impact-settings'
import { addCadre, recordsContext } from './records-helpers'

const base = (): ImpactConfig => JSON.parse(JSON.stringify(DEFAULT_IMPACT_CONFIG)) as ImpactConfig

describe('validating the periods', () => {
  const rows: { name: string; change: (c: Record<string, unknown>) => void; field: string; says: string }[] = [
    {
      name: 'a fraction of a month',
      change: (c) => ((c.discipline as ImpactConfig['discipline'])['党纪']!['严重警告'] = 1.5),
      field: '党纪.严重警告',
      says: '影响期设置有误：党纪处分“严重警告”的影响期应为整数个月，收到“1.5”',
    },
    {
      name: 'below 0',
      change: (c) => ((c.discipline as ImpactConfig['discipline'])['政务']!['记过'] = -1),
      field: '政务.记过',
      says: '政务处分“记过”的影响期不能小于 0，收到“-1”',
    },
    {
      name: 'text instead of months',
      change: (c) => ((c.talks as Record<string, unknown>)['诫勉'] = '半年'),
      field: 'talks.诫勉',
      says: '诫勉的影响期应为月数（整数），收到“半年”',
    },
    {
      name: '诫勉 cannot be 长期',
      change: (c) => ((c.talks as Record<string, unknown>)['诫勉'] = null),
      field: 'talks.诫勉',
      says: '诫勉的影响期不能为长期',
    },
    {
      name: 'a measure the regulations do not name',
      change: (c) => ((c.discipline as Record<string, Record<string, unknown>>)['党纪']!['严重警吿'] = 18),
      field: '党纪.严重警吿',
      says: '党纪处分中没有“严重警吿”',
    },
    {
      name: 'the no-post stage longer than the whole period (组织处理规定: one year of two)',
      change: (c) => ((c.noPostMonths as Record<string, unknown>)['免职'] = 30),
      field: 'noPostMonths.免职',
      says: '免职“不得安排职务”的期限（30 个月）不能长于其影响期（24 个月）',
    },
    {
      name: 'the 政务处分 stacking cap out of range (政务处分法: 48)',
      change: (c) => (c.stackCapMonths = 0),
      field: 'stackCapMonths',
      says: '政务处分叠加的上限应为 1 至 120 的整数（月），收到“0”',
    },
  ]
  it.each(rows)('refuses $name', (r) => {
    const c = base() as unknown as Record<string, unknown>
    r.change(c)
    let err: unknown
    try {
      validateImpactConfig(c)
    } catch (e) {
      err = e
    }
    const e = err as { message: string; fields?: Record<string, string> }
    expect(e?.message).toContain(r.says)
    expect(Object.keys(e.fields ?? {})).toEqual([r.field])
  })
  it('accepts the defaults, 0 (no period) and 长期 where a measure has no end', () => {
    const c = base()
    c.discipline['党纪']!['警告'] = 0
    c.discipline['政务']!['开除'] = null
    expect(validateImpactConfig(c)).toEqual(c)
  })
})

describe('saving the periods', () => {
  it('is used at once by the records pages, audited in Chinese, and restored to the defaults', () => {
    const ctx = recordsContext('2026-11-22')
    const a = addCadre(ctx, '张三')
    addRecord(ctx, 'talks', a, {
      date: '2026-08-03',
      kind: '诫勉谈话',
      talker: null,
      reason: null,
      content: null,
      followUp: null,
      followUpDeadline: null,
      docNo: null,
    })
    expect(listRecords(ctx, 'talks', a)[0]?.impact?.until).toBe('2027-02-03')
    const c = base()
    c.talks['诫勉'] = 12
    c.discipline['党纪']!['严重警告'] = 24
    const v = saveImpactSettings(ctx, c)
    expect(v.customised).toBe(true)
    expect(listRecords(ctx, 'talks', a)[0]?.impact?.until).toBe('2027-08-03')
    const audit = ctx.db.prepare("SELECT summary FROM audit_log WHERE entity = 'settings' ORDER BY id").pluck().all()
    expect(audit).toEqual(['修改影响期设置：党纪处分 严重警告 18 个月 → 24 个月；诫勉 6 个月 → 12 个月'])
    // Saving the same again writes nothing more.
    saveImpactSettings(ctx, c)
    expect(ctx.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'settings'").pluck().get()).toBe(1)
    saveImpactSettings(ctx, null)
    expect(impactSettingsView(ctx).customised).toBe(false)
    expect(listRecords(ctx, 'talks', a)[0]?.impact?.until).toBe('2027-02-03')
    expect(ctx.db.prepare("SELECT summary FROM audit_log WHERE entity = 'settings' ORDER BY id DESC").pluck().get()).toBe(
      '影响期设置恢复为默认：党纪处分 严重警告 24 个月 → 18 个月；诫勉 12 个月 → 6 个月',
    )
  })
  it('is the administrator’s alone; reading is anyone’s', () => {
    expect(requirementOf('impact.saveSettings', { config: null })).toBe('admin')
    expect(requirementOf('impact.settings', undefined)).toBe('read')
  })
})

/**
 * 影响期设置: the county's impact periods (settings `impact.periods`, the one configuration the
 * roster, the records pages and the eligibility rules share; main/domain/impact.ts). Read by
 * anyone, changed by the administrator only (main/ipc/access.ts), validated here with a Chinese
 * message naming the measure and the value, audited in Chinese with what changed.
 */
import { AppError } from '../domain/errors'
import {
  DEFAULT_IMPACT_CONFIG,
  IMPACT_SETTINGS_KEY,
  parseImpactConfig,
  type ImpactConfig,
  type ImpactMonths,
} from '../domain/impact'
import { recordAudit } from '../services/audit'
import type { AppContext } from '../services/context'
import { getSetting, setSetting } from '../services/settings'
import { ensureImpactPeriods, impactConfig } from './impact'
import { MEASURES_BY_SYSTEM, termNames } from './vocab'

export interface ImpactSettingsView {
  config: ImpactConfig
  defaults: ImpactConfig
  /** Whether the county has its own periods (false: the defaults of DOMAIN.md). */
  customised: boolean
}

export function impactSettingsView(ctx: AppContext): ImpactSettingsView {
  return {
    config: impactConfig(ctx),
    defaults: DEFAULT_IMPACT_CONFIG,
    customised: getSetting(ctx, IMPACT_SETTINGS_KEY) !== null && getSetting(ctx, IMPACT_SETTINGS_KEY) !== undefined,
  }
}

const SYSTEM_LABELS: Record<string, string> = { 党纪: '党纪处分', 政务: '政务处分', 组织处理: '组织处理' }
const MAX_MONTHS = 600

function monthsProblem(v: unknown, allowLong: boolean): string | null {
  if (v === null) return allowLong ? null : '不能为长期'
  if (typeof v !== 'number' || !Number.isFinite(v)) return `应为月数（整数），收到“${String(v)}”`
  if (!Number.isInteger(v)) return `应为整数个月，收到“${v}”`
  if (v < 0) return `不能小于 0，收到“${v}”`
  if (v > MAX_MONTHS) return `不能超过 ${MAX_MONTHS} 个月，收到“${v}”`
  return null
}

/**
 * Checks a configuration from outside; throws an AppError naming the first field at fault (and
 * every fault in `fields`, keyed "党纪.严重警告", "talks.诫勉", "noPostMonths.免职", ...).
 */
export function validateImpactConfig(raw: unknown): ImpactConfig {
  const errors: Record<string, string> = {}
  const r = (raw ?? {}) as Partial<Record<keyof ImpactConfig, unknown>>
  const discipline: Record<string, Record<string, ImpactMonths>> = {}
  const rawDiscipline = (r.discipline ?? {}) as Record<string, unknown>
  for (const [sys, table] of Object.entries(rawDiscipline)) {
    const vocab = MEASURES_BY_SYSTEM[sys]
    if (!vocab) {
      errors[sys] = `处分类别“${sys}”不是规定的类别（应为 党纪、政务、组织处理）`
      continue
    }
    const out: Record<string, ImpactMonths> = {}
    for (const [measure, months] of Object.entries((table ?? {}) as Record<string, unknown>)) {
      const where = `${SYSTEM_LABELS[sys]}“${measure}”的影响期`
      if (!termNames(vocab).includes(measure)) {
        errors[`${sys}.${measure}`] = `${SYSTEM_LABELS[sys]}中没有“${measure}”（应为：${termNames(vocab).join('、')}）`
        continue
      }
      const p = monthsProblem(months, true)
      if (p) errors[`${sys}.${measure}`] = `${where}${p}`
      else out[measure] = months as ImpactMonths
    }
    discipline[sys] = out
  }
  const talks: Record<string, ImpactMonths> = {}
  for (const [cls, months] of Object.entries((r.talks ?? {}) as Record<string, unknown>)) {
    if (cls !== '诫勉') {
      errors[`talks.${cls}`] = `谈话影响期只能设置“诫勉”，收到“${cls}”`
      continue
    }
    const p = monthsProblem(months, false)
    if (p) errors[`talks.${cls}`] = `诫勉的影响期${p}`
    else talks[cls] = months as number
  }
  const noPost: Record<string, number> = {}
  for (const [measure, months] of Object.entries((r.noPostMonths ?? {}) as Record<string, unknown>)) {
    if (!['免职', '责令辞职'].includes(measure)) {
      errors[`noPostMonths.${measure}`] = `“不得安排职务”的期限只用于免职、责令辞职，收到“${measure}”`
      continue
    }
    const p = monthsProblem(months, false)
    if (p) {
      errors[`noPostMonths.${measure}`] = `${measure}“不得安排职务”的期限${p}`
      continue
    }
    const whole = discipline['组织处理']?.[measure]
    if (typeof whole === 'number' && (months as number) > whole)
      errors[`noPostMonths.${measure}`] =
        `${measure}“不得安排职务”的期限（${months as number} 个月）不能长于其影响期（${whole} 个月）`
    else noPost[measure] = months as number
  }
  const int = (key: 'defaultProbationMonths' | 'stackCapMonths', label: string, min: number, max: number) => {
    const v = r[key]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      errors[key] = `${label}应为 ${min} 至 ${max} 的整数（月），收到“${String(v ?? '')}”`
    return v as number
  }
  const defaultProbationMonths = int('defaultProbationMonths', '未录入察看期时按', 1, 24)
  const stackCapMonths = int('stackCapMonths', '政务处分叠加的上限', 1, 120)
  const first = Object.values(errors)[0]
  if (first) throw new AppError('impact-settings-invalid', `影响期设置有误：${first}`, 'invalid impact settings', errors)
  return { discipline, talks, noPostMonths: noPost, defaultProbationMonths, stackCapMonths }
}

const monthsText = (m: ImpactMonths | undefined): string => (m === undefined ? '未设' : m === null ? '长期' : `${m} 个月`)

/** "党纪处分 严重警告 18 个月 → 24 个月；诫勉 6 个月 → 12 个月" */
export function describeImpactChange(a: ImpactConfig, b: ImpactConfig): string[] {
  const out: string[] = []
  for (const sys of Object.keys({ ...a.discipline, ...b.discipline })) {
    const x = a.discipline[sys] ?? {}
    const y = b.discipline[sys] ?? {}
    for (const m of Object.keys({ ...x, ...y }))
      if (x[m] !== y[m]) out.push(`${SYSTEM_LABELS[sys] ?? sys} ${m} ${monthsText(x[m])} → ${monthsText(y[m])}`)
  }
  for (const k of Object.keys({ ...a.talks, ...b.talks }))
    if (a.talks[k] !== b.talks[k]) out.push(`${k} ${monthsText(a.talks[k])} → ${monthsText(b.talks[k])}`)
  for (const k of Object.keys({ ...a.noPostMonths, ...b.noPostMonths }))
    if (a.noPostMonths[k] !== b.noPostMonths[k])
      out.push(`${k}不得安排职务 ${monthsText(a.noPostMonths[k])} → ${monthsText(b.noPostMonths[k])}`)
  if (a.defaultProbationMonths !== b.defaultProbationMonths)
    out.push(`未录入察看期时按 ${a.defaultProbationMonths} 个月 → ${b.defaultProbationMonths} 个月`)
  if (a.stackCapMonths !== b.stackCapMonths)
    out.push(`政务处分叠加上限 ${a.stackCapMonths} 个月 → ${b.stackCapMonths} 个月`)
  return out
}

/** Saves the county's periods (validated, audited with what changed); `null` restores the defaults. */
export function saveImpactSettings(ctx: AppContext, raw: unknown | null): ImpactSettingsView {
  const next = raw === null ? DEFAULT_IMPACT_CONFIG : validateImpactConfig(raw)
  ctx.db.transaction(() => {
    const before = impactConfig(ctx)
    const stored = getSetting(ctx, IMPACT_SETTINGS_KEY)
    setSetting(ctx, IMPACT_SETTINGS_KEY, raw === null ? null : next)
    const changes = describeImpactChange(before, parseImpactConfig(raw === null ? null : next))
    if (changes.length === 0 && (stored === null || stored === undefined) === (raw === null)) return
    recordAudit(ctx, {
      action: 'settings',
      entity: 'settings',
      summary:
        raw === null
          ? `影响期设置恢复为默认${changes.length ? `：${changes.join('；')}` : ''}`
          : `修改影响期设置：${changes.length ? changes.join('；') : '与默认相同'}`,
      before: { key: IMPACT_SETTINGS_KEY, value: stored ?? null },
      after: { key: IMPACT_SETTINGS_KEY, value: raw === null ? null : next },
    })
  })()
  // The roster's 影响期至 follows at once (rebuilt from the new periods).
  ensureImpactPeriods(ctx)
  return impactSettingsView(ctx)
}

/**
 * One cell's raw value → the canonical value of its field, with an error (the row is rejected)
 * or a warning (the row lands, the clerk should look) that says exactly what is wrong.
 */
import { parseMonth } from '../domain/dates'
import { FIELD_BY_KEY, normalizeEthnicity, normalizeName, toHalfWidth, type CadreFieldKey } from '../domain/fields'
import type { CellValue } from './workbook'
import { unreadableWarning, type ReadByRules } from '../eligibility/readable'

export type FieldResult =
  | { ok: true; value: string | null; warning?: string }
  | { ok: false; message: string }

/** How a raw cell reads to a person: dates as YYYY-MM-DD, numbers as Excel would show them. */
export function displayValue(v: CellValue | undefined): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) {
    const t = new Date(v.getTime() + 1000)
    return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`
  }
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) > 1e14 ? v.toExponential(13).replace('e+', 'E+') : String(v)
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  return v
}

const FAST_MONTH = /^(\d{4})[.\-/](\d{1,2})$/
const WIDE = /[\uFF01-\uFF5E\u3000]/
const CR = /\r\n?/g

/** toHalfWidth, skipped for the usual text that has nothing full-width in it. */
export function halfWidth(s: string): string {
  return WIDE.test(s) ? toHalfWidth(s) : s
}

function plainText(v: CellValue): string {
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v)
  const s = halfWidth(displayValue(v))
  return (s.indexOf('\r') >= 0 ? s.replace(CR, '\n') : s).trim()
}

const GENDER: Record<string, '男' | '女'> = { 男: '男', 男性: '男', M: '男', 女: '女', 女性: '女', F: '女' }
const POLITICAL: Record<string, string> = {
  党员: '中共党员',
  中共: '中共党员',
  共产党员: '中共党员',
  中国共产党党员: '中共党员',
  预备党员: '中共预备党员',
  中共预备: '中共预备党员',
  团员: '共青团员',
  共青团: '共青团员',
  无党派: '无党派人士',
  无: '群众',
}
const EDUCATION: Record<string, string> = {
  本科: '大学',
  大学本科: '大学',
  大本: '大学',
  硕士研究生: '研究生',
  博士研究生: '研究生',
  研究生班: '研究生',
  专科: '大专',
  大学专科: '大专',
  中等专科: '中专',
  中技: '中专',
  技校: '中专',
  职高: '中专',
}
const DEGREE: Record<string, string | null> = {
  学士学位: '学士',
  硕士学位: '硕士',
  博士学位: '博士',
  无: null,
  无学位: null,
}

/** Kept as typed; a name the eligibility rules cannot read is warned about (main/eligibility/readable.ts). */
function withRulesWarning(key: ReadByRules, value: string): FieldResult {
  const w = unreadableWarning(key, value)
  return w ? { ok: true, value, warning: w } : { ok: true, value }
}

export function normalizeField(key: CadreFieldKey, raw: CellValue, date1904: boolean): FieldResult {
  if (raw === null || raw === '') return { ok: true, value: null }
  const def = FIELD_BY_KEY.get(key)
  if (def?.kind === 'month') {
    // The common "1975.03" / "1975-03" text first; everything else through parseMonth.
    if (typeof raw === 'string') {
      const m = FAST_MONTH.exec(raw)
      if (m) {
        const y = Number(m[1])
        const mo = Number(m[2])
        if (y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12) return { ok: true, value: `${m[1]}-${mo < 10 ? '0' : ''}${mo}` }
      }
    }
    const r = parseMonth(typeof raw === 'string' ? halfWidth(raw) : raw, { date1904 })
    if (!r.ok) return { ok: false, message: `${def.label}：${r.message}` }
    return r.value === null ? { ok: true, value: null } : { ok: true, value: r.value, ...(r.warning ? { warning: `${def.label}：${r.warning}` } : {}) }
  }
  const s = plainText(raw)
  if (!s) return { ok: true, value: null }
  switch (key) {
    case 'name':
      return { ok: true, value: normalizeName(s) }
    case 'gender': {
      const g = GENDER[s.replace(/\s/g, '').toUpperCase()] ?? GENDER[s.replace(/\s/g, '')]
      return g ? { ok: true, value: g } : { ok: false, message: `性别“${s}”无法识别，应为 男 或 女` }
    }
    case 'ethnicity':
      return { ok: true, value: normalizeEthnicity(s.replace(/\s/g, '')) }
    case 'politicalStatus': {
      const t = s.replace(/\s/g, '')
      return { ok: true, value: POLITICAL[t] ?? t }
    }
    case 'eduFullTime':
    case 'eduInService': {
      const t = s.replace(/\s/g, '')
      return withRulesWarning(key, EDUCATION[t] ?? t)
    }
    case 'positionLevel':
    case 'rank':
      return withRulesWarning(key, s)
    case 'degreeFullTime':
    case 'degreeInService': {
      const t = s.replace(/\s/g, '')
      return { ok: true, value: t in DEGREE ? (DEGREE[t] ?? null) : t }
    }
    case 'status': {
      const t = s.replace(/\s/g, '')
      const opts = def?.options ?? []
      if (!opts.includes(t)) return { ok: false, message: `状态“${s}”无法识别，应为 ${opts.join('、')} 之一` }
      return { ok: true, value: t }
    }
    case 'phone':
      return { ok: true, value: s.replace(/\s/g, '') }
    default:
      return { ok: true, value: s }
  }
}

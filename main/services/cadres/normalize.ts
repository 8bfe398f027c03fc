/**
 * Normalising and checking a cadre's fields before they are stored: the one place where a name
 * loses its inner spaces, 汉 becomes 汉族, months become `YYYY-MM`, and an ID number is checked
 * against the gender and birth month beside it. Pure: no database.
 */
import type { FamilyMember } from '../../domain/cadre'
import { parseMonth, isMonth } from '../../domain/dates'
import {
  CADRE_FIELD_KEYS,
  FIELD_BY_KEY,
  STATUSES,
  fieldLabel,
  normalizeEthnicity,
  normalizeName,
  toHalfWidth,
  type CadreFieldKey,
  type CadreFields,
} from '../../domain/fields'
import { idCardContradictions, validateIdCard } from '../../domain/idcard'
import type { ResumeEntry } from '../../domain/resume'

export const MONTH_KEYS = CADRE_FIELD_KEYS.filter((k) => FIELD_BY_KEY.get(k)?.kind === 'month')

/** Full-width digits and Latin letters → half-width; Chinese punctuation （），、 stays as written. */
export function halfWidthAlnum(s: string): string {
  return s
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .replace(/\u3000/g, ' ')
}

const POLITICAL_ALIASES: Record<string, string> = {
  党员: '中共党员',
  共产党员: '中共党员',
  中国共产党党员: '中共党员',
  预备党员: '中共预备党员',
  团员: '共青团员',
  共青团团员: '共青团员',
  无党派: '无党派人士',
}

const GENDER_ALIASES: Record<string, '男' | '女'> = { 男: '男', 女: '女', 男性: '男', 女性: '女' }

export type Problems = Partial<Record<CadreFieldKey | 'resume' | 'family', string>>

export interface NormalizedFields {
  /** Only the keys present in the input, normalised; empty text → null. */
  values: Partial<CadreFields>
  errors: Problems
  /** Accepted with a note the clerk should confirm (a month given as a year only). */
  warnings: Problems
}

/** Normalises each given field on its own (no cross-field checks). */
export function normalizeFields(input: Partial<Record<CadreFieldKey, unknown>>): NormalizedFields {
  const values: Partial<CadreFields> = {}
  const errors: Problems = {}
  const warnings: Problems = {}
  for (const key of CADRE_FIELD_KEYS) {
    if (!(key in input)) continue
    const raw = input[key]
    if (raw === undefined) continue
    const label = fieldLabel(key)
    if (MONTH_KEYS.includes(key)) {
      const r = parseMonth(raw)
      if (!r.ok) errors[key] = `${label}：${r.message}`
      else {
        values[key] = r.value
        if ('warning' in r && r.warning) warnings[key] = `${label}：${r.warning}`
      }
      continue
    }
    if (raw === null) {
      values[key] = null
      continue
    }
    let s = halfWidthAlnum(String(raw)).trim()
    switch (key) {
      case 'name':
        s = normalizeName(s)
        break
      case 'idCard': {
        if (!s) break
        const r = validateIdCard(s)
        if (r.ok) s = r.value.idCard
        else {
          errors.idCard = r.message
          s = r.cleaned
        }
        break
      }
      case 'gender':
        if (s) {
          const g = GENDER_ALIASES[s]
          if (g) s = g
          else errors.gender = `性别应为“男”或“女”，不能是“${s}”`
        }
        break
      case 'ethnicity':
        s = normalizeEthnicity(s)
        break
      case 'politicalStatus':
        s = POLITICAL_ALIASES[s] ?? s
        break
      case 'status':
        if (s && !(STATUSES as readonly string[]).includes(s))
          errors.status = `状态应为 ${STATUSES.join('、')} 之一，不能是“${s}”`
        break
      case 'phone':
        s = toHalfWidth(s).replace(/\s+/g, '')
        break
      case 'unit':
        s = s.replace(/[\s\u3000]+/g, '')
        break
      default:
        if (s.length > 2000) errors[key] = `${label}过长（最多 2000 字）`
    }
    values[key] = s === '' ? null : s
  }
  return { values, errors, warnings }
}

/**
 * Cross-field rules on the complete record: name and ID number present, the ID agreeing with
 * gender and birth month, which are filled from the ID when empty. Mutates `fields`.
 */
export function checkIdentity(fields: CadreFields, errors: Problems): void {
  if (!fields.name) errors.name ??= '姓名不能为空'
  if (!fields.idCard) {
    errors.idCard ??= '身份证号不能为空'
    return
  }
  if (errors.idCard) return
  const r = validateIdCard(fields.idCard)
  if (!r.ok) {
    errors.idCard = r.message
    return
  }
  for (const c of idCardContradictions(r.value, fields.gender, fields.birthDate)) {
    if (errors[c.key]) continue
    // The ID is the key of a person: the message sits on both fields so the clerk sees the pair.
    errors[c.key] = c.message
    errors.idCard ??= c.message
  }
  if (!fields.gender && !errors.gender) fields.gender = r.value.gender
  if (!fields.birthDate && !errors.birthDate) fields.birthDate = r.value.birthMonth
}

/** Months that cannot come before the person was born (入党, 参加工作, 任现职务, 任现职级). */
export function checkChronology(fields: CadreFields, errors: Problems, before?: CadreFields): void {
  const birth = fields.birthDate
  if (!birth || errors.birthDate) return
  for (const key of MONTH_KEYS) {
    const v = fields[key]
    if (key === 'birthDate' || !v || errors[key]) continue
    // On an update, old data that was already so does not block saving an unrelated change.
    if (before && before[key] === v && before.birthDate === birth) continue
    if (v < birth) {
      errors[key] = `${fieldLabel(key)} ${v.replace('-', '.')} 早于出生年月 ${birth.replace('-', '.')}`
    }
  }
}

export function normalizeResume(entries: readonly ResumeEntry[], errors: Problems): ResumeEntry[] {
  const out: ResumeEntry[] = []
  entries.forEach((e, i) => {
    const text = (e.text ?? '').trim()
    const start = e.start ? e.start.trim() || null : null
    const end = e.end ? e.end.trim() || null : null
    if (!text && !start && !end) return
    for (const m of [start, end]) {
      if (m !== null && !isMonth(m)) errors.resume ??= `简历第 ${i + 1} 行：“${m}”不是 YYYY-MM 形式的年月`
    }
    if (start && end && isMonth(start) && isMonth(end) && end < start) {
      errors.resume ??= `简历第 ${i + 1} 行：结束年月 ${end.replace('-', '.')} 早于开始年月 ${start.replace('-', '.')}`
    }
    if (start && !text) errors.resume ??= `简历第 ${i + 1} 行：缺少经历内容`
    out.push({ start, end, text })
  })
  return out
}

export function normalizeFamily(members: readonly FamilyMember[], errors: Problems): FamilyMember[] {
  const out: FamilyMember[] = []
  members.forEach((f, i) => {
    const relation = (f.relation ?? '').trim()
    const name = normalizeName(f.name ?? '')
    const rest = [f.birthDate, f.politicalStatus, f.workUnitPosition].some((v) => v && v.trim())
    if (!relation && !name && !rest) return
    if (!relation) errors.family ??= `家庭成员第 ${i + 1} 行：称谓不能为空`
    if (!name) errors.family ??= `家庭成员第 ${i + 1} 行：姓名不能为空`
    let birthDate: string | null = null
    if (f.birthDate && f.birthDate.trim()) {
      const r = parseMonth(f.birthDate)
      if (r.ok) birthDate = r.value
      else errors.family ??= `家庭成员第 ${i + 1} 行（${name || relation}）出生年月：${r.message}`
    }
    out.push({
      relation,
      name,
      birthDate,
      politicalStatus: f.politicalStatus?.trim() || null,
      workUnitPosition: f.workUnitPosition?.trim() || null,
    })
  })
  return out
}

/** One Chinese message listing the problems, for the error banner and the command line. */
export function problemsMessage(errors: Problems, who?: string): string {
  const msgs = Object.values(errors).filter((m): m is string => !!m)
  const head = who ? `${who}的信息有 ${msgs.length} 处需要更正` : `有 ${msgs.length} 处需要更正`
  return `${head}：${[...new Set(msgs)].join('；')}`
}

export function emptyFields(): CadreFields {
  return Object.fromEntries(CADRE_FIELD_KEYS.map((k) => [k, null])) as CadreFields
}

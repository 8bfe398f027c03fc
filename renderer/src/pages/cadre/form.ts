/**
 * The detail editor's model: what the clerk types (months as 1975.03, free text) and the checks
 * that run as they type. Pure: the same domain validators the main process uses.
 */
import type { CadreInput, CadreRecord, FamilyMember } from '../../../../main/domain/cadre'
import { CADRE_FIELDS, CADRE_FIELD_KEYS, type CadreFieldKey } from '../../../../main/domain/fields'
import { monthDots, parseMonth } from '../../../../main/domain/dates'
import { cleanIdCard, idCardContradictions, validateIdCard } from '../../../../main/domain/idcard'
import type { ResumeEntry } from '../../../../main/domain/resume'

export type Draft = Record<CadreFieldKey, string>

export interface ResumeRow {
  start: string
  end: string
  text: string
}

export interface FamilyRow {
  relation: string
  name: string
  birthDate: string
  politicalStatus: string
  workUnitPosition: string
}

export interface FormState {
  fields: Draft
  resume: ResumeRow[]
  family: FamilyRow[]
  /** 原法定退休年龄 '50' / '55' / '60'; '' = the default by gender (issue 13). */
  retireBaseAge?: string
}

export const MONTH_KEYS = new Set<string>(CADRE_FIELDS.filter((f) => f.kind === 'month').map((f) => f.key))

export function emptyDraft(): Draft {
  const d = Object.fromEntries(CADRE_FIELD_KEYS.map((k) => [k, ''])) as Draft
  d.status = '在职'
  d.health = '健康'
  return d
}

export function formFromRecord(r: CadreRecord | null): FormState {
  if (!r) return { fields: emptyDraft(), resume: [], family: [] }
  const fields = emptyDraft()
  for (const k of CADRE_FIELD_KEYS) {
    const v = r[k]
    fields[k] = v === null ? '' : MONTH_KEYS.has(k) ? monthDots(v) : v
  }
  return {
    fields,
    retireBaseAge: r.retireBaseAge ? String(r.retireBaseAge) : '',
    resume: r.resume.map((e) => ({ start: monthDots(e.start), end: monthDots(e.end), text: e.text })),
    family: r.family.map((f) => ({
      relation: f.relation,
      name: f.name,
      birthDate: monthDots(f.birthDate),
      politicalStatus: f.politicalStatus ?? '',
      workUnitPosition: f.workUnitPosition ?? '',
    })),
  }
}

export type Errors = Record<string, string>

/** Whether a half-typed value is far enough along to judge. */
export interface Judged {
  /** Keys the clerk has left (blur) or every key after a save attempt. */
  touched: Set<string>
  submitted: boolean
}

function monthProblem(raw: string, complete: boolean): string | null {
  const v = raw.trim()
  if (!v) return null
  const p = parseMonth(v)
  if (!p.ok)
    return complete || v.replace(/\D/g, '').length >= 6 || /[^\d.\-/年月\s]/.test(v) ? p.message : null
  if (p.value && 'warning' in p && p.warning && complete) return '请填写完整的年月，如 1975.03'
  return null
}

/**
 * Every problem the editor can see before saving. Keys: field keys, `resume.N.start|end|text`,
 * `family.N.relation|name|birthDate`. Messages for half-typed values wait until the field is left.
 */
export function validateForm(form: FormState, judged: Judged): Errors {
  const errors: Errors = {}
  const f = form.fields
  const done = (k: string) => judged.submitted || judged.touched.has(k)

  if (!f.name.trim() && done('name')) errors.name = '姓名不能为空'
  if (f.gender && f.gender !== '男' && f.gender !== '女') errors.gender = '性别应为 男 或 女'

  for (const k of MONTH_KEYS) {
    const p = monthProblem(f[k as CadreFieldKey], done(k))
    if (p) errors[k] = p
  }

  const id = f.idCard.trim()
  if (!id) {
    if (done('idCard')) errors.idCard = '身份证号不能为空'
  } else {
    const cleaned = cleanIdCard(id)
    const r = validateIdCard(id)
    if (!r.ok) {
      // A length problem waits until the clerk leaves the field; anything else shows at once.
      if (r.problem !== 'length' || cleaned.length > 18 || done('idCard')) errors.idCard = r.message
    } else {
      const birth = parseMonth(f.birthDate)
      for (const c of idCardContradictions(r.value, f.gender || null, birth.ok ? birth.value : null)) {
        if (!errors[c.key]) errors[c.key] = c.message
      }
    }
  }

  form.resume.forEach((row, i) => {
    const s = monthProblem(row.start, done(`resume.${i}.start`))
    if (s) errors[`resume.${i}.start`] = s
    const e = monthProblem(row.end, done(`resume.${i}.end`))
    if (e) errors[`resume.${i}.end`] = e
    if (!row.start.trim() && row.end.trim()) errors[`resume.${i}.start`] = '有终止时间时须填写起始时间'
    const sm = parseMonth(row.start)
    const em = parseMonth(row.end)
    if (sm.ok && em.ok && sm.value && em.value && em.value < sm.value)
      errors[`resume.${i}.end`] = '终止时间早于起始时间'
    if (!row.text.trim() && (row.start.trim() || judged.submitted)) {
      if (judged.submitted || done(`resume.${i}.text`)) errors[`resume.${i}.text`] = '请填写经历内容'
    }
  })

  form.family.forEach((row, i) => {
    if (!row.relation.trim() && (judged.submitted || done(`family.${i}.relation`)))
      errors[`family.${i}.relation`] = '称谓不能为空'
    if (!row.name.trim() && (judged.submitted || done(`family.${i}.name`)))
      errors[`family.${i}.name`] = '姓名不能为空'
    const b = monthProblem(row.birthDate, done(`family.${i}.birthDate`))
    if (b) errors[`family.${i}.birthDate`] = b
  })
  return errors
}

function text(v: string): string | null {
  const t = v.trim()
  return t === '' ? null : t
}

function month(v: string): string | null {
  const p = parseMonth(v.trim())
  return p.ok ? p.value : null
}

/** What `cadres.save` receives. Call only when validateForm(…, submitted) is empty. */
export function toInput(id: number | null, form: FormState): CadreInput {
  const input: CadreInput = { id }
  for (const k of CADRE_FIELD_KEYS) {
    if (k === 'status') continue // changed through cadres.setStatus only
    const v = form.fields[k]
    input[k] = MONTH_KEYS.has(k) ? month(v) : k === 'idCard' ? text(cleanIdCard(v)) : text(v)
  }
  input.resume = form.resume
    .filter((r) => r.start.trim() || r.end.trim() || r.text.trim())
    .map((r): ResumeEntry => ({ start: month(r.start), end: month(r.end), text: r.text.trim() }))
  input.family = form.family
    .filter((r) => r.relation.trim() || r.name.trim() || r.workUnitPosition.trim())
    .map((r): FamilyMember => ({
      relation: r.relation.trim(),
      name: r.name.trim(),
      birthDate: month(r.birthDate),
      politicalStatus: text(r.politicalStatus),
      workUnitPosition: text(r.workUnitPosition),
    }))
  if (form.retireBaseAge !== undefined)
    input.retireBaseAge = form.retireBaseAge ? Number(form.retireBaseAge) : null
  return input
}

/** A month as typed, tidied once the clerk leaves the field: 1975.3 → 1975.03, 197503 → 1975.03. */
export function tidyMonth(v: string): string {
  const p = parseMonth(v.trim())
  return p.ok && p.value && !('warning' in p && p.warning) ? monthDots(p.value) : v
}

/** Fills 性别 and 出生年月 from a valid ID number when they are empty. */
export function fillFromIdCard(fields: Draft): Draft {
  const r = validateIdCard(fields.idCard)
  if (!r.ok) return fields
  const next = { ...fields }
  if (!next.gender) next.gender = r.value.gender
  if (!next.birthDate) next.birthDate = monthDots(r.value.birthMonth)
  return next
}

/**
 * What the 干部任免审批表 prints for one cadre, read from the database: the cadre's fields, 简历,
 * family, photo, the 奖惩情况 / 年度考核结果 text, and the per-appointment fields kept with the form
 * (table appointment_forms, migration 0040).
 */
import type { Db } from '../db/open'
import type { FamilyMember } from '../domain/cadre'
import { AppError } from '../domain/errors'
import { CADRE_FIELD_KEYS, columnOf, type CadreFields } from '../domain/fields'
import { ageAt, monthDots } from '../domain/dates'
import type { ResumeEntry } from '../domain/resume'
import type { AppContext } from '../services/context'
import { isDeceased, mergeAssessmentText, type YearGrade } from './conventions'

/** The fields that belong to one appointment (DOMAIN.md), filled in for this form. */
export interface AppointmentFields {
  /** 拟任职务 */
  proposedPosition: string | null
  /** 拟免职务 */
  proposedRemoval: string | null
  /** 任免理由 */
  reason: string | null
  /** 呈报单位 */
  reportingUnit: string | null
  /** 填表人 */
  filledBy: string | null
  /** 计算年龄时间 `YYYY-MM-DD` (null: the day of printing) */
  ageAt: string | null
  /** 填表时间 `YYYY-MM-DD` (null: the day of printing) */
  filledAt: string | null
  /** 奖惩情况 as typed for this form; null: composed from the rewards and discipline records */
  rewardsText: string | null
  /** 年度考核结果 as typed for this form; null: composed from the assessments */
  assessmentText: string | null
}

export const APPOINTMENT_KEYS = [
  'proposedPosition',
  'proposedRemoval',
  'reason',
  'reportingUnit',
  'filledBy',
  'ageAt',
  'filledAt',
  'rewardsText',
  'assessmentText',
] as const satisfies readonly (keyof AppointmentFields)[]

export const APPOINTMENT_LABELS: Record<keyof AppointmentFields, string> = {
  proposedPosition: '拟任职务',
  proposedRemoval: '拟免职务',
  reason: '任免理由',
  reportingUnit: '呈报单位',
  filledBy: '填表人',
  ageAt: '计算年龄时间',
  filledAt: '填表时间',
  rewardsText: '奖惩情况',
  assessmentText: '年度考核结果',
}

export interface AppointmentForm extends AppointmentFields {
  id: number
  cadreId: number
  createdAt: string
  updatedAt: string
}

export function emptyAppointment(): AppointmentFields {
  return {
    proposedPosition: null,
    proposedRemoval: null,
    reason: null,
    reportingUnit: null,
    filledBy: null,
    ageAt: null,
    filledAt: null,
    rewardsText: null,
    assessmentText: null,
  }
}

/** Everything one form prints. Dates resolved: `ageAt` and `filledAt` are always set. */
export interface FormPerson {
  cadreId: number
  fields: CadreFields
  photo: Uint8Array | null
  resume: ResumeEntry[]
  family: FamilyMember[]
  /** 奖惩情况 as printed */
  rewardsText: string
  /** 年度考核结果 as printed */
  assessmentText: string
  appointment: AppointmentFields & { ageAt: string; filledAt: string }
  /** The saved form these fields come from, null when none was saved yet. */
  formId: number | null
}

interface DbForm {
  id: number
  cadre_id: number
  proposed_position: string | null
  proposed_removal: string | null
  reason: string | null
  reporting_unit: string | null
  filled_by: string | null
  age_at: string | null
  filled_at: string | null
  rewards_text: string | null
  assessment_text: string | null
  created_at: string
  updated_at: string
}

function formFromDb(r: DbForm): AppointmentForm {
  return {
    id: r.id,
    cadreId: r.cadre_id,
    proposedPosition: r.proposed_position,
    proposedRemoval: r.proposed_removal,
    reason: r.reason,
    reportingUnit: r.reporting_unit,
    filledBy: r.filled_by,
    ageAt: r.age_at,
    filledAt: r.filled_at,
    rewardsText: r.rewards_text,
    assessmentText: r.assessment_text,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/** The newest saved form of a cadre, or null. */
export function latestForm(db: Db, cadreId: number): AppointmentForm | null {
  const r = db
    .prepare('SELECT * FROM appointment_forms WHERE cadre_id = ? ORDER BY id DESC LIMIT 1')
    .get(cadreId) as DbForm | undefined
  return r ? formFromDb(r) : null
}

export function listForms(db: Db, cadreId: number): AppointmentForm[] {
  const rows = db
    .prepare('SELECT * FROM appointment_forms WHERE cadre_id = ? ORDER BY id DESC')
    .all(cadreId) as DbForm[]
  return rows.map(formFromDb)
}

function clean(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null
  const t = v.replace(/\r\n?/g, '\n').trim()
  return t === '' ? null : t
}

/**
 * Saves the per-appointment fields: updates form `formId` of the cadre, or creates a new form when
 * `formId` is null. One transaction with its audit row.
 */
export function saveForm(
  ctx: AppContext,
  input: { cadreId: number; formId: number | null } & Partial<AppointmentFields>,
): AppointmentForm {
  const db = ctx.db
  const run = db.transaction((): AppointmentForm => {
    const cadre = db.prepare('SELECT id, name FROM cadres WHERE id = ?').get(input.cadreId) as
      { id: number; name: string } | undefined
    if (!cadre)
      throw new AppError(
        'not-found',
        `未找到编号为 ${input.cadreId} 的干部`,
        `cadre ${input.cadreId} not found`,
      )
    const before =
      input.formId === null
        ? null
        : (db
            .prepare('SELECT * FROM appointment_forms WHERE id = ? AND cadre_id = ?')
            .get(input.formId, input.cadreId) as DbForm | undefined)
    if (input.formId !== null && !before) {
      throw new AppError(
        'not-found',
        `未找到该干部的任免审批表（编号 ${input.formId}）`,
        `form ${input.formId} not found`,
      )
    }
    const prev: AppointmentFields = before ? formFromDb(before) : emptyAppointment()
    const next: AppointmentFields = { ...prev }
    for (const k of APPOINTMENT_KEYS) if (k in input) next[k] = clean(input[k])
    const now = ctx.nowIso()
    let id: number
    if (before) {
      db.prepare(
        `UPDATE appointment_forms SET proposed_position = ?, proposed_removal = ?, reason = ?, reporting_unit = ?,
         filled_by = ?, age_at = ?, filled_at = ?, rewards_text = ?, assessment_text = ?, updated_at = ? WHERE id = ?`,
      ).run(...values(next), now, before.id)
      id = before.id
    } else {
      const r = db
        .prepare(
          `INSERT INTO appointment_forms (cadre_id, proposed_position, proposed_removal, reason, reporting_unit, filled_by,
           age_at, filled_at, rewards_text, assessment_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.cadreId, ...values(next), now, now)
      id = Number(r.lastInsertRowid)
    }
    const changed = APPOINTMENT_KEYS.filter((k) => prev[k] !== next[k])
    if (changed.length > 0 || !before) {
      writeAudit(ctx, {
        action: before ? 'update' : 'create',
        entity: 'appointment_form',
        entityId: id,
        cadreId: cadre.id,
        summary: `${before ? '修改' : '填写'}${cadre.name}的干部任免审批表：${changed.map((k) => APPOINTMENT_LABELS[k]).join('、') || '（无内容）'}`,
        before: before ? pick(prev, changed) : null,
        after: pick(next, changed),
      })
    }
    const saved = db.prepare('SELECT * FROM appointment_forms WHERE id = ?').get(id) as DbForm
    return formFromDb(saved)
  })
  return run.immediate()
}

function values(f: AppointmentFields): (string | null)[] {
  return [
    f.proposedPosition,
    f.proposedRemoval,
    f.reason,
    f.reportingUnit,
    f.filledBy,
    f.ageAt,
    f.filledAt,
    f.rewardsText,
    f.assessmentText,
  ]
}

function pick(f: AppointmentFields, keys: readonly (keyof AppointmentFields)[]): Partial<AppointmentFields> {
  const out: Partial<AppointmentFields> = {}
  for (const k of keys) out[k] = f[k]
  return out
}

/** One audit row, written inside the caller's transaction (same shape as services/audit.ts). */
export function writeAudit(
  ctx: AppContext,
  e: {
    action: string
    entity: string
    entityId: number | null
    cadreId: number | null
    summary: string
    before: unknown
    after: unknown
  },
): void {
  const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v))
  ctx.db
    .prepare(
      'INSERT INTO audit_log (at, actor, action, entity, entity_id, cadre_id, summary, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      ctx.nowIso(),
      ctx.actor,
      e.action,
      e.entity,
      e.entityId,
      e.cadreId,
      e.summary,
      json(e.before),
      json(e.after),
    )
}

type DbCadreRow = Record<string, unknown> & { id: number; unit_name: string | null; photo: Uint8Array | null }

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null
}

/** The cadre's scalar fields, 简历 and family as stored. */
export function readCadre(
  db: Db,
  cadreId: number,
): { fields: CadreFields; photo: Uint8Array | null; resume: ResumeEntry[]; family: FamilyMember[] } {
  const row = db
    .prepare(
      'SELECT c.*, u.name AS unit_name FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE c.id = ?',
    )
    .get(cadreId) as DbCadreRow | undefined
  if (!row) throw new AppError('not-found', `未找到编号为 ${cadreId} 的干部`, `cadre ${cadreId} not found`)
  const fields = {} as CadreFields
  for (const k of CADRE_FIELD_KEYS) fields[k] = k === 'unit' ? row.unit_name : str(row[columnOf(k)])
  const resume = (
    db
      .prepare('SELECT start, end, text FROM resume_entries WHERE cadre_id = ? ORDER BY seq, id')
      .all(cadreId) as ResumeEntry[]
  ).map((r) => ({ start: r.start, end: r.end, text: r.text }))
  const family = (
    db
      .prepare(
        'SELECT relation, name, birth_date, political_status, work_unit_position FROM family_members WHERE cadre_id = ? ORDER BY seq, id',
      )
      .all(cadreId) as {
      relation: string
      name: string
      birth_date: string | null
      political_status: string | null
      work_unit_position: string | null
    }[]
  ).map((f) => ({
    relation: f.relation,
    name: f.name,
    birthDate: f.birth_date,
    politicalStatus: f.political_status,
    workUnitPosition: f.work_unit_position,
  }))
  const photo = row.photo && row.photo.length > 0 ? new Uint8Array(row.photo) : null
  return { fields, photo, resume, family }
}

const PARTY_MEASURES = new Set(['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍'])

/** 奖惩情况 composed from the records: "2024.12 获县委“优秀共产党员”；2025.01 受党内严重警告处分。" or "无". */
export function composeRewardsText(db: Db, cadreId: number): string {
  const rewards = db
    .prepare('SELECT date, name, issuer FROM rewards WHERE cadre_id = ? ORDER BY date, id')
    .all(cadreId) as {
    date: string | null
    name: string
    issuer: string | null
  }[]
  const disc = db
    .prepare('SELECT date, system, measure FROM discipline WHERE cadre_id = ? ORDER BY date, id')
    .all(cadreId) as { date: string; system: string; measure: string }[]
  const items: { date: string; text: string }[] = []
  for (const r of rewards) {
    const d = r.date ? monthDots(r.date.slice(0, 7)) + ' ' : ''
    items.push({ date: r.date ?? '', text: `${d}获${r.issuer ?? ''}“${r.name}”` })
  }
  for (const x of disc) {
    const d = monthDots(x.date.slice(0, 7))
    let text: string
    if (x.system === '党纪')
      text =
        PARTY_MEASURES.has(x.measure) && x.measure.includes('警告')
          ? `受党内${x.measure}处分`
          : `受${x.measure}处分`
    else if (x.system === '政务') text = `受政务${x.measure}处分`
    else text = `受组织处理（${x.measure}）`
    items.push({ date: x.date, text: `${d} ${text}` })
  }
  if (items.length === 0) return '无'
  items.sort((a, b) => a.date.localeCompare(b.date))
  return items.map((i) => i.text).join('；') + '。'
}

/**
 * 年度考核结果 of the last three years on record, equal consecutive years merged (DOMAIN.md, the
 * form's conventions): "2023、2024年度考核均为称职，2025年度考核为优秀。"
 */
export function composeAssessmentText(db: Db, cadreId: number): string {
  const rows = db
    .prepare(
      "SELECT year, grade FROM assessments WHERE cadre_id = ? AND kind = '年度考核' ORDER BY year DESC LIMIT 3",
    )
    .all(cadreId) as YearGrade[]
  return mergeAssessmentText(rows)
}

/**
 * One cadre's form: stored data, the newest saved form's per-appointment fields, then `override`
 * (the preview's unsaved edits) on top. Dates default to today.
 */
export function loadFormPerson(
  ctx: AppContext,
  cadreId: number,
  override: Partial<AppointmentFields> = {},
): FormPerson {
  const base = readCadre(ctx.db, cadreId)
  const saved = latestForm(ctx.db, cadreId)
  const a: AppointmentFields = saved ? { ...saved } : emptyAppointment()
  for (const k of APPOINTMENT_KEYS) if (k in override) a[k] = clean(override[k])
  const t = ctx.today()
  return {
    cadreId,
    ...base,
    rewardsText: a.rewardsText ?? composeRewardsText(ctx.db, cadreId),
    assessmentText: a.assessmentText ?? composeAssessmentText(ctx.db, cadreId),
    appointment: { ...a, ageAt: a.ageAt ?? t, filledAt: a.filledAt ?? t },
    formId: saved?.id ?? null,
  }
}

/** One printed row of 家庭主要成员及重要社会关系. */
export interface FamilyCells {
  relation: string
  name: string
  /** blank for a member who died (the form's convention) or whose birth month is unknown */
  age: string
  politicalStatus: string
  workUnitPosition: string
  deceased: boolean
}

/**
 * The family rows as printed, the same for the PDF and the .docx: a member who died keeps the row
 * with "已去世" in 工作单位及职务 and no age.
 */
export function familyCells(family: readonly FamilyMember[], at: string): FamilyCells[] {
  return family.map((f) => {
    const dead = isDeceased(f)
    const age = dead ? null : ageAt(f.birthDate, at)
    const work = f.workUnitPosition ?? ''
    return {
      relation: f.relation,
      name: f.name,
      age: age === null ? '' : String(age),
      politicalStatus: f.politicalStatus ?? '',
      workUnitPosition:
        dead && !isDeceased({ name: '', politicalStatus: null, workUnitPosition: work })
          ? work
            ? `${work}（已去世）`
            : '已去世'
          : work,
      deceased: dead,
    }
  })
}

/** Every value the form prints, as text (line breaks as "\n"): one source for the PDF and the .docx. */
export interface FormTexts {
  name: string
  gender: string
  /** "1975.03" and "（50岁）" */
  birth: string[]
  ethnicity: string
  nativePlace: string
  birthPlace: string
  partyJoin: string
  workStart: string
  health: string
  techTitle: string
  specialty: string
  /** 学历 and 学位 on two lines */
  eduFullTime: string[]
  schoolFullTime: string
  eduInService: string[]
  schoolInService: string
  position: string
  proposedPosition: string
  proposedRemoval: string
  /** 简历 lines: "1993.09--1997.07" (or "" for an 其间 line) and the text */
  resume: { when: string; text: string }[]
  rewards: string
  assessment: string
  reason: string
  family: FamilyCells[]
  reportingUnit: string
  filledBy: string
  /** "2026年3月5日" */
  filledAt: string
}

function ymdChinese(day: string): string {
  const [y, m, d] = day.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

export function formTexts(p: FormPerson): FormTexts {
  const f = p.fields
  const a = p.appointment
  const age = ageAt(f.birthDate, a.ageAt)
  const s = (v: string | null | undefined): string => v ?? ''
  return {
    name: s(f.name),
    gender: s(f.gender),
    birth: f.birthDate ? [monthDots(f.birthDate), `（${age ?? ''}岁）`] : [],
    ethnicity: s(f.ethnicity),
    nativePlace: s(f.nativePlace),
    birthPlace: s(f.birthPlace),
    partyJoin: monthDots(f.partyJoinDate),
    workStart: monthDots(f.workStartDate),
    health: s(f.health),
    techTitle: s(f.techTitle),
    specialty: s(f.specialty),
    eduFullTime: [f.eduFullTime, f.degreeFullTime].filter((x): x is string => !!x),
    schoolFullTime: s(f.schoolFullTime),
    eduInService: [f.eduInService, f.degreeInService].filter((x): x is string => !!x),
    schoolInService: s(f.schoolInService),
    position: s(f.position),
    proposedPosition: s(a.proposedPosition),
    proposedRemoval: s(a.proposedRemoval),
    resume: p.resume.map((e) => ({
      when: e.start ? `${monthDots(e.start)}--${e.end ? monthDots(e.end) : ''}` : '',
      text: e.text,
    })),
    rewards: p.rewardsText,
    assessment: p.assessmentText,
    reason: s(a.reason),
    family: familyCells(p.family, a.ageAt),
    reportingUnit: s(a.reportingUnit),
    filledBy: s(a.filledBy),
    filledAt: ymdChinese(a.filledAt),
  }
}

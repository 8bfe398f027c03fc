/**
 * LRMX import: one file or a zip of many, matched to cadres by ID number. `previewLrmx` says what
 * would be created or changed and writes nothing; `applyLrmx` writes everything in one transaction
 * with an audit row per person. A file that cannot be read is listed with the reason and changes
 * nothing. Values the file leaves empty never erase what the database holds.
 */
import type { FamilyMember } from '../domain/cadre'
import { AppError } from '../domain/errors'
import {
  CADRE_FIELD_KEYS,
  columnOf,
  fieldLabel,
  type CadreFieldKey,
  type CadreFields,
} from '../domain/fields'
import { nameInitials, namePinyin } from '../domain/pinyin'
import { formatResume, type ResumeEntry } from '../domain/resume'
import type { AppContext } from '../services/context'
import {
  APPOINTMENT_KEYS,
  APPOINTMENT_LABELS,
  composeAssessmentText,
  composeRewardsText,
  latestForm,
  readCadre,
  writeAudit,
  type AppointmentFields,
} from '../form/data'
import { parseAssessmentText, type YearGrade } from '../form/conventions'
import { defaultRetireBaseAge, retirementMonth, type RetireBaseAge } from '../domain/retirement'
import { monthDots } from '../domain/dates'
import { limitTextOfBaseAge } from './format'
import { parseLrmxBytes, type ParsedLrmx } from './parse'
import { readUpload } from './upload'
import { askUnit, choiceUnitName, unitOfChoice, type LrmxUnitChoice, type LrmxUnitQuestion } from '../units/lrmx-units'

/** The clerk's unit decisions, by ID number (issue 13; main/units/lrmx-units.ts). */
export type LrmxUnitChoices = Record<string, LrmxUnitChoice>

export interface LrmxChange {
  key: string
  label: string
  before: string
  after: string
}

export interface LrmxItem {
  /** The file's name (inside a zip: its path there). */
  file: string
  action: 'create' | 'update' | 'unchanged' | 'rejected'
  idCard: string | null
  name: string | null
  /** The existing cadre matched by ID number. */
  cadreId: number | null
  changes: LrmxChange[]
  warnings: string[]
  /** Why the file was rejected. */
  message: string | null
  /** The cadre would have no unit and 现任职务 names none of the tree: the preview asks (issue 13). */
  unitQuestion?: LrmxUnitQuestion
}

export interface LrmxReport {
  file: string
  files: number
  created: number
  updated: number
  unchanged: number
  rejected: number
  items: LrmxItem[]
  /** True once written (apply); false for a preview. */
  applied: boolean
}

/** Scalar fields an LRMX file can set. */
const LRMX_KEYS: readonly CadreFieldKey[] = CADRE_FIELD_KEYS.filter(
  (k) => !['unit', 'positionLevel', 'positionDate', 'levelDate', 'rank', 'rankDate', 'status', 'phone'].includes(k),
)

interface Planned {
  item: LrmxItem
  parsed: ParsedLrmx | null
  /** Field values to write (only those the file sets and that differ). */
  fieldChanges: Partial<CadreFields>
  resume: ResumeEntry[] | null
  family: FamilyMember[] | null
  photo: Uint8Array | null
  appointment: Partial<AppointmentFields> | null
  /** 原法定退休年龄 to set (LRMX 4.0 改革前任职年龄界限 when it says other than the gender's default) */
  retireBaseAge: RetireBaseAge | null
  /** LRMX 4.0 values kept as the file gave them (lrmx_extras) when the rule cannot give them back */
  extras: { retireMonth: string | null; ageLimitText: string | null } | null
  /** 年度考核 records read from 年度考核结果: to insert, or to change the grade of */
  assessments: YearGrade[]
  /** the unit named in 现任职务, for a cadre who has none */
  unitId: number | null
  /** the clerk's decision for a cadre whose unit could not be read (issue 13) */
  unitChoice?: LrmxUnitChoice
}

/** The longest known unit name that 现任职务 contains ("城关镇党委副书记、镇长" → 城关镇). */
export function unitInPosition(
  ctx: AppContext,
  position: string | null | undefined,
): { id: number; name: string } | null {
  if (!position) return null
  const units = ctx.db.prepare('SELECT id, name FROM units').all() as { id: number; name: string }[]
  let best: { id: number; name: string } | null = null
  for (const u of units) {
    if ([...u.name].length < 2 || !position.includes(u.name)) continue
    if (!best || u.name.length > best.name.length) best = u
  }
  return best
}

function familyText(f: readonly FamilyMember[]): string {
  return f
    .map((m) =>
      [m.relation, m.name, m.birthDate ?? '', m.politicalStatus ?? '', m.workUnitPosition ?? ''].join(' '),
    )
    .join('\n')
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (!a || !b) return a === b
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b))
}

function plan(
  ctx: AppContext,
  file: string,
  parsed: ParsedLrmx,
  seen: Map<string, string>,
  units: LrmxUnitChoices = {},
): Planned {
  const item: LrmxItem = {
    file,
    action: 'create',
    idCard: parsed.idCard,
    name: parsed.name,
    cadreId: null,
    changes: [],
    warnings: [...parsed.warnings],
    message: null,
  }
  const p = parsed.person
  const out: Planned = {
    item,
    parsed,
    fieldChanges: {},
    resume: null,
    family: null,
    photo: null,
    appointment: null,
    retireBaseAge: null,
    extras: null,
    assessments: [],
    unitId: null,
  }
  const dup = seen.get(parsed.idCard)
  if (dup) {
    item.action = 'rejected'
    item.message = `与“${dup}”是同一身份证号，已跳过`
    return out
  }
  seen.set(parsed.idCard, file)
  if (parsed.unknown.length) item.warnings.push(`未识别的项目已忽略：${parsed.unknown.join('、')}`)
  const row = ctx.db
    .prepare('SELECT id, retire_base_age, unit_id FROM cadres WHERE id_card = ?')
    .get(parsed.idCard) as { id: number; retire_base_age: number | null; unit_id: number | null } | undefined
  const current = row ? readCadre(ctx.db, row.id) : null
  item.cadreId = row?.id ?? null
  for (const k of LRMX_KEYS) {
    const next = p.fields[k]
    if (next === undefined || next === null || next === '') continue
    const before = current?.fields[k] ?? null
    if (before !== next) {
      out.fieldChanges[k] = next
      item.changes.push({ key: k, label: fieldLabel(k), before: before ?? '', after: next })
    }
  }
  if (p.resume.length > 0) {
    const before = current ? formatResume(current.resume) : ''
    const after = formatResume(p.resume)
    if (before !== after) {
      out.resume = p.resume
      item.changes.push({ key: 'resume', label: '简历', before, after })
    }
  }
  if (p.family.length > 0) {
    const before = current ? familyText(current.family) : ''
    const after = familyText(p.family)
    if (before !== after) {
      out.family = p.family
      item.changes.push({ key: 'family', label: '家庭主要成员及重要社会关系', before, after })
    }
  }
  if (p.photo && !sameBytes(p.photo, current?.photo ?? null)) {
    out.photo = p.photo
    item.changes.push({
      key: 'photo',
      label: '照片',
      before: current?.photo ? `${Math.round(current.photo.length / 1024)} KB` : '',
      after: `${Math.round(p.photo.length / 1024)} KB`,
    })
  }
  // LRMX 4.0: 改革前任职年龄界限 gives the old retirement age; 到龄年月 follows from it by the rule
  // (main/domain/retirement.ts). Kept as written only where the rule cannot give them back.
  const gender = p.fields.gender ?? current?.fields.gender ?? null
  const birth = p.fields.birthDate ?? current?.fields.birthDate ?? null
  const defaultBase = defaultRetireBaseAge(gender)
  const currentBase = (row?.retire_base_age ?? null) as RetireBaseAge | null
  const effective = currentBase ?? defaultBase
  let base = effective
  if (p.retireBaseAge && p.retireBaseAge !== effective) {
    out.retireBaseAge = p.retireBaseAge
    base = p.retireBaseAge
    item.changes.push({
      key: 'retireBaseAge',
      label: '原法定退休年龄',
      before: effective ? `${effective}岁` : '',
      after: `${p.retireBaseAge}岁`,
    })
  }
  const ruled = base ? retirementMonth(birth, base) : null
  if (p.retireMonth && ruled && p.retireMonth !== ruled)
    item.warnings.push(
      `文件中的到龄年月 ${monthDots(p.retireMonth)} 与按出生年月和原法定退休年龄（${base ?? ''}岁）计算的 ${monthDots(ruled)} 不一致：以计算结果为准，文件中的值另存备查`,
    )
  const keepMonth = p.retireMonth && p.retireMonth !== ruled ? p.retireMonth : null
  const keepText =
    p.ageLimitText && (!base || p.ageLimitText !== limitTextOfBaseAge(base)) ? p.ageLimitText : null
  if (keepMonth || keepText) {
    const had = row
      ? (ctx.db
          .prepare('SELECT retire_month, age_limit_text FROM lrmx_extras WHERE cadre_id = ?')
          .get(row.id) as { retire_month: string | null; age_limit_text: string | null } | undefined)
      : undefined
    const next = {
      retireMonth: keepMonth ?? had?.retire_month ?? null,
      ageLimitText: keepText ?? had?.age_limit_text ?? null,
    }
    if (
      next.retireMonth !== (had?.retire_month ?? null) ||
      next.ageLimitText !== (had?.age_limit_text ?? null)
    ) {
      out.extras = next
      if (keepText && keepText !== had?.age_limit_text)
        item.changes.push({
          key: 'ageLimitText',
          label: '改革前任职年龄界限',
          before: had?.age_limit_text ?? '',
          after: keepText,
        })
      if (keepMonth && keepMonth !== had?.retire_month)
        item.changes.push({
          key: 'retireMonth',
          label: '到龄年月（文件原值）',
          before: had?.retire_month ? monthDots(had.retire_month) : '',
          after: monthDots(keepMonth),
        })
    }
  }

  // 年度考核结果 text becomes per-year records ("2023、2024年度考核均为称职" → 2023 称职, 2024 称职).
  const fileAppt: Partial<AppointmentFields> = { ...p.appointment }
  const read = parseAssessmentText(p.appointment.assessmentText)
  if (read.records.length > 0) {
    const have = new Map(
      (row
        ? (ctx.db
            .prepare("SELECT year, grade FROM assessments WHERE cadre_id = ? AND kind = '年度考核'")
            .all(row.id) as YearGrade[])
        : []
      ).map((r) => [r.year, r.grade]),
    )
    for (const r of read.records) {
      const before = have.get(r.year)
      if (before === r.grade) continue
      out.assessments.push(r)
      item.changes.push({
        key: `assessment:${r.year}`,
        label: `${r.year}年度考核`,
        before: before ?? '',
        after: r.grade,
      })
    }
    // Fully read: the form composes the text from the records (merged wording), not kept as typed.
    if (read.unread.length === 0) delete fileAppt.assessmentText
  }
  for (const u of read.unread)
    item.warnings.push(`年度考核结果中“${u}”读不出年度和等次，未生成考核记录，待核实`)

  // A 现任职务 that names a known unit proposes it for a cadre without one.
  const unit = unitInPosition(ctx, p.fields.position ?? current?.fields.position)
  if (unit) {
    if (!row?.unit_id) {
      out.unitId = unit.id
      item.changes.push({
        key: 'unit',
        label: '单位（按现任职务）',
        before: current?.fields.unit ?? '',
        after: unit.name,
      })
    } else if (row.unit_id !== unit.id)
      item.warnings.push(
        `现任职务“${p.fields.position ?? ''}”提到单位“${unit.name}”，与现单位“${current?.fields.unit ?? ''}”不同，单位未改动，请核实`,
      )
  } else if (!row?.unit_id) {
    // No unit, and 现任职务 names none of the tree: asked in the preview, never left unseen.
    const choice = units[parsed.idCard]
    const name = choice ? choiceUnitName(ctx, choice) : null
    if (choice && (choice.action === 'none' || name !== null)) {
      out.unitChoice = choice
      if (name !== null)
        item.changes.push({
          key: 'unit',
          label: choice.action === 'create' ? '单位（新建）' : '单位',
          before: '',
          after: name,
        })
    } else item.unitQuestion = askUnit(ctx, p.fields.position ?? current?.fields.position)
  }

  // The form fields: what the cadre's form prints now (saved values, else the text composed from
  // the records) is no change. Dates alone do not make a new form: the export writes today's date.
  const form = row ? latestForm(ctx.db, row.id) : null
  const composed: Partial<AppointmentFields> = row
    ? {
        rewardsText: composeRewardsText(ctx.db, row.id),
        assessmentText: composeAssessmentText(ctx.db, row.id),
      }
    : {}
  const printed = (k: keyof AppointmentFields): string | null => form?.[k] ?? composed[k] ?? null
  const apptChanges = APPOINTMENT_KEYS.filter((k) => {
    const v = fileAppt[k]
    return v !== undefined && v !== null && v !== '' && v !== printed(k)
  })
  if (apptChanges.some((k) => k !== 'ageAt' && k !== 'filledAt')) {
    const appt: Partial<AppointmentFields> = { ...fileAppt }
    // Text equal to what the records give stays composed, so it follows later changes of the records.
    if (appt.rewardsText && appt.rewardsText === composed.rewardsText) delete appt.rewardsText
    if (appt.assessmentText && appt.assessmentText === composed.assessmentText) delete appt.assessmentText
    out.appointment = appt
    for (const k of apptChanges) {
      item.changes.push({
        key: k,
        label: APPOINTMENT_LABELS[k],
        before: printed(k) ?? '',
        after: fileAppt[k] ?? '',
      })
    }
  }
  if (current) item.action = item.changes.length ? 'update' : 'unchanged'
  return out
}

async function planUpload(
  ctx: AppContext,
  bytes: Uint8Array,
  fileName: string,
  units: LrmxUnitChoices = {},
): Promise<Planned[]> {
  const entries = await readUpload(bytes, fileName)
  const single = entries.length === 1 && entries[0]?.name === fileName
  const seen = new Map<string, string>()
  const out: Planned[] = []
  for (const e of entries) {
    const rejected = (message: string): Planned => ({
      item: {
        file: e.name,
        action: 'rejected',
        idCard: null,
        name: null,
        cadreId: null,
        changes: [],
        warnings: [],
        message,
      },
      parsed: null,
      fieldChanges: {},
      resume: null,
      family: null,
      photo: null,
      appointment: null,
      retireBaseAge: null,
      extras: null,
      assessments: [],
      unitId: null,
    })
    if (!e.bytes) {
      out.push(rejected(e.error ?? '无法读取'))
      continue
    }
    let parsed: ParsedLrmx
    try {
      parsed = parseLrmxBytes(e.bytes, e.name)
    } catch (err) {
      // A single file that cannot be read is bad input as a whole; in a zip it is one rejected entry.
      if (single) throw err
      if (err instanceof AppError) {
        out.push(rejected(err.message))
        continue
      }
      throw err
    }
    out.push(plan(ctx, e.name, parsed, seen, units))
  }
  return out
}

function report(fileName: string, planned: readonly Planned[], applied: boolean): LrmxReport {
  const items = planned.map((p) => p.item)
  const count = (a: LrmxItem['action']): number => items.filter((i) => i.action === a).length
  return {
    file: fileName,
    files: items.length,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    rejected: count('rejected'),
    items,
    applied,
  }
}

/** What importing would do. Writes nothing. */
export async function previewLrmx(
  ctx: AppContext,
  bytes: Uint8Array,
  fileName: string,
  units: LrmxUnitChoices = {},
): Promise<LrmxReport> {
  return report(fileName, await planUpload(ctx, bytes, fileName, units), false)
}

/** Imports: every readable file lands, in one transaction with audit rows; rejected files are listed. */
export async function applyLrmx(
  ctx: AppContext,
  bytes: Uint8Array,
  fileName: string,
  units: LrmxUnitChoices = {},
  opts: { unitsAnswered?: boolean } = {},
): Promise<LrmxReport> {
  const first = await planUpload(ctx, bytes, fileName, units)
  // The window asks every unit question before 导入 (lrmx.apply passes unitsAnswered): a question
  // left open there is refused, naming the people, instead of landing cadres without a unit.
  const open = first.filter((p) => p.item.unitQuestion && (p.item.action === 'create' || p.item.action === 'update'))
  if (opts.unitsAnswered && open.length > 0) {
    throw new AppError(
      'lrmx-unit-open',
      `以下干部的单位尚未确定：${open.map((p) => `${p.item.name ?? p.item.file}（${p.item.file}）`).join('、')}。请在预览中为其选择单位，或选择“暂不指定单位”后再导入`,
      'unit questions left open',
    )
  }
  const write = ctx.db.transaction((): Planned[] => {
    // Planned again inside the transaction, so what is written matches the database as it is now.
    const seen = new Map<string, string>()
    return first.map((p) => {
      const fresh = p.parsed ? plan(ctx, p.item.file, p.parsed, seen, units) : p
      // A unit chosen in the preview and removed since stops everything (nothing is written).
      const chosen = fresh.parsed ? units[fresh.parsed.idCard] : undefined
      if (chosen && fresh.item.unitQuestion) unitOfChoice(ctx, chosen, fresh.item.file)
      // The command line has no preview to answer in: the cadre lands without a unit, and says so.
      if (!chosen && fresh.item.unitQuestion && (fresh.item.action === 'create' || fresh.item.action === 'update'))
        fresh.item.warnings.push(
          `单位未确定：文件不含单位，现任职务也没有对应到单位树中的单位${fresh.item.unitQuestion.proposed ? `（看似“${fresh.item.unitQuestion.proposed}”）` : ''}，已按暂不指定单位导入，请到干部信息补填单位`,
        )
      return fresh.item.action === 'create' || fresh.item.action === 'update' ? writeOne(ctx, fresh) : fresh
    })
  })
  return report(fileName, write.immediate(), true)
}

function writeOne(ctx: AppContext, p: Planned): Planned {
  const db = ctx.db
  const parsed = p.parsed
  if (!parsed) return p
  const now = ctx.nowIso()
  let cadreId = p.item.cadreId
  const fc = p.fieldChanges
  if (cadreId === null) {
    const cols = Object.keys(fc).map((k) => columnOf(k))
    const vals = Object.values(fc)
    const r = db
      .prepare(
        `INSERT INTO cadres (${[...cols, 'name_initials', 'name_pinyin', 'status', 'created_at', 'updated_at'].join(', ')})
         VALUES (${[...cols, 'a', 'b', 'c', 'd', 'e'].map(() => '?').join(', ')})`,
      )
      .run(...vals, nameInitials(parsed.name), namePinyin(parsed.name), '在职', now, now)
    cadreId = Number(r.lastInsertRowid)
  } else if (Object.keys(fc).length > 0) {
    const sets = Object.keys(fc).map((k) => `${columnOf(k)} = ?`)
    const vals: (string | null | undefined)[] = Object.values(fc)
    if (fc.name) {
      sets.push('name_initials = ?', 'name_pinyin = ?')
      vals.push(nameInitials(fc.name), namePinyin(fc.name))
    }
    db.prepare(`UPDATE cadres SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...vals, now, cadreId)
  }
  if (p.retireBaseAge !== null)
    db.prepare('UPDATE cadres SET retire_base_age = ?, updated_at = ? WHERE id = ?').run(
      p.retireBaseAge,
      now,
      cadreId,
    )
  const unitId = p.unitChoice ? unitOfChoice(ctx, p.unitChoice, p.item.file) : p.unitId
  if (unitId !== null)
    db.prepare('UPDATE cadres SET unit_id = ?, updated_at = ? WHERE id = ?').run(unitId, now, cadreId)
  if (p.extras)
    db.prepare(
      `INSERT INTO lrmx_extras (cadre_id, retire_month, age_limit_text, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (cadre_id) DO UPDATE SET retire_month = excluded.retire_month, age_limit_text = excluded.age_limit_text,
       updated_at = excluded.updated_at`,
    ).run(cadreId, p.extras.retireMonth, p.extras.ageLimitText, now)
  if (p.assessments.length > 0) {
    const up = db.prepare(
      `INSERT INTO assessments (cadre_id, year, kind, grade) VALUES (?, ?, '年度考核', ?)
       ON CONFLICT (cadre_id, year, kind) DO UPDATE SET grade = excluded.grade`,
    )
    for (const a of p.assessments) up.run(cadreId, a.year, a.grade)
  }
  if (p.photo)
    db.prepare('UPDATE cadres SET photo = ?, updated_at = ? WHERE id = ?').run(
      Buffer.from(p.photo),
      now,
      cadreId,
    )
  if (p.resume) {
    db.prepare('DELETE FROM resume_entries WHERE cadre_id = ?').run(cadreId)
    const ins = db.prepare(
      'INSERT INTO resume_entries (cadre_id, seq, start, end, text) VALUES (?, ?, ?, ?, ?)',
    )
    p.resume.forEach((e, i) => ins.run(cadreId, i, e.start, e.end, e.text))
  }
  if (p.family) {
    db.prepare('DELETE FROM family_members WHERE cadre_id = ?').run(cadreId)
    const ins = db.prepare(
      'INSERT INTO family_members (cadre_id, seq, relation, name, birth_date, political_status, work_unit_position) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    p.family.forEach((m, i) =>
      ins.run(cadreId, i, m.relation, m.name, m.birthDate, m.politicalStatus, m.workUnitPosition),
    )
  }
  if (p.appointment) {
    const a = p.appointment
    const v = APPOINTMENT_KEYS.map((k) => a[k] ?? null)
    db.prepare(
      `INSERT INTO appointment_forms (cadre_id, proposed_position, proposed_removal, reason, reporting_unit, filled_by,
       age_at, filled_at, rewards_text, assessment_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(cadreId, ...v, now, now)
  }
  const created = p.item.cadreId === null
  const before: Record<string, string> = {}
  const after: Record<string, string> = {}
  for (const c of p.item.changes) {
    if (c.key === 'photo') continue
    if (!created) before[c.key] = c.before
    after[c.key] = c.after
  }
  writeAudit(ctx, {
    action: created ? 'create' : 'update',
    entity: 'cadre',
    entityId: cadreId,
    cadreId,
    summary: created
      ? `从任免审批表文件“${p.item.file}”新建干部${parsed.name}`
      : `从任免审批表文件“${p.item.file}”更新${parsed.name}：${p.item.changes.map((c) => c.label).join('、')}`,
    before: created ? null : before,
    after,
  })
  return { ...p, item: { ...p.item, cadreId } }
}

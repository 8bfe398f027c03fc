/**
 * Cadres: read one, save one (normalised, checked, audited, in one transaction), change status
 * (never delete), photos, the grid's query, and a fast bulk insert for demo data and imports.
 */
import type { CadreInput, CadreRecord, FamilyMember } from '../domain/cadre'
import { AppError } from '../domain/errors'
import {
  CADRE_FIELD_KEYS,
  STATUSES,
  fieldLabel,
  type CadreFieldKey,
  type CadreFields,
} from '../domain/fields'
import { imageKind, photoProblem, PHOTO_MAX_BYTES, type ImageKind } from '../domain/photo'
import { nameInitials, namePinyin } from '../domain/pinyin'
import type { ResumeEntry } from '../domain/resume'
import {
  CADRE_COLUMN,
  CADRE_COLUMN_KEYS,
  cadreFieldsFromDb,
  familyFromDb,
  resumeFromDb,
  type DbCadreWithUnit,
  type DbFamilyMember,
  type DbResumeEntry,
} from '../db/types'
import { recordAudit } from './audit'
import type { AppContext } from './context'
import {
  checkChronology,
  checkIdentity,
  emptyFields,
  normalizeFamily,
  normalizeFields,
  normalizeResume,
  problemsMessage,
  type Problems,
} from './cadres/normalize'
import { CADRE_SELECT } from './cadres/query'
import { ensureUnit } from './units'
import { setRetireBaseAge } from './retirement'

export { queryCadres, buildCadreWhere } from './cadres/query'
export {
  normalizeFields,
  checkIdentity,
  checkChronology,
  normalizeResume,
  normalizeFamily,
} from './cadres/normalize'

export type CadreStatus = (typeof STATUSES)[number]

function notFound(id: number): AppError {
  return new AppError('not-found', `干部档案（编号 ${id}）不存在`, `cadre ${id} not found`)
}

function readRow(ctx: AppContext, id: number): DbCadreWithUnit | undefined {
  return ctx.db
    .prepare(`SELECT ${CADRE_SELECT} FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE c.id = ?`)
    .get(id) as DbCadreWithUnit | undefined
}

function readResume(ctx: AppContext, id: number): ResumeEntry[] {
  return (
    ctx.db.prepare('SELECT * FROM resume_entries WHERE cadre_id = ? ORDER BY seq').all(id) as DbResumeEntry[]
  ).map(resumeFromDb)
}

function readFamily(ctx: AppContext, id: number): FamilyMember[] {
  return (
    ctx.db.prepare('SELECT * FROM family_members WHERE cadre_id = ? ORDER BY seq').all(id) as DbFamilyMember[]
  ).map(familyFromDb)
}

export function getCadre(ctx: AppContext, id: number): CadreRecord {
  const r = readRow(ctx, id)
  if (!r) throw notFound(id)
  const hasPhoto = !!ctx.db.prepare('SELECT 1 FROM cadres WHERE id = ? AND photo IS NOT NULL').get(id)
  return {
    ...cadreFieldsFromDb(r),
    id: r.id,
    unitId: r.unit_id,
    hasPhoto,
    retireBaseAge: r.retire_base_age ?? null,
    retireDate: r.retire_date ?? null,
    resume: readResume(ctx, id),
    family: readFamily(ctx, id),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/** The id of the person with this ID number (already cleaned: 18 characters, X upper case). */
export function findCadreIdByIdCard(ctx: AppContext, idCard: string): number | null {
  const r = ctx.db.prepare('SELECT id FROM cadres WHERE id_card = ?').get(idCard) as
    { id: number } | undefined
  return r?.id ?? null
}

function whoIs(ctx: AppContext, id: number): string {
  const r = readRow(ctx, id)
  if (!r) return `编号 ${id}`
  return r.unit_name ? `${r.name}（${r.unit_name}）` : r.name
}

function invalid(errors: Problems, who?: string): AppError {
  const fields = Object.fromEntries(Object.entries(errors).filter(([, v]) => !!v)) as Record<string, string>
  return new AppError(
    'invalid-cadre',
    problemsMessage(errors, who),
    `invalid cadre: ${Object.keys(fields).join(', ')}`,
    fields,
  )
}

/** Values for the cadres table's columns, in CADRE_COLUMN_KEYS order. */
function columnValues(f: CadreFields): (string | null)[] {
  return CADRE_COLUMN_KEYS.map((k) => (k === 'status' ? (f.status ?? '在职') : f[k]))
}

const INSERT_SQL = `INSERT INTO cadres (${CADRE_COLUMN_KEYS.map((k) => CADRE_COLUMN[k]).join(', ')},
  unit_id, name_initials, name_pinyin, created_at, updated_at)
  VALUES (${CADRE_COLUMN_KEYS.map(() => '?').join(', ')}, ?, ?, ?, ?, ?)`
const UPDATE_SQL = `UPDATE cadres SET ${CADRE_COLUMN_KEYS.map((k) => `${CADRE_COLUMN[k]} = ?`).join(', ')},
  unit_id = ?, name_initials = ?, name_pinyin = ?, updated_at = ? WHERE id = ?`

function writeResume(ctx: AppContext, cadreId: number, entries: readonly ResumeEntry[]): void {
  ctx.db.prepare('DELETE FROM resume_entries WHERE cadre_id = ?').run(cadreId)
  const ins = ctx.db.prepare(
    'INSERT INTO resume_entries (cadre_id, seq, start, end, text) VALUES (?, ?, ?, ?, ?)',
  )
  entries.forEach((e, i) => ins.run(cadreId, i + 1, e.start, e.end, e.text))
}

function writeFamily(ctx: AppContext, cadreId: number, members: readonly FamilyMember[]): void {
  ctx.db.prepare('DELETE FROM family_members WHERE cadre_id = ?').run(cadreId)
  const ins = ctx.db.prepare(
    'INSERT INTO family_members (cadre_id, seq, relation, name, birth_date, political_status, work_unit_position) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  members.forEach((f, i) =>
    ins.run(cadreId, i + 1, f.relation, f.name, f.birthDate, f.politicalStatus, f.workUnitPosition),
  )
}

function duplicateError(ctx: AppContext, idCard: string, otherId: number): AppError {
  const msg = `身份证号 ${idCard} 已属于 ${whoIs(ctx, otherId)}，同一身份证号不能建两份档案`
  return new AppError('duplicate-idcard', msg, `ID number ${idCard} already belongs to cadre ${otherId}`, {
    idCard: msg,
  })
}

/**
 * Creates (`id` null) or updates a person. Fields left out of the input stay as they are; null
 * clears one. `resume` / `family`, when given, replace the person's lists. Throws AppError
 * ('invalid-cadre', with `fields`) listing every problem; nothing is written then.
 */
export function saveCadre(ctx: AppContext, input: CadreInput): CadreRecord {
  if (input.retireBaseAge !== undefined) {
    // 原法定退休年龄 (issue 13) is kept beside the canonical fields: main/services/retirement.ts.
    const { retireBaseAge, ...rest } = input
    return ctx.db.transaction((): CadreRecord => {
      const saved = saveCadre(ctx, rest)
      return setRetireBaseAge(ctx, saved.id, retireBaseAge ?? null) ?? saved
    })()
  }
  return ctx.db.transaction((): CadreRecord => {
    const existing = input.id !== null ? getCadre(ctx, input.id) : null
    if (input.id !== null && !existing) throw notFound(input.id)
    const { values, errors, warnings } = normalizeFields(input)
    // In the editor a month must be a month: a year alone is not accepted silently.
    for (const [k, w] of Object.entries(warnings)) {
      if (w && !errors[k as CadreFieldKey])
        errors[k as CadreFieldKey] = `${fieldLabel(k as CadreFieldKey)}请填写完整的年月，如 1975.03`
    }
    const before: CadreFields = existing ? pickFields(existing) : emptyFields()
    const fields: CadreFields = { ...before, ...values }
    if (!existing && !fields.status) fields.status = '在职'
    checkIdentity(fields, errors)
    checkChronology(fields, errors, existing ? before : undefined)
    const resume =
      input.resume !== undefined ? normalizeResume(input.resume, errors) : (existing?.resume ?? [])
    const family =
      input.family !== undefined ? normalizeFamily(input.family, errors) : (existing?.family ?? [])
    if (Object.values(errors).some(Boolean)) throw invalid(errors, fields.name ?? undefined)
    const idCard = fields.idCard as string
    const other = findCadreIdByIdCard(ctx, idCard)
    if (other !== null && other !== input.id) throw duplicateError(ctx, idCard, other)
    const unitId = fields.unit ? ensureUnit(ctx, fields.unit) : null
    const name = fields.name as string
    const now = ctx.nowIso()

    let id: number
    if (!existing) {
      const r = ctx.db
        .prepare(INSERT_SQL)
        .run(...columnValues(fields), unitId, nameInitials(name), namePinyin(name), now, now)
      id = Number(r.lastInsertRowid)
      writeResume(ctx, id, resume)
      writeFamily(ctx, id, family)
      const after: Record<string, unknown> = {}
      for (const k of CADRE_FIELD_KEYS) if (fields[k] !== null) after[k] = fields[k]
      if (resume.length) after.resume = resume
      if (family.length) after.family = family
      recordAudit(ctx, {
        action: 'create',
        entity: 'cadre',
        entityId: id,
        cadreId: id,
        summary: `新建干部档案：${name}${fields.unit ? `（${fields.unit}）` : ''}`,
        after,
      })
      return getCadre(ctx, id)
    }

    id = existing.id
    const changedBefore: Record<string, unknown> = {}
    const changedAfter: Record<string, unknown> = {}
    const labels: string[] = []
    for (const k of CADRE_FIELD_KEYS) {
      if (before[k] === fields[k]) continue
      changedBefore[k] = before[k]
      changedAfter[k] = fields[k]
      labels.push(fieldLabel(k))
    }
    const resumeChanged = JSON.stringify(resume) !== JSON.stringify(existing.resume)
    const familyChanged = JSON.stringify(family) !== JSON.stringify(existing.family)
    if (resumeChanged) {
      changedBefore.resume = existing.resume
      changedAfter.resume = resume
      labels.push('简历')
    }
    if (familyChanged) {
      changedBefore.family = existing.family
      changedAfter.family = family
      labels.push('家庭主要成员')
    }
    if (labels.length === 0) return existing
    ctx.db
      .prepare(UPDATE_SQL)
      .run(...columnValues(fields), unitId, nameInitials(name), namePinyin(name), now, id)
    if (resumeChanged) writeResume(ctx, id, resume)
    if (familyChanged) writeFamily(ctx, id, family)
    recordAudit(ctx, {
      action: 'update',
      entity: 'cadre',
      entityId: id,
      cadreId: id,
      summary: `修改 ${before.name ?? name} 的${labels.join('、')}`,
      before: changedBefore,
      after: changedAfter,
    })
    return getCadre(ctx, id)
  })()
}

function pickFields(r: CadreRecord): CadreFields {
  const out = emptyFields()
  for (const k of CADRE_FIELD_KEYS) out[k] = r[k]
  return out
}

/** 在职 / 调出 / 退休 / 去世. A record is never deleted; the change and its note are audited. */
export function setCadreStatus(ctx: AppContext, id: number, status: string, note?: string): CadreRecord {
  if (!(STATUSES as readonly string[]).includes(status)) {
    throw new AppError('invalid-status', `状态应为 ${STATUSES.join('、')} 之一`, `bad status ${status}`, {
      status: '状态无效',
    })
  }
  return ctx.db.transaction((): CadreRecord => {
    const r = readRow(ctx, id)
    if (!r) throw notFound(id)
    if (r.status === status) return getCadre(ctx, id)
    ctx.db.prepare('UPDATE cadres SET status = ?, updated_at = ? WHERE id = ?').run(status, ctx.nowIso(), id)
    const n = note?.trim()
    recordAudit(ctx, {
      action: 'status',
      entity: 'cadre',
      entityId: id,
      cadreId: id,
      summary: `${r.name} 的状态由“${r.status}”改为“${status}”${n ? `：${n}` : ''}`,
      before: { status: r.status },
      after: n ? { status, note: n } : { status },
    })
    return getCadre(ctx, id)
  })()
}

export function getCadrePhoto(ctx: AppContext, id: number): Uint8Array | null {
  const r = ctx.db.prepare('SELECT photo FROM cadres WHERE id = ?').get(id) as
    { photo: Buffer | null } | undefined
  if (!r) throw notFound(id)
  return r.photo ? new Uint8Array(r.photo.buffer, r.photo.byteOffset, r.photo.byteLength) : null
}

/** Sets (JPEG or PNG, at most 2 MB: main/domain/photo.ts) or removes (null) a photo; audited without the bytes. */
export function setCadrePhoto(ctx: AppContext, id: number, data: Uint8Array | null): CadreRecord {
  let kind: ImageKind | null = null
  if (data) {
    const problem = photoProblem(data)
    if (problem) {
      const big = data.byteLength > PHOTO_MAX_BYTES
      const msg = big ? `${problem}，请压缩后再上传` : problem
      throw new AppError(
        big ? 'photo-too-large' : 'photo-format',
        msg,
        big ? 'photo larger than 2 MB' : 'photo must be JPEG or PNG',
        {
          photo: problem,
        },
      )
    }
    kind = imageKind(data)
  }
  return ctx.db.transaction((): CadreRecord => {
    const r = ctx.db.prepare('SELECT name, photo IS NOT NULL AS had FROM cadres WHERE id = ?').get(id) as
      { name: string; had: number } | undefined
    if (!r) throw notFound(id)
    if (!data && !r.had) return getCadre(ctx, id)
    ctx.db
      .prepare('UPDATE cadres SET photo = ?, updated_at = ? WHERE id = ?')
      .run(data ? Buffer.from(data) : null, ctx.nowIso(), id)
    const size = data
      ? `${kind === 'png' ? 'PNG' : 'JPEG'}，${Math.max(1, Math.round(data.byteLength / 1024))} KB`
      : ''
    recordAudit(ctx, {
      action: 'photo',
      entity: 'cadre',
      entityId: id,
      cadreId: id,
      summary: data ? `${r.had ? '更换' : '上传'}了 ${r.name} 的照片（${size}）` : `删除了 ${r.name} 的照片`,
      before: { photo: r.had ? '有' : '无' },
      after: { photo: data ? size : '无' },
    })
    return getCadre(ctx, id)
  })()
}

/** One person for `insertCadresBulk`: canonical fields (any month form, `unit` as a name), lists. */
export interface BulkCadreInput extends Partial<Record<CadreFieldKey, string | null>> {
  resume?: ResumeEntry[]
  family?: FamilyMember[]
  photo?: Uint8Array | null
}

export interface BulkInsertOptions {
  /** Summary of the one audit entry for the whole batch; default "批量新建 N 名干部". */
  auditSummary?: string
  /** Audit action; default 'bulk-create'. */
  auditAction?: string
  /** created_at / updated_at of the new rows; default now. */
  createdAt?: string
}

/**
 * The fast path for demo data, imports and `load`: every row normalised and checked as
 * `saveCadre` does, units created by name as needed, all in one transaction with prepared
 * statements, one audit entry for the batch. Any problem (a bad row, an ID number already in the
 * database or twice in the batch) throws an AppError naming the row (1-based) and nothing is
 * written. Returns the new ids in input order.
 */
export function insertCadresBulk(
  ctx: AppContext,
  rows: readonly BulkCadreInput[],
  opts: BulkInsertOptions = {},
): number[] {
  const now = opts.createdAt ?? ctx.nowIso()
  return ctx.db.transaction((): number[] => {
    const ins = ctx.db.prepare(INSERT_SQL)
    const insPhoto = ctx.db.prepare('UPDATE cadres SET photo = ? WHERE id = ?')
    const insResume = ctx.db.prepare(
      'INSERT INTO resume_entries (cadre_id, seq, start, end, text) VALUES (?, ?, ?, ?, ?)',
    )
    const insFamily = ctx.db.prepare(
      'INSERT INTO family_members (cadre_id, seq, relation, name, birth_date, political_status, work_unit_position) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    const existing = ctx.db.prepare('SELECT id FROM cadres WHERE id_card = ?')
    const units = new Map<string, number>()
    const seen = new Map<string, number>()
    const ids: number[] = []
    rows.forEach((row, i) => {
      const { values, errors } = normalizeFields(row)
      const fields: CadreFields = { ...emptyFields(), ...values }
      if (!fields.status) fields.status = '在职'
      checkIdentity(fields, errors)
      checkChronology(fields, errors)
      checkChronology(fields, errors)
      const resume = row.resume ? normalizeResume(row.resume, errors) : []
      const family = row.family ? normalizeFamily(row.family, errors) : []
      const where = `第 ${i + 1} 条（${fields.name ?? '无姓名'}）`
      if (Object.values(errors).some(Boolean)) throw invalid(errors, where)
      const photoIssue = row.photo ? photoProblem(row.photo) : null
      if (photoIssue) {
        throw new AppError(
          'photo-format',
          `${where}：${photoIssue}`,
          'photo must be a JPEG or PNG of at most 2 MB',
        )
      }
      const idCard = fields.idCard as string
      const twice = seen.get(idCard)
      if (twice !== undefined) {
        throw new AppError(
          'duplicate-idcard',
          `${where}：身份证号 ${idCard} 在本批数据中出现了两次（另见第 ${twice + 1} 条）`,
          `duplicate ID ${idCard} in batch`,
          { idCard: '身份证号重复' },
        )
      }
      seen.set(idCard, i)
      const other = existing.get(idCard) as { id: number } | undefined
      if (other) {
        const e = duplicateError(ctx, idCard, other.id)
        throw new AppError(e.code, `${where}：${e.message}`, e.messageEn, e.fields)
      }
      let unitId: number | null = null
      if (fields.unit) {
        unitId = units.get(fields.unit) ?? ensureUnit(ctx, fields.unit)
        units.set(fields.unit, unitId)
      }
      const name = fields.name as string
      const r = ins.run(...columnValues(fields), unitId, nameInitials(name), namePinyin(name), now, now)
      const id = Number(r.lastInsertRowid)
      resume.forEach((e, j) => insResume.run(id, j + 1, e.start, e.end, e.text))
      family.forEach((f, j) =>
        insFamily.run(id, j + 1, f.relation, f.name, f.birthDate, f.politicalStatus, f.workUnitPosition),
      )
      if (row.photo) insPhoto.run(Buffer.from(row.photo), id)
      ids.push(id)
    })
    if (ids.length > 0) {
      recordAudit(ctx, {
        action: opts.auditAction ?? 'bulk-create',
        entity: 'cadre',
        summary: opts.auditSummary ?? `批量新建 ${ids.length} 名干部`,
        after: { count: ids.length, firstId: ids[0], lastId: ids[ids.length - 1] },
      })
    }
    return ids
  })()
}

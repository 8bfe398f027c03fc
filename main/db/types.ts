/**
 * Row types mirroring the schema (0010-initial), kept apart from the domain types, and the
 * mappings between them. SQL speaks snake_case; the domain speaks the canonical keys.
 */
import type { AuditEntry, CadreRow, FamilyMember, Unit } from '../domain/cadre'
import { CADRE_FIELD_KEYS, columnOf, type CadreFieldKey, type CadreFields } from '../domain/fields'
import type { ResumeEntry } from '../domain/resume'

export interface DbUnit {
  id: number
  name: string
  parent_id: number | null
  kind: string | null
  sort_order: number
}

/** A cadres row without the photo blob (which is read on its own). */
export interface DbCadre {
  id: number
  id_card: string
  name: string
  name_initials: string
  name_pinyin: string
  gender: string | null
  birth_date: string | null
  ethnicity: string | null
  native_place: string | null
  birth_place: string | null
  party_join_date: string | null
  political_status: string | null
  work_start_date: string | null
  health: string | null
  tech_title: string | null
  specialty: string | null
  edu_full_time: string | null
  degree_full_time: string | null
  school_full_time: string | null
  edu_in_service: string | null
  degree_in_service: string | null
  school_in_service: string | null
  unit_id: number | null
  position: string | null
  position_level: string | null
  position_date: string | null
  rank: string | null
  rank_date: string | null
  status: string
  phone: string | null
  /** Migration 0080: 原法定退休年龄 and the generated 到龄时间. */
  retire_base_age?: number | null
  retire_date?: string | null
  created_at: string
  updated_at: string
}

/** A cadres row joined with its unit's name (`unit_name`) as the services read it. */
export interface DbCadreWithUnit extends DbCadre {
  unit_name: string | null
}

export interface DbResumeEntry {
  id: number
  cadre_id: number
  seq: number
  start: string | null
  end: string | null
  text: string
}

export interface DbFamilyMember {
  id: number
  cadre_id: number
  seq: number
  relation: string
  name: string
  birth_date: string | null
  political_status: string | null
  work_unit_position: string | null
}

export interface DbAuditEntry {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entity_id: number | null
  cadre_id: number | null
  summary: string
  before: string | null
  after: string | null
}

export interface DbSetting {
  key: string
  value: string
}

/** Canonical keys stored in a cadres column of the same (snake_case) name: all but `unit`. */
export const CADRE_COLUMN_KEYS = CADRE_FIELD_KEYS.filter((k) => k !== 'unit') as Exclude<
  CadreFieldKey,
  'unit'
>[]

/** Column of a canonical key (`unit` has none: it is `unit_id` → units.name). */
export const CADRE_COLUMN: Readonly<Record<Exclude<CadreFieldKey, 'unit'>, string>> = Object.fromEntries(
  CADRE_COLUMN_KEYS.map((k) => [k, columnOf(k)]),
) as Record<Exclude<CadreFieldKey, 'unit'>, string>

export function cadreFieldsFromDb(r: DbCadreWithUnit): CadreFields {
  const row = r as unknown as Record<string, string | null>
  const out = {} as CadreFields
  for (const k of CADRE_COLUMN_KEYS) out[k] = row[CADRE_COLUMN[k]] ?? null
  out.unit = r.unit_name
  return out
}

export function cadreRowFromDb(r: DbCadreWithUnit, age: number | null): CadreRow {
  return { ...cadreFieldsFromDb(r), id: r.id, unitId: r.unit_id, age, impactUntil: null, retireDate: r.retire_date ?? null }
}

export function unitFromDb(r: DbUnit & { count?: number }): Unit {
  return {
    id: r.id,
    name: r.name,
    parentId: r.parent_id,
    kind: r.kind,
    sortOrder: r.sort_order,
    count: r.count ?? 0,
  }
}

export function resumeFromDb(r: DbResumeEntry): ResumeEntry {
  return { start: r.start, end: r.end, text: r.text }
}

export function familyFromDb(r: DbFamilyMember): FamilyMember {
  return {
    relation: r.relation,
    name: r.name,
    birthDate: r.birth_date,
    politicalStatus: r.political_status,
    workUnitPosition: r.work_unit_position,
  }
}

function parseJson(s: string | null): unknown {
  if (s === null) return null
  try {
    return JSON.parse(s) as unknown
  } catch {
    return s
  }
}

export function auditFromDb(r: DbAuditEntry): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    cadreId: r.cadre_id,
    summary: r.summary,
    before: parseJson(r.before),
    after: parseJson(r.after),
  }
}

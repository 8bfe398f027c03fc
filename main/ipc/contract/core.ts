/** Channels of the foundation: app info, cadres, units, audit log, backups, settings. */
import { z } from 'zod'
import { CADRE_FIELD_KEYS } from '../../domain/fields'
import type { AuditEntry, CadreQueryResult, CadreRecord, Unit } from '../../domain/cadre'
import { channel, read, write } from './define'

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '年月应为 YYYY-MM')
const nullableText = z.string().max(2000).nullable()

export const ResumeEntrySchema = z.object({
  start: month.nullable(),
  end: month.nullable(),
  text: z.string().max(2000),
})
export const FamilyMemberSchema = z.object({
  relation: z.string().min(1, '称谓不能为空').max(50),
  name: z.string().min(1, '姓名不能为空').max(50),
  birthDate: month.nullable(),
  politicalStatus: nullableText,
  workUnitPosition: nullableText,
})

const fieldShape = Object.fromEntries(CADRE_FIELD_KEYS.map((k) => [k, nullableText.optional()])) as Record<
  (typeof CADRE_FIELD_KEYS)[number],
  z.ZodOptional<z.ZodNullable<z.ZodString>>
>

export const CadreInputSchema = z.object({
  ...fieldShape,
  id: z.number().int().positive().nullable(),
  retireBaseAge: z.number().int().nullable().optional(),
  resume: z.array(ResumeEntrySchema).max(200).optional(),
  family: z.array(FamilyMemberSchema).max(50).optional(),
})

const FilterSchema = z.object({
  op: z.enum(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank']),
  value: z.string().max(200).optional(),
})

export const CadreQuerySchema = z.object({
  search: z.string().max(100).optional(),
  unitId: z.number().int().nullable().optional(),
  statuses: z.array(z.string().max(10)).max(10).optional(),
  filters: z.record(z.string().max(40), FilterSchema).optional(),
  sort: z.array(z.object({ key: z.string().max(40), dir: z.enum(['asc', 'desc']) })).max(5).optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(5000),
})

const id = z.number().int().positive()

export interface AppInfo {
  version: string
  dbPath: string
  dataDir: string
  cadreCount: number
  schemaVersion: number
  /** 'electron' or 'web' */
  host: string
}

export interface BackupInfo {
  file: string
  path: string
  size: number
  createdAt: string
}

export const coreChannels = {
  'app.info': channel<AppInfo>()(z.undefined().optional(), read(['cadres'])),
  'cadres.query': channel<CadreQueryResult>()(CadreQuerySchema, read(['cadres', 'units'])),
  'cadres.get': channel<CadreRecord>()(z.object({ id }), read(['cadres', 'units', 'resume_entries', 'family_members'])),
  'cadres.save': channel<CadreRecord>()(CadreInputSchema, write(['cadres', 'units', 'resume_entries', 'family_members', 'audit_log'])),
  'cadres.setStatus': channel<CadreRecord>()(z.object({ id, status: z.enum(['在职', '调出', '退休', '去世']), note: z.string().max(500).optional() }), write(['cadres', 'audit_log'])),
  'cadres.photo': channel<Uint8Array | null>()(z.object({ id }), read(['cadres'])),
  'cadres.setPhoto': channel<CadreRecord>()(z.object({ id, data: z.instanceof(Uint8Array).nullable() }), write(['cadres', 'audit_log'])),
  // counts of active cadres, or of one status ('全部': all) as the roster's status choice lists them
  'units.list': channel<Unit[]>()(
    z.object({ status: z.enum(['在职', '调出', '退休', '去世', '全部']) }).optional(),
    read(['units', 'cadres']),
  ),
  'units.save': channel<Unit>()(
    z.object({ id: id.nullable(), name: z.string().trim().min(1).max(100), parentId: id.nullable(), kind: z.string().max(20).nullable() }), write(['units', 'audit_log'])
  ),
  'audit.list': channel<{ entries: AuditEntry[]; total: number }>()(
    z.object({ cadreId: id.optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }), read(['audit_log'])
  ),
  'backup.list': channel<BackupInfo[]>()(z.undefined().optional(), read(['backups'])),
  'backup.create': channel<BackupInfo>()(z.undefined().optional(), write(['backups'])),
  'backup.restore': channel<{ restoredFrom: string; safetyCopy: string }>()(z.object({ file: z.string().min(1).max(200) }), write()),
  'demo.load': channel<{ count: number }>()(z.object({ count: z.number().int().min(1).max(200000) }), write()),
  'settings.get': channel<unknown>()(z.object({ key: z.string().min(1).max(100) }), read(['settings'])),
  'settings.set': channel<null>()(z.object({ key: z.string().min(1).max(100), value: z.unknown() }), write(['settings', 'audit_log'])),
}

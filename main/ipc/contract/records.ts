/** Channels of the cadre's records (issue 5): per-cadre entries, year grid, 研判, talks, reserve pool, postings. */
import { z } from 'zod'
import type { BulkResult, PastedMatch, YearGrid, YearGridCounts, YearGridSortKey } from '../../records/assessments'
import type { CrossCheck } from '../../records/crosschecks'
import type { ResultsReport } from '../../records/assessment-import'
import type { ListedRecord } from '../../records/entries'
import type { ExportedFile } from '../../records/exports'
import { fieldText, recordDataSchema } from '../../records/field-schemas'
import { RECORD_KINDS, type RecordKind, type RecordOf } from '../../records/kinds'
import type { PostingListRow, StationedRow } from '../../records/postings'
import type { AddToPoolResult, PoolFigures, PoolRow } from '../../records/reserve'
import type { MonthlyRow, RoundGridRow, StudyRound } from '../../records/studies'
import type { DueRow, EscalationHint, TalkLedgerRow } from '../../records/talks'
import { channel, read, write } from './define'

const id = z.number().int().positive()
/** What adding, correcting or removing one record may change: its kind's table (main/records/kinds.ts
 *  TABLES), the cadre's impact periods (discipline, talks) and the audit log. */
const RECORD_WRITES = ['assessments', 'studies', 'talks', 'discipline', 'rewards', 'reserve_entries', 'postings', 'training', 'impact_periods', 'audit_log']
/** What the year grid reads: the cadres (name, unit, status), the units' tree, the grades. */
const ASSESSMENT_READS = ['cadres', 'units', 'assessments']
const YEAR_GRID_SORT_KEYS = ['unit', 'name', 'idCard', 'position', 'previousGrade', 'grade'] as const satisfies readonly YearGridSortKey[]
const text = (max = 2000) => z.string().max(max).nullable()
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD')
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '年月应为 YYYY-MM')

/** One add/update argument per kind: `{ kind, data }` checked against that kind's shape, derived from
 *  its one definition (main/records/fields.ts). */
const RecordInput = z.discriminatedUnion(
  'kind',
  RECORD_KINDS.map((kind) => z.object({ kind: z.literal(kind), data: recordDataSchema(kind) })) as unknown as [
    z.ZodObject<{ kind: z.ZodLiteral<RecordKind>; data: z.ZodObject }>,
  ],
)
const KindSchema = z.enum(RECORD_KINDS)

export type AnyListedRecord = { [K in keyof RecordOf]: ListedRecord<K> }[keyof RecordOf]
export type AnyRecord = RecordOf[keyof RecordOf]
/** A record as saved, with the warnings of its entry: names the regulations do not use and the
 *  cross-checks (main/records/crosschecks.ts). Saved all the same. */
export type SavedRecord = AnyRecord & { warnings: string[]; crossChecks: CrossCheck[] }
/** The year grid's save, with the cross-checks of the grades set ("姓名：…"). */
export type GradesSaved = BulkResult & { warnings: { cadreId: number; name: string; message: string }[] }

export const RecordListSchema = z.object({ cadreId: id, kind: KindSchema })
const TalkLedgerSchema = z.object({
  kinds: z.array(fieldText('talks', 'kind')).max(20).optional(),
  from: day.nullable().optional(),
  to: day.nullable().optional(),
  unitId: id.nullable().optional(),
  talker: z.string().max(50).nullable().optional(),
  search: z.string().max(50).nullable().optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(5000).optional(),
})
const PoolQuerySchema = z.object({
  level: fieldText('reserve', 'level').nullable().optional(),
  statuses: z.array(fieldText('reserve', 'status')).max(4).optional(),
  unitId: id.nullable().optional(),
  search: z.string().max(50).nullable().optional(),
})
const DimensionSchema = z.object({ name: z.string().max(30), weight: z.number() })
const GroupSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('posting'), postingKind: fieldText('postings', 'kind').min(1) }),
  z.object({ kind: z.literal('unit'), unitId: id }),
  z.object({ kind: z.literal('manual'), cadreIds: z.array(id).min(1, '请至少选择一人').max(5000) }),
])

export const recordsChannels = {
  'records.list': channel<AnyListedRecord[]>()(RecordListSchema, read()),
  'records.add': channel<SavedRecord>()(z.intersection(z.object({ cadreId: id }), RecordInput), write(RECORD_WRITES)),
  /** The same record for several people (新增派驻 for a group): all land in one transaction, or none. */
  'records.addMany': channel<SavedRecord[]>()(
    z.intersection(z.object({ cadreIds: z.array(id).min(1, '请至少选择一人').max(5000) }), RecordInput),
    write(RECORD_WRITES),
  ),
  'records.update': channel<SavedRecord>()(z.intersection(z.object({ id }), RecordInput), write(RECORD_WRITES)),
  'records.remove': channel<null>()(z.object({ id, kind: KindSchema }), write(RECORD_WRITES)),

  /** One block of the year grid (filtered and sorted in SQL; the page asks for what is on screen). */
  'assessments.grid': channel<YearGrid>()(
    z.object({
      unitId: id.nullable(),
      year: z.number().int().min(1950).max(2100),
      kind: z.string().max(20).optional(),
      search: z.string().max(50).nullable().optional(),
      grade: z.string().max(20).nullable().optional(),
      sort: z.object({ key: z.enum(YEAR_GRID_SORT_KEYS), dir: z.enum(['asc', 'desc']) }).nullable().optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    read(ASSESSMENT_READS),
  ),
  /** Per grade for the unit and year (the count line above the grid). */
  'assessments.counts': channel<YearGridCounts>()(
    z.object({
      unitId: id.nullable(),
      year: z.number().int().min(1950).max(2100),
      kind: z.string().max(20).optional(),
    }),
    read(ASSESSMENT_READS),
  ),
  /** Lines pasted from Excel (cells of each line) read as the grid's people and their grades. */
  'assessments.resolvePaste': channel<PastedMatch[]>()(
    z.object({
      unitId: id.nullable(),
      year: z.number().int().min(1950).max(2100),
      kind: z.string().max(20).optional(),
      lines: z.array(z.array(z.string().max(200)).max(50)).min(1).max(20000),
    }),
    read(ASSESSMENT_READS),
  ),
  'assessments.setGrades': channel<GradesSaved>()(
    z.object({
      year: z.number().int().min(1950).max(2100),
      kind: z.string().max(20).optional(),
      changes: z
        .array(z.object({ cadreId: id, grade: z.string().max(20).nullable() }))
        .min(1)
        .max(20000),
    }),
    write(['assessments', 'audit_log']),
  ),
  'assessments.import': channel<ResultsReport>()(
    z.object({
      bytes: z.instanceof(Uint8Array),
      fileName: z.string().max(300).optional(),
      sheet: z.string().max(100).optional(),
      year: z.number().int().min(1950).max(2100).optional(),
      kind: z.string().max(20).optional(),
      dryRun: z.boolean().optional(),
    }),
    write(['assessments', 'audit_log']),
  ),
  /** The import's preview (what `assessments.import` with dryRun answers), as a read: nothing is
   *  written, so no screen refetches, and it runs beside the grid's block requests. */
  'assessments.previewImport': channel<ResultsReport>()(
    z.object({
      bytes: z.instanceof(Uint8Array),
      fileName: z.string().max(300).optional(),
      sheet: z.string().max(100).optional(),
      year: z.number().int().min(1950).max(2100).optional(),
      kind: z.string().max(20).optional(),
    }),
    read(undefined, 'heavy'),
  ),

  'studies.rounds': channel<StudyRound[]>()(z.undefined().optional(), read()),
  'studies.createRound': channel<StudyRound>()(
    z.object({
      name: fieldText('studies', 'round'),
      date: day,
      dimensions: z.array(DimensionSchema).min(1, '至少需要一个维度').max(20),
      group: GroupSchema,
      note: text(500).optional(),
    }),
    write(['study_rounds', 'studies', 'audit_log']),
  ),
  'studies.deleteRound': channel<null>()(z.object({ id }), write(['study_rounds', 'studies', 'audit_log'])),
  'studies.grid': channel<{ round: StudyRound; rows: RoundGridRow[] }>()(z.object({ roundId: id }), read()),
  'studies.save': channel<{ changed: number }>()(
    z.object({
      roundId: id,
      entries: z
        .array(
          z.object({
            studyId: id,
            scores: z.record(z.string().max(30), z.number().nullable()),
            conclusion: fieldText('studies', 'conclusion').nullable(),
            recommendation: fieldText('studies', 'recommendation').nullable(),
          }),
        )
        .max(5000),
    }),
    write(['studies', 'audit_log']),
  ),
  'studies.addMembers': channel<{ added: number }>()(
    z.object({ roundId: id, cadreIds: z.array(id).min(1).max(5000) }),
    write(['studies', 'audit_log']),
  ),
  'studies.monthly': channel<MonthlyRow[]>()(
    z.object({ month, kind: fieldText('postings', 'kind').nullable().optional() }),
    read(),
  ),
  'studies.setMonthly': channel<{ changed: number }>()(
    z.object({
      month,
      entries: z
        .array(z.object({ cadreId: id, score: z.number().nullable(), note: text(200).optional() }))
        .max(5000),
    }),
    write(['monthly_scores', 'audit_log']),
  ),

  'talks.ledger': channel<{ rows: TalkLedgerRow[]; total: number }>()(TalkLedgerSchema, read()),
  'talks.export': channel<ExportedFile>()(TalkLedgerSchema, read(undefined, 'heavy')),
  'talks.escalation': channel<EscalationHint[]>()(z.object({ cadreId: id.optional() }), read()),
  'talks.due': channel<{ months: number; since: string; rows: DueRow[] }>()(z.undefined().optional(), read()),

  'reserve.list': channel<PoolRow[]>()(PoolQuerySchema, read()),
  'reserve.add': channel<AddToPoolResult>()(
    z.object({
      cadreIds: z.array(id).min(1, '没有选中任何干部').max(5000),
      level: fieldText('reserve', 'level').min(1),
      entryWay: fieldText('reserve', 'entryWay').nullable(),
      entryDate: month.nullable(),
    }),
    write(['reserve_entries', 'audit_log']),
  ),
  'reserve.setStatus': channel<PoolRow>()(
    z.object({
      entryId: id,
      status: fieldText('reserve', 'status'),
      date: month.nullable().optional(),
      reason: fieldText('reserve', 'exitReason').nullable().optional(),
    }),
    write(['reserve_entries', 'audit_log']),
  ),
  'reserve.figures': channel<PoolFigures>()(
    z.object({ level: fieldText('reserve', 'level').nullable().optional() }),
    read(),
  ),
  'reserve.export': channel<ExportedFile>()(PoolQuerySchema, read(undefined, 'heavy')),

  'postings.list': channel<PostingListRow[]>()(
    z.object({
      kind: fieldText('postings', 'kind').nullable().optional(),
      search: z.string().max(50).nullable().optional(),
    }),
    read(),
  ),
  'postings.stationed': channel<StationedRow[]>()(
    z.object({ kind: fieldText('postings', 'kind').nullable().optional(), at: day.optional() }),
    read(),
  ),

  'records.settings': channel<{ escalationWindowMonths: number; talkDueMonths: number }>()(
    z.undefined().optional(),
    read(['settings']),
  ),
}

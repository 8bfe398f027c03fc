/**
 * Add, correct, remove and list the records of one cadre, for every kind. Each change is one
 * transaction with its audit entry; discipline and talk changes refresh the cadre's impact period.
 */
import { AppError } from '../domain/errors'
import { impactsAligned } from '../domain/impact'
import { recordAudit } from '../services/audit'
import type { AppContext } from '../services/context'
import { cadreImpactRecords, impactConfig, impactInfo, withImpactRefresh, type ImpactInfo } from './impact'
import { TABLES, fieldProblems, tidyRecord, vocabularyWarnings } from './fields'
import { RECORD_KIND_LABELS, type RecordData, type RecordKind, type RecordOf } from './kinds'

type Row = Record<string, unknown>

export function fromRow<K extends RecordKind>(kind: K, row: Row): RecordOf[K] {
  const spec = TABLES[kind]
  const out: Record<string, unknown> = { id: row.id, cadreId: row.cadre_id }
  for (const [key, [col, type]] of Object.entries(spec.fields)) {
    const v = row[col]
    if (type === 'json') {
      try {
        out[key] = typeof v === 'string' ? (JSON.parse(v) as unknown) : {}
      } catch {
        out[key] = {}
      }
    } else out[key] = v ?? null
  }
  return out as unknown as RecordOf[K]
}

/**
 * Checks and normalises one record's data by its kind's definition (main/records/fields.ts):
 * text trimmed, defaults filled, known variants stored as the regulations name them, every field's
 * problem found; then the rules that tie fields together. Throws an AppError naming the fields at
 * fault (the first is said).
 */
export function normalizeRecord<K extends RecordKind>(kind: K, data: RecordData<K>): RecordData<K> {
  const d = tidyRecord(kind, data as Record<string, unknown>)
  const errors = fieldProblems(kind, d)
  // Rules across fields.
  if (kind === 'discipline' && d.probationMonths !== null && !errors.probationMonths && d.measure !== '留党察看')
    errors.probationMonths = '只有留党察看才有察看期'
  if (kind === 'reserve' && d.status === '已撤销' && !d.exitReason) errors.exitReason = '撤销出库须写明原因'
  if (kind === 'postings' && d.start && d.end && !errors.end && (d.end as string) < (d.start as string))
    errors.end = '结束时间早于开始时间'
  const first = Object.values(errors)[0]
  if (first) {
    throw new AppError(
      'record-invalid',
      `${RECORD_KIND_LABELS[kind]}记录有误：${first}`,
      'invalid record',
      errors,
    )
  }
  return d as RecordData<K>
}

/** Warnings for a record about to be saved: names the regulations do not use (kept as typed, the
 *  rules reading them give 待核实). */
export function recordWarnings(kind: RecordKind, data: Record<string, unknown>): string[] {
  return vocabularyWarnings(kind, data).map((w) => w.message)
}

function toParams(kind: RecordKind, data: Record<string, unknown>): unknown[] {
  return Object.entries(TABLES[kind].fields).map(([key, [, type]]) => {
    const v = data[key]
    if (type === 'json') return JSON.stringify(v ?? {})
    return v === undefined ? null : v
  })
}

function cadreName(ctx: AppContext, cadreId: number): string {
  const r = ctx.db.prepare('SELECT name FROM cadres WHERE id = ?').get(cadreId) as
    { name: string } | undefined
  if (!r)
    throw new AppError('cadre-not-found', `找不到编号为 ${cadreId} 的干部`, `cadre ${cadreId} not found`)
  return r.name
}

export function describeRecord(kind: RecordKind, d: Record<string, unknown>): string {
  switch (kind) {
    case 'assessments':
      return `${String(d.year)}年度${String(d.kind ?? '年度考核')}“${String(d.grade)}”`
    case 'studies':
      return `${String(d.round)}（${String(d.date)}）`
    case 'talks':
      return `${String(d.date)} ${String(d.kind)}`
    case 'discipline':
      return `${String(d.date)} ${String(d.system)}${String(d.measure)}`
    case 'rewards':
      return `${String(d.name)}${d.date ? `（${String(d.date)}）` : ''}`
    case 'reserve':
      return `${String(d.level)}（${String(d.status)}）`
    case 'postings':
      return `${String(d.kind)}${d.place ? ` ${String(d.place)}` : ''}`
    case 'training':
      return String(d.name)
  }
}

const ENTITY: Record<RecordKind, string> = {
  assessments: 'assessment',
  studies: 'study',
  talks: 'talk',
  discipline: 'discipline',
  rewards: 'reward',
  reserve: 'reserve',
  postings: 'posting',
  training: 'training',
}

function strip(r: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, cadreId: _c, ...rest } = r
  return rest
}

/** Inserts without a transaction or audit: for callers that batch (the grids). */
export function insertRecord<K extends RecordKind>(
  ctx: AppContext,
  kind: K,
  cadreId: number,
  data: RecordData<K>,
): number {
  const spec = TABLES[kind]
  const cols = Object.values(spec.fields).map(([c]) => c)
  const sql = `INSERT INTO ${spec.table} (cadre_id, ${cols.join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`
  try {
    return Number(
      ctx.db.prepare(sql).run(cadreId, ...toParams(kind, data as Record<string, unknown>)).lastInsertRowid,
    )
  } catch (e) {
    if (String((e as Error).message).includes('UNIQUE') && kind === 'assessments') {
      const a = data as RecordData<'assessments'>
      throw new AppError(
        'record-duplicate',
        `该干部已有 ${a.year} 年度的${a.kind}结果，请修改原记录`,
        'duplicate assessment',
      )
    }
    throw e
  }
}

export function getRecord<K extends RecordKind>(ctx: AppContext, kind: K, id: number): RecordOf[K] {
  const row = ctx.db.prepare(`SELECT * FROM ${TABLES[kind].table} WHERE id = ?`).get(id) as Row | undefined
  if (!row)
    throw new AppError(
      'record-not-found',
      `找不到这条${RECORD_KIND_LABELS[kind]}记录（编号 ${id}），可能已被删除`,
      'record not found',
    )
  return fromRow(kind, row)
}

export type ListedRecord<K extends RecordKind> = RecordOf[K] & { impact?: ImpactInfo | null }

export function listRecords<K extends RecordKind>(
  ctx: AppContext,
  kind: K,
  cadreId: number,
): ListedRecord<K>[] {
  const spec = TABLES[kind]
  const rows = ctx.db
    .prepare(`SELECT * FROM ${spec.table} WHERE cadre_id = ? ORDER BY ${spec.order}`)
    .all(cadreId) as Row[]
  const out = rows.map((r) => fromRow(kind, r)) as ListedRecord<K>[]
  if (kind === 'discipline' || kind === 'talks') {
    // The cadre's whole list goes through the one computation (stacked 政务处分 need the others).
    const config = impactConfig(ctx)
    const today = ctx.today()
    const ids = cadreImpactRecords(ctx, cadreId)
    const aligned = impactsAligned(
      ids.map((x) => x.record),
      config,
    )
    const want = kind === 'discipline' ? 'discipline' : 'talk'
    const byId = new Map<number, ImpactInfo | null>()
    ids.forEach((x, i) => {
      if (x.src === want) byId.set(x.id, impactInfo(aligned[i] ?? null, today))
    })
    for (const r of out) r.impact = byId.get(r.id) ?? null
  }
  return out
}

const touchesImpact = (kind: RecordKind) => kind === 'discipline' || kind === 'talks'

export function addRecord<K extends RecordKind>(
  ctx: AppContext,
  kind: K,
  cadreId: number,
  data: RecordData<K>,
): RecordOf[K] {
  const clean = normalizeRecord(kind, data)
  return ctx.db.transaction(() => {
    const name = cadreName(ctx, cadreId)
    const write = () => insertRecord(ctx, kind, cadreId, clean)
    const id = touchesImpact(kind) ? withImpactRefresh(ctx, cadreId, write) : write()
    recordAudit(ctx, {
      action: 'create',
      entity: ENTITY[kind],
      entityId: id,
      cadreId,
      summary: `为${name}新增${RECORD_KIND_LABELS[kind]}记录：${describeRecord(kind, clean as Record<string, unknown>)}`,
      after: clean,
    })
    return getRecord(ctx, kind, id)
  })()
}

export function updateRecord<K extends RecordKind>(
  ctx: AppContext,
  kind: K,
  id: number,
  data: RecordData<K>,
): RecordOf[K] {
  const clean = normalizeRecord(kind, data) as Record<string, unknown>
  return ctx.db.transaction(() => {
    const before = getRecord(ctx, kind, id) as unknown as Record<string, unknown>
    const cadreId = before.cadreId as number
    const name = cadreName(ctx, cadreId)
    const spec = TABLES[kind]
    const sets = Object.values(spec.fields).map(([c]) => `${c} = ?`)
    const write = () => {
      try {
        ctx.db
          .prepare(`UPDATE ${spec.table} SET ${sets.join(', ')} WHERE id = ?`)
          .run(...toParams(kind, clean), id)
      } catch (e) {
        if (String((e as Error).message).includes('UNIQUE'))
          throw new AppError(
            'record-duplicate',
            `该干部已有 ${String(clean.year)} 年度的${String(clean.kind)}结果`,
            'duplicate',
          )
        throw e
      }
    }
    if (touchesImpact(kind)) withImpactRefresh(ctx, cadreId, write)
    else write()
    const b: Record<string, unknown> = {}
    const a: Record<string, unknown> = {}
    const old = strip(before)
    for (const k of Object.keys(spec.fields)) {
      if (JSON.stringify(old[k] ?? null) !== JSON.stringify(clean[k] ?? null)) {
        b[k] = old[k] ?? null
        a[k] = clean[k] ?? null
      }
    }
    if (Object.keys(a).length > 0) {
      recordAudit(ctx, {
        action: 'update',
        entity: ENTITY[kind],
        entityId: id,
        cadreId,
        summary: `修改${name}的${RECORD_KIND_LABELS[kind]}记录：${describeRecord(kind, clean)}`,
        before: b,
        after: a,
      })
    }
    return getRecord(ctx, kind, id)
  })()
}

export function removeRecord(ctx: AppContext, kind: RecordKind, id: number): void {
  ctx.db.transaction(() => {
    const before = getRecord(ctx, kind, id) as unknown as Record<string, unknown>
    const cadreId = before.cadreId as number
    const name = cadreName(ctx, cadreId)
    const write = () => ctx.db.prepare(`DELETE FROM ${TABLES[kind].table} WHERE id = ?`).run(id)
    if (touchesImpact(kind)) withImpactRefresh(ctx, cadreId, write)
    else write()
    recordAudit(ctx, {
      action: 'delete',
      entity: ENTITY[kind],
      entityId: id,
      cadreId,
      summary: `删除${name}的${RECORD_KIND_LABELS[kind]}记录：${describeRecord(kind, before)}`,
      before: strip(before),
    })
  })()
}

export { ENTITY as RECORD_ENTITY }

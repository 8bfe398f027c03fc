/**
 * Add, correct, remove and list the records of one cadre, for every kind. Each change is one
 * transaction with its audit entry; discipline and talk changes refresh the cadre's impact period.
 */
import { isDay, isMonth } from '../domain/dates'
import { AppError } from '../domain/errors'
import { impactsAligned } from '../domain/impact'
import { recordAudit } from '../services/audit'
import type { AppContext } from '../services/context'
import { cadreImpactRecords, impactConfig, impactInfo, withImpactRefresh, type ImpactInfo } from './impact'
import {
  DISCIPLINE_SYSTEM_VOCAB,
  RECORD_VOCABS,
  resolveMeasure,
  resolveTerm,
  vocabularyWarnings,
} from './vocab'
import {
  DISCIPLINE_SYSTEMS,
  RECORD_KIND_LABELS,
  RESERVE_STATUSES,
  TABLES,
  type RecordData,
  type RecordKind,
  type RecordOf,
} from './kinds'

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

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null
  const s = String(v).trim()
  return s === '' ? null : s
}

/** Checks and normalises one record's data; throws an AppError naming the fields at fault. */
export function normalizeRecord<K extends RecordKind>(kind: K, data: RecordData<K>): RecordData<K> {
  const d = { ...(data as Record<string, unknown>) }
  const spec = TABLES[kind]
  for (const [key, [, type]] of Object.entries(spec.fields)) {
    if (type === 'text') d[key] = text(d[key])
  }
  // Known variants are stored as the regulations name them (党内严重警告 → 严重警告); an unknown
  // value is kept as typed (recordWarnings says so).
  for (const [key, v] of Object.entries(RECORD_VOCABS[kind] ?? {})) {
    const canonical = typeof d[key] === 'string' ? resolveTerm(v, d[key]) : null
    if (canonical) d[key] = canonical
  }
  if (kind === 'discipline') {
    const sys = typeof d.system === 'string' ? resolveTerm(DISCIPLINE_SYSTEM_VOCAB, d.system) : null
    if (sys) d.system = sys
    const m = sys && typeof d.measure === 'string' ? resolveMeasure(sys, d.measure) : null
    if (m) {
      d.measure = m.measure
      if (m.probationMonths !== undefined && (d.probationMonths === null || d.probationMonths === undefined))
        d.probationMonths = m.probationMonths
    }
    const lieu = sys && typeof d.inLieuOf === 'string' ? resolveMeasure(sys, d.inLieuOf) : null
    if (lieu) d.inLieuOf = lieu.measure
    if (d.probationMonths === undefined) d.probationMonths = null
    if (d.inLieuOf === undefined) d.inLieuOf = null
    if (d.impactEnd === undefined) d.impactEnd = null
  }
  const errors: Record<string, string> = {}
  const need = (key: string, label: string) => {
    if (d[key] === null || d[key] === undefined || d[key] === '') errors[key] = `${label}不能为空`
  }
  const day = (key: string, label: string, required: boolean) => {
    const v = d[key] as string | null
    if (v === null) {
      if (required) errors[key] = `${label}不能为空`
    } else if (!isDay(v)) errors[key] = `${label}应为“年-月-日”（如 2026-08-03），收到“${v}”`
  }
  const month = (key: string, label: string) => {
    const v = d[key] as string | null
    if (v !== null && !isMonth(v)) errors[key] = `${label}应为“年-月”（如 2021-06），收到“${v}”`
  }
  switch (kind) {
    case 'assessments': {
      const y = d.year as number
      if (!Number.isInteger(y) || y < 1950 || y > 2100) errors.year = `年度应为四位年份，收到“${String(y)}”`
      need('grade', '等次')
      if (d.kind === null) d.kind = '年度考核'
      break
    }
    case 'studies':
      day('date', '研判日期', true)
      need('round', '研判批次')
      if (!d.scores || typeof d.scores !== 'object') d.scores = {}
      break
    case 'talks':
      day('date', '谈话日期', true)
      need('kind', '谈话类型')
      day('followUpDeadline', '整改期限', false)
      break
    case 'discipline':
      day('date', '处分日期', true)
      if (!DISCIPLINE_SYSTEMS.includes(d.system as (typeof DISCIPLINE_SYSTEMS)[number]))
        errors.system = '处分类别应为 党纪、政务 或 组织处理'
      need('measure', '处分种类')
      day('impactEnd', '影响期截止日', false)
      if (d.probationMonths !== null) {
        const p = d.probationMonths
        if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 24)
          errors.probationMonths = `察看期应为 1 至 24 个月（一年为 12，二年为 24），收到“${String(p)}”`
        else if (d.measure !== '留党察看') errors.probationMonths = '只有留党察看才有察看期'
      }
      break
    case 'rewards':
      day('date', '奖励日期', false)
      need('name', '奖励名称')
      break
    case 'reserve':
      need('level', '后备层次')
      month('entryDate', '入库时间')
      month('exitDate', '出库时间')
      if (d.status === null) d.status = '在库'
      if (!RESERVE_STATUSES.includes(d.status as (typeof RESERVE_STATUSES)[number]))
        errors.status = `状态应为 ${RESERVE_STATUSES.join('、')} 之一`
      if (d.status === '已撤销' && !d.exitReason) errors.exitReason = '撤销出库须写明原因'
      break
    case 'postings':
      need('kind', '派驻类型')
      month('start', '开始时间')
      month('end', '结束时间')
      if (d.start && d.end && (d.end as string) < (d.start as string)) errors.end = '结束时间早于开始时间'
      break
    case 'training':
      need('name', '培训名称')
      day('start', '开始日期', false)
      day('end', '结束日期', false)
      if (d.hours !== null && d.hours !== undefined && (typeof d.hours !== 'number' || d.hours < 0))
        errors.hours = '学时应为非负数'
      if (d.hours === undefined) d.hours = null
      break
  }
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

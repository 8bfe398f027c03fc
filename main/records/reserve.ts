/**
 * 后备干部库: the pool by level and status, adding several cadres at once, status changes,
 * removal with a reason, and the pool's figures (by level, age band, gender).
 */
import { ageAt, isMonth } from '../domain/dates'
import { AppError } from '../domain/errors'
import { recordAudit } from '../services/audit'
import type { AppContext } from '../services/context'
import { poolWarnings } from './crosschecks'
import { RESERVE_STATUSES } from './kinds'
import { unitFilter } from './units'

export interface PoolRow {
  id: number
  cadreId: number
  name: string
  gender: string | null
  birthDate: string | null
  age: number | null
  unit: string | null
  position: string | null
  positionLevel: string | null
  level: string
  entryDate: string | null
  entryWay: string | null
  status: string
  exitDate: string | null
  exitReason: string | null
}

export interface PoolQuery {
  level?: string | null
  statuses?: string[]
  unitId?: number | null
  search?: string | null
}

export function listPool(ctx: AppContext, q: PoolQuery = {}): PoolRow[] {
  const where: string[] = []
  const params: unknown[] = []
  if (q.level) {
    where.push('r.level = ?')
    params.push(q.level)
  }
  if (q.statuses && q.statuses.length > 0) {
    where.push(`r.status IN (${q.statuses.map(() => '?').join(',')})`)
    params.push(...q.statuses)
  }
  if (q.search) {
    where.push('(c.name LIKE ? OR c.name_initials LIKE ? OR u.name LIKE ?)')
    params.push(`%${q.search}%`, `${q.search.toLowerCase()}%`, `%${q.search}%`)
  }
  const uf = unitFilter(ctx, q.unitId)
  where.push(uf.sql)
  params.push(...uf.params)
  const rows = ctx.db
    .prepare(
      `SELECT r.id, r.cadre_id AS cadreId, c.name, c.gender, c.birth_date AS birthDate, u.name AS unit, c.position,
              c.position_level AS positionLevel, r.level, r.entry_date AS entryDate, r.entry_way AS entryWay, r.status,
              r.exit_date AS exitDate, r.exit_reason AS exitReason
         FROM reserve_entries r JOIN cadres c ON c.id = r.cadre_id LEFT JOIN units u ON u.id = c.unit_id
        WHERE ${where.join(' AND ')}
        ORDER BY r.level, CASE r.status WHEN '在库' THEN 0 WHEN '已列为考察对象' THEN 1 WHEN '已使用' THEN 2 ELSE 3 END,
                 r.entry_date DESC, c.name`,
    )
    .all(...params) as Omit<PoolRow, 'age'>[]
  const today = ctx.today()
  return rows.map((r) => ({ ...r, age: ageAt(r.birthDate, today) }))
}

export interface AddToPoolInput {
  cadreIds: number[]
  level: string
  entryWay: string | null
  /** `YYYY-MM` */
  entryDate: string | null
}

export interface AddToPoolResult {
  added: number
  /** People already in the pool at that level (在库 or 已列为考察对象), left as they were. */
  skipped: { cadreId: number; name: string; reason: string }[]
  /** Added, with what the regulations say against it (main/records/crosschecks.ts): an impact
   *  period, 立案审查, a level below or at the pool's. One entry per warning, "姓名：…". */
  warnings: { cadreId: number; name: string; message: string }[]
}

const ACTIVE = "('在库', '已列为考察对象')"

export function addToPool(ctx: AppContext, input: AddToPoolInput): AddToPoolResult {
  const level = input.level.trim()
  if (!level) throw new AppError('reserve-level', '请选择后备层次', 'level required')
  if (input.entryDate !== null && !isMonth(input.entryDate)) {
    throw new AppError(
      'reserve-date',
      `入库时间应为“年-月”（如 2025-03），收到“${input.entryDate}”`,
      'bad entry date',
    )
  }
  if (input.cadreIds.length === 0) throw new AppError('reserve-none', '没有选中任何干部', 'no cadres')
  const db = ctx.db
  const getCadre = db.prepare('SELECT name, status FROM cadres WHERE id = ?')
  const existing = db.prepare(
    `SELECT id FROM reserve_entries WHERE cadre_id = ? AND level = ? AND status IN ${ACTIVE}`,
  )
  const ins = db.prepare(
    "INSERT INTO reserve_entries (cadre_id, level, entry_date, entry_way, status) VALUES (?, ?, ?, ?, '在库')",
  )
  return db.transaction(() => {
    let added = 0
    const skipped: AddToPoolResult['skipped'] = []
    const warnings: AddToPoolResult['warnings'] = []
    for (const cadreId of [...new Set(input.cadreIds)]) {
      const c = getCadre.get(cadreId) as { name: string; status: string } | undefined
      if (!c)
        throw new AppError(
          'cadre-not-found',
          `找不到编号为 ${cadreId} 的干部；未加入任何人`,
          'cadre not found',
        )
      if (c.status !== '在职') {
        skipped.push({ cadreId, name: c.name, reason: `状态为“${c.status}”，不能入库` })
        continue
      }
      if (existing.get(cadreId, level)) {
        skipped.push({ cadreId, name: c.name, reason: `已在${level}库中` })
        continue
      }
      const id = Number(ins.run(cadreId, level, input.entryDate, input.entryWay).lastInsertRowid)
      recordAudit(ctx, {
        action: 'create',
        entity: 'reserve',
        entityId: id,
        cadreId,
        summary: `${c.name}列入${level}${input.entryWay ? `（${input.entryWay}）` : ''}`,
        after: { level, entryDate: input.entryDate, entryWay: input.entryWay, status: '在库' },
      })
      added++
      for (const w of poolWarnings(ctx, cadreId, level, input.entryDate))
        warnings.push({ cadreId, name: c.name, message: `${c.name}：${w.message}` })
    }
    return { added, skipped, warnings }
  })()
}

export function setPoolStatus(
  ctx: AppContext,
  input: { entryId: number; status: string; date?: string | null; reason?: string | null },
): PoolRow {
  if (!RESERVE_STATUSES.includes(input.status as (typeof RESERVE_STATUSES)[number])) {
    throw new AppError('reserve-status', `状态应为 ${RESERVE_STATUSES.join('、')} 之一`, 'bad status')
  }
  const reason = input.reason?.trim() || null
  if (input.status === '已撤销' && !reason)
    throw new AppError('reserve-reason', '撤销出库须写明原因', 'reason required', {
      reason: '请填写撤销原因',
    })
  const date = input.date ?? null
  if (date !== null && !isMonth(date))
    throw new AppError('reserve-date', `出库时间应为“年-月”，收到“${date}”`, 'bad date')
  const db = ctx.db
  return db.transaction(() => {
    const before = db
      .prepare(`SELECT r.*, c.name FROM reserve_entries r JOIN cadres c ON c.id = r.cadre_id WHERE r.id = ?`)
      .get(input.entryId) as
      | {
          id: number
          cadre_id: number
          name: string
          level: string
          status: string
          exit_date: string | null
          exit_reason: string | null
        }
      | undefined
    if (!before) throw new AppError('record-not-found', '找不到这条后备干部记录，可能已被删除', 'not found')
    const leaving = input.status === '已撤销' || input.status === '已使用'
    const exitDate = leaving ? (date ?? ctx.today().slice(0, 7)) : null
    const exitReason =
      input.status === '已撤销' ? reason : input.status === '已使用' ? (reason ?? '提拔使用') : null
    db.prepare('UPDATE reserve_entries SET status = ?, exit_date = ?, exit_reason = ? WHERE id = ?').run(
      input.status,
      exitDate,
      exitReason,
      input.entryId,
    )
    recordAudit(ctx, {
      action: input.status === '已撤销' ? 'remove' : 'status',
      entity: 'reserve',
      entityId: input.entryId,
      cadreId: before.cadre_id,
      summary:
        input.status === '已撤销'
          ? `${before.name}从${before.level}库撤销，原因：${reason ?? ''}`
          : `${before.name}的${before.level}状态由“${before.status}”改为“${input.status}”`,
      before: { status: before.status, exitDate: before.exit_date, exitReason: before.exit_reason },
      after: { status: input.status, exitDate, exitReason },
    })
    const row = listPool(ctx, {}).find((r) => r.id === input.entryId)
    if (!row) throw new AppError('record-not-found', '找不到这条后备干部记录', 'not found')
    return row
  })()
}

export const AGE_BANDS = ['35岁及以下', '36-40岁', '41-45岁', '46-50岁', '51-55岁', '56岁及以上'] as const

export function ageBand(age: number | null): string {
  if (age === null) return '年龄不详'
  if (age <= 35) return AGE_BANDS[0]
  if (age <= 40) return AGE_BANDS[1]
  if (age <= 45) return AGE_BANDS[2]
  if (age <= 50) return AGE_BANDS[3]
  if (age <= 55) return AGE_BANDS[4]
  return AGE_BANDS[5]
}

export interface PoolFigures {
  /** People in the pool now (在库 or 已列为考察对象). */
  total: number
  byLevel: { level: string; count: number; women: number; averageAge: number | null }[]
  byAgeBand: { band: string; count: number }[]
  byGender: { gender: string; count: number }[]
  byStatus: { status: string; count: number }[]
}

export function poolFigures(ctx: AppContext, q: { level?: string | null } = {}): PoolFigures {
  const all = listPool(ctx, { level: q.level ?? null })
  const active = all.filter((r) => r.status === '在库' || r.status === '已列为考察对象')
  const levels = new Map<string, { count: number; women: number; ages: number[] }>()
  const bands = new Map<string, number>(AGE_BANDS.map((b) => [b, 0]))
  const genders = new Map<string, number>([
    ['男', 0],
    ['女', 0],
  ])
  for (const r of active) {
    const l = levels.get(r.level) ?? { count: 0, women: 0, ages: [] }
    l.count++
    if (r.gender === '女') l.women++
    if (r.age !== null) l.ages.push(r.age)
    levels.set(r.level, l)
    const b = ageBand(r.age)
    bands.set(b, (bands.get(b) ?? 0) + 1)
    const g = r.gender ?? '未填'
    genders.set(g, (genders.get(g) ?? 0) + 1)
  }
  const statuses = new Map<string, number>(RESERVE_STATUSES.map((s) => [s, 0]))
  for (const r of all) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
  return {
    total: active.length,
    byLevel: [...levels].map(([level, v]) => ({
      level,
      count: v.count,
      women: v.women,
      averageAge: v.ages.length
        ? Math.round((v.ages.reduce((a, b) => a + b, 0) / v.ages.length) * 10) / 10
        : null,
    })),
    byAgeBand: [...bands].map(([band, count]) => ({ band, count })),
    byGender: [...genders].map(([gender, count]) => ({ gender, count })),
    byStatus: [...statuses].map(([status, count]) => ({ status, count })),
  }
}

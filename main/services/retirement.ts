/**
 * 到龄 (issue 13): each cadre's 原法定退休年龄 (settable, default by gender), the 到龄 list for the
 * next N months under the 2025 reform (main/domain/retirement.ts; in SQL the generated column
 * cadres.retire_date of migration 0080), and the local age limits for leaving a leadership post
 * (地方政策: configuration, none by default) flagged the same way.
 */
import type { CadreRecord } from '../domain/cadre'
import { AppError } from '../domain/errors'
import { POSITION_LEVELS } from '../domain/fields'
import {
  addMonthsYm,
  defaultRetireBaseAge,
  isRetireBaseAge,
  monthDiff,
  type RetireBaseAge,
} from '../domain/retirement'
import { recordAudit } from './audit'
import { getCadre } from './cadres'
import type { AppContext } from './context'
import { getSetting, setSetting } from './settings'
import { unitSubtreeIds } from './units'

function baseAgeText(base: number | null, gender: string | null): string {
  if (base !== null) return `${base} 岁`
  const d = defaultRetireBaseAge(gender)
  return d === null ? '默认（性别未填）' : `默认（${gender} ${d} 岁）`
}

/** Sets (50 / 55 / 60) or clears (null = default by gender) a cadre's 原法定退休年龄; audited. */
export function setRetireBaseAge(ctx: AppContext, cadreId: number, value: number | null): CadreRecord {
  if (value !== null && !isRetireBaseAge(value)) {
    throw new AppError(
      'invalid-retire-base-age',
      `原法定退休年龄只能是 50、55 或 60 岁（收到 ${value}）`,
      `original retirement age must be 50, 55 or 60 (got ${value})`,
      { retireBaseAge: '原法定退休年龄只能是 50、55 或 60 岁' },
    )
  }
  return ctx.db.transaction((): CadreRecord => {
    const r = ctx.db.prepare('SELECT name, gender, retire_base_age FROM cadres WHERE id = ?').get(cadreId) as
      { name: string; gender: string | null; retire_base_age: number | null } | undefined
    if (!r) throw new AppError('not-found', `干部档案（编号 ${cadreId}）不存在`, `cadre ${cadreId} not found`)
    if (r.retire_base_age !== value) {
      ctx.db
        .prepare('UPDATE cadres SET retire_base_age = ?, updated_at = ? WHERE id = ?')
        .run(value, ctx.nowIso(), cadreId)
      recordAudit(ctx, {
        action: 'update',
        entity: 'cadre',
        entityId: cadreId,
        cadreId,
        summary: `修改 ${r.name} 的原法定退休年龄：${baseAgeText(r.retire_base_age, r.gender)} → ${baseAgeText(value, r.gender)}`,
        before: { retireBaseAge: r.retire_base_age },
        after: { retireBaseAge: value },
      })
    }
    return getCadre(ctx, cadreId)
  })()
}

/** A local rule: cadres of these 职务层次 (and gender, when given) leave the leadership post at `age`. */
export interface LeaderAgeLimit {
  /** What the list shows, e.g. 正科级领导职务. */
  label: string
  levels: string[]
  gender: '男' | '女' | null
  age: number
}

export const LEADER_LIMITS_KEY = 'retirement.leaderAgeLimits'

/** The configured local limits (地方政策; none until the county sets them). */
export function getLeaderAgeLimits(ctx: AppContext): LeaderAgeLimit[] {
  const raw = getSetting(ctx, LEADER_LIMITS_KEY)
  if (!Array.isArray(raw)) return []
  const out: LeaderAgeLimit[] = []
  for (const x of raw) {
    if (!x || typeof x !== 'object') continue
    const o = x as Record<string, unknown>
    const levels = Array.isArray(o['levels'])
      ? o['levels'].filter((l): l is string => typeof l === 'string')
      : []
    const age = Number(o['age'])
    if (!levels.length || !Number.isInteger(age)) continue
    const gender = o['gender'] === '男' || o['gender'] === '女' ? o['gender'] : null
    const label = typeof o['label'] === 'string' && o['label'] ? o['label'] : `${levels.join('、')}领导职务`
    out.push({ label, levels, gender, age })
  }
  return out
}

/** Checks and stores the local limits; a bad row is refused with its number and nothing is stored. */
export function setLeaderAgeLimits(ctx: AppContext, limits: LeaderAgeLimit[]): LeaderAgeLimit[] {
  limits.forEach((l, i) => {
    const where = `第 ${i + 1} 条退出领导岗位年龄规则`
    if (!Number.isInteger(l.age) || l.age < 40 || l.age > 65)
      throw new AppError(
        'invalid-limit',
        `${where}：年龄 ${l.age} 应在 40–65 岁之间`,
        `limit ${i + 1}: bad age`,
      )
    if (!l.levels.length)
      throw new AppError('invalid-limit', `${where}：请至少选择一个职务层次`, `limit ${i + 1}: no level`)
    for (const lv of l.levels) {
      if (!(POSITION_LEVELS as readonly string[]).includes(lv))
        throw new AppError(
          'invalid-limit',
          `${where}：职务层次“${lv}”无法识别`,
          `limit ${i + 1}: level ${lv}`,
        )
    }
  })
  const clean = limits.map((l) => ({
    label: l.label.trim() || `${l.levels.join('、')}领导职务`,
    levels: l.levels,
    gender: l.gender,
    age: l.age,
  }))
  ctx.db.transaction(() => {
    setSetting(ctx, LEADER_LIMITS_KEY, clean)
    recordAudit(ctx, {
      action: 'settings',
      entity: 'settings',
      summary: `修改退出领导岗位年龄规则（${clean.length} 条）`,
      after: clean,
    })
  })()
  return clean
}

export interface RetireListRow {
  cadreId: number
  name: string
  gender: string | null
  birthDate: string | null
  unit: string | null
  position: string | null
  positionLevel: string | null
  /** 法定退休 (the 2025 reform) or 退出领导岗位 (a local rule). */
  kind: '法定退休' | '退出领导岗位'
  /** The rule: 原法定退休年龄 60 岁 / the local rule's label and age. */
  rule: string
  /** 到龄 month `YYYY-MM`. */
  date: string
  /** Months from this month to `date` (negative: already past, still 在职). */
  monthsLeft: number
}

export interface RetireList {
  /** This month and the last month of the window. */
  from: string
  until: string
  rows: RetireListRow[]
  /** 在职 cadres whose 到龄时间 is 待补充 (birth month, or gender and set age, missing). */
  missing: { cadreId: number; name: string; unit: string | null; lacks: string }[]
  missingCount: number
}

export interface RetireListQuery {
  months: number
  unitId?: number | null
  /** List those already past their 到龄 month and still 在职 (default true). */
  includeOverdue?: boolean
}

const ROW_SELECT = `c.id AS cadreId, c.name, c.gender, c.birth_date AS birthDate, u.name AS unit, c.position,
  c.position_level AS positionLevel`

type Raw = Omit<RetireListRow, 'kind' | 'rule' | 'monthsLeft'> & { base: number | null }

/** 到龄 within the next `months` months (and, by default, those already past it and still 在职). */
export function retireList(ctx: AppContext, q: RetireListQuery): RetireList {
  const months = Math.max(0, Math.min(600, Math.trunc(q.months)))
  const from = ctx.today().slice(0, 7)
  const until = addMonthsYm(from, months)
  const overdue = q.includeOverdue !== false
  const unitIds = q.unitId ? unitSubtreeIds(ctx, q.unitId) : null
  const unitCond = unitIds ? `AND c.unit_id IN (SELECT value FROM json_each(?))` : ''
  const unitParam = unitIds ? [JSON.stringify(unitIds)] : []
  const rows: RetireListRow[] = []
  const statutory = ctx.db
    .prepare(
      `SELECT ${ROW_SELECT}, c.retire_date AS date,
         coalesce(c.retire_base_age, CASE c.gender WHEN '男' THEN 60 WHEN '女' THEN 55 END) AS base
       FROM cadres c LEFT JOIN units u ON u.id = c.unit_id
       WHERE c.retire_date IS NOT NULL AND c.retire_date <= ? ${overdue ? '' : 'AND c.retire_date >= ?'}
         AND +c.status = '在职' ${unitCond}`,
    )
    .all(until, ...(overdue ? [] : [from]), ...unitParam) as Raw[]
  for (const r of statutory) {
    const { base, ...rest } = r
    rows.push({
      ...rest,
      kind: '法定退休',
      rule: `原法定退休年龄 ${base} 岁`,
      monthsLeft: monthDiff(from, r.date),
    })
  }
  for (const limit of getLeaderAgeLimits(ctx)) {
    const date = `printf('%04d-%s', CAST(substr(c.birth_date, 1, 4) AS INTEGER) + ${Number(limit.age)}, substr(c.birth_date, 6, 2))`
    const hits = ctx.db
      .prepare(
        `SELECT ${ROW_SELECT}, ${date} AS date, NULL AS base FROM cadres c LEFT JOIN units u ON u.id = c.unit_id
         WHERE c.status = '在职' AND c.birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
           AND c.position_level IN (SELECT value FROM json_each(?)) ${limit.gender ? 'AND c.gender = ?' : ''}
           AND ${date} <= ? ${overdue ? '' : `AND ${date} >= ?`} ${unitCond}`,
      )
      .all(
        JSON.stringify(limit.levels),
        ...(limit.gender ? [limit.gender] : []),
        until,
        ...(overdue ? [] : [from]),
        ...unitParam,
      ) as Raw[]
    for (const r of hits) {
      const { base: _b, ...rest } = r
      rows.push({
        ...rest,
        kind: '退出领导岗位',
        rule: `${limit.label}${limit.gender ? `（${limit.gender}）` : ''} ${limit.age} 岁`,
        monthsLeft: monthDiff(from, r.date),
      })
    }
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.name.localeCompare(b.name, 'zh')))
  const missingRows = ctx.db
    .prepare(
      `SELECT c.id AS cadreId, c.name, u.name AS unit, c.birth_date AS birth, c.gender
       FROM cadres c LEFT JOIN units u ON u.id = c.unit_id
       WHERE c.retire_date IS NULL AND c.status = '在职' ${unitCond} ORDER BY c.name_pinyin, c.id`,
    )
    .all(...unitParam) as {
    cadreId: number
    name: string
    unit: string | null
    birth: string | null
    gender: string | null
  }[]
  const missing = missingRows.slice(0, 500).map((m) => ({
    cadreId: m.cadreId,
    name: m.name,
    unit: m.unit,
    lacks: !m.birth || !/^\d{4}-(0[1-9]|1[0-2])$/.test(m.birth) ? '出生年月' : '性别',
  }))
  return { from, until, rows, missing, missingCount: missingRows.length }
}

/** The effective original age of a cadre row (set, else by gender). */
export function effectiveBaseAge(
  set: number | null | undefined,
  gender: string | null,
): RetireBaseAge | null {
  return isRetireBaseAge(set) ? set : defaultRetireBaseAge(gender)
}

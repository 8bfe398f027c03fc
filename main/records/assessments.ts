/**
 * 年度考核 for a unit and a year: every active cadre in one grid, grades set in bulk (a paste of
 * 50 rows lands in one transaction with its audit entries).
 */
import { AppError } from '../domain/errors'
import { recordAudit } from '../services/audit'
import type { AppContext } from '../services/context'
import { GRADES } from './kinds'
import { resolveGrade } from './vocab'
import { buildCadreWhere, type BuiltWhere } from '../services/cadres/query'

export interface YearGridRow {
  cadreId: number
  name: string
  idCard: string
  unit: string | null
  position: string | null
  grade: string | null
  /** The grade of the year before, for reference while entering. */
  previousGrade: string | null
}

/** The grid's 等次 filter: a grade of GRADES, or one of these two. */
export const NOT_ENTERED = '未录入'
export const UNKNOWN_GRADE = '非规定等次'

export const YEAR_GRID_SORT_KEYS = ['unit', 'name', 'idCard', 'position', 'previousGrade', 'grade'] as const
export type YearGridSortKey = (typeof YEAR_GRID_SORT_KEYS)[number]

export interface YearGridQuery {
  unitId: number | null
  year: number
  kind?: string
  /** Name, pinyin initials, ID number or unit name, as the roster's quick search. */
  search?: string | null
  /** A grade of GRADES, NOT_ENTERED or UNKNOWN_GRADE; none: every row. */
  grade?: string | null
  /** Default: the unit tree's order, then the cadre's number. */
  sort?: { key: YearGridSortKey; dir: 'asc' | 'desc' } | null
  offset?: number
  limit?: number
}

/** One block of the year grid: the rows from `offset` and how many rows the query has in all. */
export interface YearGrid {
  year: number
  kind: string
  offset: number
  total: number
  rows: YearGridRow[]
}

/** Per grade for a unit and year, computed in SQL: GRADES, NOT_ENTERED, UNKNOWN_GRADE. */
export interface YearGridCounts {
  year: number
  kind: string
  /** Active cadres of the unit (and the units below it). */
  total: number
  counts: Record<string, number>
}

/** Accepts what clerks type: spaces, full-width, and the short forms 优/称/基本/不. */
export function normalizeGrade(raw: string): string | null {
  const s = raw.replace(/[\s\u3000]/g, '')
  if (s === '') return null
  if ((GRADES as readonly string[]).includes(s)) return s
  const alias: Record<string, string> = {
    优: '优秀',
    称: '称职',
    合: '合格',
    基: '基本称职',
    基本: '基本称职',
    不: '不称职',
    未定等次: '不定等次',
    不定: '不定等次',
  }
  return alias[s] ?? null
}

/** The regulations' name of a stored or typed grade, null when it is none of them. */
export function knownGrade(raw: string): string | null {
  return normalizeGrade(raw) ?? resolveGrade(raw)
}

/** Active cadres of the unit subtree, with the search (the roster's own conditions). */
function gridWhere(ctx: AppContext, q: { unitId: number | null; search?: string | null }): BuiltWhere {
  return buildCadreWhere(ctx, { unitId: q.unitId, statuses: ['在职'], search: q.search ?? undefined })
}

/** The distinct grades stored for a year and kind, each with its regulations' name (or null). */
function storedGrades(ctx: AppContext, year: number, kind: string): Map<string, string | null> {
  const all = ctx.db
    .prepare('SELECT DISTINCT grade FROM assessments WHERE year = ? AND kind = ?')
    .pluck()
    .all(year, kind) as string[]
  return new Map(all.map((g) => [g, knownGrade(g)]))
}

const GRADE_RANK = `(CASE WHEN a.grade IS NULL THEN ${GRADES.length + 1} ${GRADES.map(
  (g, i) => `WHEN a.grade = '${g}' THEN ${i}`,
).join(' ')} ELSE ${GRADES.length} END)`
const PREVIOUS_RANK = GRADE_RANK.replace(/a\.grade/g, 'p.grade')

/**
 * One block of the year grid, filtered and sorted in SQL (issue 11: the whole county is some 92,000
 * rows; the page asks for the 200 around what is on screen).
 */
export function loadYearGrid(ctx: AppContext, q: YearGridQuery): YearGrid {
  const kind = q.kind ?? '年度考核'
  const offset = q.offset ?? 0
  const limit = q.limit ?? 200
  const { where, params } = gridWhere(ctx, q)
  // The grade filter as a condition on the cadre (no join): the count and the page read the
  // assessments only through the (year, kind, grade, cadre) index (migration 0110).
  const conds: string[] = where ? [where.replace(/^WHERE /, '')] : []
  if (q.grade === NOT_ENTERED) {
    conds.push('NOT EXISTS (SELECT 1 FROM assessments x WHERE x.cadre_id = c.id AND x.year = ? AND x.kind = ?)')
    params.push(q.year, kind)
  } else if (q.grade) {
    const wanted = [...storedGrades(ctx, q.year, kind)]
      .filter(([, known]) => (q.grade === UNKNOWN_GRADE ? known === null : known === q.grade))
      .map(([g]) => g)
    conds.push(
      'c.id IN (SELECT cadre_id FROM assessments WHERE year = ? AND kind = ? AND grade IN (SELECT value FROM json_each(?)))',
    )
    params.push(q.year, kind, JSON.stringify(wanted))
  }
  const cond = conds.length ? `WHERE ${conds.join(' AND ')}` : ''
  const total = ctx.db.prepare(`SELECT count(*) FROM cadres c ${cond}`).pluck().get(...params) as number
  if (total === 0 || offset >= total) return { year: q.year, kind, offset, total, rows: [] }
  // The page's ids first, joining only what the order reads; then those 200 rows in full.
  const dir = q.sort?.dir === 'desc' ? 'DESC' : 'ASC'
  const key = q.sort?.key ?? 'unit'
  const UNIT = 'LEFT JOIN units u ON u.id = c.unit_id'
  const A = 'LEFT JOIN assessments a ON a.cadre_id = c.id AND a.year = ? AND a.kind = ?'
  const P = 'LEFT JOIN assessments p ON p.cadre_id = c.id AND p.year = ? AND p.kind = ?'
  const [joins, joinParams, order]: [string, unknown[], string] = (() => {
    switch (key) {
      case 'name':
        return ['', [], `c.name_pinyin ${dir}, c.name ${dir}, c.id ${dir}`]
      case 'idCard':
        return ['', [], `(c.id_card IS NULL OR c.id_card = ''), c.id_card ${dir}, c.id ${dir}`]
      case 'position':
        return ['', [], `(c.position IS NULL OR c.position = ''), c.position ${dir}, c.id ${dir}`]
      case 'grade':
        return [`${UNIT} ${A}`, [q.year, kind], `${GRADE_RANK} ${dir}, a.grade ${dir}, u.sort_order, u.name, c.id`]
      case 'previousGrade':
        return [
          `${UNIT} ${P}`,
          [q.year - 1, kind],
          `${PREVIOUS_RANK} ${dir}, p.grade ${dir}, u.sort_order, u.name, c.id`,
        ]
      default:
        return [UNIT, [], `(u.id IS NULL), u.sort_order ${dir}, u.name ${dir}, c.id ${dir}`]
    }
  })()
  const ids = ctx.db
    .prepare(`SELECT c.id FROM cadres c ${joins} ${cond} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...joinParams, ...params, limit, offset) as number[]
  const full = ctx.db
    .prepare(
      `SELECT c.id AS cadreId, c.name, c.id_card AS idCard, u.name AS unit, c.position,
              a.grade AS grade, p.grade AS previousGrade
         FROM cadres c ${UNIT} ${A} ${P}
        WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .all(q.year, kind, q.year - 1, kind, JSON.stringify(ids)) as YearGridRow[]
  const byId = new Map(full.map((r) => [r.cadreId, r]))
  const rows = ids.flatMap((id) => byId.get(id) ?? [])
  return { year: q.year, kind, offset, total, rows }
}

/** How many of the unit's active cadres have each grade for the year (in SQL; no rows travel). */
export function yearGridCounts(
  ctx: AppContext,
  q: { unitId: number | null; year: number; kind?: string },
): YearGridCounts {
  const kind = q.kind ?? '年度考核'
  const { where, params } = gridWhere(ctx, { unitId: q.unitId })
  const total = ctx.db
    .prepare(`SELECT count(*) FROM cadres c ${where}`)
    .pluck()
    .get(...params) as number
  const byGrade = ctx.db
    .prepare(
      `SELECT a.grade AS grade, count(*) AS n FROM assessments a
         JOIN cadres c ON c.id = a.cadre_id
        ${where ? `${where} AND` : 'WHERE'} a.year = ? AND a.kind = ? GROUP BY a.grade`,
    )
    .all(...params, q.year, kind) as { grade: string; n: number }[]
  const counts: Record<string, number> = {}
  let entered = 0
  for (const { grade, n } of byGrade) {
    const k = knownGrade(grade) ?? UNKNOWN_GRADE
    counts[k] = (counts[k] ?? 0) + n
    entered += n
  }
  if (total > entered) counts[NOT_ENTERED] = total - entered
  return { year: q.year, kind, total, counts }
}

/** A pasted line read as a person of the grid and the grade beside it, or why not. */
export type PastedMatch =
  | {
      line: number
      cadreId: number
      name: string
      /** What the line gives as the grade (as typed: the page reads it as it reads typing). */
      raw: string
      /** The grade saved for the year now. */
      grade: string | null
    }
  | { line: number; cadreId: null; text: string; message: string }

const ID_RE = /^\d{17}[\dXx]$/
/** A cell that may be a name: some Chinese, at most 20 characters (a unit's name is tried too; no one has it). */
const NAME_RE = /^(?=.*[\u4e00-\u9fff])[^\t]{2,20}$/

/**
 * Lines pasted from Excel ("姓名 / 身份证号 + 等次", tab-separated) resolved in SQL against the
 * grid's own people (active cadres of the chosen unit): an ID number first, else a name that only
 * one of them has. The grade is the last cell that reads as one; failing that, the last other
 * non-numeric cell, kept as typed (the save warns about a name the regulations do not use).
 */
export function resolvePasted(
  ctx: AppContext,
  q: { unitId: number | null; year: number; kind?: string; lines: string[][] },
): PastedMatch[] {
  const kind = q.kind ?? '年度考核'
  const clean = q.lines.map((cells) => cells.map((c) => c.replace(/[\s\u3000]+/g, ' ').trim()))
  const ids = new Set<string>()
  const names = new Set<string>()
  for (const cells of clean)
    for (const c of cells) {
      if (ID_RE.test(c)) ids.add(c.toUpperCase())
      else if (NAME_RE.test(c.replace(/\s/g, ''))) names.add(c.replace(/\s/g, ''))
    }
  const { where, params } = gridWhere(ctx, { unitId: q.unitId })
  const and = where ? `${where} AND` : 'WHERE'
  type Hit = { cadreId: number; name: string; idCard: string; grade: string | null }
  const find = (col: string, values: Set<string>): Hit[] =>
    values.size === 0
      ? []
      : (ctx.db
          .prepare(
            `SELECT c.id AS cadreId, c.name, c.id_card AS idCard, a.grade
               FROM cadres c LEFT JOIN assessments a ON a.cadre_id = c.id AND a.year = ? AND a.kind = ?
               ${and} ${col} IN (SELECT value FROM json_each(?))`,
          )
          .all(q.year, kind, ...params, JSON.stringify([...values])) as Hit[])
  const byId = new Map(find('c.id_card', ids).map((h) => [h.idCard, h]))
  const byName = new Map<string, Hit[]>()
  for (const h of find('c.name', names)) byName.set(h.name, [...(byName.get(h.name) ?? []), h])
  return clean.map((cells, line): PastedMatch => {
    const text = cells.filter(Boolean).join(' ')
    const miss = (message: string): PastedMatch => ({ line, cadreId: null, text, message })
    let hit: Hit | undefined
    let used = -1
    const idAt = cells.findIndex((c) => ID_RE.test(c))
    if (idAt >= 0) {
      const id = (cells[idAt] ?? '').toUpperCase()
      hit = byId.get(id)
      if (!hit) return miss(`本表中没有身份证号为 ${id} 的在职干部`)
      used = idAt
    } else {
      let why = '没有可对应的姓名或身份证号'
      for (const [k, c] of cells.entries()) {
        const name = c.replace(/\s/g, '')
        if (!NAME_RE.test(name) || knownGrade(name)) continue
        const found = byName.get(name) ?? []
        if (found.length === 1) {
          hit = found[0]
          used = k
          break
        }
        // Two people of one name says more than a cell that names no one (a unit, a note).
        if (found.length > 1) why = `本表中有 ${found.length} 位“${name}”，请连同身份证号一起粘贴`
        else if (!why.startsWith('本表')) why = `本表中没有“${name}”`
      }
      if (!hit) return miss(why)
    }
    const who = hit
    const others = cells.filter((c, k) => k !== used && c !== '')
    const raw =
      [...others].reverse().find((c) => knownGrade(c) !== null) ??
      [...others].reverse().find((c) => !/^[\d.\-/]+$/.test(c) && !ID_RE.test(c))
    if (raw === undefined) return miss(`${who.name}：这一行没有等次`)
    return { line, cadreId: who.cadreId, name: who.name, raw, grade: who.grade }
  })
}

export interface GradeChange {
  cadreId: number
  /** null or '' clears the grade. */
  grade: string | null
}

export interface BulkResult {
  changed: number
  unchanged: number
}

/** Sets many grades at once: all land or none do. Unknown grades are refused with their row. */
export function setGrades(
  ctx: AppContext,
  q: {
    year: number
    kind?: string
    changes: GradeChange[]
    /** Keep a grade the regulations do not name as typed (the Excel import, which warns about it
     *  by row and column) instead of refusing the whole batch (the grid). */
    keepUnknown?: boolean
  },
): BulkResult {
  const kind = q.kind ?? '年度考核'
  if (!Number.isInteger(q.year) || q.year < 1950 || q.year > 2100) {
    throw new AppError('grade-year', `年度应为四位年份，收到“${q.year}”`, 'bad year')
  }
  const clean = q.changes.map((c, i) => {
    const raw = (c.grade ?? '').trim()
    const known = raw === '' ? null : knownGrade(raw)
    const g = known ?? (q.keepUnknown && raw !== '' ? raw.replace(/[\s\u3000]+/g, '') : null)
    if (raw !== '' && g === null) {
      throw new AppError(
        'grade-invalid',
        `第 ${i + 1} 行的等次“${raw}”无法识别，应为 ${GRADES.join('、')} 之一；未保存任何等次`,
        `row ${i + 1}: unknown grade`,
      )
    }
    return { cadreId: c.cadreId, grade: g }
  })
  const db = ctx.db
  const getCadre = db.prepare('SELECT name FROM cadres WHERE id = ?')
  const get = db.prepare('SELECT id, grade FROM assessments WHERE cadre_id = ? AND year = ? AND kind = ?')
  const ins = db.prepare('INSERT INTO assessments (cadre_id, year, kind, grade) VALUES (?, ?, ?, ?)')
  const upd = db.prepare('UPDATE assessments SET grade = ? WHERE id = ?')
  const del = db.prepare('DELETE FROM assessments WHERE id = ?')
  return db.transaction(() => {
    let changed = 0
    let unchanged = 0
    for (const c of clean) {
      const cadre = getCadre.get(c.cadreId) as { name: string } | undefined
      if (!cadre)
        throw new AppError(
          'cadre-not-found',
          `找不到编号为 ${c.cadreId} 的干部；未保存任何等次`,
          'cadre not found',
        )
      const cur = get.get(c.cadreId, q.year, kind) as { id: number; grade: string } | undefined
      if ((cur?.grade ?? null) === c.grade) {
        unchanged++
        continue
      }
      let entityId: number
      if (!cur) entityId = Number(ins.run(c.cadreId, q.year, kind, c.grade).lastInsertRowid)
      else if (c.grade === null) {
        del.run(cur.id)
        entityId = cur.id
      } else {
        upd.run(c.grade, cur.id)
        entityId = cur.id
      }
      recordAudit(ctx, {
        action: !cur ? 'create' : c.grade === null ? 'delete' : 'update',
        entity: 'assessment',
        entityId,
        cadreId: c.cadreId,
        summary:
          c.grade === null
            ? `清除${cadre.name} ${q.year} 年度${kind}等次（原为“${cur?.grade ?? ''}”）`
            : `${cadre.name} ${q.year} 年度${kind}等次${cur ? `由“${cur.grade}”改为` : '定为'}“${c.grade}”`,
        before: cur ? { year: q.year, kind, grade: cur.grade } : null,
        after: c.grade === null ? null : { year: q.year, kind, grade: c.grade },
      })
      changed++
    }
    return { changed, unchanged }
  })()
}

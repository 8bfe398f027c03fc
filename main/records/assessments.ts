/**
 * 年度考核 for a unit and a year: every active cadre in one grid, grades set in bulk (a paste of
 * 50 rows lands in one transaction with its audit entries).
 */
import { AppError } from '../domain/errors'
import { recordAudit } from '../services/audit'
import type { AppContext } from '../services/context'
import { GRADES } from './kinds'
import { resolveGrade } from './vocab'
import { unitFilter } from './units'

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

export interface YearGrid {
  year: number
  kind: string
  rows: YearGridRow[]
  /** Count per grade among the rows ('' = not entered). */
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

export function loadYearGrid(
  ctx: AppContext,
  q: { unitId: number | null; year: number; kind?: string },
): YearGrid {
  const kind = q.kind ?? '年度考核'
  const uf = unitFilter(ctx, q.unitId)
  const rows = ctx.db
    .prepare(
      `SELECT c.id AS cadreId, c.name, c.id_card AS idCard, u.name AS unit, c.position,
              a.grade AS grade, p.grade AS previousGrade
         FROM cadres c
         LEFT JOIN units u ON u.id = c.unit_id
         LEFT JOIN assessments a ON a.cadre_id = c.id AND a.year = ? AND a.kind = ?
         LEFT JOIN assessments p ON p.cadre_id = c.id AND p.year = ? AND p.kind = ?
        WHERE c.status = '在职' AND ${uf.sql}
        ORDER BY u.sort_order, u.name, c.id`,
    )
    .all(q.year, kind, q.year - 1, kind, ...uf.params) as YearGridRow[]
  const counts: Record<string, number> = {}
  for (const r of rows) counts[r.grade ?? ''] = (counts[r.grade ?? ''] ?? 0) + 1
  return { year: q.year, kind, rows, counts }
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
    const known = raw === '' ? null : (normalizeGrade(raw) ?? resolveGrade(raw))
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

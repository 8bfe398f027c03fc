/**
 * 研判 rounds: a named, dated study of a group (all 第一书记, all 驻村工作队员, one unit's team, or
 * hand-picked people) on weighted dimensions. Members' scores, conclusions and recommendations
 * are rows of `studies`; the total is the weighted mean and the rank is within the round.
 * Also the monthly ranking of stationed cadres (monthly_scores).
 */
import { isDay, isMonth } from '../domain/dates'
import { AppError } from '../domain/errors'
import { recordAudit } from '../services/audit'
import type { AppContext } from '../services/context'
import { POSTING_COVERS } from './postings'
import { unitSubtree } from './units'

export interface Dimension {
  name: string
  weight: number
}

export type RoundGroup =
  | { kind: 'posting'; postingKind: string }
  | { kind: 'unit'; unitId: number }
  | { kind: 'manual'; cadreIds: number[] }

export interface StudyRound {
  id: number
  name: string
  date: string
  dimensions: Dimension[]
  groupKind: 'posting' | 'unit' | 'manual'
  groupValue: string | null
  /** Readable group: "全体第一书记", "某某镇班子", "指定人员" */
  groupLabel: string
  note: string | null
  members: number
  scored: number
}

interface DbRound {
  id: number
  name: string
  date: string
  dimensions: string
  group_kind: 'posting' | 'unit' | 'manual'
  group_value: string | null
  note: string | null
}

function parseDims(s: string): Dimension[] {
  try {
    const v = JSON.parse(s) as unknown
    return Array.isArray(v) ? (v as Dimension[]).filter((d) => typeof d?.name === 'string') : []
  } catch {
    return []
  }
}

function groupLabel(ctx: AppContext, kind: string, value: string | null): string {
  if (kind === 'posting') return `全体${value ?? ''}`
  if (kind === 'unit') {
    const u = ctx.db.prepare('SELECT name FROM units WHERE id = ?').get(Number(value)) as
      { name: string } | undefined
    return `${u?.name ?? '（已删除的单位）'}班子`
  }
  return '指定人员'
}

function toRound(ctx: AppContext, r: DbRound): StudyRound {
  const dims = parseDims(r.dimensions)
  const members = ctx.db.prepare('SELECT scores FROM studies WHERE round = ?').all(r.name) as {
    scores: string
  }[]
  const scored = members.filter((m) => {
    const s = safeScores(m.scores)
    return dims.length > 0 && dims.every((d) => typeof s[d.name] === 'number')
  }).length
  return {
    id: r.id,
    name: r.name,
    date: r.date,
    dimensions: dims,
    groupKind: r.group_kind,
    groupValue: r.group_value,
    groupLabel: groupLabel(ctx, r.group_kind, r.group_value),
    note: r.note,
    members: members.length,
    scored,
  }
}

function safeScores(s: string): Record<string, number> {
  try {
    const v = JSON.parse(s) as unknown
    return v && typeof v === 'object' ? (v as Record<string, number>) : {}
  } catch {
    return {}
  }
}

/**
 * Studies that arrived without their round (an exchange file carries each person's scores and the
 * round's name only) get a round of their own: the dimensions found in the scores, equal weights.
 */
function adoptOrphanRounds(ctx: AppContext): void {
  const orphans = ctx.db
    .prepare(
      `SELECT round, min(date) AS date, group_concat(scores, '\u0001') AS scores FROM studies
        WHERE round NOT IN (SELECT name FROM study_rounds) GROUP BY round`,
    )
    .all() as { round: string; date: string; scores: string }[]
  if (orphans.length === 0) return
  const ins = ctx.db.prepare(
    "INSERT INTO study_rounds (name, date, dimensions, group_kind, note, created_at) VALUES (?, ?, ?, 'manual', ?, ?)",
  )
  ctx.db.transaction(() => {
    for (const o of orphans) {
      const names = new Set<string>()
      for (const part of o.scores.split('\u0001')) for (const k of Object.keys(safeScores(part))) names.add(k)
      const dims = [...names].map((name) => ({ name, weight: 1 }))
      ins.run(o.round, o.date, JSON.stringify(dims), '由导入的研判记录生成（维度权重相同）', ctx.nowIso())
    }
  })()
}

export function listRounds(ctx: AppContext): StudyRound[] {
  adoptOrphanRounds(ctx)
  const rows = ctx.db.prepare('SELECT * FROM study_rounds ORDER BY date DESC, id DESC').all() as DbRound[]
  return rows.map((r) => toRound(ctx, r))
}

function getDbRound(ctx: AppContext, id: number): DbRound {
  const r = ctx.db.prepare('SELECT * FROM study_rounds WHERE id = ?').get(id) as DbRound | undefined
  if (!r)
    throw new AppError('round-not-found', `找不到编号为 ${id} 的研判批次，可能已被删除`, 'round not found')
  return r
}

function checkDimensions(dims: Dimension[]): Dimension[] {
  const clean = dims.map((d) => ({ name: d.name.trim(), weight: d.weight }))
  if (clean.length === 0)
    throw new AppError('round-dims', '至少需要一个研判维度', 'no dimensions', {
      dimensions: '至少需要一个维度',
    })
  const names = new Set<string>()
  for (const [i, d] of clean.entries()) {
    if (!d.name) throw new AppError('round-dims', `第 ${i + 1} 个维度没有名称`, 'dimension name')
    if (names.has(d.name)) throw new AppError('round-dims', `维度“${d.name}”重复`, 'duplicate dimension')
    names.add(d.name)
    if (!Number.isFinite(d.weight) || d.weight <= 0)
      throw new AppError('round-dims', `维度“${d.name}”的权重应为正数`, 'weight')
  }
  return clean
}

/** Members of a group at a date. */
export function groupMembers(ctx: AppContext, group: RoundGroup, date: string): number[] {
  if (group.kind === 'posting') {
    const m = date.slice(0, 7)
    return (
      ctx.db
        .prepare(
          `SELECT DISTINCT c.id FROM postings p JOIN cadres c ON c.id = p.cadre_id
            WHERE c.status = '在职' AND p.kind = ? AND ${POSTING_COVERS} ORDER BY c.id`,
        )
        .all(group.postingKind, m, m) as { id: number }[]
    ).map((r) => r.id)
  }
  if (group.kind === 'unit') {
    const ids = unitSubtree(ctx, group.unitId)
    return (
      ctx.db
        .prepare(
          `SELECT id FROM cadres WHERE status = '在职' AND unit_id IN (${ids.map(() => '?').join(',')}) ORDER BY id`,
        )
        .all(...ids) as { id: number }[]
    ).map((r) => r.id)
  }
  return [...new Set(group.cadreIds)]
}

export interface CreateRoundInput {
  name: string
  date: string
  dimensions: Dimension[]
  group: RoundGroup
  note?: string | null
}

export function createRound(ctx: AppContext, input: CreateRoundInput): StudyRound {
  const name = input.name.trim()
  if (!name) throw new AppError('round-name', '请填写研判批次名称', 'name required', { name: '不能为空' })
  if (!isDay(input.date))
    throw new AppError('round-date', `研判日期应为“年-月-日”，收到“${input.date}”`, 'bad date')
  const dims = checkDimensions(input.dimensions)
  const db = ctx.db
  return db.transaction(() => {
    if (
      db.prepare('SELECT 1 FROM study_rounds WHERE name = ?').get(name) ||
      db.prepare('SELECT 1 FROM studies WHERE round = ?').get(name)
    ) {
      throw new AppError('round-exists', `已有名为“${name}”的研判批次，请换一个名称`, 'round exists', {
        name: '名称已存在',
      })
    }
    const members = groupMembers(ctx, input.group, input.date)
    if (members.length === 0)
      throw new AppError('round-empty', '所选范围内没有在职干部，未建立研判批次', 'empty group')
    const groupValue =
      input.group.kind === 'posting'
        ? input.group.postingKind
        : input.group.kind === 'unit'
          ? String(input.group.unitId)
          : null
    const id = Number(
      db
        .prepare(
          'INSERT INTO study_rounds (name, date, dimensions, group_kind, group_value, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          name,
          input.date,
          JSON.stringify(dims),
          input.group.kind,
          groupValue,
          input.note ?? null,
          ctx.nowIso(),
        ).lastInsertRowid,
    )
    const ins = db.prepare("INSERT INTO studies (cadre_id, date, round, scores) VALUES (?, ?, ?, '{}')")
    const exists = db.prepare('SELECT 1 FROM cadres WHERE id = ?')
    for (const c of members) {
      if (!exists.get(c)) throw new AppError('cadre-not-found', `找不到编号为 ${c} 的干部`, 'cadre not found')
      ins.run(c, input.date, name)
    }
    recordAudit(ctx, {
      action: 'create',
      entity: 'study-round',
      entityId: id,
      summary: `建立研判批次“${name}”（${input.date}，${groupLabel(ctx, input.group.kind, groupValue)}，${members.length} 人）`,
      after: { name, date: input.date, dimensions: dims, group: input.group },
    })
    return toRound(ctx, getDbRound(ctx, id))
  })()
}

export function deleteRound(ctx: AppContext, id: number): void {
  const db = ctx.db
  db.transaction(() => {
    const r = getDbRound(ctx, id)
    const n = db.prepare('DELETE FROM studies WHERE round = ?').run(r.name).changes
    db.prepare('DELETE FROM study_rounds WHERE id = ?').run(id)
    recordAudit(ctx, {
      action: 'delete',
      entity: 'study-round',
      entityId: id,
      summary: `删除研判批次“${r.name}”及其 ${n} 条研判记录`,
      before: { name: r.name, date: r.date, dimensions: parseDims(r.dimensions) },
    })
  })()
}

export interface RoundGridRow {
  studyId: number
  cadreId: number
  name: string
  unit: string | null
  position: string | null
  scores: Record<string, number>
  /** Weighted mean over the dimensions, 1 decimal; null until every dimension is scored. */
  total: number | null
  /** 1 = best; ties share a rank (1, 2, 2, 4). */
  rank: number | null
  conclusion: string | null
  recommendation: string | null
  /** What the total suggests (≥90 优秀, ≥80 较好, ≥60 一般, else 较差). */
  suggestedConclusion: string | null
}

export function weightedTotal(scores: Record<string, number>, dims: Dimension[]): number | null {
  let sum = 0
  let w = 0
  for (const d of dims) {
    const s = scores[d.name]
    if (typeof s !== 'number' || !Number.isFinite(s)) return null
    sum += s * d.weight
    w += d.weight
  }
  return w > 0 ? Math.round((sum / w) * 10) / 10 : null
}

/** Competition ranking: equal totals share a rank; null totals have none. */
export function rankTotals<T extends { total: number | null }>(rows: T[]): (T & { rank: number | null })[] {
  const sorted = rows
    .filter((r) => r.total !== null)
    .map((r) => r.total as number)
    .sort((a, b) => b - a)
  return rows.map((r) => ({ ...r, rank: r.total === null ? null : sorted.indexOf(r.total) + 1 }))
}

export function suggestConclusion(total: number | null): string | null {
  if (total === null) return null
  return total >= 90 ? '优秀' : total >= 80 ? '较好' : total >= 60 ? '一般' : '较差'
}

export function roundGrid(ctx: AppContext, roundId: number): { round: StudyRound; rows: RoundGridRow[] } {
  const r = getDbRound(ctx, roundId)
  const round = toRound(ctx, r)
  const raw = ctx.db
    .prepare(
      `SELECT s.id AS studyId, c.id AS cadreId, c.name, u.name AS unit, c.position, s.scores, s.conclusion, s.recommendation
         FROM studies s JOIN cadres c ON c.id = s.cadre_id LEFT JOIN units u ON u.id = c.unit_id
        WHERE s.round = ? ORDER BY u.sort_order, u.name, c.id`,
    )
    .all(r.name) as (Omit<RoundGridRow, 'scores' | 'total' | 'rank' | 'suggestedConclusion'> & {
    scores: string
  })[]
  const withTotals = raw.map((x) => {
    const scores = safeScores(x.scores)
    const total = weightedTotal(scores, round.dimensions)
    return { ...x, scores, total, suggestedConclusion: suggestConclusion(total) }
  })
  return { round, rows: rankTotals(withTotals) }
}

export interface RoundEntry {
  studyId: number
  scores: Record<string, number | null>
  conclusion: string | null
  recommendation: string | null
}

/** Saves the grid's changed rows in one transaction, one audit entry per changed person. */
export function saveRoundEntries(
  ctx: AppContext,
  roundId: number,
  entries: RoundEntry[],
): { changed: number } {
  const db = ctx.db
  return db.transaction(() => {
    const r = getDbRound(ctx, roundId)
    const dims = parseDims(r.dimensions)
    const get = db.prepare(
      'SELECT s.*, c.name FROM studies s JOIN cadres c ON c.id = s.cadre_id WHERE s.id = ? AND s.round = ?',
    )
    const upd = db.prepare('UPDATE studies SET scores = ?, conclusion = ?, recommendation = ? WHERE id = ?')
    let changed = 0
    for (const e of entries) {
      const cur = get.get(e.studyId, r.name) as
        | {
            id: number
            cadre_id: number
            name: string
            scores: string
            conclusion: string | null
            recommendation: string | null
          }
        | undefined
      if (!cur)
        throw new AppError(
          'record-not-found',
          `研判记录 ${e.studyId} 不属于批次“${r.name}”；未保存任何分数`,
          'not in round',
        )
      const scores: Record<string, number> = {}
      for (const [k, v] of Object.entries(e.scores)) {
        if (v === null) continue
        if (!dims.some((d) => d.name === k))
          throw new AppError('round-dims', `“${k}”不是本批次的研判维度；未保存任何分数`, 'unknown dimension')
        if (!Number.isFinite(v) || v < 0 || v > 100) {
          throw new AppError(
            'score-range',
            `${cur.name}的“${k}”得分应在 0 到 100 之间，收到 ${v}；未保存任何分数`,
            'score range',
          )
        }
        scores[k] = v
      }
      const before = {
        scores: safeScores(cur.scores),
        conclusion: cur.conclusion,
        recommendation: cur.recommendation,
      }
      const after = {
        scores,
        conclusion: e.conclusion?.trim() || null,
        recommendation: e.recommendation?.trim() || null,
      }
      if (JSON.stringify(before) === JSON.stringify(after)) continue
      upd.run(JSON.stringify(scores), after.conclusion, after.recommendation, e.studyId)
      recordAudit(ctx, {
        action: 'update',
        entity: 'study',
        entityId: e.studyId,
        cadreId: cur.cadre_id,
        summary: `录入${cur.name}在“${r.name}”中的研判结果${after.conclusion ? `（${after.conclusion}）` : ''}`,
        before,
        after,
      })
      changed++
    }
    return { changed }
  })()
}

export function addRoundMembers(ctx: AppContext, roundId: number, cadreIds: number[]): { added: number } {
  const db = ctx.db
  return db.transaction(() => {
    const r = getDbRound(ctx, roundId)
    const has = db.prepare('SELECT 1 FROM studies WHERE round = ? AND cadre_id = ?')
    const ins = db.prepare("INSERT INTO studies (cadre_id, date, round, scores) VALUES (?, ?, ?, '{}')")
    let added = 0
    for (const c of new Set(cadreIds)) {
      if (has.get(r.name, c)) continue
      ins.run(c, r.date, r.name)
      added++
    }
    if (added)
      recordAudit(ctx, {
        action: 'update',
        entity: 'study-round',
        entityId: roundId,
        summary: `研判批次“${r.name}”增加 ${added} 人`,
      })
    return { added }
  })()
}

// ---- monthly ranking of stationed cadres ----

export interface MonthlyRow {
  cadreId: number
  name: string
  unit: string | null
  kind: string
  place: string | null
  score: number | null
  note: string | null
  rank: number | null
  total: number | null
}

/** Stationed cadres in `month` (optionally of one posting kind) with their score and rank. */
export function monthlyRanking(ctx: AppContext, q: { month: string; kind?: string | null }): MonthlyRow[] {
  if (!isMonth(q.month)) throw new AppError('month', `月份应为“年-月”，收到“${q.month}”`, 'bad month')
  const params: unknown[] = [q.month, q.month, q.month]
  if (q.kind) params.push(q.kind)
  const rows = ctx.db
    .prepare(
      `SELECT c.id AS cadreId, c.name, u.name AS unit, min(p.kind) AS kind, min(p.place) AS place, m.score, m.note
         FROM postings p JOIN cadres c ON c.id = p.cadre_id LEFT JOIN units u ON u.id = c.unit_id
         LEFT JOIN monthly_scores m ON m.cadre_id = c.id AND m.month = ?
        WHERE c.status = '在职' AND ${POSTING_COVERS} ${q.kind ? 'AND p.kind = ?' : ''}
        GROUP BY c.id`,
    )
    .all(...params) as Omit<MonthlyRow, 'rank' | 'total'>[]
  const ranked = rankTotals(rows.map((r) => ({ ...r, total: r.score })))
  return ranked.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.name.localeCompare(b.name, 'zh'))
}

export function setMonthlyScores(
  ctx: AppContext,
  q: { month: string; entries: { cadreId: number; score: number | null; note?: string | null }[] },
): { changed: number } {
  if (!isMonth(q.month)) throw new AppError('month', `月份应为“年-月”，收到“${q.month}”`, 'bad month')
  const db = ctx.db
  return db.transaction(() => {
    const get = db.prepare('SELECT score FROM monthly_scores WHERE cadre_id = ? AND month = ?')
    const name = db.prepare('SELECT name FROM cadres WHERE id = ?')
    const up = db.prepare(
      'INSERT INTO monthly_scores (cadre_id, month, score, note) VALUES (?, ?, ?, ?) ON CONFLICT(cadre_id, month) DO UPDATE SET score = excluded.score, note = excluded.note',
    )
    const del = db.prepare('DELETE FROM monthly_scores WHERE cadre_id = ? AND month = ?')
    let changed = 0
    for (const e of q.entries) {
      const n = name.get(e.cadreId) as { name: string } | undefined
      if (!n)
        throw new AppError(
          'cadre-not-found',
          `找不到编号为 ${e.cadreId} 的干部；未保存任何分数`,
          'cadre not found',
        )
      if (e.score !== null && (!Number.isFinite(e.score) || e.score < 0 || e.score > 100)) {
        throw new AppError(
          'score-range',
          `${n.name}的月度得分应在 0 到 100 之间；未保存任何分数`,
          'score range',
        )
      }
      const cur = (get.get(e.cadreId, q.month) as { score: number } | undefined)?.score ?? null
      if (cur === e.score) continue
      if (e.score === null) del.run(e.cadreId, q.month)
      else up.run(e.cadreId, q.month, e.score, e.note ?? null)
      recordAudit(ctx, {
        action: 'update',
        entity: 'monthly-score',
        cadreId: e.cadreId,
        summary: `${n.name} ${q.month} 月度得分${e.score === null ? '清除' : `记为 ${e.score}`}`,
        before: cur === null ? null : { score: cur },
        after: e.score === null ? null : { score: e.score },
      })
      changed++
    }
    return { changed }
  })()
}

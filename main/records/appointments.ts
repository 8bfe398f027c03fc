/**
 * 任职经历 (issue 10): a cadre's posts as structured rows — start, end, unit, title, 职务层次 or
 * 职级, 任免文号 — from which the review counts time at a level (公务员职务、职级与级别管理办法).
 * Saved whole (the editor holds the list), with an audit entry; drafted from the 简历 lines for
 * the clerk to confirm.
 */
import { unitNameFromPosition } from '../units/lrmx-units'
import { isMonth } from '../domain/dates'
import { AppError } from '../domain/errors'
import { RANKS } from '../domain/fields'
import { recordAudit } from '../services/audit'
import type { AppContext } from '../services/context'
import { levelIndex } from '../eligibility/ladder'

export interface Appointment {
  start: string | null
  end: string | null
  unit: string | null
  title: string | null
  /** 职务层次 (正科, 副科 ...). */
  level: string | null
  /** 职级 (四级主任科员 ...). */
  rank: string | null
  docNo: string | null
}

const FIELDS = ['start', 'end', 'unit', 'title', 'level', 'rank', 'docNo'] as const

export function listAppointments(ctx: AppContext, cadreId: number): Appointment[] {
  return ctx.db
    .prepare(
      'SELECT start, end, unit, title, level, rank, doc_no AS docNo FROM appointments WHERE cadre_id = ? ORDER BY seq, id',
    )
    .all(cadreId) as Appointment[]
}

function clean(v: string | null | undefined): string | null {
  const s = (v ?? '').trim()
  return s === '' ? null : s
}

/** Months as 2021.06 / 2021-06 / 202106 → 2021-06; anything else is refused with its row named. */
function month(v: string | null, row: number, what: string): string | null {
  if (v === null) return null
  const m = /^(\d{4})[.\-/年]?(\d{1,2})月?$/.exec(v)
  const out = m ? `${m[1]}-${m[2]!.padStart(2, '0')}` : v
  if (!isMonth(out))
    throw new AppError(
      'appointment-invalid',
      `任职经历第 ${row} 行的${what}“${v}”不是年月（如 2021.06）`,
      'bad month',
      { [`${row}.${what}`]: '应为年月' },
    )
  return out
}

/** Replaces the cadre's 任职经历 with `rows` (checked), in one transaction with its audit entry. */
export function saveAppointments(ctx: AppContext, cadreId: number, rows: Appointment[]): Appointment[] {
  const c = ctx.db.prepare('SELECT name FROM cadres WHERE id = ?').get(cadreId) as
    { name: string } | undefined
  if (!c) throw new AppError('cadre-not-found', `找不到编号为 ${cadreId} 的干部`, 'cadre not found')
  const list = rows
    .map((r) => Object.fromEntries(FIELDS.map((k) => [k, clean(r[k])])) as unknown as Appointment)
    .filter((r) => FIELDS.some((k) => r[k] !== null))
  list.forEach((r, i) => {
    r.start = month(r.start, i + 1, '起始年月')
    r.end = month(r.end, i + 1, '截止年月')
    if (!r.start) throw new AppError('appointment-invalid', `任职经历第 ${i + 1} 行缺少起始年月`, 'no start')
    if (r.end && r.end < r.start)
      throw new AppError(
        'appointment-invalid',
        `任职经历第 ${i + 1} 行的截止年月早于起始年月`,
        'end before start',
      )
    if (!r.level && !r.rank)
      throw new AppError(
        'appointment-invalid',
        `任职经历第 ${i + 1} 行请填写职务层次或职级（任职年限按此计算）`,
        'no level',
      )
    if (r.level && levelIndex(r.level) === null)
      throw new AppError(
        'appointment-invalid',
        `任职经历第 ${i + 1} 行的职务层次“${r.level}”无法识别（应为 一般干部、副科、正科、副处、正处）`,
        'bad level',
      )
    if (r.rank && !(RANKS as readonly string[]).includes(r.rank))
      throw new AppError('appointment-invalid', `任职经历第 ${i + 1} 行的职级“${r.rank}”无法识别`, 'bad rank')
  })
  return ctx.db.transaction(() => {
    const before = listAppointments(ctx, cadreId)
    ctx.db.prepare('DELETE FROM appointments WHERE cadre_id = ?').run(cadreId)
    const ins = ctx.db.prepare(
      'INSERT INTO appointments (cadre_id, seq, start, end, unit, title, level, rank, doc_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    list.forEach((r, i) => ins.run(cadreId, i + 1, r.start, r.end, r.unit, r.title, r.level, r.rank, r.docNo))
    recordAudit(ctx, {
      action: 'update',
      entity: 'appointment',
      entityId: cadreId,
      cadreId,
      summary: `修改${c.name}的任职经历（${list.length} 段）`,
      before: { 任职经历: before.map(line) },
      after: { 任职经历: list.map(line) },
    })
    return listAppointments(ctx, cadreId)
  })()
}

function line(a: Appointment): string {
  return `${a.start ?? ''}—${a.end ?? '至今'} ${a.unit ?? ''}${a.title ?? ''}（${[a.level, a.rank].filter(Boolean).join('，')}）`
}

const LEVEL_GUESS: [RegExp, string][] = [
  [/副县长|副书记（县|县委副书记|副处/, '副处'],
  [
    /(镇|乡|街道)(党委)?副书记|副(镇|乡)长|副局长|副主任|副部长|副院长|副所长|副站长|副科长|副主席|副馆长|副校长|副科/,
    '副科',
  ],
  [/(镇|乡|街道)(党委|党工委)?书记|(镇|乡)长|局长|主任|部长|院长|主席|正科/, '正科'],
]

/**
 * The 职务层次 a line's posts suggest: each post (党委副书记、镇长 are two) guessed alone, the highest
 * kept — 镇长 is 正科 though 副书记 comes first. 职级 names are taken out first (一级主任科员 is a
 * 职级, not a 主任).
 */
function guessLevel(text: string): string | null {
  let rest = text
  for (const r of RANKS) rest = rest.split(r).join('')
  let best: string | null = null
  for (const post of rest.split(/[、，,；;]|兼/)) {
    const g = LEVEL_GUESS.find(([re]) => re.test(post))?.[1] ?? null
    if (g && (best === null || (levelIndex(g) ?? -1) > (levelIndex(best) ?? -1))) best = g
  }
  return best
}

/**
 * A draft from the 简历 lines, for the clerk to confirm: each dated line becomes a row with its
 * unit told apart from the title where the text allows (清川县东川镇 | 副镇长), the 职级 named in it, and a 职务层次 guessed from the post's name (副镇长 →
 * 副科). Nothing is saved.
 */
export function draftFromResume(ctx: AppContext, cadreId: number): Appointment[] {
  const lines = ctx.db
    .prepare('SELECT start, end, text FROM resume_entries WHERE cadre_id = ? ORDER BY seq, id')
    .all(cadreId) as { start: string | null; end: string | null; text: string }[]
  return lines
    .filter((l) => l.start && !/学习|学生|读书|毕业|就读/.test(l.text))
    .map((l) => {
      const rank = RANKS.find((r) => l.text.includes(r)) ?? null
      const level = guessLevel(l.text) ?? (rank ? null : '一般干部')
      const text = l.text.trim()
      // "清川县东川镇副镇长" → unit 清川县东川镇, title 副镇长 (the same split as an LRMX 现任职务).
      const unit = unitNameFromPosition(text)
      const title = unit && text.startsWith(unit) && text.length > unit.length ? text.slice(unit.length) : text
      return { start: l.start, end: l.end, unit, title, level, rank, docNo: null }
    })
}

/**
 * 条例 第九条 (2019) 第三款: 破格提拔 is not allowed while the cadre's 任职试用期 has not run out or
 * within a year of being promoted (“任职试用期未满或者提拔任职不满一年的，不得破格提拔”). The
 * 试用期 of a promotion to a non-elected leading post is one year (条例 第五十条), so both read as:
 * one year since the cadre reached the current 职务层次. A newly recruited 公务员 is in 试用期 for a
 * year too (公务员法 第三十四条). 豁免 (the app's 破格) is refused then.
 *
 * The day of promotion: 任现职务层次时间 (levelDate); else the 任职经历 — the first start at the
 * current level; else 任现职务时间 (positionDate, said so: a later lateral move makes it later, on
 * the safe side). A 一般干部 has no 提拔任职 to wait for. Anything the app cannot read is 待核实 —
 * and 待核实 never lets a 破格 through.
 */
import { addMonths, isMonth } from '../domain/dates'
import type { CadreFacts } from './evaluate'
import { levelIndex } from './rules'

export const PROBATION_ARTICLE = '条例 第九条'
export const RECRUIT_ARTICLE = '公务员法 第三十四条'

export interface ProbationBar {
  /** 'clear': 破格 allowed as far as 第九条's time limits go; 'in': refused; 'unknown': 待核实, refused. */
  state: 'clear' | 'in' | 'unknown'
  /** Why, in Chinese, with the article ("条例 第九条：2026.03 任副科（任现职务层次时间），至 2027.03 方满一年，…"). */
  reason: string
  /** The first day 破格 is possible (state 'in'), `YYYY-MM-DD`. */
  from?: string
}

const dots = (m: string): string => m.replace(/-/g, '.')

/** The month `m` (`YYYY-MM`) plus `n` months, as `YYYY-MM`. */
function plusMonths(m: string, n: number): string {
  return addMonths(`${m}-01`, n).slice(0, 7)
}

/** One year from month `since`: 'in' before its anniversary month, 'unknown' within it (the day is
 *  not recorded), 'clear' after. */
function yearFrom(since: string, at: string, what: string, article: string): ProbationBar {
  const anniversary = plusMonths(since, 12)
  const atMonth = at.slice(0, 7)
  if (atMonth < anniversary)
    return {
      state: 'in',
      reason: `${article}：${what}，至 ${dots(anniversary)} 方满一年，任职试用期未满或者提拔任职不满一年的，不得破格提拔`,
      from: `${plusMonths(since, 13)}-01`,
    }
  if (atMonth === anniversary)
    return {
      state: 'unknown',
      reason: `${article}：${what}，本月满一年，只记到月份，是否已满无法确定，待核实`,
      from: `${plusMonths(since, 13)}-01`,
    }
  return { state: 'clear', reason: `${what}，已满一年` }
}

/** Month of reaching the current level: levelDate, the 任职经历, or positionDate. */
function promotedIn(f: CadreFacts, have: number): { month: string; basis: string } | null {
  if (f.levelDate && isMonth(f.levelDate)) return { month: f.levelDate, basis: '任现职务层次时间' }
  const starts = (f.appointments ?? [])
    .filter((a) => a.start && isMonth(a.start) && levelIndex(a.level) === have)
    .map((a) => a.start!)
    .sort()
  if (starts[0]) return { month: starts[0], basis: '任职经历' }
  if (f.positionDate && isMonth(f.positionDate)) return { month: f.positionDate, basis: '任现职务时间' }
  return null
}

export function probationBar(f: CadreFacts, at: string): ProbationBar {
  // A newly recruited 公务员's 试用期 (公务员法 第三十四条).
  if (f.workStartDate && isMonth(f.workStartDate)) {
    const r = yearFrom(f.workStartDate, at, `${dots(f.workStartDate)} 参加工作（新录用公务员试用期一年）`, RECRUIT_ARTICLE)
    if (r.state !== 'clear') return r
  }
  const have = levelIndex(f.positionLevel)
  if (have === null)
    return {
      state: 'unknown',
      reason: `${PROBATION_ARTICLE}：职务层次${f.positionLevel ? `“${f.positionLevel}”无法识别` : '未填写'}，是否在任职试用期内无法判断，待核实`,
    }
  if (have === 0) return { state: 'clear', reason: '一般干部，无提拔任职试用期' }
  const p = promotedIn(f, have)
  if (!p)
    return {
      state: 'unknown',
      reason: `${PROBATION_ARTICLE}：任现职务层次时间、任职经历、任现职务时间均未填写，是否已提拔任职满一年无法判断，待核实`,
    }
  const level = f.positionLevel ?? ''
  return yearFrom(p.month, at, `${dots(p.month)} 任${level}（${p.basis}）`, PROBATION_ARTICLE)
}

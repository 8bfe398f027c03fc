/**
 * The cadre fields the eligibility rules read by name — 职务层次, 职级, 学历 — and the warning for
 * a value they cannot read (kept as typed; the rules reading it give 待核实). Said where the value
 * enters: the roster import (row and column) and an exchange-file load (issue 10).
 */
import { EDUCATIONS, POSITION_LEVELS, RANKS } from '../domain/fields'
import { educationRank } from './evaluate'
import { levelIndex, rankIndex } from './ladder'

export const READ_BY_RULES = ['positionLevel', 'rank', 'eduFullTime', 'eduInService'] as const
export type ReadByRules = (typeof READ_BY_RULES)[number]

const LABELS: Record<ReadByRules, string> = {
  positionLevel: '职务层次',
  rank: '职级',
  eduFullTime: '全日制教育学历',
  eduInService: '在职教育学历',
}

const NAMES: Record<ReadByRules, readonly string[]> = {
  positionLevel: POSITION_LEVELS,
  rank: RANKS,
  eduFullTime: EDUCATIONS,
  eduInService: EDUCATIONS,
}

export function isReadByRules(key: string): key is ReadByRules {
  return (READ_BY_RULES as readonly string[]).includes(key)
}

/** null when the rules read the value (or it is empty); else the warning, in Chinese. */
export function unreadableWarning(key: ReadByRules, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null
  const ok =
    key === 'positionLevel' ? levelIndex(value) !== null : key === 'rank' ? rankIndex(value) !== null : educationRank(value) !== null
  if (ok) return null
  return `${LABELS[key]}“${value}”不是规定的名称（应为：${NAMES[key].join('、')}），已按原样保存；任职资格审查中涉及它的项目为“待核实”`
}

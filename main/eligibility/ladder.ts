/**
 * The 职务层次 and 职级 ladders and how a cadre's value is read on them. Kept apart from rules.ts
 * (which loads zod for the rule schemas) so that an import or a record check reads levels without
 * loading the rule schemas.
 */
/** 职务层次, lowest first; a level a cadre holds is read with its usual variants. */
export const LEVEL_LADDER = ['一般干部', '副科', '正科', '副处', '正处'] as const
export const LEVEL_VARIANTS: Record<string, number> = {
  一般干部: 0,
  科员: 0,
  办事员: 0,
  副科: 1,
  副科级: 1,
  乡科级副职: 1,
  正科: 2,
  正科级: 2,
  乡科级正职: 2,
  副处: 3,
  副处级: 3,
  县处级副职: 3,
  正处: 4,
  正处级: 4,
  县处级正职: 4,
}
/** Index of a 职务层次 in LEVEL_LADDER, or null when it cannot be read. */
export function levelIndex(level: string | null | undefined): number | null {
  if (!level) return null
  return LEVEL_VARIANTS[level.replace(/[\s\u3000]/g, '')] ?? null
}
/** Index of a 职级 in RANK_LADDER, or null. */
export function rankIndex(rank: string | null | undefined): number | null {
  if (!rank) return null
  const i = (RANK_LADDER as readonly string[]).indexOf(rank.replace(/[\s\u3000]/g, ''))
  return i < 0 ? null : i
}


/** Rank ladder, lowest first (公务员职务与职级并行规定). */
export const RANK_LADDER = [
  '二级科员',
  '一级科员',
  '四级主任科员',
  '三级主任科员',
  '二级主任科员',
  '一级主任科员',
  '四级调研员',
  '三级调研员',
  '二级调研员',
  '一级调研员',
] as const

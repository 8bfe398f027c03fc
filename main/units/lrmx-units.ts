/**
 * The unit of a cadre an LRMX file brings in (issue 13). The file has no unit of its own: the
 * import reads it from 现任职务 when that names a unit of the tree; otherwise the preview asks —
 * map to a unit of the tree (close names to the unit 现任职务 seems to name), create that unit
 * under a parent with a kind, or leave the cadre without a unit for now — instead of letting the
 * cadre fall out of the tree unseen.
 */
import { AppError } from '../domain/errors'
import { recordAudit } from '../services/audit'
import type { AppContext } from '../services/context'
import { guessUnitKind, normalizeUnitName } from '../services/units'
import { suggestUnits, type UnitSuggestion } from './match'

/** What the clerk decided for one file's cadre, keyed by ID number in the request. */
export type LrmxUnitChoice =
  | { action: 'map'; unitId: number }
  | { action: 'create'; name: string; parentId: number | null; kind: string | null }
  | { action: 'none' }

export interface LrmxUnitQuestion {
  /** The unit 现任职务 seems to name ("县新农村服务中心主任" → 县新农村服务中心), or null. */
  proposed: string | null
  guessedKind: string | null
  suggestions: UnitSuggestion[]
}

// Words that start the title after the unit's name in 现任职务.
const TITLE_WORDS = [
  '党委',
  '党组',
  '党工委',
  '党总支',
  '党支部',
  '纪委',
  '纪工委',
  '副',
  '书记',
  '局长',
  '主任',
  '镇长',
  '乡长',
  '部长',
  '院长',
  '所长',
  '站长',
  '队长',
  '科长',
  '股长',
  '校长',
  '经理',
  '主席',
  '秘书',
  '干事',
  '科员',
  '办事员',
  '调研员',
  '四级',
  '三级',
  '二级',
  '一级',
  '委员',
  '成员',
]

/** The unit part of a 现任职务 text, or null when it cannot be told apart from the title. */
export function unitNameFromPosition(position: string | null | undefined): string | null {
  if (!position) return null
  const first = normalizeUnitName(position.split(/[、，,；;]/)[0] ?? '')
  // A title alone ("一级主任科员", "副县长") names no unit.
  if (TITLE_WORDS.some((w) => first.startsWith(w))) return null
  let cut = -1
  for (const w of TITLE_WORDS) {
    const i = first.indexOf(w, 2)
    if (i >= 2 && (cut < 0 || i < cut)) cut = i
  }
  const name = cut > 0 ? first.slice(0, cut) : null
  return name && [...name].length >= 2 ? name : null
}

export function askUnit(ctx: AppContext, position: string | null | undefined): LrmxUnitQuestion {
  const proposed = unitNameFromPosition(position)
  const units = ctx.db.prepare('SELECT id, name, parent_id AS parentId FROM units').all() as {
    id: number
    name: string
    parentId: number | null
  }[]
  return {
    proposed,
    guessedKind: proposed ? guessUnitKind(proposed) : null,
    suggestions: proposed ? suggestUnits(units, proposed) : [],
  }
}

/** The unit name a choice leads to (for the preview), or null when the chosen unit is gone. */
export function choiceUnitName(ctx: AppContext, c: LrmxUnitChoice): string | null {
  if (c.action === 'none') return null
  if (c.action === 'create') return normalizeUnitName(c.name) || null
  return (ctx.db.prepare('SELECT name FROM units WHERE id = ?').pluck().get(c.unitId) as string | undefined) ?? null
}

/** Applies a choice inside the import's transaction: the unit id, creating the unit (audited) when
 *  asked. A unit or parent removed since the preview is an error that stops the whole import. */
export function unitOfChoice(ctx: AppContext, c: LrmxUnitChoice, file: string): number | null {
  if (c.action === 'none') return null
  if (c.action === 'map') {
    if (choiceUnitName(ctx, c) === null)
      throw new AppError('lrmx-unit-gone', `“${file}”要对应的单位（编号 ${c.unitId}）已不存在，请重新预览并选择`, `unit ${c.unitId} is gone`)
    return c.unitId
  }
  const name = normalizeUnitName(c.name)
  if (!name) throw new AppError('invalid-unit', `“${file}”要新建的单位名称为空`, 'unit name is empty')
  const have = ctx.db.prepare('SELECT id FROM units WHERE name = ?').pluck().get(name) as number | undefined
  if (have !== undefined) return have
  let parentName: string | null = null
  if (c.parentId !== null) {
    parentName = (ctx.db.prepare('SELECT name FROM units WHERE id = ?').pluck().get(c.parentId) as string | undefined) ?? null
    if (parentName === null)
      throw new AppError('lrmx-unit-gone', `新建单位“${name}”的上级单位（编号 ${c.parentId}）已不存在，请重新预览并选择`, `parent ${c.parentId} is gone`)
  }
  const order = ctx.db.prepare('SELECT coalesce(max(sort_order), 0) + 10 FROM units').pluck().get() as number
  const id = Number(
    ctx.db
      .prepare('INSERT INTO units (name, parent_id, kind, sort_order) VALUES (?, ?, ?, ?)')
      .run(name, c.parentId, c.kind, order).lastInsertRowid,
  )
  const where = [parentName ? `上级“${parentName}”` : null, c.kind ? `类别“${c.kind}”` : null].filter(Boolean).join('，')
  recordAudit(ctx, {
    action: 'create',
    entity: 'unit',
    entityId: id,
    summary: `导入任免审批表文件“${file}”时新建单位“${name}”${where ? `（${where}）` : ''}`,
    after: { name, parentId: c.parentId, kind: c.kind },
  })
  return id
}

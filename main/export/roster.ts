/**
 * The cadre roster (干部花名册) as Excel: what the grid shows (its query, visible columns in their
 * order) or a standard layout — 一人一行 (one person per row) or 按机构分组 (a heading row per
 * unit with its head count, the people below).
 */
import type { CadreFieldKey } from '../domain/fields'
import { CADRE_FIELD_KEYS, FIELD_BY_KEY } from '../domain/fields'
import { basename } from 'node:path'
import { AppError } from '../domain/errors'
import type { AppContext } from '../services/context'
import { recordAudit } from '../services/audit'
import { getSetting } from '../services/settings'
import { listUnits } from '../services/units'
import type { CellKind } from './cells'
import { cellRows, isExportKey, labelOf, matchIds, type RosterQuery } from './source'
import {
  workbookToBytes,
  workbookToFile,
  type TableColumn,
  type TableItem,
  type TableSheet,
} from './workbook'

export type RosterLayout = 'per-row' | 'by-unit'
export const ROSTER_LAYOUTS: readonly RosterLayout[] = ['per-row', 'by-unit']

export const COUNTY_NAME_KEY = 'org.countyName'
export const DEFAULT_COUNTY_NAME = '某某县'

/** The standard roster's columns: every canonical field in the form's order, 年龄 after 出生年月. */
export const STANDARD_COLUMNS: readonly string[] = (() => {
  const keys: string[] = [...CADRE_FIELD_KEYS]
  keys.splice(keys.indexOf('birthDate') + 1, 0, 'age')
  return keys
})()

export interface RosterExportOptions {
  query: RosterQuery
  /** Keys in order (the grid's visible columns). Absent: the standard columns with a 序号 column. */
  columns?: readonly string[]
  layout: RosterLayout
}

export interface RosterExportResult {
  fileName: string
  rows: number
  groups: number
}

export function countyName(ctx: AppContext): string {
  const v = getSetting(ctx, COUNTY_NAME_KEY)
  return typeof v === 'string' && v.trim() ? v.trim() : DEFAULT_COUNTY_NAME
}

/** "某某县干部花名册（截至2026年11月）" at the context's today. */
export function rosterTitle(ctx: AppContext): string {
  const t = ctx.today()
  return `${countyName(ctx)}干部花名册（截至${t.slice(0, 4)}年${Number(t.slice(5, 7))}月）`
}

export function rosterFileName(ctx: AppContext, layout: RosterLayout): string {
  const t = ctx.today().replace(/-/g, '')
  return `${countyName(ctx)}干部花名册${layout === 'by-unit' ? '（按机构）' : ''}_${t}.xlsx`
}

/** Text that wraps on paper instead of widening the table. */
const WRAPPED = new Set([
  'nativePlace',
  'birthPlace',
  'techTitle',
  'specialty',
  'schoolFullTime',
  'schoolInService',
  'unit',
  'position',
  'rank',
])

/** Widths in characters (a CJK character counts two), tight enough that the full roster of every
 *  field still prints legibly fitted to an A4 landscape page; long text wraps. */
const WIDTHS: Record<string, number> = {
  name: 7,
  gender: 4,
  birthDate: 8,
  age: 4,
  ethnicity: 6,
  nativePlace: 8,
  birthPlace: 8,
  partyJoinDate: 8,
  politicalStatus: 9,
  workStartDate: 8,
  health: 6,
  techTitle: 8,
  specialty: 10,
  eduFullTime: 6,
  degreeFullTime: 6,
  schoolFullTime: 14,
  eduInService: 6,
  degreeInService: 6,
  schoolInService: 14,
  idCard: 19,
  unit: 14,
  position: 14,
  positionLevel: 6,
  positionDate: 8,
  rank: 12,
  rankDate: 8,
  status: 5,
  phone: 12,
  impactUntil: 10,
}

function kindOf(key: string): CellKind {
  if (key === 'age') return 'integer'
  if (key === 'impactUntil') return 'day'
  const f = FIELD_BY_KEY.get(key as CadreFieldKey)
  if (!f) return 'text'
  if (f.kind === 'idCard') return 'idCard'
  if (f.kind === 'month') return 'month'
  if (WRAPPED.has(key)) return 'longText'
  return 'text'
}

/** Checks the requested columns: known keys, no repeats, at least one. */
export function checkColumns(columns: readonly string[]): string[] {
  const unknown = columns.filter((k) => !isExportKey(k))
  if (unknown.length) {
    throw new AppError(
      'export-bad-columns',
      `未知的列：${unknown.join('、')}。可用的列：${[...CADRE_FIELD_KEYS, 'age', 'impactUntil'].join(',')}`,
      `unknown columns: ${unknown.join(', ')}`,
    )
  }
  const out = [...new Set(columns)]
  if (out.length === 0)
    throw new AppError('export-no-columns', '没有可导出的列，请至少选择一列', 'no columns to export')
  return out
}

function describeScope(ctx: AppContext, q: RosterQuery, count: number): string {
  const parts: string[] = []
  if (q.unitId !== undefined && q.unitId !== null) {
    const u = ctx.db.prepare('SELECT name FROM units WHERE id = ?').get(q.unitId) as
      { name: string } | undefined
    if (u) parts.push(`范围：${u.name}（含下属单位）`)
  }
  const statuses = q.statuses ?? ['在职']
  parts.push(statuses.length === 0 ? '状态：全部' : `状态：${statuses.join('、')}`)
  const filtered = (q.search ?? '').trim() !== '' || Object.keys(q.filters ?? {}).length > 0
  if (filtered) parts.push('已按条件筛选')
  parts.push(`共 ${count} 人`)
  const t = ctx.today()
  parts.push(`导出日期：${t.slice(0, 4)}年${Number(t.slice(5, 7))}月${Number(t.slice(8, 10))}日`)
  return parts.join('　　')
}

/** The roster as a sheet description for the writer; rows are read lazily while it writes. */
export function rosterSheet(
  ctx: AppContext,
  opts: RosterExportOptions,
): { sheet: TableSheet; count: number; keys: string[] } {
  const numbered = opts.columns === undefined
  const keys = checkColumns(opts.columns ?? STANDARD_COLUMNS)
  const { ids, unitIds } = matchIds(ctx, opts.query)
  const columns: TableColumn[] = keys.map((k) => ({
    header: labelOf(k),
    kind: kindOf(k),
    width: WIDTHS[k] ?? 10,
  }))
  if (numbered) columns.unshift({ header: '序号', kind: 'integer', width: 4 })
  const nameAt = keys.indexOf('name') + (numbered ? 1 : 0)

  let rows: AsyncIterable<TableItem>
  if (opts.layout === 'by-unit') {
    const buckets = new Map<number | null, number[]>()
    for (let i = 0; i < ids.length; i++) {
      const u = unitIds[i] ?? null
      const list = buckets.get(u)
      if (list) list.push(ids[i] as number)
      else buckets.set(u, [ids[i] as number])
    }
    const groups: { label: string; ids: number[] }[] = []
    // People without a unit come first, under a note rather than a unit heading: a roster import
    // reads a heading as the unit of the rows below it, and these rows have none.
    const none = buckets.get(null)
    if (none) groups.push({ label: `说明：以下 ${none.length} 人未填写工作单位`, ids: none })
    for (const unit of listUnits(ctx)) {
      const list = buckets.get(unit.id)
      if (list) groups.push({ label: `${unit.name}（${list.length}人）`, ids: list })
    }
    rows = (async function* () {
      let seq = 1
      for (const g of groups) {
        yield { group: g.label }
        yield* cellRows(ctx, g.ids, keys, numbered ? { numberFrom: seq } : {})
        seq += g.ids.length
      }
    })()
  } else {
    rows = cellRows(ctx, ids, keys, numbered ? { numberFrom: 1 } : {})
  }

  return {
    count: ids.length,
    keys,
    sheet: {
      name: opts.layout === 'by-unit' ? '干部花名册（按机构）' : '干部花名册',
      title: rosterTitle(ctx),
      note: describeScope(ctx, opts.query, ids.length),
      columns,
      rows,
      total: ids.length,
      freezeColumns: nameAt >= 0 && nameAt < 3 ? nameAt + 1 : 0,
    },
  }
}

/** Exports of personal data are recorded: who exported how many people, which columns, when. */
function auditExport(
  ctx: AppContext,
  opts: RosterExportOptions,
  r: RosterExportResult,
  columns: readonly string[],
): void {
  const how = opts.columns ? '当前视图' : opts.layout === 'by-unit' ? '按机构分组' : '一人一行'
  recordAudit(ctx, {
    action: 'export',
    entity: 'roster',
    summary: `导出干部花名册（${how}，${r.rows} 人，${columns.length} 列）：${basename(r.fileName)}`,
    after: { layout: opts.layout, columns, rows: r.rows, query: opts.query },
  })
}

export async function exportRosterToBytes(
  ctx: AppContext,
  opts: RosterExportOptions,
): Promise<RosterExportResult & { bytes: Uint8Array }> {
  const { sheet, keys } = rosterSheet(ctx, opts)
  const { bytes, sheets } = await workbookToBytes([sheet])
  const s = sheets[0]
  const r = { fileName: rosterFileName(ctx, opts.layout), rows: s?.rows ?? 0, groups: s?.groups ?? 0 }
  auditExport(ctx, opts, r, keys)
  return { ...r, bytes }
}

export async function exportRosterToFile(
  ctx: AppContext,
  path: string,
  opts: RosterExportOptions,
): Promise<RosterExportResult> {
  const { sheet, keys } = rosterSheet(ctx, opts)
  const [s] = await workbookToFile(path, [sheet])
  const r = { fileName: path, rows: s?.rows ?? 0, groups: s?.groups ?? 0 }
  auditExport(ctx, opts, r, keys)
  return r
}

/**
 * The roster's columns: every canonical field plus 年龄 and 影响期至, the default layout, and the
 * conversion of ag-grid's sort and filter models into a CadreQuery.
 */
import type { ColDef, FilterModel, SortModelItem, ValueFormatterParams } from 'ag-grid-community'
import { CADRE_FIELDS } from '../../../../main/domain/fields'
import type { CadreQuery, CadreRow, ColumnFilter, FilterOp } from '../../../../main/domain/cadre'
import { monthDots, parseMonth } from '../../../../main/domain/dates'

export const DEFAULT_COLUMNS = [
  'name',
  'gender',
  'birthDate',
  'age',
  'retireDate',
  'ethnicity',
  'unit',
  'position',
  'positionLevel',
  'rank',
  'politicalStatus',
  'eduFullTime',
  'idCard',
]

/** One remembered column: its key, width and whether it is shown, in grid order. */
export interface ColumnLayoutItem {
  key: string
  width?: number
  hidden?: boolean
}

export const SETTINGS_KEY = 'roster.columns'

export interface ColumnInfo {
  key: string
  label: string
  month: boolean
  width: number
  /** Sorting and filtering happen in the database; these columns are computed. */
  sortable: boolean
  filterable: boolean
}

const FIELD_COLUMNS: ColumnInfo[] = CADRE_FIELDS.map((f) => ({
  key: f.key as string,
  label: f.label,
  month: f.kind === 'month',
  width: Math.max(64, Math.min(280, f.width * 13 + 30)),
  sortable: true,
  filterable: true,
}))
const AGE: ColumnInfo = {
  key: 'age',
  label: '年龄',
  month: false,
  width: 66,
  sortable: true,
  filterable: true,
}
const IMPACT: ColumnInfo = {
  key: 'impactUntil',
  label: '影响期至',
  month: false,
  width: 100,
  sortable: true,
  filterable: true,
}
/** 到龄时间 under the 2025 reform (the database's generated column; issue 13). */
const RETIRE: ColumnInfo = {
  key: 'retireDate',
  label: '到龄时间',
  month: true,
  width: 78,
  sortable: true,
  filterable: true,
}
const birthAt = FIELD_COLUMNS.findIndex((c) => c.key === 'birthDate') + 1

/** Every column in the chooser's order: the form's fields, 年龄 and 到龄时间 after 出生年月, 影响期至 last. */
export const ALL_COLUMNS: ColumnInfo[] = [
  ...FIELD_COLUMNS.slice(0, birthAt),
  AGE,
  RETIRE,
  ...FIELD_COLUMNS.slice(birthAt),
  IMPACT,
]

export const COLUMN_BY_KEY = new Map(ALL_COLUMNS.map((c) => [c.key, c]))

/** Shorter headers for the grid (the full label is the tooltip and the chooser's text). */
const GRID_LABELS: Record<string, string> = {
  eduFullTime: '学历',
  degreeFullTime: '学位',
  schoolFullTime: '毕业院校及专业',
  eduInService: '在职学历',
  degreeInService: '在职学位',
  schoolInService: '在职院校及专业',
  specialty: '熟悉专业',
}

/** Default widths in px, chosen so the default columns fit a 1440-wide window. */
const WIDTHS: Record<string, number> = {
  name: 80,
  gender: 52,
  birthDate: 84,
  age: 48,
  retireDate: 86,
  ethnicity: 52,
  unit: 104,
  position: 118,
  positionLevel: 78,
  rank: 96,
  politicalStatus: 96,
  eduFullTime: 56,
  idCard: 148,
  status: 56,
  degreeFullTime: 56,
  eduInService: 76,
  degreeInService: 76,
}

const LONG_TEXT = new Set([
  'unit',
  'position',
  'schoolFullTime',
  'schoolInService',
  'specialty',
  'techTitle',
  'nativePlace',
  'birthPlace',
])

/** 年龄 takes 45, 40-50, >=45 as its value (the database reads it). */
const AGE_OPS: FilterOp[] = ['contains', 'notContains', 'blank', 'notBlank']
const TEXT_OPS: FilterOp[] = [
  'contains',
  'notContains',
  'equals',
  'notEqual',
  'startsWith',
  'endsWith',
  'blank',
  'notBlank',
]

function monthFormatter(p: ValueFormatterParams<CadreRow>): string {
  return typeof p.value === 'string' ? monthDots(p.value) : ''
}

/** 到龄时间: 2031.11; without a birth month (or gender) 待补充, never guessed. */
function retireFormatter(p: ValueFormatterParams<CadreRow>): string {
  if (!p.data) return ''
  return typeof p.value === 'string' ? monthDots(p.value) : '待补充'
}

function dayFormatter(p: ValueFormatterParams<CadreRow>): string {
  return typeof p.value === 'string' ? p.value.replace(/-/g, '.') : ''
}

/** Column definitions in the remembered order with remembered widths; unknown keys are dropped,
 *  columns the layout does not mention are added hidden (a field added later appears in the chooser). */
export function buildColumnDefs(layout: ColumnLayoutItem[] | null): ColDef<CadreRow>[] {
  const items: ColumnLayoutItem[] = layout?.length
    ? layout.filter((l) => COLUMN_BY_KEY.has(l.key))
    : [
        ...DEFAULT_COLUMNS.map((key) => ({ key })),
        ...ALL_COLUMNS.filter((c) => !DEFAULT_COLUMNS.includes(c.key)).map((c) => ({
          key: c.key,
          hidden: true,
        })),
      ]
  const known = new Set(items.map((i) => i.key))
  for (const c of ALL_COLUMNS) if (!known.has(c.key)) items.push({ key: c.key, hidden: true })
  return items.map((item) => {
    const c = COLUMN_BY_KEY.get(item.key)!
    const def: ColDef<CadreRow> = {
      colId: c.key,
      field: c.key as keyof CadreRow,
      headerName: GRID_LABELS[c.key] ?? c.label,
      headerTooltip:
        c.key === 'age'
          ? '年龄（筛选可输入 45、40-50、>=45）'
          : c.key === 'retireDate'
            ? '到龄时间：按渐进式延迟法定退休年龄的决定计算（筛选可输入 2026 或 2026.03）'
            : c.label,
      width: item.width ?? WIDTHS[c.key] ?? c.width,
      minWidth: 44,
      hide: item.hidden ?? false,
      sortable: c.sortable,
      filter: c.filterable ? 'agTextColumnFilter' : false,
      // A filter box under each header (type to narrow); the header menu offers the other operators.
      floatingFilter: c.filterable,
      suppressFloatingFilterButton: true,
      suppressHeaderFilterButton: true,
      filterParams: c.filterable
        ? { filterOptions: c.key === 'age' ? AGE_OPS : TEXT_OPS, maxNumConditions: 1, debounceMs: 300 }
        : undefined,
    }
    if (c.month) def.valueFormatter = monthFormatter
    if (c.key === 'impactUntil') def.valueFormatter = dayFormatter
    if (c.key === 'retireDate') {
      def.valueFormatter = retireFormatter
      def.cellClassRules = { 'cell-missing': (p) => !!p.data && !p.value }
    }
    if (c.key === 'name') def.cellClass = 'cell-name'
    // Long texts show whole on hover when the column is too narrow for them.
    if (LONG_TEXT.has(c.key)) def.tooltipField = c.key as keyof CadreRow
    return def
  })
}

interface TextModel {
  filterType?: string
  type?: string | null
  filter?: string | number | null
}

/** ag-grid's filter model → CadreQuery filters. A month typed as 1975.3 is matched as 1975-03. */
export function toQueryFilters(
  model: FilterModel | null | undefined,
): Record<string, ColumnFilter> | undefined {
  if (!model) return undefined
  const out: Record<string, ColumnFilter> = {}
  for (const [key, raw] of Object.entries(model)) {
    const m = raw as TextModel
    const op = m.type as FilterOp | undefined
    if (!op || !TEXT_OPS.includes(op)) continue
    if (op === 'blank' || op === 'notBlank') {
      out[key] = { op }
      continue
    }
    let value = m.filter === null || m.filter === undefined ? '' : String(m.filter).trim()
    if (!value) continue
    if (COLUMN_BY_KEY.get(key)?.month) {
      const p = parseMonth(value)
      value =
        p.ok && p.value
          ? /^\d{4}$/.test(value)
            ? value
            : p.value
          : value.replace(/[./年]/g, '-').replace(/月$/, '')
    }
    out[key] = { op, value: value.slice(0, 200) }
  }
  return Object.keys(out).length ? out : undefined
}

/** ag-grid's sort model → CadreQuery sort (the database sorts 年龄 by 出生年月 itself). */
export function toQuerySort(model: SortModelItem[] | undefined): CadreQuery['sort'] {
  if (!model?.length) return undefined
  return model.slice(0, 5).map((s) => ({ key: s.colId, dir: s.sort }))
}

/** The visible columns' keys in grid order. */
export function layoutOf(
  state: { colId: string; width?: number | null; hide?: boolean | null }[],
): ColumnLayoutItem[] {
  return state
    .filter((s) => COLUMN_BY_KEY.has(s.colId))
    .map((s) => ({ key: s.colId, width: s.width ?? undefined, hidden: !!s.hide }))
}

/**
 * One record table from a column spec. Plain HTML table for the short lists of a page or a tab;
 * `grid` puts the same columns in ag-grid (only the rows in view are drawn) for lists that can
 * run to thousands of rows.
 *
 *   const cols: Column<PoolRow>[] = [
 *     { key: 'name', title: '姓名', render: (r) => <CadreLink id={r.cadreId} name={r.name} /> },
 *     { key: 'unit', title: '工作单位' },
 *   ]
 *   <RecordTable columns={cols} rows={rows} rowKey={(r) => r.id} testId="pool-table" />
 */
import { useMemo, useState, type ReactNode } from 'react'
import type { ColDef, ICellRendererParams } from 'ag-grid-community'
import { DataGrid } from '../components'
import { Pager } from './Pager'

export interface Column<T> {
  key: string
  title: ReactNode
  /** The cell (default: the row's value under `key`, as text). */
  render?(row: T, index: number): ReactNode
  /** Class of the cells (rec-num, rec-long, …). */
  className?: string
  /** Width in px (grid) or any CSS width (table). */
  width?: number
  /** Hide the column (a spec shared by pages that show more or fewer columns). */
  hidden?: boolean
}

export interface RecordTableProps<T> {
  columns: Column<T>[]
  rows: readonly T[]
  rowKey(row: T): string | number
  testId?: string
  /** data-testid of every row (plain table only). */
  rowTestId?: string
  rowClassName?(row: T): string | undefined
  /** Shown in place of the table when there are no rows. */
  empty?: ReactNode
  /** ag-grid instead of a plain table (long lists); the grid fills its parent. */
  grid?: boolean
  className?: string
  /** Plain table: at most this many rows drawn at once, with a pager below (a long list that is
   *  already in memory still shows its first rows at once). */
  pageSize?: number
}

function plain<T>(row: T, key: string): ReactNode {
  const v = (row as Record<string, unknown>)[key]
  return v === null || v === undefined ? '' : String(v)
}

export function RecordTable<T>(props: RecordTableProps<T>) {
  const { columns, rows, rowKey, testId, rowTestId, rowClassName, empty, grid, className, pageSize } = props
  const [page, setPage] = useState(0)
  const shown = columns.filter((c) => !c.hidden)
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>
  if (grid) return <GridTable columns={shown} rows={rows} rowKey={rowKey} testId={testId} />
  const paged = pageSize !== undefined && rows.length > pageSize
  // A list that shrank (a filter) keeps a page that exists.
  const at = paged ? Math.min(page, Math.ceil(rows.length / pageSize) - 1) : 0
  const first = paged ? at * pageSize : 0
  const drawn = paged ? rows.slice(first, first + pageSize) : rows
  return (
    <>
      <table className={className ?? 'table rec-grid'} data-testid={testId}>
        <thead>
          <tr>
            {shown.map((c) => (
              <th key={c.key} className={c.className} style={c.width ? { width: c.width } : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {drawn.map((r, i) => (
            <tr key={rowKey(r)} data-testid={rowTestId} className={rowClassName?.(r)}>
              {shown.map((c) => (
                <td key={c.key} className={c.className}>
                  {c.render ? c.render(r, first + i) : plain(r, c.key)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {paged ? <Pager total={rows.length} page={at} pageSize={pageSize} onPage={setPage} /> : null}
    </>
  )
}

function GridTable<T>({
  columns,
  rows,
  rowKey,
  testId,
}: {
  columns: Column<T>[]
  rows: readonly T[]
  rowKey(row: T): string | number
  testId?: string | undefined
}) {
  const defs = useMemo<ColDef<T>[]>(
    () =>
      columns.map((c) => ({
        colId: c.key,
        headerName: typeof c.title === 'string' ? c.title : c.key,
        valueGetter: (p) => (p.data ? (p.data as Record<string, unknown>)[c.key] : null),
        ...(c.render
          ? {
              cellRenderer: (p: ICellRendererParams<T>) =>
                p.data ? c.render?.(p.data, p.node.rowIndex ?? 0) : null,
            }
          : {}),
        ...(c.width ? { width: c.width } : { flex: 1, minWidth: 90 }),
        ...(c.className ? { cellClass: c.className } : {}),
        sortable: false,
        resizable: true,
      })),
    [columns],
  )
  return (
    <div className="kit-grid" data-testid={testId}>
      <DataGrid<T>
        columnDefs={defs}
        rowData={rows as T[]}
        getRowId={(p) => String(rowKey(p.data))}
        suppressCellFocus
      />
    </div>
  )
}

/**
 * 干部花名册: the whole cadre force in one grid. Rows come page by page from `cadres.query`
 * (ag-grid's infinite row model, 200 rows a block), so 100,000 people never sit in the renderer.
 * Sorting and column filters run in the database; the quick search, the unit tree and the status
 * selector narrow the same query.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { AgGridReact, CustomCellRendererProps } from 'ag-grid-react'
import type {
  CellKeyDownEvent,
  ColDef,
  ColumnMovedEvent,
  ColumnResizedEvent,
  GetRowIdParams,
  RowSelectionOptions,
  SelectionChangedEvent,
  SelectionColumnDef,
  FilterModel,
  GridReadyEvent,
  IDatasource,
  IRowNode,
  RowDoubleClickedEvent,
  SortModelItem,
} from 'ag-grid-community'
import type { CadreQuery, CadreQueryResult, CadreRow, Unit } from '../../../../main/domain/cadre'
import { call } from '../../api'
import { useApiQuery, useChanged } from '../../lib/query'
import { navigate } from '../../router'
import { DataGrid, EmptyState, Page, Segmented, showError, showMessage } from '../../components'
import { switchDatabase } from '../setup/workspace'
import { ROSTER_ACTIONS, type RosterActionContext } from './actions'
import { UnitTree } from './UnitTree'
import { ColumnChooser } from './ColumnChooser'
import {
  buildColumnDefs,
  layoutOf,
  SETTINGS_KEY,
  toQueryFilters,
  toQuerySort,
  type ColumnLayoutItem,
} from './columns'

const STATUS_CHOICES = ['在职', '调出', '退休', '去世', '全部'] as const
const STATUS_OPTIONS = STATUS_CHOICES.map((s) => ({ value: s, label: s, testId: `status-${s}` }))
const BLOCK_SIZE = 200

/** What the roster showed when the clerk left it, restored on return (search, unit, status, scroll). */
const remembered = {
  search: '',
  unitId: null as number | null,
  status: '在职' as string,
  inImpact: false,
  firstRow: 0,
}

let datasourceSeq = 0
const NO_UNITS: Unit[] = []

/**
 * The first block of rows is asked for together with the page's other start-up data, saving a
 * round trip before the first rows show. Used once, only by the identical query.
 */
function baseQueryOf(
  search: string,
  unitId: number | null,
  status: string,
  inImpact: boolean,
): Omit<CadreQuery, 'offset' | 'limit'> {
  const q: Omit<CadreQuery, 'offset' | 'limit'> = {
    search: search || undefined,
    unitId,
    statuses: status === '全部' ? [] : [status],
  }
  // 影响期内: a discipline, admonishment or 组织处理 whose impact period covers today.
  if (inImpact) q.filters = { impactUntil: { op: 'notBlank' } }
  return q
}

/** The toolbar's own conditions together with the grid's column filters. */
function withColumnFilters(
  base: Omit<CadreQuery, 'offset' | 'limit'>,
  columnFilters: CadreQuery['filters'],
): CadreQuery['filters'] {
  const merged = { ...(base.filters ?? {}), ...(columnFilters ?? {}) }
  return Object.keys(merged).length ? merged : undefined
}

function firstBlockQuery(): CadreQuery {
  const base = baseQueryOf(
    remembered.search.trim(),
    remembered.unitId,
    remembered.status,
    remembered.inImpact,
  )
  return { ...base, sort: undefined, offset: 0, limit: BLOCK_SIZE }
}

let prefetched: { key: string; result: Promise<CadreQueryResult> } | null = null

function queryKey(q: CadreQuery): string {
  return JSON.stringify(q)
}

function prefetchFirstBlock(q: CadreQuery): void {
  const result = call('cadres.query', q)
  result.catch(() => {}) // a failure is reported when the grid asks again
  prefetched = { key: queryKey(q), result }
}

function takePrefetched(q: CadreQuery): Promise<CadreQueryResult> | null {
  const hit = prefetched && prefetched.key === queryKey(q) ? prefetched.result : null
  prefetched = null
  return hit
}

const STATUS_MARK: Record<string, string> = { 调出: '调', 退休: '退', 去世: '故' }

/** 姓名 with a one-character mark for anyone no longer 在职 (调 / 退 / 故), full status as its tooltip. */
function NameCell(p: CustomCellRendererProps<CadreRow>) {
  const status = p.data?.status
  const mark = status && status !== '在职' ? (STATUS_MARK[status] ?? '离') : null
  return (
    <>
      {p.value as string}
      {mark ? (
        <span className="status-mark" title={status ?? ''}>
          {mark}
        </span>
      ) : null}
    </>
  )
}

function rememberFirstRow(n: number): void {
  remembered.firstRow = n
}

// Grid options that never change, kept out of render so the grid is not reconfigured on each
// re-render of the page (the count, the selection).
const DEFAULT_COL_DEF: ColDef<CadreRow> = { resizable: true }
const ROW_SELECTION: RowSelectionOptions<CadreRow> = {
  mode: 'multiRow',
  checkboxes: true,
  headerCheckbox: false,
  enableClickSelection: false,
}
const SELECTION_COLUMN: SelectionColumnDef = { width: 40, pinned: 'left', resizable: false }
const getRowId = (p: GetRowIdParams<CadreRow>): string => String(p.data.id)

function isLayout(v: unknown): v is ColumnLayoutItem[] {
  return (
    Array.isArray(v) &&
    v.every((i) => typeof i === 'object' && i !== null && typeof (i as { key: unknown }).key === 'string')
  )
}

export function RosterPage() {
  const [phase, setPhase] = useState<'loading' | 'empty' | 'ready'>('loading')
  const [layout, setLayout] = useState<ColumnLayoutItem[] | null>(null)
  // The unit tree: one query for every page that shows units, refetched when units change.
  const unitsQuery = useApiQuery('units.list', undefined)
  const units = unitsQuery.data ?? NO_UNITS
  useEffect(() => {
    if (unitsQuery.error) showError(unitsQuery.error)
  }, [unitsQuery.error])
  const [loadingDemo, setLoadingDemo] = useState(false)

  const loadBasics = useCallback(async () => {
    prefetchFirstBlock(firstBlockQuery())
    try {
      const [info, saved] = await Promise.all([
        call('app.info', undefined),
        call('settings.get', { key: SETTINGS_KEY }).catch(() => null),
      ])
      setLayout(isLayout(saved) ? saved : null)
      setPhase(info.cadreCount === 0 ? 'empty' : 'ready')
    } catch (e) {
      showError(e)
      setPhase('ready')
    }
  }, [])

  useEffect(() => {
    void loadBasics()
  }, [loadBasics])

  // The demo is a separate database (main/workspace/): fictional cadres never enter this one.
  const loadDemo = async () => {
    setLoadingDemo(true)
    try {
      await switchDatabase('demo')
    } catch (e) {
      showError(e)
      setLoadingDemo(false)
    }
  }

  if (phase === 'loading') {
    return (
      <Page title="干部花名册" testId="roster-page">
        <div className="muted">正在读取…</div>
      </Page>
    )
  }
  if (phase === 'empty') {
    return (
      <Page title="干部花名册" testId="roster-page">
        <EmptyState title="花名册中还没有干部" testId="roster-empty">
          <p>
            可以导入各单位报送的 Excel 花名册，也可以先打开演示数据熟悉系统（演示数据单独存放，不会混入正式档案）。
            <br />
            也可以点击“新增干部”逐个录入。
          </p>
          <button type="button" className="btn btn-primary btn-large" onClick={() => navigate('import')}>
            导入花名册
          </button>
          <button
            type="button"
            className="btn btn-large"
            disabled={loadingDemo}
            onClick={() => void loadDemo()}
          >
            {loadingDemo ? '正在打开演示数据…' : '打开演示数据'}
          </button>
          <button type="button" className="btn btn-large" onClick={() => navigate('cadre/new')}>
            新增干部
          </button>
        </EmptyState>
      </Page>
    )
  }
  return <Roster initialLayout={layout} units={units} />
}

function Roster({ initialLayout, units }: { initialLayout: ColumnLayoutItem[] | null; units: Unit[] }) {
  const gridRef = useRef<AgGridReact<CadreRow>>(null)
  // A save, an import or a status change anywhere (this window or another) refreshes the rows
  // in view and the count, keeping the scroll position.
  useChanged(['cadres.query'], () => gridRef.current?.api?.refreshInfiniteCache())
  const [search, setSearch] = useState(remembered.search)
  const [debounced, setDebounced] = useState(remembered.search)
  const [unitId, setUnitId] = useState<number | null>(remembered.unitId)
  const [status, setStatus] = useState(remembered.status)
  // The tree counts whom the roster lists: with 调出 / 退休 / 全部 chosen, those (the tree's 全部单位
  // then agrees with the list's total, less anyone without a unit).
  const statusUnits = useApiQuery('units.list', { status: status as (typeof STATUS_CHOICES)[number] }, {
    enabled: status !== '在职',
  })
  const treeUnits = status === '在职' ? units : (statusUnits.data ?? units)
  const [inImpact, setInImpact] = useState(remembered.inImpact)
  const [total, setTotal] = useState<number | null>(null)
  const [selectedIds, setSelectedIds] = useState<number[]>([])
  // 全选: every row the query matches (not only the rows loaded), in grid order; rows the clerk
  // unticks afterwards are left out.
  const [allIds, setAllIds] = useState<number[] | null>(null)
  const [selectingAll, setSelectingAll] = useState(false)
  const allMode = useRef<{ ids: number[]; excluded: Set<number> } | null>(null)
  const [chooserOpen, setChooserOpen] = useState(false)
  const [visible, setVisible] = useState<Set<string>>(new Set())
  const lastModels = useRef<{ filter: FilterModel | null; sort: SortModelItem[] }>({ filter: null, sort: [] })
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const columnDefs = useMemo<ColDef<CadreRow>[]>(
    () =>
      buildColumnDefs(initialLayout).map((d) => (d.colId === 'name' ? { ...d, cellRenderer: NameCell } : d)),
    [initialLayout],
  )

  useEffect(() => {
    const t = setTimeout(() => setDebounced(search.trim()), 100)
    return () => clearTimeout(t)
  }, [search])

  useEffect(() => {
    remembered.search = search
    remembered.unitId = unitId
    remembered.status = status
    remembered.inImpact = inImpact
  }, [search, unitId, status, inImpact])

  const baseQuery = useMemo(
    () => baseQueryOf(debounced, unitId, status, inImpact),
    [debounced, unitId, status, inImpact],
  )

  const datasource = useMemo<IDatasource>(() => {
    // Answers to an older query (the clerk kept typing) must not overwrite the count.
    const seq = ++datasourceSeq
    const live = () => seq === datasourceSeq
    const ds: IDatasource = {
      getRows: (p) => {
        lastModels.current = { filter: p.filterModel as FilterModel | null, sort: p.sortModel }
        const q: CadreQuery = {
          ...baseQuery,
          filters: withColumnFilters(baseQuery, toQueryFilters(p.filterModel as FilterModel | null)),
          sort: toQuerySort(p.sortModel),
          offset: p.startRow,
          limit: p.endRow - p.startRow,
        }
        ;(takePrefetched(q) ?? call('cadres.query', q)).then(
          (r) => {
            if (!live()) return
            setTotal(r.total)
            p.successCallback(r.rows, r.total)
            const all = allMode.current
            if (all) {
              // rows loaded while 全选 is on arrive ticked
              const api = gridRef.current?.api
              const nodes: IRowNode<CadreRow>[] = []
              api?.forEachNode((n) => {
                if (n.data && !n.isSelected() && !all.excluded.has(n.data.id)) nodes.push(n)
              })
              if (nodes.length) api?.setNodesSelected({ nodes, newValue: true, source: 'api' })
            }
          },
          (e: unknown) => {
            if (!live()) return
            showError(e)
            p.failCallback()
          },
        )
      },
    }
    return ds
  }, [baseQuery])

  useEffect(() => {
    setSelectedIds([])
    setAllIds(null)
    allMode.current = null
  }, [datasource])

  const MAX_SELECT_ALL = 5000
  const toggleAll = async (on: boolean) => {
    const api = gridRef.current?.api
    if (!on) {
      allMode.current = null
      setAllIds(null)
      api?.deselectAll()
      setSelectedIds([])
      return
    }
    if (total !== null && total > MAX_SELECT_ALL) {
      showMessage(`全选最多 ${MAX_SELECT_ALL} 人，当前共 ${total} 人，请先按单位或条件缩小范围`, 'warning')
      return
    }
    setSelectingAll(true)
    try {
      const r = await call('cadres.query', {
        ...baseQuery,
        filters: withColumnFilters(baseQuery, toQueryFilters(lastModels.current.filter)),
        sort: toQuerySort(lastModels.current.sort),
        offset: 0,
        limit: MAX_SELECT_ALL,
      })
      const ids = r.rows.map((x) => x.id)
      allMode.current = { ids, excluded: new Set() }
      setAllIds(ids)
      setSelectedIds(ids)
      const nodes: IRowNode<CadreRow>[] = []
      api?.forEachNode((n) => {
        if (n.data) nodes.push(n)
      })
      api?.setNodesSelected({ nodes, newValue: true, source: 'api' })
    } catch (e) {
      showError(e)
    } finally {
      setSelectingAll(false)
    }
  }

  const open = (id: number | undefined) => {
    if (id === undefined) return
    rememberFirstRow(gridRef.current?.api?.getFirstDisplayedRowIndex() ?? 0)
    navigate(`cadre/${id}`)
  }

  const saveLayout = () => {
    clearTimeout(saveTimer.current)
    saveTimer.current = setTimeout(() => {
      const api = gridRef.current?.api
      if (!api) return
      const value = layoutOf(api.getColumnState())
      call('settings.set', { key: SETTINGS_KEY, value }).catch(showError)
    }, 400)
  }

  const refreshVisible = () => {
    const api = gridRef.current?.api
    if (!api) return
    setVisible(
      new Set(
        api
          .getColumnState()
          .filter((s) => !s.hide)
          .map((s) => s.colId),
      ),
    )
  }

  const visibleColumns = (): string[] =>
    (gridRef.current?.api?.getAllDisplayedColumns() ?? [])
      .map((c) => c.getColId())
      .filter((k) => !k.startsWith('ag-Grid'))

  const actionContext = (): RosterActionContext => ({
    selectedIds,
    query: {
      ...baseQuery,
      filters: withColumnFilters(baseQuery, toQueryFilters(lastModels.current.filter)),
      sort: toQuerySort(lastModels.current.sort),
    },
    visibleColumns: visibleColumns(),
    refresh: () => gridRef.current?.api?.refreshInfiniteCache(),
  })

  const runAction = async (run: (ctx: RosterActionContext) => void | Promise<void>) => {
    try {
      await run(actionContext())
    } catch (e) {
      showError(e)
    }
  }

  // Event handlers reach the latest closures through a ref, so their identities stay fixed.
  const latest = useRef({ open, saveLayout, refreshVisible })
  useEffect(() => {
    latest.current = { open, saveLayout, refreshVisible }
  })
  const gridEvents = useMemo(
    () => ({
      onSelectionChanged: (e: SelectionChangedEvent<CadreRow>) => {
        const all = allMode.current
        if (!all) {
          setSelectedIds(e.api.getSelectedRows().map((r) => r.id))
          return
        }
        if (e.source === 'api') return
        e.api.forEachNode((n) => {
          if (!n.data) return
          if (n.isSelected()) all.excluded.delete(n.data.id)
          else all.excluded.add(n.data.id)
        })
        setSelectedIds(all.ids.filter((id) => !all.excluded.has(id)))
      },
      onRowDoubleClicked: (e: RowDoubleClickedEvent<CadreRow>) => latest.current.open(e.data?.id),
      onCellKeyDown: (e: CellKeyDownEvent<CadreRow>) => {
        const k = e.event as KeyboardEvent | null | undefined
        if (k?.key === 'Enter') latest.current.open(e.data?.id)
      },
      onColumnMoved: (e: ColumnMovedEvent<CadreRow>) => {
        if (e.finished) latest.current.saveLayout()
      },
      onColumnResized: (e: ColumnResizedEvent<CadreRow>) => {
        if (e.finished && e.source !== 'api') latest.current.saveLayout()
      },
      onColumnVisible: () => {
        latest.current.refreshVisible()
        latest.current.saveLayout()
      },
      onGridReady: (e: GridReadyEvent<CadreRow>) => {
        if (remembered.firstRow > 0) {
          const row = remembered.firstRow
          remembered.firstRow = 0
          setTimeout(() => e.api.ensureIndexVisible(row, 'top'), 0)
        }
      },
    }),
    [],
  )

  const resetNarrowing = () => {
    setSearch('')
    setUnitId(null)
    setStatus('在职')
    setInImpact(false)
    gridRef.current?.api?.setFilterModel(null)
  }

  const clearFilters = () => {
    gridRef.current?.api?.setFilterModel(null)
  }

  return (
    <Page
      title="干部花名册"
      subtitle={
        <span data-testid="roster-count">
          {total === null ? '正在统计…' : `共 ${total.toLocaleString('zh-CN')} 人`}
        </span>
      }
      testId="roster-page"
      fill
      actions={
        <>
          {ROSTER_ACTIONS.map((a) => (
            <button
              key={a.id}
              type="button"
              className="btn"
              data-testid={`roster-action-${a.id}`}
              disabled={a.needsSelection && selectedIds.length === 0}
              title={a.needsSelection && selectedIds.length === 0 ? '请先勾选干部' : undefined}
              onClick={() => void runAction(a.run)}
            >
              {a.label}
            </button>
          ))}
          <button
            type="button"
            className="btn"
            onClick={() => {
              refreshVisible()
              setChooserOpen(true)
            }}
          >
            列设置
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="roster-new"
            onClick={() => navigate('cadre/new')}
          >
            新增干部
          </button>
        </>
      }
      toolbar={
        <div className="toolbar">
          <input
            className="input search-input"
            type="search"
            placeholder="搜索姓名、拼音首字母、身份证号、单位"
            aria-label="快速搜索"
            data-testid="roster-search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'Enter') {
                const api = gridRef.current?.api
                const first = api?.getAllDisplayedColumns().find((c) => !c.getColId().startsWith('ag-Grid'))
                if (api && first) {
                  e.preventDefault()
                  api.ensureIndexVisible(0)
                  api.setFocusedCell(0, first)
                }
              }
            }}
          />
          <Segmented ariaLabel="状态" options={STATUS_OPTIONS} value={status} onChange={setStatus} />
          <label className="check-toggle" title="处分、诫勉或组织处理的影响期尚未结束的人员">
            <input
              type="checkbox"
              data-testid="roster-in-impact"
              checked={inImpact}
              onChange={(e) => setInImpact(e.target.checked)}
            />
            仅看影响期内
          </label>
          <button type="button" className="btn btn-link" onClick={clearFilters}>
            清除列筛选
          </button>
          <span className="spacer" />
          <label className="check-toggle" title="勾选当前条件下的全部干部（不只是屏幕上显示的行）">
            <input
              type="checkbox"
              data-testid="roster-select-all"
              checked={allIds !== null || selectingAll}
              disabled={!total}
              onChange={(e) => void toggleAll(e.target.checked)}
            />
            全选
          </label>
          {selectedIds.length ? (
            <span className="muted" data-testid="roster-selected-count">
              已勾选 {selectedIds.length} 人
            </span>
          ) : null}
          <span className="muted">双击或按回车键打开干部信息</span>
        </div>
      }
    >
      <div className="roster-body">
        <aside className="roster-units">
          <UnitTree units={treeUnits} selected={unitId} onSelect={setUnitId} />
        </aside>
        <div className="roster-grid" data-testid="roster-grid">
          {total === 0 ? (
            <div className="grid-empty" data-testid="roster-no-rows">
              <div>没有符合条件的干部</div>
              <div className="muted">
                可检查搜索词、单位、状态（当前：{status}）和列筛选；
                <button type="button" className="btn-link link-text" onClick={resetNarrowing}>
                  清除全部条件
                </button>
              </div>
            </div>
          ) : null}
          <DataGrid<CadreRow>
            gridRef={gridRef}
            columnDefs={columnDefs}
            defaultColDef={DEFAULT_COL_DEF}
            rowModelType="infinite"
            datasource={datasource}
            cacheBlockSize={BLOCK_SIZE}
            maxBlocksInCache={50}
            infiniteInitialRowCount={BLOCK_SIZE}
            getRowId={getRowId}
            rowClass="roster-row"
            suppressNoRowsOverlay
            rowSelection={ROW_SELECTION}
            selectionColumnDef={SELECTION_COLUMN}
            {...gridEvents}
            tooltipShowDelay={400}
          />
        </div>
      </div>
      <ColumnChooser
        open={chooserOpen}
        visible={visible}
        onToggle={(key, show) => gridRef.current?.api?.setColumnsVisible([key], show)}
        onReset={() => {
          const api = gridRef.current?.api
          if (!api) return
          const defs = buildColumnDefs(null)
          api.applyColumnState({
            state: defs.map((d) => ({ colId: d.colId!, width: d.width, hide: d.hide ?? false })),
            applyOrder: true,
          })
          refreshVisible()
          call('settings.set', { key: SETTINGS_KEY, value: null }).catch(showError)
        }}
        onClose={() => setChooserOpen(false)}
      />
    </Page>
  )
}

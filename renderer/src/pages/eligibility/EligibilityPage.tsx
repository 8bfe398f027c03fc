/**
 * 任职资格审查: a department head picks the target and the date and sees every active cadre with
 * the verdict and one ✓ ✗ ? column per rule; filters to the eligible or to those blocked by one
 * requirement; clicks a cadre for the evidence, the projected date, overrides and the decision.
 * `#/eligibility/rules` opens the rule settings.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type {
  CellKeyDownEvent,
  ColDef,
  ICellRendererParams,
  IDatasource,
  RowClickedEvent,
} from 'ag-grid-community'
import type { AgGridReact } from 'ag-grid-react'
import type { ReviewPage, ReviewPageQuery } from '../../../../main/eligibility/page'
import { describeRule, TARGETS, type RuleSet, type Target } from '../../../../main/eligibility/rules'
import { REVIEW_FILTERS, type ReviewFilter, type ReviewRow } from '../../../../main/eligibility/types'
import { call, downloadBytes } from '../../api'
import { isCancelled, useJob } from '../../lib/job'
import { fetchApi, prefetchApi, useApiQuery, useChanged } from '../../lib/query'
import { navigate } from '../../router'
import { dateDots } from '../../../../main/domain/dates'
import {
  DayInput,
  DataGrid,
  EmptyState,
  Page,
  Spacer,
  Toolbar,
  confirmDialog,
  showError,
  showMessage,
} from '../../components'
import { DetailPanel } from './DetailPanel'
import { RuleSettings } from './RuleSettings'
import {
  FILTERS,
  OUTCOME_MARK,
  RANK_TARGET_OPTIONS,
  TARGET_OPTIONS,
  XLSX_MIME,
  todayText,
  verdictOf,
} from './shared'
import './eligibility.css'

/** Rows per request: the grid asks for blocks as it scrolls (the data side keeps the round). */
const BLOCK_SIZE = 200
const MAX_PRINT = 500

/** The round without its rows: what the toolbar, the subtitle and the columns need. */
type RoundInfo = Omit<ReviewPage, 'rows'>
type PageQuery = ReviewPageQuery & { early?: boolean }

function infoOf(r: ReviewPage): RoundInfo {
  const { rows, ...info } = r
  void rows
  return info
}

/** The round the head was looking at (target, day, result filter), kept for the browser session
 *  while she visits other pages (sessionStorage: per window, gone when it closes). */
interface Remembered {
  target: Target
  at: string
  filter: ReviewFilter
}
const REMEMBER_KEY = 'eligibility.view'

function readRemembered(): Remembered {
  const fallback: Remembered = { target: 'section-chief', at: todayText(), filter: 'all' }
  try {
    const v = JSON.parse(sessionStorage.getItem(REMEMBER_KEY) ?? 'null') as Partial<Remembered> | null
    if (!v) return fallback
    return {
      target: (TARGETS as readonly string[]).includes(v.target ?? '') ? v.target! : fallback.target,
      at: /^\d{4}-\d{2}-\d{2}$/.test(v.at ?? '') ? v.at! : fallback.at,
      filter: (REVIEW_FILTERS as readonly string[]).includes(v.filter ?? '') ? v.filter! : fallback.filter,
    }
  } catch {
    return fallback
  }
}

/** The grid's first block for a view: the same argument for the prefetch and the grid. */
function firstBlockQuery(v: Remembered): PageQuery {
  return { target: v.target, at: v.at, filter: v.filter, offset: 0, limit: BLOCK_SIZE, early: true }
}

// Opened straight at this page (a reload, or the app started here): the first block is asked for
// as soon as the code loads, so the data side evaluates it while React and the grid start; the
// grid's first request then shares that answer through the query cache.
if (typeof location !== 'undefined' && /^#\/eligibility\/?$/.test(location.hash)) {
  prefetchApi('eligibility.page', firstBlockQuery(readRemembered()))
}

function VerdictCell(p: ICellRendererParams<ReviewRow>) {
  const row = p.data
  if (!row) return null
  const v = verdictOf(row)
  return <span className={`elig-verdict elig-${v.tone}`}>{v.text}</span>
}

export function EligibilityPage({ sub }: { sub: string | undefined }) {
  const [remembered, setRemembered] = useState(readRemembered)
  const { target, at, filter } = remembered
  const remember = useCallback((patch: Partial<Remembered>) => setRemembered((r) => ({ ...r, ...patch })), [])
  useEffect(() => {
    try {
      sessionStorage.setItem(REMEMBER_KEY, JSON.stringify(remembered))
    } catch {
      // storage refused (private mode): the page still works, it just forgets
    }
  }, [remembered])
  const [search, setSearch] = useState('')
  const [unit, setUnit] = useState('')
  const [level, setLevel] = useState('')
  const [debounced, setDebounced] = useState('')
  /** What the last first block said about the round, and for which view's scope. */
  const [head, setHead] = useState<{ scope: string; info: RoundInfo; came: number } | null>(null)
  // Kept apart from `head` so that the columns are rebuilt only when the rule set changes,
  // not with every block the grid fetches.
  const [ruleSet, setRuleSet] = useState<RuleSet | null>(null)
  const gridRef = useRef<AgGridReact<ReviewRow>>(null)
  const sortRef = useRef<ReviewPageQuery['sort']>(undefined)
  const [selected, setSelected] = useState<number | null>(null)
  const [exporting, setExporting] = useState(false)
  const [printing, setPrinting] = useState(false)
  // Long jobs with a percentage (main/worker/job.ts): the whole round's counts, printing, export.
  const { run: runRound, cancel: cancelRound, percent: roundPercent } = useJob('elig-round')
  const printJob = useJob('elig-print')
  const exportJob = useJob('elig-export')
  // A round for another target or day is no longer wanted (nor one left behind): stop it, so the
  // reviews asked for next do not wait behind it.
  useEffect(() => () => cancelRound(), [target, at, cancelRound])

  useEffect(() => {
    const t = setTimeout(() => setDebounced(search.trim()), 120)
    return () => clearTimeout(t)
  }, [search])

  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(at)
  const baseQuery = useMemo(
    () => ({
      target,
      at,
      filter,
      search: debounced || undefined,
      unit: unit || undefined,
      level: level || undefined,
    }),
    [target, at, filter, debounced, unit, level],
  )
  /** The view's scope: the counts depend on it, not on the result filter or the sort. */
  const countsArg = useMemo(
    () => ({ ...baseQuery, filter: 'all' as const, offset: 0, limit: 1 }),
    [baseQuery],
  )
  const scope = JSON.stringify([target, at, baseQuery.search, baseQuery.unit, baseQuery.level])
  const headNow = head?.scope === scope ? head.info : null

  // The counts: with the first block when the round is kept; else asked for once the first rows
  // are on screen (asked earlier, the whole round would hold them up), as a long job. Counts
  // older than the first block that asked for them are asked again when that block came with
  // none; an announced change alone does not ask (the grid's first block goes first, then this).
  const needCounts = validDay && headNow !== null && headNow.summary === null
  const came = head?.came ?? 0
  const counts = useApiQuery('eligibility.page', countsArg, {
    enabled: (q) => needCounts && q.state.dataUpdatedAt < came,
    job: runRound,
  })
  useEffect(() => {
    if (counts.error && !isCancelled(counts.error)) showError(counts.error)
  }, [counts.error])
  const whole: RoundInfo | null = headNow?.summary
    ? headNow
    : counts.data && !counts.isFetching && !counts.isStale
      ? infoOf(counts.data)
      : null
  // What the toolbar, subtitle and footer show: the last first block (kept while the next view
  // loads), with the counts of the current view only.
  const data: RoundInfo | null = head
    ? {
        ...head.info,
        summary: whole?.summary ?? null,
        roundTotal: whole?.roundTotal ?? head.info.roundTotal,
        facets: whole?.facets ?? head.info.facets,
      }
    : null

  const datasource = useMemo<IDatasource & { stop(): void }>(() => {
    // Answers to an older view (the head switched target or kept typing) are dropped.
    const dropped = new AbortController()
    const live = () => !dropped.signal.aborted
    return {
      stop: () => dropped.abort(),
      getRows: (p) => {
        const sort = p.sortModel.map((s) => ({ colId: s.colId, sort: s.sort }))
        sortRef.current = sort.length ? sort : undefined
        const q: PageQuery = {
          ...baseQuery,
          sort: sortRef.current,
          offset: p.startRow,
          limit: p.endRow - p.startRow,
          // the first rows may come before the whole round is evaluated, the counts just after
          early: p.startRow === 0,
        }
        // The first block through the query cache (kept until a change is announced, shared with
        // the prefetch); the others as the grid scrolls.
        ;(p.startRow === 0 ? fetchApi('eligibility.page', q) : call('eligibility.page', q)).then(
          (r) => {
            if (!live()) return
            if (p.startRow === 0) setHead({ scope, info: infoOf(r), came: Date.now() })
            setRuleSet((prev) =>
              prev && prev.target === r.ruleSet.target && prev.version === r.ruleSet.version
                ? prev
                : r.ruleSet,
            )
            p.successCallback(r.rows, r.total)
          },
          (e: unknown) => {
            if (!live()) return
            showError(e)
            p.failCallback()
          },
        )
      },
    }
  }, [baseQuery, scope])
  useEffect(() => () => datasource.stop(), [datasource])

  // Any commit may change a verdict (a record, a rule set, a decision, a 豁免): the kept blocks
  // are read again. The query cache has already marked them stale.
  useChanged(['eligibility.page'], () => gridRef.current?.api?.refreshInfiniteCache())

  const shown = headNow?.total ?? 0

  const pillCounts = useMemo(() => {
    const s = whole?.summary
    if (!s) return null // being counted: the first rows came before the whole round
    const c: Record<ReviewFilter, number> = {
      all: s.total,
      eligible: s.eligible,
      ineligible: s.ineligible,
      unknown: s.unknown,
      'blocked-by-one': s.blockedByOne,
    }
    return c
  }, [whole])

  const columns = useMemo<ColDef<ReviewRow>[]>(() => {
    const rules = ruleSet?.rules ?? []
    const ruleCols: ColDef<ReviewRow>[] = rules.map((rule, i) => ({
      colId: `rule-${rule.id}`,
      headerName: rule.label,
      headerTooltip: `${rule.label}：${describeRule(rule)}`,
      width: 74,
      cellClass: 'elig-mark-cell',
      valueGetter: (p) => p.data?.outcomes[i] ?? '',
      cellRenderer: (p: ICellRendererParams<ReviewRow>) => {
        const o = p.data?.outcomes[i]
        if (!o) return null
        const overridden = o === 'fail' && p.data?.overridden.includes(rule.id)
        return (
          <span
            className={`elig-mark elig-mark-${overridden ? 'override' : o}`}
            title={overridden ? '已豁免' : undefined}
            data-testid={`mark-${rule.id}`}
          >
            {overridden ? '✓' : OUTCOME_MARK[o]}
            {overridden ? <sup>豁</sup> : null}
          </span>
        )
      },
    }))
    return [
      { headerName: '姓名', field: 'name', pinned: 'left', width: 92, cellClass: 'cell-name' },
      { headerName: '工作单位', field: 'unit', width: 150, tooltipField: 'unit' },
      { headerName: '现任职务', field: 'position', width: 170, tooltipField: 'position' },
      { headerName: '职务层次', field: 'positionLevel', width: 84 },
      { headerName: '年龄', field: 'age', width: 64, type: 'numericColumn' },
      {
        headerName: '审查结论',
        colId: 'verdict',
        width: 112,
        valueGetter: (p) => (p.data ? verdictOf(p.data).text : ''),
        cellRenderer: VerdictCell,
      },
      ...ruleCols,
      { headerName: '不符合项', field: 'failed', width: 150, tooltipField: 'firstReason' },
      { headerName: '预计符合日期', field: 'projected', width: 112 },
      { headerName: '处理意见', field: 'decision', width: 88 },
    ]
  }, [ruleSet])

  const onRowClicked = useCallback((e: RowClickedEvent<ReviewRow>) => {
    if (e.data) setSelected(e.data.cadreId)
  }, [])

  const onCellKeyDown = useCallback((e: CellKeyDownEvent<ReviewRow>) => {
    const key = (e.event as KeyboardEvent | null)?.key
    if (key === 'Enter' && e.data) setSelected(e.data.cadreId)
  }, [])

  const printShown = async () => {
    if (shown === 0) return
    if (shown > MAX_PRINT) {
      showMessage(`一次最多打印 ${MAX_PRINT} 人的审查表，请先筛选`, 'warning')
      return
    }
    if (
      shown > 1 &&
      !(await confirmDialog({
        title: '打印审查表',
        message: `为当前列表中的 ${shown} 人各生成一页资格审查表（PDF）？`,
      }))
    ) {
      return
    }
    setPrinting(true)
    try {
      const list = await call('eligibility.page', {
        ...baseQuery,
        sort: sortRef.current,
        offset: 0,
        limit: MAX_PRINT,
      })
      const r = await printJob.run((job) =>
        call('eligibility.print', { target, at, cadreIds: list.rows.map((x) => x.cadreId) }, { job }),
      )
      downloadBytes(r.bytes, r.fileName, 'application/pdf')
      showMessage(`已生成 ${r.fileName}`, 'success')
    } catch (e) {
      if (isCancelled(e)) showMessage('已取消打印，未生成文件', 'info')
      else showError(e)
    } finally {
      setPrinting(false)
    }
  }

  const exportXlsx = async () => {
    setExporting(true)
    try {
      const r = await exportJob.run((job) => call('eligibility.export', { ...baseQuery }, { job }))
      downloadBytes(r.bytes, r.fileName, XLSX_MIME)
      showMessage(`已导出 ${r.rows} 人：${r.fileName}`, 'success')
    } catch (e) {
      if (isCancelled(e)) showMessage('已取消导出，未生成文件', 'info')
      else showError(e)
    } finally {
      setExporting(false)
    }
  }

  if (sub === 'rules') {
    return <RuleSettings onBack={() => navigate('eligibility')} />
  }

  return (
    <Page
      title="任职资格审查"
      subtitle={
        data
          ? `${data.targetLabel} · 审查日期 ${dateDots(data.at)} · ${data.ruleSet.version > 0 ? `规则第 ${data.ruleSet.version} 版` : '默认规则'} · 未达该${data.target.startsWith('rank-') ? '职级' : '职务层次'}的在职干部 ${data.roundTotal ?? data.total} 人`
          : undefined
      }
      testId="eligibility-page"
      fill
      actions={
        <>
          <button
            type="button"
            className="btn"
            onClick={() => navigate('eligibility/rules')}
            data-testid="elig-rules"
          >
            规则设置
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => void printShown()}
            disabled={printing || shown === 0}
            title="为当前列表中的每人生成一页资格审查表"
            data-testid="elig-print-list"
          >
            {printing ? `正在生成… ${printJob.percent ?? 0}%` : '打印审查表'}
          </button>
          {printing ? (
            <button type="button" className="btn" onClick={printJob.cancel} data-testid="elig-print-cancel">
              取消打印
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void exportXlsx()}
            disabled={exporting || !data}
            data-testid="elig-export"
          >
            {exporting ? `正在导出… ${exportJob.percent ?? 0}%` : '导出Excel'}
          </button>
          {exporting ? (
            <button type="button" className="btn" onClick={exportJob.cancel} data-testid="elig-export-cancel">
              取消导出
            </button>
          ) : null}
        </>
      }
      toolbar={
        <Toolbar>
          <div className="elig-seg" role="radiogroup" aria-label="审查事项">
            {TARGET_OPTIONS.map((t) => (
              <button
                key={t.value}
                type="button"
                role="radio"
                aria-checked={target === t.value}
                className={target === t.value ? 'elig-seg-item active' : 'elig-seg-item'}
                onClick={() => {
                  remember({ target: t.value })
                  setSelected(null)
                  setLevel('')
                }}
                data-testid={`elig-target-${t.value}`}
              >
                {t.label}
              </button>
            ))}
          </div>
          <select
            className={
              target.startsWith('rank-') ? 'input elig-rank-target active' : 'input elig-rank-target'
            }
            aria-label="职级晋升"
            value={target.startsWith('rank-') ? target : ''}
            onChange={(e) => {
              if (!e.target.value) return
              remember({ target: e.target.value as Target })
              setSelected(null)
              setLevel('')
            }}
            data-testid="elig-target-rank"
          >
            <option value="">职级晋升…</option>
            {RANK_TARGET_OPTIONS.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
          <label className="elig-date">
            审查日期
            <DayInput value={at} onChange={(d) => d && remember({ at: d })} data-testid="elig-date" />
          </label>
          <span className="elig-divider" />
          <div className="elig-filters" role="radiogroup" aria-label="筛选">
            {FILTERS.map((f) => (
              <button
                key={f.value}
                type="button"
                role="radio"
                aria-checked={filter === f.value}
                className={
                  filter === f.value
                    ? `elig-filter active elig-filter-${f.value}`
                    : `elig-filter elig-filter-${f.value}`
                }
                onClick={() => remember({ filter: f.value })}
                data-testid={`elig-filter-${f.value}`}
              >
                {f.label}
                <span className="elig-count">
                  {pillCounts ? pillCounts[f.value] : f.value === 'all' && roundPercent !== null ? `${roundPercent}%` : '…'}
                </span>
              </button>
            ))}
          </div>
          <Spacer />
          <select
            className="input elig-unit"
            aria-label="工作单位"
            value={unit}
            onChange={(e) => setUnit(e.target.value)}
            data-testid="elig-unit"
          >
            <option value="">全部单位</option>
            {(data?.facets?.units ?? (unit ? [unit] : [])).map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
          <select
            className="input elig-level"
            aria-label={target.startsWith('rank-') ? '现职级' : '现职务层次'}
            value={level}
            onChange={(e) => setLevel(e.target.value)}
            data-testid="elig-level"
          >
            <option value="">{target.startsWith('rank-') ? '全部职级' : '全部层次'}</option>
            {(data?.facets?.levels ?? (level ? [level] : [])).map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
          <input
            className="input search-input elig-search"
            placeholder="姓名、单位或身份证号"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="elig-search"
          />
        </Toolbar>
      }
    >
      <div className="elig-body">
        <div className="elig-grid" data-testid="elig-grid">
          {data?.roundTotal === 0 ? (
            <EmptyState title="没有在职干部">
              <p>请先在“干部花名册”中导入或录入干部信息。</p>
            </EmptyState>
          ) : null}
          {validDay ? (
            // Kept mounted while empty so that it asks again when the round changes.
            <div className="elig-grid-inner" hidden={data?.roundTotal === 0}>
              <DataGrid<ReviewRow>
                gridRef={gridRef}
                rowModelType="infinite"
                datasource={datasource}
                cacheBlockSize={BLOCK_SIZE}
                maxBlocksInCache={50}
                infiniteInitialRowCount={BLOCK_SIZE}
                columnDefs={columns}
                getRowId={(p) => String(p.data.cadreId)}
                onRowClicked={onRowClicked}
                onCellKeyDown={onCellKeyDown}
                rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
                tooltipShowDelay={300}
                defaultColDef={{ sortable: true, resizable: true }}
              />
            </div>
          ) : null}
        </div>
        {selected !== null && data ? (
          <DetailPanel
            key={`${selected}-${target}-${at}`}
            cadreId={selected}
            target={target}
            at={at}
            onClose={() => setSelected(null)}
          />
        ) : null}
      </div>
      {data ? (
        <div className="elig-footer muted">
          显示 {data.total} / {data.summary?.total ?? (roundPercent !== null ? `…（正在审查 ${roundPercent}%）` : '…')} 人 · ✓ 符合 · ✗ 不符合 · ? 待补充信息 · ✓
          <sup>豁</sup> 已豁免 · 计算用时 {data.ms} 毫秒
        </div>
      ) : null}
    </Page>
  )
}

/**
 * 任职资格审查: a department head picks the target and the date and sees every active cadre with
 * the verdict and one ✓ ✗ ? column per rule; filters to the eligible or to those blocked by one
 * requirement; clicks a cadre for the evidence, the projected date, overrides and the decision.
 * `#/eligibility/rules` opens the rule settings.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { CellKeyDownEvent, ColDef, ICellRendererParams, RowClickedEvent } from 'ag-grid-community'
import { describeRule, type Target } from '../../../../main/eligibility/rules'
import type { ReviewFilter, ReviewResult, ReviewRow } from '../../../../main/eligibility/types'
import { call, downloadBytes } from '../../api'
import { navigate } from '../../router'
import {
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
import { FILTERS, OUTCOME_MARK, TARGET_OPTIONS, XLSX_MIME, todayText, verdictOf } from './shared'
import './eligibility.css'

/** The round the head was looking at, kept while she visits other pages. */
const remembered: { target: Target; at: string; filter: ReviewFilter } = {
  target: 'section-chief',
  at: todayText(),
  filter: 'all',
}

function matches(row: ReviewRow, filter: ReviewFilter): boolean {
  switch (filter) {
    case 'all':
      return true
    case 'eligible':
      return row.eligible === true
    case 'ineligible':
      return row.eligible === false
    case 'unknown':
      return row.eligible === null
    case 'blocked-by-one':
      return row.failCount === 1
  }
}

function VerdictCell(p: ICellRendererParams<ReviewRow>) {
  const row = p.data
  if (!row) return null
  const v = verdictOf(row)
  return <span className={`elig-verdict elig-${v.tone}`}>{v.text}</span>
}

export function EligibilityPage({ sub }: { sub: string | undefined }) {
  const [target, setTarget] = useState<Target>(remembered.target)
  const [at, setAt] = useState(remembered.at)
  const [filter, setFilter] = useState<ReviewFilter>(remembered.filter)
  const [search, setSearch] = useState('')
  const [data, setData] = useState<ReviewResult | null>(null)
  const [loading, setLoading] = useState(false)
  const [selected, setSelected] = useState<number | null>(null)
  const [exporting, setExporting] = useState(false)
  const [printing, setPrinting] = useState(false)

  useEffect(() => {
    remembered.target = target
    remembered.at = at
    remembered.filter = filter
  }, [target, at, filter])

  const load = useCallback(async () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(at)) return
    setLoading(true)
    try {
      setData(await call('eligibility.review', { target, at }))
    } catch (e) {
      showError(e)
    } finally {
      setLoading(false)
    }
  }, [target, at])

  useEffect(() => {
    if (sub !== 'rules') void load()
  }, [load, sub])

  const rows = useMemo(() => {
    if (!data) return []
    const q = search.trim()
    return data.rows.filter(
      (r) =>
        matches(r, filter) &&
        (!q || r.name.includes(q) || (r.unit ?? '').includes(q) || r.idCard.includes(q)),
    )
  }, [data, filter, search])

  const counts = useMemo(() => {
    const c: Record<ReviewFilter, number> = {
      all: 0,
      eligible: 0,
      ineligible: 0,
      unknown: 0,
      'blocked-by-one': 0,
    }
    if (!data) return c
    c.all = data.summary.total
    c.eligible = data.summary.eligible
    c.ineligible = data.summary.ineligible
    c.unknown = data.summary.unknown
    c['blocked-by-one'] = data.summary.blockedByOne
    return c
  }, [data])

  const columns = useMemo<ColDef<ReviewRow>[]>(() => {
    if (!data) return []
    const ruleCols: ColDef<ReviewRow>[] = data.ruleSet.rules.map((rule, i) => ({
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
  }, [data])

  const onRowClicked = useCallback((e: RowClickedEvent<ReviewRow>) => {
    if (e.data) setSelected(e.data.cadreId)
  }, [])

  const onCellKeyDown = useCallback((e: CellKeyDownEvent<ReviewRow>) => {
    const key = (e.event as KeyboardEvent | null)?.key
    if (key === 'Enter' && e.data) setSelected(e.data.cadreId)
  }, [])

  const MAX_PRINT = 500
  const printShown = async () => {
    if (rows.length === 0) return
    if (rows.length > MAX_PRINT) {
      showMessage(`一次最多打印 ${MAX_PRINT} 人的审查表，请先筛选`, 'warning')
      return
    }
    if (
      rows.length > 1 &&
      !(await confirmDialog({
        title: '打印审查表',
        message: `为当前列表中的 ${rows.length} 人各生成一页资格审查表（PDF）？`,
      }))
    ) {
      return
    }
    setPrinting(true)
    try {
      const r = await call('eligibility.print', { target, at, cadreIds: rows.map((x) => x.cadreId) })
      downloadBytes(r.bytes, r.fileName, 'application/pdf')
      showMessage(`已生成 ${r.fileName}`, 'success')
    } catch (e) {
      showError(e)
    } finally {
      setPrinting(false)
    }
  }

  const exportXlsx = async () => {
    setExporting(true)
    try {
      const r = await call('eligibility.export', { target, at, filter })
      downloadBytes(r.bytes, r.fileName, XLSX_MIME)
      showMessage(`已导出 ${r.rows} 人：${r.fileName}`, 'success')
    } catch (e) {
      showError(e)
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
          ? `${data.targetLabel} · 审查日期 ${data.at} · ${data.ruleSet.version > 0 ? `规则第 ${data.ruleSet.version} 版` : '默认规则'} · 在职干部 ${data.summary.total} 人`
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
            disabled={printing || rows.length === 0}
            title="为当前列表中的每人生成一页资格审查表"
            data-testid="elig-print-list"
          >
            {printing ? '正在生成…' : '打印审查表'}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void exportXlsx()}
            disabled={exporting || !data}
            data-testid="elig-export"
          >
            {exporting ? '正在导出…' : '导出Excel'}
          </button>
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
                  setTarget(t.value)
                  setSelected(null)
                }}
                data-testid={`elig-target-${t.value}`}
              >
                {t.label}
              </button>
            ))}
          </div>
          <label className="elig-date">
            审查日期
            <input
              type="date"
              className="input"
              value={at}
              onChange={(e) => e.target.value && setAt(e.target.value)}
              data-testid="elig-date"
            />
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
                onClick={() => setFilter(f.value)}
                data-testid={`elig-filter-${f.value}`}
              >
                {f.label}
                <span className="elig-count">{counts[f.value]}</span>
              </button>
            ))}
          </div>
          <Spacer />
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
          {data && data.summary.total === 0 ? (
            <EmptyState title="没有在职干部">
              <p>请先在“干部花名册”中导入或录入干部信息。</p>
            </EmptyState>
          ) : (
            <DataGrid<ReviewRow>
              rowData={rows}
              columnDefs={columns}
              getRowId={(p) => String(p.data.cadreId)}
              onRowClicked={onRowClicked}
              onCellKeyDown={onCellKeyDown}
              rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
              loading={loading && !data}
              tooltipShowDelay={300}
              defaultColDef={{ sortable: true, resizable: true }}
            />
          )}
        </div>
        {selected !== null && data ? (
          <DetailPanel
            key={`${selected}-${target}-${at}`}
            cadreId={selected}
            target={target}
            at={at}
            onClose={() => setSelected(null)}
            onChanged={() => void load()}
          />
        ) : null}
      </div>
      {data ? (
        <div className="elig-footer muted">
          显示 {rows.length} / {data.summary.total} 人 · ✓ 符合 · ✗ 不符合 · ? 待补充信息 · ✓<sup>豁</sup>{' '}
          已豁免 · 计算用时 {data.ms} 毫秒
        </div>
      ) : null}
    </Page>
  )
}

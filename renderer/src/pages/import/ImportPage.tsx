/**
 * 导入花名册: choose a file → the sheet and header are found → the clerk checks the column
 * mapping and the preview (errors red at their cell, warnings amber) → chooses skip or update for
 * people already in the database → imports with a progress bar and a cancel button → summary,
 * with the rejected rows to download for the unit to correct.
 *
 * The import is one long job (`import.run` under useJob): its progress arrives as announced events
 * (percentage, rows done of total, the step in Chinese) and 取消 goes through `jobs.cancel`, as for
 * an export; a cancelled import has written nothing.
 */
import { useCallback, useMemo, useRef, useState } from 'react'
import type { ColDef, ICellRendererParams, ITooltipParams } from 'ag-grid-community'
import { FIELD_BY_KEY, type CadreFieldKey } from '../../../../main/domain/fields'
import type { ImportDone, ImportPreview, OpenedFile, PreviewRow, UnitChoices } from '../../../../main/roster-import/session'
import { call, downloadBytes, readFileBytes } from '../../api'
import { isCancelled, useJob, type JobRunner } from '../../lib/job'
import { DataGrid, EmptyState, Page, errorText, showMessage } from '../../components'
import { navigate } from '../../router'
import { UnitDecisions } from './UnitDecisions'
import './import.css'

type OnDuplicate = 'skip' | 'update'
type Mapping = Record<string, string | null>

const ACTION_LABEL: Record<PreviewRow['action'], string> = {
  insert: '新增',
  update: '更新',
  unchanged: '未变',
  skip: '跳过',
  reject: '拒绝',
}

/** How the import ended, when it did: landed (with its report) or stopped (nothing written). */
type Outcome = { state: 'done'; done: ImportDone } | { state: 'stopped'; message: string }

function mappingOf(p: ImportPreview): Mapping {
  return Object.fromEntries(p.columns.map((c) => [c.letter, c.key]))
}

export function ImportPage() {
  const [opened, setOpened] = useState<OpenedFile | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [mapping, setMapping] = useState<Mapping | null>(null)
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('skip')
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const job = useJob('import')
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [sheetTried, setSheetTried] = useState('')
  // What the clerk decided for each unit the roster names that the tree does not have.
  const [unitChoices, setUnitChoices] = useState<UnitChoices>({})
  const fileInput = useRef<HTMLInputElement>(null)

  const reset = (): void => {
    setOpened(null)
    setPreview(null)
    setMapping(null)
    setOutcome(null)
    setError(null)
    setUnitChoices({})
    if (fileInput.current) fileInput.current.value = ''
  }

  const loadPreview = useCallback(
    async (token: string, sheet: string | undefined, map: Mapping | null, dup: OnDuplicate, units: UnitChoices = {}): Promise<void> => {
      setBusy('正在分析表格…')
      setError(null)
      setSheetTried(sheet ?? '')
      try {
        const p = await call('import.preview', { token, sheet, onDuplicate: dup, units, ...(map ? { mapping: map } : {}) })
        setPreview(p)
        setMapping(mappingOf(p))
      } catch (e) {
        setPreview(null)
        setError(errorText(e))
      } finally {
        setBusy(null)
      }
    },
    [],
  )

  const chooseFile = async (file: File | undefined): Promise<void> => {
    if (!file) return
    reset()
    setBusy(`正在读取“${file.name}”…`)
    try {
      const data = new Uint8Array(await readFileBytes(file))
      const o = await call('import.open', { fileName: file.name, data })
      setOpened(o)
      await loadPreview(o.token, undefined, null, onDuplicate)
    } catch (e) {
      setError(errorText(e))
      setBusy(null)
    }
  }

  const start = async (): Promise<void> => {
    if (!preview) return
    setError(null)
    setOutcome(null)
    try {
      const done = await job.run((name) =>
        call(
          'import.run',
          { token: preview.token, sheet: preview.sheet, onDuplicate, units: unitChoices, ...(mapping ? { mapping } : {}) },
          { job: name },
        ),
      )
      setOutcome({ state: 'done', done })
      showMessage(`导入完成：新增 ${done.report.inserted} 人，更新 ${done.report.updated} 人`, 'success')
    } catch (e) {
      if (isCancelled(e)) {
        setOutcome({ state: 'stopped', message: '导入已取消，数据库未作任何改动' })
        showMessage('导入已取消，数据库未作任何改动', 'warning')
      } else {
        // The import lands whole or not at all: a failure has written nothing either.
        setOutcome({ state: 'stopped', message: `导入未完成，数据库未作任何改动：${errorText(e)}` })
      }
    }
  }

  const downloadRejected = async (): Promise<void> => {
    if (outcome?.state !== 'done') return
    try {
      const f = await call('import.rejectedFile', { importId: outcome.done.importId })
      downloadBytes(f.bytes, f.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    } catch (e) {
      setError(errorText(e))
    }
  }

  const changeMapping = (letter: string, key: string | null): void => {
    if (!preview || !mapping) return
    const next: Mapping = { ...mapping }
    // One column per field: the field moves to the column just chosen.
    if (key) for (const k of Object.keys(next)) if (next[k] === key) next[k] = null
    next[letter] = key
    setMapping(next)
    void loadPreview(preview.token, preview.sheet, next, onDuplicate, unitChoices)
  }

  const changeUnits = (next: UnitChoices): void => {
    if (!preview) return
    setUnitChoices(next)
    void loadPreview(preview.token, preview.sheet, mapping, onDuplicate, next)
  }

  const running = job.running
  const finished = outcome?.state === 'done'

  return (
    <Page
      title="导入花名册"
      subtitle={opened ? opened.fileName : '支持 .xlsx 与 .xls，自动识别工作表和表头'}
      testId="import-page"
      actions={
        <>
          <label className="btn btn-primary">
            选择文件…
            <input
              ref={fileInput}
              type="file"
              accept=".xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
              className="import-file-input"
              data-testid="import-file"
              disabled={running}
              onChange={(e) => void chooseFile(e.target.files?.[0])}
            />
          </label>
          {opened ? (
            <button type="button" className="btn" onClick={reset} disabled={running}>
              重新选择
            </button>
          ) : null}
        </>
      }
    >
      {error ? (
        <div className="import-alert import-alert-error" role="alert" data-testid="import-error">
          {error}
        </div>
      ) : null}
      {busy ? <div className="import-busy">{busy}</div> : null}
      {opened && !preview && !busy && opened.sheets.length > 1 ? (
        // No roster found in the sheet tried: the clerk can still point at another sheet.
        <div className="import-settings import-settings-inline">
          <label className="import-setting">
            <span>工作表</span>
            <select
              className="input"
              value={sheetTried}
              data-testid="import-sheet"
              onChange={(e) => void loadPreview(opened.token, e.target.value, null, onDuplicate)}
            >
              <option value="" disabled>
                请选择花名册所在的工作表
              </option>
              {opened.sheets.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      {!opened && !busy && !error ? (
        <EmptyState title="请选择各单位报来的花名册">
          <p>可以直接导入带标题行、两级表头、按机构分组、带照片的花名册；也认识“A0101 姓名”这样的字段代码。</p>
          <p>导入前会先显示预览：有错误的行不导入（红色），需要核对的值会提醒（黄色）。</p>
        </EmptyState>
      ) : null}
      {preview && opened ? (
        <div className="import-layout">
          <section className="import-panel">
            <div className="import-settings">
              <label className="import-setting">
                <span>工作表</span>
                <select
                  className="input"
                  value={preview.sheet}
                  disabled={running || !!finished}
                  data-testid="import-sheet"
                  onChange={(e) => {
                    setUnitChoices({})
                    void loadPreview(preview.token, e.target.value, null, onDuplicate)
                  }}
                >
                  {opened.sheets.map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <span className="import-setting" data-testid="import-header-row">
                表头：第 {preview.headerRow}
                {preview.lastHeaderRow !== preview.headerRow ? `–${preview.lastHeaderRow}` : ''} 行
              </span>
              <fieldset className="import-setting import-dup" disabled={running || !!finished}>
                <span>已有人员（身份证号相同）</span>
                <label>
                  <input
                    type="radio"
                    name="dup"
                    checked={onDuplicate === 'skip'}
                    onChange={() => {
                      setOnDuplicate('skip')
                      void loadPreview(preview.token, preview.sheet, mapping, 'skip', unitChoices)
                    }}
                  />
                  跳过
                </label>
                <label>
                  <input
                    type="radio"
                    name="dup"
                    data-testid="import-dup-update"
                    checked={onDuplicate === 'update'}
                    onChange={() => {
                      setOnDuplicate('update')
                      void loadPreview(preview.token, preview.sheet, mapping, 'update', unitChoices)
                    }}
                  />
                  用表中内容更新
                </label>
              </fieldset>
            </div>
            <MappingTable preview={preview} mapping={mapping} disabled={running || !!finished} onChange={changeMapping} />
          </section>
          <section className="import-main">
            {preview.problems.map((p) => (
              <div key={p} className="import-alert import-alert-error" role="alert">
                {p}
              </div>
            ))}
            <Counts preview={preview} />
            {preview.units.length ? (
              <UnitDecisions units={preview.units} choices={unitChoices} disabled={running || !!finished} onChange={changeUnits} />
            ) : null}
            <PreviewGrid preview={preview} />
            <div className="import-actions">
              {!running && !finished ? (
                <button
                  type="button"
                  className="btn btn-primary btn-large"
                  data-testid="import-start"
                  disabled={
                    !!busy ||
                    running ||
                    preview.problems.length > 0 ||
                    preview.undecidedUnits > 0 ||
                    preview.counts.insert + preview.counts.update === 0
                  }
                  title={preview.undecidedUnits > 0 ? `还有 ${preview.undecidedUnits} 个单位未确定：请在上方为它们选择对应的单位或新建` : undefined}
                  onClick={() => void start()}
                >
                  开始导入（新增 {preview.counts.insert} 人{preview.counts.update ? `，更新 ${preview.counts.update} 人` : ''}）
                </button>
              ) : null}
              {running ? <Progress job={job} /> : null}
              {outcome ? <OutcomeView outcome={outcome} onDownload={() => void downloadRejected()} /> : null}
              {finished ? (
                <>
                  <button type="button" className="btn" onClick={() => navigate('roster')} data-testid="import-goto-roster">
                    查看花名册
                  </button>
                  <button type="button" className="btn" onClick={reset}>
                    导入下一个文件
                  </button>
                </>
              ) : null}
            </div>
          </section>
        </div>
      ) : null}
    </Page>
  )
}

function MappingTable({
  preview,
  mapping,
  disabled,
  onChange,
}: {
  preview: ImportPreview
  mapping: Mapping | null
  disabled: boolean
  onChange: (letter: string, key: string | null) => void
}) {
  return (
    <div className="import-mapping" data-testid="import-mapping">
      <div className="import-panel-title">
        列对应{preview.mappingRemembered ? <span className="tag">已沿用上次的设置</span> : null}
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>列</th>
            <th>表中列名</th>
            <th>导入为</th>
          </tr>
        </thead>
        <tbody>
          {preview.columns.map((c) => {
            const key = mapping?.[c.letter] ?? null
            const changed = (preview.detected[c.letter] ?? null) !== key
            return (
              <tr key={c.letter} className={key ? '' : 'import-unmapped'}>
                <td>{c.letter}</td>
                <td title={c.header}>{c.header}</td>
                <td>
                  <select
                    className={changed ? 'input import-changed' : 'input'}
                    aria-label={`${c.header} 导入为`}
                    data-testid={`import-map-${c.letter}`}
                    disabled={disabled}
                    value={key ?? ''}
                    onChange={(e) => onChange(c.letter, e.target.value || null)}
                  >
                    <option value="">（不导入）</option>
                    {preview.targets.map((t) => (
                      <option key={t.key} value={t.key}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function Counts({ preview }: { preview: ImportPreview }) {
  const c = preview.counts
  return (
    <div className="import-counts" data-testid="import-counts">
      <span>
        共 <b>{preview.total}</b> 行
      </span>
      <span className="import-count-insert">
        新增 <b>{c.insert}</b>
      </span>
      <span>
        更新 <b>{c.update}</b>
      </span>
      <span>
        未变 <b>{c.unchanged}</b>
      </span>
      {c.skip ? (
        <span>
          已有而跳过 <b>{c.skip}</b>
        </span>
      ) : null}
      <span className={c.reject ? 'import-count-reject' : ''}>
        有错误不导入 <b>{c.reject}</b> 行
      </span>
      <span className={c.warnings ? 'import-count-warn' : ''}>
        需核对 <b>{c.warnings}</b> 处
      </span>
      {preview.newUnits.length ? <span title={preview.newUnits.join('、')}>将新建单位：{unitList(preview.newUnits)}</span> : null}
      {preview.truncated ? <span className="muted">预览只列出前 {preview.rows.length} 行（有问题的行排在前面）</span> : null}
    </div>
  )
}

function PreviewGrid({ preview }: { preview: ImportPreview }) {
  const columnDefs = useMemo<ColDef<PreviewRow>[]>(() => {
    const defs: ColDef<PreviewRow>[] = [
      { headerName: '行号', field: 'row', width: 72, pinned: 'left' },
      {
        headerName: '处理',
        colId: 'action',
        width: 80,
        pinned: 'left',
        valueGetter: (p) => (p.data ? ACTION_LABEL[p.data.action] : ''),
        cellClass: (p) => (p.data?.action === 'reject' ? 'import-action-reject' : p.data?.action === 'insert' ? 'import-action-insert' : ''),
      },
      {
        headerName: '问题 / 变化',
        colId: 'issues',
        width: 420,
        pinned: 'left',
        // Whole messages, one under another on as many lines as they need (row height below).
        wrapText: true,
        valueGetter: (p) => {
          const d = p.data
          if (!d) return ''
          const msgs = d.issues.map((i) => `${i.column ? `${i.column}列 ` : ''}${i.message}`)
          const changes = d.changes.map((c) => `${labelOf(preview, c.key)}：${c.before ?? '（空）'} → ${c.after ?? '（空）'}`)
          return [...msgs, ...changes].join('；')
        },
        tooltipValueGetter: (p: ITooltipParams<PreviewRow>) => (typeof p.value === 'string' && p.value ? p.value : null),
        cellRenderer: (p: ICellRendererParams<PreviewRow>) => {
          const d = p.data
          if (!d) return null
          return (
            <span className="import-issues">
              {d.issues.map((i, n) => (
                <span key={n} className={i.level === 'error' ? 'import-issue-error' : 'import-issue-warning'}>
                  {i.column ? `${i.column}列 ` : ''}
                  {i.message}
                </span>
              ))}
              {d.changes.map((c, n) => (
                <span key={`c${n}`} className="import-change">
                  {labelOf(preview, c.key)}：{c.before ?? '（空）'} → {c.after ?? '（空）'}
                </span>
              ))}
            </span>
          )
        },
      },
    ]
    if (preview.rows.some((r) => r.groupUnit)) {
      defs.push({ headerName: '单位（按分组行）', colId: 'groupUnit', width: 150, valueGetter: (p) => p.data?.groupUnit ?? '' })
    }
    if (preview.rows.some((r) => r.hasPhoto)) {
      defs.push({ headerName: '照片', colId: 'photo', width: 70, valueGetter: (p) => (p.data?.hasPhoto ? '有' : '') })
    }
    for (const c of preview.columns) {
      if (!c.key) continue
      const letter = c.letter
      // Months as the clerk reads them on forms: 1975.03, not the stored 1975-03.
      const isMonth = FIELD_BY_KEY.get(c.key as CadreFieldKey)?.kind === 'month'
      defs.push({
        headerName: `${labelOf(preview, c.key)}（${letter}）`,
        colId: letter,
        width: c.key === 'idCard' ? 180 : c.key === 'position' || c.key === 'unit' ? 150 : 100,
        valueGetter: (p) => {
          const v = p.data?.cells[letter] ?? ''
          return isMonth && typeof v === 'string' && /^\d{4}-\d{2}$/.test(v) ? v.replace('-', '.') : v
        },
        cellClass: (p) => {
          const is = p.data?.issues.filter((i) => i.column === letter) ?? []
          if (is.some((i) => i.level === 'error')) return 'import-cell-error'
          if (is.length) return 'import-cell-warning'
          return ''
        },
        tooltipValueGetter: (p: ITooltipParams<PreviewRow>) =>
          p.data?.issues.filter((i) => i.column === letter).map((i) => i.message).join('；') || null,
      })
    }
    return defs
  }, [preview])
  return (
    <div className="import-grid" data-testid="import-preview-grid">
      <DataGrid<PreviewRow>
        rowData={preview.rows}
        columnDefs={columnDefs}
        getRowId={(p) => String(p.data.row)}
        getRowHeight={(p) => (p.data ? issuesHeight(p.data, preview) : undefined)}
        tooltipShowDelay={200}
        suppressColumnVirtualisation
        defaultColDef={{ resizable: true, sortable: true }}
      />
    </div>
  )
}

/** Width of the 问题 column's text area and its line height (import.css .import-issues). */
const ISSUES_TEXT_WIDTH = 420 - 2 * 8 - 4
const ISSUES_LINE = 20

/**
 * The row height that shows every problem of a row whole, each on its own line(s): the width of
 * each message estimated from its characters (a Han character is one em, Latin half of one).
 */
function issuesHeight(d: PreviewRow, preview: ImportPreview): number {
  const texts = [
    ...d.issues.map((i) => `${i.column ? `${i.column}列 ` : ''}${i.message}`),
    ...d.changes.map((c) => `${labelOf(preview, c.key)}：${c.before ?? '（空）'} → ${c.after ?? '（空）'}`),
  ]
  let lines = 0
  for (const t of texts) {
    let w = 0
    for (const ch of t) w += /[\u2e80-\uffef]/.test(ch) ? 13 : 7.2
    lines += Math.max(1, Math.ceil(w / ISSUES_TEXT_WIDTH))
  }
  return Math.max(32, lines * ISSUES_LINE + 12)
}

/** Up to ten unit names, then how many more. */
function unitList(names: readonly string[]): string {
  return names.length <= 10 ? names.join('、') : `${names.slice(0, 10).join('、')} 等 ${names.length} 个`
}

function labelOf(preview: ImportPreview, key: string | null): string {
  if (key === 'photo') return '照片'
  return preview.targets.find((t) => t.key === key)?.label ?? key ?? ''
}

/** The running import: the bar, the step, rows done of total, and 取消. */
function Progress({ job }: { job: JobRunner }) {
  const percent = job.percent ?? 0
  const d = job.detail
  const rows = !d ? '' : d.total > 0 ? `${d.done.toLocaleString('zh-CN')} / ${d.total.toLocaleString('zh-CN')} 行` : d.done > 0 ? `已读 ${d.done.toLocaleString('zh-CN')} 行` : ''
  return (
    <div className="import-progress" data-testid="import-progress">
      <div className="import-progress-bar" role="progressbar" aria-label="导入进度" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="import-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="import-progress-text" data-testid="import-progress-text">
        {d?.phase ?? '正在开始'}… {percent}%{rows ? `（${rows}）` : ''}
      </span>
      <button type="button" className="btn btn-danger" data-testid="import-cancel" onClick={job.cancel}>
        取消
      </button>
    </div>
  )
}

function OutcomeView({ outcome, onDownload }: { outcome: Outcome; onDownload: () => void }) {
  if (outcome.state === 'stopped') {
    return (
      <div className="import-alert import-alert-warning" role="alert" data-testid="import-stopped">
        {outcome.message}
      </div>
    )
  }
  const r = outcome.done.report
  const rejectedRows = new Set(r.rejected.map((x) => x.row)).size
  return (
    <div className="import-summary" data-testid="import-summary" role="status">
      <div className="import-summary-title">导入完成</div>
      <div className="import-counts">
        <span>
          新增 <b data-testid="import-inserted">{r.inserted}</b> 人
        </span>
        <span>
          更新 <b data-testid="import-updated">{r.updated}</b> 人
        </span>
        <span>
          跳过 <b>{r.skipped}</b> 人（其中与库中一致 {r.unchanged} 人）
        </span>
        <span className={rejectedRows ? 'import-count-reject' : ''}>
          未导入 <b data-testid="import-rejected">{rejectedRows}</b> 行
        </span>
        {r.warnings.length ? <span className="import-count-warn">需核对 {r.warnings.length} 处</span> : null}
      </div>
      {r.newUnits.length ? <div title={r.newUnits.join('、')}>新建单位：{unitList(r.newUnits)}</div> : null}
      {rejectedRows ? (
        <button type="button" className="btn btn-primary" data-testid="import-download-rejected" onClick={onDownload}>
          下载问题行
        </button>
      ) : null}
    </div>
  )
}

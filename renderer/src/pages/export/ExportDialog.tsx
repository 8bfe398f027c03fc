/**
 * 导出 Excel from the roster toolbar: the grid as it stands (visible columns in their order, the
 * current filter and sort), or a standard 干部花名册 — 一人一行 or 按机构分组 — over the same
 * filter. The main process writes the file (main/export); the browser downloads it.
 *
 * The dialog mounts its own small React root on first use, so the roster page needs nothing but
 * the toolbar entry `exportRosterAction`.
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import { createRoot } from 'react-dom/client'
import { call, downloadBytes } from '../../api'
import { Dialog, errorText, showMessage } from '../../components'
import { isCancelled, useJob } from '../../lib/job'
import { COLUMN_BY_KEY } from '../roster/columns'
import type { RosterAction, RosterActionContext } from '../roster/actions'
import './export.css'

type Choice = 'view' | 'per-row' | 'by-unit'
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

let current: RosterActionContext | null = null
const listeners = new Set<() => void>()
function setCurrent(c: RosterActionContext | null): void {
  current = c
  listeners.forEach((l) => l())
}

function labelsOf(keys: readonly string[]): string {
  const labels = keys.map((k) => COLUMN_BY_KEY.get(k)?.label ?? k)
  return labels.length <= 6 ? labels.join('、') : `${labels.slice(0, 6).join('、')} 等 ${labels.length} 列`
}

function ExportDialog({ ctx, onClose }: { ctx: RosterActionContext; onClose(): void }) {
  const [choice, setChoice] = useState<Choice>('view')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [total, setTotal] = useState<number | null>(null)
  const job = useJob('export')

  useEffect(() => {
    let live = true
    call('cadres.query', { ...ctx.query, offset: 0, limit: 1 }).then(
      (r) => live && setTotal(r.total),
      () => live && setTotal(null),
    )
    return () => {
      live = false
    }
  }, [ctx])

  const run = async () => {
    setBusy(true)
    setError(null)
    try {
      const r = await job.run((id) =>
        call(
          'export.roster',
          {
            query: ctx.query,
            layout: choice === 'by-unit' ? 'by-unit' : 'per-row',
            ...(choice === 'view' ? { columns: ctx.visibleColumns } : {}),
          },
          { job: id },
        ),
      )
      downloadBytes(r.bytes, r.fileName, XLSX_MIME)
      showMessage(`已导出 ${r.rows.toLocaleString('zh-CN')} 人：${r.fileName}`, 'success')
      onClose()
    } catch (e) {
      if (isCancelled(e)) showMessage('已取消导出，未生成文件', 'info')
      else setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const options: { id: Choice; title: string; desc: string }[] = [
    {
      id: 'view',
      title: '当前视图',
      desc: `与表格所见一致：${ctx.visibleColumns.length ? labelsOf(ctx.visibleColumns) : '（没有显示的列）'}；按当前筛选和排序。`,
    },
    {
      id: 'per-row',
      title: '干部花名册（一人一行）',
      desc: '标准花名册：序号、全部基本信息、学历学位、职务职级，每人一行，年龄按导出当日计算。',
    },
    {
      id: 'by-unit',
      title: '干部花名册（按机构分组）',
      desc: '按单位树的顺序，每个单位先列一行“单位名称（人数）”，其下列出该单位人员。',
    },
  ]
  const noColumns = choice === 'view' && ctx.visibleColumns.length === 0

  return (
    <Dialog
      open
      title="导出 Excel"
      onClose={() => !busy && onClose()}
      width={560}
      testId="export-dialog"
      footer={
        <>
          {busy ? (
            <button type="button" className="btn" data-testid="export-cancel" onClick={job.cancel}>
              取消导出
            </button>
          ) : (
            <button type="button" className="btn" onClick={onClose}>
              取消
            </button>
          )}
          <button
            type="button"
            className="btn btn-primary"
            data-testid="export-submit"
            onClick={() => void run()}
            disabled={busy || noColumns || total === 0}
          >
            {busy ? '正在导出…' : '导出'}
          </button>
        </>
      }
    >
      <fieldset className="export-options" aria-label="导出格式">
        {options.map((o) => (
          <label
            key={o.id}
            className={choice === o.id ? 'export-option selected' : 'export-option'}
            data-testid={`export-layout-${o.id}`}
          >
            <input
              type="radio"
              name="export-layout"
              checked={choice === o.id}
              onChange={() => setChoice(o.id)}
            />
            <span className="export-option-title">{o.title}</span>
            <span className="export-option-desc">{o.desc}</span>
          </label>
        ))}
      </fieldset>
      <div className="export-scope" data-testid="export-scope">
        导出范围：当前筛选结果
        {total === null
          ? ''
          : total === 0
            ? '，没有符合条件的干部'
            : `，共 ${total.toLocaleString('zh-CN')} 人`}
        。文件为 A4 横向打印格式，身份证号按文本保存。
      </div>
      {busy ? (
        <div className="export-progress" data-testid="export-progress">
          <progress max={100} value={job.percent ?? 0} aria-label="导出进度" />
          <span>正在导出… {job.percent ?? 0}%</span>
        </div>
      ) : null}
      {noColumns ? (
        <div className="field-error">表格中没有显示任何列，请先在“列设置”中选择要导出的列。</div>
      ) : null}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </Dialog>
  )
}

function ExportHost() {
  const ctx = useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => current,
  )
  return ctx ? <ExportDialog ctx={ctx} onClose={() => setCurrent(null)} /> : null
}

let mounted = false
function ensureHost(): void {
  if (mounted) return
  mounted = true
  const el = document.createElement('div')
  el.id = 'export-dialog-root'
  document.body.appendChild(el)
  createRoot(el).render(<ExportHost />)
}

/** Opens the export dialog for what the roster shows now. */
export function openExportDialog(ctx: RosterActionContext): void {
  ensureHost()
  setCurrent(ctx)
}

export const exportRosterAction: RosterAction = {
  id: 'export',
  label: '导出 Excel',
  run: openExportDialog,
}

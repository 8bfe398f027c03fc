/**
 * 比对回写: choose a roster (.xlsx / .xls), .lrmx files, a zip of them or a folder; every cadre matched
 * by ID number is listed with the fields that differ (old → new) and a checkbox each — a cadre's box
 * ticks all of his, a field's box in the bar ticks that field for everyone. 写入所选 writes the
 * ticked values in one transaction (main/compare: through the cadre service's audited save); the
 * report says what changed and is saved as .xlsx. Rows the database does not have are listed, not
 * written.
 */
import { useMemo, useRef, useState } from 'react'
import type { CompareApplyReport, CompareCadre, CompareKey, CompareResult } from '../../../../main/compare'
import { call, downloadBytes } from '../../api'
import { CadreLink, confirmDialog, EmptyState, Page, showError, showMessage } from '../../components'
import './compare.css'

type Upload = { fileName: string; bytes: Uint8Array<ArrayBuffer> }
type Selection = Record<string, ReadonlySet<CompareKey>>

/** One file as it is; several .lrmx files (or a folder's) travel as one zip. */
async function uploadOf(files: File[], folder: string | null): Promise<Upload> {
  const first = files[0]
  if (!folder && files.length === 1 && first)
    return { fileName: first.name, bytes: new Uint8Array(await first.arrayBuffer()) }
  const lrmx = files.filter((f) => /\.lrmx$/i.test(f.name))
  if (lrmx.length === 0) {
    throw new Error(
      folder ? `文件夹“${folder}”中没有 .lrmx 文件` : '一次只能比对一个花名册；多个文件时请只选择 .lrmx 文件',
    )
  }
  if (!folder && lrmx.length !== files.length)
    throw new Error('一次只能比对一个花名册；多个文件时请只选择 .lrmx 文件')
  const { default: JSZip } = await import('jszip')
  const zip = new JSZip()
  for (const f of lrmx) zip.file(f.name, await f.arrayBuffer())
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' })
  return { fileName: folder ? `${folder}.zip` : `${lrmx.length} 个文件.zip`, bytes: new Uint8Array(bytes) }
}

function Value({ v }: { v: string | null }) {
  if (v === null || v === '') return <span className="muted">（空）</span>
  return <span className="compare-value">{v}</span>
}

/** Everything writable ticked. */
function selectAll(r: CompareResult): Selection {
  return Object.fromEntries(
    r.cadres.map((c) => [c.idCard, new Set(c.fields.filter((f) => f.writable).map((f) => f.key))]),
  )
}

function count(sel: Selection): number {
  return Object.values(sel).reduce((n, s) => n + s.size, 0)
}

function CadreBlock({
  c,
  chosen,
  disabled,
  onChange,
}: {
  c: CompareCadre
  chosen: ReadonlySet<CompareKey>
  disabled: boolean
  onChange(next: ReadonlySet<CompareKey>): void
}) {
  const writable = c.fields.filter((f) => f.writable)
  const all = writable.length > 0 && writable.every((f) => chosen.has(f.key))
  const some = writable.some((f) => chosen.has(f.key))
  return (
    <section className="compare-cadre" data-testid="compare-cadre" data-idcard={c.idCard}>
      <header className="compare-cadre-head">
        <label className="compare-check">
          <input
            type="checkbox"
            aria-label={`${c.name} 的全部差异`}
            data-testid="compare-cadre-all"
            checked={all}
            disabled={disabled || writable.length === 0}
            ref={(el) => {
              if (el) el.indeterminate = some && !all
            }}
            onChange={(e) => onChange(new Set(e.target.checked ? writable.map((f) => f.key) : []))}
          />
          <b>
            <CadreLink id={c.cadreId} name={c.name} />
          </b>
        </label>
        <span className="muted">{c.idCard}</span>
        <span className="muted">{c.where}</span>
        <span className="compare-count">{c.fields.length} 项不同</span>
      </header>
      <table className="table compare-table">
        <tbody>
          {c.fields.map((f) => (
            <tr
              key={f.key}
              data-testid="compare-field"
              data-key={f.key}
              className={f.writable ? '' : 'compare-locked'}
            >
              <td className="compare-tick">
                <input
                  type="checkbox"
                  aria-label={`${c.name} ${f.label}`}
                  checked={chosen.has(f.key)}
                  disabled={disabled || !f.writable}
                  onChange={(e) => {
                    const next = new Set(chosen)
                    if (e.target.checked) next.add(f.key)
                    else next.delete(f.key)
                    onChange(next)
                  }}
                />
              </td>
              <td className="compare-label">{f.label}</td>
              <td className="compare-before">
                <Value v={f.before} />
              </td>
              <td className="compare-arrow">→</td>
              <td className="compare-after">
                <Value v={f.after} />
                {f.note ? <div className="compare-note">{f.note}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function Unmatched({ list }: { list: CompareResult['unmatched'] }) {
  if (list.length === 0) return null
  return (
    <section className="compare-unmatched" data-testid="compare-unmatched">
      <h3>未匹配（{list.length} 条，未写入）</h3>
      <table className="table">
        <thead>
          <tr>
            <th>位置</th>
            <th>姓名</th>
            <th>身份证号</th>
            <th>原因</th>
          </tr>
        </thead>
        <tbody>
          {list.map((u, i) => (
            <tr key={`${u.where}-${i}`}>
              <td className="nowrap">{u.where}</td>
              <td className="nowrap">{u.name ?? ''}</td>
              <td className="nowrap">{u.idCard ?? ''}</td>
              <td>{u.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function ReportView({ r, onExport }: { r: CompareApplyReport; onExport(): void }) {
  return (
    <div className="compare-report" data-testid="compare-report">
      <div className="compare-summary">
        <span>
          已回写“{r.file}”：<b>{r.cadres}</b> 名干部共 <b>{r.changes.length}</b> 项
          {r.skipped.length ? `，${r.skipped.length} 项未写入` : ''}
        </span>
        <button type="button" className="btn btn-small" data-testid="compare-export" onClick={onExport}>
          导出报告（Excel）
        </button>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>序号</th>
            <th>姓名</th>
            <th>身份证号</th>
            <th>项目</th>
            <th>原值</th>
            <th>新值</th>
          </tr>
        </thead>
        <tbody>
          {r.changes.map((c, i) => (
            <tr key={`${c.idCard}-${c.key}`} data-testid="compare-report-row">
              <td>{i + 1}</td>
              <td className="nowrap">
                <CadreLink id={c.cadreId} name={c.name} />
              </td>
              <td className="nowrap">{c.idCard}</td>
              <td className="nowrap">{c.label}</td>
              <td className="compare-before">
                <Value v={c.before} />
              </td>
              <td className="compare-after">
                <Value v={c.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.skipped.length ? (
        <section className="compare-unmatched">
          <h3>选中但未写入（{r.skipped.length} 项）</h3>
          <ul>
            {r.skipped.map((s) => (
              <li key={`${s.idCard}-${s.key}`}>
                {s.name}（{s.idCard}）{s.label}：{s.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Unmatched list={r.unmatched} />
    </div>
  )
}

export function ComparePage() {
  const fileInput = useRef<HTMLInputElement>(null)
  const folderInput = useRef<HTMLInputElement>(null)
  const [upload, setUpload] = useState<Upload | null>(null)
  const [result, setResult] = useState<CompareResult | null>(null)
  const [sel, setSel] = useState<Selection>({})
  const [report, setReport] = useState<CompareApplyReport | null>(null)
  const [busy, setBusy] = useState(false)

  async function choose(files: File[], folder: string | null): Promise<void> {
    setBusy(true)
    setResult(null)
    setReport(null)
    try {
      const up = await uploadOf(files, folder)
      const r = await call('compare.preview', up)
      setUpload(up)
      setResult(r)
      setSel(selectAll(r))
    } catch (e) {
      setUpload(null)
      showError(e)
    } finally {
      setBusy(false)
      if (fileInput.current) fileInput.current.value = ''
      if (folderInput.current) folderInput.current.value = ''
    }
  }

  /** The fields that differ for anyone, with how many cadres (writable) and how many are ticked. */
  const keyBar = useMemo(() => {
    const m = new Map<CompareKey, { label: string; total: number; ticked: number }>()
    for (const c of result?.cadres ?? [])
      for (const f of c.fields) {
        if (!f.writable) continue
        const e = m.get(f.key) ?? { label: f.label, total: 0, ticked: 0 }
        e.total++
        if (sel[c.idCard]?.has(f.key)) e.ticked++
        m.set(f.key, e)
      }
    return [...m.entries()]
  }, [result, sel])

  function tickKey(key: CompareKey, on: boolean): void {
    if (!result) return
    const next: Selection = { ...sel }
    for (const c of result.cadres) {
      if (!c.fields.some((f) => f.key === key && f.writable)) continue
      const s = new Set(next[c.idCard] ?? [])
      if (on) s.add(key)
      else s.delete(key)
      next[c.idCard] = s
    }
    setSel(next)
  }

  async function apply(): Promise<void> {
    if (!upload || !result) return
    const selection = Object.entries(sel)
      .filter(([, keys]) => keys.size > 0)
      .map(([idCard, keys]) => ({ idCard, keys: [...keys] }))
    const n = count(sel)
    const ok = await confirmDialog({
      title: '写入所选差异',
      message: `将把文件“${result.file}”中 ${selection.length} 名干部的 ${n} 项写入数据库（一次写入，记入变更记录）。确定写入吗？`,
      okText: '写入',
    })
    if (!ok) return
    setBusy(true)
    try {
      const r = await call('compare.apply', { ...upload, selection })
      setReport(r)
      setResult(null)
      setUpload(null)
      showMessage(`已回写 ${r.cadres} 名干部共 ${r.changes.length} 项`, 'success')
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  async function exportReport(): Promise<void> {
    if (!report) return
    try {
      const x = await call('compare.reportXlsx', { report })
      downloadBytes(x.bytes, x.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    } catch (e) {
      showError(e)
    }
  }

  const n = count(sel)
  return (
    <Page
      title="比对回写"
      subtitle={
        result
          ? `${result.file}：共 ${result.people} 人，有差异 ${result.cadres.length} 人，一致 ${result.same} 人，未匹配 ${result.unmatched.length} 条`
          : undefined
      }
      testId="compare-page"
      actions={
        <>
          <input
            ref={fileInput}
            type="file"
            accept=".xlsx,.xls,.xlsm,.lrmx,.zip"
            multiple
            hidden
            data-testid="compare-file"
            onChange={(e) => {
              const list = Array.from(e.target.files ?? [])
              if (list.length) void choose(list, null)
            }}
          />
          <input
            ref={(el) => {
              folderInput.current = el
              // Not in React's typings: a folder picker (Chromium, Electron).
              el?.setAttribute('webkitdirectory', '')
            }}
            type="file"
            multiple
            hidden
            data-testid="compare-folder"
            onChange={(e) => {
              const list = Array.from(e.target.files ?? [])
              const rel =
                (list[0] as (File & { webkitRelativePath?: string }) | undefined)?.webkitRelativePath ?? ''
              if (list.length) void choose(list, rel.split('/')[0] || '文件夹')
            }}
          />
          <button type="button" className="btn" disabled={busy} onClick={() => fileInput.current?.click()}>
            选择文件…
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => folderInput.current?.click()}>
            选择文件夹…
          </button>
          {result && result.cadres.length > 0 ? (
            <button
              type="button"
              className="btn btn-primary"
              data-testid="compare-apply"
              disabled={busy || n === 0}
              onClick={() => void apply()}
            >
              写入所选（{n} 项）
            </button>
          ) : null}
        </>
      }
    >
      {report ? (
        <ReportView r={report} onExport={() => void exportReport()} />
      ) : !result ? (
        <EmptyState title={busy ? '正在读取并比对…' : '选择要比对的花名册或任免审批表文件'}>
          <p className="muted">
            可选择一个花名册（.xlsx / .xls）、一个或多个 .lrmx 文件、含多个 .lrmx 的 zip
            压缩包，或一个文件夹。
            <br />
            按身份证号与数据库中的干部对应，逐项列出不同之处（原值 →
            新值）；勾选要采用的新值后一次写入，并生成回写报告。
            <br />
            文件中为空的项目不会清除已有信息；数据库中没有的人只列出，不会新增。
          </p>
        </EmptyState>
      ) : (
        <div className="compare-body">
          {result.cadres.length === 0 ? (
            <div className="compare-summary" data-testid="compare-none">
              文件与数据库一致：没有需要回写的差异。
            </div>
          ) : (
            <div className="compare-keybar" data-testid="compare-keybar">
              <span className="muted">按项目勾选：</span>
              {keyBar.map(([key, e]) => (
                <label key={key} className="compare-key">
                  <input
                    type="checkbox"
                    data-testid={`compare-key-${key}`}
                    checked={e.ticked === e.total}
                    ref={(el) => {
                      if (el) el.indeterminate = e.ticked > 0 && e.ticked < e.total
                    }}
                    disabled={busy}
                    onChange={(ev) => tickKey(key, ev.target.checked)}
                  />
                  {e.label}（{e.ticked}/{e.total}）
                </label>
              ))}
            </div>
          )}
          {result.cadres.map((c) => (
            <CadreBlock
              key={c.idCard}
              c={c}
              chosen={sel[c.idCard] ?? new Set()}
              disabled={busy}
              onChange={(next) => setSel((s) => ({ ...s, [c.idCard]: next }))}
            />
          ))}
          <Unmatched list={result.unmatched} />
        </div>
      )}
    </Page>
  )
}

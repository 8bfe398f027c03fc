/**
 * 导入任免表(LRMX): choose one .lrmx file or a zip of many; the preview lists who would be created
 * or changed (matched by ID number) and which files are refused and why; 确认导入 writes them all
 * in one go.
 */
import { useRef, useState } from 'react'
import type { LrmxItem, LrmxReport, LrmxUnitChoices } from '../../../../main/lrmx/import'
import type { LrmxUnitQuestion } from '../../../../main/units/lrmx-units'
import { LrmxUnitAsk, undecidedLrmxUnits } from '../import/LrmxUnitAsk'
import { call } from '../../api'
import { CadreLink, EmptyState, Page, showError, showMessage } from '../../components'
import './form.css'

const ACTION_LABEL: Record<LrmxItem['action'], string> = {
  create: '新建',
  update: '更新',
  unchanged: '无变化',
  rejected: '拒绝',
}

function short(s: string): string {
  const one = s.replace(/\n/g, ' ⏎ ')
  return one.length > 60 ? one.slice(0, 60) + '…' : one
}

/** One file as it is; several .lrmx files chosen together travel as one zip, like a zip of many. */
async function uploadOf(files: File[]): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }> {
  const first = files[0]
  if (files.length === 1 && first)
    return { fileName: first.name, bytes: new Uint8Array(await first.arrayBuffer()) }
  if (files.some((f) => /\.zip$/i.test(f.name))) {
    throw new Error('压缩包请单独选择；可以一次选择多个 .lrmx 文件')
  }
  const { default: JSZip } = await import('jszip')
  const zip = new JSZip()
  for (const f of files) zip.file(f.name, await f.arrayBuffer())
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' })
  return { fileName: `${files.length} 个文件`, bytes: new Uint8Array(bytes) }
}

export function LrmxImportPage() {
  const input = useRef<HTMLInputElement>(null)
  const [upload, setUpload] = useState<{ fileName: string; bytes: Uint8Array<ArrayBuffer> } | null>(null)
  const [report, setReport] = useState<LrmxReport | null>(null)
  const [busy, setBusy] = useState(false)
  // Issue 13: the unit of each cadre the file gives none for (by ID number), and the questions asked.
  const [units, setUnits] = useState<LrmxUnitChoices>({})
  const [asked, setAsked] = useState<Record<string, LrmxUnitQuestion>>({})
  const remember = (r: LrmxReport): void =>
    setAsked((a) => ({
      ...a,
      ...Object.fromEntries(r.items.flatMap((i) => (i.idCard && i.unitQuestion ? [[i.idCard, i.unitQuestion]] : []))),
    }))

  async function decide(idCard: string, c: LrmxUnitChoices[string] | null): Promise<void> {
    if (!upload) return
    const next = { ...units }
    if (c) next[idCard] = c
    else delete next[idCard]
    setUnits(next)
    try {
      setReport(await call('lrmx.preview', { ...upload, units: next }))
    } catch (e) {
      showError(e)
    }
  }

  async function choose(files: File[]): Promise<void> {
    setBusy(true)
    setReport(null)
    setUnits({})
    setAsked({})
    try {
      const up = await uploadOf(files)
      setUpload(up)
      const r = await call('lrmx.preview', up)
      remember(r)
      setReport(r)
    } catch (e) {
      setUpload(null)
      showError(e)
    } finally {
      setBusy(false)
      if (input.current) input.current.value = ''
    }
  }

  async function apply(): Promise<void> {
    if (!upload) return
    setBusy(true)
    try {
      const r = await call('lrmx.apply', { ...upload, units })
      setReport(r)
      setUpload(null)
      showMessage(
        `导入完成：新建 ${r.created} 人，更新 ${r.updated} 人${r.rejected ? `，拒绝 ${r.rejected} 个文件` : ''}`,
        'success',
      )
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const writable = report && !report.applied && report.created + report.updated > 0
  const undecided = report && !report.applied ? undecidedLrmxUnits(report.items) : 0

  return (
    <Page
      title="导入任免表(LRMX)"
      subtitle={report ? `${report.file}：${report.files} 个文件` : undefined}
      testId="lrmx-import-page"
      actions={
        <>
          <input
            ref={input}
            type="file"
            accept=".lrmx,.zip"
            multiple
            hidden
            data-testid="lrmx-file"
            onChange={(e) => {
              const list = Array.from(e.target.files ?? [])
              if (list.length) void choose(list)
            }}
          />
          <button type="button" className="btn" disabled={busy} onClick={() => input.current?.click()}>
            选择文件…
          </button>
          {writable ? (
            <button
              type="button"
              className="btn btn-primary"
              data-testid="lrmx-apply"
              disabled={busy || undecided > 0}
              title={undecided ? `还有 ${undecided} 人的单位未确定，请在下方选择` : undefined}
              onClick={() => void apply()}
            >
              确认导入（新建 {report.created}，更新 {report.updated}）
            </button>
          ) : null}
        </>
      }
    >
      {!report ? (
        <EmptyState title={busy ? '正在读取…' : '选择任免审批表文件'}>
          <p className="muted">
            可选择一个或多个 .lrmx 文件（全国干部任免审批表软件保存的文件），或一个含多个 .lrmx 的 zip
            压缩包。
            <br />
            按身份证号与已有干部对应：先预览将新建或修改的内容，确认后一次导入；文件中为空的项目不会清除已有信息。
          </p>
        </EmptyState>
      ) : (
        <div className="lrmx-report" data-testid="lrmx-report">
          <div className="lrmx-summary">
            {report.applied ? '已导入' : '预览（尚未导入）'}：新建 <b>{report.created}</b> 人，更新{' '}
            <b>{report.updated}</b> 人，无变化 <b>{report.unchanged}</b> 人，拒绝{' '}
            <b className={report.rejected ? 'lrmx-bad' : ''}>{report.rejected}</b> 个文件
            {undecided ? <span className="lrmx-bad" data-testid="lrmx-units-undecided">；{undecided} 人的单位待确定，确定后才能导入</span> : null}
          </div>
          <table className="table lrmx-table">
            <thead>
              <tr>
                <th>文件</th>
                <th>姓名</th>
                <th>身份证号</th>
                <th>处理</th>
                <th>内容</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((i) => (
                <tr key={i.file} data-testid="lrmx-row" className={`lrmx-${i.action}`}>
                  <td className="nowrap">{i.file}</td>
                  <td className="nowrap">
                    {i.cadreId && report.applied ? <CadreLink id={i.cadreId} name={i.name} /> : i.name}
                  </td>
                  <td className="nowrap">{i.idCard}</td>
                  <td className="nowrap">
                    <span className={`tag lrmx-tag-${i.action}`}>{ACTION_LABEL[i.action]}</span>
                  </td>
                  <td>
                    {i.message ? <div className="lrmx-bad">{i.message}</div> : null}
                    {i.action === 'update'
                      ? i.changes.map((c) => (
                          <div key={c.key} className="lrmx-change">
                            <span className="lrmx-key">{c.label}</span>
                            <span className="audit-before">{short(c.before) || '（空）'}</span> →{' '}
                            <span className="audit-after">{short(c.after)}</span>
                          </div>
                        ))
                      : null}
                    {i.action === 'create' ? (
                      <div className="muted">{i.changes.map((c) => c.label).join('、')}</div>
                    ) : null}
                    {!report.applied && i.idCard && (i.unitQuestion || units[i.idCard]) ? (
                      <LrmxUnitAsk
                        item={i}
                        question={asked[i.idCard]}
                        choice={units[i.idCard] ?? null}
                        disabled={busy}
                        onChange={(c) => void decide(i.idCard ?? '', c)}
                      />
                    ) : null}
                    {i.warnings.map((w) => (
                      <div key={w} className="lrmx-warn">
                        提示：{w}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  )
}

/**
 * 成套打印任免审批表 (route `form-set/<id,id,...>`): the clerk pastes the agenda's list of names or ID
 * numbers (or arrives with the cadres ticked in the roster), checks it against the records — same-name
 * cadres are asked about, someone unknown or named twice is listed and nothing is made — and gets
 * the forms in exactly that order as one PDF, one Word file, or a zip of files named by a template.
 */
import { useEffect, useMemo, useState } from 'react'
import { entryOf, splitSetList } from '../../../../main/form/set-list'
import type { NamedFile, SetCandidate, SetCheck } from '../../../../main/form/set'
import type { CadreRecord } from '../../../../main/domain/cadre'
import { monthDots } from '../../../../main/domain/dates'
import { call, downloadBytes } from '../../api'
import { isCancelled, useJob } from '../../lib/job'
import { navigate } from '../../router'
import { Page, showError, showMessage } from '../../components'
import './form.css'

type Output = 'pdf' | 'docx' | 'zip'
const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
}
const STATUS_LABEL: Record<SetCheck['entries'][number]['status'], string> = {
  ok: '',
  unknown: '查无此人',
  duplicate: '重复',
  ambiguous: '同名，请选定',
  mismatch: '姓名与身份证号不符',
}

function who(c: SetCandidate): string {
  return [
    c.name,
    c.unit,
    c.position,
    c.birthDate ? `${monthDots(c.birthDate)}出生` : null,
    c.status !== '在职' ? c.status : null,
  ]
    .filter(Boolean)
    .join(' · ')
}

export function FormSetPage({ param }: { param: string }) {
  const [text, setText] = useState('')
  const [check, setCheck] = useState<(SetCheck & { files: NamedFile[] }) | null>(null)
  const [checkedText, setCheckedText] = useState<string | null>(null)
  const [output, setOutput] = useState<Output>('pdf')
  const [template, setTemplate] = useState('序号_姓名_单位')
  const [zipFormat, setZipFormat] = useState<'pdf' | 'docx'>('pdf')
  const [busy, setBusy] = useState(false)
  const job = useJob('form-set')
  const [notes, setNotes] = useState<string[]>([])
  const entries = useMemo(() => splitSetList(text), [text])

  // Arriving from the roster with ticked cadres: their names with ID numbers, in the roster's order.
  useEffect(() => {
    const ids = param
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0)
    if (ids.length === 0) return
    let live = true
    Promise.all(ids.map((id) => call('cadres.get', { id }) as Promise<CadreRecord>))
      .then((list) => {
        if (live) setText(list.map((c) => entryOf(c.name ?? '', c.idCard ?? '')).join('\n'))
      })
      .catch(showError)
    return () => {
      live = false
    }
  }, [param])

  async function runCheck(list = text): Promise<void> {
    const es = splitSetList(list)
    if (es.length === 0) {
      showMessage('名单为空：请粘贴或输入要打印的干部姓名或身份证号', 'warning')
      return
    }
    try {
      const r = await call('form.setCheck', {
        entries: es,
        ...(output === 'zip' ? { template, zipFormat } : {}),
      })
      setCheck(r)
      setCheckedText(list)
    } catch (e) {
      showError(e)
    }
  }

  // The file names follow the template as it is typed.
  useEffect(() => {
    if (output !== 'zip' || !check?.ok || checkedText === null) return
    const t = setTimeout(() => void runCheck(checkedText), 300)
    return () => clearTimeout(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-run only when the naming changes
  }, [template, zipFormat, output])

  /** The clerk picks one of the same-name cadres: that line becomes 姓名（身份证号）. */
  function choose(index: number, c: SetCandidate): void {
    const es = splitSetList(text)
    es[index - 1] = entryOf(c.name, c.idCard)
    const next = es.join('\n')
    setText(next)
    void runCheck(next)
  }

  async function make(): Promise<void> {
    if (!check?.ok) return
    setBusy(true)
    setNotes([])
    try {
      const r = await job.run((id) =>
        call('form.set', { entries, output, ...(output === 'zip' ? { template, zipFormat } : {}) }, { job: id }),
      )
      downloadBytes(r.bytes, r.fileName, MIME[output] ?? 'application/octet-stream')
      setNotes(r.notes)
      showMessage(`已生成 ${r.fileName}（${check.ids.length} 人）`, 'success')
    } catch (e) {
      if (isCancelled(e)) showMessage('已取消生成，未生成文件', 'info')
      else showError(e)
    } finally {
      setBusy(false)
    }
  }

  const stale = checkedText !== text
  const renamed = check?.files.filter((f) => f.original !== null) ?? []

  return (
    <Page
      title="成套打印任免审批表"
      subtitle={entries.length ? `名单 ${entries.length} 项` : '按上会顺序'}
      testId="form-set-page"
      actions={
        <>
          <button type="button" className="btn" onClick={() => navigate('roster')}>
            返回花名册
          </button>
          <button
            type="button"
            className="btn"
            data-testid="form-set-preview"
            disabled={!check?.ok || stale}
            onClick={() => navigate(`form/${check?.ids.join(',') ?? ''}`)}
          >
            预览
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="form-set-make"
            disabled={!check?.ok || stale || busy}
            title={stale ? '名单有改动，请先核对名单' : undefined}
            onClick={() => void make()}
          >
            {busy ? `正在生成… ${job.percent ?? 0}%` : '生成'}
          </button>
          {busy ? (
            <button type="button" className="btn" data-testid="form-set-cancel" onClick={job.cancel}>
              取消生成
            </button>
          ) : null}
        </>
      }
    >
      <div className="form-set">
        <section className="form-set-list">
          <label className="form-set-label" htmlFor="form-set-text">
            名单（每行一个姓名或身份证号，按上会顺序；也可从花名册勾选后进入）
          </label>
          <textarea
            id="form-set-text"
            className="input"
            data-testid="form-set-text"
            rows={16}
            value={text}
            placeholder={'例如：\n1. 王建国\n2. 李秀兰\n620102197503141350'}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="form-set-row">
            <button
              type="button"
              className="btn"
              data-testid="form-set-check"
              onClick={() => void runCheck()}
            >
              核对名单
            </button>
            {check && stale ? <span className="unsaved">名单有改动，请重新核对</span> : null}
          </div>
          <fieldset className="form-set-output">
            <legend>输出</legend>
            {(
              [
                ['pdf', '合并为一个 PDF'],
                ['docx', '合并为一个 Word 文件'],
                ['zip', '每人一个文件（ZIP 压缩包）'],
              ] as const
            ).map(([v, l]) => (
              <label key={v} className="check-toggle">
                <input
                  type="radio"
                  name="form-set-output"
                  value={v}
                  data-testid={`form-set-output-${v}`}
                  checked={output === v}
                  onChange={() => setOutput(v)}
                />
                {l}
              </label>
            ))}
            {output === 'zip' ? (
              <div className="form-set-zip">
                <label className="form-set-label" htmlFor="form-set-template">
                  文件名模板（可用 序号、姓名、单位、职务、身份证号）
                </label>
                <input
                  id="form-set-template"
                  className="input"
                  data-testid="form-set-template"
                  value={template}
                  maxLength={200}
                  onChange={(e) => setTemplate(e.target.value)}
                />
                <label className="check-toggle">
                  <input
                    type="radio"
                    name="form-set-zip"
                    checked={zipFormat === 'pdf'}
                    onChange={() => setZipFormat('pdf')}
                  />
                  PDF
                </label>
                <label className="check-toggle">
                  <input
                    type="radio"
                    name="form-set-zip"
                    data-testid="form-set-zip-docx"
                    checked={zipFormat === 'docx'}
                    onChange={() => setZipFormat('docx')}
                  />
                  Word
                </label>
              </div>
            ) : null}
          </fieldset>
        </section>
        <section className="form-set-result" data-testid="form-set-result">
          {check === null ? (
            <p className="muted">粘贴名单后点“核对名单”：逐项对照干部信息，同名的请选定一人。</p>
          ) : (
            <>
              {check.ok ? (
                <p className="form-set-ok" data-testid="form-set-ok">
                  名单核对无误：共 {check.ids.length} 人，将按以下顺序生成 {check.ids.length * 2} 页。
                </p>
              ) : (
                <p className="form-set-problems" role="alert" data-testid="form-set-problems">
                  名单有 {check.entries.filter((e) => e.status !== 'ok').length} 处问题，改正后才能生成。
                </p>
              )}
              <table className="form-set-table" data-testid="form-set-entries">
                <thead>
                  <tr>
                    <th>序号</th>
                    <th>名单项</th>
                    <th>干部</th>
                    <th>核对</th>
                  </tr>
                </thead>
                <tbody>
                  {check.entries.map((e) => (
                    <tr key={e.index} className={e.status === 'ok' ? '' : 'bad'} data-status={e.status}>
                      <td>{e.index}</td>
                      <td>{e.entry}</td>
                      <td>
                        {e.status === 'ambiguous' ? (
                          <select
                            className="input"
                            data-testid={`form-set-choose-${e.index}`}
                            defaultValue=""
                            onChange={(ev) => {
                              const c = e.candidates.find((x) => String(x.id) === ev.target.value)
                              if (c) choose(e.index, c)
                            }}
                          >
                            <option value="" disabled>
                              请选定（{e.candidates.length} 人同名）
                            </option>
                            {e.candidates.map((c) => (
                              <option key={c.id} value={c.id}>
                                {who(c)}
                              </option>
                            ))}
                          </select>
                        ) : e.cadre ? (
                          who(e.cadre)
                        ) : (
                          ''
                        )}
                      </td>
                      <td>
                        {e.status === 'duplicate'
                          ? `与第 ${e.duplicateOf ?? ''} 项重复`
                          : STATUS_LABEL[e.status] || '✓'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {output === 'zip' && check.ok && check.files.length > 0 ? (
                <div className="form-set-files" data-testid="form-set-files">
                  <div className="form-set-label">压缩包中的文件</div>
                  {renamed.length > 0 ? (
                    <p className="unsaved" role="status">
                      有 {renamed.length} 个文件名含有不能用于文件名的字符（\ / : * ? &quot; &lt; &gt;
                      |），已替换为“_”。
                    </p>
                  ) : null}
                  <ol>
                    {check.files.map((f) => (
                      <li key={f.name} title={f.original ? `原为：${f.original}` : undefined}>
                        {f.name}
                        {f.original ? <span className="muted">（原为 {f.original}）</span> : null}
                      </li>
                    ))}
                  </ol>
                </div>
              ) : null}
              {notes.length > 0 ? (
                <ul className="form-set-notes">
                  {notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
        </section>
      </div>
    </Page>
  )
}

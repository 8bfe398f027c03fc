/**
 * Print preview of the 干部任免审批表 for one or several cadres (route `form/<id,id,...>`): the form
 * as it prints, in an iframe, with the fields of this appointment editable beside it.
 * 打印 opens the system print dialog for the iframe; 保存为PDF asks the main process for the PDF
 * (Chromium or Electron's printToPDF print the same HTML); 保存为Word the same form as .docx
 * (main/form/docx.ts); 导出LRMX saves the national editor's file.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { parseDay } from '../../../../main/domain/dates'
import { fitFormDocument } from '../../../../main/form/fit'
import type { FormEditorData } from '../../../../main/ipc/contract/form'
import { call, downloadBytes } from '../../api'
import { navigate } from '../../router'
import { Page, showError, showMessage, TextAreaField, TextField } from '../../components'
import { useApiQueries, useApiQuery } from '../../lib/query'
import './form.css'

type Fields = {
  proposedPosition: string
  proposedRemoval: string
  reason: string
  reportingUnit: string
  filledBy: string
  ageAt: string
  filledAt: string
  rewardsText: string
  assessmentText: string
}

const EMPTY: Fields = {
  proposedPosition: '',
  proposedRemoval: '',
  reason: '',
  reportingUnit: '',
  filledBy: '',
  ageAt: '',
  filledAt: '',
  rewardsText: '',
  assessmentText: '',
}

function fromData(d: FormEditorData): Fields {
  const f = d.form
  return {
    proposedPosition: f?.proposedPosition ?? '',
    proposedRemoval: f?.proposedRemoval ?? '',
    reason: f?.reason ?? '',
    reportingUnit: f?.reportingUnit ?? '',
    filledBy: f?.filledBy ?? '',
    ageAt: f?.ageAt ?? '',
    filledAt: f?.filledAt ?? '',
    rewardsText: f?.rewardsText ?? '',
    assessmentText: f?.assessmentText ?? '',
  }
}

/** Empty text → null (the form then prints its default: today, the composed 奖惩/考核 text). */
/** A day as typed (2026-06-30, 2026.6.30, 20260630, 2026年6月30日) → YYYY-MM-DD; null when empty or unreadable. */
function dayValue(raw: string): string | null {
  const d = parseDay(raw.trim())
  return d.ok ? d.value : null
}
function dayError(raw: string): string | null {
  if (raw.trim() === '') return null
  const d = parseDay(raw.trim())
  return d.ok ? null : d.message
}

function toInput(f: Fields) {
  const n = (s: string): string | null => (s.trim() === '' ? null : s)
  return {
    proposedPosition: n(f.proposedPosition),
    proposedRemoval: n(f.proposedRemoval),
    reason: n(f.reason),
    reportingUnit: n(f.reportingUnit),
    filledBy: n(f.filledBy),
    ageAt: dayValue(f.ageAt),
    filledAt: dayValue(f.filledAt),
    rewardsText: n(f.rewardsText),
    assessmentText: n(f.assessmentText),
  }
}

function parseIds(param: string): number[] {
  return [...new Set(param.split(',').map(Number))].filter((n) => Number.isInteger(n) && n > 0)
}

export function FormPreviewPage({ param }: { param: string }) {
  const ids = useMemo(() => parseIds(param), [param])
  const [current, setCurrent] = useState<number | null>(ids[0] ?? null)
  const [fields, setFields] = useState<Fields>(EMPTY)
  const [saved, setSaved] = useState<Fields>(EMPTY)
  const [busy, setBusy] = useState<string | null>(null)
  const frame = useRef<HTMLIFrameElement>(null)
  const single = ids.length === 1
  const dirty = JSON.stringify(fields) !== JSON.stringify(saved)
  const invalid = !!dayError(fields.ageAt) || !!dayError(fields.filledAt)

  // Another route (form/1,2,3 → form/7) reuses this page: start again at its first cadre.
  useEffect(() => {
    setCurrent(ids[0] ?? null)
  }, [ids])

  // Every read through the one data hook (renderer/src/lib/query.tsx): an edit made anywhere
  // (the cadre page, records, another window) refetches the names, the fields and the preview.
  const people = useApiQueries(
    'form.get',
    useMemo(() => ids.map((cadreId) => ({ cadreId })), [ids]),
  )
  const names: Record<number, string> = Object.fromEntries(
    people.flatMap((q, i) => (q.data ? [[ids[i] ?? 0, q.data.name]] : [])),
  )
  const formQuery = useApiQuery('form.get', { cadreId: current ?? 0 }, { enabled: current !== null })
  const data: FormEditorData | null = formQuery.data ?? null
  const queryError = formQuery.error ?? people.find((q) => q.error)?.error
  useEffect(() => {
    if (queryError) showError(queryError)
  }, [queryError])

  // The fields follow the stored form when it (re)loads (an edit elsewhere, a save here), unless the
  // clerk is typing over the same cadre's form; another cadre always brings his own.
  const dirtyRef = useRef(dirty)
  const fieldsFor = useRef<number | null>(null)
  useEffect(() => {
    dirtyRef.current = dirty
  }, [dirty])
  useEffect(() => {
    if (!data || data.cadreId !== current) return
    if (fieldsFor.current === data.cadreId && dirtyRef.current) return
    fieldsFor.current = data.cadreId
    setFields(fromData(data))
    setSaved(fromData(data))
  }, [data, current])

  // The preview: with one cadre it follows the edits as they are typed (not yet saved), 400 ms after the last key.
  const override = single ? toInput(fields) : undefined
  const overrideKey = JSON.stringify(override ?? null)
  const [debounced, setDebounced] = useState(overrideKey)
  useEffect(() => {
    const t = setTimeout(() => setDebounced(overrideKey), 400)
    return () => clearTimeout(t)
  }, [overrideKey])
  const htmlQuery = useApiQuery(
    'form.html',
    {
      ids,
      script: false,
      ...(single && debounced !== 'null'
        ? { override: JSON.parse(debounced) as ReturnType<typeof toInput> }
        : {}),
    },
    { enabled: ids.length > 0, keepPrevious: true },
  )
  const html = htmlQuery.data ?? ''
  useEffect(() => {
    if (htmlQuery.error) showError(htmlQuery.error)
  }, [htmlQuery.error])

  const onFrameLoad = useCallback(() => {
    const doc = frame.current?.contentDocument
    if (!doc) return
    const run = () => fitFormDocument(doc)
    if (doc.fonts) void doc.fonts.ready.then(run)
    else run()
  }, [])

  const set = (k: keyof Fields) => (v: string) => setFields((f) => ({ ...f, [k]: v }))

  async function save(asNew = false): Promise<void> {
    if (current === null) return
    setBusy('save')
    try {
      const r = await call('form.save', {
        cadreId: current,
        formId: asNew ? null : (data?.form?.id ?? null),
        ...toInput(fields),
      })
      void r
      // form.save announces its tables: the fields and the preview refetch by themselves.
      setSaved(fields)
      showMessage(`已${asNew ? '另存' : '保存'}${names[current] ?? ''}的任免审批表`, 'success')
    } catch (e) {
      showError(e)
    } finally {
      setBusy(null)
    }
  }

  function print(): void {
    const w = frame.current?.contentWindow
    if (!w) return
    w.focus()
    w.print()
  }

  async function savePdf(): Promise<void> {
    setBusy('pdf')
    try {
      const r = await call('form.pdf', { ids, ...(override ? { override } : {}) })
      downloadBytes(r.bytes, r.fileName, 'application/pdf')
      showMessage(`已生成 ${r.fileName}`, 'success')
    } catch (e) {
      showError(e)
    } finally {
      setBusy(null)
    }
  }

  async function saveDocx(): Promise<void> {
    setBusy('docx')
    try {
      const r = await call('form.docx', { ids, ...(override ? { override } : {}) })
      downloadBytes(
        r.bytes,
        r.fileName,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      )
      showMessage(`已生成 ${r.fileName}`, 'success')
    } catch (e) {
      showError(e)
    } finally {
      setBusy(null)
    }
  }

  async function exportLrmx(): Promise<void> {
    setBusy('lrmx')
    try {
      for (const id of ids) {
        const r = await call('lrmx.export', { id })
        downloadBytes(r.bytes, r.fileName, 'application/xml')
      }
      showMessage(
        ids.length === 1 ? '已导出任免审批表文件（LRMX）' : `已导出 ${ids.length} 个任免审批表文件（LRMX）`,
        'success',
      )
    } catch (e) {
      showError(e)
    } finally {
      setBusy(null)
    }
  }

  if (ids.length === 0) {
    return (
      <Page title="干部任免审批表">
        <p className="muted">请从花名册勾选干部，或在干部信息页点击“打印任免审批表”。</p>
      </Page>
    )
  }

  return (
    <Page
      title="干部任免审批表"
      subtitle={single ? (names[ids[0] ?? 0] ?? '') : `共 ${ids.length} 人，${ids.length * 2} 页`}
      testId="form-preview-page"
      fill
      actions={
        <>
          {dirty ? <span className="unsaved">有未保存的修改</span> : null}
          <button
            type="button"
            className="btn"
            onClick={() => (single ? navigate(`cadre/${ids[0]}`) : navigate('roster'))}
          >
            返回
          </button>
          <button
            type="button"
            className="btn"
            data-testid="form-export-lrmx"
            disabled={!!busy}
            onClick={() => void exportLrmx()}
          >
            导出LRMX
          </button>
          <button
            type="button"
            className="btn"
            data-testid="form-save-docx"
            title="Word 文件（.docx），可在 Word、WPS 中编辑"
            disabled={!!busy || !html}
            onClick={() => void saveDocx()}
          >
            {busy === 'docx' ? '正在生成Word…' : '保存为Word'}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="form-save-pdf"
            disabled={!!busy || !html}
            onClick={() => void savePdf()}
          >
            {busy === 'pdf' ? '正在生成PDF…' : '保存为PDF'}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="form-print"
            disabled={!html}
            onClick={print}
          >
            打印
          </button>
        </>
      }
    >
      <div className="form-preview">
        <aside className="form-side">
          {!single ? (
            <div className="form-people" role="listbox" aria-label="要打印的干部">
              {ids.map((id) => (
                <button
                  key={id}
                  type="button"
                  role="option"
                  aria-selected={id === current}
                  className={id === current ? 'form-person active' : 'form-person'}
                  onClick={() => setCurrent(id)}
                >
                  {names[id] ?? `#${id}`}
                </button>
              ))}
            </div>
          ) : null}
          {data && data.warnings.length > 0 ? (
            <div className="form-warnings" role="status" data-testid="form-warnings">
              <div className="form-warnings-title">
                打印前请核对{!single ? `（${names[current ?? 0] ?? ''}）` : ''}：{data.warnings.length} 项
              </div>
              <ul>
                {data.warnings.map((w, i) => (
                  <li key={i} data-code={w.code}>
                    <span className="form-warning-field">{w.field}</span>
                    {w.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : data ? (
            <div className="form-checks-ok" data-testid="form-warnings-none">
              打印前检查：简历衔接、参加工作时间、在职教育、照片、家庭成员均未发现问题
            </div>
          ) : null}
          <div className="form-fields" data-testid="form-fields">
            <div className="form-fields-title">
              本次任免{!single && current !== null ? `：${names[current] ?? ''}` : ''}
            </div>
            <TextAreaField
              label="拟任职务"
              name="proposedPosition"
              rows={2}
              value={fields.proposedPosition}
              onChange={set('proposedPosition')}
            />
            <TextAreaField
              label="拟免职务"
              name="proposedRemoval"
              rows={2}
              value={fields.proposedRemoval}
              onChange={set('proposedRemoval')}
            />
            <TextAreaField
              label="任免理由"
              name="reason"
              rows={3}
              value={fields.reason}
              onChange={set('reason')}
            />
            <TextField
              label="呈报单位"
              name="reportingUnit"
              value={fields.reportingUnit}
              onChange={set('reportingUnit')}
            />
            <TextField label="填表人" name="filledBy" value={fields.filledBy} onChange={set('filledBy')} />
            <DayField
              label="计算年龄时间"
              name="ageAt"
              value={fields.ageAt}
              placeholder={data?.today}
              onChange={set('ageAt')}
            />
            <DayField
              label="填表时间"
              name="filledAt"
              value={fields.filledAt}
              placeholder={data?.today}
              onChange={set('filledAt')}
            />
            <TextAreaField
              label="奖惩情况"
              name="rewardsText"
              rows={3}
              value={fields.rewardsText}
              placeholder={data ? `留空则按奖惩记录：${data.composedRewards}` : ''}
              onChange={set('rewardsText')}
            />
            <TextAreaField
              label="年度考核结果"
              name="assessmentText"
              rows={2}
              value={fields.assessmentText}
              placeholder={data ? `留空则按考核记录：${data.composedAssessment || '（无记录）'}` : ''}
              onChange={set('assessmentText')}
            />
            <div className="form-fields-actions">
              <button
                type="button"
                className="btn btn-primary"
                data-testid="form-save"
                disabled={!dirty || invalid || busy === 'save'}
                onClick={() => void save()}
              >
                保存
              </button>
              {data?.form ? (
                <button
                  type="button"
                  className="btn"
                  data-testid="form-save-new"
                  title="为新的一次任免另存一份，之前保存的表保留在记录中"
                  disabled={invalid || busy === 'save'}
                  onClick={() => void save(true)}
                >
                  另存为新表
                </button>
              ) : null}
              {!single ? (
                <span className="muted">保存后预览随之更新</span>
              ) : (
                <span className="muted">预览随输入更新</span>
              )}
            </div>
          </div>
        </aside>
        <div className="form-frame-wrap">
          {html ? (
            <iframe
              ref={frame}
              className="form-frame"
              title="任免审批表打印预览"
              data-testid="form-frame"
              srcDoc={html}
              onLoad={onFrameLoad}
            />
          ) : (
            <div className="muted form-loading">正在生成预览…</div>
          )}
        </div>
      </div>
    </Page>
  )
}

function DayField(props: {
  label: string
  name: string
  value: string
  placeholder?: string | undefined
  onChange(v: string): void
}) {
  const error = dayError(props.value)
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label className="field-label" htmlFor={`day-${props.name}`}>
        {props.label}
      </label>
      <div className="field-control">
        <input
          id={`day-${props.name}`}
          className="input"
          value={props.value}
          maxLength={20}
          placeholder="如 2026.06.30"
          aria-invalid={error ? true : undefined}
          data-testid={`field-${props.name}`}
          onChange={(e) => props.onChange(e.target.value)}
        />
        {error ? (
          <div className="field-error" role="alert">
            {error}
          </div>
        ) : (
          <div className="field-hint">
            {props.value ? '' : `留空为打印当天（${props.placeholder ?? ''}）`}
          </div>
        )}
      </div>
    </div>
  )
}

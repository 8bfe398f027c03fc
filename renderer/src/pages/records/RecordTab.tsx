/**
 * One kind of record on a cadre's page: the list, 新增 / 修改 in a dialog, 删除 with a
 * confirmation. Discipline and talks show their impact period and its end.
 */
import { useState } from 'react'
import type { ImpactInfo } from '../../../../main/records/impact'
import { RECORD_KIND_LABELS, type RecordKind } from '../../../../main/records/kinds'
import type { AnyListedRecord } from '../../../../main/ipc/contract/records'
import { ApiError, call } from '../../api'
import {
  Dialog,
  FormGrid,
  SelectField,
  TextAreaField,
  TextField,
  confirmDialog,
  showError,
  showMessage,
} from '../../components'
import { vocabularyWarnings } from '../../../../main/records/vocab'
import { KIND_FIELDS, blankForm, type FieldSpec } from './kindForms'
import { dots, tidyDay, tidyMonth, todayStr, useLoad } from './shared'

type Rec = AnyListedRecord & Record<string, unknown>

function display(spec: FieldSpec, v: unknown): string {
  if (v === null || v === undefined || v === '') return ''
  if (spec.input === 'day' || spec.input === 'month') return dots(String(v))
  if (spec.input === 'scores') {
    return Object.entries(v as Record<string, number>)
      .map(([k, n]) => `${k} ${n}`)
      .join('；')
  }
  return String(v)
}

function parseScores(s: string): Record<string, number> | string {
  const out: Record<string, number> = {}
  for (const part of s
    .split(/[；;，,、\n]/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = part.match(/^(.+?)[\s:：=]+(\d+(?:\.\d+)?)$/)
    if (!m || !m[1]) return `无法识别“${part}”，请写作“政治素养 92；工作实绩 85”`
    out[m[1].trim()] = Number(m[2])
  }
  return out
}

function formOf(kind: RecordKind, r: Rec): Record<string, string> {
  const f: Record<string, string> = {}
  for (const s of KIND_FIELDS[kind]) {
    const v = r[s.key]
    if (s.input === 'scores') f[s.key] = display(s, v)
    else if (s.input === 'day' || s.input === 'month') f[s.key] = v ? dots(String(v)) : ''
    else f[s.key] = v === null || v === undefined ? '' : String(v)
  }
  return f
}

/** The form's strings as the channel's data; a string result is an error message for a field. */
function dataOf(
  kind: RecordKind,
  f: Record<string, string>,
): { data: Record<string, unknown> } | { field: string; message: string } {
  const d: Record<string, unknown> = {}
  for (const s of KIND_FIELDS[kind]) {
    const raw = (f[s.key] ?? '').trim()
    switch (s.input) {
      case 'year':
        if (!/^\d{4}$/.test(raw)) return { field: s.key, message: '请填写四位年份' }
        d[s.key] = Number(raw)
        break
      case 'number':
        if (raw && !Number.isFinite(Number(raw))) return { field: s.key, message: '请填写数字' }
        d[s.key] = raw ? Number(raw) : null
        break
      case 'day':
        d[s.key] = tidyDay(raw) ?? (s.required ? '' : null)
        break
      case 'month':
        d[s.key] = tidyMonth(raw) ?? (s.required ? '' : null)
        break
      case 'scores': {
        const sc = parseScores(raw)
        if (typeof sc === 'string') return { field: s.key, message: sc }
        d[s.key] = sc
        break
      }
      default:
        d[s.key] = raw || (s.required ? '' : null)
    }
  }
  return { data: d }
}

export function ImpactCell({ impact }: { impact: ImpactInfo | null | undefined }) {
  if (!impact) return <span className="muted">无影响期</span>
  if (impact.until === '待核实')
    return (
      <span data-testid="impact-cell" title={impact.note ?? ''}>
        <span className="tag tag-warn">待核实</span> {impact.note}
      </span>
    )
  const span =
    impact.until === '长期'
      ? '长期影响'
      : `${impact.months === null ? '' : `${impact.months}个月，`}至 ${dots(impact.until)}`
  return (
    <span data-testid="impact-cell" title={impact.note ?? ''}>
      {span}{' '}
      {impact.running ? <span className="tag tag-red">影响期内</span> : <span className="tag">已期满</span>}
      {impact.note ? <div className="muted rec-impact-note">{impact.note}</div> : null}
    </span>
  )
}

export function RecordEditor({
  kind,
  open,
  cadreId,
  record,
  initial,
  onClose,
  onSaved,
  subjectName,
}: {
  kind: RecordKind
  open: boolean
  cadreId: number
  record: Rec | null
  initial?: Record<string, string>
  onClose(): void
  onSaved(): void
  /** Whose record it is, said in the title and the message (pages that list many cadres). */
  subjectName?: string
}) {
  const [form, setForm] = useState<Record<string, string>>(() =>
    record ? formOf(kind, record) : { ...blankForm(kind, todayStr()), ...initial },
  )
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  // Saved, with what the regulations say against it (main/records/crosschecks.ts): shown here
  // until the clerk has read it.
  const [checks, setChecks] = useState<string[] | null>(null)
  const save = async () => {
    const r = dataOf(kind, form)
    if ('field' in r) {
      setErrors({ [r.field]: r.message })
      return
    }
    setSaving(true)
    try {
      const arg = { kind, data: r.data } as never
      const res = record
        ? await call('records.update', { ...(arg as object), id: record.id } as never)
        : await call('records.add', { ...(arg as object), cadreId } as never)
      const whose = subjectName ? `${subjectName}的` : ''
      showMessage(
        record
          ? `已保存${whose}${RECORD_KIND_LABELS[kind]}记录`
          : `已新增${whose}${RECORD_KIND_LABELS[kind]}记录`,
        'success',
      )
      const cross = res.crossChecks.map((c) => c.message)
      if (cross.length) setChecks(cross)
      else onSaved()
    } catch (e) {
      if (e instanceof ApiError && e.fields) setErrors(e.fields)
      showError(e)
    } finally {
      setSaving(false)
    }
  }
  const set = (k: string) => (v: string) => setForm((f) => ({ ...f, [k]: v }))
  // Names the regulations do not use: said at once, saved as typed (the review reads them 待核实).
  const warnings = vocabularyWarnings(kind, form)
  return (
    <Dialog
      open={open}
      title={`${record ? '修改' : '新增'}${RECORD_KIND_LABELS[kind]}记录${subjectName ? `：${subjectName}` : ''}`}
      onClose={checks ? onSaved : onClose}
      width={820}
      testId={`record-editor-${kind}`}
      footer={
        checks ? (
          <button type="button" className="btn btn-primary" data-testid="record-checks-ok" onClick={onSaved}>
            知道了
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={onClose}>
              取消
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="record-save"
              disabled={saving}
              onClick={() => void save()}
            >
              {saving ? '正在保存…' : '保存'}
            </button>
          </>
        )
      }
    >
      {checks ? (
        <div className="rec-vocab-warn" role="alert" data-testid="record-crosscheck-warning">
          <div>已保存。请注意：</div>
          {checks.map((m) => (
            <div key={m}>⚠ {m}</div>
          ))}
        </div>
      ) : null}
      <FormGrid columns={2}>
        {KIND_FIELDS[kind].map((s) => {
          const common = {
            key: s.key,
            label: s.label,
            value: form[s.key] ?? '',
            onChange: set(s.key),
            error: errors[s.key] ?? null,
            required: s.required,
            span: Math.min(s.span ?? 1, 2),
            name: `${kind}-${s.key}`,
          }
          if (s.input === 'select') return <SelectField {...common} options={s.options ?? []} />
          if (s.input === 'free') return <SelectField {...common} options={s.options ?? []} free />
          if (s.input === 'textarea') return <TextAreaField {...common} rows={2} />
          if (s.input === 'scores')
            return <TextField {...common} placeholder="如：政治素养 92；工作实绩 85" />
          const ph = s.input === 'day' ? '如 2026.08.03' : s.input === 'month' ? '如 2021.06' : undefined
          return <TextField {...common} placeholder={ph} />
        })}
      </FormGrid>
      {warnings.length ? (
        <div className="rec-vocab-warn" role="alert" data-testid="record-vocab-warning">
          {warnings.map((w) => (
            <div key={w.key}>⚠ {w.message}</div>
          ))}
        </div>
      ) : null}
    </Dialog>
  )
}

export function RecordSection({
  kind,
  cadreId,
  title,
  extra,
}: {
  kind: RecordKind
  cadreId: number
  title?: string
  extra?: React.ReactNode
}) {
  const { data, error, reload } = useLoad(
    () => call('records.list', { cadreId, kind }) as Promise<Rec[]>,
    [cadreId, kind],
  )
  const [editing, setEditing] = useState<{ record: Rec | null } | null>(null)
  const fields = KIND_FIELDS[kind].filter((f) => f.inList !== false)
  const withImpact = kind === 'discipline' || kind === 'talks'
  const remove = async (r: Rec) => {
    const ok = await confirmDialog({
      title: `删除${RECORD_KIND_LABELS[kind]}记录`,
      message: '删除后不可恢复（变更记录中保留删除前的内容）。确定删除吗？',
      okText: '删除',
      danger: true,
    })
    if (!ok) return
    try {
      await call('records.remove', { kind, id: r.id })
      showMessage('已删除', 'success')
      reload()
    } catch (e) {
      showError(e)
    }
  }
  return (
    <section className="rec-section" data-testid={`records-${kind}`}>
      <div className="rec-section-head">
        <span className="rec-section-title">{title ?? RECORD_KIND_LABELS[kind]}</span>
        <span className="muted">{data ? `${data.length} 条` : ''}</span>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small btn-primary"
          data-testid={`record-add-${kind}`}
          onClick={() => setEditing({ record: null })}
        >
          新增
        </button>
      </div>
      {extra}
      {error ? <div className="field-error">{error}</div> : null}
      {data && data.length === 0 ? (
        <div className="rec-empty muted">暂无{RECORD_KIND_LABELS[kind]}记录</div>
      ) : null}
      {data && data.length > 0 ? (
        <table className="table rec-table">
          <thead>
            <tr>
              {fields.map((f) => (
                <th key={f.key}>{f.label}</th>
              ))}
              {withImpact ? <th>影响期</th> : null}
              <th className="rec-ops-col">操作</th>
            </tr>
          </thead>
          <tbody>
            {data.map((r) => (
              <tr key={r.id} data-testid={`record-row-${kind}`}>
                {fields.map((f) => (
                  <td key={f.key} className={f.input === 'textarea' ? 'rec-long' : undefined}>
                    {display(f, r[f.key])}
                  </td>
                ))}
                {withImpact ? (
                  <td>
                    <ImpactCell impact={(r as { impact?: ImpactInfo | null }).impact} />
                  </td>
                ) : null}
                <td className="rec-ops">
                  <button type="button" className="btn-link" onClick={() => setEditing({ record: r })}>
                    修改
                  </button>
                  <button type="button" className="btn-link rec-danger" onClick={() => void remove(r)}>
                    删除
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {editing ? (
        <RecordEditor
          kind={kind}
          open
          cadreId={cadreId}
          record={editing.record}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            reload()
          }}
        />
      ) : null}
    </section>
  )
}

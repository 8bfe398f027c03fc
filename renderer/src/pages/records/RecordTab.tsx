/**
 * One kind of record on a cadre's page: the list, 新增 / 修改 in a dialog, 删除 with a
 * confirmation. Discipline and talks show their impact period and its end.
 */
import { useState } from 'react'
import type { ImpactInfo } from '../../../../main/records/impact'
import { RECORD_KIND_LABELS, type RecordKind } from '../../../../main/records/kinds'
import type { AnyListedRecord } from '../../../../main/ipc/contract/records'
import { ApiError, call } from '../../api'
import { FormGrid, SelectField, TextAreaField, TextField, confirmDialog } from '../../components'
import { ActionDialog, Loaded, RecordTable, useAction, type Column, type Notice } from '../../kit'
import { useApiQuery } from '../../lib/query'
import { vocabularyWarnings } from '../../../../main/records/fields'
import { KIND_FIELDS, blankForm, type FieldSpec } from './kindForms'
import { dots, tidyDay, tidyMonth, todayStr } from './shared'

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
  cadreId,
  record,
  initial,
  onClose,
  onSaved,
  subjectName,
}: {
  kind: RecordKind
  cadreId: number
  record: Rec | null
  initial?: Record<string, string>
  onClose(): void
  /** After the save (and its cross-checks read). The lists refresh by themselves. */
  onSaved?(): void
  /** Whose record it is, said in the title and the message (pages that list many cadres). */
  subjectName?: string
}) {
  const [form, setForm] = useState<Record<string, string>>(() =>
    record ? formOf(kind, record) : { ...blankForm(kind, todayStr()), ...initial },
  )
  const [errors, setErrors] = useState<Record<string, string>>({})
  const whose = subjectName ? `${subjectName}的` : ''
  const save = async (): Promise<Notice | false> => {
    const r = dataOf(kind, form)
    if ('field' in r) {
      setErrors({ [r.field]: r.message })
      return false
    }
    const arg = { kind, data: r.data } as never
    const res = record
      ? await call('records.update', { ...(arg as object), id: record.id } as never)
      : await call('records.add', { ...(arg as object), cadreId } as never)
    // Saved, with what the regulations say against it (main/records/crosschecks.ts): shown in the
    // dialog until the clerk has read it.
    return {
      lead: '已保存。请注意：',
      items: res.crossChecks.map((c) => c.message),
      testId: 'record-crosscheck-warning',
      okTestId: 'record-checks-ok',
    }
  }
  const set = (k: string) => (v: string) => setForm((f) => ({ ...f, [k]: v }))
  // Names the regulations do not use: said at once, saved as typed (the review reads them 待核实).
  const warnings = vocabularyWarnings(kind, form)
  return (
    <ActionDialog
      title={`${record ? '修改' : '新增'}${RECORD_KIND_LABELS[kind]}记录${subjectName ? `：${subjectName}` : ''}`}
      onClose={onClose}
      onDone={onSaved ?? onClose}
      onConfirm={save}
      onError={(e) => {
        if (e instanceof ApiError && e.fields) setErrors(e.fields)
      }}
      success={
        record
          ? `已保存${whose}${RECORD_KIND_LABELS[kind]}记录`
          : `已新增${whose}${RECORD_KIND_LABELS[kind]}记录`
      }
      width={820}
      testId={`record-editor-${kind}`}
      confirmTestId="record-save"
    >
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
          return <TextField {...common} placeholder={ph} maxLength={s.max} />
        })}
      </FormGrid>
      {warnings.length ? (
        <div className="rec-vocab-warn" role="alert" data-testid="record-vocab-warning">
          {warnings.map((w) => (
            <div key={w.key}>⚠ {w.message}</div>
          ))}
        </div>
      ) : null}
    </ActionDialog>
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
  // Refetched after any save of this cadre's records, wherever it was made.
  const q = useApiQuery('records.list', { cadreId, kind })
  const data = q.data as Rec[] | undefined
  const [editing, setEditing] = useState<{ record: Rec | null } | null>(null)
  const withImpact = kind === 'discipline' || kind === 'talks'
  const remove = useAction(
    async (r: Rec) => {
      const ok = await confirmDialog({
        title: `删除${RECORD_KIND_LABELS[kind]}记录`,
        message: '删除后不可恢复（变更记录中保留删除前的内容）。确定删除吗？',
        okText: '删除',
        danger: true,
      })
      if (ok) await call('records.remove', { kind, id: r.id })
      return ok
    },
    { success: (ok) => (ok ? '已删除' : null) },
  )
  const columns: Column<Rec>[] = [
    ...KIND_FIELDS[kind]
      .filter((f) => f.inList !== false)
      .map((f) => ({
        key: f.key,
        title: f.label,
        className: f.input === 'textarea' ? 'rec-long' : undefined,
        render: (r: Rec) => display(f, r[f.key]),
      })),
    {
      key: 'impact',
      title: '影响期',
      hidden: !withImpact,
      render: (r) => <ImpactCell impact={(r as { impact?: ImpactInfo | null }).impact} />,
    },
    {
      key: 'ops',
      title: '操作',
      className: 'rec-ops',
      render: (r) => (
        <>
          <button type="button" className="btn-link" onClick={() => setEditing({ record: r })}>
            修改
          </button>
          <button
            type="button"
            className="btn-link rec-danger"
            disabled={remove.busy}
            onClick={() => void remove.run(r)}
          >
            删除
          </button>
        </>
      ),
    },
  ]
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
      <Loaded query={q} what={`读取${RECORD_KIND_LABELS[kind]}记录`}>
        {() => (
          <RecordTable
            columns={columns}
            rows={data ?? []}
            rowKey={(r) => r.id}
            rowTestId={`record-row-${kind}`}
            className="table rec-table"
            empty={<div className="rec-empty muted">暂无{RECORD_KIND_LABELS[kind]}记录</div>}
          />
        )}
      </Loaded>
      {editing ? (
        <RecordEditor
          kind={kind}
          cadreId={cadreId}
          record={editing.record}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </section>
  )
}

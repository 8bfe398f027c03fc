/**
 * 影响期设置: the months of every measure's impact period (settings `impact.periods`), one table
 * shared by the roster's 影响期至, the records pages and the eligibility rules. The administrator
 * edits it; everyone else sees it. The main process validates (whole months, not below 0) and
 * answers in Chinese per measure; every change goes to the audit log.
 */
import { useState } from 'react'
import type { ImpactConfig } from '../../../../main/domain/impact'
import { ApiError, call } from '../../api'
import { confirmDialog, showError, showMessage } from '../../components'
import { useApiQuery } from '../../lib/query'

const SYSTEMS: { key: string; label: string; basis: string }[] = [
  { key: '党纪', label: '党纪处分', basis: '中国共产党纪律处分条例（2023）' },
  { key: '政务', label: '政务处分', basis: '政务处分法 第八条' },
  { key: '组织处理', label: '组织处理', basis: '中国共产党组织处理规定（试行）' },
]

const NOTES: Record<string, string> = {
  '党纪.留党察看': '恢复党员权利后的月数，另加察看期',
  '党纪.开除党籍': '填“长期”',
  '政务.开除': '填“长期”',
}

type Form = Record<string, string>

const monthsText = (m: number | null | undefined): string => (m === null ? '长期' : m === undefined ? '' : String(m))

function formOf(c: ImpactConfig): Form {
  const f: Form = {}
  for (const s of SYSTEMS) for (const [m, v] of Object.entries(c.discipline[s.key] ?? {})) f[`${s.key}.${m}`] = monthsText(v)
  f['talks.诫勉'] = monthsText(c.talks['诫勉'])
  for (const [m, v] of Object.entries(c.noPostMonths)) f[`noPostMonths.${m}`] = monthsText(v)
  f.defaultProbationMonths = String(c.defaultProbationMonths)
  f.stackCapMonths = String(c.stackCapMonths)
  return f
}

/** The typed text as the channel's value: a number when it reads as one, null for 长期, else the
 *  text itself (the main process names what is wrong with it). */
function valueOf(t: string): unknown {
  const s = t.trim()
  if (s === '长期') return null
  if (s !== '' && /^-?\d+(\.\d+)?$/.test(s)) return Number(s)
  return s
}

function configOf(f: Form, base: ImpactConfig): Record<string, unknown> {
  const discipline: Record<string, Record<string, unknown>> = {}
  for (const s of SYSTEMS)
    discipline[s.key] = Object.fromEntries(Object.keys(base.discipline[s.key] ?? {}).map((m) => [m, valueOf(f[`${s.key}.${m}`] ?? '')]))
  return {
    discipline,
    talks: { 诫勉: valueOf(f['talks.诫勉'] ?? '') },
    noPostMonths: Object.fromEntries(Object.keys(base.noPostMonths).map((m) => [m, valueOf(f[`noPostMonths.${m}`] ?? '')])),
    defaultProbationMonths: valueOf(f.defaultProbationMonths ?? ''),
    stackCapMonths: valueOf(f.stackCapMonths ?? ''),
  }
}

export function ImpactSettings() {
  const q = useApiQuery('impact.settings', undefined)
  const auth = useApiQuery('auth.status', undefined)
  const admin = auth.data?.account?.roles.includes('admin') ?? false
  if (q.error) return <div className="field-error">{q.error.message}</div>
  if (!q.data) return <div className="muted elig-impact">正在读取影响期设置…</div>
  return (
    <ImpactForm
      key={JSON.stringify(q.data.config)}
      config={q.data.config}
      defaults={q.data.defaults}
      customised={q.data.customised}
      admin={admin}
    />
  )
}

function ImpactForm({
  config,
  defaults,
  customised,
  admin,
}: {
  config: ImpactConfig
  defaults: ImpactConfig
  customised: boolean
  admin: boolean
}) {
  const [form, setForm] = useState<Form>(() => formOf(config))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const dflt = formOf(defaults)
  const dirty = JSON.stringify(form) !== JSON.stringify(formOf(config))
  const save = async (restore = false) => {
    if (restore) {
      const ok = await confirmDialog({
        title: '恢复默认影响期',
        message: '将全部影响期恢复为系统默认值（花名册“影响期至”与资格审查随之重新计算）。确定吗？',
        okText: '恢复默认',
      })
      if (!ok) return
    }
    setSaving(true)
    setErrors({})
    try {
      await call('impact.saveSettings', { config: restore ? null : configOf(form, defaults) })
      showMessage(restore ? '影响期已恢复为默认值' : '影响期设置已保存，花名册与资格审查按新设置计算', 'success')
    } catch (e) {
      if (e instanceof ApiError && e.fields) setErrors(e.fields)
      showError(e)
    } finally {
      setSaving(false)
    }
  }
  const input = (key: string, label: string, note?: string) => (
    <tr key={key} data-testid="impact-row">
      <td>{label}</td>
      <td>
        <input
          className={errors[key] ? 'input elig-impact-input input-error' : 'input elig-impact-input'}
          value={form[key] ?? ''}
          disabled={!admin}
          aria-label={`${label} 影响期（月）`}
          aria-invalid={errors[key] ? true : undefined}
          data-testid={`impact-${key}`}
          onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))}
        />
        {errors[key] ? <div className="field-error">{errors[key]}</div> : null}
      </td>
      <td className="muted">{dflt[key]}</td>
      <td className="muted">{note ?? NOTES[key] ?? ''}</td>
    </tr>
  )
  return (
    <div className="elig-impact" data-testid="impact-settings">
      <p className="elig-impact-lead">
        影响期（月）在此统一设置：花名册“影响期至”、谈话与处分记录、任职资格审查都按此计算。
        影响期自决定之日起算，至期满之日止；“长期”表示没有期限（如开除）。
        {customised ? '当前为本县设置。' : '当前为系统默认值。'}
        {admin ? null : <b> 只有管理员可以修改。</b>}
      </p>
      <div className="elig-impact-tables">
        {SYSTEMS.map((s) => (
          <table key={s.key} className="table elig-impact-table">
            <caption>
              {s.label}
              <span className="muted">（{s.basis}）</span>
            </caption>
            <thead>
              <tr>
                <th>种类</th>
                <th>影响期（月）</th>
                <th>默认</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {Object.keys(defaults.discipline[s.key] ?? {}).map((m) => input(`${s.key}.${m}`, m))}
              {s.key === '组织处理'
                ? Object.keys(defaults.noPostMonths).map((m) =>
                    input(`noPostMonths.${m}`, `${m}：不得安排职务`, '影响期的前一段，其后不得担任更高职务'),
                  )
                : null}
            </tbody>
          </table>
        ))}
        <table className="table elig-impact-table">
          <caption>
            诫勉与其他<span className="muted">（诫勉规定 2019；政务处分法）</span>
          </caption>
          <thead>
            <tr>
              <th>项目</th>
              <th>月数</th>
              <th>默认</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {input('talks.诫勉', '诫勉（谈话诫勉、书面诫勉）')}
            {input('defaultProbationMonths', '留党察看未录入察看期时按', '察看期为一年或二年，未录入时按较长的计')}
            {input('stackCapMonths', '政务处分期间再受处分：合计上限', '原处分未满期限加新处分期限，以此为限')}
          </tbody>
        </table>
      </div>
      {admin ? (
        <div className="elig-impact-actions">
          <button
            type="button"
            className="btn btn-primary"
            data-testid="impact-save"
            disabled={saving || !dirty}
            onClick={() => void save()}
          >
            {saving ? '正在保存…' : '保存影响期设置'}
          </button>
          <button type="button" className="btn" disabled={saving || !customised} onClick={() => void save(true)}>
            恢复默认
          </button>
        </div>
      ) : null}
    </div>
  )
}

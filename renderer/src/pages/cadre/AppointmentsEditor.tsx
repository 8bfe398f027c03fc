/**
 * 任职经历 (issue 10): the cadre's posts as rows — 起止年月, 单位, 职务, 职务层次 or 职级, 任免文号 —
 * from which the promotion review counts time at a level (a lateral move keeps it). A draft can be
 * made from the 简历 lines; nothing is saved until the clerk confirms with 保存.
 */
import { useEffect, useState } from 'react'
import { LEVEL_LADDER } from '../../../../main/eligibility/rules'
import { RANKS } from '../../../../main/domain/fields'
import type { Appointment } from '../../../../main/records/appointments'
import { call } from '../../api'
import { showError, showMessage } from '../../components'
import { LoadError } from '../../kit'
import { useApiQuery } from '../../lib/query'
import './appointments.css'

type Row = { [K in keyof Appointment]: string }

const empty: Row = { start: '', end: '', unit: '', title: '', level: '', rank: '', docNo: '' }
const toRow = (a: Appointment): Row => ({
  start: a.start ? a.start.replace('-', '.') : '',
  end: a.end ? a.end.replace('-', '.') : '',
  unit: a.unit ?? '',
  title: a.title ?? '',
  level: a.level ?? '',
  rank: a.rank ?? '',
  docNo: a.docNo ?? '',
})
const fromRow = (r: Row): Appointment => {
  const n = (s: string) => (s.trim() === '' ? null : s.trim())
  return {
    start: n(r.start),
    end: n(r.end),
    unit: n(r.unit),
    title: n(r.title),
    level: n(r.level),
    rank: n(r.rank),
    docNo: n(r.docNo),
  }
}

export function AppointmentsEditor({ cadreId }: { cadreId: number }) {
  const [rows, setRows] = useState<Row[] | null>(null)
  const [draft, setDraft] = useState(false)
  const [dirty, setDirty] = useState(false)
  const [saving, setSaving] = useState(false)
  // Refetched after a save anywhere; the rows follow it while nothing here is being edited.
  const q = useApiQuery('appointments.list', { cadreId })
  useEffect(() => {
    if (q.data && !dirty) setRows(q.data.map(toRow))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q.data])

  const set = (i: number, k: keyof Row, v: string) => {
    setRows((rs) => (rs ?? []).map((r, j) => (j === i ? { ...r, [k]: v } : r)))
    setDirty(true)
  }
  const fromResume = async () => {
    try {
      const d = await call('appointments.draft', { cadreId })
      if (d.length === 0) {
        showMessage('简历中没有可生成任职经历的行（需有起始年月）', 'error')
        return
      }
      setRows(d.map(toRow))
      setDraft(true)
      setDirty(true)
    } catch (e) {
      showError(e)
    }
  }
  const save = async () => {
    if (!rows) return
    setSaving(true)
    try {
      const saved = await call('appointments.save', { cadreId, rows: rows.map(fromRow) })
      setRows(saved.map(toRow))
      setDraft(false)
      setDirty(false)
      showMessage(`已保存任职经历（${saved.length} 段）`, 'success')
    } catch (e) {
      showError(e)
    } finally {
      setSaving(false)
    }
  }
  if (q.isError && !rows)
    return (
      <LoadError error={q.error} what="读取任职经历" retry={() => void q.refetch()} busy={q.isFetching} />
    )
  if (!rows) return <div className="muted">正在读取任职经历…</div>
  return (
    <section className="appt" data-testid="appointments-editor">
      <div className="appt-head">
        <span className="appt-title">任职经历</span>
        <span className="muted">
          任职年限按任职经历累计计算（平级交流不中断）；未录入时按任现职务层次时间、任现职务时间或任现职级时间计算
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void fromResume()}
          data-testid="appt-draft"
        >
          从简历生成草稿
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            setRows([...rows, { ...empty }])
            setDirty(true)
          }}
          data-testid="appt-add"
        >
          添加一段
        </button>
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={!dirty || saving}
          onClick={() => void save()}
          data-testid="appt-save"
        >
          {saving ? '正在保存…' : draft ? '确认并保存' : '保存'}
        </button>
      </div>
      {draft ? (
        <div className="appt-draft" role="status">
          以下由简历生成，职务层次是按职务名称推测的，请逐行核对后“确认并保存”。
        </div>
      ) : null}
      {rows.length === 0 ? (
        <div className="muted appt-empty">暂无任职经历。可“从简历生成草稿”后核对，或“添加一段”。</div>
      ) : (
        <table className="table appt-table">
          <thead>
            <tr>
              <th style={{ width: 88 }}>起始年月</th>
              <th style={{ width: 88 }}>截止年月</th>
              <th>单位</th>
              <th>职务</th>
              <th style={{ width: 112 }}>职务层次</th>
              <th style={{ width: 128 }}>职级</th>
              <th style={{ width: 140 }}>任免文号</th>
              <th style={{ width: 56 }}>操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} data-testid="appt-row">
                {(['start', 'end', 'unit', 'title'] as const).map((k) => (
                  <td key={k}>
                    <input
                      className="input"
                      value={r[k]}
                      placeholder={k === 'start' ? '2021.06' : k === 'end' ? '至今' : ''}
                      aria-label={`第 ${i + 1} 段${{ start: '起始年月', end: '截止年月', unit: '单位', title: '职务' }[k]}`}
                      onChange={(e) => set(i, k, e.target.value)}
                    />
                  </td>
                ))}
                <td>
                  <select
                    className="input"
                    value={r.level}
                    aria-label={`第 ${i + 1} 段职务层次`}
                    onChange={(e) => set(i, 'level', e.target.value)}
                  >
                    <option value="" />
                    {LEVEL_LADDER.map((l) => (
                      <option key={l}>{l}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    className="input"
                    value={r.rank}
                    aria-label={`第 ${i + 1} 段职级`}
                    onChange={(e) => set(i, 'rank', e.target.value)}
                  >
                    <option value="" />
                    {RANKS.map((l) => (
                      <option key={l}>{l}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    className="input"
                    value={r.docNo}
                    aria-label={`第 ${i + 1} 段任免文号`}
                    onChange={(e) => set(i, 'docNo', e.target.value)}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="btn-link"
                    onClick={() => {
                      setRows(rows.filter((_, j) => j !== i))
                      setDirty(true)
                    }}
                  >
                    删除
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/**
 * 后备干部库: the pool by level and status, its figures (level, age band, gender), adding people
 * (several at once), moving them to 考察对象 / 已使用, removing with a reason, export.
 */
import { useState } from 'react'
import { RESERVE_LEVELS, RESERVE_STATUSES } from '../../../../main/records/kinds'
import type { PoolRow } from '../../../../main/records/reserve'
import { call, downloadBytes } from '../../api'
import {
  CadreLink,
  Dialog,
  EmptyState,
  FormGrid,
  Page,
  Segmented,
  Spacer,
  TextField,
  Toolbar,
  showError,
  showMessage,
} from '../../components'
import { AddToPoolDialog } from './AddToPoolDialog'
import { dots, tidyMonth, todayStr, useLoad } from './shared'

export function ReservePage() {
  const [level, setLevel] = useState<string | null>(null)
  const [status, setStatus] = useState<string>('current')
  const [search, setSearch] = useState('')
  const [adding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<PoolRow | null>(null)
  const statuses = status === 'current' ? ['在库', '已列为考察对象'] : status === 'all' ? [] : [status]
  const q = { level, statuses, search: search.trim() || null }
  const key = JSON.stringify(q)
  const pool = useLoad(() => call('reserve.list', q), [key])
  const figures = useLoad(() => call('reserve.figures', { level }), [level, pool.data])
  const f = figures.data
  const setEntryStatus = async (r: PoolRow, s: string) => {
    try {
      await call('reserve.setStatus', { entryId: r.id, status: s })
      showMessage(`${r.name}：${s}`, 'success')
      pool.reload()
    } catch (e) {
      showError(e)
    }
  }
  const exportIt = async () => {
    try {
      const r = await call('reserve.export', q)
      downloadBytes(r.bytes, r.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      showMessage(`已导出 ${r.rows} 人`, 'success')
    } catch (e) {
      showError(e)
    }
  }
  return (
    <Page
      title="后备干部库"
      subtitle={f ? `在库 ${f.total} 人` : undefined}
      testId="reserve-page"
      fill
      actions={
        <>
          <button type="button" className="btn" onClick={() => void exportIt()}>
            导出名册
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="pool-add"
            onClick={() => setAdding(true)}
          >
            加入后备干部
          </button>
        </>
      }
      toolbar={
        <Toolbar>
          <Segmented
            ariaLabel="后备层次"
            options={[
              { value: '', label: '全部层次' },
              ...RESERVE_LEVELS.map((l) => ({ value: l, label: l })),
            ]}
            value={level ?? ''}
            onChange={(l) => setLevel(l || null)}
          />
          <select
            className="input"
            value={status}
            data-testid="pool-status"
            onChange={(e) => setStatus(e.target.value)}
          >
            <option value="current">在库及考察对象</option>
            {RESERVE_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
            <option value="all">全部状态</option>
          </select>
          <input
            className="input rec-short"
            placeholder="姓名 / 拼音 / 单位"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Spacer />
        </Toolbar>
      }
    >
      <div className="rec-column">
        {f ? (
          <div className="rec-figures" data-testid="pool-figures">
            <div className="rec-figure">
              <div className="rec-figure-title">按层次</div>
              {f.byLevel.length === 0 ? <div className="muted">暂无</div> : null}
              {f.byLevel.map((l) => (
                <div key={l.level} className="rec-figure-row">
                  <span>{l.level}</span>
                  <b>{l.count}</b>
                  <span className="muted">
                    女 {l.women} · 平均 {l.averageAge ?? '—'} 岁
                  </span>
                </div>
              ))}
            </div>
            <div className="rec-figure">
              <div className="rec-figure-title">按年龄段</div>
              <Bars items={f.byAgeBand.map((b) => ({ label: b.band, count: b.count }))} />
            </div>
            <div className="rec-figure">
              <div className="rec-figure-title">按性别</div>
              <Bars items={f.byGender.map((g) => ({ label: g.gender, count: g.count }))} />
            </div>
            <div className="rec-figure">
              <div className="rec-figure-title">按状态（含已出库）</div>
              <Bars items={f.byStatus.map((s) => ({ label: s.status, count: s.count }))} />
            </div>
          </div>
        ) : null}
        <div className="rec-scroll">
          {pool.data && pool.data.length === 0 ? (
            <EmptyState title="库中暂无后备干部">
              <p>在花名册中勾选干部后点“加入后备干部库”，或点右上角“加入后备干部”。</p>
            </EmptyState>
          ) : (
            <table className="table rec-grid" data-testid="pool-table">
              <thead>
                <tr>
                  <th className="rec-num">序号</th>
                  <th>姓名</th>
                  <th>性别</th>
                  <th>年龄</th>
                  <th>工作单位</th>
                  <th>现任职务</th>
                  <th>后备层次</th>
                  <th>入库方式</th>
                  <th>入库时间</th>
                  <th>状态</th>
                  <th>操作</th>
                </tr>
              </thead>
              <tbody>
                {(pool.data ?? []).map((r, i) => (
                  <tr key={r.id} data-testid="pool-row">
                    <td className="rec-num">{i + 1}</td>
                    <td>
                      <CadreLink id={r.cadreId} name={r.name} />
                    </td>
                    <td>{r.gender}</td>
                    <td>{r.age}</td>
                    <td>{r.unit}</td>
                    <td>{r.position}</td>
                    <td>{r.level}</td>
                    <td>{r.entryWay}</td>
                    <td>{dots(r.entryDate)}</td>
                    <td>
                      <span
                        className={
                          r.status === '已撤销'
                            ? 'tag'
                            : r.status === '已列为考察对象'
                              ? 'tag tag-red'
                              : 'tag tag-green'
                        }
                      >
                        {r.status}
                      </span>
                      {r.exitReason ? (
                        <div className="muted">{`${dots(r.exitDate)} ${r.exitReason}`}</div>
                      ) : null}
                    </td>
                    <td className="rec-ops">
                      {r.status === '在库' ? (
                        <button
                          type="button"
                          className="btn-link"
                          onClick={() => void setEntryStatus(r, '已列为考察对象')}
                        >
                          列为考察对象
                        </button>
                      ) : null}
                      {r.status === '已列为考察对象' ? (
                        <>
                          <button
                            type="button"
                            className="btn-link"
                            onClick={() => void setEntryStatus(r, '已使用')}
                          >
                            已使用
                          </button>
                          <button
                            type="button"
                            className="btn-link"
                            onClick={() => void setEntryStatus(r, '在库')}
                          >
                            退回在库
                          </button>
                        </>
                      ) : null}
                      {r.status === '在库' || r.status === '已列为考察对象' ? (
                        <button type="button" className="btn-link rec-danger" onClick={() => setRemoving(r)}>
                          撤销
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
      {adding ? (
        <AddToPoolDialog
          cadreIds={[]}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false)
            pool.reload()
          }}
        />
      ) : null}
      {removing ? (
        <RemoveDialog
          row={removing}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null)
            pool.reload()
          }}
        />
      ) : null}
    </Page>
  )
}

function Bars({ items }: { items: { label: string; count: number }[] }) {
  const max = Math.max(1, ...items.map((i) => i.count))
  return (
    <>
      {items.map((i) => (
        <div key={i.label} className="rec-bar-row">
          <span className="rec-bar-label">{i.label}</span>
          <span className="rec-bar">
            <span className="rec-bar-fill" style={{ width: `${(i.count / max) * 100}%` }} />
          </span>
          <b className="rec-bar-n">{i.count}</b>
        </div>
      ))}
    </>
  )
}

function RemoveDialog({ row, onClose, onDone }: { row: PoolRow; onClose(): void; onDone(): void }) {
  const [reason, setReason] = useState('')
  const [date, setDate] = useState(todayStr().slice(0, 7).replace('-', '.'))
  const [error, setError] = useState<string | null>(null)
  const save = async () => {
    if (!reason.trim()) {
      setError('请填写撤销原因')
      return
    }
    try {
      await call('reserve.setStatus', {
        entryId: row.id,
        status: '已撤销',
        reason: reason.trim(),
        date: tidyMonth(date),
      })
      showMessage(`已将${row.name}从${row.level}库撤销`, 'success')
      onDone()
    } catch (e) {
      showError(e)
    }
  }
  return (
    <Dialog
      open
      title={`撤销后备干部：${row.name}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void save()}>
            撤销出库
          </button>
        </>
      }
    >
      <FormGrid columns={1}>
        <TextField
          label="撤销原因"
          value={reason}
          onChange={setReason}
          error={error}
          required
          name="pool-reason"
        />
        <TextField label="出库时间" value={date} onChange={setDate} placeholder="如 2026.11" />
      </FormGrid>
    </Dialog>
  )
}

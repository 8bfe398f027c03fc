/**
 * 后备干部库: the pool by level and status, its figures (level, age band, gender), adding people
 * (several at once), moving them to 考察对象 / 已使用, removing with a reason, export.
 * The header and the cards read the same figures (reserve.figures), so they say the same number;
 * list and figures refetch after any change to the pool, here or from the roster.
 */
import { useState } from 'react'
import { RESERVE_LEVELS, RESERVE_STATUSES } from '../../../../main/records/kinds'
import type { PoolFigures, PoolRow } from '../../../../main/records/reserve'
import { call, downloadBytes } from '../../api'
import {
  CadreLink,
  EmptyState,
  FormGrid,
  Page,
  Segmented,
  Spacer,
  TextField,
  Toolbar,
} from '../../components'
import { ActionDialog, Loaded, RecordTable, useAction, type Column } from '../../kit'
import { useApiQuery } from '../../lib/query'
import { AddToPoolDialog } from './AddToPoolDialog'
import { dots, tidyMonth, todayStr } from './shared'

/** 在库 and 已列为考察对象 from the figures' status card: the header says exactly these. */
function statusCount(f: PoolFigures, status: string): number {
  return f.byStatus.find((s) => s.status === status)?.count ?? 0
}

export function ReservePage() {
  const [level, setLevel] = useState<string | null>(null)
  const [status, setStatus] = useState<string>('current')
  const [search, setSearch] = useState('')
  const [adding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<PoolRow | null>(null)
  const statuses = status === 'current' ? ['在库', '已列为考察对象'] : status === 'all' ? [] : [status]
  const q = { level, statuses, search: search.trim() || null }
  const pool = useApiQuery('reserve.list', q, { keepPrevious: true })
  const figures = useApiQuery('reserve.figures', { level }, { keepPrevious: true })
  const f = figures.data
  const setEntryStatus = useAction(
    (r: PoolRow, s: string) => call('reserve.setStatus', { entryId: r.id, status: s }),
    { success: (_, r, s) => `${r.name}：${s}` },
  )
  const exportIt = useAction(() => call('reserve.export', q), {
    success: (r) => `已导出 ${r.rows} 人`,
    onDone: (r) =>
      downloadBytes(r.bytes, r.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  })
  const columns: Column<PoolRow>[] = [
    { key: 'no', title: '序号', className: 'rec-num', render: (_, i) => i + 1 },
    { key: 'name', title: '姓名', render: (r) => <CadreLink id={r.cadreId} name={r.name} /> },
    { key: 'gender', title: '性别' },
    { key: 'age', title: '年龄' },
    { key: 'unit', title: '工作单位' },
    { key: 'position', title: '现任职务' },
    { key: 'level', title: '后备层次' },
    { key: 'entryWay', title: '入库方式' },
    { key: 'entryDate', title: '入库时间', render: (r) => dots(r.entryDate) },
    {
      key: 'status',
      title: '状态',
      render: (r) => (
        <>
          <span
            className={
              r.status === '已撤销' ? 'tag' : r.status === '已列为考察对象' ? 'tag tag-red' : 'tag tag-green'
            }
          >
            {r.status}
          </span>
          {r.exitReason ? <div className="muted">{`${dots(r.exitDate)} ${r.exitReason}`}</div> : null}
        </>
      ),
    },
    {
      key: 'ops',
      title: '操作',
      className: 'rec-ops',
      render: (r) => (
        <>
          {r.status === '在库' ? (
            <button
              type="button"
              className="btn-link"
              disabled={setEntryStatus.busy}
              onClick={() => void setEntryStatus.run(r, '已列为考察对象')}
            >
              列为考察对象
            </button>
          ) : null}
          {r.status === '已列为考察对象' ? (
            <>
              <button
                type="button"
                className="btn-link"
                disabled={setEntryStatus.busy}
                onClick={() => void setEntryStatus.run(r, '已使用')}
              >
                已使用
              </button>
              <button
                type="button"
                className="btn-link"
                disabled={setEntryStatus.busy}
                onClick={() => void setEntryStatus.run(r, '在库')}
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
        </>
      ),
    },
  ]
  return (
    <Page
      title="后备干部库"
      subtitle={
        f ? (
          <span data-testid="pool-header-count">
            在库 {statusCount(f, '在库')} 人 · 考察对象 {statusCount(f, '已列为考察对象')} 人
          </span>
        ) : undefined
      }
      testId="reserve-page"
      fill
      actions={
        <>
          <button type="button" className="btn" disabled={exportIt.busy} onClick={() => void exportIt.run()}>
            {exportIt.busy ? '正在导出…' : '导出名册'}
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
          {pool.data ? <span className="muted">列出 {pool.data.length} 条</span> : null}
        </Toolbar>
      }
    >
      <div className="rec-column">
        <Loaded query={figures} what="读取后备干部统计" loading={null}>
          {(f) => <FigureCards f={f} />}
        </Loaded>
        <div className="rec-scroll">
          <Loaded
            query={pool}
            what="读取后备干部名单"
            isEmpty={(rows) => rows.length === 0}
            empty={
              <EmptyState title="没有符合条件的后备干部">
                <p>在花名册中勾选干部后点“加入后备干部库”，或点右上角“加入后备干部”。</p>
              </EmptyState>
            }
          >
            {(rows) => (
              <RecordTable
                columns={columns}
                rows={rows}
                rowKey={(r) => r.id}
                testId="pool-table"
                rowTestId="pool-row"
                pageSize={200}
              />
            )}
          </Loaded>
        </div>
      </div>
      {adding ? <AddToPoolDialog cadreIds={[]} onClose={() => setAdding(false)} /> : null}
      {removing ? <RemoveDialog row={removing} onClose={() => setRemoving(null)} /> : null}
    </Page>
  )
}

function FigureCards({ f }: { f: PoolFigures }) {
  return (
    <div className="rec-figures" data-testid="pool-figures">
      <div className="rec-figure">
        <div className="rec-figure-title">按层次（在库及考察对象）</div>
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
      <div className="rec-figure" data-testid="pool-status-card">
        <div className="rec-figure-title">按状态（含已出库）</div>
        <Bars items={f.byStatus.map((s) => ({ label: s.status, count: s.count }))} />
      </div>
    </div>
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

function RemoveDialog({ row, onClose }: { row: PoolRow; onClose(): void }) {
  const [reason, setReason] = useState('')
  const [date, setDate] = useState(todayStr().slice(0, 7).replace('-', '.'))
  const [error, setError] = useState<string | null>(null)
  const save = async () => {
    if (!reason.trim()) {
      setError('请填写撤销原因')
      return false
    }
    await call('reserve.setStatus', {
      entryId: row.id,
      status: '已撤销',
      reason: reason.trim(),
      date: tidyMonth(date),
    })
    return null
  }
  return (
    <ActionDialog
      title={`撤销后备干部：${row.name}`}
      onClose={onClose}
      onConfirm={save}
      success={`已将${row.name}从${row.level}库撤销`}
      confirmText="撤销出库"
      busyText="正在撤销…"
      danger
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
    </ActionDialog>
  )
}

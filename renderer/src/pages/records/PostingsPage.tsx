/** 一线/派驻: who is stationed now, every posting, and adding a posting for a cadre. */
import { useState } from 'react'
import type { CadreRow } from '../../../../main/domain/cadre'
import { POSTING_KINDS } from '../../../../main/records/kinds'
import { call } from '../../api'
import {
  CadreLink,
  Dialog,
  EmptyState,
  FormGrid,
  Page,
  Segmented,
  SelectField,
  Spacer,
  TextField,
  Toolbar,
  showError,
  showMessage,
} from '../../components'
import { CadrePicker } from './CadrePicker'
import { CountLine, dots, tidyMonth, todayStr, useLoad } from './shared'

export function PostingsPage() {
  const [view, setView] = useState<'current' | 'all'>('current')
  const [kind, setKind] = useState('')
  const [search, setSearch] = useState('')
  const [adding, setAdding] = useState(false)
  const key = `${view}|${kind}|${search}`
  const { data, reload } = useLoad(
    () => call('postings.list', { kind: kind || null, search: search.trim() || null }),
    [key],
  )
  const rows = (data ?? []).filter((r) => view === 'all' || r.current)
  const counts = new Map<string, number>()
  for (const r of data ?? []) if (r.current) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1)
  return (
    <Page
      title="一线/派驻"
      subtitle={`当前在派 ${(data ?? []).filter((r) => r.current).length} 人`}
      testId="postings-page"
      fill
      actions={
        <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
          新增派驻
        </button>
      }
      toolbar={
        <Toolbar>
          <Segmented
            ariaLabel="范围"
            options={[
              { value: 'current', label: '当前在派' },
              { value: 'all', label: '全部派驻记录' },
            ]}
            value={view}
            onChange={setView}
          />
          <select className="input" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">全部类型</option>
            {POSTING_KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
          <input
            className="input rec-short"
            placeholder="姓名 / 村名"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Spacer />
          <CountLine items={[...counts].map(([label, count]) => ({ label, count }))} />
        </Toolbar>
      }
    >
      <div className="rec-scroll">
        {data && rows.length === 0 ? (
          <EmptyState title={view === 'current' ? '当前没有在派干部' : '暂无派驻记录'}>
            <p>点右上角“新增派驻”，或在干部信息的“一线/派驻”页签中录入。</p>
          </EmptyState>
        ) : (
          <table className="table rec-grid" data-testid="postings-table">
            <thead>
              <tr>
                <th className="rec-num">序号</th>
                <th>姓名</th>
                <th>性别</th>
                <th>工作单位</th>
                <th>现任职务</th>
                <th>派驻类型</th>
                <th>派驻村（单位）</th>
                <th>开始时间</th>
                <th>结束时间</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.postingId}>
                  <td className="rec-num">{i + 1}</td>
                  <td>
                    <CadreLink id={r.cadreId} name={r.name} />
                  </td>
                  <td>{r.gender}</td>
                  <td>{r.unit}</td>
                  <td>{r.position}</td>
                  <td>{r.kind}</td>
                  <td>{r.place}</td>
                  <td>{dots(r.start)}</td>
                  <td>{r.end ? dots(r.end) : <span className="muted">至今</span>}</td>
                  <td>
                    {r.current ? (
                      <span className="tag tag-green">在派</span>
                    ) : (
                      <span className="tag">已结束</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {adding ? (
        <AddPosting
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false)
            reload()
          }}
        />
      ) : null}
    </Page>
  )
}

function AddPosting({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const [picked, setPicked] = useState<CadreRow[]>([])
  const [kind, setKind] = useState<string>(POSTING_KINDS[0])
  const [place, setPlace] = useState('')
  const [start, setStart] = useState(todayStr().slice(0, 7).replace('-', '.'))
  const [end, setEnd] = useState('')
  const save = async () => {
    try {
      for (const c of picked) {
        await call('records.add', {
          cadreId: c.id,
          kind: 'postings',
          data: { kind, place: place.trim() || null, start: tidyMonth(start), end: tidyMonth(end) },
        })
      }
      showMessage(`已为 ${picked.length} 人新增派驻记录`, 'success')
      onDone()
    } catch (e) {
      showError(e)
    }
  }
  return (
    <Dialog
      open
      title="新增派驻"
      onClose={onClose}
      width={680}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={picked.length === 0}
            onClick={() => void save()}
          >
            保存
          </button>
        </>
      }
    >
      <CadrePicker selected={picked} onChange={setPicked} />
      <FormGrid columns={2}>
        <SelectField label="派驻类型" value={kind} onChange={setKind} options={POSTING_KINDS} free required />
        <TextField label="派驻村（单位）" value={place} onChange={setPlace} />
        <TextField label="开始时间" value={start} onChange={setStart} placeholder="如 2021.06" />
        <TextField label="结束时间" value={end} onChange={setEnd} placeholder="在派留空" />
      </FormGrid>
    </Dialog>
  )
}

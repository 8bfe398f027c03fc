/** 一线/派驻: who is stationed now, every posting, and adding a posting for a cadre. The list
 *  refetches after any posting is saved, here or on a cadre's page. */
import { useState } from 'react'
import type { CadreRow } from '../../../../main/domain/cadre'
import { fieldOf } from '../../../../main/records/fields'
import { POSTING_KINDS } from '../../../../main/records/kinds'
import type { PostingListRow } from '../../../../main/records/postings'
import { call } from '../../api'
import {
  CadreLink,
  EmptyState,
  FormGrid,
  Page,
  Segmented,
  SelectField,
  Spacer,
  TextField,
  Toolbar,
} from '../../components'
import { ActionDialog, Loaded, RecordTable, type Column } from '../../kit'
import { useApiQuery } from '../../lib/query'
import { CadrePicker } from './CadrePicker'
import { CountLine, dots, tidyMonth, todayStr } from './shared'

const COLUMNS: Column<PostingListRow>[] = [
  { key: 'no', title: '序号', className: 'rec-num', render: (_, i) => i + 1 },
  { key: 'name', title: '姓名', render: (r) => <CadreLink id={r.cadreId} name={r.name} /> },
  { key: 'gender', title: '性别' },
  { key: 'unit', title: '工作单位' },
  { key: 'position', title: '现任职务' },
  { key: 'kind', title: '派驻类型' },
  { key: 'place', title: '派驻村（单位）' },
  { key: 'start', title: '开始时间', render: (r) => dots(r.start) },
  {
    key: 'end',
    title: '结束时间',
    render: (r) => (r.end ? dots(r.end) : <span className="muted">至今</span>),
  },
  {
    key: 'current',
    title: '状态',
    render: (r) =>
      r.current ? <span className="tag tag-green">在派</span> : <span className="tag">已结束</span>,
  },
]

export function PostingsPage() {
  const [view, setView] = useState<'current' | 'all'>('current')
  const [kind, setKind] = useState('')
  const [search, setSearch] = useState('')
  const [adding, setAdding] = useState(false)
  const q = useApiQuery(
    'postings.list',
    { kind: kind || null, search: search.trim() || null },
    { keepPrevious: true },
  )
  const all = q.data ?? []
  const current = all.filter((r) => r.current)
  const counts = new Map<string, number>()
  for (const r of current) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1)
  return (
    <Page
      title="一线/派驻"
      subtitle={q.data ? `当前在派 ${current.length} 人` : undefined}
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
        <Loaded query={q} what="读取派驻记录">
          {(rows) => (
            <RecordTable
              columns={COLUMNS}
              rows={view === 'all' ? rows : current}
              rowKey={(r) => r.postingId}
              testId="postings-table"
              pageSize={200}
              empty={
                <EmptyState title={view === 'current' ? '当前没有在派干部' : '暂无派驻记录'}>
                  <p>点右上角“新增派驻”，或在干部信息的“一线/派驻”页签中录入。</p>
                </EmptyState>
              }
            />
          )}
        </Loaded>
      </div>
      {adding ? <AddPosting onClose={() => setAdding(false)} /> : null}
    </Page>
  )
}

function AddPosting({ onClose }: { onClose(): void }) {
  const [picked, setPicked] = useState<CadreRow[]>([])
  const [kind, setKind] = useState<string>(POSTING_KINDS[0])
  const [place, setPlace] = useState('')
  const [start, setStart] = useState(todayStr().slice(0, 7).replace('-', '.'))
  const [end, setEnd] = useState('')
  const save = async () => {
    // One call for the group: if one person's record is refused, nobody's lands.
    await call('records.addMany', {
      cadreIds: picked.map((c) => c.id),
      kind: 'postings',
      data: { kind, place: place.trim() || null, start: tidyMonth(start), end: tidyMonth(end) },
    })
  }
  return (
    <ActionDialog
      title="新增派驻"
      onClose={onClose}
      onConfirm={save}
      success={`已为 ${picked.length} 人新增派驻记录`}
      width={680}
      disabled={picked.length === 0}
    >
      <CadrePicker selected={picked} onChange={setPicked} />
      <FormGrid columns={2}>
        <SelectField label={fieldOf('postings', 'kind').label} value={kind} onChange={setKind} options={POSTING_KINDS} free required />
        <TextField label={fieldOf('postings', 'place').label} value={place} onChange={setPlace} />
        <TextField label={fieldOf('postings', 'start').label} value={start} onChange={setStart} placeholder="如 2021.06" />
        <TextField label={fieldOf('postings', 'end').label} value={end} onChange={setEnd} placeholder="在派留空" />
      </FormGrid>
    </ActionDialog>
  )
}

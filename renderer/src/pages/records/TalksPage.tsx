/**
 * 谈话记录: the ledger of all talks (filters by kind, date, unit, talker; Excel export; paged), the
 * escalation hints (督办 → 约谈 → 诫勉) and the due list of stationed cadres not talked to in
 * six months, each with one click to record the talk. Every list refetches after any talk is saved,
 * here or on a cadre's page (renderer/src/lib/query.tsx).
 */
import { useState } from 'react'
import { TALK_KINDS } from '../../../../main/records/kinds'
import type { DueRow, EscalationHint, TalkLedgerRow } from '../../../../main/records/talks'
import { call, downloadBytes } from '../../api'
import { CadreLink, Dialog, EmptyState, Page, Segmented, Spacer, Toolbar } from '../../components'
import type { CadreRow } from '../../../../main/domain/cadre'
import { Loaded, Pager, RecordTable, useAction, type Column } from '../../kit'
import { useApiQuery } from '../../lib/query'
import { CadrePicker } from './CadrePicker'
import { RecordEditor } from './RecordTab'
import { UnitSelect, dots, tidyDay, todayStr, useUnits } from './shared'

type View = 'ledger' | 'escalation' | 'due'
type Recording = { cadreId: number; name: string; kind: string }

export function TalksPage() {
  const [view, setView] = useState<View>('ledger')
  const [recording, setRecording] = useState<Recording | null>(null)
  const [picking, setPicking] = useState(false)
  const due = useApiQuery('talks.due', undefined)
  const esc = useApiQuery('talks.escalation', {})
  return (
    <Page
      title="谈话记录"
      testId="talks-page"
      fill
      toolbar={
        <Toolbar>
          <Segmented<View>
            ariaLabel="视图"
            options={[
              { value: 'ledger', label: '谈话台账', testId: 'talks-view-ledger' },
              {
                value: 'escalation',
                label: `督办提示${esc.data?.length ? `（${esc.data.length}）` : ''}`,
                testId: 'talks-view-escalation',
              },
              {
                value: 'due',
                label: `应谈未谈${due.data?.rows.length ? `（${due.data.rows.length}）` : ''}`,
                testId: 'talks-view-due',
              },
            ]}
            value={view}
            onChange={setView}
          />
          <button
            type="button"
            className="btn btn-primary"
            data-testid="talks-add"
            onClick={() => setPicking(true)}
          >
            新增谈话
          </button>
          <Spacer />
          <RuleSettings />
        </Toolbar>
      }
    >
      {view === 'ledger' ? <Ledger /> : null}
      {view === 'escalation' ? (
        <div className="rec-scroll">
          <Loaded
            query={esc}
            what="读取督办提示"
            isEmpty={(d) => d.length === 0}
            empty={
              <EmptyState title="没有需要升级处理的督办事项">
                <p>
                  规则：一次督办、二次约谈、三次诫勉。窗口期内已督办又约谈的干部，会在这里提示下一步为诫勉。
                </p>
              </EmptyState>
            }
          >
            {(rows) => (
              <RecordTable
                columns={escalationColumns(setRecording)}
                rows={rows}
                rowKey={(h) => h.cadreId}
                testId="escalation-table"
              />
            )}
          </Loaded>
        </div>
      ) : null}
      {view === 'due' ? (
        <div className="rec-scroll">
          <Loaded query={due} what="读取应谈未谈名单">
            {(d) => (
              <>
                <p className="rec-lead">
                  派驻在岗的干部每 {d.months} 个月至少谈话一次。以下干部自 {dots(d.since)} 以来没有谈话记录。
                </p>
                <RecordTable
                  columns={dueColumns(setRecording)}
                  rows={d.rows}
                  rowKey={(r) => r.cadreId}
                  testId="due-table"
                  rowTestId="due-row"
                  empty={<EmptyState title={`所有在派干部 ${d.months} 个月内都已谈话`} />}
                />
              </>
            )}
          </Loaded>
        </div>
      ) : null}
      {picking ? (
        <PickTalkSubject
          onClose={() => setPicking(false)}
          onPicked={(c) => {
            setPicking(false)
            setRecording({ cadreId: c.id, name: c.name ?? '', kind: '谈心谈话' })
          }}
        />
      ) : null}
      {recording ? (
        // RecordEditor says 已新增张三的谈话记录: one save, one message; the lists refresh by change events.
        <RecordEditor
          kind="talks"
          cadreId={recording.cadreId}
          record={null}
          initial={{ kind: recording.kind, date: todayStr().replace(/-/g, '.') }}
          onClose={() => setRecording(null)}
          subjectName={recording.name}
        />
      ) : null}
    </Page>
  )
}

function escalationColumns(record: (r: Recording) => void): Column<EscalationHint>[] {
  return [
    { key: 'name', title: '姓名', render: (h) => <CadreLink id={h.cadreId} name={h.name} /> },
    { key: 'unit', title: '工作单位' },
    { key: 'supervisionDate', title: '督办日期', render: (h) => dots(h.supervisionDate) },
    { key: 'interviewDate', title: '约谈日期', render: (h) => dots(h.interviewDate) },
    {
      key: 'nextStep',
      title: '下一步',
      render: (h) => <span className={h.nextStep === '诫勉' ? 'tag tag-red' : 'tag'}>{h.nextStep}</span>,
    },
    { key: 'message', title: '说明' },
    {
      key: 'ops',
      title: '',
      render: (h) => {
        const kind = h.nextStep === '诫勉' ? '诫勉谈话' : '约谈'
        return (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => record({ cadreId: h.cadreId, name: h.name, kind })}
          >
            记录{kind}
          </button>
        )
      },
    },
  ]
}

function dueColumns(record: (r: Recording) => void): Column<DueRow>[] {
  return [
    { key: 'name', title: '姓名', render: (r) => <CadreLink id={r.cadreId} name={r.name} /> },
    { key: 'unit', title: '工作单位' },
    { key: 'kind', title: '派驻类型' },
    { key: 'place', title: '派驻村（单位）' },
    {
      key: 'lastTalk',
      title: '最近一次谈话',
      render: (r) =>
        r.lastTalk ? (
          `${dots(r.lastTalk)} ${r.lastTalkKind ?? ''}`
        ) : (
          <span className="rec-bad">从未谈话</span>
        ),
    },
    {
      key: 'ops',
      title: '',
      render: (r) => (
        <button
          type="button"
          className="btn btn-small btn-primary"
          data-testid="due-record"
          onClick={() => record({ cadreId: r.cadreId, name: r.name, kind: '谈心谈话' })}
        >
          记录谈话
        </button>
      ),
    },
  ]
}

/** 新增谈话: first whose talk it is (by name, pinyin initials or ID number), then the talk itself. */
function PickTalkSubject({ onClose, onPicked }: { onClose(): void; onPicked(c: CadreRow): void }) {
  const [picked, setPicked] = useState<CadreRow[]>([])
  const first = picked[0]
  return (
    <Dialog
      open
      title="新增谈话：谈话对象"
      onClose={onClose}
      width={620}
      testId="talk-subject"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!first}
            data-testid="talk-subject-next"
            onClick={() => first && onPicked(first)}
          >
            下一步
          </button>
        </>
      }
    >
      <CadrePicker single selected={picked} onChange={setPicked} />
    </Dialog>
  )
}

/** The two thresholds of this page, kept in settings: the escalation window and the talk interval. */
function RuleSettings() {
  const { data } = useApiQuery('records.settings', undefined)
  const set = useAction((key: string, v: number) => call('settings.set', { key, value: v }), {
    success: '已更新规则设置',
  })
  if (!data) return null
  return (
    <span className="rec-rules muted">
      督办升级窗口
      <select
        className="input"
        value={data.escalationWindowMonths}
        data-testid="rule-window"
        disabled={set.busy}
        onChange={(e) => void set.run('records.escalationWindowMonths', Number(e.target.value))}
      >
        {[6, 12, 18, 24, 36].map((m) => (
          <option key={m} value={m}>
            {m} 个月
          </option>
        ))}
      </select>
      谈话周期
      <select
        className="input"
        value={data.talkDueMonths}
        data-testid="rule-due"
        disabled={set.busy}
        onChange={(e) => void set.run('records.talkDueMonths', Number(e.target.value))}
      >
        {[3, 6, 12].map((m) => (
          <option key={m} value={m}>
            {m} 个月
          </option>
        ))}
      </select>
    </span>
  )
}

const LEDGER_PAGE = 100

const LEDGER_COLUMNS: Column<TalkLedgerRow>[] = [
  { key: 'date', title: '谈话日期', render: (t) => dots(t.date) },
  { key: 'name', title: '姓名', render: (t) => <CadreLink id={t.cadreId} name={t.name} /> },
  { key: 'unit', title: '工作单位' },
  {
    key: 'kind',
    title: '谈话类型',
    render: (t) =>
      t.kind === '诫勉谈话' || t.kind === '约谈' ? <span className="tag tag-red">{t.kind}</span> : t.kind,
  },
  { key: 'talker', title: '谈话人' },
  { key: 'reason', title: '谈话事由', className: 'rec-long' },
  { key: 'followUp', title: '整改要求', className: 'rec-long' },
  { key: 'followUpDeadline', title: '整改期限', render: (t) => dots(t.followUpDeadline) },
  { key: 'docNo', title: '文号' },
]

const dayOrNull = (raw: string): string | null => {
  const d = tidyDay(raw)
  return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null
}

function Ledger() {
  const units = useUnits()
  const [kind, setKind] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [unitId, setUnitId] = useState<number | null>(null)
  const [talker, setTalker] = useState('')
  const [search, setSearch] = useState('')
  const [page, setPage] = useState(0)
  const q = {
    kinds: kind ? [kind] : undefined,
    from: dayOrNull(from),
    to: dayOrNull(to),
    unitId,
    talker: talker.trim() || null,
    search: search.trim() || null,
  }
  // One page of the ledger at a time: the first rows show at once however many talks there are.
  const ledger = useApiQuery(
    'talks.ledger',
    { ...q, offset: page * LEDGER_PAGE, limit: LEDGER_PAGE },
    { keepPrevious: true },
  )
  const narrow =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      setPage(0)
    }
  const exportIt = useAction(() => call('talks.export', q), {
    success: (r) => `已导出 ${r.rows} 条谈话记录`,
    onDone: (r) =>
      downloadBytes(r.bytes, r.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  })
  return (
    <div className="rec-column">
      <Toolbar>
        <select
          className="input"
          value={kind}
          data-testid="ledger-kind"
          onChange={(e) => narrow(setKind)(e.target.value)}
        >
          <option value="">全部类型</option>
          {TALK_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <input
          className="input rec-date"
          placeholder="起始日期"
          value={from}
          onChange={(e) => narrow(setFrom)(e.target.value)}
        />
        <span className="muted">至</span>
        <input
          className="input rec-date"
          placeholder="截止日期"
          value={to}
          onChange={(e) => narrow(setTo)(e.target.value)}
        />
        <UnitSelect units={units} value={unitId} onChange={narrow(setUnitId)} />
        <input
          className="input rec-short"
          placeholder="谈话人"
          value={talker}
          onChange={(e) => narrow(setTalker)(e.target.value)}
        />
        <input
          className="input rec-short"
          placeholder="姓名 / 事由 / 文号"
          value={search}
          onChange={(e) => narrow(setSearch)(e.target.value)}
        />
        <Spacer />
        <span className="muted" data-testid="ledger-total">
          {ledger.data ? `共 ${ledger.data.total.toLocaleString('zh-CN')} 条` : ''}
        </span>
        <button
          type="button"
          className="btn"
          data-testid="talks-export"
          disabled={exportIt.busy}
          onClick={() => void exportIt.run()}
        >
          {exportIt.busy ? '正在导出…' : '导出 Excel'}
        </button>
      </Toolbar>
      <div className="rec-scroll">
        <Loaded query={ledger} what="读取谈话台账">
          {(d) => (
            <>
              <RecordTable
                columns={LEDGER_COLUMNS}
                rows={d.rows}
                rowKey={(t) => t.id}
                testId="ledger-table"
                rowTestId="ledger-row"
                empty={<EmptyState title="没有符合条件的谈话记录" />}
              />
              {d.total > LEDGER_PAGE ? (
                <Pager total={d.total} page={page} pageSize={LEDGER_PAGE} onPage={setPage} />
              ) : null}
            </>
          )}
        </Loaded>
      </div>
    </div>
  )
}

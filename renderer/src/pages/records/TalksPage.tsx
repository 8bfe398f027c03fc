/**
 * 谈话记录: the ledger of all talks (filters by kind, date, unit, talker; Excel export), the
 * escalation hints (督办 → 约谈 → 诫勉) and the due list of stationed cadres not talked to in
 * six months, each with one click to record the talk.
 */
import { useState } from 'react'
import { TALK_KINDS } from '../../../../main/records/kinds'
import { call, downloadBytes } from '../../api'
import {
  CadreLink,
  Dialog,
  EmptyState,
  Page,
  Segmented,
  Spacer,
  Toolbar,
  showError,
  showMessage,
} from '../../components'
import type { CadreRow } from '../../../../main/domain/cadre'
import { CadrePicker } from './CadrePicker'
import { RecordEditor } from './RecordTab'
import { UnitSelect, dots, tidyDay, todayStr, useLoad, useUnits } from './shared'

type View = 'ledger' | 'escalation' | 'due'

export function TalksPage() {
  const [view, setView] = useState<View>('ledger')
  const [recording, setRecording] = useState<{ cadreId: number; name: string; kind: string } | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const [picking, setPicking] = useState(false)
  const due = useLoad(() => call('talks.due', undefined), [reloadKey])
  const esc = useLoad(() => call('talks.escalation', {}), [reloadKey])
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
            onChange={(v) => {
              setView(v)
              setReloadKey((k) => k + 1)
            }}
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
          <RuleSettings onChanged={() => setReloadKey((k) => k + 1)} />
        </Toolbar>
      }
    >
      {view === 'ledger' ? <Ledger reloadKey={reloadKey} /> : null}
      {view === 'escalation' ? (
        <div className="rec-scroll">
          {esc.data && esc.data.length === 0 ? (
            <EmptyState title="没有需要升级处理的督办事项">
              <p>
                规则：一次督办、二次约谈、三次诫勉。窗口期内已督办又约谈的干部，会在这里提示下一步为诫勉。
              </p>
            </EmptyState>
          ) : (
            <table className="table rec-grid" data-testid="escalation-table">
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>工作单位</th>
                  <th>督办日期</th>
                  <th>约谈日期</th>
                  <th>下一步</th>
                  <th>说明</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {(esc.data ?? []).map((h) => (
                  <tr key={h.cadreId}>
                    <td>
                      <CadreLink id={h.cadreId} name={h.name} />
                    </td>
                    <td>{h.unit}</td>
                    <td>{dots(h.supervisionDate)}</td>
                    <td>{dots(h.interviewDate)}</td>
                    <td>
                      <span className={h.nextStep === '诫勉' ? 'tag tag-red' : 'tag'}>{h.nextStep}</span>
                    </td>
                    <td>{h.message}</td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() =>
                          setRecording({
                            cadreId: h.cadreId,
                            name: h.name,
                            kind: h.nextStep === '诫勉' ? '诫勉谈话' : '约谈',
                          })
                        }
                      >
                        记录{h.nextStep === '诫勉' ? '诫勉谈话' : '约谈'}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ) : null}
      {view === 'due' ? (
        <div className="rec-scroll">
          <p className="rec-lead">
            派驻在岗的干部每半年至少谈话一次。以下干部自 {dots(due.data?.since)} 以来（{due.data?.months ?? 6}{' '}
            个月内）没有谈话记录。
          </p>
          {due.data && due.data.rows.length === 0 ? (
            <EmptyState title="所有在派干部半年内都已谈话" />
          ) : (
            <table className="table rec-grid" data-testid="due-table">
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>工作单位</th>
                  <th>派驻类型</th>
                  <th>派驻村（单位）</th>
                  <th>最近一次谈话</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {(due.data?.rows ?? []).map((r) => (
                  <tr key={r.cadreId} data-testid="due-row">
                    <td>
                      <CadreLink id={r.cadreId} name={r.name} />
                    </td>
                    <td>{r.unit}</td>
                    <td>{r.kind}</td>
                    <td>{r.place}</td>
                    <td>
                      {r.lastTalk ? (
                        `${dots(r.lastTalk)} ${r.lastTalkKind ?? ''}`
                      ) : (
                        <span className="rec-bad">从未谈话</span>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small btn-primary"
                        data-testid="due-record"
                        onClick={() => setRecording({ cadreId: r.cadreId, name: r.name, kind: '谈心谈话' })}
                      >
                        记录谈话
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
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
        <RecordEditor
          kind="talks"
          open
          cadreId={recording.cadreId}
          record={null}
          initial={{ kind: recording.kind, date: todayStr().replace(/-/g, '.') }}
          onClose={() => setRecording(null)}
          subjectName={recording.name}
          onSaved={() => {
            // RecordEditor says 已新增张三的谈话记录: one save, one message.
            setRecording(null)
            setReloadKey((k) => k + 1)
          }}
        />
      ) : null}
    </Page>
  )
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
function RuleSettings({ onChanged }: { onChanged(): void }) {
  const { data, reload } = useLoad(() => call('records.settings', undefined), [])
  const set = async (key: string, v: number) => {
    try {
      await call('settings.set', { key, value: v })
      showMessage('已更新规则设置', 'success')
      reload()
      onChanged()
    } catch (e) {
      showError(e)
    }
  }
  if (!data) return null
  return (
    <span className="rec-rules muted">
      督办升级窗口
      <select
        className="input"
        value={data.escalationWindowMonths}
        data-testid="rule-window"
        onChange={(e) => void set('records.escalationWindowMonths', Number(e.target.value))}
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
        onChange={(e) => void set('records.talkDueMonths', Number(e.target.value))}
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

function Ledger({ reloadKey }: { reloadKey: number }) {
  const units = useUnits()
  const [kind, setKind] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [unitId, setUnitId] = useState<number | null>(null)
  const [talker, setTalker] = useState('')
  const [search, setSearch] = useState('')
  const q = {
    kinds: kind ? [kind] : undefined,
    from: /^\d{4}-\d{2}-\d{2}$/.test(tidyDay(from) ?? '') ? tidyDay(from) : null,
    to: /^\d{4}-\d{2}-\d{2}$/.test(tidyDay(to) ?? '') ? tidyDay(to) : null,
    unitId,
    talker: talker.trim() || null,
    search: search.trim() || null,
  }
  const key = JSON.stringify(q)
  const { data } = useLoad(() => call('talks.ledger', { ...q, limit: 2000 }), [key, reloadKey])
  const exportIt = async () => {
    try {
      const r = await call('talks.export', q)
      downloadBytes(r.bytes, r.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      showMessage(`已导出 ${r.rows} 条谈话记录`, 'success')
    } catch (e) {
      showError(e)
    }
  }
  return (
    <div className="rec-column">
      <Toolbar>
        <select
          className="input"
          value={kind}
          data-testid="ledger-kind"
          onChange={(e) => setKind(e.target.value)}
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
          onChange={(e) => setFrom(e.target.value)}
        />
        <span className="muted">至</span>
        <input
          className="input rec-date"
          placeholder="截止日期"
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <UnitSelect units={units} value={unitId} onChange={setUnitId} />
        <input
          className="input rec-short"
          placeholder="谈话人"
          value={talker}
          onChange={(e) => setTalker(e.target.value)}
        />
        <input
          className="input rec-short"
          placeholder="姓名 / 事由 / 文号"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Spacer />
        <span className="muted">共 {data?.total ?? 0} 条</span>
        <button type="button" className="btn" data-testid="talks-export" onClick={() => void exportIt()}>
          导出 Excel
        </button>
      </Toolbar>
      <div className="rec-scroll">
        <table className="table rec-grid" data-testid="ledger-table">
          <thead>
            <tr>
              <th>谈话日期</th>
              <th>姓名</th>
              <th>工作单位</th>
              <th>谈话类型</th>
              <th>谈话人</th>
              <th>谈话事由</th>
              <th>整改要求</th>
              <th>整改期限</th>
              <th>文号</th>
            </tr>
          </thead>
          <tbody>
            {(data?.rows ?? []).map((t) => (
              <tr key={t.id} data-testid="ledger-row">
                <td>{dots(t.date)}</td>
                <td>
                  <CadreLink id={t.cadreId} name={t.name} />
                </td>
                <td>{t.unit}</td>
                <td>
                  {t.kind === '诫勉谈话' || t.kind === '约谈' ? (
                    <span className="tag tag-red">{t.kind}</span>
                  ) : (
                    t.kind
                  )}
                </td>
                <td>{t.talker}</td>
                <td className="rec-long">{t.reason}</td>
                <td className="rec-long">{t.followUp}</td>
                <td>{dots(t.followUpDeadline)}</td>
                <td>{t.docNo}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data && data.rows.length === 0 ? <EmptyState title="没有符合条件的谈话记录" /> : null}
      </div>
    </div>
  )
}

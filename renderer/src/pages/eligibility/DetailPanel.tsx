/**
 * The evidence of one candidate: each rule with its result, reason and the records it used;
 * when the cadre becomes eligible if nothing else changes; overriding a failed rule with a
 * written reason; the decision (推荐 / 暂缓 / 不予推荐) with a note; the 资格审查表 as PDF.
 */
import { useEffect, useRef, useState } from 'react'
import { dateTimeDots } from '../../../../main/domain/dates'
import { versionText, type RuleId, type Target } from '../../../../main/eligibility/rules'
import {
  DECISIONS,
  type Decision,
  type ReviewDetail,
  type RuleDetail,
} from '../../../../main/eligibility/types'
import { call, downloadBytes } from '../../api'
import { LoadError } from '../../kit'
import { setApiData, useApiQuery } from '../../lib/query'
import { CadreLink, DayInput, confirmDialog, showError, showMessage } from '../../components'
import { OUTCOME_MARK, OUTCOME_TEXT, dotDates, verdictOf } from './shared'
import { ReviewVacancies } from '../units/ReviewVacancies'

const MIN_REASON = 5

function RuleItem({
  rule,
  busy,
  onOverride,
  onRevoke,
}: {
  rule: RuleDetail
  busy: boolean
  onOverride(ruleId: RuleId, reason: string): Promise<boolean>
  onRevoke(overrideId: number): void
}) {
  const [editing, setEditing] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const tone = rule.override ? 'override' : rule.result
  const submit = async () => {
    if ([...reason.trim()].length < MIN_REASON) {
      setError(`请写明豁免理由，至少 ${MIN_REASON} 个字`)
      return
    }
    setError(null)
    if (await onOverride(rule.id, reason.trim())) {
      setEditing(false)
      setReason('')
    }
  }
  return (
    <li className={`elig-rule elig-rule-${tone}`} data-testid={`evidence-${rule.id}`}>
      <div className="elig-rule-head">
        <span className={`elig-mark elig-mark-${rule.override ? 'override' : rule.result}`}>
          {rule.override ? '✓' : OUTCOME_MARK[rule.result]}
        </span>
        <span className="elig-rule-label">{rule.label}</span>
        <span className="elig-rule-result">
          {rule.override ? '不符合（已豁免）' : OUTCOME_TEXT[rule.result]}
        </span>
        {rule.result === 'fail' && !rule.override && !rule.liftable ? (
          <span
            className="elig-no-lift"
            title={rule.liftNote ?? '条例 第九条只允许对任职资格破格'}
            data-testid={`no-override-${rule.id}`}
          >
            不可豁免
          </span>
        ) : null}
        {rule.result === 'fail' && !rule.override && rule.liftable && !editing ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setEditing(true)}
            data-testid={`override-${rule.id}`}
          >
            豁免…
          </button>
        ) : null}
      </div>
      <div className="elig-rule-reason">{dotDates(rule.reason)}</div>
      <div className="elig-rule-article muted" data-testid={`article-${rule.id}`}>
        依据：{rule.article}
      </div>
      {rule.result === 'fail' && !rule.override && rule.liftNote ? (
        <div className="elig-rule-article muted" data-testid={`no-lift-note-${rule.id}`}>
          不可豁免：{dotDates(rule.liftNote)}
        </div>
      ) : null}
      {rule.evidence.length > 0 && !(rule.evidence.length === 1 && rule.evidence[0] === rule.reason) ? (
        <ul className="elig-evidence">
          {rule.evidence.map((e, i) => (
            <li key={i}>{dotDates(e)}</li>
          ))}
        </ul>
      ) : null}
      {rule.result === 'fail' && rule.passesFrom ? (
        <div className="elig-rule-cure">{dotDates(rule.passesFrom)} 起本项符合</div>
      ) : null}
      {rule.override ? (
        <div className="elig-override" data-testid={`override-info-${rule.id}`}>
          <div>
            <b>豁免理由：</b>
            {rule.override.reason}
          </div>
          <div className="muted">
            {rule.override.actor} · {dateTimeDots(rule.override.createdAt)} ·{' '}
            {versionText(rule.override.ruleSetVersion)} · 依据条例 第九条（破格）
            <button
              type="button"
              className="btn-link"
              disabled={busy}
              onClick={() => onRevoke(rule.override!.id)}
            >
              撤销豁免
            </button>
          </div>
        </div>
      ) : null}
      {editing ? (
        <div className="elig-override-form">
          <textarea
            className="input textarea"
            rows={3}
            placeholder="写明豁免此项的理由（如经部务会研究同意的依据），将记入变更记录"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-label={`${rule.label}豁免理由`}
            aria-invalid={error ? true : undefined}
            data-testid="override-reason"
          />
          {error ? (
            <div className="field-error" role="alert">
              {error}
            </div>
          ) : null}
          <div className="elig-override-actions">
            <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
              取消
            </button>
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={busy}
              onClick={() => void submit()}
              data-testid="override-confirm"
            >
              确认豁免
            </button>
          </div>
        </div>
      ) : null}
    </li>
  )
}

export function DetailPanel({
  cadreId,
  target,
  at,
  onClose,
  onChanged,
}: {
  cadreId: number
  target: Target
  at: string
  onClose(): void
  /** After a decision, an override or an investigation (the page's grid also refreshes on the
   *  change the data side announces). */
  onChanged?(): void
}) {
  // Through the query cache: any commit (a record edited on another page, a rule set saved, a
  // decision taken in another window) refetches it, as it does the page's grid.
  const arg = { cadreId, target, at }
  const detail = useApiQuery('eligibility.detail', arg)
  const d = detail.data ?? null
  const [busy, setBusy] = useState(false)
  const [decision, setDecision] = useState<Decision | null>(null)
  const [note, setNote] = useState('')
  const [printing, setPrinting] = useState(false)
  const [invOpen, setInvOpen] = useState(false)
  const [invSince, setInvSince] = useState('')
  const [invNote, setInvNote] = useState('')

  // The decision form starts from the last decision, once per cadre, target and day: a refetch
  // (a change made elsewhere) does not overwrite what the head is typing.
  const formFor = useRef('')
  useEffect(() => {
    const key = JSON.stringify([cadreId, target, at])
    if (!d || formFor.current === key) return
    formFor.current = key
    setDecision(d.decisions[0]?.decision ?? null)
    setNote(d.decisions[0]?.note ?? '')
  }, [d, cadreId, target, at])

  const apply = (r: ReviewDetail) => {
    setApiData('eligibility.detail', arg, r)
    onChanged?.()
  }

  const override = async (ruleId: RuleId, reason: string): Promise<boolean> => {
    setBusy(true)
    try {
      apply(await call('eligibility.override', { cadreId, target, at, ruleId, reason }))
      showMessage('已豁免，理由已记入变更记录', 'success')
      return true
    } catch (e) {
      showError(e)
      return false
    } finally {
      setBusy(false)
    }
  }

  const revoke = async (overrideId: number) => {
    if (!(await confirmDialog({ title: '撤销豁免', message: '撤销后该项恢复为不符合。确定撤销吗？' }))) return
    setBusy(true)
    try {
      apply(await call('eligibility.revokeOverride', { overrideId, target, at }))
      showMessage('已撤销豁免', 'success')
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const saveDecision = async () => {
    if (!decision) {
      showMessage('请先选择处理意见', 'warning')
      return
    }
    setBusy(true)
    try {
      const r = await call('eligibility.decide', { cadreId, target, at, decision, note: note.trim() || null })
      apply(r)
      showMessage(`已记录处理意见：${decision}`, 'success')
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const setInvestigation = async (active: boolean) => {
    setBusy(true)
    try {
      const r = await call('eligibility.setInvestigation', {
        cadreId,
        target,
        at,
        active,
        since: active && invSince ? invSince : null,
        note: active ? invNote.trim() || null : null,
      })
      apply(r)
      setInvOpen(false)
      showMessage(active ? '已登记正在接受的立案审查调查' : '已结束审查调查登记', 'success')
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const print = async () => {
    setPrinting(true)
    try {
      const r = await call('eligibility.print', { target, at, cadreIds: [cadreId] })
      downloadBytes(r.bytes, r.fileName, 'application/pdf')
      showMessage(`已生成 ${r.fileName}`, 'success')
    } catch (e) {
      showError(e)
    } finally {
      setPrinting(false)
    }
  }

  if (!d) {
    return (
      <aside className="elig-panel" data-testid="elig-panel">
        {detail.isError ? (
          <>
            <LoadError
              error={detail.error}
              what="读取审查详情"
              retry={() => void detail.refetch()}
              busy={detail.isFetching}
            />
            <button type="button" className="btn btn-small" onClick={onClose}>
              关闭
            </button>
          </>
        ) : (
          <div className="elig-panel-loading muted">正在加载…</div>
        )}
      </aside>
    )
  }
  const v = verdictOf(d)
  return (
    <aside className="elig-panel" data-testid="elig-panel" aria-label={`${d.cadre.name}的资格审查`}>
      <div className="elig-panel-head">
        <div>
          <div className="elig-panel-name">
            <CadreLink id={d.cadre.id} name={d.cadre.name} title="打开干部信息" />
            <span className={`elig-verdict elig-${v.tone}`} data-testid="elig-panel-verdict">
              {v.text}
            </span>
          </div>
          <div className="muted">
            {[d.cadre.unit, d.cadre.position].filter(Boolean).join(' · ')}
            {d.cadre.age !== null ? ` · ${d.cadre.age}岁` : ''}
          </div>
        </div>
        <button type="button" className="dialog-close" aria-label="关闭" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="elig-panel-body">
        <div
          className={`elig-projection elig-${d.eligible === true ? 'ok' : d.projection.date ? 'unknown' : 'bad'}`}
        >
          <span className="elig-projection-label">预计符合日期</span>
          <span data-testid="elig-projection">
            {d.eligible === true ? `已符合（${dotDates(d.at)}）` : dotDates(d.projection.text)}
          </span>
        </div>
        <ReviewVacancies target={target} at={at} cadreId={cadreId} />
        {d.rules.some((r) => r.result !== 'pass') ? (
          <ul className="elig-summary" data-testid="elig-summary">
            {d.rules
              .filter((r) => r.result !== 'pass')
              .map((r) => (
                <li key={r.id} className={r.override ? 'elig-summary-override' : `elig-summary-${r.result}`}>
                  <b>{r.override ? '已豁免' : r.result === 'fail' ? '不符合' : '待补充'}</b> {r.label}：
                  {dotDates(r.reason)}
                </li>
              ))}
          </ul>
        ) : null}
        <ol className="elig-rules">
          {d.rules.map((r) => (
            <RuleItem
              key={r.id}
              rule={r}
              busy={busy}
              onOverride={override}
              onRevoke={(id) => void revoke(id)}
            />
          ))}
        </ol>
        {d.rules.some((r) => r.id === 'investigation') ? (
          <section className="elig-investigation" data-testid="elig-investigation">
            {d.investigation ? (
              <div>
                已登记：{d.investigation.since ? `${dotDates(d.investigation.since)} 起` : ''}正在接受立案审查调查
                {d.investigation.note ? `（${d.investigation.note}）` : ''}
                <button
                  type="button"
                  className="btn-link"
                  disabled={busy}
                  onClick={() => void setInvestigation(false)}
                >
                  结束登记
                </button>
              </div>
            ) : invOpen ? (
              <div className="elig-investigation-form">
                <label>
                  起始日期
                  <DayInput value={invSince} allowEmpty onChange={(d) => setInvSince(d ?? '')} />
                </label>
                <input
                  className="input"
                  placeholder="说明（如立案机关）"
                  value={invNote}
                  onChange={(e) => setInvNote(e.target.value)}
                />
                <button type="button" className="btn btn-small" onClick={() => setInvOpen(false)}>
                  取消
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-primary"
                  disabled={busy}
                  onClick={() => void setInvestigation(true)}
                >
                  登记
                </button>
              </div>
            ) : (
              <button type="button" className="btn-link" onClick={() => setInvOpen(true)}>
                登记正在接受的立案审查调查…
              </button>
            )}
          </section>
        ) : null}
        <section className="elig-decision">
          <h3>处理意见</h3>
          <div className="elig-decision-choices" role="radiogroup" aria-label="处理意见">
            {DECISIONS.map((x) => (
              <label key={x} className={decision === x ? 'elig-choice active' : 'elig-choice'}>
                <input
                  type="radio"
                  name="elig-decision"
                  checked={decision === x}
                  onChange={() => setDecision(x)}
                  data-testid={`decision-${x}`}
                />
                {x}
              </label>
            ))}
          </div>
          <textarea
            className="input textarea"
            rows={2}
            placeholder="说明（可选）"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-label="处理意见说明"
            data-testid="decision-note"
          />
          <div className="elig-decision-actions">
            <button
              type="button"
              className="btn"
              disabled={printing}
              onClick={() => void print()}
              data-testid="elig-print"
            >
              {printing ? '正在生成…' : '打印审查表（PDF）'}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => void saveDecision()}
              data-testid="decision-save"
            >
              保存意见
            </button>
          </div>
          {d.decisions.length > 0 ? (
            <ul className="elig-history">
              {d.decisions.map((x) => (
                <li key={x.id}>
                  <b>{x.decision}</b>
                  {x.note ? `：${x.note}` : ''}
                  <span className="muted">
                    {' '}
                    · {x.actor} · {dateTimeDots(x.createdAt)} · 当时结论{x.verdict} · 规则第{' '}
                    {x.ruleSetVersion} 版
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </div>
    </aside>
  )
}

/**
 * 研判: rounds (name, date, weighted dimensions, the group), the score grid with weighted totals,
 * rank within the round, conclusion and recommendation per person; and the monthly ranking of
 * stationed cadres. Rounds, grid and ranking refetch after any save (renderer/src/lib/query.tsx).
 */
import { useMemo, useState } from 'react'
import type { CadreRow } from '../../../../main/domain/cadre'
import { POSTING_KINDS, STUDY_CONCLUSIONS, STUDY_RECOMMENDATIONS } from '../../../../main/records/kinds'
import type { RoundGridRow, StudyRound } from '../../../../main/records/studies'
import { call } from '../../api'
import {
  CadreLink,
  EmptyState,
  FormGrid,
  Page,
  Segmented,
  Spacer,
  TextField,
  Toolbar,
  confirmDialog,
  showMessage,
} from '../../components'
import { ActionDialog, Loaded, useAction } from '../../kit'
import { useApiQuery } from '../../lib/query'
import { CadrePicker } from './CadrePicker'
import { UnitSelect, dots, tidyDay, todayStr, useUnits } from './shared'

const DEFAULT_DIMS = [
  { name: '政治素养', weight: 25 },
  { name: '工作实绩', weight: 40 },
  { name: '廉洁自律', weight: 15 },
  { name: '群众评价', weight: 20 },
]

export function StudiesPage() {
  const [view, setView] = useState<'rounds' | 'monthly'>('rounds')
  return (
    <Page
      title="研判"
      testId="studies-page"
      fill
      toolbar={
        <Toolbar>
          <Segmented
            ariaLabel="视图"
            options={[
              { value: 'rounds', label: '研判批次' },
              { value: 'monthly', label: '在派干部月度排名', testId: 'studies-monthly' },
            ]}
            value={view}
            onChange={setView}
          />
        </Toolbar>
      }
    >
      {view === 'rounds' ? <Rounds /> : <Monthly />}
    </Page>
  )
}

function Rounds() {
  const rounds = useApiQuery('studies.rounds', undefined)
  const [selected, setSelected] = useState<number | null>(null)
  const [creating, setCreating] = useState(false)
  // A round deleted (here or elsewhere) falls back to the newest one.
  const current =
    (selected !== null && rounds.data?.some((r) => r.id === selected) ? selected : null) ??
    rounds.data?.[0]?.id ??
    null
  return (
    <div className="rec-split">
      <aside className="rec-side">
        <button
          type="button"
          className="btn btn-primary rec-side-btn"
          data-testid="round-new"
          onClick={() => setCreating(true)}
        >
          新建研判批次
        </button>
        <Loaded
          query={rounds}
          what="读取研判批次"
          isEmpty={(d) => d.length === 0}
          empty={<div className="muted rec-empty">还没有研判批次</div>}
        >
          {(list) =>
            list.map((r) => (
              <button
                key={r.id}
                type="button"
                className={r.id === current ? 'rec-round active' : 'rec-round'}
                onClick={() => setSelected(r.id)}
              >
                <div className="rec-round-name">{r.name}</div>
                <div className="muted">
                  {dots(r.date)} · {r.groupLabel} · {r.scored}/{r.members} 人已评分
                </div>
              </button>
            ))
          }
        </Loaded>
      </aside>
      <section className="rec-main">
        {current !== null ? (
          <RoundGrid key={current} roundId={current} />
        ) : rounds.data ? (
          <EmptyState title="新建一个研判批次开始">
            <p>
              研判批次包括名称、日期、研判维度与权重、研判对象（全体第一书记、全体驻村工作队员、某乡镇班子或指定人员）。
            </p>
          </EmptyState>
        ) : null}
      </section>
      {creating ? (
        <CreateRound
          onClose={() => setCreating(false)}
          onCreated={(r) => {
            setCreating(false)
            setSelected(r.id)
          }}
        />
      ) : null}
    </div>
  )
}

type Edit = { scores: Record<string, string>; conclusion: string; recommendation: string }

function RoundGrid({ roundId }: { roundId: number }) {
  const grid = useApiQuery('studies.grid', { roundId })
  const data = grid.data
  const [edits, setEdits] = useState<Map<number, Edit>>(new Map())
  const round = data?.round
  const dims = useMemo(() => round?.dimensions ?? [], [round])
  const editOf = (r: RoundGridRow): Edit =>
    edits.get(r.studyId) ?? {
      scores: Object.fromEntries(
        dims.map((d) => [d.name, r.scores[d.name] === undefined ? '' : String(r.scores[d.name])]),
      ),
      conclusion: r.conclusion ?? '',
      recommendation: r.recommendation ?? '',
    }
  // Totals and ranks follow what is typed, before saving.
  const live = useMemo(() => {
    const rows = data?.rows ?? []
    const totals = rows.map((r) => {
      const e = edits.get(r.studyId)
      if (!e) return r.total
      let sum = 0
      let w = 0
      for (const d of dims) {
        const v = e.scores[d.name]
        if (v === undefined || v.trim() === '' || !Number.isFinite(Number(v))) return null
        sum += Number(v) * d.weight
        w += d.weight
      }
      return w ? Math.round((sum / w) * 10) / 10 : null
    })
    const sorted = totals.filter((t): t is number => t !== null).sort((a, b) => b - a)
    return totals.map((t) => ({ total: t, rank: t === null ? null : sorted.indexOf(t) + 1 }))
  }, [data, edits, dims])
  const set = (r: RoundGridRow, patch: Partial<Edit>, dim?: { name: string; value: string }) =>
    setEdits((old) => {
      const cur = old.get(r.studyId) ?? editOf(r)
      const next = new Map(old)
      next.set(r.studyId, {
        ...cur,
        ...patch,
        scores: dim ? { ...cur.scores, [dim.name]: dim.value } : cur.scores,
      })
      return next
    })
  const save = useAction(
    async () => {
      const entries = []
      for (const [studyId, e] of edits) {
        const scores: Record<string, number | null> = {}
        for (const [k, v] of Object.entries(e.scores)) {
          if (v.trim() === '') scores[k] = null
          else if (!Number.isFinite(Number(v))) throw new Error(`“${k}”的得分“${v}”不是数字`)
          else scores[k] = Number(v)
        }
        entries.push({
          studyId,
          scores,
          conclusion: e.conclusion || null,
          recommendation: e.recommendation || null,
        })
      }
      const r = await call('studies.save', { roundId, entries })
      // The saved values are shown before the edits go (no flash of the old ones).
      await grid.refetch()
      return r
    },
    {
      success: (r) => `已保存 ${r.changed} 人的研判结果`,
      onDone: () => setEdits(new Map()),
    },
  )
  const remove = useAction(
    async () => {
      if (!round) return false
      const ok = await confirmDialog({
        title: '删除研判批次',
        message: `删除“${round.name}”及其 ${round.members} 条研判记录？`,
        danger: true,
        okText: '删除',
      })
      if (ok) await call('studies.deleteRound', { id: roundId })
      return ok
    },
    { success: (ok) => (ok ? '已删除研判批次' : null) },
  )
  if (grid.isError || !data || !round)
    return (
      <Loaded query={grid} what="读取研判评分表">
        {() => null}
      </Loaded>
    )
  if (!data || !round) return null
  return (
    <div className="rec-column">
      <Toolbar>
        <b className="rec-round-title">{round.name}</b>
        <span className="muted">
          {dots(round.date)} · {round.groupLabel} · 维度：
          {dims.map((d) => `${d.name}（${d.weight}）`).join('、')}
        </span>
        <Spacer />
        <button type="button" className="btn" disabled={remove.busy} onClick={() => void remove.run()}>
          删除批次
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="round-save"
          disabled={save.busy || edits.size === 0}
          onClick={() => void save.run()}
        >
          {save.busy ? '正在保存…' : edits.size ? `保存（${edits.size} 人）` : '保存'}
        </button>
      </Toolbar>
      <datalist id="study-recs">
        {STUDY_RECOMMENDATIONS.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <div className="rec-scroll">
        <table className="table rec-grid" data-testid="round-grid">
          <thead>
            <tr>
              <th className="rec-num">序号</th>
              <th>姓名</th>
              <th>工作单位</th>
              {dims.map((d) => (
                <th key={d.name} className="rec-score-col">
                  {d.name}
                  <div className="muted rec-weight">权重 {d.weight}</div>
                </th>
              ))}
              <th>加权总分</th>
              <th>排名</th>
              <th>研判结论</th>
              <th>使用建议</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r, i) => {
              const e = editOf(r)
              const l = live[i]
              return (
                <tr key={r.studyId} className={edits.has(r.studyId) ? 'rec-row-changed' : undefined}>
                  <td className="rec-num">{i + 1}</td>
                  <td>
                    <CadreLink id={r.cadreId} name={r.name} />
                  </td>
                  <td>{r.unit}</td>
                  {dims.map((d) => (
                    <td key={d.name}>
                      <input
                        className="input rec-score"
                        inputMode="decimal"
                        value={e.scores[d.name] ?? ''}
                        aria-label={`${r.name} ${d.name}`}
                        onChange={(ev) => set(r, {}, { name: d.name, value: ev.target.value })}
                      />
                    </td>
                  ))}
                  <td className="rec-total">{l?.total ?? '—'}</td>
                  <td className="rec-rank">{l?.rank ?? '—'}</td>
                  <td>
                    <select
                      className="input"
                      value={e.conclusion}
                      onChange={(ev) => set(r, { conclusion: ev.target.value })}
                    >
                      <option value="">
                        {l?.total !== null && l?.total !== undefined
                          ? `（建议：${l.total >= 90 ? '优秀' : l.total >= 80 ? '较好' : l.total >= 60 ? '一般' : '较差'}）`
                          : '（未定）'}
                      </option>
                      {STUDY_CONCLUSIONS.map((c) => (
                        <option key={c}>{c}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      className="input rec-short"
                      list="study-recs"
                      value={e.recommendation}
                      onChange={(ev) => set(r, { recommendation: ev.target.value })}
                    />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}

function CreateRound({ onClose, onCreated }: { onClose(): void; onCreated(r: StudyRound): void }) {
  const units = useUnits()
  const year = todayStr().slice(0, 4)
  const half = Number(todayStr().slice(5, 7)) <= 6 ? '上半年' : '下半年'
  const [name, setName] = useState(`${year}年${half}第一书记研判`)
  const [date, setDate] = useState(todayStr().replace(/-/g, '.'))
  const [dims, setDims] = useState(DEFAULT_DIMS.map((d) => ({ name: d.name, weight: String(d.weight) })))
  const [groupKind, setGroupKind] = useState<'posting' | 'unit' | 'manual'>('posting')
  const [postingKind, setPostingKind] = useState<string>(POSTING_KINDS[0])
  const [unitId, setUnitId] = useState<number | null>(null)
  const [picked, setPicked] = useState<CadreRow[]>([])
  const save = async () => {
    const group =
      groupKind === 'posting'
        ? { kind: 'posting' as const, postingKind }
        : groupKind === 'unit'
          ? unitId === null
            ? null
            : { kind: 'unit' as const, unitId }
          : { kind: 'manual' as const, cadreIds: picked.map((p) => p.id) }
    if (!group) throw new Error('请选择研判的单位')
    const r = await call('studies.createRound', {
      name,
      date: tidyDay(date) ?? '',
      dimensions: dims
        .filter((d) => d.name.trim())
        .map((d) => ({ name: d.name.trim(), weight: Number(d.weight) })),
      group,
    })
    showMessage(`已建立“${r.name}”，共 ${r.members} 人`, 'success')
    onCreated(r)
    return null
  }
  return (
    <ActionDialog
      title="新建研判批次"
      onClose={onClose}
      onConfirm={save}
      width={720}
      testId="round-create"
      confirmTestId="round-create-confirm"
      confirmText="建立"
      busyText="正在建立…"
    >
      <FormGrid columns={2}>
        <TextField label="批次名称" value={name} onChange={setName} required name="round-name" />
        <TextField label="研判日期" value={date} onChange={setDate} required placeholder="如 2026.06.30" />
      </FormGrid>
      <div className="rec-subhead">研判维度与权重</div>
      <table className="table rec-dims">
        <thead>
          <tr>
            <th>维度</th>
            <th>权重</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {dims.map((d, i) => (
            <tr key={i}>
              <td>
                <input
                  className="input"
                  value={d.name}
                  placeholder="维度名称"
                  onChange={(e) =>
                    setDims(dims.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))
                  }
                />
              </td>
              <td>
                <input
                  className="input rec-score"
                  value={d.weight}
                  inputMode="decimal"
                  onChange={(e) =>
                    setDims(dims.map((x, k) => (k === i ? { ...x, weight: e.target.value } : x)))
                  }
                />
              </td>
              <td>
                <button
                  type="button"
                  className="btn-link rec-danger"
                  onClick={() => setDims(dims.filter((_, k) => k !== i))}
                >
                  删除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => setDims([...dims, { name: '', weight: '10' }])}
      >
        增加维度
      </button>
      <span className="muted rec-tip">
        权重合计 {dims.reduce((a, d) => a + (Number(d.weight) || 0), 0)}；总分为各维度得分按权重的加权平均。
      </span>
      <div className="rec-subhead">研判对象</div>
      <Segmented
        ariaLabel="研判对象"
        options={[
          { value: 'posting', label: '按派驻类型' },
          { value: 'unit', label: '某单位班子' },
          { value: 'manual', label: '指定人员' },
        ]}
        value={groupKind}
        onChange={setGroupKind}
      />
      <div className="rec-group">
        {groupKind === 'posting' ? (
          <select className="input" value={postingKind} onChange={(e) => setPostingKind(e.target.value)}>
            {POSTING_KINDS.map((k) => (
              <option key={k} value={k}>
                全体{k}（研判日期在派）
              </option>
            ))}
          </select>
        ) : null}
        {groupKind === 'unit' ? (
          <UnitSelect units={units} value={unitId} onChange={setUnitId} allLabel="（请选择单位）" />
        ) : null}
        {groupKind === 'manual' ? <CadrePicker selected={picked} onChange={setPicked} /> : null}
      </div>
    </ActionDialog>
  )
}

function Monthly() {
  const [month, setMonth] = useState(todayStr().slice(0, 7))
  const [kind, setKind] = useState('')
  const monthly = useApiQuery('studies.monthly', { month, kind: kind || null }, { keepPrevious: true })
  const [edits, setEdits] = useState<Map<number, string>>(new Map())
  const save = useAction(
    async () => {
      const entries = []
      for (const [cadreId, v] of edits) {
        if (v.trim() !== '' && !Number.isFinite(Number(v))) throw new Error(`得分“${v}”不是数字`)
        entries.push({ cadreId, score: v.trim() === '' ? null : Number(v) })
      }
      const r = await call('studies.setMonthly', { month, entries })
      await monthly.refetch()
      return r
    },
    { success: (r) => `已保存 ${r.changed} 人的月度得分`, onDone: () => setEdits(new Map()) },
  )
  const months = Array.from({ length: 18 }, (_, k) => {
    const d = new Date()
    d.setDate(1)
    d.setMonth(d.getMonth() - k)
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
  })
  return (
    <div className="rec-column">
      <Toolbar>
        <select className="input" value={month} onChange={(e) => setMonth(e.target.value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {m.replace('-', '年')}月
            </option>
          ))}
        </select>
        <select className="input" value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">全部在派干部</option>
          {POSTING_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <Spacer />
        <button
          type="button"
          className="btn btn-primary"
          disabled={save.busy || edits.size === 0}
          onClick={() => void save.run()}
        >
          {save.busy ? '正在保存…' : edits.size ? `保存（${edits.size} 人）` : '保存'}
        </button>
      </Toolbar>
      <div className="rec-scroll">
        <Loaded
          query={monthly}
          what="读取月度排名"
          isEmpty={(d) => d.length === 0}
          empty={<EmptyState title="该月没有在派干部" />}
        >
          {(data) => (
            <table className="table rec-grid" data-testid="monthly-table">
              <thead>
                <tr>
                  <th className="rec-num">排名</th>
                  <th>姓名</th>
                  <th>工作单位</th>
                  <th>派驻类型</th>
                  <th>派驻村（单位）</th>
                  <th>月度得分</th>
                </tr>
              </thead>
              <tbody>
                {data.map((r) => (
                  <tr key={r.cadreId}>
                    <td className="rec-num rec-rank">{r.rank ?? '—'}</td>
                    <td>{r.name}</td>
                    <td>{r.unit}</td>
                    <td>{r.kind}</td>
                    <td>{r.place}</td>
                    <td>
                      <input
                        className="input rec-score"
                        inputMode="decimal"
                        value={edits.get(r.cadreId) ?? (r.score === null ? '' : String(r.score))}
                        onChange={(e) => setEdits(new Map(edits).set(r.cadreId, e.target.value))}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Loaded>
      </div>
    </div>
  )
}

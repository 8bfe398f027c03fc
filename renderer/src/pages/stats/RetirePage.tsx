/**
 * 到龄提醒: who reaches the statutory retirement month (2025 reform) or a local age limit for
 * leaving a leadership post within the next N months, and who is already past it and still 在职.
 * 待补充 when the birth month is missing: never guessed.
 */
import { useState } from 'react'
import { POSITION_LEVELS } from '../../../../main/domain/fields'
import type { LeaderAgeLimit } from '../../../../main/services/retirement'
import { dateDots as dots } from '../../../../main/domain/dates'
import { call } from '../../api'
import { CadreLink, Dialog, EmptyState, Page, Spacer, Toolbar } from '../../components'
import { UnitPicker } from '../../components/UnitPicker'
import { Loaded, useAction, useUnits } from '../../kit'
import { useApiQuery } from '../../lib/query'
import './stats.css'

const WINDOWS = [3, 6, 12, 24, 36]

function when(monthsLeft: number): { text: string; cls: string } {
  if (monthsLeft < 0) return { text: `已超过 ${-monthsLeft} 个月`, cls: 'due-over' }
  if (monthsLeft === 0) return { text: '本月到龄', cls: 'due-now' }
  return { text: `${monthsLeft} 个月后`, cls: monthsLeft <= 3 ? 'due-soon' : '' }
}

export function RetirePage() {
  const units = useUnits()
  const [months, setMonths] = useState(12)
  const [unitId, setUnitId] = useState<number | null>(null)
  const [overdue, setOverdue] = useState(true)
  const [limitsOpen, setLimitsOpen] = useState(false)
  // One data hook: refetched when cadres, units or the local limits change, on any screen.
  const list = useApiQuery('retire.list', { months, unitId, includeOverdue: overdue }, { keepPrevious: true })
  const d = list.data
  const over = d?.rows.filter((r) => r.monthsLeft < 0).length ?? 0
  return (
    <Page
      title="到龄提醒"
      subtitle={
        d
          ? `${d.rows.length} 人次${over ? `，其中 ${over} 人次已超过到龄时间仍在职` : ''}；到 ${dots(d.until)}`
          : undefined
      }
      testId="retire-page"
      toolbar={
        <Toolbar>
          <label className="inline-label">
            未来
            <select
              className="input"
              value={months}
              data-testid="retire-months"
              onChange={(e) => setMonths(Number(e.target.value))}
            >
              {WINDOWS.map((m) => (
                <option key={m} value={m}>
                  {m} 个月
                </option>
              ))}
            </select>
          </label>
          <span className="stats-unit">
            <UnitPicker
              units={units}
              value={unitId}
              emptyLabel="全部单位"
              placeholder="全部单位"
              aria-label="单位"
              data-testid="retire-unit"
              onChange={(u) => setUnitId(u?.id ?? null)}
            />
          </span>
          <label className="inline-label">
            <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />
            含已超过到龄时间仍在职的
          </label>
          <Spacer />
          <button
            type="button"
            className="btn"
            data-testid="retire-limits"
            onClick={() => setLimitsOpen(true)}
          >
            退出领导岗位年龄设置
          </button>
        </Toolbar>
      }
    >
      <Loaded
        query={list}
        what="读取到龄名单"
        isEmpty={(x) => x.rows.length === 0 && x.missingCount === 0}
        empty={<EmptyState title={`未来 ${months} 个月内没有到龄的在职干部`} />}
      >
        {() => null}
      </Loaded>
      {d && !list.isError && d.rows.length > 0 ? (
        <table className="table stats-table" data-testid="retire-table">
          <thead>
            <tr>
              <th>到龄时间</th>
              <th>距今</th>
              <th>姓名</th>
              <th>性别</th>
              <th>出生年月</th>
              <th>工作单位</th>
              <th>现任职务</th>
              <th>职务层次</th>
              <th>类别</th>
              <th>依据</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => {
              const w = when(r.monthsLeft)
              return (
                <tr key={`${r.kind}-${r.cadreId}-${r.rule}`} className={w.cls}>
                  <td>{dots(r.date)}</td>
                  <td>{w.text}</td>
                  <td>
                    <CadreLink id={r.cadreId} name={r.name} />
                  </td>
                  <td>{r.gender}</td>
                  <td>{dots(r.birthDate)}</td>
                  <td>{r.unit}</td>
                  <td>{r.position}</td>
                  <td>{r.positionLevel}</td>
                  <td>{r.kind}</td>
                  <td>{r.rule}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : null}
      {d && !list.isError && d.missingCount > 0 ? (
        <details className="retire-missing" data-testid="retire-missing">
          <summary>另有 {d.missingCount} 名在职干部到龄时间待补充（缺出生年月或性别），请补全档案</summary>
          <ul>
            {d.missing.map((m) => (
              <li key={m.cadreId}>
                <CadreLink id={m.cadreId} name={m.name} />
                {m.unit ? `（${m.unit}）` : ''}：缺{m.lacks}
              </li>
            ))}
            {d.missingCount > d.missing.length ? <li>……仅列出前 {d.missing.length} 名</li> : null}
          </ul>
        </details>
      ) : null}
      <p className="stats-note">
        法定退休到龄时间按《全国人大常委会关于实施渐进式延迟法定退休年龄的决定》（2025 年 1 月 1 日起施行）
        逐月计算：男 60 岁、女 55 岁每 4 个月延迟 1 个月（最高 63 / 58 岁），原 50 岁的女职工每 2 个月延迟 1
        个月（最高 55 岁）。退出领导岗位年龄为本县规定，可在右上角设置。
      </p>
      <LimitsDialog
        open={limitsOpen}
        onClose={() => setLimitsOpen(false)}
        onSaved={() => setLimitsOpen(false)}
      />
    </Page>
  )
}

const LEADER_LEVELS = POSITION_LEVELS.filter((l) => l !== '一般干部')

function LimitsDialog({ open, onClose, onSaved }: { open: boolean; onClose(): void; onSaved(): void }) {
  const [rows, setRows] = useState<LeaderAgeLimit[] | null>(null)
  const loaded = useApiQuery('retire.limits', undefined, { enabled: open })
  const current = rows ?? loaded.data ?? []
  const set = (i: number, patch: Partial<LeaderAgeLimit>) =>
    setRows(current.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  // The list refreshes by the change event of settings (no reload callback).
  const saveAction = useAction(() => call('retire.setLimits', { limits: current }), {
    success: '已保存退出领导岗位年龄规则',
    onDone: () => {
      setRows(null)
      onSaved()
    },
  })
  const save = () => saveAction.run()
  return (
    <Dialog
      open={open}
      title="退出领导岗位年龄（本县规定）"
      width={640}
      testId="limits-dialog"
      onClose={() => {
        setRows(null)
        onClose()
      }}
      footer={
        <>
          <button
            type="button"
            className="btn"
            onClick={() => setRows([...current, { label: '', levels: ['正科'], gender: null, age: 55 }])}
          >
            添加规则
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="limits-save"
            disabled={saveAction.busy || !!loaded.error}
            onClick={() => void save()}
          >
            保存
          </button>
        </>
      }
    >
      {loaded.error ? (
        <div className="stats-error" role="alert">
          读取本县规定失败：{loaded.error.message}
        </div>
      ) : loaded.data === undefined && rows === null ? (
        <p className="muted">正在读取…</p>
      ) : current.length === 0 ? (
        <p>尚未设置。到龄提醒只列法定退休到龄。</p>
      ) : null}
      <table className="table">
        <thead>
          <tr>
            <th>名称</th>
            <th>职务层次</th>
            <th>性别</th>
            <th>年龄</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {current.map((r, i) => (
            <tr key={i}>
              <td>
                <input
                  className="input"
                  value={r.label}
                  placeholder="如 乡镇党政正职"
                  onChange={(e) => set(i, { label: e.target.value })}
                />
              </td>
              <td>
                {LEADER_LEVELS.map((l) => (
                  <label key={l} className="inline-label">
                    <input
                      type="checkbox"
                      checked={r.levels.includes(l)}
                      onChange={(e) =>
                        set(i, {
                          levels: e.target.checked ? [...r.levels, l] : r.levels.filter((x) => x !== l),
                        })
                      }
                    />
                    {l}
                  </label>
                ))}
              </td>
              <td>
                <select
                  className="input"
                  value={r.gender ?? ''}
                  onChange={(e) => set(i, { gender: (e.target.value || null) as LeaderAgeLimit['gender'] })}
                >
                  <option value="">不限</option>
                  <option value="男">男</option>
                  <option value="女">女</option>
                </select>
              </td>
              <td>
                <input
                  className="input"
                  type="number"
                  style={{ width: 64 }}
                  value={r.age}
                  onChange={(e) => set(i, { age: Number(e.target.value) })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setRows(current.filter((_, j) => j !== i))}
                >
                  删除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  )
}

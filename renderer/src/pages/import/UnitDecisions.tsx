/**
 * The import preview's question for each unit the roster names that is not in the unit tree
 * (issue 13): map it to a unit of the tree (close names offered first) or create it, under which
 * parent and of which kind. Nothing is created silently: the import starts when every unit is
 * decided, and the decisions travel with the import (applied in its one transaction).
 */
import { useState } from 'react'
import type { AskedUnit, UnitChoices } from '../../../../main/roster-import/session'
import { Segmented } from '../../components'
import { UnitPicker } from '../../components/UnitPicker'
import { useApiQuery } from '../../lib/query'

type Mode = 'map' | 'create'

export function UnitDecisions({
  units,
  choices,
  disabled,
  onChange,
}: {
  units: readonly AskedUnit[]
  choices: UnitChoices
  disabled: boolean
  onChange: (next: UnitChoices) => void
}) {
  const kinds = useApiQuery('units.kinds', undefined)
  const undecided = units.filter((u) => !choices[u.name])
  const set = (name: string, c: UnitChoices[string] | null): void => {
    const next = { ...choices }
    if (c) next[name] = c
    else delete next[name]
    onChange(next)
  }
  const bulk = (how: 'best' | 'create'): void => {
    const next = { ...choices }
    for (const u of undecided) {
      const best = u.suggestions[0]
      if (how === 'best' && best) next[u.name] = { action: 'map', unitId: best.id }
      if (how === 'create') next[u.name] = { action: 'create', parentId: null, kind: u.guessedKind }
    }
    onChange(next)
  }
  const withBest = undecided.filter((u) => u.suggestions.length > 0).length
  return (
    <section className="import-units" data-testid="import-units" aria-label="不在单位树中的单位">
      <div className="import-units-head">
        <span className="import-panel-title">
          表中有 {units.length} 个单位不在单位树中
          {undecided.length ? (
            <span className="import-count-reject" data-testid="import-units-undecided">
              还有 {undecided.length} 个未确定，确定后才能导入
            </span>
          ) : (
            <span className="import-units-done">已全部确定</span>
          )}
        </span>
        {undecided.length ? (
          <span className="import-units-bulk">
            {withBest ? (
              <button type="button" className="btn btn-small" disabled={disabled} onClick={() => bulk('best')} data-testid="import-units-all-best">
                未定的按最相近的单位对应（{withBest} 个）
              </button>
            ) : null}
            <button type="button" className="btn btn-small" disabled={disabled} onClick={() => bulk('create')} data-testid="import-units-all-create">
              未定的全部新建（最上级，按名称推断类别）
            </button>
          </span>
        ) : null}
      </div>
      {kinds.error ? <div className="import-alert import-alert-error">单位类别读取失败：{kinds.error.message}</div> : null}
      <table className="table import-units-table">
        <thead>
          <tr>
            <th>表中的单位</th>
            <th>处理</th>
            <th>对应到 / 新建在</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <UnitRow
              key={u.name}
              unit={u}
              choice={choices[u.name] ?? null}
              kinds={kinds.data ?? []}
              disabled={disabled}
              onChange={(c) => set(u.name, c)}
            />
          ))}
        </tbody>
      </table>
    </section>
  )
}

function UnitRow({
  unit,
  choice,
  kinds,
  disabled,
  onChange,
}: {
  unit: AskedUnit
  choice: UnitChoices[string] | null
  kinds: readonly string[]
  disabled: boolean
  onChange: (c: UnitChoices[string] | null) => void
}) {
  // The mode the clerk is in, also before the row is complete (map chosen, no unit picked yet).
  const [pending, setPending] = useState<Mode | null>(null)
  const mode: Mode | null = choice?.action ?? pending
  const best = unit.suggestions[0]
  return (
    <tr data-testid="import-unit-row" data-unit-name={unit.name} className={choice ? '' : 'import-unit-undecided'}>
      <td>
        <div className="import-unit-name">{unit.name}</div>
        <div className="muted">
          第 {unit.firstRow} 行起，共 {unit.rows} 行
        </div>
      </td>
      <td>
        <Segmented<Mode | 'none'>
          ariaLabel={`“${unit.name}”如何处理`}
          value={mode ?? 'none'}
          options={[
            { value: 'map', label: '对应到已有单位', testId: 'import-unit-map' },
            { value: 'create', label: '新建', testId: 'import-unit-create' },
          ]}
          onChange={(m) => {
            if (disabled || m === 'none') return
            setPending(m)
            if (m === 'create') onChange({ action: 'create', parentId: null, kind: unit.guessedKind })
            else if (choice?.action !== 'map') onChange(null)
          }}
        />
      </td>
      <td className="import-unit-target">
        {mode === 'map' ? (
          <UnitPicker
            value={choice?.action === 'map' ? choice.unitId : null}
            suggestions={unit.suggestions}
            placeholder={best ? `如：${best.name}` : '从单位树中选择'}
            aria-label={`“${unit.name}”对应到`}
            data-testid="import-unit-picker"
            disabled={disabled}
            invalid={!choice}
            onChange={(u) => onChange(u ? { action: 'map', unitId: u.id } : null)}
          />
        ) : null}
        {mode === 'create' && choice?.action === 'create' ? (
          <span className="import-unit-create">
            <span>上级</span>
            <UnitPicker
              value={choice.parentId}
              emptyLabel="（最上级）"
              placeholder="（最上级）"
              aria-label={`新建“${unit.name}”的上级单位`}
              data-testid="import-unit-parent"
              disabled={disabled}
              onChange={(u) => onChange({ ...choice, parentId: u?.id ?? null })}
            />
            <span>类别</span>
            <select
              className="input"
              aria-label={`新建“${unit.name}”的类别`}
              data-testid="import-unit-kind"
              disabled={disabled}
              value={choice.kind ?? ''}
              onChange={(e) => onChange({ ...choice, kind: e.target.value || null })}
            >
              <option value="">（未定）</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </span>
        ) : null}
        {mode === null ? (
          best ? (
            <button
              type="button"
              className="btn btn-small"
              disabled={disabled}
              data-testid="import-unit-best"
              title={best.path}
              onClick={() => onChange({ action: 'map', unitId: best.id })}
            >
              对应到“{best.name}”
            </button>
          ) : (
            <span className="muted">单位树中没有相近的名称</span>
          )
        ) : null}
      </td>
    </tr>
  )
}

/**
 * The LRMX preview's question for a cadre whose unit the file does not give (issue 13): map to a
 * unit of the tree (close names to the unit 现任职务 seems to name), create that unit under a parent
 * with a kind, or leave the cadre without a unit for now. Used by pages/form/LrmxImportPage.tsx.
 */
import { useEffect, useState } from 'react'
import type { LrmxItem, LrmxUnitChoices } from '../../../../main/lrmx/import'
import type { LrmxUnitQuestion } from '../../../../main/units/lrmx-units'
import { Segmented } from '../../components'
import { UnitPicker } from '../../components/UnitPicker'
import { useApiQuery } from '../../lib/query'
import './lrmx-unit.css'

type Choice = LrmxUnitChoices[string]
type Mode = Choice['action']

/** How many items still wait for a decision (the import waits for them). */
export function undecidedLrmxUnits(items: readonly LrmxItem[]): number {
  return items.filter((i) => i.unitQuestion && i.action !== 'rejected').length
}

export function LrmxUnitAsk({
  item,
  question,
  choice,
  disabled,
  onChange,
}: {
  item: LrmxItem
  /** The question as first asked (kept by the page: a decided item is no longer asked). */
  question: LrmxUnitQuestion | undefined
  choice: Choice | null
  disabled: boolean
  onChange: (c: Choice | null) => void
}) {
  const kinds = useApiQuery('units.kinds', undefined)
  const q = question
  // Kept while the clerk is in a mode with the row still incomplete (map chosen, no unit picked).
  const [pending, setPending] = useState<Mode | null>(null)
  const mode = choice?.action ?? pending
  const [name, setName] = useState(choice?.action === 'create' ? choice.name : (q?.proposed ?? ''))
  useEffect(() => {
    if (choice?.action === 'create') setName(choice.name)
  }, [choice])
  const best = q?.suggestions[0]
  return (
    <div className={`lrmx-unit-ask${choice ? '' : ' lrmx-unit-undecided'}`} data-testid="lrmx-unit-ask">
      <div className="lrmx-unit-ask-line">
        <span className="lrmx-key">单位</span>
        {choice ? null : (
          <span className="lrmx-bad">
            现任职务未提到单位树中的单位{q?.proposed ? `（似为“${q.proposed}”）` : ''}，请选择：
          </span>
        )}
        <Segmented<Mode | 'undecided'>
          ariaLabel={`${item.name ?? item.file}的单位`}
          value={mode ?? 'undecided'}
          options={[
            { value: 'map', label: '对应到已有单位', testId: 'lrmx-unit-map' },
            { value: 'create', label: '新建单位', testId: 'lrmx-unit-create' },
            { value: 'none', label: '暂不指定', testId: 'lrmx-unit-none' },
          ]}
          onChange={(m) => {
            if (disabled || m === 'undecided') return
            setPending(m)
            if (m === 'none') onChange({ action: 'none' })
            else if (m === 'create') {
              if (name.trim()) onChange({ action: 'create', name: name.trim(), parentId: null, kind: q?.guessedKind ?? null })
              else onChange(null)
            } else if (choice?.action !== 'map') onChange(null)
          }}
        />
        {!mode && best ? (
          <button
            type="button"
            className="btn btn-small"
            data-testid="lrmx-unit-best"
            title={best.path}
            disabled={disabled}
            onClick={() => onChange({ action: 'map', unitId: best.id })}
          >
            对应到“{best.name}”
          </button>
        ) : null}
      </div>
      {mode === 'map' ? (
        <UnitPicker
          value={choice?.action === 'map' ? choice.unitId : null}
          suggestions={q?.suggestions ?? []}
          aria-label={`${item.name ?? ''}的单位`}
          data-testid="lrmx-unit-picker"
          disabled={disabled}
          invalid={!choice}
          onChange={(u) => onChange(u ? { action: 'map', unitId: u.id } : null)}
        />
      ) : null}
      {mode === 'create' ? (
        <span className="lrmx-unit-create">
          <input
            className="input"
            aria-label="新建单位的名称"
            data-testid="lrmx-unit-name"
            placeholder="单位名称"
            disabled={disabled}
            value={name}
            aria-invalid={!name.trim() || undefined}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => {
              const n = name.trim()
              if (!n) onChange(null)
              else if (choice?.action !== 'create' || choice.name !== n)
                onChange({ action: 'create', name: n, parentId: choice?.action === 'create' ? choice.parentId : null, kind: choice?.action === 'create' ? choice.kind : (q?.guessedKind ?? null) })
            }}
          />
          {choice?.action === 'create' ? (
            <>
              <span>上级</span>
              <UnitPicker
                value={choice.parentId}
                emptyLabel="（最上级）"
                placeholder="（最上级）"
                aria-label="新建单位的上级单位"
                data-testid="lrmx-unit-parent"
                disabled={disabled}
                onChange={(u) => onChange({ ...choice, parentId: u?.id ?? null })}
              />
              <span>类别</span>
              <select
                className="input"
                aria-label="新建单位的类别"
                disabled={disabled}
                value={choice.kind ?? ''}
                onChange={(e) => onChange({ ...choice, kind: e.target.value || null })}
              >
                <option value="">（未定）</option>
                {(kinds.data ?? []).map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </>
          ) : null}
        </span>
      ) : null}
    </div>
  )
}

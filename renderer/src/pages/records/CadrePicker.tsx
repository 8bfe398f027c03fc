/** Pick cadres by name, pinyin initials or ID number (several at once). */
import { useEffect, useState } from 'react'
import type { CadreRow } from '../../../../main/domain/cadre'
import { LoadError } from '../../kit'
import { useApiQuery } from '../../lib/query'

const NO_ROWS: CadreRow[] = []

export function CadrePicker({
  selected,
  onChange,
  single,
}: {
  selected: CadreRow[]
  onChange(rows: CadreRow[]): void
  single?: boolean
}) {
  const [search, setSearch] = useState('')
  const [debounced, setDebounced] = useState('')
  useEffect(() => {
    const t = setTimeout(() => setDebounced(search.trim()), 150)
    return () => clearTimeout(t)
  }, [search])
  const q = useApiQuery(
    'cadres.query',
    { search: debounced, offset: 0, limit: 12 },
    { enabled: debounced !== '', keepPrevious: true },
  )
  const hits = search.trim() && q.data ? q.data.rows : NO_ROWS
  const has = (id: number) => selected.some((r) => r.id === id)
  return (
    <div className="rec-picker">
      <input
        className="input"
        placeholder="输入姓名、拼音首字母或身份证号查找干部"
        value={search}
        data-testid="picker-search"
        onChange={(e) => setSearch(e.target.value)}
      />
      {q.isError && search.trim() ? (
        <LoadError error={q.error} what="查找干部" retry={() => void q.refetch()} busy={q.isFetching} />
      ) : null}
      {hits.length > 0 ? (
        <div className="rec-picker-hits">
          {hits.map((r) => (
            <button
              key={r.id}
              type="button"
              className={has(r.id) ? 'rec-picker-hit picked' : 'rec-picker-hit'}
              data-testid="picker-hit"
              onClick={() => {
                if (has(r.id)) onChange(selected.filter((x) => x.id !== r.id))
                else onChange(single ? [r] : [...selected, r])
              }}
            >
              <b>{r.name}</b>{' '}
              <span className="muted">{[r.gender, r.unit, r.position].filter(Boolean).join(' · ')}</span>
              {has(r.id) ? <span className="tag tag-red">已选</span> : null}
            </button>
          ))}
        </div>
      ) : null}
      {selected.length > 0 ? (
        <div className="rec-picker-chosen" data-testid="picker-chosen">
          已选 {selected.length} 人：
          {selected.map((r) => (
            <span key={r.id} className="tag">
              {r.name}
              <button
                type="button"
                className="rec-x"
                aria-label={`移除${r.name}`}
                onClick={() => onChange(selected.filter((x) => x.id !== r.id))}
              >
                ×
              </button>
            </span>
          ))}
        </div>
      ) : null}
    </div>
  )
}

/** Small pieces shared by the records pages and tabs. */
import type { Unit } from '../../../../main/domain/cadre'

/** The unit list from the one shared query (renderer/src/kit/units.ts). */
export { useUnits } from '../../kit/units'

/** Units as an indented choice list (tree order). */
export function unitOptions(units: Unit[]): { id: number; label: string }[] {
  const children = new Map<number | null, Unit[]>()
  for (const u of units) {
    const k = u.parentId ?? null
    children.set(k, [...(children.get(k) ?? []), u])
  }
  const out: { id: number; label: string }[] = []
  const walk = (parent: number | null, depth: number) => {
    for (const u of (children.get(parent) ?? []).sort(
      (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh'),
    )) {
      out.push({ id: u.id, label: `${'\u3000'.repeat(depth)}${u.name}` })
      walk(u.id, depth + 1)
    }
  }
  walk(null, 0)
  return out
}

export function UnitSelect({
  units,
  value,
  onChange,
  allLabel = '全部单位',
  testId,
}: {
  units: Unit[]
  value: number | null
  onChange(v: number | null): void
  allLabel?: string
  testId?: string
}) {
  return (
    <select
      className="input rec-unit-select"
      value={value ?? ''}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">{allLabel}</option>
      {unitOptions(units).map((u) => (
        <option key={u.id} value={u.id}>
          {u.label}
        </option>
      ))}
    </select>
  )
}

/** `2026-08-03` → `2026.08.03`; `2021-06` → `2021.06`. */
export function dots(v: string | null | undefined): string {
  return v ? v.replace(/-/g, '.') : ''
}

/** Today in local time as YYYY-MM-DD. */
export function todayStr(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** Accepts 2026.8.3, 2026-08-03, 20260803, 2026/8/3, 2026年8月3日 → `2026-08-03`; '' → null; else the text unchanged (the service names the problem). */
export function tidyDay(raw: string): string | null {
  const s = raw.trim()
  if (!s) return null
  const m =
    s.match(/^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?$/) ??
    s.match(/^(\d{4})(\d{2})(\d{2})$/)
  if (m) return `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`
  return s
}

/** Accepts 2021.6, 2021-06, 202106, 2021年6月 → `2021-06`; '' → null. */
export function tidyMonth(raw: string): string | null {
  const s = raw.trim()
  if (!s) return null
  const m = s.match(/^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*月?$/) ?? s.match(/^(\d{4})(\d{2})$/)
  if (m) return `${m[1]}-${String(m[2]).padStart(2, '0')}`
  return s
}

/** A count summary line: 优秀 3 · 称职 20 */
export function CountLine({ items }: { items: { label: string; count: number }[] }) {
  return (
    <span className="rec-counts">
      {items.map((i) => (
        <span key={i.label} className="rec-count">
          {i.label} <b>{i.count}</b>
        </span>
      ))}
    </span>
  )
}

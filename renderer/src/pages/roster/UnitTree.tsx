/**
 * The unit tree left of the roster: units grouped by kind (县直部门, 乡镇 ...), each with the count
 * of active cadres in it and below it. Clicking a unit narrows the roster to it and its sub-units.
 */
import { useMemo, useState } from 'react'
import type { Unit } from '../../../../main/domain/cadre'

interface Node {
  key: string
  unit: Unit | null
  label: string
  total: number
  children: Node[]
}

const GROUP_ORDER = ['县委部门', '县直部门', '乡镇', '街道', '事业单位', '国有企业', '村（社区）', '其他']

export function buildUnitTree(units: Unit[]): Node[] {
  const byParent = new Map<number | null, Unit[]>()
  const ids = new Set(units.map((u) => u.id))
  for (const u of units) {
    const p = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null
    const list = byParent.get(p) ?? []
    list.push(u)
    byParent.set(p, list)
  }
  const seen = new Set<number>()
  const make = (u: Unit): Node => {
    seen.add(u.id)
    const children = (byParent.get(u.id) ?? []).filter((c) => !seen.has(c.id)).map(make)
    return {
      key: `u${u.id}`,
      unit: u,
      label: u.name,
      total: u.count + children.reduce((s, c) => s + c.total, 0),
      children,
    }
  }
  const roots = (byParent.get(null) ?? []).map(make)
  // Top-level units grouped by kind; a group is a heading only (it has no unit of its own).
  const groups = new Map<string, Node[]>()
  for (const r of roots) {
    const kind = r.unit?.kind || '其他'
    const list = groups.get(kind) ?? []
    list.push(r)
    groups.set(kind, list)
  }
  if (groups.size <= 1) return roots
  const kinds = [...groups.keys()].sort((a, b) => {
    const ia = GROUP_ORDER.indexOf(a)
    const ib = GROUP_ORDER.indexOf(b)
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b, 'zh-CN')
  })
  return kinds.map((k) => {
    const children = groups.get(k) ?? []
    return { key: `g${k}`, unit: null, label: k, total: children.reduce((s, c) => s + c.total, 0), children }
  })
}

export function UnitTree({
  units,
  selected,
  onSelect,
}: {
  units: Unit[]
  selected: number | null
  onSelect(id: number | null): void
}) {
  const tree = useMemo(() => buildUnitTree(units), [units])
  const all = useMemo(() => tree.reduce((s, n) => s + n.total, 0), [tree])
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set())
  const toggle = (key: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
  // Unit nodes start collapsed below the first level of a group; groups start open.
  const isOpen = (n: Node, depth: number) =>
    n.unit === null || depth === 0 ? !collapsed.has(n.key) : collapsed.has(n.key)

  const render = (n: Node, depth: number) => {
    const open = isOpen(n, depth)
    const active = n.unit !== null && n.unit.id === selected
    return (
      <li key={n.key}>
        <div
          className={active ? 'tree-row active' : n.unit ? 'tree-row' : 'tree-row tree-group'}
          style={{ paddingLeft: 8 + depth * 14 }}
          role="treeitem"
          aria-selected={active}
          aria-expanded={n.children.length ? open : undefined}
          data-testid={n.unit ? `unit-${n.unit.id}` : undefined}
          title={n.label}
          onClick={() => (n.unit ? onSelect(n.unit.id) : toggle(n.key))}
        >
          <span
            className="tree-toggle"
            onClick={(e) => {
              e.stopPropagation()
              if (n.children.length) toggle(n.key)
            }}
          >
            {n.children.length ? (open ? '▾' : '▸') : ''}
          </span>
          <span className="tree-label">{n.label}</span>
          <span className="tree-count">{n.total}</span>
        </div>
        {n.children.length && open ? <ul>{n.children.map((c) => render(c, depth + 1))}</ul> : null}
      </li>
    )
  }

  return (
    <div className="unit-tree" role="tree" aria-label="单位">
      <div
        className={selected === null ? 'tree-row tree-all active' : 'tree-row tree-all'}
        role="treeitem"
        aria-selected={selected === null}
        data-testid="unit-all"
        onClick={() => onSelect(null)}
      >
        <span className="tree-toggle" />
        <span className="tree-label">全部单位</span>
        <span className="tree-count">{all}</span>
      </div>
      <ul>{tree.map((n) => render(n, 0))}</ul>
    </div>
  )
}

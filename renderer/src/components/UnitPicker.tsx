/**
 * A unit picked from the unit tree (issue 13), never typed as free text: the box shows the chosen
 * unit; clicking it (or typing) opens the tree, indented, with type-to-search by name, by pinyin
 * initials (cgz → 城关镇) or full pinyin; ↑ ↓ move, Enter picks, Esc closes. Close names the caller
 * knows (an import's suggestions) are listed first. The units come from `units.list` through the
 * one data hook unless the caller passes them.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { pinyin } from 'pinyin-pro'
import type { Unit } from '../../../main/domain/cadre'
import { useApiQuery } from '../lib/query'
import './UnitPicker.css'

export interface UnitPickerProps {
  /** The chosen unit: its id, or its name (forms that keep the name, e.g. the cadre's 工作单位), or null. */
  value: number | string | null
  onChange(unit: Unit | null): void
  /** The tree to pick from (default: every unit, from `units.list`). */
  units?: readonly Unit[]
  /** Offered first, above the tree (e.g. close names of an import's unknown unit). */
  suggestions?: readonly { id: number; name: string }[]
  /** Units that cannot be picked (e.g. a unit and its children when moving it). */
  disabledIds?: ReadonlySet<number>
  placeholder?: string
  /** Offers a "no unit" entry (label given) that picks null. */
  emptyLabel?: string
  disabled?: boolean
  invalid?: boolean
  className?: string
  'data-testid'?: string
  /** data-testid of the text box itself. */
  inputTestId?: string
  'aria-label'?: string
  id?: string
}

interface Entry {
  unit: Unit
  depth: number
  path: string
  initials: string
  full: string
}

const keysCache = new Map<string, [string, string]>()
function pinyinKeys(name: string): [string, string] {
  let k = keysCache.get(name)
  if (!k) {
    const syl = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    k = [syl.map((s) => s[0] ?? '').join('').toLowerCase(), syl.join('').toLowerCase()]
    keysCache.set(name, k)
  }
  return k
}

/** Tree order with depth and path (units.list already gives parents before children). */
export function unitEntries(units: readonly Unit[]): Entry[] {
  const byId = new Map(units.map((u) => [u.id, u]))
  return units.map((u) => {
    const names: string[] = []
    const seen = new Set<number>()
    let cur: Unit | undefined = u
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id)
      names.unshift(cur.name)
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId)
    }
    const [initials, full] = pinyinKeys(u.name)
    return { unit: u, depth: names.length - 1, path: names.join(' › '), initials, full }
  })
}

/** Entries matching the typed text: name, pinyin initials or full pinyin; names starting with it first. */
export function searchUnits(entries: readonly Entry[], text: string): Entry[] {
  const q = text.replace(/[\s\u3000]+/g, '').toLowerCase()
  if (!q) return [...entries]
  const scored: [Entry, number][] = []
  for (const e of entries) {
    const n = e.unit.name
    let s = -1
    if (n === text.trim()) s = 0
    else if (n.startsWith(q)) s = 1
    else if (n.includes(q)) s = 2
    else if (e.initials.startsWith(q)) s = 3
    else if (e.initials.includes(q)) s = 4
    else if (e.full.startsWith(q)) s = 5
    else if (e.full.includes(q)) s = 6
    if (s >= 0) scored.push([e, s])
  }
  return scored.sort((a, b) => a[1] - b[1] || a[0].unit.name.length - b[0].unit.name.length).map(([e]) => e)
}

type Row = { kind: 'empty' } | { kind: 'unit'; entry: Entry; suggested: boolean }

export function UnitPicker(props: UnitPickerProps) {
  const own = useApiQuery('units.list', undefined, { enabled: !props.units })
  const units = props.units ?? own.data
  const entries = useMemo(() => unitEntries(units ?? []), [units])
  const byId = useMemo(() => new Map(entries.map((e) => [e.unit.id, e])), [entries])
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const [active, setActive] = useState(0)
  const root = useRef<HTMLDivElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const listId = useId()
  const byName = useMemo(() => new Map(entries.map((e) => [e.unit.name, e])), [entries])
  const chosen =
    props.value === null
      ? undefined
      : typeof props.value === 'string'
        ? byName.get(props.value.replace(/[\s\u3000]+/g, ''))
        : byId.get(props.value)
  const chosenId = chosen?.unit.id ?? null
  // The list is fixed to the viewport beside the box, so a scrolling panel around it never clips it.
  const [place, setPlace] = useState<{ left: number; top?: number; bottom?: number; minWidth: number; maxHeight: number } | null>(null)
  useLayoutEffect(() => {
    if (!open) return
    const update = (): void => {
      const r = input.current?.getBoundingClientRect()
      if (!r) return
      const below = window.innerHeight - r.bottom - 8
      const above = r.top - 8
      const up = below < 200 && above > below
      setPlace({
        left: r.left,
        minWidth: r.width,
        maxHeight: Math.max(120, Math.min(340, up ? above : below)),
        ...(up ? { bottom: window.innerHeight - r.top + 2 } : { top: r.bottom + 2 }),
      })
    }
    update()
    window.addEventListener('scroll', update, true)
    window.addEventListener('resize', update)
    return () => {
      window.removeEventListener('scroll', update, true)
      window.removeEventListener('resize', update)
    }
  }, [open])

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = []
    if (props.emptyLabel && !text.trim()) out.push({ kind: 'empty' })
    const found = searchUnits(entries, text)
    if (!text.trim() && props.suggestions?.length) {
      for (const s of props.suggestions) {
        const e = byId.get(s.id)
        if (e) out.push({ kind: 'unit', entry: e, suggested: true })
      }
    }
    for (const e of found) out.push({ kind: 'unit', entry: e, suggested: false })
    return out
  }, [entries, byId, text, props.suggestions, props.emptyLabel])

  useEffect(() => {
    if (!open) return
    const close = (ev: MouseEvent): void => {
      if (root.current && !root.current.contains(ev.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [open])

  useEffect(() => {
    list.current?.querySelector('[data-active="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [active, open])

  const openWith = (t: string): void => {
    setText(t)
    setOpen(true)
    // The chosen unit is the active row when the tree opens on it.
    const i = t ? 0 : rows.findIndex((r) => r.kind === 'unit' && !r.suggested && r.entry.unit.id === chosenId)
    setActive(Math.max(0, i))
  }

  const pick = (r: Row | undefined): void => {
    if (!r) return
    if (r.kind === 'unit' && props.disabledIds?.has(r.entry.unit.id)) return
    props.onChange(r.kind === 'empty' ? null : r.entry.unit)
    setOpen(false)
    setText('')
    input.current?.blur()
  }

  const loadError = !props.units && own.error ? `单位列表读取失败：${own.error.message}` : null
  const shown = open ? text : (chosen?.unit.name ?? '')
  return (
    <div
      ref={root}
      className={`unit-picker${props.className ? ` ${props.className}` : ''}`}
      data-testid={props['data-testid']}
    >
      <input
        ref={input}
        id={props.id}
        className="input unit-picker-input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-label={props['aria-label']}
        data-testid={props.inputTestId}
        aria-invalid={props.invalid || loadError ? true : undefined}
        disabled={props.disabled}
        placeholder={open ? '输入单位名称或拼音首字母' : (props.placeholder ?? '选择单位')}
        title={loadError ?? chosen?.path ?? ''}
        value={shown}
        onFocus={() => {
          if (!open) openWith('')
        }}
        onMouseDown={() => {
          if (!open && document.activeElement === input.current) openWith('')
        }}
        onChange={(e) => {
          setText(e.target.value)
          setActive(0)
          setOpen(true)
        }}
        onBlur={(e) => {
          if (!root.current?.contains(e.relatedTarget as Node | null)) {
            // A unit's exact name typed and left (Tab) is that unit.
            const exact = byName.get(text.replace(/[\s\u3000]+/g, ''))
            if (open && exact && exact.unit.id !== chosenId && !props.disabledIds?.has(exact.unit.id)) props.onChange(exact.unit)
            setOpen(false)
            setText('')
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            if (!open) openWith('')
            else setActive((a) => Math.min(rows.length - 1, a + 1))
          } else if (e.key === 'ArrowUp') {
            e.preventDefault()
            setActive((a) => Math.max(0, a - 1))
          } else if (e.key === 'Enter') {
            if (open) {
              e.preventDefault()
              pick(rows[active])
            }
          } else if (e.key === 'Escape') {
            if (open) {
              e.stopPropagation()
              setOpen(false)
              setText('')
            }
          }
        }}
      />
      <span className="unit-picker-caret" aria-hidden>
        ▾
      </span>
      {open ? (
        <ul
          ref={list}
          id={listId}
          role="listbox"
          className="unit-picker-list"
          data-testid="unit-picker-list"
          style={place ?? { visibility: 'hidden' }}
        >
          {loadError ? <li className="unit-picker-note unit-picker-error">{loadError}</li> : null}
          {!loadError && !units ? <li className="unit-picker-note">正在读取单位…</li> : null}
          {units && rows.length === 0 ? (
            <li className="unit-picker-note">
              {entries.length === 0 ? '单位树中还没有单位，请先在“单位管理”中添加' : `没有名称或拼音含“${text}”的单位`}
            </li>
          ) : null}
          {rows.map((r, i) => {
            if (r.kind === 'empty') {
              return (
                <li
                  key="empty"
                  role="option"
                  aria-selected={chosenId === null}
                  data-active={i === active}
                  className="unit-picker-option unit-picker-empty"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => pick(r)}
                  onMouseEnter={() => setActive(i)}
                >
                  {props.emptyLabel}
                </li>
              )
            }
            const e = r.entry
            const off = props.disabledIds?.has(e.unit.id) ?? false
            const flat = r.suggested || !!text.trim()
            return (
              <li
                key={`${r.suggested ? 's' : 't'}${e.unit.id}`}
                role="option"
                aria-selected={e.unit.id === chosenId}
                aria-disabled={off || undefined}
                data-active={i === active}
                data-unit-id={e.unit.id}
                data-testid={r.suggested ? 'unit-picker-suggestion' : 'unit-picker-option'}
                className={`unit-picker-option${r.suggested ? ' unit-picker-suggested' : ''}${off ? ' unit-picker-off' : ''}`}
                style={flat ? undefined : { paddingLeft: 10 + e.depth * 16 }}
                title={e.path}
                onMouseDown={(ev) => ev.preventDefault()}
                onClick={() => pick(r)}
                onMouseEnter={() => setActive(i)}
              >
                {r.suggested ? <span className="unit-picker-tag">相近</span> : null}
                <span className="unit-picker-name">{e.unit.name}</span>
                {flat && e.depth > 0 ? (
                  <span className="unit-picker-path">{e.path.slice(0, e.path.lastIndexOf(' › '))}</span>
                ) : null}
                {e.unit.kind && !flat ? <span className="unit-picker-kind">{e.unit.kind}</span> : null}
              </li>
            )
          })}
        </ul>
      ) : null}
    </div>
  )
}

/**
 * 单位管理: the unit tree edited — add, rename, move (上级单位), kind, order, merge (cadres
 * reassigned, audited; never into its own child); each unit's 职数 per 职务层次 with the day a post
 * fell vacant; and the 职数 table of every unit (allotted / filled / vacant, 超职数配备 flagged).
 */
import { useMemo, useState } from 'react'
import type { Unit } from '../../../../main/domain/cadre'
import type { UnitPost } from '../../../../main/services/units'
import { call } from '../../api'
import {
  EmptyState,
  Page,
  Segmented,
  Spacer,
  Toolbar,
  confirmDialog,
  showError,
  showMessage,
} from '../../components'
import { unitOptions } from '../records/shared'
import { UnitPicker } from '../../components/UnitPicker'
import { LoadError } from '../../kit'
import { useApiQuery } from '../../lib/query'
import '../stats/stats.css'
import './units.css'

type View = 'tree' | 'posts'
const LEVELS = ['正处', '副处', '正科', '副科']

export function UnitsPage() {
  const [view, setView] = useState<View>('tree')
  // One data hook: the tree and the 职数 refetch after any change of units, cadres or 职数 (here or
  // on any other screen); no reload callbacks.
  const units = useApiQuery('units.list', undefined)
  const kinds = useApiQuery('units.kinds', undefined)
  const [selected, setSelected] = useState<number | 'new' | null>(null)
  const list = units.data ?? []
  return (
    <Page
      title="单位管理"
      subtitle={units.data ? `${list.length} 个单位` : undefined}
      testId="units-page"
      fill
      toolbar={
        <Toolbar>
          <Segmented<View>
            ariaLabel="视图"
            options={[
              { value: 'tree', label: '单位树', testId: 'units-view-tree' },
              { value: 'posts', label: '职数配备', testId: 'units-view-posts' },
            ]}
            value={view}
            onChange={setView}
          />
          <Spacer />
          {view === 'tree' ? (
            <button
              type="button"
              className="btn btn-primary"
              data-testid="unit-new"
              onClick={() => setSelected('new')}
            >
              新增单位
            </button>
          ) : null}
        </Toolbar>
      }
    >
      {units.error ? (
        <LoadError error={units.error} what="读取单位树" retry={() => void units.refetch()} busy={units.isFetching} />
      ) : null}
      {view === 'tree' ? (
        <div className="units-layout">
          <UnitTreeList units={list} selected={selected} onSelect={setSelected} />
          <div className="units-editor">
            {selected === null ? (
              <EmptyState title="选择左侧的单位进行编辑" />
            ) : (
              <UnitEditor
                key={String(selected)}
                unit={selected === 'new' ? null : (list.find((u) => u.id === selected) ?? null)}
                units={list}
                kinds={kinds.data ?? []}
                onSaved={(id) => setSelected(id)}
                onMerged={(id) => setSelected(id)}
                onReordered={() => undefined}
              />
            )}
          </div>
        </div>
      ) : (
        <PostsTable />
      )}
    </Page>
  )
}

function UnitTreeList({
  units,
  selected,
  onSelect,
}: {
  units: Unit[]
  selected: number | 'new' | null
  onSelect(id: number): void
}) {
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units])
  return (
    <ul className="units-tree" data-testid="unit-tree">
      {unitOptions(units).map((o) => {
        const u = byId.get(o.id)!
        const depth = o.label.length - o.label.replace(/^\u3000+/, '').length
        return (
          <li key={o.id}>
            <button
              type="button"
              className={selected === o.id ? 'units-node active' : 'units-node'}
              style={{ paddingLeft: 8 + depth * 18 }}
              data-testid={`unit-node-${u.name}`}
              onClick={() => onSelect(o.id)}
            >
              <span className="units-name">{u.name}</span>
              {u.kind ? <span className="units-kind">{u.kind}</span> : null}
              <span className="units-count">{u.count}</span>
            </button>
          </li>
        )
      })}
    </ul>
  )
}

function UnitEditor({
  unit,
  units,
  kinds,
  onSaved,
  onMerged,
  onReordered,
}: {
  unit: Unit | null
  units: Unit[]
  kinds: string[]
  onSaved(id: number): void
  onMerged(id: number): void
  onReordered(): void
}) {
  const [name, setName] = useState(unit?.name ?? '')
  const [parentId, setParentId] = useState<number | null>(unit?.parentId ?? null)
  const [kind, setKind] = useState(unit?.kind ?? '')
  const [nameError, setNameError] = useState<string | null>(null)
  const [mergeInto, setMergeInto] = useState<number | null>(null)
  // A unit cannot move under itself or its children, nor merge into them.
  const below = useMemo(() => {
    const out = new Set<number>()
    if (!unit) return out
    out.add(unit.id)
    let grew = true
    while (grew) {
      grew = false
      for (const u of units) if (u.parentId !== null && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id)
        grew = true
      }
    }
    return out
  }, [unit, units])

  const save = async () => {
    try {
      const u = await call('units.save', { id: unit?.id ?? null, name, parentId, kind: kind || null })
      showMessage(unit ? `已保存单位“${u.name}”` : `已新增单位“${u.name}”`, 'success')
      setNameError(null)
      onSaved(u.id)
    } catch (e) {
      const fields = (e as { fields?: Record<string, string> }).fields
      if (fields?.name) setNameError(fields.name)
      showError(e)
    }
  }
  const merge = async () => {
    if (!unit || !mergeInto) return
    const target = units.find((u) => u.id === mergeInto)
    const ok = await confirmDialog({
      title: '合并单位',
      message: `将“${unit.name}”合并到“${target?.name ?? ''}”：其 ${unit.count} 名在职干部（及其他状态的干部）、下级单位和职数都归入“${target?.name ?? ''}”，“${unit.name}”随后删除。此操作记入变更记录。确定合并？`,
      okText: '合并',
      danger: true,
    })
    if (!ok) return
    try {
      const r = await call('units.merge', { fromId: unit.id, intoId: mergeInto })
      showMessage(`已合并：${r.cadres} 名干部改为“${r.into.name}”`, 'success')
      onMerged(r.into.id)
    } catch (e) {
      showError(e)
    }
  }
  const order = async (dir: 'up' | 'down') => {
    if (!unit) return
    try {
      await call('units.order', { id: unit.id, dir })
      onReordered()
    } catch (e) {
      showError(e)
    }
  }
  return (
    <div data-testid="unit-editor">
      <h2 className="stats-h2">{unit ? `编辑单位：${unit.name}` : '新增单位'}</h2>
      <div className="units-form">
        <label className="field-label" htmlFor="unit-name">
          单位名称
        </label>
        <div>
          <input
            id="unit-name"
            className="input"
            value={name}
            data-testid="unit-name"
            aria-invalid={nameError ? true : undefined}
            onChange={(e) => {
              setName(e.target.value)
              setNameError(null)
            }}
          />
          {nameError ? (
            <div className="field-error" role="alert">
              {nameError}
            </div>
          ) : null}
        </div>
        <label className="field-label" htmlFor="unit-parent">
          上级单位
        </label>
        <UnitPicker
          id="unit-parent"
          units={units}
          value={parentId}
          emptyLabel="（无，最上级）"
          placeholder="（无，最上级）"
          disabledIds={below}
          data-testid="unit-parent"
          onChange={(u) => setParentId(u?.id ?? null)}
        />
        <label className="field-label" htmlFor="unit-kind">
          单位类别
        </label>
        <select
          id="unit-kind"
          className="input"
          value={kind}
          data-testid="unit-kind"
          onChange={(e) => setKind(e.target.value)}
        >
          <option value="">（未分类）</option>
          {[...new Set([...kinds, ...(kind ? [kind] : [])])].map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div className="units-actions">
        <button type="button" className="btn btn-primary" data-testid="unit-save" onClick={() => void save()}>
          保存
        </button>
        {unit ? (
          <>
            <button type="button" className="btn" data-testid="unit-up" onClick={() => void order('up')}>
              上移
            </button>
            <button type="button" className="btn" data-testid="unit-down" onClick={() => void order('down')}>
              下移
            </button>
          </>
        ) : null}
      </div>
      {unit ? (
        <>
          <h2 className="stats-h2">合并到其他单位</h2>
          <div className="units-actions">
            <UnitPicker
              className="units-merge"
              units={units}
              value={mergeInto}
              placeholder="（选择合并到的单位）"
              disabledIds={below}
              aria-label="合并到的单位"
              data-testid="unit-merge-into"
              onChange={(u) => setMergeInto(u?.id ?? null)}
            />
            <button
              type="button"
              className="btn btn-danger"
              data-testid="unit-merge"
              disabled={!mergeInto}
              onClick={() => void merge()}
            >
              合并
            </button>
          </div>
          <PostsEditor unit={unit} />
        </>
      ) : null}
    </div>
  )
}

function PostsEditor({ unit }: { unit: Unit }) {
  const loaded = useApiQuery('units.posts', { unitId: unit.id })
  const held = useApiQuery('posts.table', { unitId: unit.id })
  const [rows, setRows] = useState<Record<string, { allotted: string; vacantSince: string }> | null>(null)
  const current =
    rows ??
    Object.fromEntries(
      LEVELS.map((l) => {
        const p = loaded.data?.find((x) => x.level === l)
        return [l, { allotted: p ? String(p.allotted) : '', vacantSince: p?.vacantSince ?? '' }]
      }),
    )
  const filled = (l: string) => held.data?.find((p) => p.unitId === unit.id && p.level === l)?.filled
  const save = async () => {
    const posts: UnitPost[] = []
    for (const l of LEVELS) {
      const r = current[l]!
      if (r.allotted.trim() === '') continue
      const n = Number(r.allotted)
      if (!Number.isInteger(n)) {
        showMessage(`${unit.name} ${l} 的职数“${r.allotted}”不是整数`, 'error')
        return
      }
      posts.push({ level: l, allotted: n, vacantSince: r.vacantSince || null })
    }
    try {
      await call('units.setPosts', { unitId: unit.id, posts })
      showMessage(`已保存“${unit.name}”的职数`, 'success')
      setRows(null)
    } catch (e) {
      showError(e)
    }
  }
  return (
    <>
      <h2 className="stats-h2">职数（核定领导职数）</h2>
      {loaded.error || held.error ? (
        <LoadError
          error={loaded.error ?? held.error}
          what="读取职数"
          retry={() => {
            void loaded.refetch()
            void held.refetch()
          }}
        />
      ) : null}
      <table className="table stats-table units-posts" data-testid="unit-posts">
        <thead>
          <tr>
            <th>职务层次</th>
            <th>核定职数</th>
            <th>实配</th>
            <th>空缺起始</th>
          </tr>
        </thead>
        <tbody>
          {LEVELS.map((l) => (
            <tr key={l}>
              <td>{l}</td>
              <td>
                <input
                  className="input"
                  type="number"
                  value={current[l]!.allotted}
                  data-testid={`posts-${l}`}
                  onChange={(e) => setRows({ ...current, [l]: { ...current[l]!, allotted: e.target.value } })}
                />
              </td>
              <td>{filled(l) ?? '—'}</td>
              <td>
                <input
                  className="input"
                  type="date"
                  value={current[l]!.vacantSince}
                  onChange={(e) =>
                    setRows({ ...current, [l]: { ...current[l]!, vacantSince: e.target.value } })
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="units-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="posts-save"
          onClick={() => void save()}
        >
          保存职数
        </button>
      </div>
    </>
  )
}

function PostsTable() {
  const rows = useApiQuery('posts.table', {})
  const [only, setOnly] = useState<'all' | 'vacant' | 'over'>('all')
  const data = (rows.data ?? []).filter((p) =>
    only === 'vacant' ? p.vacant > 0 : only === 'over' ? p.over > 0 : true,
  )
  const total = (k: 'allotted' | 'filled' | 'vacant' | 'over') =>
    (rows.data ?? []).reduce((s, p) => s + p[k], 0)
  return (
    <div className="rec-scroll">
      <Toolbar>
        <Segmented<'all' | 'vacant' | 'over'>
          ariaLabel="筛选"
          options={[
            { value: 'all', label: '全部' },
            { value: 'vacant', label: '有空缺', testId: 'posts-only-vacant' },
            { value: 'over', label: '超职数配备', testId: 'posts-only-over' },
          ]}
          value={only}
          onChange={setOnly}
        />
        <span className="stats-note" data-testid="posts-totals">
          核定 {total('allotted')}，实配 {total('filled')}，空缺 {total('vacant')}，超职数 {total('over')}
        </span>
      </Toolbar>
      {rows.error ? (
        <LoadError error={rows.error} what="读取职数配备" retry={() => void rows.refetch()} busy={rows.isFetching} />
      ) : null}
      {rows.data && rows.data.length === 0 ? (
        <EmptyState title="尚未核定任何单位的职数">
          <p>在“单位树”中选择单位，填写各职务层次的核定职数。</p>
        </EmptyState>
      ) : (
        <table className="table stats-table" data-testid="posts-table">
          <thead>
            <tr>
              <th>单位</th>
              <th>职务层次</th>
              <th>核定职数</th>
              <th>实配</th>
              <th>空缺</th>
              <th>超职数</th>
              <th>空缺起始</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {data.map((p) => (
              <tr
                key={`${p.unitId}-${p.level}`}
                className={p.over ? 'stats-over' : p.vacant ? 'stats-vacant' : ''}
              >
                <td>{p.unit}</td>
                <td>{p.level}</td>
                <td>{p.allotted}</td>
                <td>{p.filled}</td>
                <td>{p.vacant}</td>
                <td>{p.over}</td>
                <td>{p.vacantSince ?? (p.vacant ? '待补充' : '')}</td>
                <td>{p.over ? '超职数配备' : p.vacant ? '空缺' : '配齐'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

/**
 * 统计分析: the structure of the cadre force at a date for the county, a unit kind or a unit — the
 * county-report tables, echarts charts, the period's work counts and 职数 against holders; export to
 * Excel (the app's one writer), print on A4; dated snapshots saved and compared side by side.
 */
import { Suspense, lazy, useMemo, useState, type ComponentProps } from 'react'
import { dateDots, today } from '../../../../main/domain/dates'
import type { StatsResult } from '../../../../main/stats/compute'
import type { SnapshotInfo } from '../../../../main/stats/snapshots'
import { call, downloadBytes } from '../../api'
import { DayInput, Dialog, EmptyState, Page, Segmented, Spacer, Toolbar } from '../../components'
import { UnitPicker } from '../../components/UnitPicker'
import { Loaded, useAction, useUnits } from '../../kit'
import { useApiQuery } from '../../lib/query'
import { AGE_BANDS, AGE_BAND_LABELS, EDU_CLASSES, StructureTable, pct } from './tables'
import './stats.css'

// echarts (1.3 MB of the bundle) is loaded with this page, not with the app: every other page
// opens without parsing it.
const LazyEChart = lazy(() => import('./EChart').then((m) => ({ default: m.EChart })))
function EChart(p: ComponentProps<typeof LazyEChart>) {
  return (
    <Suspense fallback={<div className="stats-chart" style={{ height: p.height ?? 260 }} />}>
      <LazyEChart {...p} />
    </Suspense>
  )
}

type ScopeKind = 'county' | 'unitKind' | 'unit'
type View = 'current' | 'compare'

export function StatsPage() {
  const units = useUnits()
  const kinds = useMemo(() => [...new Set(units.map((u) => u.kind).filter((k): k is string => !!k))], [units])
  const [view, setView] = useState<View>('current')
  const [at, setAt] = useState(today())
  const [scopeKind, setScopeKind] = useState<ScopeKind>('county')
  const [kind, setKind] = useState('')
  const [unitId, setUnitId] = useState<number | null>(null)
  const [from, setFrom] = useState(`${today().slice(0, 4)}-01-01`)
  const [to, setTo] = useState(today())
  const [snapOpen, setSnapOpen] = useState(false)

  const query = useMemo(() => {
    const scope =
      scopeKind === 'unitKind' && kind
        ? { kind: 'unitKind' as const, value: kind }
        : scopeKind === 'unit' && unitId
          ? { kind: 'unit' as const, unitId }
          : { kind: 'county' as const }
    return { at, scope, period: { from, to } }
  }, [at, scopeKind, kind, unitId, from, to])
  // One data hook: recomputed when the query changes or when a table it reads changes anywhere.
  const res = useApiQuery('stats.compute', query, { keepPrevious: true })
  const r = res.data
  const exportXlsx = useAction(
    async () => {
      const f = await call('stats.export', query)
      downloadBytes(f.bytes, f.fileName)
      return f
    },
    { success: (f) => `已导出 ${f.fileName}` },
  )
  const saveSnapshot = useAction<[string], SnapshotInfo>((name) => call('stats.saveSnapshot', { name, query }), {
    success: (s) => `已保存快照“${s.name}”`,
    onDone: () => setSnapOpen(false),
  })

  return (
    <Page
      title="统计分析"
      subtitle={r ? `${r.scope.label} · ${dateDots(r.at)} · 在职 ${r.all.total} 人 · 用时 ${r.tookMs} ms` : undefined}
      testId="stats-page"
      actions={
        view === 'current' ? (
          <>
            <button
              type="button"
              className="btn"
              data-testid="stats-export"
              disabled={exportXlsx.busy || !r}
              onClick={() => void exportXlsx.run()}
            >
              {exportXlsx.busy ? '正在导出…' : '导出 Excel'}
            </button>
            <button type="button" className="btn" data-testid="stats-print" onClick={() => window.print()}>
              打印
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="stats-snapshot"
              onClick={() => setSnapOpen(true)}
            >
              保存快照
            </button>
          </>
        ) : null
      }
      toolbar={
        <Toolbar>
          <Segmented<View>
            ariaLabel="视图"
            options={[
              { value: 'current', label: '统计', testId: 'stats-view-current' },
              { value: 'compare', label: '快照对比', testId: 'stats-view-compare' },
            ]}
            value={view}
            onChange={setView}
          />
          {view === 'current' ? (
            <>
              <label className="inline-label">
                统计时点
                <DayInput value={at} data-testid="stats-at" aria-label="统计时点" onChange={(d) => d && setAt(d)} />
              </label>
              <select
                className="input stats-scope"
                value={scopeKind}
                data-testid="stats-scope"
                onChange={(e) => setScopeKind(e.target.value as ScopeKind)}
              >
                <option value="county">全县</option>
                <option value="unitKind">按单位类别</option>
                <option value="unit">按单位</option>
              </select>
              {scopeKind === 'unitKind' ? (
                <select
                  className="input stats-scope"
                  value={kind}
                  data-testid="stats-kind"
                  onChange={(e) => setKind(e.target.value)}
                >
                  <option value="">（选择类别）</option>
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </select>
              ) : null}
              {scopeKind === 'unit' ? (
                <span className="stats-unit">
                  <UnitPicker
                    units={units}
                    value={unitId}
                    placeholder="（选择单位）"
                    aria-label="统计单位"
                    data-testid="stats-unit"
                    onChange={(u) => setUnitId(u?.id ?? null)}
                  />
                </span>
              ) : null}
              <label className="inline-label">
                工作统计期间
                <DayInput value={from} data-testid="stats-from" aria-label="统计期间起" onChange={(d) => d && setFrom(d)} />
                至
                <DayInput value={to} data-testid="stats-to" aria-label="统计期间止" onChange={(d) => d && setTo(d)} />
              </label>
            </>
          ) : null}
          <Spacer />
        </Toolbar>
      }
    >
      {view === 'compare' ? (
        <CompareView current={r ?? null} />
      ) : (
        // A failed computation is an error with 重试, never an empty page.
        <Loaded query={res} what="统计" loading={<EmptyState title="正在统计……" />}>
          {(data) => <StatsView r={data} />}
        </Loaded>
      )}
      <SnapshotDialog
        open={snapOpen}
        defaultName={r ? `${r.scope.label}干部队伍结构 ${dateDots(r.at)}` : ''}
        busy={saveSnapshot.busy}
        onClose={() => setSnapOpen(false)}
        onSave={async (name) => {
          await saveSnapshot.run(name)
        }}
      />
    </Page>
  )
}

function StatsView({ r }: { r: StatsResult }) {
  const a = r.all
  const charts = useMemo(() => {
    const levels = r.byLevel.filter((l) => l.total > 0)
    const edu = EDU_CLASSES.map((e) => ({ name: e, value: a.highest[e] ?? 0 })).filter((x) => x.value > 0)
    return {
      age: {
        title: { text: '年龄结构', left: 'center', textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, top: 40, bottom: 40 },
        xAxis: {
          type: 'category',
          data: AGE_BANDS.map((b) => AGE_BAND_LABELS[b]),
          // Every band named under its bar: interval 0 (by default echarts drops labels it thinks crowded).
          axisLabel: { fontSize: 10, interval: 0, hideOverlap: false },
        },
        yAxis: { type: 'value' },
        series: [
          {
            type: 'bar',
            data: AGE_BANDS.map((b) => a.ageBands[b]),
            itemStyle: { color: '#b3261e' },
            label: { show: true, position: 'top' },
          },
        ],
      },
      level: {
        title: { text: '职务层次', left: 'center', textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
        series: [
          {
            type: 'pie',
            radius: ['35%', '62%'],
            top: 24,
            data: levels.map((l) => ({ name: l.level, value: l.total })),
            label: { formatter: '{b}\n{c}' },
          },
        ],
      },
      edu: {
        title: { text: '最高学历', left: 'center', textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
        series: [
          { type: 'pie', radius: ['35%', '62%'], top: 24, data: edu, label: { formatter: '{b}\n{c}' } },
        ],
      },
    }
  }, [r, a])
  return (
    <div className="stats-body">
      <div className="stats-cards" data-testid="stats-cards">
        <Card label="在职干部" value={`${a.total} 人`} />
        <Card label="女干部" value={`${a.women} 人`} sub={pct(a.women, a.total)} />
        <Card label="少数民族" value={`${a.minorities} 人`} sub={pct(a.minorities, a.total)} />
        <Card label="党外干部" value={`${a.nonParty} 人`} sub={pct(a.nonParty, a.total)} />
        <Card label="平均年龄" value={a.averageAge === null ? '—' : `${a.averageAge} 岁`} />
        <Card label="35岁及以下" value={`${a.ageBands['≤35']} 人`} sub={pct(a.ageBands['≤35'], a.total)} />
      </div>
      <h2 className="stats-h2">
        {r.scope.label}干部队伍结构统计表<span className="stats-h2-note">（统计时点 {dateDots(r.at)}，单位：人）</span>
      </h2>
      <StructureTable r={r} testId="stats-structure" />
      {a.ageUnknown ? (
        <p className="stats-note">另有 {a.ageUnknown} 人出生年月待补充，未计入年龄段和平均年龄。</p>
      ) : null}
      <div className="stats-charts">
        <EChart option={charts.age} testId="chart-age" />
        <EChart option={charts.level} testId="chart-level" />
        <EChart option={charts.edu} testId="chart-edu" />
      </div>
      <div className="stats-two">
        <div>
          <h2 className="stats-h2">
            干部工作情况
            <span className="stats-h2-note">
              （{dateDots(r.period.from)} 至 {dateDots(r.period.to)}）
            </span>
          </h2>
          <table className="table stats-table" data-testid="stats-period">
            <tbody>
              <tr>
                <th>谈话</th>
                <td>{r.period.talks}</td>
                <th>诫勉</th>
                <td>{r.period.admonitions}</td>
              </tr>
              <tr>
                <th>处分（党纪、政务）</th>
                <td>{r.period.sanctions}</td>
                <th>组织调整</th>
                <td>{r.period.adjustments}</td>
              </tr>
              <tr>
                <th>提拔（后备干部已使用）</th>
                <td>{r.period.promotions}</td>
                <th>召回</th>
                <td>{r.period.recalls}</td>
              </tr>
            </tbody>
          </table>
          <h2 className="stats-h2">学历</h2>
          <table className="table stats-table">
            <thead>
              <tr>
                <th>学历</th>
                <th>全日制教育</th>
                <th>最高学历</th>
              </tr>
            </thead>
            <tbody>
              {Object.keys(a.highest)
                .filter(
                  (k) =>
                    (a.highest[k] ?? 0) > 0 || (a.fullTime[k] ?? 0) > 0 || EDU_CLASSES.includes(k as never),
                )
                .map((k) => (
                  <tr key={k}>
                    <td>{k}</td>
                    <td>{a.fullTime[k] ?? 0}</td>
                    <td>{a.highest[k] ?? 0}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2 className="stats-h2">职级</h2>
          <table className="table stats-table" data-testid="stats-rank">
            <thead>
              <tr>
                <th>职级</th>
                <th>人数</th>
                <th>占比</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(r.byRank).map(([k, v]) => (
                <tr key={k}>
                  <td>{k}</td>
                  <td>{v}</td>
                  <td>{pct(v, a.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {r.posts.length ? (
        <>
          <h2 className="stats-h2">领导职数配备情况</h2>
          <PostsSummary r={r} />
        </>
      ) : null}
    </div>
  )
}

function PostsSummary({ r }: { r: StatsResult }) {
  const sum = (k: 'allotted' | 'filled' | 'vacant' | 'over') => r.posts.reduce((s, p) => s + p[k], 0)
  const overRows = r.posts.filter((p) => p.over > 0)
  return (
    <p className="stats-note stats-posts-summary" data-testid="stats-posts">
      核定职数 {sum('allotted')} 个，实配 {sum('filled')} 人，空缺 {sum('vacant')} 个
      {overRows.length
        ? `；超职数配备 ${sum('over')} 人（${overRows.map((p) => `${p.unit}${p.level}`).join('、')}）`
        : '；无超职数配备'}
      。明细见“单位管理 → 职数”。
    </p>
  )
}

function Card({ label, value, sub }: { label: string; value: string; sub?: string }) {
  return (
    <div className="stats-card">
      <div className="stats-card-label">{label}</div>
      <div className="stats-card-value">{value}</div>
      {sub ? <div className="stats-card-sub">{sub}</div> : null}
    </div>
  )
}

function SnapshotDialog({
  open,
  defaultName,
  busy,
  onClose,
  onSave,
}: {
  open: boolean
  defaultName: string
  busy: boolean
  onClose(): void
  onSave(name: string): Promise<void>
}) {
  const [name, setName] = useState<string | null>(null)
  const value = name ?? defaultName
  return (
    <Dialog
      open={open}
      title="保存统计快照"
      testId="snapshot-dialog"
      onClose={() => {
        setName(null)
        onClose()
      }}
      footer={
        <button
          type="button"
          className="btn btn-primary"
          data-testid="snapshot-save"
          disabled={busy}
          onClick={() => void onSave(value).then(() => setName(null))}
        >
          保存
        </button>
      }
    >
      <label className="field-label" htmlFor="snapshot-name">
        快照名称
      </label>
      <input
        id="snapshot-name"
        className="input"
        value={value}
        data-testid="snapshot-name"
        onChange={(e) => setName(e.target.value)}
      />
      <p className="stats-note">快照保存当前统计范围和时点的全部数字，以后可与其他快照并排对比。</p>
    </Dialog>
  )
}

function CompareView({ current }: { current: StatsResult | null }) {
  const list = useApiQuery('stats.snapshots', undefined)
  const [aId, setAId] = useState<number | null>(null)
  const [bId, setBId] = useState<number | 'current' | null>('current')
  const a = useApiQuery('stats.snapshot', { id: aId ?? 0 }, { enabled: aId !== null })
  const b = useApiQuery('stats.snapshot', { id: typeof bId === 'number' ? bId : 0 }, { enabled: typeof bId === 'number' })
  const left = aId !== null ? (a.data?.data ?? null) : null
  const right = bId === 'current' ? current : typeof bId === 'number' ? (b.data?.data ?? null) : null
  const snaps = list.data ?? []
  const failed = list.error ?? (aId !== null ? a.error : null) ?? (typeof bId === 'number' ? b.error : null)
  if (failed)
    return (
      <div className="stats-error" role="alert" data-testid="compare-error">
        读取快照失败：{failed.message}
      </div>
    )
  if (list.data && snaps.length === 0)
    return (
      <EmptyState title="还没有统计快照" testId="compare-empty">
        <p>在“统计”视图点“保存快照”，保存当时的全部数字；之后在这里并排对比。</p>
      </EmptyState>
    )
  const label = (s: StatsResult | null, title: string | undefined) =>
    s ? `${title ?? ''}（${s.scope.label}，${dateDots(s.at)}）` : ''
  const rows: [string, (s: StatsResult) => number | string | null][] = [
    ['在职干部', (s) => s.all.total],
    ['女干部', (s) => s.all.women],
    ['少数民族', (s) => s.all.minorities],
    ['党外干部', (s) => s.all.nonParty],
    ['平均年龄', (s) => s.all.averageAge],
    ...AGE_BANDS.map((k): [string, (s: StatsResult) => number] => [
      AGE_BAND_LABELS[k],
      (s) => s.all.ageBands[k],
    ]),
    ...['正处', '副处', '正科', '副科', '一般干部'].map((l): [string, (s: StatsResult) => number] => [
      l,
      (s) => s.byLevel.find((x) => x.level === l)?.total ?? 0,
    ]),
    ...EDU_CLASSES.map((e): [string, (s: StatsResult) => number] => [
      `最高学历 ${e}`,
      (s) => s.all.highest[e] ?? 0,
    ]),
    ['谈话', (s) => s.period.talks],
    ['诫勉', (s) => s.period.admonitions],
    ['处分', (s) => s.period.sanctions],
    ['提拔', (s) => s.period.promotions],
    ['组织调整', (s) => s.period.adjustments],
    ['召回', (s) => s.period.recalls],
  ]
  return (
    <div className="stats-body">
      <Toolbar>
        <label className="inline-label">
          快照甲
          <select
            className="input"
            value={aId ?? ''}
            data-testid="compare-a"
            onChange={(e) => setAId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">（选择快照）</option>
            {snaps.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-label">
          对比乙
          <select
            className="input"
            value={bId ?? ''}
            data-testid="compare-b"
            onChange={(e) =>
              setBId(
                e.target.value === 'current' ? 'current' : e.target.value ? Number(e.target.value) : null,
              )
            }
          >
            <option value="current">当前统计结果</option>
            {snaps.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </Toolbar>
      {left && right ? (
        <table className="table stats-table stats-compare" data-testid="compare-table">
          <thead>
            <tr>
              <th>项目</th>
              <th>{label(left, a.data?.name)}</th>
              <th>{label(right, bId === 'current' ? '当前' : b.data?.name)}</th>
              <th>增减（乙 − 甲）</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, f]) => {
              const x = f(left)
              const y = f(right)
              const d = typeof x === 'number' && typeof y === 'number' ? Math.round((y - x) * 10) / 10 : null
              return (
                <tr key={name}>
                  <td>{name}</td>
                  <td>{x ?? '—'}</td>
                  <td>{y ?? '—'}</td>
                  <td className={d ? (d > 0 ? 'delta-up' : 'delta-down') : ''}>
                    {d === null ? '—' : d > 0 ? `+${d}` : d}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : (
        <p className="stats-note">选择快照甲，与当前统计结果或另一个快照并排对比。</p>
      )}
    </div>
  )
}

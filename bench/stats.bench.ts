/**
 * Issue 13 at 100,000 cadres: the statistics of the whole county (SQL, one grouped pass), a unit
 * kind, a past date (status read back from the audit log), the 到龄 list for 12 months, and the
 * roster sorted by 到龄时间 (the generated, indexed column of migration 0080).
 */
import { bootApp } from '../main/bootstrap'
import { queryCadres } from '../main/services/cadres'
import { retireList } from '../main/services/retirement'
import { computeStats } from '../main/stats/compute'
import { demoDbCopy, ms, now, type Report } from './shared'

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

function timed(n: number, fn: () => unknown): number {
  const t: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = now()
    fn()
    t.push(ms(t0))
  }
  return median(t)
}

export default async function stats(report: Report): Promise<void> {
  const dbPath = await demoDbCopy(100_000)
  const app = bootApp({ dbPath, host: 'test', backupOnStart: false })
  const ctx = app.ctx
  try {
    const first = now()
    const s = computeStats(ctx)
    report('统计分析：全县（首次，冷缓存）', ms(first), 'ms', '< 1000 ms')
    report('统计分析：全县在职干部（人）', s.all.total, '人')
    report(
      '统计分析：全县（中位数，7 次）',
      timed(7, () => computeStats(ctx)),
      'ms',
      '< 1000 ms',
    )
    report(
      '统计分析：乡镇（单位类别）',
      timed(5, () => computeStats(ctx, { scope: { kind: 'unitKind', value: '乡镇' } })),
      'ms',
      '< 1000 ms',
    )
    report(
      '统计分析：全县，一年前的时点（按变更记录还原状态）',
      timed(5, () =>
        computeStats(ctx, { at: `${Number(ctx.today().slice(0, 4)) - 1}${ctx.today().slice(4)}` }),
      ),
      'ms',
      '< 1000 ms',
    )
    report(
      '到龄提醒：未来 12 个月（全县）',
      timed(5, () => retireList(ctx, { months: 12 })),
      'ms',
      '< 500 ms',
    )
    report(
      '花名册按到龄时间排序，首屏 100 行',
      timed(5, () => queryCadres(ctx, { offset: 0, limit: 100, sort: [{ key: 'retireDate', dir: 'asc' }] })),
      'ms',
      '< 200 ms',
    )
  } finally {
    app.close()
  }
}

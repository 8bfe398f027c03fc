/**
 * The records screens with 5,000 cadres (demo data with their records): the year grid of the whole
 * county loaded and 50 grades saved, through the same dispatcher the UI calls and in Chromium
 * (grid on screen, a pasted column of 50 grades saved); the 研判 grid, the talks due list and
 * escalation, the pool figures; the rebuild of impact periods after a bulk load.
 */
import { bootApp } from '../main/bootstrap'
import type { YearGrid } from '../main/records/assessments'
import { ensureImpactPeriods } from '../main/records/impact'
import { setSetting } from '../main/services/settings'
import { startApp } from '../tests/e2e/harness'
import { ensureRendererBuilt } from '../main/web/cli-build'
import { demoDbCopy, ms, now, type Report } from './shared'

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

async function timed(n: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const t: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = now()
    await fn()
    t.push(ms(t0))
  }
  return median(t)
}

export default async function records(report: Report): Promise<void> {
  const dbPath = await demoDbCopy(5000)
  const grades = ['优秀', '称职', '称职', '称职', '基本称职']
  let gridRows = 0
  const app = bootApp({ dbPath, host: 'test', backupOnStart: false })
  const call = async <T>(name: string, arg?: unknown): Promise<T> => {
    const r = await app.dispatch(name, arg)
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`)
    return r.value as T
  }
  try {
    const year = 2026
    const grid = await call<YearGrid>('assessments.grid', { unitId: null, year })
    gridRows = grid.total
    report('年度考核表：全县在职干部（人）', grid.total, '人')
    report(
      '年度考核表一块 200 行（全县，服务）',
      await timed(7, () => call('assessments.grid', { unitId: null, year })),
      'ms',
      '< 200 ms',
    )
    report(
      '年度考核表各等次人数（全县，服务）',
      await timed(7, () => call('assessments.counts', { unitId: null, year })),
      'ms',
      '< 200 ms',
    )
    let k = 0
    report(
      '保存 50 个等次（一个事务，含变更记录）',
      await timed(7, () => {
        k++
        return call('assessments.setGrades', {
          year,
          changes: grid.rows
            .slice(0, 50)
            .map((r, i) => ({ cadreId: r.cadreId, grade: grades[(i + k) % grades.length] })),
        })
      }),
      'ms',
      '< 100 ms',
    )
    report('应谈未谈名单', await timed(5, () => call('talks.due')), 'ms', '< 200 ms')
    report('督办升级提示', await timed(5, () => call('talks.escalation', {})), 'ms', '< 200 ms')
    report('后备干部库统计', await timed(5, () => call('reserve.figures', {})), 'ms', '< 200 ms')
    report(
      '谈话台账（全部，前 2000 条）',
      await timed(5, () => call('talks.ledger', { limit: 2000 })),
      'ms',
      '< 200 ms',
    )
    const rounds = await call<{ id: number }[]>('studies.rounds')
    if (rounds[0])
      report(
        '研判评分表载入',
        await timed(5, () => call('studies.grid', { roundId: rounds[0]?.id })),
        'ms',
        '< 100 ms',
      )
    // A bulk load leaves impact periods to be rebuilt once by the next roster query.
    setSetting(app.ctx, 'records.impactBasis', null)
    const t0 = now()
    ensureImpactPeriods(app.ctx)
    report('影响期全量重建（批量导入之后一次）', ms(t0), 'ms', '< 500 ms')
  } finally {
    app.close()
  }

  // In Chromium: the whole county's year grid on screen, then a pasted column of 50 grades saved.
  ensureRendererBuilt()
  const ui = await startApp({ dbPath })
  try {
    await ui.page.evaluate(() => (window.location.hash = '#/assessments'))
    await ui.page.getByTestId('assessment-page').waitFor()
    const inputs = ui.page.getByTestId('grade-input')
    await inputs.first().waitFor()
    const t: number[] = []
    for (const y of ['2024', '2025', '2024', '2025', '2024']) {
      const t0 = now()
      await ui.page.getByTestId('assessment-year').selectOption(y)
      await ui.page.getByRole('columnheader', { name: `${y} 年度等次` }).waitFor()
      await ui.page.locator(`[data-testid=grade-input][aria-label$="${y} 年度等次"]`).first().waitFor()
      t.push(ms(t0))
    }
    report('年度考核表在浏览器中显示（全县，切换年度）', median(t), 'ms', '< 500 ms')
    // Scrolling to the last person and typing a grade there.
    const t1 = now()
    await ui.page.locator('[data-testid=year-grid]').evaluate((el) => {
      const box = el.parentElement
      if (box) box.scrollTop = box.scrollHeight
    })
    await ui.page.locator(`[data-testid=grade-input][data-row="${gridRows - 1}"]`).fill('优秀')
    report('滚动到最后一人并录入等次', ms(t1), 'ms', '< 300 ms')
    const saves: number[] = []
    for (let round = 0; round < 3; round++) {
      const text = Array.from({ length: 50 }, (_, i) => grades[(i + round) % grades.length]).join('\n')
      const t0 = now()
      await inputs.first().evaluate((el, txt) => {
        const dt = new DataTransfer()
        dt.setData('text/plain', txt)
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }))
      }, text)
      await ui.page.getByTestId('grades-save').click()
      await ui.page.waitForFunction(
        () => document.querySelector('[data-testid=grades-save]')?.textContent === '保存',
      )
      saves.push(ms(t0))
    }
    report('浏览器中粘贴 50 个等次并保存', median(saves), 'ms', '< 500 ms')
  } finally {
    await ui.close()
  }
}

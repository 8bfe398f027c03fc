/**
 * Every page's first rows at 100,000 cadres, in Chromium over the browser host (issue 11): from the
 * route change to the first row of the page's list on screen, on a fresh page load each time (no
 * cached answers). 任职资格审查 has its own (bench/eligibility.bench.ts). Screenshots at 1440×900 go to test-results/bench-pages-<page>.png.
 */
import { startApp, screenshot } from '../tests/e2e/harness'
import { ensureRendererBuilt } from '../main/web/cli-build'
import { demoDbCopy, ms, now, type Report } from './shared'

/** Route → what shows its first rows (or its truly-empty state). */
const PAGES: [route: string, label: string, firstRows: string][] = [
  ['roster', '干部花名册', '[data-testid=roster-grid] .ag-row[row-id]'],
  ['assessments', '年度考核（全县）', '[data-testid=grade-input], [data-testid=load-error]'],
  ['studies', '研判', '.rec-round, .rec-empty, [data-testid=round-grid]'],
  ['talks', '谈话记录', '[data-testid=ledger-row], .empty-state'],
  ['reserve', '后备干部', '[data-testid=pool-row], .empty-state'],
  ['postings', '一线/派驻', '[data-testid=postings-table] tbody tr, .empty-state'],
  ['cadre/5000', '干部信息', '[data-testid=cadre-page] input'],
  ['stats', '统计分析', '[data-testid=stats-cards] .stats-card, [data-testid=load-error]'],
  ['retire', '到龄提醒', '[data-testid=retire-table] tbody tr, .empty-state'],
  ['units', '单位管理', '[data-testid=unit-tree] li'],
  ['audit', '变更记录', '[data-testid=audit-row]'],
]

export default async function pages(report: Report): Promise<void> {
  const dbPath = await demoDbCopy(100_000)
  ensureRendererBuilt()
  const ui = await startApp({ dbPath, route: 'settings' })
  try {
    for (const [route, label, sel] of PAGES) {
      // A fresh load of the app on another page, so nothing of this page is cached.
      await ui.page.goto(ui.baseUrl + '#/settings')
      await ui.page.reload()
      await ui.page.getByTestId('app-ready').waitFor({ timeout: 60_000 })
      const t0 = now()
      await ui.page.evaluate((r) => (window.location.hash = `#/${r}`), route)
      await ui.page.locator(sel).first().waitFor({ state: 'visible', timeout: 120_000 })
      report(`${label}：首屏数据（10 万人）`, ms(t0), 'ms', '< 1000 ms')
      await screenshot(ui.page, `bench-pages-${route.replace(/\//g, '-')}`)
    }
  } finally {
    await ui.close()
  }
}

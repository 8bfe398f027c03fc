/**
 * Foundation figures for 100,000 demo cadres: database open and migrate, time to first grid rows
 * in Chromium, quick-search time (through the handler and in the UI), renderer memory.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bootApp } from '../main/bootstrap'
import { openDatabase } from '../main/db/open'
import { RENDERER_OUT, ensureRendererBuilt } from '../main/web/cli-build'
import { startWebHost } from '../main/web/server'
import { launchChromium } from '../tests/e2e/harness'
import { demoDbCopy, ms, now, type Report } from './shared'

const N = Number(process.env['BENCH_CADRES'] ?? 100_000)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

export default async function foundation(report: Report): Promise<void> {
  ensureRendererBuilt()
  // Open + migrate a new file.
  const fresh: number[] = []
  for (let i = 0; i < 5; i++) {
    const p = join(mkdtempSync(join(tmpdir(), 'mig-')), 'c.db')
    const t = now()
    openDatabase(p).close()
    fresh.push(ms(t))
  }
  report('新建数据库并迁移', median(fresh), 'ms')

  const dbPath = await demoDbCopy(N)
  // A cached demo database from an older schema is brought up to date first (not timed as "open").
  openDatabase(dbPath).close()
  const opens: number[] = []
  for (let i = 0; i < 5; i++) {
    const t0 = now()
    openDatabase(dbPath).close()
    opens.push(ms(t0))
  }
  report(`打开已有数据库（${N.toLocaleString()} 人，中位数）`, median(opens), 'ms')

  const app = bootApp({ dbPath, host: 'web', backupOnStart: false })
  const searches = ['zs', '张', 'wjh', '620', '财政', 'lxm']
  const apiTimes: number[] = []
  for (let round = 0; round < 3; round++) {
    for (const s of searches) {
      const t = now()
      const r = await app.dispatch('cadres.query', { search: s, offset: 0, limit: 200 })
      apiTimes.push(ms(t))
      if (!r.ok) throw new Error(r.error.message)
    }
  }
  report('快速搜索（服务端，中位数，含总数）', median(apiTimes), 'ms', '< 300 ms')
  report('快速搜索（服务端，最慢）', Math.max(...apiTimes), 'ms', '< 300 ms')

  const host = await startWebHost({ dispatch: app.dispatch, rendererDir: RENDERER_OUT })
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    const firstRow = page.locator('[data-testid="roster-grid"] .ag-row[row-index="0"]').first()
    const t1 = now()
    await page.goto(host.url + '#/roster')
    await firstRow.waitFor({ state: 'visible', timeout: 60_000 })
    report('首屏表格行出现（打开页面到第一行）', ms(t1), 'ms', '< 1000 ms')

    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    const heap = async (): Promise<number> => {
      const m = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
      return (m.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024
    }
    report('渲染进程 JS 堆（首屏后）', await heap(), 'MB')

    const count = page.locator('[data-testid="roster-count"]')
    const uiTimes: number[] = []
    for (const s of ['zs', 'wjh', '']) {
      const before = await count.textContent()
      const t = now()
      await page.locator('[data-testid="roster-search"]').fill(s)
      await page.waitForFunction(
        (b) => {
          const el = document.querySelector('[data-testid="roster-count"]')
          return !!el && el.textContent !== b && !el.textContent?.includes('正在')
        },
        before,
        { timeout: 30_000 },
      )
      await firstRow.waitFor({ state: 'visible' })
      uiTimes.push(ms(t))
    }
    report('快速搜索（界面，输入到结果，含 100 ms 防抖）', median(uiTimes), 'ms', '< 300 ms')

    // Scroll through the grid: memory stays bounded because rows are fetched in blocks.
    const viewport = page.locator('[data-testid="roster-grid"] .ag-body-vertical-scroll-viewport').first()
    for (let i = 0; i < 20; i++) {
      await viewport.evaluate((el, y) => el.scrollTo(0, y), (i + 1) * 40 * 600)
      await page.waitForTimeout(50)
    }
    await page.locator('[data-testid="roster-grid"] .ag-row').first().waitFor({ state: 'visible' })
    report('渲染进程 JS 堆（滚动 20 屏后）', await heap(), 'MB')
  } finally {
    await browser.close()
    await host.close()
    app.close()
  }
}

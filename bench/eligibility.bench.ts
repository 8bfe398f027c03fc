/**
 * Promotion eligibility of 100,000 cadres for one target (issue 6: under 1 second).
 * Records as a county has them (assessments for five years, reserve entries, postings, talks,
 * discipline), inserted with plain SQL; then
 * - evaluate: the pure evaluation of every cadre against the 正科 rule set (the target figure),
 * - load: reading every record with one query per table, grouped by cadre,
 * - review: the whole round (load + evaluate + projected dates + overrides/decisions), which the main
 *   process evaluates once and keeps for 'eligibility.page',
 * - page: the first block of the page's grid through 'eligibility.page', with and without the round
 *   kept, and the time to the first grid row in Chromium with 100,000 demo cadres (target: well
 *   under 1.5 s; before the page fetched blocks it took the whole 37 MB round from
 *   'eligibility.review': 4.8 s).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../main/db/open'
import { bootApp } from '../main/bootstrap'
import { evaluateCadre } from '../main/eligibility/evaluate'
import { loadFacts } from '../main/eligibility/load'
import { clearReviewCache, reviewPage } from '../main/eligibility/page'
import { defaultRules } from '../main/eligibility/rules'
import { reviewRound } from '../main/eligibility/service'
import { createContext } from '../main/services/context'
import { RENDERER_OUT, ensureRendererBuilt } from '../main/web/cli-build'
import { startWebHost } from '../main/web/server'
import { seedCadres } from '../tests/db/eligibility-fixture'
import type { Page } from 'playwright-core'
import { launchChromium, screenshot } from '../tests/e2e/harness'
import { signInForTests } from '../tests/sign-in'
import { demoDbCopy, ms, now, type Report } from './shared'

const COUNT = 100_000
const AT = '2026-11-23'

/** Best of n runs: wall-clock ms and CPU ms of this process (the CPU figure is the honest one on a
 *  shared, loaded machine, where wall time includes waiting for a core). */
function best(n: number, f: () => void): { wall: number; cpu: number } {
  let wall = Infinity
  let cpu = Infinity
  for (let i = 0; i < n; i++) {
    const c = process.cpuUsage()
    const t = now()
    f()
    wall = Math.min(wall, ms(t))
    const u = process.cpuUsage(c)
    cpu = Math.min(cpu, (u.user + u.system) / 1000)
  }
  return { wall, cpu }
}

export default async function (report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'elig-bench-'))
  const dbPath = join(dir, 'cadres.db')
  const db = openDatabase(dbPath)
  try {
    const t = now()
    seedCadres(db, COUNT)
    const n = (db.prepare("SELECT count(*) AS n FROM cadres WHERE status = '在职'").get() as { n: number }).n
    report(`seed ${n} cadres with records`, ms(t), 'ms')
    const rules = defaultRules('section-chief')
    const talkKinds = ['诫勉谈话', '诫勉']
    const facts = loadFacts(db, { talkKinds, fromYear: 2025 })
    let eligible = 0
    const ev = best(3, () => {
      eligible = 0
      for (const f of facts)
        if (evaluateCadre(f, rules, AT, { evidence: false }).eligible === true) eligible++
    })
    report(`evaluate ${facts.length} cadres for 正科 (pure), wall`, ev.wall, 'ms', '< 1000 ms')
    report(`evaluate ${facts.length} cadres for 正科 (pure), CPU`, ev.cpu, 'ms', '< 1000 ms')
    report('eligible for 正科', eligible, 'cadres')
    const ld = best(2, () => loadFacts(db, { talkKinds, fromYear: 2025 }))
    report('load every record, grouped by cadre, wall', ld.wall, 'ms')
    report('load every record, grouped by cadre, CPU', ld.cpu, 'ms')
    const ctx = createContext({ db, dbPath, dataDir: dir, host: 'test', at: AT })
    let rows = 0
    let bytes = 0
    const rv = best(2, () => {
      const r = reviewRound(ctx, 'section-chief', AT)
      rows = r.rows.length
      bytes = JSON.stringify(r).length
    })
    report(`full review round (load + evaluate + projected dates), ${rows} rows, wall`, rv.wall, 'ms')
    report('full review round, CPU', rv.cpu, 'ms')
    report('review result as JSON (eligibility.review payload)', bytes / 1e6, 'MB')
    const q = { target: 'section-chief' as const, at: AT, filter: 'all' as const, offset: 0, limit: 200 }
    clearReviewCache(db)
    let t1 = now()
    reviewPage(ctx, q, true)
    report('eligibility.page first block early (200 cadres evaluated alone)', ms(t1), 'ms')
    t1 = now()
    const first = reviewPage(ctx, q)
    report('eligibility.page first block, round evaluated', ms(t1), 'ms')
    t1 = now()
    reviewPage(ctx, { ...q, filter: 'ineligible', search: '单位1', sort: [{ colId: 'name', sort: 'asc' }] })
    report('eligibility.page filtered, searched and sorted, round kept', ms(t1), 'ms')
    t1 = now()
    reviewPage(ctx, { ...q, offset: 200 })
    report('eligibility.page next block, round kept', ms(t1), 'ms')
    report('eligibility.page block as JSON', JSON.stringify(first).length / 1e3, 'kB')
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
  await firstRows(report)
}

/** Marks, inside the page, when row 0 of the review grid first shows a name (not a loading stub).
 *  Timed in the page because this process also hosts the handlers: while it evaluates the round,
 *  playwright here could not notice a row the browser already shows. A string, not a function:
 *  tsx's helpers would not exist in the page. */
const WATCH_FIRST_ROW = `(() => {
  const check = () => {
    const el = document.querySelector('[data-testid="elig-grid"] .ag-row[row-index="0"] [col-id="name"]')
    if (!window.__firstRow && el && el.textContent.trim()) window.__firstRow = performance.now()
    requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})()`

/** Marks when the subtitle first names the 副科 round; returns the page's clock now. */
const WATCH_DEPUTY = `(() => {
  const check = () => {
    if (!window.__deputy && document.querySelector('.page-subtitle')?.textContent?.includes('提任副科级'))
      window.__deputy = performance.now()
    else requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
  return performance.now()
})()`

/** The page in Chromium over 100,000 demo cadres: time from opening it to the first grid row. */
async function firstRows(report: Report): Promise<void> {
  ensureRendererBuilt()
  const dbPath = await demoDbCopy(COUNT)
  openDatabase(dbPath).close() // an older cached demo database is migrated first (not timed)
  const app = bootApp({ dbPath, host: 'web', backupOnStart: false })
  // Since accounts (issue 12) a page opens on the sign-in screen: sign in as the e2e harness does,
  // or no review row ever shows (the step timed out at 60 s).
  await signInForTests(app)
  const host = await startWebHost({ dispatch: app.dispatch, rendererDir: RENDERER_OUT })
  const browser = await launchChromium()
  const shown = async (page: Page): Promise<number> =>
    (
      await page.waitForFunction(() => (window as { __firstRow?: number }).__firstRow, undefined, {
        timeout: 60_000,
      })
    ).jsonValue() as Promise<number>
  const newPage = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.addInitScript({ content: WATCH_FIRST_ROW })
    return page
  }
  try {
    // Opening the app at the page (from navigation start, in the page's clock).
    const open = async (kept: boolean): Promise<number> => {
      if (!kept) clearReviewCache(app.ctx.db)
      const page = await newPage()
      try {
        await page.goto(host.url + '#/eligibility')
        return await shown(page)
      } finally {
        await page.close()
      }
    }
    const fresh: number[] = []
    for (let i = 0; i < 3; i++) fresh.push(await open(false))
    report(
      `首屏审查表格行出现（${COUNT.toLocaleString()} 人，打开页面，审查未缓存，中位数）`,
      median(fresh),
      'ms',
      '< 1000 ms',
    )
    report('首屏审查表格行出现（打开页面，审查已缓存）', await open(true), 'ms', '< 1000 ms')

    // Clicking 任职资格审查 in the navigation from the roster, the round not yet evaluated.
    const navs: number[] = []
    for (let i = 0; i < 3; i++) {
      clearReviewCache(app.ctx.db)
      const page = await newPage()
      await page.goto(host.url + '#/roster')
      await page
        .locator('[data-testid="roster-grid"] .ag-row[row-index="0"]')
        .first()
        .waitFor({ timeout: 60_000 })
      const t0 = await page.evaluate(() => performance.now())
      await page.getByTestId('nav-eligibility').click()
      navs.push((await shown(page)) - t0)
      if (i === 0) {
        // the counts follow once the whole round is evaluated
        await page.waitForFunction(
          () => !document.querySelector('[data-testid="elig-filter-all"]')?.textContent?.includes('…'),
          undefined,
          { timeout: 60_000 },
        )
        report(
          '从花名册点击导航到计数出现（整轮审查完成）',
          (await page.evaluate(() => performance.now())) - t0,
          'ms',
        )
        // In the page's clock too: the counts of the 副科 round that follow the first rows are
        // evaluated in this process, and playwright here would notice the new subtitle only after them.
        const t = (await page.evaluate(WATCH_DEPUTY)) as number
        await page.getByTestId('elig-target-deputy-section').click()
        const shownAt = (await (
          await page.waitForFunction(() => (window as { __deputy?: number }).__deputy, undefined, { timeout: 60_000 })
        ).jsonValue()) as number
        report('切换到副科到副科数据出现', shownAt - t, 'ms', '< 1000 ms')
      }
      await page.close()
    }
    report('从花名册点击导航到审查表格第一行（审查未缓存，中位数）', median(navs), 'ms', '< 1000 ms')

    // Looked at, not timed: the 正科 review filtered by one unit (its pills count that unit).
    const page = await newPage()
    try {
      await page.goto(host.url + '#/eligibility')
      await shown(page)
      await page.getByTestId('elig-target-section-chief').click()
      const units = page.getByTestId('elig-unit').locator('option')
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="elig-unit"] option').length > 2, undefined, { timeout: 120_000 })
      const unit = (await units.nth(2).getAttribute('value')) ?? ''
      const t = now()
      await page.getByTestId('elig-unit').selectOption(unit)
      await page.locator('[data-testid="elig-grid"] .ag-row [col-id="unit"]', { hasText: unit }).first().waitFor({ timeout: 60_000 })
      await page.waitForFunction(
        () => /^\d+$/.test(document.querySelector('[data-testid="elig-filter-all"] .elig-count')?.textContent ?? ''),
        undefined,
        { timeout: 60_000 },
      )
      report('按单位筛选到该单位的行与计数出现（审查已缓存）', ms(t), 'ms')
      await screenshot(page, 'eligibility-100k-by-unit')
    } finally {
      await page.close()
    }
  } finally {
    await browser.close()
    await host.close()
    app.close()
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

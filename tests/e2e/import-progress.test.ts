/**
 * A large import in Chromium as one long job: the progress bar moves with the step in words and
 * rows done of total (announced events, no polling), 取消 stops it, and the roster is exactly as
 * before (the import lands whole or not at all). Then the same file imports whole.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { largeRoster } from '../fixtures/make-rosters'
import { RosterPageModel } from './pages/roster'
import { screenshot, startApp, type StartedApp } from './harness'

const ROWS = 30_000

describe('导入花名册: progress and cancel', () => {
  let app: StartedApp
  let file: string
  beforeAll(async () => {
    app = await startApp({ route: 'roster', demoCount: 200 })
    const dir = join(app.dataDir, 'in')
    mkdirSync(dir, { recursive: true })
    file = join(dir, '全县花名册.xlsx')
    await largeRoster(ROWS, file)
  }, 120_000)
  afterAll(async () => {
    await app?.close()
  })

  const total = async (): Promise<number> =>
    ((await app.call('cadres.query', { offset: 0, limit: 1, statuses: [] })) as { total: number }).total
  const unitNames = async (): Promise<string[]> => ((await app.call('units.list')) as { name: string }[]).map((u) => u.name)

  it('shows the progress bar with the step and rows; a cancelled import leaves the roster unchanged', async () => {
    const page = app.page
    const before = await total()
    const unitsBefore = await unitNames()
    expect(before).toBe(200)
    const polls: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('import.progress')) polls.push(r.url())
    })

    // What the roster page says before.
    const roster = new RosterPageModel(page)
    await roster.root.waitFor()
    await expect.poll(() => roster.total(), { timeout: 30_000 }).toBeGreaterThan(0)
    const shownBefore = await roster.total()
    await page.getByTestId('nav-import').click()
    await page.getByTestId('import-page').waitFor()
    await page.getByTestId('import-file').setInputFiles(file)
    await expect.poll(() => page.getByTestId('import-counts').textContent(), { timeout: 60_000 }).toContain(`共 ${ROWS} 行`)
    await page.getByTestId('import-units-all-create').click()
    await expect.poll(() => page.getByTestId('import-start').isDisabled(), { timeout: 30_000 }).toBe(false)
    await page.getByTestId('import-start').click()

    // The bar, the step in Chinese and rows done of the whole roster, while it writes.
    const text = page.getByTestId('import-progress-text')
    await expect.poll(() => text.textContent(), { timeout: 60_000, interval: 20 }).toMatch(/写入数据库… \d+%（[\d,]+ \/ 30,000 行）/)
    const bar = page.getByRole('progressbar', { name: '导入进度' })
    const percent = Number(await bar.getAttribute('aria-valuenow'))
    expect(percent).toBeGreaterThan(0)
    expect(percent).toBeLessThan(100)
    const fill = await page.locator('.import-progress-fill').evaluate((el) => (el as HTMLElement).style.width)
    expect(fill).toMatch(/^\d+%$/)
    await screenshot(page, 'import-progress')

    await page.getByTestId('import-cancel').click()
    const stopped = page.getByTestId('import-stopped')
    await stopped.waitFor({ timeout: 30_000 })
    expect(await stopped.textContent()).toBe('导入已取消，数据库未作任何改动')
    expect(await page.getByTestId('import-progress').count()).toBe(0)
    await screenshot(page, 'import-cancelled')

    // Nothing of it landed: the same people, no unit of the file, and the roster page says so.
    expect(await total()).toBe(before)
    expect(await unitNames()).toEqual(unitsBefore)
    expect(polls).toEqual([])

    // The clerk can start again, and this time it lands whole.
    await page.getByTestId('import-start').click()
    const summary = page.getByTestId('import-summary')
    await summary.waitFor({ timeout: 120_000 })
    expect(await page.getByTestId('import-inserted').textContent()).toBe(String(ROWS))
    expect(await total()).toBe(before + ROWS)
    // Every one of them 在职: the roster page shows them all beside those it showed before.
    await page.getByTestId('import-goto-roster').click()
    await roster.root.waitFor()
    await expect.poll(() => roster.total(), { timeout: 30_000 }).toBe(shownBefore + ROWS)
  }, 300_000)
})

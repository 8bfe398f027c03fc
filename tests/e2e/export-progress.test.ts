/**
 * A long export as the clerk lives it: 导出 on tens of thousands of people shows a progress bar
 * whose percentage moves; 取消导出 stops it, says so, and no file is downloaded; the next export
 * runs to the end and its file holds everyone.
 */
import ExcelJS from 'exceljs'
import type { Download } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshContext, seedManyPeople, seedUnits } from '../db/export-seed'
import { screenshot, startApp, type StartedApp } from './harness'

const COUNT = 40_000

function localToday(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

describe('导出 Excel: progress and cancel on a large roster', () => {
  let app: StartedApp
  const downloads: Download[] = []
  beforeAll(async () => {
    const ctx = freshContext(localToday())
    seedUnits(ctx)
    seedManyPeople(ctx, COUNT)
    ctx.db.close()
    app = await startApp({ dbPath: ctx.dbPath, route: 'roster' })
    app.page.on('download', (d) => downloads.push(d))
  }, 180_000)
  afterAll(async () => {
    await app?.close()
  })

  it('shows a moving percentage; 取消导出 stops it and nothing is downloaded', async () => {
    const { page } = app
    await page
      .getByTestId('roster-count')
      .filter({ hasText: `共 ${COUNT.toLocaleString('zh-CN')} 人` })
      .waitFor()
    await page.getByTestId('roster-action-export').click()
    const dialog = page.getByTestId('export-dialog')
    await dialog.getByTestId('export-layout-per-row').click()
    await dialog.getByTestId('export-submit').click()

    const progress = dialog.getByTestId('export-progress')
    const percent = async (): Promise<number> => Number(/(\d+)%/.exec(await progress.innerText())?.[1] ?? -1)
    // The bar's value and its text say the same percentage, and it moves while the file is written.
    await expect.poll(percent, { timeout: 60_000, interval: 20 }).toBeGreaterThan(0)
    const first = await percent()
    await expect.poll(percent, { timeout: 60_000, interval: 20 }).toBeGreaterThan(first)
    const second = await percent()
    expect(second).toBeLessThan(100)
    expect(Number(await progress.locator('progress').getAttribute('value'))).toBeGreaterThanOrEqual(second)
    await screenshot(page, 'export-progress-40k')

    await dialog.getByTestId('export-cancel').click()
    await page.getByText('已取消导出，未生成文件').waitFor()
    await progress.waitFor({ state: 'detached' })
    // The dialog stays open for another try; nothing was handed to the browser.
    await expect(dialog.getByTestId('export-submit').isEnabled()).resolves.toBe(true)
    await page.waitForTimeout(1000)
    expect(downloads).toHaveLength(0)
    await screenshot(page, 'export-cancelled-40k')
  }, 120_000)

  it('after a cancel, the next export runs to the end with everyone in the file', async () => {
    const { page } = app
    const dialog = page.getByTestId('export-dialog')
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      dialog.getByTestId('export-submit').click(),
    ])
    await page.getByText(`已导出 ${COUNT.toLocaleString('zh-CN')} 人`).waitFor()
    expect(downloads).toHaveLength(1)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(await download.path())
    const ws = wb.worksheets[0]
    expect(ws?.getCell('A3').value).toBe('序号')
    expect(ws?.getCell(`A${3 + COUNT}`).value).toBe(COUNT)
    expect(ws?.actualRowCount).toBe(3 + COUNT)
  }, 180_000)
})

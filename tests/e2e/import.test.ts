/**
 * The clerk's import in Chromium: choose a roster with bad rows, see each problem at its cell in
 * the preview, import, find the people in the roster grid, download the rejected rows and open
 * that file: the rejected rows with a 问题说明 column.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ID, perRowRoster } from '../fixtures/make-rosters'
import { RosterPageModel } from './pages/roster'
import { screenshot, startApp, type StartedApp } from './harness'

describe('导入花名册 in the browser', () => {
  let app: StartedApp
  let file: string
  beforeAll(async () => {
    app = await startApp({ route: 'import' })
    const dir = join(app.dataDir, 'in')
    mkdirSync(dir, { recursive: true })
    file = join(dir, '财政局花名册.xlsx')
    writeFileSync(file, await perRowRoster())
  })
  afterAll(async () => {
    await app?.close()
  })

  it('previews, imports, shows the people, and gives back the rejected rows', async () => {
    const page = app.page
    await page.getByTestId('import-page').waitFor()
    await page.getByTestId('import-file').setInputFiles(file)
    const grid = page.getByTestId('import-preview-grid')
    await grid.locator('.ag-row').first().waitFor()
    await expect.poll(() => page.getByTestId('import-header-row').textContent()).toContain('第 3 行')

    // The Excel-number ID (row 7, column K) is red at its cell with the exact message.
    const cell = (row: number, col: string) => grid.locator(`.ag-row[row-id="${row}"] [col-id="${col}"]`)
    await expect.poll(() => cell(7, 'K').getAttribute('class')).toContain('import-cell-error')
    await expect.poll(() => cell(7, 'issues').textContent()).toContain('身份证号被 Excel 存成了数字，末尾数字已丢失')
    await expect.poll(() => cell(7, 'action').textContent()).toBe('拒绝')
    // Wrong check digit (row 8) and gender against the ID (row 9, column C).
    await expect.poll(() => cell(8, 'issues').textContent()).toContain('校验位错误')
    await expect.poll(() => cell(9, 'C').getAttribute('class')).toContain('import-cell-error')
    // The ambiguous 2004.1 (row 5, column H) is amber, and the row is imported.
    await expect.poll(() => cell(5, 'H').getAttribute('class')).toContain('import-cell-warning')
    await expect.poll(() => cell(5, 'action').textContent()).toBe('新增')
    // Names lose their inner spaces in the preview already.
    await expect.poll(() => cell(4, 'B').textContent()).toBe('张三')
    // Months read as on forms; the ambiguous number 1982.1 is shown as the month the ID number implies.
    await expect.poll(() => cell(4, 'D').textContent()).toBe('1975.03')
    await expect.poll(() => cell(5, 'D').textContent()).toBe('1982.10')
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toContain('有错误不导入 3 行')
    await screenshot(page, 'import-preview')

    // The roster's units are not in the (empty) tree: the import waits until they are decided.
    await expect.poll(() => page.getByTestId('import-units-undecided').textContent()).toContain('还有 3 个未确定')
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true)
    await page.getByTestId('import-units-all-create').click()
    await expect.poll(() => page.getByTestId('import-start').isDisabled()).toBe(false)
    await page.getByTestId('import-start').click()
    const summary = page.getByTestId('import-summary')
    await summary.waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('import-inserted').textContent()).toBe('3')
    expect(await page.getByTestId('import-rejected').textContent()).toBe('3')
    expect(await summary.textContent()).toContain('新建单位')
    await screenshot(page, 'import-summary')

    // The rejected rows come back as an Excel file with a 问题说明 column.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-download-rejected').click()])
    expect(download.suggestedFilename()).toBe('财政局花名册-问题行.xlsx')
    const saved = join(app.dataDir, 'rejected.xlsx')
    await download.saveAs(saved)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(saved)
    const ws = wb.worksheets[0]
    if (!ws) throw new Error('no sheet in the rejected-rows file')
    const texts: string[] = []
    ws.eachRow((row) => texts.push(row.values && Array.isArray(row.values) ? row.values.map((v) => String(v ?? '')).join('|') : ''))
    const headerLine = texts.find((t) => t.split('|').includes('问题说明')) ?? ''
    expect(headerLine).toContain('公民身份号码')
    const body = texts.join('\n')
    expect(body).toContain('王五')
    expect(body).toContain('赵六')
    expect(body).toContain('孙七')
    expect(body).not.toContain('周八')
    expect(body).toContain('原第 7 行')
    expect(body).toContain('身份证号被 Excel 存成了数字')

    // The imported people are in the roster grid.
    await page.getByTestId('import-goto-roster').click()
    const roster = new RosterPageModel(page)
    await roster.root.waitFor()
    await roster.searchFor(ID.zhou)
    await expect.poll(() => roster.rows.first().textContent(), { timeout: 10_000 }).toBe('周八')
    await roster.searchFor('张三')
    await expect.poll(() => roster.rows.first().textContent(), { timeout: 10_000 }).toBe('张三')
  })

  it('shows what an update would change before changing it', async () => {
    const page = app.page
    const changed = join(app.dataDir, 'in', '财政局花名册（更正）.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('花名册')
    ws.addRow(['姓名', '性别', '出生年月', '身份证号', '现任职务'])
    ws.addRow(['张三', '男', '1975.03', ID.zhang, '副县长'])
    ws.addRow(['周八', '女', '1985.05', ID.zhou, '镇长'])
    writeFileSync(changed, Buffer.from(await wb.xlsx.writeBuffer()))
    await page.getByTestId('nav-import').click()
    await page.getByTestId('import-page').waitFor()
    await page.getByTestId('import-file').setInputFiles(changed)
    const grid = page.getByTestId('import-preview-grid')
    const cell = (row: number, col: string) => grid.locator(`.ag-row[row-id="${row}"] [col-id="${col}"]`)
    await expect.poll(() => cell(2, 'action').textContent()).toBe('跳过')
    await page.getByTestId('import-dup-update').check()
    await expect.poll(() => cell(2, 'action').textContent()).toBe('更新')
    await expect.poll(() => cell(2, 'issues').textContent()).toBe('现任职务：局长 → 副县长')
    await expect.poll(() => cell(3, 'action').textContent()).toBe('未变')
    await screenshot(page, 'import-update-preview')
    await page.getByTestId('import-start').click()
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('import-updated').textContent()).toBe('1')
    expect(await page.getByTestId('import-inserted').textContent()).toBe('0')
    const person = (await app.call('cadres.query', { search: ID.zhang, offset: 0, limit: 10 })) as { rows: { position: string }[] }
    expect(person.rows[0]?.position).toBe('副县长')
  })
})

/**
 * Issue 13 in Chromium: a roster naming units the tree does not have. The preview asks for each
 * one; the clerk maps one through the close-name suggestion, one through the unit tree picker
 * (typed in pinyin initials), creates the third under a parent with a kind; the import starts only
 * then, and the people land in the units chosen.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Unit } from '../../main/domain/cadre'
import { ID } from '../fixtures/make-rosters'
import { screenshot, startApp, type StartedApp } from './harness'

describe('import preview: units not in the tree', () => {
  let app: StartedApp
  let file: string
  const ids: Record<string, number> = {}
  beforeAll(async () => {
    app = await startApp({ route: 'import' })
    const save = async (name: string, parent: string | null, kind: string | null) => {
      const u = (await app.call('units.save', { id: null, name, parentId: parent ? ids[parent] : null, kind })) as Unit
      ids[name] = u.id
    }
    await save('县直部门', null, null)
    await save('县财政局', '县直部门', '县直部门')
    await save('县教育局', '县直部门', '县直部门')
    await save('乡镇', null, null)
    await save('城关镇', '乡镇', '乡镇')
    await save('河口镇', '乡镇', '乡镇')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('花名册')
    ws.addRow(['姓名', '性别', '出生年月', '身份证号', '工作单位', '现任职务'])
    ws.addRow(['张三', '男', '1975.03', ID.zhang, '财政局', '局长'])
    ws.addRow(['周八', '女', '1985.05', ID.zhou, '城关镇人民政府', '镇长'])
    ws.addRow(['李四', '女', '1982.10', ID.li, '县新农村服务中心', '主任'])
    const dir = join(app.dataDir, 'in')
    mkdirSync(dir, { recursive: true })
    file = join(dir, '三个单位.xlsx')
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
  })
  afterAll(async () => {
    await app?.close()
  })

  it('asks for each unknown unit, then imports into the units chosen', async () => {
    const page = app.page
    await page.getByTestId('import-page').waitFor()
    await page.getByTestId('import-file').setInputFiles(file)
    const panel = page.getByTestId('import-units')
    await panel.waitFor()
    const row = (name: string) => panel.locator(`[data-testid="import-unit-row"][data-unit-name="${name}"]`)
    await expect.poll(() => panel.getByTestId('import-unit-row').count()).toBe(3)
    expect(await page.getByTestId('import-units-undecided').textContent()).toContain('还有 3 个未确定')
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true)
    expect(await row('财政局').getByTestId('import-unit-best').textContent()).toBe('对应到“县财政局”')
    await screenshot(page, 'import-units-asked')

    // 1. The close name, one click.
    await row('财政局').getByTestId('import-unit-best').click()
    await expect.poll(() => row('财政局').getByTestId('import-unit-picker').locator('input').inputValue()).toBe('县财政局')

    // 2. The tree picker: the suggestion on top, then typed in pinyin initials.
    await row('城关镇人民政府').getByTestId('import-unit-map').click()
    const picker = row('城关镇人民政府').getByTestId('import-unit-picker').locator('input')
    await picker.click()
    const list = page.getByTestId('unit-picker-list')
    await expect.poll(() => list.getByTestId('unit-picker-suggestion').first().textContent()).toContain('城关镇')
    await expect.poll(() => list.getByTestId('unit-picker-option').count()).toBe(6)
    await picker.fill('hkz')
    await expect.poll(() => list.getByTestId('unit-picker-option').allTextContents()).toEqual([expect.stringContaining('河口镇')])
    await picker.fill('cgz')
    await expect.poll(() => list.getByTestId('unit-picker-option').allTextContents()).toEqual([expect.stringContaining('城关镇')])
    await screenshot(page, 'unit-picker-open')
    await picker.press('Enter')
    await expect.poll(() => picker.inputValue()).toBe('城关镇')

    // 3. Created under 县直部门 as a 事业单位.
    await row('县新农村服务中心').getByTestId('import-unit-create').click()
    const parent = row('县新农村服务中心').getByTestId('import-unit-parent').locator('input')
    await parent.click()
    await parent.fill('县直')
    await list.getByTestId('unit-picker-option').first().click()
    await expect.poll(() => parent.inputValue()).toBe('县直部门')
    await row('县新农村服务中心').getByTestId('import-unit-kind').selectOption('事业单位')

    await expect.poll(() => page.getByTestId('import-start').isDisabled()).toBe(false)
    await expect.poll(() => panel.textContent()).toContain('已全部确定')
    // The preview shows where each person goes.
    const grid = page.getByTestId('import-preview-grid')
    await expect.poll(() => grid.locator('.ag-row[row-id="2"] [col-id="E"]').textContent()).toBe('财政局 → 县财政局')
    await screenshot(page, 'import-units-decided')

    await page.getByTestId('import-start').click()
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('import-inserted').textContent()).toBe('3')
    const units = (await app.call('units.list')) as Unit[]
    const byName = new Map(units.map((u) => [u.name, u]))
    expect(byName.has('财政局')).toBe(false)
    expect(byName.has('城关镇人民政府')).toBe(false)
    expect(byName.get('县新农村服务中心')).toMatchObject({ parentId: ids['县直部门'], kind: '事业单位', count: 1 })
    expect(byName.get('县财政局')?.count).toBe(1)
    expect(byName.get('城关镇')?.count).toBe(1)
  })
})

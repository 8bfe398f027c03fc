/**
 * The small things a new user tripped over (issue 15), each as the user sees it: the county's
 * label on one line; the backup list in words; one save, one message; an error message that goes
 * once the fields are fixed; the talk dialog says whose talk; 谈话记录 has 新增; the import preview's
 * 问题 column shows whole messages; a day typed as 2026.11.30, not the locale's date picker.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CadreQueryResult } from '../../main/domain/cadre'
import { perRowRoster } from '../fixtures/make-rosters'
import { screenshot, startApp, type StartedApp } from './harness'

let app: StartedApp
beforeAll(async () => {
  app = await startApp({ demoCount: 60 })
})
afterAll(async () => {
  await app?.close()
})

const toasts = () => app.page.locator('.message-area .message')

describe('系统设置', () => {
  it('县（区）名称 on one line; the backup list says what each backup is, never a file name', async () => {
    const { page } = app
    await page.goto(app.baseUrl + '#/settings')
    await page.getByTestId('settings-page').waitFor()
    const label = page.locator('label[for="settings-county"]')
    const box = await label.boundingBox()
    const lineHeight = await label.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20)
    expect(box!.height).toBeLessThan(lineHeight * 1.5)
    // The start-up backup ran on an empty database (nothing to keep): the note says when it will.
    const list = page.getByTestId('backup-list')
    expect(await page.locator('.settings-note', { hasText: '自动备份' }).first().textContent()).toMatch(/数据库中有数据后|保留最近 10 份/)
    await page.getByRole('button', { name: '立即备份' }).click()
    await expect.poll(() => list.locator('tbody tr td[data-file]').count()).toBeGreaterThan(0)
    const text = (await list.textContent()) ?? ''
    expect(text).not.toMatch(/\.sqlite|backup-\d|before-restore/)
    expect(text).toMatch(/\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}/)
    await expect.poll(async () => (await toasts().last().textContent()) ?? '').toMatch(/^已备份（\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}）/)
    await screenshot(page, 'ux-settings')
  })
})

describe('谈话记录', () => {
  it('新增谈话: pick whose talk, the dialog names them, one save shows one message', async () => {
    const { page } = app
    const first = ((await app.call('cadres.query', { offset: 0, limit: 1 })) as CadreQueryResult).rows[0]!
    await page.goto(app.baseUrl + '#/talks')
    await page.getByTestId('talks-page').waitFor()
    await page.getByTestId('talks-add').click()
    const picker = page.getByTestId('talk-subject')
    await picker.getByTestId('picker-search').fill(first.name ?? '')
    await picker.getByTestId('picker-hit').first().click()
    await picker.getByTestId('talk-subject-next').click()
    const editor = page.getByTestId('record-editor-talks')
    await editor.waitFor()
    expect(await editor.textContent()).toContain(`新增谈话记录：${first.name}`)
    await screenshot(page, 'ux-talk-dialog')
    const before = await toasts().count()
    await editor.getByTestId('record-save').click()
    await editor.waitFor({ state: 'detached' })
    await expect.poll(() => toasts().count()).toBe(before + 1)
    expect(await toasts().last().textContent()).toContain(`已新增${first.name}的谈话记录`)
    // Still one after a moment (no second message from the page).
    await page.waitForTimeout(300)
    expect(await toasts().count()).toBe(before + 1)
  })
})

describe('干部信息', () => {
  it('the error message of a refused save goes once the field is fixed', async () => {
    const { page } = app
    const first = ((await app.call('cadres.query', { offset: 0, limit: 1 })) as CadreQueryResult).rows[0]!
    await page.goto(app.baseUrl + `#/cadre/${first.id}`)
    const name = page.getByTestId('field-name')
    await name.waitFor()
    await name.fill('')
    await page.getByRole('button', { name: '保存', exact: true }).click()
    const errorToast = page.locator('.message-area .message-error')
    await expect.poll(() => errorToast.count()).toBeGreaterThan(0)
    await name.fill(first.name ?? '张三')
    await expect.poll(() => errorToast.count()).toBe(0)
  })
})

describe('导入花名册', () => {
  it('the 问题 column shows whole messages (wrapped, not cut off)', async () => {
    const { page } = app
    const dir = join(app.dataDir, 'in')
    mkdirSync(dir, { recursive: true })
    const file = join(dir, '财政局花名册.xlsx')
    writeFileSync(file, await perRowRoster())
    await page.goto(app.baseUrl + '#/import')
    await page.getByTestId('import-file').setInputFiles(file)
    const grid = page.getByTestId('import-preview-grid')
    const cell = grid.locator('.ag-row[row-id="7"] [col-id="issues"]').first()
    await expect.poll(() => cell.textContent()).toContain('身份证号被 Excel 存成了数字，末尾数字已丢失')
    // Every message ends inside its row (the row clips what overflows) and inside the column.
    const cut = await grid.locator('[col-id="issues"] .import-issues > span').evaluateAll((spans) =>
      spans
        .filter((s) => {
          const r = s.getBoundingClientRect()
          const row = s.closest('.ag-row')!.getBoundingClientRect()
          const cell = s.closest('.ag-cell')!.getBoundingClientRect()
          return r.bottom > row.bottom + 1 || r.right > cell.right + 1
        })
        .map((s) => s.textContent),
    )
    expect(cut).toEqual([])
    expect(await grid.locator('.ag-row[row-id="5"] [col-id="issues"]').first().textContent()).toContain('H列 参加工作时间')
    await screenshot(page, 'ux-import-preview')
  })
})

describe('dates', () => {
  it('任职资格审查 takes the review day as 2026.6.30 and shows it as 2026.06.30, not a locale date picker', async () => {
    const { page } = app
    await page.goto(app.baseUrl + '#/eligibility')
    const input = page.getByTestId('elig-date')
    await input.waitFor()
    expect(await input.getAttribute('type')).toBe('text')
    expect(await input.inputValue()).toMatch(/^\d{4}\.\d{2}\.\d{2}$/)
    await input.fill('2026.6.30')
    await input.press('Enter')
    await expect.poll(() => input.inputValue()).toBe('2026.06.30')
    await expect.poll(async () => (await page.getByTestId('eligibility-page').textContent()) ?? '').toContain('审查日期 2026.06.30')
    await input.fill('2026.2.30')
    await input.press('Enter')
    expect(await input.getAttribute('aria-invalid')).toBe('true')
  })
})

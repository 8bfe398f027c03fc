/**
 * Backups in Chromium through the browser host: 立即备份 on the settings page lists the backup;
 * after a change, 恢复 (with its confirmation) brings the backed-up data back, the page keeps
 * working over the same connection, and the safety copy of the changed data is listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CadreRecord } from '../../main/domain/cadre'
import { CadrePageModel } from './pages/cadre'
import { startApp, type StartedApp } from './harness'

describe('系统设置：备份与恢复', () => {
  let app: StartedApp

  beforeAll(async () => {
    app = await startApp({ demoCount: 60, route: 'settings' })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('backs up on demand, restores after a change, and keeps a safety copy', async () => {
    const page = app.page
    const list = page.getByTestId('backup-list')
    await page.getByTestId('settings-page').waitFor()
    await page.getByRole('button', { name: '立即备份' }).click()
    // Rows say what a backup is in Chinese; the file name is only in the tooltip.
    const backupRow = list.locator('tbody tr', { has: page.locator('td[data-file^="backup-"]') })
    await expect.poll(() => backupRow.count()).toBe(1)
    expect(await list.textContent()).not.toMatch(/\.sqlite|backup-|before-restore/)

    // A change after the backup, made through the same handlers the editor uses.
    const before = (await app.call('cadres.get', { id: 1 })) as CadreRecord
    await app.call('cadres.save', { id: 1, phone: '13912345678', position: '备份之后改的职务' })
    expect(((await app.call('cadres.get', { id: 1 })) as CadreRecord).position).toBe('备份之后改的职务')

    await backupRow.getByRole('button', { name: '恢复' }).click()
    const dialog = page.getByTestId('confirm-dialog')
    await expect.poll(async () => (await dialog.textContent()) ?? '').toContain('检查备份文件是否完好')
    await dialog.getByRole('button', { name: '检查并恢复' }).click()
    await expect
      .poll(async () => (await page.locator('.message-area').textContent()) ?? '')
      .toMatch(/已从 \d{4}\.\d{2}\.\d{2} \d{2}:\d{2} 的备份恢复；恢复前的数据已另存一份/)
    await expect.poll(() => list.locator('tbody tr', { hasText: '恢复前另存的数据' }).count()).toBe(1)
    expect(await list.textContent()).not.toMatch(/\.sqlite|backup-|before-restore/)

    // The data is the backup's again, read through the app's still-open connection and shown in the page.
    const after = (await app.call('cadres.get', { id: 1 })) as CadreRecord
    expect(after.position).toBe(before.position)
    expect(after.phone).toBe(before.phone)
    await page.evaluate(() => {
      location.hash = '#/cadre/1'
    })
    const cadre = new CadrePageModel(page)
    await cadre.root.waitFor()
    await expect.poll(() => cadre.field('position').inputValue()).toBe(before.position ?? '')
  })
})

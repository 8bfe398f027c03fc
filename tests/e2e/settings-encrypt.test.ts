/**
 * Settings → 数据加密 (issue 12) in Chromium over the browser host, through the workspace as the
 * desktop app runs it: a plain database is encrypted in place after a confirm; the recovery key is
 * shown once and the dialog closes only after 我已打印或抄写; the file is then unreadable to plain
 * SQLite and the app runs on with the key (the section says 已加密).
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPlainSqlite } from '../../main/db/open'
import { screenshot, startWorkspaceApp, type StartedWorkspaceApp } from './harness'

const T = { timeout: 30_000 }

describe('设置 → 加密数据库', () => {
  let app: StartedWorkspaceApp
  let db: string

  beforeAll(async () => {
    app = await startWorkspaceApp()
    await app.call('workspace.setup', { countyName: '清川县', dataDir: join(app.dataDir, '干部数据') })
    await app.call('workspace.finish')
    db = join(app.dataDir, '干部数据', 'cadres.db')
    await app.call('cadres.save', { id: null, name: '王建国', idCard: '620102197503141354' })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('encrypts after a confirm, shows the recovery key once, runs on encrypted', async () => {
    const page = app.page
    await page.reload()
    await page.locator('[data-testid="app-ready"]').waitFor(T)
    await page.evaluate(() => {
      window.location.hash = '#/settings'
    })
    const state = page.getByTestId('encrypt-status')
    await expect.poll(async () => (await state.textContent()) ?? '', T).toContain('数据库尚未加密')
    expect(isPlainSqlite(db)).toBe(true)

    await page.getByTestId('encrypt-start').click()
    await page.getByRole('button', { name: '开始加密' }).waitFor(T)
    await screenshot(page, 'settings-encrypt-confirm')
    await page.getByRole('button', { name: '开始加密' }).click()

    const key = page.getByTestId('encrypt-recovery-key')
    await key.waitFor(T)
    expect(await key.locator('code').textContent()).toMatch(/^([0-9A-F]{4}-){15}[0-9A-F]{4}$/)
    expect(await key.textContent()).toContain('CADRE_DB_KEY=恢复密钥')
    expect(await page.getByTestId('encrypt-close').isDisabled()).toBe(true)
    await screenshot(page, 'settings-encrypt-key')
    // It cannot be dismissed before the key is kept: no ×, and Escape leaves it open.
    expect(await page.getByTestId('encrypt-done').getByRole('button', { name: '关闭' }).count()).toBe(0)
    await page.keyboard.press('Escape')
    expect(await key.isVisible()).toBe(true)
    expect(isPlainSqlite(db)).toBe(false)

    await page.getByTestId('encrypt-kept').check()
    await page.getByTestId('encrypt-close').click()
    await page.locator('[data-testid="app-ready"]').waitFor(T)
    await page.evaluate(() => {
      window.location.hash = '#/settings'
    })
    await expect
      .poll(async () => (await page.getByTestId('encrypt-status').textContent()) ?? '', T)
      .toContain('数据库已加密')
    expect(((await app.call('app.info')) as { cadreCount: number }).cadreCount).toBe(1)
  })
})

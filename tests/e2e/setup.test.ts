/**
 * The first run as a new user meets it, from an empty data folder: the county's name, where the
 * data lives, then the demo — a separate database marked 演示 — and back to the real (empty)
 * database from settings. The real database never holds a fictional cadre.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../main/db/open'
import { screenshot, startWorkspaceApp } from './harness'
import { RosterPageModel } from './pages/roster'

function realDb(file: string): { cadres: number; county: string | null } {
  const db = openDatabase(file, { readonly: true })
  try {
    const n = (db.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n
    const c = db.prepare("SELECT value FROM settings WHERE key = 'org.countyName'").get() as { value: string } | undefined
    return { cadres: n, county: c ? (JSON.parse(c.value) as string) : null }
  } finally {
    db.close()
  }
}

describe('首次使用', () => {
  it('from an empty folder: county, folder, demo (marked 演示, separate), back to the real data', async () => {
    const app = await startWorkspaceApp()
    const { page } = app
    try {
      const wizard = page.getByTestId('setup-wizard')
      await wizard.waitFor()
      expect(await page.getByRole('heading', { name: '欢迎使用干部管理系统' }).isVisible()).toBe(true)
      // Step 1: the county. Empty is refused, in Chinese, beside the field.
      await wizard.getByRole('button', { name: '下一步' }).click()
      await expect.poll(() => wizard.getByRole('alert').textContent()).toContain('请填写县（区）名称')
      await page.getByTestId('setup-county').fill('清川县')
      expect(await wizard.getByRole('alert').count()).toBe(0)
      await screenshot(page, 'setup-1-county')
      await wizard.getByRole('button', { name: '下一步' }).click()

      // Step 2: where the data lives, proposed in the (empty) default folder; another chosen.
      const dirInput = page.getByTestId('setup-datadir')
      await dirInput.waitFor()
      expect(await dirInput.inputValue()).toBe(app.dataDir)
      const chosen = join(app.dataDir, '组织部数据')
      await dirInput.fill(chosen)
      await screenshot(page, 'setup-2-location')
      await wizard.getByRole('button', { name: '下一步' }).click()

      // Step 3: import, demo or later.
      await page.getByTestId('setup-demo').waitFor()
      await screenshot(page, 'setup-3-start')
      const realFile = join(chosen, 'cadres.db')
      expect(realDb(realFile)).toEqual({ cadres: 0, county: '清川县' })
      await page.getByTestId('setup-demo').click()

      // The demo: its own database, 演示 in the header, the strip and the window title.
      await page.getByTestId('demo-badge').waitFor({ timeout: 60_000 })
      expect(await page.getByTestId('demo-banner').textContent()).toContain('虚构')
      expect(await page.title()).toContain('演示')
      const roster = new RosterPageModel(page)
      await roster.waitForRows()
      await expect.poll(() => roster.total(), { timeout: 60_000 }).toBeGreaterThan(1000)
      await screenshot(page, 'setup-4-demo-roster')
      expect(existsSync(join(chosen, 'demo', 'demo.db'))).toBe(true)
      expect(realDb(realFile).cadres).toBe(0)

      // Settings says which database is open and switches back.
      await page.getByTestId('nav-settings').click()
      await page.getByTestId('settings-demo-leave').waitFor()
      await screenshot(page, 'setup-5-settings-demo')
      await page.getByTestId('settings-demo-leave').click()
      await page.getByTestId('settings-demo-open').waitFor({ timeout: 30_000 })
      expect(await page.getByTestId('demo-badge').count()).toBe(0)
      expect(await page.title()).not.toContain('演示')
      expect(await page.getByTestId('settings-county').inputValue()).toBe('清川县')
      expect(await page.getByTestId('settings-count').textContent()).toBe('0 人')
      await screenshot(page, 'setup-6-settings-real')
      expect(realDb(realFile)).toEqual({ cadres: 0, county: '清川县' })

      // The roster's empty state opens the demo (its own database) too, never loading into this one.
      await page.getByTestId('nav-roster').click()
      const empty = page.getByTestId('roster-empty')
      await empty.waitFor()
      await empty.getByRole('button', { name: '打开演示数据' }).click()
      await page.getByTestId('demo-badge').waitFor({ timeout: 60_000 })
      expect(realDb(realFile).cadres).toBe(0)
    } finally {
      await app.close()
    }
  })

  it('the wizard does not come back once done; the next start opens where the data was left', async () => {
    const first = await startWorkspaceApp()
    const dataDir = first.dataDir
    try {
      await first.page.getByTestId('setup-county').fill('清川县')
      await first.page.getByRole('button', { name: '下一步' }).click()
      await first.page.getByRole('button', { name: '下一步' }).click()
      await first.page.getByTestId('setup-later').click()
      await first.page.getByTestId('roster-empty').waitFor()
    } finally {
      await first.close()
    }
    const again = await startWorkspaceApp({ dataDir })
    try {
      await again.page.getByTestId('app-ready').waitFor()
      expect(await again.page.getByTestId('setup-wizard').count()).toBe(0)
      // The roster's empty state renders after the first query answers: wait for it, don't sample it.
      await again.page.getByTestId('roster-empty').waitFor({ state: 'visible', timeout: 30_000 })
    } finally {
      await again.close()
    }
  })
})

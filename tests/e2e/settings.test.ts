/** 系统设置: the county's name set by a clerk titles the exported roster. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type StartedApp } from './harness'

describe('系统设置', () => {
  let app: StartedApp
  beforeAll(async () => {
    app = await startApp({ route: 'settings' })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('saves the county name, and the exported roster carries it in its title', async () => {
    const { page } = app
    await page.getByTestId('settings-page').waitFor()
    await page.getByTestId('settings-county').fill('清河县')
    await page.getByRole('button', { name: '保存', exact: true }).click()
    await page.getByText('已保存：导出的花名册标题为“清河县干部花名册”').waitFor()
    const r = (await app.call('export.roster', { query: {}, layout: 'per-row' })) as { fileName: string }
    expect(r.fileName).toMatch(/^清河县干部花名册_\d{8}\.xlsx$/)
    await page.reload()
    await page.getByTestId('settings-page').waitFor()
    await expect.poll(() => page.getByTestId('settings-county').inputValue()).toBe('清河县')
  })
})

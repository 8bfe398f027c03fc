/**
 * Issue 13 in Chromium: the eligibility review shows the vacant posts at the target's level that
 * the candidate could fill — the candidate's own unit first, with allotted / held and the day it
 * fell vacant — from the 职数 kept in 单位管理; a 职级 target shows none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Unit } from '../../main/domain/cadre'
import { screenshot, startApp, type StartedApp } from './harness'

describe('vacancies in the eligibility review', () => {
  let app: StartedApp
  beforeAll(async () => {
    app = await startApp({ demoCount: 300 })
    const units = (await app.call('units.list')) as Unit[]
    // Every unit with people gets 副科 posts enough to have vacancies; the first ones dated.
    let n = 0
    for (const u of units.filter((x) => x.count > 0)) {
      await app.call('units.setPosts', {
        unitId: u.id,
        posts: [{ level: '副科', allotted: 12, vacantSince: n++ < 3 ? `2026-0${n}-15` : null }],
      })
    }
    await app.page.getByTestId('nav-eligibility').click()
    await app.page.getByTestId('eligibility-page').waitFor()
  }, 120_000)
  afterAll(async () => {
    await app?.close()
  })

  it('lists the vacancies a 副科 candidate could fill, the own unit first', async () => {
    const page = app.page
    await page.getByTestId('elig-target-deputy-section').click()
    const row = page.locator('[data-testid="elig-grid"] .ag-row').first()
    await row.waitFor()
    await row.click()
    const panel = page.getByTestId('elig-panel')
    const section = panel.getByTestId('review-vacancies')
    await section.waitFor()
    await expect.poll(() => section.getByTestId('review-vacancy').count()).toBeGreaterThan(0)
    const unitLine = (await panel.locator('.elig-panel-head .muted').first().textContent()) ?? ''
    const first = (await section.getByTestId('review-vacancy').first().textContent()) ?? ''
    expect(first).toContain('本单位')
    expect(unitLine.startsWith(first.split('本单位')[0] ?? '')).toBe(true)
    expect(await section.textContent()).toMatch(/副科空缺职位\d+ 个单位共空缺 \d+ 个/)
    await screenshot(page, 'review-vacancies')

    // A 职级 promotion holds no leadership post: no list.
    await page.getByTestId('elig-target-rank').selectOption('rank-1')
    await expect.poll(() => page.locator('.page-subtitle').textContent()).toContain('晋升一级主任科员')
    await page.locator('[data-testid="elig-grid"] .ag-row').first().click()
    await panel.getByTestId('elig-panel-verdict').waitFor()
    await expect.poll(() => panel.getByTestId('review-vacancies').count()).toBe(0)
  })
})

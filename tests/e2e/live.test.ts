/**
 * Live data (issue 11): a change made in one page shows in another page without a reload — the
 * data side announces the tables a commit changed and every open page refetches what depends on
 * them (renderer/src/lib/query.tsx) — and a failed read shows as an error, never as empty data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CadreQueryResult } from '../../main/domain/cadre'
import { screenshot, startApp, type StartedApp } from './harness'
import { CadrePageModel } from './pages/cadre'
import { RosterPageModel } from './pages/roster'

let app: StartedApp

beforeAll(async () => {
  app = await startApp({ demoCount: 300, route: 'roster' })
})
afterAll(async () => {
  await app?.close()
})

describe('live data between pages', () => {
  it('an edit saved on a cadre page shows in the roster and the audit log open in other tabs, without reload', async () => {
    const roster = new RosterPageModel(app.page)
    await roster.waitForRows()
    const first = (await app.call('cadres.query', {
      offset: 0,
      limit: 1,
      statuses: ['在职'],
    })) as CadreQueryResult
    const person = first.rows[0]!
    // Another tab on the audit log.
    const auditTab = await app.context.newPage()
    await auditTab.goto(app.baseUrl + '#/audit')
    await auditTab.getByTestId('audit-row').first().waitFor()
    // A third tab edits the person.
    const editTab = await app.context.newPage()
    await editTab.goto(app.baseUrl + `#/cadre/${person.id}`)
    const cadre = new CadrePageModel(editTab)
    await cadre.root.waitFor()
    const newPosition = `${person.name}的新职务（实时刷新测试）`
    await cadre.setField('position', newPosition)
    await cadre.save()
    await expect.poll(async () => (await cadre.messages.last().textContent()) ?? '').toContain('已保存')

    // The roster tab shows it, and so does the audit log tab, neither reloaded.
    await expect
      .poll(
        async () =>
          await app.page.locator('.roster-row [col-id="position"]', { hasText: newPosition }).count(),
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThan(0)
    await expect
      .poll(async () => (await auditTab.getByTestId('audit-row').first().textContent()) ?? '', {
        timeout: 15_000,
      })
      .toContain(newPosition)
    await screenshot(app.page, 'live-roster-after-edit-elsewhere')
    await screenshot(auditTab, 'live-audit-after-edit-elsewhere')
    await auditTab.close()
    await editTab.close()
  })

  it('a read that fails shows its error, not an empty roster', async () => {
    const roster = new RosterPageModel(app.page)
    await roster.waitForRows()
    const before = await roster.total()
    // The roster's search is at most 100 characters: the data side refuses a longer one.
    await roster.searchFor('张'.repeat(101))
    await expect
      .poll(async () => (await app.page.locator('.message-area .message').last().textContent()) ?? '')
      .toMatch(/参数无效/)
    expect(await app.page.getByTestId('roster-no-rows').count()).toBe(0)
    expect(await roster.total()).toBe(before)
    await screenshot(app.page, 'live-roster-read-error')
    await roster.searchFor('')
  })
})

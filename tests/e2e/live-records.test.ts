/**
 * Live data on the records pages (issue 11): what is saved on one screen shows on every other at
 * once, with the same number — a talk added on 谈话记录 updates the cadre page's 谈话 tab and its
 * 督办提示 open in another tab; a reserve entry added from the roster updates the pool page's header
 * and its status card alike — and a read that fails says so with 重试, never an empty page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CadreQueryResult, CadreRow } from '../../main/domain/cadre'
import { addMonths } from '../../main/domain/dates'
import type { PoolRow } from '../../main/records/reserve'
import { screenshot, startApp, type StartedApp } from './harness'
import { RecordTabModel } from './pages/records'

/** The browser runs in Asia/Shanghai, the host in UTC: date talks by the host's day. */
function localToday(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

let app: StartedApp

beforeAll(async () => {
  app = await startApp({ demoCount: 300 })
})
afterAll(async () => {
  await app?.close()
})

const go = async (route: string) => {
  await app.page.evaluate((r) => (window.location.hash = `#/${r}`), route)
}
const lastMessage = async () => (await app.page.locator('.message-area .message').last().textContent()) ?? ''

/** A person in post with no talk of the escalation chain in the window. */
async function quietCadre(offset: number): Promise<CadreRow> {
  const r = (await app.call('cadres.query', { offset, limit: 20, statuses: ['在职'] })) as CadreQueryResult
  for (const c of r.rows) {
    const hints = (await app.call('talks.escalation', { cadreId: c.id })) as unknown[]
    if (hints.length === 0) return c
  }
  throw new Error('no cadre without escalation talks')
}

describe('live data on the records pages', () => {
  it('a talk added on 谈话记录 shows in the cadre page’s 谈话 tab and its hint, open in another tab, without reload', async () => {
    const person = await quietCadre(30)
    await app.call('records.add', {
      cadreId: person.id,
      kind: 'talks',
      data: {
        date: addMonths(localToday(), -3),
        kind: '督办',
        talker: '县委组织部',
        reason: '工作推进不力',
        content: null,
        followUp: null,
        followUpDeadline: null,
        docNo: null,
      },
    })
    // Another tab: the person's page on its 谈话 tab, marked to tell a reload apart.
    const cadreTab = await app.context.newPage()
    await cadreTab.goto(app.baseUrl + `#/cadre/${person.id}`)
    await cadreTab.getByTestId('tab-x-talks').click()
    const tab = new RecordTabModel(cadreTab)
    await tab.rows('talks').first().waitFor()
    const before = await tab.rows('talks').count()
    const hint = cadreTab.getByTestId('escalation-hint')
    await expect.poll(async () => (await hint.textContent()) ?? '').toContain('约谈')
    expect((await hint.textContent()) ?? '').not.toContain('诫勉')
    await cadreTab.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))

    // The 谈话 page: 新增谈话 → the person → a 约谈 today.
    await go('talks')
    await app.page.getByTestId('talks-page').waitFor()
    await app.page.getByTestId('talks-add').click()
    const subject = app.page.getByTestId('talk-subject')
    await subject.getByTestId('picker-search').fill(person.idCard ?? '')
    await subject.getByTestId('picker-hit').first().click()
    await subject.getByTestId('talk-subject-next').click()
    const editor = app.page.getByTestId('record-editor-talks')
    await editor.getByTestId('field-talks-kind').selectOption('约谈')
    await editor.getByTestId('field-talks-date').fill(localToday().replace(/-/g, '.'))
    await editor.getByTestId('field-talks-talker').fill('县委组织部')
    await editor.getByTestId('record-save').click()
    await editor.waitFor({ state: 'detached' })
    await expect.poll(lastMessage).toContain(`已新增${person.name}的谈话记录`)

    // The other tab shows the new row and the next step 诫勉, not reloaded.
    await expect.poll(async () => await tab.rows('talks').count(), { timeout: 15_000 }).toBe(before + 1)
    await expect
      .poll(async () => (await hint.textContent()) ?? '', { timeout: 15_000 })
      .toContain('下一步应为诫勉')
    expect(await cadreTab.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    )
    // This page's own lists too: the ledger has the talk, the escalation list says 诫勉 next.
    await expect
      .poll(async () => (await app.page.getByTestId('ledger-row').first().textContent()) ?? '')
      .toContain(person.name ?? '')
    await app.page.getByTestId('talks-view-escalation').click()
    const row = app.page.getByTestId('escalation-table').locator('tr', { hasText: person.name ?? '' })
    await expect.poll(async () => (await row.first().textContent()) ?? '').toContain('诫勉')
    await screenshot(cadreTab, 'live-cadre-talks-after-talk-elsewhere')
    await cadreTab.close()
  })

  it('a reserve entry added from the roster updates the pool page’s header and its status card alike', async () => {
    await go('reserve')
    await app.page.getByTestId('pool-figures').waitFor()
    const counts = async () => {
      const header = (await app.page.getByTestId('pool-header-count').textContent()) ?? ''
      const card = (await app.page.getByTestId('pool-status-card').textContent()) ?? ''
      const h = Number(header.match(/在库\s*(\d+)/)?.[1])
      const c = Number(card.match(/^按状态（含已出库）在库(\d+)/)?.[1])
      return { h, c }
    }
    const before = await counts()
    expect(before.h).toBe(before.c)
    const entries = (await app.call('reserve.list', {})) as PoolRow[]
    const pooled = new Set(
      entries.filter((e) => e.status === '在库' || e.status === '已列为考察对象').map((e) => e.cadreId),
    )

    // The roster in another tab: tick one person outside the pool, 加入后备干部库.
    const rosterTab = await app.context.newPage()
    await rosterTab.goto(app.baseUrl + '#/roster')
    const rows = rosterTab.locator('[data-testid=roster-grid] .ag-row[row-id]')
    await rows.first().waitFor()
    let id = 0
    for (let i = 0; i < 40 && !id; i++) {
      const rid = Number(await rows.nth(i).getAttribute('row-id'))
      if (!pooled.has(rid)) id = rid
    }
    expect(id).toBeGreaterThan(0)
    await rosterTab
      .locator(`[data-testid=roster-grid] .ag-row[row-id="${id}"] input[type=checkbox]`)
      .first()
      .check()
    await rosterTab.getByTestId('roster-action-add-to-pool').click()
    const dlg = rosterTab.getByTestId('add-to-pool')
    await dlg.getByTestId('field-pool-level').selectOption('正科级后备')
    await dlg.getByTestId('pool-add-confirm').click()
    await dlg.getByTestId('pool-checks-ok').or(rosterTab.locator('.message-success')).first().waitFor()
    if (await dlg.getByTestId('pool-checks-ok').isVisible()) await dlg.getByTestId('pool-checks-ok').click()
    await dlg.waitFor({ state: 'detached' })

    // The pool page, not reloaded: header and card both one more, equal.
    await expect.poll(counts, { timeout: 15_000 }).toEqual({ h: before.h + 1, c: before.c + 1 })
    await screenshot(app.page, 'live-reserve-after-add-elsewhere')
    await rosterTab.close()
  })

  it('a list whose read fails shows the error with 重试, not an empty page', async () => {
    await go('talks')
    await app.page.getByTestId('talks-view-ledger').click()
    await app.page.getByTestId('ledger-row').first().waitFor()
    // The ledger's search is at most 50 characters: the data side refuses a longer one.
    const search = app.page.getByPlaceholder('姓名 / 事由 / 文号')
    await search.fill('谈'.repeat(51))
    const error = app.page.getByTestId('load-error')
    await expect.poll(async () => (await error.textContent()) ?? '').toMatch(/读取谈话台账失败：.*参数/)
    expect(await app.page.getByTestId('load-retry').count()).toBe(1)
    expect(await app.page.getByText('没有符合条件的谈话记录').count()).toBe(0)
    expect(await app.page.getByTestId('ledger-row').count()).toBe(0)
    await screenshot(app.page, 'live-talks-read-error')
    await search.fill('')
    await app.page.getByTestId('ledger-row').first().waitFor()
    expect(await error.count()).toBe(0)

    await go('reserve')
    await app.page.getByTestId('pool-row').first().waitFor()
    await app.page.getByPlaceholder('姓名 / 拼音 / 单位').fill('库'.repeat(51))
    await expect.poll(async () => (await error.textContent()) ?? '').toMatch(/读取后备干部名单失败/)
    expect(await app.page.getByText('没有符合条件的后备干部').count()).toBe(0)
    await app.page.getByPlaceholder('姓名 / 拼音 / 单位').fill('')
    await app.page.getByTestId('pool-row').first().waitFor()
  })
})

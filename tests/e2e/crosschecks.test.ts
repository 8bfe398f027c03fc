/**
 * Cross-checks at entry, in Chromium (issue 10): a clerk gives 优秀 to a cadre who had a 诫勉 that
 * year and is told so in the dialog, naming the article; the grade is saved all the same. Adding
 * the same cadre to the 正科级后备 pool while the 诫勉 runs is said in the pool dialog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CadreQueryResult } from '../../main/domain/cadre'
import { screenshot, startApp, type StartedApp } from './harness'
import { RecordTabModel } from './pages/records'

describe('cross-checks shown at entry', () => {
  let app: StartedApp

  beforeAll(async () => {
    app = await startApp({ demoCount: 60 })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('warns in the dialog about 优秀 in a 诫勉 year, saves the grade, and warns when adding to the pool', async () => {
    const year = new Date().getFullYear()
    const clear = (await app.call('cadres.query', {
      offset: 0,
      limit: 1,
      filters: { impactUntil: { op: 'blank' } },
    })) as CadreQueryResult
    const person = clear.rows[0]!
    const month = String(new Date().getMonth() + 1).padStart(2, '0')
    await app.call('records.add', {
      cadreId: person.id,
      kind: 'talks',
      data: {
        date: `${year}-${month}-01`,
        kind: '书面诫勉',
        talker: '县纪委',
        reason: '履职不力',
        content: null,
        followUp: null,
        followUpDeadline: null,
        docNo: null,
      },
    })
    await app.page.evaluate((id) => (window.location.hash = `#/cadre/${id}`), person.id)
    await app.page.getByTestId('cadre-page').waitFor()
    await app.page.getByTestId('tab-x-assessments').click()
    const tabs = new RecordTabModel(app.page)
    await tabs.section('assessments').waitFor()
    await app.page.getByTestId('record-add-assessments').click()
    const dlg = app.page.getByTestId('record-editor-assessments')
    await dlg.getByTestId('field-assessments-year').fill(String(year))
    await dlg.getByTestId('field-assessments-grade').selectOption('优秀')
    await dlg.getByTestId('record-save').click()
    const warning = dlg.getByTestId('record-crosscheck-warning')
    await warning.waitFor()
    const text = (await warning.textContent()) ?? ''
    expect(text).toContain(`${year} 年度考核为“优秀”，但 ${year}.${month}.01 受到书面诫勉`)
    expect(text).toContain('（诫勉规定（2019））')
    await screenshot(app.page, 'crosscheck-excellent-admonished')
    await dlg.getByTestId('record-checks-ok').click()
    await dlg.waitFor({ state: 'detached' })
    await expect
      .poll(async () => (await tabs.rows('assessments').filter({ hasText: String(year) }).first().textContent()) ?? '')
      .toContain('优秀')

    // The pool: the roster's action with this one person ticked goes through the same dialog.
    await app.page.evaluate(() => (window.location.hash = '#/reserve'))
    await app.page.getByTestId('reserve-page').waitFor()
    await app.page.getByTestId('pool-add').click()
    const pool = app.page.getByTestId('add-to-pool')
    await pool.getByTestId('picker-search').fill(person.name ?? '')
    await pool.getByTestId('picker-hit').first().click()
    await pool.getByTestId('field-pool-level').selectOption('正科级后备')
    await pool.getByTestId('pool-add-confirm').click()
    const poolWarning = pool.getByTestId('pool-crosscheck-warning')
    await poolWarning.waitFor()
    expect((await poolWarning.textContent()) ?? '').toContain('入库时仍在影响期内')
    expect((await poolWarning.textContent()) ?? '').toContain('（条例 第二十四条（六））')
    await screenshot(app.page, 'crosscheck-pool')
    await pool.getByTestId('pool-checks-ok').click()
    await pool.waitFor({ state: 'detached' })
  })
})

/**
 * 影响期设置 in Chromium (issue 10): the administrator opens 资格审查规则设置 → 影响期设置, types
 * a fraction of a month and is told in Chinese which measure is wrong; saves 12 months for 诫勉;
 * the change is in the audit log, and the cadre's talk shows the new end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CadreQueryResult } from '../../main/domain/cadre'
import { screenshot, startApp, type StartedApp } from './harness'

describe('影响期设置', () => {
  let app: StartedApp
  beforeAll(async () => {
    app = await startApp({ demoCount: 30 })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('validates, saves, audits, and the records follow', async () => {
    const clear = (await app.call('cadres.query', {
      offset: 0,
      limit: 1,
      filters: { impactUntil: { op: 'blank' } },
    })) as CadreQueryResult
    const person = clear.rows[0]!
    await app.call('records.add', {
      cadreId: person.id,
      kind: 'talks',
      data: {
        date: '2026-08-03',
        kind: '诫勉谈话',
        talker: null,
        reason: null,
        content: null,
        followUp: null,
        followUpDeadline: null,
        docNo: null,
      },
    })
    await app.page.evaluate(() => (window.location.hash = '#/eligibility/rules'))
    await app.page.getByTestId('elig-rule-settings').waitFor()
    await app.page.getByTestId('impact-settings-tab').click()
    const box = app.page.getByTestId('impact-settings')
    await box.waitFor()
    const jiemian = box.getByTestId('impact-talks.诫勉')
    expect(await jiemian.inputValue()).toBe('6')
    expect(await box.getByTestId('impact-政务.开除').inputValue()).toBe('长期')

    await box.getByTestId('impact-党纪.严重警告').fill('1.5')
    await box.getByTestId('impact-save').click()
    const err = box.locator('.field-error')
    await err.first().waitFor()
    expect(await err.first().textContent()).toBe('党纪处分“严重警告”的影响期应为整数个月，收到“1.5”')
    await screenshot(app.page, 'impact-settings-error')

    await box.getByTestId('impact-党纪.严重警告').fill('18')
    await jiemian.fill('12')
    await box.getByTestId('impact-save').click()
    await expect.poll(async () => await box.locator('.field-error').count()).toBe(0)
    await expect
      .poll(async () => ((await app.call('impact.settings')) as { config: { talks: Record<string, number> } }).config.talks['诫勉'])
      .toBe(12)
    await expect.poll(async () => await box.getByTestId('impact-save').isDisabled()).toBe(true)
    await screenshot(app.page, 'impact-settings')

    const audit = (await app.call('audit.list', { offset: 0, limit: 5 })) as { entries: { summary: string }[] }
    expect(audit.entries.map((e) => e.summary)).toContain('修改影响期设置：诫勉 6 个月 → 12 个月')
    const talks = (await app.call('records.list', { cadreId: person.id, kind: 'talks' })) as {
      kind: string
      impact: { until: string } | null
    }[]
    expect(talks.find((t) => t.kind === '诫勉谈话')?.impact?.until).toBe('2027-08-03')
  })
})

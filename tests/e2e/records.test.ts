/**
 * The cadre's records in Chromium over the browser host: a 诫勉谈话 recorded on a cadre's page
 * shows its impact period there and in the roster; 50 grades pasted into the year grid are saved;
 * three cadres ticked in the roster go into the reserve pool; screenshots of every records screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CadreQueryResult } from '../../main/domain/cadre'
import { addMonths } from '../../main/domain/dates'
import type { YearGrid } from '../../main/records/assessments'
import type { PoolRow } from '../../main/records/reserve'
import { screenshot, startApp, type StartedApp } from './harness'
import { RecordTabModel, YearGridModel } from './pages/records'

function localToday(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

describe('干部档案记录', () => {
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
  const lastMessage = async () =>
    (await app.page.locator('.message-area .message').last().textContent()) ?? ''

  it('records a 诫勉谈话 and shows the impact period on the cadre and in the roster', async () => {
    const clear = (await app.call('cadres.query', {
      offset: 0,
      limit: 1,
      filters: { impactUntil: { op: 'blank' } },
    })) as CadreQueryResult
    const person = clear.rows[0]!
    const today = localToday()
    const until = addMonths(today, 6)
    await go(`cadre/${person.id}`)
    await app.page.getByTestId('cadre-page').waitFor()
    await app.page.getByTestId('tab-x-talks').click()
    const tabs = new RecordTabModel(app.page)
    await tabs.section('talks').waitFor()
    await tabs.add(
      'talks',
      {
        date: today.replace(/-/g, '.'),
        talker: '县委组织部 王部长',
        reason: '履职不力，整改不到位',
        docNo: '组诫〔2026〕9号',
      },
      { kind: '诫勉谈话' },
    )
    const row = tabs.rows('talks').filter({ hasText: '诫勉谈话' })
    await expect
      .poll(async () => (await row.first().textContent()) ?? '')
      .toContain(`至 ${until.replace(/-/g, '.')}`)
    expect((await row.first().textContent()) ?? '').toContain('影响期内')
    await screenshot(app.page, 'records-cadre-talks')

    // A discipline shows its own period on the 奖惩 tab.
    await app.page.getByTestId('tab-x-rewards').click()
    await tabs.add(
      'discipline',
      { date: '2026.01.10', measure: '严重警告', reason: '违反工作纪律' },
      { system: '党纪' },
    )
    await expect
      .poll(async () => (await tabs.rows('discipline').first().textContent()) ?? '')
      .toContain('至 2027.07.10')
    await screenshot(app.page, 'records-cadre-rewards')

    // The roster shows 影响期至 (the later of the two ends) and the filter finds the person.
    await app.call('settings.set', {
      key: 'roster.columns',
      value: [
        { key: 'name' },
        { key: 'gender' },
        { key: 'unit' },
        { key: 'position' },
        { key: 'idCard' },
        { key: 'impactUntil' },
      ],
    })
    const later = until > '2027-07-10' ? until : '2027-07-10'
    await go('roster')
    await app.page.getByTestId('roster-page').waitFor()
    await app.page.getByTestId('roster-search').fill(person.idCard ?? '')
    const cell = app.page.locator('[data-testid=roster-grid] .ag-row[row-id] [col-id="impactUntil"]').first()
    await expect
      .poll(async () => (await cell.textContent({ timeout: 1000 }).catch(() => '')) ?? '', {
        timeout: 15_000,
      })
      .toBe(later.replace(/-/g, '.'))
    await screenshot(app.page, 'records-roster-impact')
    const inside = (await app.call('cadres.query', {
      offset: 0,
      limit: 500,
      filters: { impactUntil: { op: 'notBlank' } },
    })) as CadreQueryResult
    expect(inside.rows.map((r) => r.id)).toContain(person.id)

    // The roster's own switch 仅看影响期内 lists exactly the people inside a period.
    await app.page.getByTestId('roster-search').fill('')
    await app.page.getByTestId('roster-in-impact').check()
    await expect
      .poll(async () => (await app.page.getByTestId('roster-count').textContent()) ?? '', { timeout: 15_000 })
      .toBe(`共 ${inside.total.toLocaleString('zh-CN')} 人`)
    const firstImpact = app.page.locator(
      '[data-testid=roster-grid] .ag-row[row-index="0"] [col-id="impactUntil"]',
    )
    await expect
      .poll(async () => ((await firstImpact.textContent()) ?? '').trim())
      .toMatch(/^\d{4}\.\d{2}\.\d{2}$/)
    await app.page.getByTestId('roster-in-impact').uncheck()
  })

  it('saves 50 grades pasted from Excel into the year grid', async () => {
    const year = Number(localToday().slice(0, 4))
    await go('assessments')
    const grid = new YearGridModel(app.page)
    await grid.root.waitFor()
    await app.page.getByTestId('assessment-year').selectOption(String(year))
    await expect.poll(async () => await grid.inputs.count()).toBeGreaterThan(50)
    const before = (await app.call('assessments.grid', { unitId: null, year })) as YearGrid
    const cycle = ['优秀', '称职', '称职', '称职', '基本称职']
    const grades = Array.from({ length: 50 }, (_, i) => cycle[i % cycle.length]!)
    await grid.paste(0, grades.join('\r\n') + '\r\n')
    await expect.poll(async () => (await grid.save.textContent()) ?? '').toContain('50 处修改')
    await screenshot(app.page, 'records-year-grid-pasted')
    await grid.save.click()
    await expect.poll(lastMessage).toContain('已保存 50 个等次')
    const after = (await app.call('assessments.grid', { unitId: null, year })) as YearGrid
    expect(after.rows.slice(0, 50).map((r) => r.grade)).toEqual(grades)
    expect(after.rows.slice(50).map((r) => r.grade)).toEqual(before.rows.slice(50).map((r) => r.grade))
    // Keyboard: a shortcut digit and Enter moves to the next row.
    await grid.row(50).fill('1')
    await grid.row(50).press('Enter')
    await expect
      .poll(async () => await grid.row(51).evaluate((el) => el === document.activeElement))
      .toBe(true)
    expect(await grid.row(50).inputValue()).toBe('优秀')
    await grid.save.click()
    await expect.poll(lastMessage).toContain('已保存 1 个等次')
    await screenshot(app.page, 'records-year-grid')
  })

  it('adds three cadres ticked in the roster to the reserve pool', async () => {
    const poolBefore = (await app.call('reserve.list', {})) as PoolRow[]
    const inPool = new Set(
      poolBefore
        .filter((r) => r.level === '副科级后备' && (r.status === '在库' || r.status === '已列为考察对象'))
        .map((r) => r.cadreId),
    )
    await go('roster')
    await app.page.getByTestId('roster-search').fill('')
    const rows = app.page.locator('[data-testid=roster-grid] .ag-row[row-id]')
    await rows.first().waitFor()
    // Three people not yet in the 副科级 pool.
    const picked: number[] = []
    for (let i = 0; picked.length < 3 && i < 40; i++) {
      const id = Number(await rows.nth(i).getAttribute('row-id'))
      if (!inPool.has(id)) picked.push(id)
    }
    expect(picked).toHaveLength(3)
    for (const id of picked) {
      await app.page
        .locator(`[data-testid=roster-grid] .ag-row[row-id="${id}"] input[type=checkbox]`)
        .first()
        .check()
    }
    await app.page.getByTestId('roster-action-add-to-pool').click()
    const dlg = app.page.getByTestId('add-to-pool')
    await dlg.waitFor()
    await dlg.getByTestId('field-pool-level').selectOption('副科级后备')
    await dlg.getByTestId('field-pool-way').selectOption('民主推荐')
    await dlg.getByTestId('field-pool-date').fill('2026.11')
    await screenshot(app.page, 'records-add-to-pool')
    await dlg.getByTestId('pool-add-confirm').click()
    await expect.poll(lastMessage).toContain('已将 3 人列入副科级后备')
    // What the regulations say against an entry (impact period, level) stays until read.
    if (await dlg.getByTestId('pool-checks-ok').isVisible()) await dlg.getByTestId('pool-checks-ok').click()
    await dlg.waitFor({ state: 'detached' })
    const poolAfter = (await app.call('reserve.list', {})) as PoolRow[]
    const added = poolAfter.filter(
      (r) => picked.includes(r.cadreId) && r.level === '副科级后备' && r.status === '在库',
    )
    expect(added.map((r) => [r.entryWay, r.entryDate])).toEqual([
      ['民主推荐', '2026-11'],
      ['民主推荐', '2026-11'],
      ['民主推荐', '2026-11'],
    ])
    await go('reserve')
    await app.page.getByTestId('reserve-page').waitFor()
    await app.page.getByTestId('pool-figures').waitFor()
    for (const r of added)
      await expect
        .poll(async () => await app.page.getByTestId('pool-row').filter({ hasText: r.name }).count())
        .toBeGreaterThan(0)
    await screenshot(app.page, 'records-reserve')
    // Removing one of them needs a reason, and keeps the entry as 已撤销.
    const gone = added[0]!
    await app.page
      .getByTestId('pool-row')
      .filter({ hasText: gone.name })
      .getByRole('button', { name: '撤销' })
      .first()
      .click()
    await app.page.getByRole('button', { name: '撤销出库' }).click()
    await expect
      .poll(async () => (await app.page.locator('.field-error').first().textContent()) ?? '')
      .toContain('请填写撤销原因')
    await app.page.getByTestId('field-pool-reason').fill('本人申请退出')
    await app.page.getByRole('button', { name: '撤销出库' }).click()
    await expect.poll(lastMessage).toContain(`已将${gone.name}从副科级后备库撤销`)
    const entry = ((await app.call('reserve.list', {})) as PoolRow[]).find((r) => r.id === gone.id)
    expect([entry?.status, entry?.exitReason]).toEqual(['已撤销', '本人申请退出'])
  })

  it('shows the 研判, 谈话 and 一线/派驻 screens', async () => {
    const stationed = (await app.call('postings.stationed', { kind: '第一书记' })) as { cadreId: number }[]
    if (stationed.length > 0) {
      await app.call('studies.createRound', {
        name: '2026年下半年第一书记研判（测试）',
        date: localToday(),
        dimensions: [
          { name: '政治素养', weight: 25 },
          { name: '工作实绩', weight: 40 },
          { name: '廉洁自律', weight: 15 },
          { name: '群众评价', weight: 20 },
        ],
        group: { kind: 'posting', postingKind: '第一书记' },
      })
    }
    await go('studies')
    await app.page.getByTestId('studies-page').waitFor()
    const grid = app.page.getByTestId('round-grid')
    await grid.waitFor()
    const score = grid.locator('input.rec-score')
    if ((await score.count()) >= 4) {
      for (const [i, v] of ['90', '85', '95', '88'].entries()) await score.nth(i).fill(v)
      await expect
        .poll(async () => (await grid.locator('.rec-total').first().textContent()) ?? '')
        .toBe('88.4')
      await app.page.getByTestId('round-save').click()
      await expect.poll(lastMessage).toContain('已保存')
    }
    await screenshot(app.page, 'records-studies')
    await app.page.getByTestId('studies-monthly').click()
    await app.page.getByTestId('monthly-table').or(app.page.locator('.empty-state')).first().waitFor()
    await screenshot(app.page, 'records-studies-monthly')

    await go('talks')
    await app.page.getByTestId('ledger-table').waitFor()
    await expect.poll(async () => await app.page.getByTestId('ledger-row').count()).toBeGreaterThan(0)
    await app.page.getByTestId('ledger-kind').selectOption('诫勉谈话')
    await expect
      .poll(async () => (await app.page.getByTestId('ledger-row').first().textContent()) ?? '')
      .toContain('诫勉谈话')
    await screenshot(app.page, 'records-talks-ledger')
    const download = app.page.waitForEvent('download')
    await app.page.getByTestId('talks-export').click()
    expect((await download).suggestedFilename()).toMatch(/^谈话记录台账_.*\.xlsx$/)
    await app.page.getByTestId('talks-view-due').click()
    const due = (await app.call('talks.due')) as { rows: { cadreId: number }[] }
    if (due.rows.length > 0) {
      await app.page.getByTestId('due-row').first().waitFor()
      await screenshot(app.page, 'records-talks-due')
      // One click records the talk and the person leaves the list.
      await app.page.getByTestId('due-record').first().click()
      const editor = app.page.getByTestId('record-editor-talks')
      // The browser runs in Asia/Shanghai, the host in UTC: date the talk by the host's day.
      await editor.getByTestId('field-talks-date').fill(localToday().replace(/-/g, '.'))
      await editor.getByTestId('record-save').click()
      await expect
        .poll(async () => ((await app.call('talks.due')) as { rows: unknown[] }).rows.length)
        .toBe(due.rows.length - 1)
    }
    // 督办 then 约谈 within the window: the app says the next step is 诫勉.
    const someone = ((await app.call('cadres.query', { offset: 7, limit: 1 })) as CadreQueryResult).rows[0]!
    const talk = (date: string, kind: string) => ({
      cadreId: someone.id,
      kind: 'talks',
      data: {
        date,
        kind,
        talker: '县委组织部',
        reason: '工作推进不力',
        content: null,
        followUp: null,
        followUpDeadline: null,
        docNo: null,
      },
    })
    await app.call('records.add', talk(addMonths(localToday(), -4), '督办'))
    await app.call('records.add', talk(addMonths(localToday(), -1), '约谈'))
    await app.page.getByTestId('talks-view-ledger').click()
    await app.page.getByTestId('talks-view-escalation').click()
    const hint = app.page.getByTestId('escalation-table').locator('tr', { hasText: someone.name! })
    await expect.poll(async () => (await hint.first().textContent()) ?? '').toContain('下一步应为诫勉')
    await screenshot(app.page, 'records-talks-escalation')
    await go(`cadre/${someone.id}`)
    await app.page.getByTestId('tab-x-talks').click()
    await expect
      .poll(async () => (await app.page.getByTestId('escalation-hint').textContent()) ?? '')
      .toContain('下一步应为诫勉')

    await go('postings')
    await app.page.getByTestId('postings-page').waitFor()
    await screenshot(app.page, 'records-postings')

    // 新增派驻 for two people at once: both land (one transaction), both show in the table.
    await app.page.getByRole('button', { name: '新增派驻' }).click()
    const dialog = app.page.getByRole('dialog', { name: '新增派驻' })
    await dialog.getByTestId('picker-search').fill(someone.name!.slice(0, 1))
    await dialog.getByTestId('picker-hit').nth(1).waitFor()
    await dialog.getByTestId('picker-hit').nth(0).click()
    await dialog.getByTestId('picker-hit').nth(1).click()
    await expect.poll(async () => (await dialog.getByTestId('picker-chosen').textContent()) ?? '').toContain('已选 2 人')
    await dialog.getByLabel('派驻村（单位）').fill('测试新村')
    await dialog.getByRole('button', { name: '保存' }).click()
    await expect
      .poll(async () => await app.page.getByTestId('postings-table').locator('tr', { hasText: '测试新村' }).count())
      .toBe(2)
  })
})

/**
 * The roster and the cadre editor in Chromium over the browser host, 2,000 demo cadres:
 * pinyin-initial search, open, edit, save, the change in the grid and in the audit log; a wrong
 * ID number refused with a message and nothing saved; the first-start screen; screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot, startApp, startWorkspaceApp, type StartedApp } from './harness'
import { RosterPageModel } from './pages/roster'
import { CadrePageModel } from './pages/cadre'
import type { CadreQueryResult, CadreRecord } from '../../main/domain/cadre'

describe('花名册与干部信息', () => {
  let app: StartedApp
  let roster: RosterPageModel
  let cadre: CadrePageModel

  beforeAll(async () => {
    app = await startApp({ demoCount: 2000 })
    roster = new RosterPageModel(app.page)
    cadre = new CadrePageModel(app.page)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('shows the active cadres with the count, in Chinese, at 1440×900', async () => {
    await roster.root.waitFor()
    await roster.waitForRows()
    const active = (await app.call('cadres.query', {
      offset: 0,
      limit: 1,
      statuses: ['在职'],
    })) as CadreQueryResult
    await expect.poll(() => roster.total()).toBe(active.total)
    expect(active.total).toBeGreaterThan(1000)
    // Months as the form prints them.
    await expect
      .poll(async () => (await roster.cell(0, 'birthDate').textContent()) ?? '')
      .toMatch(/^\d{4}\.\d{2}$/)
    const header = (await app.page.locator('.ag-header').textContent()) ?? ''
    for (const label of ['姓名', '性别', '出生年月', '年龄', '工作单位', '现任职务', '身份证号'])
      expect(header).toContain(label)
    await screenshot(app.page, 'roster')
  })

  it('narrows to a unit and its sub-units, and remembers the chosen columns across a reload', async () => {
    const units = (await app.call('units.list')) as {
      id: number
      name: string
      parentId: number | null
      count: number
    }[]
    const withChildren = units.find((u) => units.some((c) => c.parentId === u.id)) ?? units[0]!
    const expected = (await app.call('cadres.query', {
      offset: 0,
      limit: 1,
      unitId: withChildren.id,
      statuses: ['在职'],
    })) as CadreQueryResult
    // The unit's own cadres plus those of every unit below it, as the tree's count shows.
    const below = (id: number): number =>
      (units.find((u) => u.id === id)?.count ?? 0) +
      units.filter((u) => u.parentId === id).reduce((n, u) => n + below(u.id), 0)
    expect(expected.total).toBe(below(withChildren.id))
    expect(expected.total).toBeGreaterThan(withChildren.count)
    await app.page.getByTestId(`unit-${withChildren.id}`).click()
    await expect.poll(() => roster.total()).toBe(expected.total)
    expect(await app.page.getByTestId(`unit-${withChildren.id}`).locator('.tree-count').textContent()).toBe(
      String(expected.total),
    )
    await app.page.getByTestId('unit-all').click()

    // With 全部 chosen, the tree counts every status, as the list does (it counted 在职 only:
    // 全部单位 said 92,072 beside a list of 100,000).
    const allCount = async () => Number(await app.page.getByTestId('unit-all').locator('.tree-count').textContent())
    const active = await allCount()
    await app.page.getByTestId('status-全部').click()
    const everyone = (await app.call('cadres.query', { offset: 0, limit: 1, statuses: [] })) as CadreQueryResult
    await expect.poll(() => roster.total()).toBe(everyone.total)
    await expect.poll(allCount).toBe(everyone.total)
    expect(everyone.total).toBeGreaterThan(active)
    await app.page.getByTestId('status-在职').click()
    await expect.poll(allCount).toBe(active)

    await app.page.getByRole('button', { name: '列设置' }).click()
    const chooser = app.page.getByTestId('column-chooser')
    await chooser.getByLabel('籍贯').check()
    await chooser.getByRole('button', { name: '完成' }).click()
    await app.page.locator('.ag-header-cell[col-id="nativePlace"]').first().waitFor()
    // The layout is saved in the database: it survives a reload of the page.
    await expect
      .poll(async () => JSON.stringify(await app.call('settings.get', { key: 'roster.columns' })))
      .toContain('nativePlace')
    await app.page.reload()
    await roster.waitForRows()
    await app.page.locator('.ag-header-cell[col-id="nativePlace"]').first().waitFor()
    // Back to the defaults for the other tests.
    await app.page.getByRole('button', { name: '列设置' }).click()
    await chooser.getByRole('button', { name: '恢复默认列' }).click()
    await chooser.getByRole('button', { name: '完成' }).click()
    await expect
      .poll(async () => await app.page.locator('.ag-header-cell[col-id="nativePlace"]').count())
      .toBe(0)
  })

  it('finds a person by pinyin initials, saves an edit, shows it in the grid and the audit log', async () => {
    // Pick a real person from the demo data and search by the initials of their name.
    const first = (await app.call('cadres.query', {
      offset: 0,
      limit: 50,
      statuses: ['在职'],
    })) as CadreQueryResult
    const person = first.rows.find((r) => r.name && r.name.length >= 2)!
    const rec = (await app.call('cadres.get', { id: person.id })) as CadreRecord
    const { nameInitials } = await import('../../main/domain/pinyin')
    await roster.searchFor(nameInitials(rec.name!))
    await expect.poll(() => roster.total()).toBeLessThan(first.total)
    // Every row found has those initials, and the person is among them.
    const names = await roster.rows.allTextContents()
    expect(names.length).toBeGreaterThan(0)
    for (const n of names) expect(nameInitials(n)).toContain(nameInitials(rec.name!))
    await roster.openCadre(rec.name!)
    await expect.poll(async () => await cadre.title.textContent()).toBe(rec.name)
    await screenshot(app.page, 'cadre-detail')

    const newPosition = `${rec.unit ?? '某某镇'}党委副书记（测试修改）`
    await cadre.setField('position', newPosition)
    await cadre.save()
    await expect.poll(async () => (await cadre.messages.last().textContent()) ?? '').toContain('已保存')
    const saved = (await app.call('cadres.get', { id: person.id })) as CadreRecord
    expect(saved.position).toBe(newPosition)

    await cadre.tab('audit').click()
    await expect.poll(async () => (await cadre.auditRows.first().textContent()) ?? '').toContain(newPosition)

    await cadre.back()
    await roster.waitForRows()
    await expect
      .poll(
        async () =>
          await roster.root.locator('.roster-row [col-id="position"]', { hasText: newPosition }).count(),
      )
      .toBeGreaterThan(0)

    await app.page.getByTestId('nav-audit').click()
    await app.page.getByTestId('audit-page').waitFor()
    const top = app.page.getByTestId('audit-row').first()
    await expect.poll(async () => (await top.textContent()) ?? '').toContain(newPosition)
    expect((await top.textContent()) ?? '').toContain(rec.position ?? '（空）')
  })

  it('refuses a wrong ID number with a message under the field and saves nothing', async () => {
    const page = (await app.call('cadres.query', { offset: 5, limit: 1 })) as CadreQueryResult
    const id = page.rows[0]!.id
    const before = (await app.call('cadres.get', { id })) as CadreRecord
    await app.page.evaluate((cid) => (window.location.hash = `#/cadre/${cid}`), id)
    await expect.poll(async () => await cadre.title.textContent()).toBe(before.name)
    const idCard = before.idCard!
    const last = idCard.slice(-1)
    const wrong = idCard.slice(0, 17) + (last === '0' ? '1' : '0')
    await cadre.field('idCard').fill(wrong)
    // The message appears as typed, before any save.
    await expect.poll(async () => (await cadre.fieldError('idCard').textContent()) ?? '').toContain('校验位')
    await cadre.save()
    await expect.poll(async () => (await cadre.messages.last().textContent()) ?? '').toContain('需要修改')
    const after = (await app.call('cadres.get', { id })) as CadreRecord
    expect(after.idCard).toBe(idCard)
    expect(after.updatedAt).toBe(before.updatedAt)

    // A valid ID of the other gender contradicts 性别.
    const { makeIdCard } = await import('../../main/domain/idcard')
    const seq = Number(idCard.slice(14, 17))
    const other = makeIdCard(
      idCard.slice(0, 6),
      `${idCard.slice(6, 10)}-${idCard.slice(10, 12)}-${idCard.slice(12, 14)}`,
      seq % 2 ? (seq + 1) % 1000 : seq + 1,
    )
    await cadre.field('idCard').fill(other)
    await expect
      .poll(async () => (await cadre.fieldError('gender').textContent()) ?? '')
      .toContain('与身份证号不符')

    // A month that is not a month.
    await cadre.field('idCard').fill(idCard)
    await cadre.field('workStartDate').fill('1998.13')
    await expect
      .poll(async () => (await cadre.fieldError('workStartDate').textContent()) ?? '')
      .toContain('月份')
    await cadre.field('workStartDate').fill(before.workStartDate?.replace('-', '.') ?? '')
    await app.page.getByRole('button', { name: '返回花名册' }).click()
  })
  it('creates a new cadre: 性别 and 出生年月 filled from the ID, a photo, 简历 and family kept', async () => {
    const { makeIdCard } = await import('../../main/domain/idcard')
    const idCard = makeIdCard('620529', '1990-06-15', 248) // even: 女
    await app.page.evaluate(() => (window.location.hash = '#/roster'))
    await app.page.getByTestId('roster-new').click()
    await cadre.root.waitFor()
    await cadre.setField('name', '测试新人')
    await cadre.setField('idCard', idCard)
    expect(await cadre.field('gender').inputValue()).toBe('女')
    expect(await cadre.field('birthDate').inputValue()).toBe('1990.06')
    await cadre.setField('unit', '县财政局')
    await cadre.setField('workStartDate', '201207')
    expect(await cadre.field('workStartDate').inputValue()).toBe('2012.07')
    // A 1×1 PNG as the photo.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    )
    await app.page
      .getByTestId('photo-input')
      .setInputFiles({ name: 'p.png', mimeType: 'image/png', buffer: png })
    await app.page.locator('[data-testid=cadre-photo] img').waitFor()
    await cadre.tab('resume').click()
    await app.page.getByRole('button', { name: '添加一行' }).click()
    await app.page.getByLabel('第1行起始年月').fill('2012.07')
    await app.page.getByLabel('第1行经历').fill('县财政局科员')
    await cadre.tab('family').click()
    await app.page.getByRole('button', { name: '添加成员' }).click()
    await app.page.getByLabel('第1行称谓').fill('父亲')
    await app.page.getByLabel('第1行姓名').fill('测试父')
    await cadre.save()
    await app.page.waitForURL(/#\/cadre\/\d+$/)
    const id = Number(app.page.url().split('/').pop())
    const rec = (await app.call('cadres.get', { id })) as CadreRecord
    expect(rec).toMatchObject({
      name: '测试新人',
      gender: '女',
      birthDate: '1990-06',
      unit: '县财政局',
      workStartDate: '2012-07',
    })
    expect(rec.hasPhoto).toBe(true)
    expect(rec.resume).toEqual([{ start: '2012-07', end: null, text: '县财政局科员' }])
    expect(rec.family.map((f) => f.name)).toEqual(['测试父'])
  })

  it('marks a cadre 退休 after a confirmation; the record stays, under 退休 and not 在职', async () => {
    const page = (await app.call('cadres.query', {
      offset: 10,
      limit: 1,
      statuses: ['在职'],
    })) as CadreQueryResult
    const person = page.rows[0]!
    await app.page.evaluate((cid) => (window.location.hash = `#/cadre/${cid}`), person.id)
    await expect.poll(async () => await cadre.title.textContent()).toBe(person.name)
    await app.page.getByTestId('cadre-status-change').click()
    const dialog = app.page.getByTestId('status-dialog')
    await dialog.getByLabel('退休').check()
    await dialog.getByRole('button', { name: '确定' }).click()
    await app.page.getByTestId('confirm-dialog').getByRole('button', { name: '确认变更' }).click()
    await expect.poll(async () => await app.page.getByTestId('cadre-status').textContent()).toBe('退休')
    expect(((await app.call('cadres.get', { id: person.id })) as CadreRecord).status).toBe('退休')
    await cadre.back()
    await roster.searchFor(person.idCard!)
    await expect.poll(() => roster.total()).toBe(0)
    await app.page.getByTestId('roster-no-rows').waitFor()
    await screenshot(app.page, 'roster-no-rows')
    await app.page.getByTestId('status-退休').click()
    await expect.poll(() => roster.total()).toBe(1)
    await app.page.getByTestId('status-在职').click()
    await roster.searchFor('')
  })
})

describe('系统设置', () => {
  it('shows where the data lives, makes a backup on demand and restores it after a confirmation', async () => {
    const app = await startApp({ demoCount: 50 })
    try {
      await app.page.getByTestId('nav-settings').click()
      await app.page.getByTestId('settings-page').waitFor()
      await expect.poll(async () => await app.page.getByTestId('settings-count').textContent()).toBe('50 人')
      expect(await app.page.getByText(app.dbPath).count()).toBe(1)
      await app.page.getByRole('button', { name: '立即备份' }).click()
      const rows = app.page
        .getByTestId('backup-list')
        .locator('tbody tr', { has: app.page.getByRole('button', { name: '恢复' }) })
      await expect.poll(() => rows.count()).toBeGreaterThan(0)
      await screenshot(app.page, 'settings')
      // A change after the backup is undone by the restore.
      const page = (await app.call('cadres.query', { offset: 0, limit: 1 })) as CadreQueryResult
      const id = page.rows[0]!.id
      await app.call('cadres.save', { id, phone: '00000000' })
      await rows.first().getByRole('button', { name: '恢复' }).click()
      await app.page.getByTestId('confirm-dialog').getByRole('button', { name: '检查并恢复' }).click()
      await expect
        .poll(async () => (await app.page.locator('.message-area .message').last().textContent()) ?? '')
        .toContain('已从')
      const after = (await app.call('cadres.get', { id })) as CadreRecord
      expect(after.phone).not.toBe('00000000')
    } finally {
      await app.close()
    }
  })
})

describe('首次启动', () => {
  it('offers 导入花名册 and 打开演示数据 on an empty database; the demo opens as its own database', async () => {
    const app = await startWorkspaceApp()
    try {
      // Past the wizard (tests/e2e/setup.test.ts walks through it).
      await app.call('workspace.setup', { countyName: '清川县', dataDir: null })
      await app.call('workspace.finish')
      await app.page.reload()
      const empty = app.page.getByTestId('roster-empty')
      await empty.waitFor()
      expect(await empty.getByRole('button', { name: '导入花名册' }).isVisible()).toBe(true)
      await empty.getByRole('button', { name: '打开演示数据' }).click()
      await app.page.getByTestId('demo-badge').waitFor({ timeout: 60_000 })
      const roster = new RosterPageModel(app.page)
      await roster.waitForRows()
      await expect.poll(() => roster.total(), { timeout: 60_000 }).toBeGreaterThan(1000)
      expect(((await app.call('app.info')) as { dbPath: string }).dbPath).toMatch(/demo[\\/]demo\.db$/)
    } finally {
      await app.close()
    }
  })
})

/**
 * 年度考核 in Chromium (issue 11): rows come in blocks, the count per grade is the data side's,
 * a pasted name far down the list is found by the data side, sorting and filtering run in SQL;
 * a grade the regulations do not name is kept as typed with one warning naming the person (issue 10).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { YearGrid, YearGridCounts } from '../../main/records/assessments'
import { screenshot, startApp, type StartedApp } from './harness'
import { YearGridModel } from './pages/records'

describe('年度考核表（分块读取）', () => {
  let app: StartedApp
  let grid: YearGridModel
  const year = new Date().getFullYear() - 1

  beforeAll(async () => {
    app = await startApp({ demoCount: 1200, route: 'assessments' })
    grid = new YearGridModel(app.page)
    await grid.root.waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })

  const lastMessage = async () =>
    (await app.page.locator('.message-area .message').last().textContent()) ?? ''
  const counts = async () => (await app.page.getByTestId('assessment-counts').textContent()) ?? ''
  const block = async (arg: Record<string, unknown> = {}) =>
    (await app.call('assessments.grid', { unitId: null, year, ...arg })) as YearGrid

  it('shows the first rows, the number of people and the count per grade of the data side', async () => {
    const first = await block()
    const c = (await app.call('assessments.counts', { unitId: null, year })) as YearGridCounts
    await expect
      .poll(async () => await grid.row(0).getAttribute('aria-label'))
      .toBe(`${first.rows[0]?.name} ${year} 年度等次`)
    expect(await app.page.getByTestId('assessment-total').textContent()).toContain(
      `${c.total.toLocaleString('zh-CN')} 人`,
    )
    expect(c.total).toBeGreaterThan(1000)
    for (const [grade, n] of Object.entries(c.counts)) expect(await counts()).toContain(`${grade} ${n}`)
    // The last person, beyond the first block: scrolled to, his row is read and shown.
    await app.page.getByTestId('year-grid').evaluate((el) => {
      const box = el.parentElement
      if (box) box.scrollTop = box.scrollHeight
    })
    const tail = await block({ offset: c.total - 1, limit: 1 })
    await expect
      .poll(async () => await grid.row(c.total - 1).getAttribute('aria-label'), { timeout: 10_000 })
      .toBe(`${tail.rows[0]?.name} ${year} 年度等次`)
    await screenshot(app.page, 'assessment-grid-last-row')
  })

  it('sorts by name and filters by grade in the data side', async () => {
    await app.page.getByTestId('sort-name').click()
    const byName = await block({ sort: { key: 'name', dir: 'asc' } })
    await expect
      .poll(async () => await grid.row(0).getAttribute('aria-label'))
      .toBe(`${byName.rows[0]?.name} ${year} 年度等次`)
    await app.page.getByTestId('sort-name').click()
    const desc = await block({ sort: { key: 'name', dir: 'desc' } })
    await expect
      .poll(async () => await grid.row(0).getAttribute('aria-label'))
      .toBe(`${desc.rows[0]?.name} ${year} 年度等次`)
    await app.page.getByTestId('sort-name').click() // back to the unit order
    const c = (await app.call('assessments.counts', { unitId: null, year })) as YearGridCounts
    await app.page.getByTestId('assessment-grade-filter').selectOption('未录入')
    await expect
      .poll(async () => await app.page.getByTestId('assessment-total').textContent())
      .toContain(`符合条件 ${c.counts['未录入']} 人`)
    expect(await grid.row(0).inputValue()).toBe('')
    await app.page.getByTestId('assessment-grade-filter').selectOption('')
  })

  it('finds a pasted name far down the list and keeps an unknown grade as typed, with one warning', async () => {
    const far = (await block({ offset: 1000, limit: 1 })).rows[0]!
    const near = (await block({ offset: 0, limit: 1 })).rows[0]!
    // Two columns from Excel: 姓名 and 等次; the second person is not in the table.
    await grid.paste(0, `${far.name}\t很好\r\n查无此人\t优秀\r\n`)
    await expect.poll(lastMessage).toContain('已填入 1 行')
    expect(await lastMessage()).toContain(
      '1 行未能对应到本表中的干部：第 2 行“查无此人 优秀”：本表中没有“查无此人”',
    )
    await expect.poll(async () => (await grid.save.textContent()) ?? '').toContain('1 处修改')
    expect(await counts()).toContain('非规定等次 1')
    // The person's own row (found by the search) shows the value, marked.
    await app.page.getByTestId('assessment-search').fill(far.idCard)
    await expect
      .poll(async () => await grid.row(0).getAttribute('aria-label'))
      .toBe(`${far.name} ${year} 年度等次`)
    expect(await grid.row(0).inputValue()).toBe('很好')
    expect(await grid.row(0).getAttribute('data-unknown')).toBe('true')
    await screenshot(app.page, 'assessment-grid-unknown-grade')
    await app.page.getByTestId('assessment-search').fill('')
    // And one typed into the first row by hand.
    await expect
      .poll(async () => await grid.row(0).getAttribute('aria-label'))
      .toBe(`${near.name} ${year} 年度等次`)
    await grid.row(0).fill('良好')
    await grid.save.click()
    await app.page.locator('.message-area .message', { hasText: '已保存 2 个等次' }).waitFor()
    // The warnings stay above the table, one line each, until 知道了 (a toast was gone in 3.5 s).
    const warning = app.page.getByTestId('assessment-save-warnings')
    await warning.waitFor()
    expect(await warning.locator('div').first().textContent()).toContain('已保存。请注意（2 条）')
    const lines = await warning.locator('li').allTextContents()
    expect(lines).toHaveLength(2)
    expect(lines.find((l) => l.includes(far.name))).toContain(`${far.name}：考核等次“很好”不是规定的名称`)
    expect(lines.find((l) => l.includes(near.name))).toContain(`${near.name}：考核等次“良好”不是规定的名称`)
    for (const l of lines) expect(l).toContain('已按原样保存；涉及它的审查结果为“待核实”')
    await app.page.waitForTimeout(4000)
    expect(await warning.isVisible()).toBe(true)
    await screenshot(app.page, 'assessment-save-warnings')
    await app.page.getByTestId('assessment-save-warnings-ok').click()
    await warning.waitFor({ state: 'detached' })
    const saved = await block({ grade: '非规定等次' })
    expect(Object.fromEntries(saved.rows.map((r) => [r.name, r.grade]))).toMatchObject({
      [far.name]: '很好',
      [near.name]: '良好',
    })
    await expect.poll(counts).toContain('非规定等次 2')
    expect(await grid.row(0).getAttribute('data-unknown')).toBe('true')
  })
})

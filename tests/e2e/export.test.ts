/**
 * The clerk's export in Chromium: filter and sort the roster, hide a column, 导出 Excel →
 * 当前视图; the downloaded file holds exactly the rows and the columns she sees, in her order.
 * Then the standard 按机构分组 layout from the same dialog.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CadreQueryResult, CadreRow } from '../../main/domain/cadre'
import { ageAt, monthDots } from '../../main/domain/dates'
import { CADRE_FIELDS } from '../../main/domain/fields'
import { freshContext, seedPeople, seedUnits } from '../db/export-seed'
import { screenshot, startApp, type StartedApp } from './harness'

/** The file's headers are the full labels (the grid shows some shorter: 学历 for 全日制教育 学历). */
const LABEL_BY_KEY = new Map<string, string>([
  ...CADRE_FIELDS.map((f) => [f.key as string, f.label] as const),
  ['age', '年龄'],
  ['impactUntil', '影响期至'],
])
const MONTH_KEYS = new Set(CADRE_FIELDS.filter((f) => f.kind === 'month').map((f) => f.key as string))

function expectedCell(row: CadreRow, key: string, today: string): string | number | null {
  if (key === 'age') return ageAt(row.birthDate, today)
  const v = (row as unknown as Record<string, string | null>)[key] ?? null
  if (v === null || v === '') return null
  return MONTH_KEYS.has(key) ? monthDots(v) : v
}

async function sheetOf(path: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  const ws = wb.worksheets[0]
  if (!ws) throw new Error('no sheet')
  return ws
}

function cells(ws: ExcelJS.Worksheet, r: number): unknown[] {
  const out: unknown[] = []
  for (let c = 1; c <= ws.columnCount; c++) out.push(ws.getRow(r).getCell(c).value ?? null)
  return out
}

function localToday(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

describe('导出 Excel from the roster', () => {
  let app: StartedApp
  beforeAll(async () => {
    const ctx = freshContext(localToday())
    seedUnits(ctx)
    seedPeople(ctx, 48)
    ctx.db.close()
    app = await startApp({ dbPath: ctx.dbPath, route: 'roster' })
    // The clerk's remembered column layout: 身份证号 moved up to second place, 职级 hidden.
    const layout = [
      'name',
      'idCard',
      'gender',
      'birthDate',
      'age',
      'ethnicity',
      'unit',
      'position',
      'positionLevel',
      'politicalStatus',
      'eduFullTime',
    ]
    await app.call('settings.set', {
      key: 'roster.columns',
      value: [...layout.map((key) => ({ key })), { key: 'rank', hidden: true }],
    })
    await app.page.reload()
    await app.page.locator('[data-testid="app-ready"]').waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('exports exactly the filtered, sorted rows and the visible columns in grid order', async () => {
    const { page } = app
    await page.getByTestId('roster-count').filter({ hasText: '共 48 人' }).waitFor()

    // Filter: quick search for a unit's name.
    await page.getByTestId('roster-search').fill('财政')
    const q = { search: '财政', statuses: ['在职'], sort: [{ key: 'birthDate', dir: 'desc' as const }] }
    const expected = (await app.call('cadres.query', { ...q, offset: 0, limit: 1000 })) as CadreQueryResult
    expect(expected.total).toBeGreaterThan(5)
    expect(expected.total).toBeLessThan(48)
    await page
      .getByTestId('roster-count')
      .filter({ hasText: `共 ${expected.total} 人` })
      .waitFor()

    // Sort: 出生年月, newest first (two clicks on the header).
    const birthHeader = page
      .locator('.ag-header-cell', { hasText: '出生年月' })
      .locator('.ag-header-cell-label')
    await birthHeader.click()
    await page.locator('.ag-header-cell[aria-sort="ascending"]', { hasText: '出生年月' }).waitFor()
    await birthHeader.click()
    await page.locator('.ag-header-cell[aria-sort="descending"]', { hasText: '出生年月' }).waitFor()

    // Hide a column in the column chooser: 民族.
    await page.getByRole('button', { name: '列设置' }).click()
    const chooser = page.getByTestId('column-chooser')
    await chooser
      .locator('label.chooser-item', { hasText: /^民族$/ })
      .locator('input')
      .uncheck()
    await chooser.getByRole('button', { name: '完成' }).click()
    const gridKeys = async (): Promise<string[]> =>
      page.locator('.ag-header-row-column .ag-header-cell[col-id]').evaluateAll((els) =>
        els
          .map((e) => ({ id: e.getAttribute('col-id') ?? '', at: Number(e.getAttribute('aria-colindex')) }))
          .filter((c) => c.id && !c.id.startsWith('ag-Grid'))
          .sort((a, b) => a.at - b.at)
          .map((c) => c.id),
      )
    await expect.poll(gridKeys, { timeout: 10_000 }).not.toContain('ethnicity')
    const keys = await gridKeys()
    expect(keys.slice(0, 2)).toEqual(['name', 'idCard'])
    expect(keys).not.toContain('rank')
    expect(keys.length).toBeGreaterThan(5)

    await page.getByTestId('roster-action-export').click()
    const dialog = page.getByTestId('export-dialog')
    await dialog
      .getByTestId('export-scope')
      .filter({ hasText: `共 ${expected.total} 人` })
      .waitFor()
    await expect(dialog.getByTestId('export-layout-view').locator('input').isChecked()).resolves.toBe(true)
    await screenshot(page, 'export-dialog')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByTestId('export-submit').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^某某县干部花名册_\d{8}\.xlsx$/)
    await dialog.waitFor({ state: 'detached' })
    await page.getByText(`已导出 ${expected.total} 人`).waitFor()

    const ws = await sheetOf(await download.path())
    expect(ws.getCell('A1').value).toMatch(/^某某县干部花名册（截至\d{4}年\d{1,2}月）$/)
    expect(cells(ws, 3)).toEqual(keys.map((k) => LABEL_BY_KEY.get(k)))
    expect(ws.actualRowCount).toBe(3 + expected.total)
    const today = localToday()
    expected.rows.forEach((row, i) => {
      expect(cells(ws, 4 + i), `row ${4 + i}`).toEqual(keys.map((k) => expectedCell(row, k, today)))
    })
  })

  it('exports the standard 按机构分组 roster from the same dialog', async () => {
    const { page } = app
    await page.getByTestId('roster-search').fill('')
    await page.getByTestId('roster-count').filter({ hasText: '共 48 人' }).waitFor()
    await page.getByTestId('roster-action-export').click()
    const dialog = page.getByTestId('export-dialog')
    await dialog.getByTestId('export-layout-by-unit').click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByTestId('export-submit').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^某某县干部花名册（按机构）_\d{8}\.xlsx$/)
    const ws = await sheetOf(await download.path())
    expect(ws.getCell('A3').value).toBe('序号')
    const groupRows: string[] = []
    for (let r = 4; r <= ws.actualRowCount; r++) {
      const v = ws.getRow(r).getCell(1).value
      if (typeof v === 'string') groupRows.push(v)
    }
    expect(groupRows.map((g) => g.replace(/（\d+人）$/, ''))).toEqual([
      '县委办公室',
      '县财政局',
      '县财政局国库股',
      '某某镇',
    ])
    expect(groupRows.reduce((n, g) => n + Number(/（(\d+)人）$/.exec(g)?.[1] ?? 0), 0)).toBe(48)
    expect(ws.actualRowCount).toBe(3 + 48 + 4)
  })
})

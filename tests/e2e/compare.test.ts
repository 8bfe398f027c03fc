/**
 * 比对回写 in Chromium over the browser host: a roster built with exceljs is compared with the
 * database; per cadre the fields that differ are shown old → new with checkboxes; a field's box in
 * the bar unticks it for everyone, a row's box ticks it back for one cadre; 写入所选 writes exactly
 * the ticked values; the report lists them and is saved as .xlsx; someone the database lacks is
 * listed, not written.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CadreQueryResult, CadreRecord } from '../../main/domain/cadre'
import { makeIdCard } from '../../main/domain/idcard'
import { screenshot, startApp, type StartedApp } from './harness'

const T = { timeout: 15_000 }

describe('比对回写', () => {
  let app: StartedApp
  let a: CadreRecord
  let b: CadreRecord
  let roster: Buffer

  beforeAll(async () => {
    app = await startApp({ demoCount: 10, route: 'compare' })
    const q = (await app.call('cadres.query', {
      offset: 0,
      limit: 10,
      statuses: ['在职'],
    })) as CadreQueryResult
    ;[a, b] = (await Promise.all(
      q.rows.slice(0, 2).map((r) => app.call('cadres.get', { id: r.id }) as Promise<CadreRecord>),
    )) as [CadreRecord, CadreRecord]
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('花名册')
    ws.addRow(['序号', '姓名', '身份证号', '工作单位', '现任职务', '联系电话'])
    ws.addRow(['1', a.name, a.idCard, a.unit, '县委办公室主任', '13912345678'])
    ws.addRow(['2', b.name, b.idCard, b.unit, '县财政局副局长', '13800000002'])
    ws.addRow(['3', '新来人', makeIdCard('620102', '1990-05-05', 77), '县财政局', '科员', '13700000000'])
    roster = Buffer.from(await wb.xlsx.writeBuffer())
  })
  afterAll(async () => {
    await app?.close()
  })

  it('shows the differences, writes only the ticked ones, reports them and exports the report', async () => {
    const page = app.page
    await page.getByTestId('compare-page').waitFor(T)
    await page.getByTestId('compare-file').setInputFiles({
      name: '县直花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: roster,
    })
    const blocks = page.getByTestId('compare-cadre')
    await expect.poll(() => blocks.count(), T).toBe(2)
    const blockA = page.locator(`[data-testid=compare-cadre][data-idcard="${a.idCard}"]`)
    const rowA = (key: string) => blockA.locator(`[data-testid=compare-field][data-key=${key}]`)
    expect(await rowA('position').textContent()).toContain(`${a.position ?? ''}→县委办公室主任`)
    expect(await rowA('phone').textContent()).toContain('13912345678')
    const unmatched = page.getByTestId('compare-unmatched')
    expect(await unmatched.textContent()).toContain('新来人')
    expect(await unmatched.textContent()).toContain('数据库中没有这个身份证号的干部')
    // Everything writable is ticked at first: 4 values.
    expect(await page.getByTestId('compare-apply').textContent()).toBe('写入所选（4 项）')
    await screenshot(page, 'compare-differences')

    // 现任职务 off for everyone, then back on for a only.
    await page.getByTestId('compare-key-position').uncheck()
    await rowA('position').locator('input[type=checkbox]').check()
    expect(await page.getByTestId('compare-apply').textContent()).toBe('写入所选（3 项）')

    await page.getByTestId('compare-apply').click()
    await page.getByRole('button', { name: '写入', exact: true }).click()
    const report = page.getByTestId('compare-report')
    await report.waitFor(T)
    expect(await report.textContent()).toContain('已回写“县直花名册.xlsx”：2 名干部共 3 项')
    const rows = page.getByTestId('compare-report-row')
    expect(await rows.count()).toBe(3)
    await screenshot(page, 'compare-report')

    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('compare-export').click(),
    ])
    expect(dl.suggestedFilename()).toMatch(/^比对回写报告_县直花名册_\d{4}-\d{2}-\d{2}\.xlsx$/)
    const file = join(app.dataDir, 'report.xlsx')
    await dl.saveAs(file)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('回写结果')!
    const cells = (r: number) => (ws.getRow(r).values as unknown[]).slice(1).map(String)
    expect(cells(3)).toEqual(['1', a.name, a.idCard, '现任职务', a.position ?? '（空）', '县委办公室主任'])
    expect(cells(5)).toEqual(['3', b.name, b.idCard, '联系电话', b.phone ?? '（空）', '13800000002'])

    const a2 = (await app.call('cadres.get', { id: a.id })) as CadreRecord
    const b2 = (await app.call('cadres.get', { id: b.id })) as CadreRecord
    expect([a2.position, a2.phone]).toEqual(['县委办公室主任', '13912345678'])
    expect([b2.position, b2.phone]).toEqual([b.position, '13800000002'])
    const q = (await app.call('cadres.query', { offset: 0, limit: 50, search: '新来人' })) as CadreQueryResult
    expect(q.total).toBe(0)
  })
})

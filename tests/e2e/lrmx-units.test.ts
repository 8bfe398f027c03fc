/**
 * Issue 13 in Chromium: an LRMX file for a new cadre whose 现任职务 names no unit of the tree. The
 * preview asks; 确认导入 waits; the clerk maps it through the close name, and the cadre lands in
 * that unit (not outside the tree).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Unit } from '../../main/domain/cadre'
import { makeIdCard } from '../../main/domain/idcard'
import { screenshot, startApp, type StartedApp } from './harness'

describe('LRMX import: the unit the file does not give', () => {
  let app: StartedApp
  let file: string
  const idCard = makeIdCard('620102', '1982-03-15', 12)
  beforeAll(async () => {
    app = await startApp({ route: 'lrmx-import' })
    const dept = (await app.call('units.save', { id: null, name: '县直部门', parentId: null, kind: null })) as Unit
    await app.call('units.save', { id: null, name: '县财政局', parentId: dept.id, kind: '县直部门' })
    await app.call('units.save', { id: null, name: '县教育局', parentId: dept.id, kind: '县直部门' })
    file = join(app.dataDir, '李秀兰.lrmx')
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>\n<Person>\n  <XingMing>李秀兰</XingMing>\n  <XingBie>女</XingBie>\n  <ChuShengNianYue>198203</ChuShengNianYue>\n  <XianRenZhiWu>财政局副局长</XianRenZhiWu>\n  <ShenFenZheng>${idCard}</ShenFenZheng>\n</Person>\n`,
    )
  })
  afterAll(async () => {
    await app?.close()
  })

  it('asks for the unit, then imports the cadre into the unit chosen', async () => {
    const page = app.page
    await page.getByTestId('lrmx-import-page').waitFor()
    await page.getByTestId('lrmx-file').setInputFiles(file)
    const ask = page.getByTestId('lrmx-unit-ask')
    await ask.waitFor()
    expect(await ask.textContent()).toContain('似为“财政局”')
    expect(await page.getByTestId('lrmx-units-undecided').textContent()).toContain('1 人的单位待确定')
    expect(await page.getByTestId('lrmx-apply').isDisabled()).toBe(true)
    await screenshot(page, 'lrmx-unit-asked')
    await ask.getByTestId('lrmx-unit-best').click()
    await expect.poll(() => ask.getByTestId('lrmx-unit-picker').locator('input').inputValue()).toBe('县财政局')
    await expect.poll(() => page.getByTestId('lrmx-apply').isDisabled()).toBe(false)
    await page.getByTestId('lrmx-apply').click()
    await expect.poll(async () => (await page.getByTestId('lrmx-report').textContent()) ?? '').toContain('已导入')
    const q = (await app.call('cadres.query', { search: idCard, offset: 0, limit: 5 })) as { rows: { unit: string | null }[] }
    expect(q.rows[0]?.unit).toBe('县财政局')
  })
})

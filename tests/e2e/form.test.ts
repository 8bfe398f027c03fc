/**
 * The 干部任免审批表 and LRMX in Chromium over the browser host: three cadres ticked in the roster
 * printed into one PDF; one cadre's appointment fields typed beside the preview and saved; an
 * LRMX file previewed and imported; screenshots of the preview and the import page.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CadreQueryResult, CadreRecord } from '../../main/domain/cadre'
import type { FormEditorData } from '../../main/ipc/contract/form'
import { screenshot, startApp, type StartedApp } from './harness'

describe('干部任免审批表与 LRMX', () => {
  let app: StartedApp

  beforeAll(async () => {
    app = await startApp({ demoCount: 40 })
  })
  afterAll(async () => {
    await app?.close()
  })

  async function go(route: string): Promise<void> {
    await app.page.evaluate((r) => {
      window.location.hash = '#/' + r
    }, route)
  }

  it('prints three cadres ticked in the roster into one PDF, two pages each', async () => {
    await go('roster')
    const rows = app.page.locator('[data-testid=roster-grid] .ag-row[row-id]:has([col-id="name"])')
    await rows.first().waitFor()
    const picked: number[] = []
    for (let i = 0; i < 3; i++) picked.push(Number(await rows.nth(i).getAttribute('row-id')))
    for (const id of picked) {
      await app.page
        .locator(`[data-testid=roster-grid] .ag-row[row-id="${id}"] input[type=checkbox]`)
        .first()
        .check()
    }
    await app.page.getByTestId('roster-action-print-form').click()
    const preview = app.page.getByTestId('form-preview-page')
    await preview.waitFor()
    await expect
      .poll(async () => (await preview.locator('.page-subtitle').textContent()) ?? '')
      .toBe('共 3 人，6 页')

    // The preview: six A4 sheets, text fitted in the page.
    const frame = app.page.frameLocator('[data-testid=form-frame]')
    await expect.poll(() => frame.locator('section.sheet').count()).toBe(6)
    await expect.poll(() => frame.locator('html').getAttribute('data-fitted'), { timeout: 15_000 }).toBe('1')
    const names: string[] = []
    for (const id of picked) names.push(((await app.call('cadres.get', { id })) as CadreRecord).name ?? '')
    const frameText = (await frame.locator('body').textContent()) ?? ''
    for (const n of names) expect(frameText).toContain(n)
    await screenshot(app.page, 'form-preview-three')

    const [download] = await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByTestId('form-save-pdf').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^干部任免审批表-3人-\d{8}\.pdf$/)
    const file = join(app.dataDir, 'three.pdf')
    await download.saveAs(file)
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    expect(info).toMatch(/Pages:\s+6\b/)
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    expect(text.split('干部任免审批表').length - 1).toBe(3)
    // In the order they were ticked, each on its own front page.
    const at = names.map((n) => text.indexOf(n))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect([...at].sort((x, y) => x - y)).toEqual(at)

    // The same three as one Word file, beside the PDF button.
    const [word] = await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByTestId('form-save-docx').click(),
    ])
    expect(word.suggestedFilename()).toMatch(/^干部任免审批表-3人-\d{8}\.docx$/)
    const docx = join(app.dataDir, 'three.docx')
    await word.saveAs(docx)
    const xml =
      (await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')?.async('string')) ?? ''
    const inWord = names.map((n) => xml.indexOf(`>${n}<`))
    expect(inWord.every((i) => i >= 0)).toBe(true)
    expect([...inWord].sort((x, y) => x - y)).toEqual(inWord)
    expect(xml.match(/<w:pgSz /g)?.length).toBe(6)
  })

  it('fills in this appointment beside the preview, sees it in the preview, saves it with the cadre', async () => {
    const q = (await app.call('cadres.query', {
      offset: 0,
      limit: 1,
      statuses: ['在职'],
    })) as CadreQueryResult
    const id = q.rows[0]?.id ?? 0
    await go(`cadre/${id}`)
    await app.page.getByTestId('cadre-action-print-form').click()
    await app.page.getByTestId('form-preview-page').waitFor()
    const frame = app.page.frameLocator('[data-testid=form-frame]')
    await expect.poll(() => frame.locator('section.sheet').count()).toBe(2)

    await app.page.getByTestId('field-proposedPosition').fill('县人民政府办公室主任')
    await app.page.getByTestId('field-reason').fill('工作需要')
    await app.page.getByTestId('field-reportingUnit').fill('中共某某县委组织部')
    // A day as clerks type it; an impossible one is shown as an error and cannot be saved.
    await app.page.getByTestId('field-ageAt').fill('2026.13.01')
    await app.page.locator('.form-fields .field-error').waitFor()
    expect(await app.page.getByTestId('form-save').isDisabled()).toBe(true)
    await app.page.getByTestId('field-ageAt').fill('2026.6.30')
    await expect
      .poll(async () => (await frame.locator('body').textContent()) ?? '')
      .toContain('县人民政府办公室主任')
    await expect
      .poll(async () => (await frame.locator('body').textContent()) ?? '')
      .toContain('中共某某县委组织部')
    await screenshot(app.page, 'form-preview-one')
    await app.page.getByTestId('form-save').click()
    await expect
      .poll(
        async () => ((await app.call('form.get', { cadreId: id })) as FormEditorData).form?.proposedPosition,
      )
      .toBe('县人民政府办公室主任')
    const saved = ((await app.call('form.get', { cadreId: id })) as FormEditorData).form
    expect(saved).toMatchObject({
      reason: '工作需要',
      reportingUnit: '中共某某县委组织部',
      ageAt: '2026-06-30',
    })
  })

  it('previews an LRMX file, shows what would change, and imports it', async () => {
    const q = (await app.call('cadres.query', {
      offset: 0,
      limit: 3,
      statuses: ['在职'],
    })) as CadreQueryResult
    const person = q.rows[2]!
    const out = (await app.call('lrmx.export', { id: person.id })) as { fileName: string; bytes: Uint8Array }
    const xml = Buffer.from(out.bytes)
      .toString('utf8')
      .replace(/<XianRenZhiWu>[^<]*<\/XianRenZhiWu>/, '<XianRenZhiWu>县审计局局长</XianRenZhiWu>')
    const file = join(app.dataDir, out.fileName)
    writeFileSync(file, xml)

    await app.page.getByRole('button', { name: '导入任免表(LRMX)' }).click()
    await app.page.getByTestId('lrmx-import-page').waitFor()
    await app.page.getByTestId('lrmx-file').setInputFiles(file)
    const report = app.page.getByTestId('lrmx-report')
    await report.waitFor()
    const row = report.getByTestId('lrmx-row')
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('更新')
    expect(await row.textContent()).toContain('县审计局局长')
    // Only what differs is listed: the dates and texts the export filled in are not changes.
    expect(await row.locator('.lrmx-change').count()).toBe(1)
    await screenshot(app.page, 'lrmx-import-preview')
    // Nothing written by the preview.
    expect(((await app.call('cadres.get', { id: person.id })) as CadreRecord).position).toBe(person.position)

    await app.page.getByTestId('lrmx-apply').click()
    await expect.poll(async () => (await report.textContent()) ?? '').toContain('已导入')
    expect(((await app.call('cadres.get', { id: person.id })) as CadreRecord).position).toBe('县审计局局长')

    // Several files chosen at once are read together; unchanged people are said to be so.
    const several: string[] = []
    for (const r of q.rows.slice(0, 2)) {
      const e = (await app.call('lrmx.export', { id: r.id })) as { fileName: string; bytes: Uint8Array }
      const f = join(app.dataDir, `more-${r.id}.lrmx`)
      writeFileSync(f, e.bytes)
      several.push(f)
    }
    await app.page.getByTestId('lrmx-file').setInputFiles(several)
    await expect.poll(() => report.getByTestId('lrmx-row').count()).toBe(2)
    await expect.poll(async () => (await report.textContent()) ?? '').toContain('无变化 2 人')

    // A hostile file is refused with a message.
    const bad = join(app.dataDir, 'bad.lrmx')
    writeFileSync(
      bad,
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><Person>&x;</Person>',
    )
    await app.page.getByTestId('lrmx-file').setInputFiles(bad)
    await expect
      .poll(async () => (await app.page.locator('.message-area').textContent()) ?? '')
      .toContain('出于安全原因拒绝导入')
    expect(readFileSync(bad, 'utf8')).toContain('ENTITY')
  })
})

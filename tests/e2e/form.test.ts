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

  it('shows the checks before print: a 简历 gap, 参加工作时间 against the 简历, 在职教育, photo, a parent who died', async () => {
    const q = (await app.call('cadres.query', {
      offset: 0,
      limit: 3,
      statuses: ['在职'],
    })) as CadreQueryResult
    const id = q.rows[2]?.id ?? 0
    await app.call('cadres.save', {
      id,
      workStartDate: '1996-07',
      eduInService: null,
      degreeInService: null,
      schoolInService: null,
      resume: [
        { start: '1993-09', end: '1997-07', text: '兰州大学经济学专业学习' },
        { start: '1997-07', end: '2010-03', text: '临洮县农业局干部' },
        { start: null, end: null, text: '（其间：2003.09--2006.07在中央党校经济管理专业在职研究生学习）' },
        { start: '2010-11', end: null, text: '某某乡党委委员、副乡长' },
      ],
      family: [
        {
          relation: '父亲',
          name: '王德福',
          birthDate: '1940-05',
          politicalStatus: '群众',
          workUnitPosition: '已去世',
        },
      ],
    })
    await app.call('cadres.setPhoto', { id, data: null })
    await go(`form/${id}`)
    const box = app.page.getByTestId('form-warnings')
    await expect
      .poll(async () => (await box.textContent()) ?? '', { timeout: 10_000 })
      .toContain('简历有 8 个月空档')
    const text = (await box.textContent()) ?? ''
    for (const s of [
      '简历有 8 个月空档：2010.03（临洮县农业局干部结束）至 2010.11（某某乡党委委员、副乡长开始）之间没有经历',
      '参加工作时间 1996.07 与简历不一致：简历中第一份工作始于 1997.07（临洮县农业局干部）',
      '但“在职教育”学历、学位和毕业院校系及专业都是空的',
      '没有照片',
      '父亲王德福已去世：保留该行，年龄栏留空',
    ])
      expect(text).toContain(s)
    // The form itself: the row stays, no age.
    const frame = app.page.frameLocator('[data-testid=form-frame]')
    await expect.poll(() => frame.locator('tr[data-deceased="1"]').count(), { timeout: 10_000 }).toBe(1)
    expect(await frame.locator('tr[data-deceased="1"] td').nth(2).textContent()).toBe('')
    await screenshot(app.page, 'form-preview-warnings')
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
  it('the preview refetches after an edit made elsewhere, and on coming back to the same route', async () => {
    const q = (await app.call('cadres.query', { offset: 0, limit: 5, statuses: ['在职'] })) as {
      rows: { id: number }[]
    }
    const id = q.rows[4]!.id
    await go(`form/${id}`)
    const frame = app.page.frameLocator('[data-testid=form-frame]')
    const text = async (): Promise<string> =>
      ((await frame.locator('body').textContent()) ?? '').replace(/\s+/g, '')
    await expect.poll(() => frame.locator('section.sheet').count(), { timeout: 15_000 }).toBe(2)
    // An edit made elsewhere (another window, the records pages): the open preview follows it.
    await app.call('cadres.save', { id, position: '县委办公室副主任（刷新测试）' })
    await expect.poll(text, { timeout: 15_000 }).toContain('县委办公室副主任（刷新测试）')
    // Away and back to the same route after another edit: the new value, not the cached one.
    await go('roster')
    await app.call('cadres.save', { id, position: '县委办公室主任（再次刷新）' })
    await go(`form/${id}`)
    await expect.poll(text, { timeout: 15_000 }).toContain('县委办公室主任（再次刷新）')
  })
})

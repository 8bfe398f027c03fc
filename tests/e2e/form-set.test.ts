/**
 * Meeting sets in Chromium over the browser host: 全选 in the roster ticks every cadre the query
 * matches; a pasted list is checked (same-name cadres asked about, someone twice or unknown listed
 * and nothing made), then the forms come out in that order as one Word file or a zip named by a
 * template whose unusable characters are replaced and said.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CadreQueryResult, CadreRecord } from '../../main/domain/cadre'
import { makeIdCard } from '../../main/domain/idcard'
import { screenshot, startApp, type StartedApp } from './harness'

/** Generous waits: the machine is shared, the set is printed by Chromium. */
const T = { timeout: 15_000 }

describe('成套打印任免审批表', () => {
  let app: StartedApp
  let people: CadreRecord[] = []

  beforeAll(async () => {
    app = await startApp({ demoCount: 12 })
    const q = (await app.call('cadres.query', {
      offset: 0,
      limit: 50,
      statuses: ['在职'],
    })) as CadreQueryResult
    people = await Promise.all(
      q.rows.slice(0, 3).map((r) => app.call('cadres.get', { id: r.id }) as Promise<CadreRecord>),
    )
    // A second cadre with the first one's name.
    await app.call('cadres.save', {
      id: null,
      name: people[0]!.name,
      idCard: makeIdCard('620102', '1991-07-07', 3),
      gender: '男',
      birthDate: '1991-07',
    })
  })
  afterAll(async () => {
    await app?.close()
  })

  async function go(route: string): Promise<void> {
    await app.page.evaluate((r) => {
      window.location.hash = '#/' + r
    }, route)
  }

  it('全选 ticks every cadre the roster shows, not only the rows on screen; unticking one leaves it out', async () => {
    // The cadre added above: the roster reads it on a fresh load.
    await app.page.reload()
    await go('roster')
    const count = app.page.getByTestId('roster-count')
    await expect.poll(async () => (await count.textContent()) ?? '', T).toMatch(/共 \d+ 人/)
    const total = Number(((await count.textContent()) ?? '').replace(/\D/g, ''))
    await app.page.getByTestId('roster-select-all').check()
    const selected = app.page.getByTestId('roster-selected-count')
    await expect.poll(async () => (await selected.textContent()) ?? '', T).toBe(`已勾选 ${total} 人`)
    const firstBox = app.page
      .locator('[data-testid=roster-grid] .ag-row[row-id] input[type=checkbox]')
      .first()
    await expect.poll(() => firstBox.isChecked(), T).toBe(true)
    await firstBox.uncheck()
    await expect.poll(async () => (await selected.textContent()) ?? '', T).toBe(`已勾选 ${total - 1} 人`)
    await screenshot(app.page, 'roster-select-all')
    await app.page.getByTestId('roster-select-all').uncheck()
    await expect.poll(() => selected.count(), T).toBe(0)
  })

  it('checks a pasted list: same name asked about, someone twice or unknown listed, nothing made', async () => {
    await go('form-set/')
    await app.page.getByTestId('form-set-page').waitFor()
    const [a, b, c] = people
    await app.page
      .getByTestId('form-set-text')
      .fill(`1. ${c!.name}\n2. ${a!.name}\n3. 查无此人\n4. ${b!.idCard}\n5. ${c!.name}`)
    await app.page.getByTestId('form-set-check').click()
    const problems = app.page.getByTestId('form-set-problems')
    await expect.poll(async () => (await problems.textContent()) ?? '', T).toContain('名单有 3 处问题')
    const rows = app.page.locator('[data-testid=form-set-entries] tbody tr')
    await expect.poll(() => rows.nth(1).getAttribute('data-status'), T).toBe('ambiguous')
    expect(await rows.nth(2).textContent()).toContain('查无此人')
    expect(await rows.nth(4).textContent()).toContain('与第 1 项重复')
    await expect.poll(() => app.page.getByTestId('form-set-make').isDisabled(), T).toBe(true)
    await screenshot(app.page, 'form-set-problems')

    // Fix the list: drop the unknown and the repeat, pick the right one of the two same-name cadres.
    await app.page.getByTestId('form-set-text').fill(`${c!.name}\n${a!.name}\n${b!.idCard}`)
    await app.page.getByTestId('form-set-check').click()
    await app.page.getByTestId('form-set-choose-2').selectOption(String(a!.id))
    await expect
      .poll(async () => (await app.page.getByTestId('form-set-ok').textContent()) ?? '')
      .toContain('共 3 人')
    expect(await app.page.getByTestId('form-set-text').inputValue()).toBe(
      `${c!.name}\n${a!.name}（${a!.idCard}）\n${b!.idCard}`,
    )

    // One Word file in that order.
    await app.page.getByTestId('form-set-output-docx').check()
    const [word] = await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByTestId('form-set-make').click(),
    ])
    expect(word.suggestedFilename()).toMatch(/^干部任免审批表-3人-\d{8}\.docx$/)
    const file = join(app.dataDir, 'set.docx')
    await word.saveAs(file)
    const xml =
      (await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')?.async('string')) ?? ''
    const at = [c!, a!, b!].map((p) => xml.indexOf(`>${p.name}<`))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect([...at].sort((x, y) => x - y)).toEqual(at)
    // The same-name cadre that was not chosen is not in the set.
    expect(xml).not.toContain('1991.07')

    // A zip named by a template with a character no file name can hold: replaced and said.
    await app.page.getByTestId('form-set-output-zip').check()
    await app.page.getByTestId('form-set-template').fill('序号_姓名/单位')
    const files = app.page.getByTestId('form-set-files')
    await expect.poll(async () => (await files.textContent()) ?? '', T).toContain('已替换为“_”')
    await screenshot(app.page, 'form-set-zip')
    const [zipDl] = await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByTestId('form-set-make').click(),
    ])
    const zipFile = join(app.dataDir, 'set.zip')
    await zipDl.saveAs(zipFile)
    const names = Object.keys((await JSZip.loadAsync(readFileSync(zipFile))).files)
    expect(names).toEqual([
      `01_${c!.name}_${c!.unit ?? ''}.pdf`,
      `02_${a!.name}_${a!.unit ?? ''}.pdf`,
      `03_${b!.name}_${b!.unit ?? ''}.pdf`,
    ])
  })
})

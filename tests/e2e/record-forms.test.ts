/**
 * The cadre page's record forms in Chromium follow each kind's one definition
 * (main/records/fields.ts): every field under its label, the required ones marked and refused
 * when left empty with the label named, an unknown name warned about as it is typed and saved as
 * typed. One row per kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CadreQueryResult } from '../../main/domain/cadre'
import { KIND_DEFS, formFields } from '../../main/records/fields'
import { RECORD_KINDS, type RecordKind } from '../../main/records/kinds'
import { screenshot, startApp, type StartedApp } from './harness'
import { RecordTabModel } from './pages/records'

/** The cadre page's tab that holds each kind. */
const TAB: Record<RecordKind, string> = {
  assessments: 'assessments',
  studies: 'studies',
  talks: 'talks',
  discipline: 'rewards',
  rewards: 'rewards',
  reserve: 'reserve',
  postings: 'postings',
  training: 'training',
}

describe('record forms from the one definition', () => {
  let app: StartedApp
  let cadreId: number

  beforeAll(async () => {
    app = await startApp({ demoCount: 20 })
    const q = (await app.call('cadres.query', { offset: 0, limit: 1 })) as CadreQueryResult
    cadreId = q.rows[0]!.id
  })
  afterAll(async () => {
    await app?.close()
  })

  const open = async (kind: RecordKind) => {
    await app.page.evaluate((r) => (window.location.hash = `#/${r}`), `cadre/${cadreId}`)
    await app.page.getByTestId('cadre-page').waitFor()
    await app.page.getByTestId(`tab-x-${TAB[kind]}`).click()
    await new RecordTabModel(app.page).section(kind).waitFor()
    await app.page.getByTestId(`record-add-${kind}`).click()
    const dlg = app.page.getByTestId(`record-editor-${kind}`)
    await dlg.waitFor()
    return dlg
  }

  it.each(RECORD_KINDS)('%s: every field under its label, a required one left empty is refused by name', async (kind) => {
    const dlg = await open(kind)
    const labels = (await dlg.locator('.field-label').allTextContents()).map((t) => t.trim())
    const fields = formFields(kind)
    expect(labels.length).toBe(fields.length)
    fields.forEach((f, i) => {
      expect(labels[i]!.replace(/^\*/, '').startsWith(f.label), labels[i]).toBe(true)
      expect(labels[i]!.startsWith('*')).toBe(f.required === true)
    })
    // A required field without a default, left empty: the save is refused, the field named.
    const f = KIND_DEFS[kind].fields.find((x) => x.required && x.default === undefined && x.type !== 'year')!
    const input = dlg.getByTestId(`field-${kind}-${f.key}`)
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption('')
    else await input.fill('')
    await dlg.getByTestId('record-save').click()
    await expect.poll(() => dlg.textContent()).toContain(`${f.label}不能为空`)
    await dlg.getByRole('button', { name: '取消' }).click()
    await dlg.waitFor({ state: 'detached' })
  })

  it('a 派驻类型 the regulations do not use is warned about while typed and saved as typed', async () => {
    const dlg = await open('postings')
    await dlg.getByTestId('field-postings-kind').fill('驻村帮扶干部')
    await expect.poll(() => dlg.getByTestId('record-vocab-warning').textContent()).toContain('派驻类型“驻村帮扶干部”')
    await dlg.getByTestId('field-postings-start').fill('2024.03')
    await screenshot(app.page, 'record-form-postings-unknown-kind')
    await dlg.getByTestId('record-save').click()
    await dlg.waitFor({ state: 'detached' })
    await expect
      .poll(() => new RecordTabModel(app.page).rows('postings').filter({ hasText: '驻村帮扶干部' }).count())
      .toBe(1)
  })

  it('a 处分 typed as a variant is read, a typo warned about; the form is shown', async () => {
    const dlg = await open('discipline')
    await dlg.getByTestId('field-discipline-measure').fill('严重警吿')
    await expect.poll(() => dlg.getByTestId('record-vocab-warning').textContent()).toContain('党纪处分种类“严重警吿”')
    await dlg.getByTestId('field-discipline-measure').fill('党内严重警告')
    await expect.poll(() => dlg.getByTestId('record-vocab-warning').count()).toBe(0)
    await dlg.getByTestId('field-discipline-measure').fill('严重警吿')
    await screenshot(app.page, 'record-form-discipline')
    await dlg.getByRole('button', { name: '取消' }).click()
  })
})

/** Page objects of the records screens: a cadre's record tabs, the year grid, the pool. */
import type { Locator, Page } from 'playwright-core'

export class RecordTabModel {
  constructor(readonly page: Page) {}
  section(kind: string): Locator {
    return this.page.getByTestId(`records-${kind}`)
  }
  rows(kind: string): Locator {
    return this.section(kind).getByTestId(`record-row-${kind}`)
  }
  async add(
    kind: string,
    fields: Record<string, string>,
    selects: Record<string, string> = {},
  ): Promise<void> {
    await this.page.getByTestId(`record-add-${kind}`).click()
    const dlg = this.page.getByTestId(`record-editor-${kind}`)
    await dlg.waitFor()
    for (const [k, v] of Object.entries(selects)) await dlg.getByTestId(`field-${kind}-${k}`).selectOption(v)
    for (const [k, v] of Object.entries(fields)) await dlg.getByTestId(`field-${kind}-${k}`).fill(v)
    await dlg.getByTestId('record-save').click()
    await dlg.waitFor({ state: 'detached' })
  }
}

export class YearGridModel {
  constructor(readonly page: Page) {}
  get root(): Locator {
    return this.page.getByTestId('assessment-page')
  }
  get inputs(): Locator {
    return this.page.getByTestId('grade-input')
  }
  /** The grade input of a row (by its index in the grid, whatever is scrolled into view). */
  row(index: number): Locator {
    return this.page.locator(`[data-testid=grade-input][data-row="${index}"]`)
  }
  get save(): Locator {
    return this.page.getByTestId('grades-save')
  }
  /** Pastes text into a grade cell as Excel puts it on the clipboard (tab-separated lines). */
  async paste(rowIndex: number, text: string): Promise<void> {
    const input = this.row(rowIndex)
    await input.focus()
    await input.evaluate((el, t) => {
      const dt = new DataTransfer()
      dt.setData('text/plain', t)
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }))
    }, text)
  }
}

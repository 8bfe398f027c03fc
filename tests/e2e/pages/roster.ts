/** Page object of the roster (干部花名册). */
import type { Locator, Page } from 'playwright-core'

export class RosterPageModel {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('roster-page')
  }
  get search(): Locator {
    return this.page.getByTestId('roster-search')
  }
  get count(): Locator {
    return this.page.getByTestId('roster-count')
  }
  /** The 姓名 cell of every rendered row (one per person). */
  get rows(): Locator {
    return this.page.locator('[data-testid=roster-grid] .roster-row[row-id] [col-id="name"]')
  }
  cell(rowIndex: number, colId: string): Locator {
    return this.page.locator(`[data-testid=roster-grid] .roster-row[row-index="${rowIndex}"] [col-id="${colId}"]`)
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-roster').click()
    await this.root.waitFor()
  }

  /** The number after 共 … 人. */
  async total(): Promise<number> {
    const text = (await this.count.textContent()) ?? ''
    const m = text.replace(/,/g, '').match(/共\s*(\d+)\s*人/)
    return m ? Number(m[1]) : NaN
  }

  async waitForRows(): Promise<void> {
    await this.rows.first().waitFor({ state: 'visible' })
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text)
  }

  /** Double-clicks the row showing this name and waits for the cadre page. */
  async openCadre(name: string): Promise<void> {
    await this.page
      .locator(`[data-testid=roster-grid] .roster-row [col-id="name"]`, { hasText: name })
      .first()
      .dblclick()
    await this.page.getByTestId('cadre-page').waitFor()
  }
}

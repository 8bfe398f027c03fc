/** Page object of a cadre's page (基本信息 / 简历 / 家庭成员 / 变更记录). */
import type { Locator, Page } from 'playwright-core'

export class CadrePageModel {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('cadre-page')
  }
  get title(): Locator {
    return this.page.locator('[data-testid=cadre-page] .page-title')
  }
  field(key: string): Locator {
    return this.page.getByTestId(`field-${key}`)
  }
  /** The error line under a field. */
  fieldError(key: string): Locator {
    return this.page.locator('.field', { has: this.page.getByTestId(`field-${key}`) }).locator('.field-error')
  }
  get saveButton(): Locator {
    return this.page.getByTestId('cadre-save')
  }
  tab(id: string): Locator {
    return this.page.getByTestId(`tab-${id}`)
  }
  get auditRows(): Locator {
    return this.page.getByTestId('audit-row')
  }
  /** Toast messages (成功 / 错误). */
  get messages(): Locator {
    return this.page.locator('.message-area .message')
  }

  async setField(key: string, value: string): Promise<void> {
    await this.field(key).fill(value)
    await this.field(key).blur()
  }

  async save(): Promise<void> {
    await this.saveButton.click()
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: '返回花名册' }).click()
    await this.page.getByTestId('roster-page').waitFor()
  }
}

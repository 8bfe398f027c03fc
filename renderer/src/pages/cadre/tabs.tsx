/**
 * Extension points of a cadre's page. Tabs appear after the built-in 基本信息 / 简历 / 家庭成员 and
 * before 变更记录 (年度考核, 研判, 谈话, 奖惩, 后备, 一线/派驻, 培训 are added by their capabilities).
 * Actions are buttons in the page header (打印任免审批表, 导出LRMX ...).
 * Register with `CADRE_TABS.push({...})` / `CADRE_ACTIONS.push({...})` or one line in these lists.
 */
import type { ReactNode } from 'react'

export interface CadreTab {
  id: string
  title: string
  render(cadreId: number): ReactNode
}

export interface CadreAction {
  id: string
  label: string
  run(cadreId: number): void | Promise<void>
}

export const CADRE_TABS: CadreTab[] = []

export const CADRE_ACTIONS: CadreAction[] = []

/** Issue 13's pages in the left navigation: 到龄提醒 (and, as they land, 统计分析 and 单位管理). */
import type { PageDef } from '../registry'
import { RetirePage } from './RetirePage'
import { StatsPage } from './StatsPage'
import { UnitsPage } from '../units/UnitsPage'

export const STATS_PAGES: PageDef[] = [
  { id: 'stats', title: '统计分析', nav: true, order: 40, render: () => <StatsPage /> },
  { id: 'units', title: '单位管理', nav: true, order: 42, render: () => <UnitsPage /> },
  { id: 'retire', title: '到龄提醒', nav: true, order: 41, render: () => <RetirePage /> },
]

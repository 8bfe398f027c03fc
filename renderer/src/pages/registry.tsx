/**
 * The app's pages. Each capability adds its page here (one import, one entry). The left
 * navigation lists `nav: true` pages by `order` (default 50; 花名册 is 0, 变更记录 90, 系统设置 99),
 * so an entry appended anywhere lands between the roster and the system pages.
 * `nav: false` pages are reachable by route only (a cadre's detail); `navParent` names the nav
 * entry to highlight while they are open.
 */
import type { ReactNode } from 'react'
import type { Route } from '../router'
import { RosterPage } from './roster/RosterPage'
import { CadrePage } from './cadre/CadrePage'
import { AuditPage } from './audit/AuditPage'
import { SettingsPage } from './settings/SettingsPage'
import { RECORDS_PAGES } from './records/pages'
import { FORM_PAGES } from './form/pages'
import { ImportPage } from './import/ImportPage'
import { EligibilityPage } from './eligibility/EligibilityPage'
import { STATS_PAGES } from './stats/pages'
import { AccountsPage } from './auth/AccountsPage'

export interface PageDef {
  id: string
  title: string
  nav: boolean
  order?: number
  navParent?: string
  render: (route: Route) => ReactNode
}

export const PAGES: PageDef[] = [
  { id: 'roster', title: '干部花名册', nav: true, order: 0, render: () => <RosterPage /> },
  {
    id: 'cadre',
    title: '干部信息',
    nav: false,
    navParent: 'roster',
    render: (r) => <CadrePage param={r.params[0] ?? 'new'} />,
  },
  { id: 'audit', title: '变更记录', nav: true, order: 90, render: () => <AuditPage /> },
  { id: 'settings', title: '系统设置', nav: true, order: 99, render: () => <SettingsPage /> },
  { id: 'accounts', title: '账号管理', nav: true, order: 98, render: () => <AccountsPage /> },
  ...RECORDS_PAGES,
  ...FORM_PAGES,
  { id: 'import', title: '导入花名册', nav: true, order: 10, render: () => <ImportPage /> },
  {
    id: 'eligibility',
    title: '任职资格审查',
    nav: true,
    order: 30,
    render: (r) => <EligibilityPage sub={r.params[0]} />,
  },
  ...STATS_PAGES,
]

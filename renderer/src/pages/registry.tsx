/**
 * The app's pages, in the order of the left navigation. Each capability adds its page here
 * (one import, one entry). `nav: false` pages are reachable by route only (a cadre's detail).
 */
import type { ReactNode } from 'react'
import type { Route } from '../router'
import { RosterPage } from './roster/RosterPage'

export interface PageDef {
  id: string
  title: string
  nav: boolean
  render: (route: Route) => ReactNode
}

export const PAGES: PageDef[] = [{ id: 'roster', title: '干部花名册', nav: true, render: () => <RosterPage /> }]

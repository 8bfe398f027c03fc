/** The records pages in the left navigation (between 花名册 and the system pages), and the
 *  cadre-page tabs / roster action they bring along. */
import type { PageDef } from '../registry'
import { AssessmentPage } from './AssessmentPage'
import { PostingsPage } from './PostingsPage'
import { registerRecords } from './register'
import { ReservePage } from './ReservePage'
import { StudiesPage } from './StudiesPage'
import { TalksPage } from './TalksPage'

registerRecords()

export const RECORDS_PAGES: PageDef[] = [
  { id: 'assessments', title: '年度考核', nav: true, order: 20, render: () => <AssessmentPage /> },
  { id: 'studies', title: '研判', nav: true, order: 21, render: () => <StudiesPage /> },
  { id: 'talks', title: '谈话记录', nav: true, order: 22, render: () => <TalksPage /> },
  { id: 'reserve', title: '后备干部', nav: true, order: 23, render: () => <ReservePage /> },
  { id: 'postings', title: '一线/派驻', nav: true, order: 24, render: () => <PostingsPage /> },
]

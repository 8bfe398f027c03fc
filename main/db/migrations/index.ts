/**
 * Numbered migrations, applied in order at start-up inside one transaction; progress in
 * PRAGMA user_version. An applied migration is never edited: its SHA-256 is recorded and checked.
 * New migrations step by 10 (0020-..., 0030-...) and are added to this list.
 */
import m0010 from './0010-initial'
import m0015 from './0015-grid-indexes'
import m0020 from './0020-records'
import m0030 from './0030-eligibility'
import m0040 from './0040-appointment-forms'
import m0050 from './0050-unit-status-index'
import m0060 from './0060-eligibility-law'
import m0070 from './0070-custody'
import m0071 from './0071-accounts'
import m0080 from './0080-retirement-posts'
import m0081 from './0081-retire-sort'
import m0090 from './0090-lrmx-extras'
import m0110 from './0110-assessment-grade-index'
import m0170 from './0170-cadres-status-level-index'
import m0180 from './0180-audit-chain-prehashed'
import m0190 from './0190-retire-date-stored'

export interface Migration {
  version: number
  name: string
  sql: string
  /**
   * The migration rebuilds a table others refer to (create, copy, drop, rename: SQLite's way of
   * changing a column). It runs with foreign keys off, or dropping the old table would delete every
   * row that refers to it (better-sqlite3 turns them on by default); they are checked before COMMIT.
   */
  rebuildsTables?: true
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: '0010-initial', sql: m0010 },
  { version: 15, name: '0015-grid-indexes', sql: m0015 },
  { version: 20, name: '0020-records', sql: m0020 },
  { version: 30, name: '0030-eligibility', sql: m0030 },
  { version: 40, name: '0040-appointment-forms', sql: m0040 },
  { version: 50, name: '0050-unit-status-index', sql: m0050 },
  { version: 60, name: '0060-eligibility-law', sql: m0060 },
  { version: 70, name: '0070-custody', sql: m0070 },
  { version: 71, name: '0071-accounts', sql: m0071 },
  { version: 80, name: '0080-retirement-posts', sql: m0080 },
  { version: 81, name: '0081-retire-sort', sql: m0081 },
  { version: 90, name: '0090-lrmx-extras', sql: m0090 },
  { version: 110, name: '0110-assessment-grade-index', sql: m0110 },
  { version: 170, name: '0170-cadres-status-level-index', sql: m0170 },
  { version: 180, name: '0180-audit-chain-prehashed', sql: m0180 },
  { version: 190, name: '0190-retire-date-stored', sql: m0190, rebuildsTables: true },
]

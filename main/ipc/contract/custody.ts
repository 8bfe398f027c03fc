/** Custody channels of the settings page (issue 12): whether the database is encrypted at rest. */
import { z } from 'zod'
import { channel, read } from './define'

export interface CustodyStatus {
  /** The database file is encrypted (opened with a key). */
  encrypted: boolean
  dbPath: string
}

export const custodyChannels = {
  /** Administrators only (main/ipc/access.ts): also the workspace's check before workspace.encrypt. */
  'custody.status': channel<CustodyStatus>()(z.undefined().optional(), read([])),
}

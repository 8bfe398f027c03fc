/** Custody channels of the settings page (issue 12): whether the database is encrypted at rest. */
import { z } from 'zod'
import { channel, read } from './define'

export interface CustodyStatus {
  /** The database file is encrypted (opened with a key). */
  encrypted: boolean
  dbPath: string
  /** Who is asking (the signed-in account's name): the encrypt audit row names him. */
  actor: string
}

export const custodyChannels = {
  /** Administrators only (main/ipc/access.ts): also the workspace's check before workspace.encrypt. */
  'custody.status': channel<CustodyStatus>()(z.undefined().optional(), read([])),
}

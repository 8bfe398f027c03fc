import { join } from 'node:path'
import { databaseId, type Db } from '../db/open'
import { today } from '../domain/dates'

/** What every service gets: the open database and where the data lives. No Electron here. */
export interface AppContext {
  db: Db
  dbPath: string
  /** Folder of the database file; backups go to `<dataDir>/backups/<database id>`. */
  dataDir: string
  /** This database's own backups: `<dataDir>/backups/<database id>` (databases sharing a folder keep apart). */
  backupDir: string
  /** The database key when the file is encrypted (backups and restores use it). */
  key?: string | undefined
  /** Who is acting, for the audit log (the OS user name in the app, 'cli' on the command line). */
  actor: string
  host: 'electron' | 'web' | 'cli' | 'test'
  /** "Today" as YYYY-MM-DD; fixed by `--at` on the command line and in tests. */
  today(): string
  /** Now as an ISO timestamp for the audit log. */
  nowIso(): string
  /** Announces a commit made outside a write channel's own call (an import job finishing), so
   *  every screen showing these tables refreshes. Set by bootApp; absent in bare contexts. */
  announce?: (tables: readonly string[]) => void
}

export function createContext(opts: {
  db: Db
  dbPath: string
  dataDir: string
  actor?: string
  host: AppContext['host']
  at?: string
  key?: string | undefined
}): AppContext {
  return {
    db: opts.db,
    dbPath: opts.dbPath,
    dataDir: opts.dataDir,
    backupDir: join(opts.dataDir, 'backups', databaseId(opts.db) ?? 'default'),
    key: opts.key,
    actor: opts.actor ?? 'user',
    host: opts.host,
    today: () => opts.at ?? today(),
    nowIso: () => new Date().toISOString(),
  }
}

/**
 * The workspace: which database the app has open (the county's real one or the separate demo
 * one), the first run's set-up, and switching between them. Answered by main/workspace/ in front
 * of the services (it re-boots them over the other file); a door without a workspace (tests over
 * one file, the CLI) answers with handlers/workspace.ts.
 */
import { z } from 'zod'
import { channel, read, write } from './define'

export interface WorkspaceStatus {
  /** 'setup': the first-run wizard must run (no data folder chosen yet, or a new empty database). */
  stage: 'setup' | 'ready'
  /** 'demo': the separate demo database is open; the UI says 演示 everywhere. */
  mode: 'real' | 'demo'
  /** False when one database file is served as it is (no switching, no wizard). */
  managed: boolean
  /** The real data folder (proposed default while no folder is chosen yet). */
  dataDir: string
  /** The folder is given by the command line (CADRE_DB, --db) and cannot be changed here. */
  dataDirFixed: boolean
  /** The real database file (inside dataDir). */
  realDbPath: string
  /** The demo database file (never the real one). */
  demoDbPath: string
  /** True when the real database exists (the data folder is chosen). */
  realDbExists: boolean
  /** The county's name in the real database, when set. */
  countyName: string | null
  /** A folder picker exists (the desktop app), else the folder is typed. */
  canChooseFolder: boolean
}

const countyName = z
  .string()
  .trim()
  .min(2, '请填写县（区）名称，如“清川县”')
  .max(30, '县（区）名称不超过 30 个字')

export const workspaceChannels = {
  'workspace.status': channel<WorkspaceStatus>()(z.undefined().optional(), read()),
  /** Creates (or opens) the real database in dataDir and stores the county's name there. */
  'workspace.setup': channel<WorkspaceStatus>()(
    z.object({ countyName, dataDir: z.string().trim().min(1, '请选择数据存放位置').max(1000).nullable() }),
    write(),
  ),
  /** The first run is over (after import, demo or 以后再说): the wizard is not shown again. */
  'workspace.finish': channel<WorkspaceStatus>()(z.undefined().optional(), write()),
  /** Opens the real database or the demo one (created and filled with fictional cadres once). */
  'workspace.switch': channel<WorkspaceStatus>()(z.object({ mode: z.enum(['real', 'demo']) }), write()),
  /** Empties the demo database and fills it again. Never touches the real one. */
  'workspace.resetDemo': channel<WorkspaceStatus>()(z.undefined().optional(), write()),
  /** The desktop app's folder picker; null when cancelled or where there is none. `purpose` names the dialog. */
  'workspace.chooseFolder': channel<string | null>()(
    z.object({ purpose: z.enum(['data', 'backup']) }).optional(),
    read([]),
  ),
  /**
   * Encrypts the real database in place (issue 12; main/db/encrypt.ts, as the CLI's `encrypt`): the
   * services stop, a copy made through SQLite is encrypted, checked and renamed over the file (never
   * by deleting first), its backups are encrypted too, and the services start again with the key.
   * Administrators only (checked through the running dispatcher). The recovery key is returned once.
   */
  'workspace.encrypt': channel<EncryptOutcome>()(z.object({ confirm: z.literal(true) }), write()),
}

export interface EncryptOutcome {
  database: string
  /** Backups and safety copies encrypted with it. */
  copies: number
  /** The key in groups of four, shown once to print and keep apart from the computer. */
  recoveryKey: string
  /** True when the desktop app sealed the key in the OS key store (it opens by itself next time). */
  sealed: boolean
}

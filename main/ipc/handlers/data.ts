/**
 * Data tools: backups and demo data. Restore writes the backup into the live database file
 * through SQLite's backup API, so the app's connection stays open and valid; the page must
 * reload its data afterwards (the settings page reloads the window).
 */
import { ensureImpactPeriods } from '../../records/impact'
import { createBackup, listBackups, restoreBackup } from '../../services/backup'
import type { AppContext } from '../../services/context'
import { loadDemo } from '../../services/demo'
import type { Handlers } from '../registry'

export function createDataHandlers(
  ctx: AppContext,
): Pick<Handlers, 'backup.list' | 'backup.create' | 'backup.restore' | 'demo.load'> {
  return {
    'backup.list': () => listBackups(ctx),
    'backup.create': () => createBackup(ctx),
    'backup.restore': ({ file }) => restoreBackup(ctx, file),
    'demo.load': ({ count }) => {
      const r = loadDemo(ctx, { count })
      // The demo's talks and discipline are written behind the impact service's back: their
      // periods are brought up to date now, not by the roster's first read (0.5 s at 100,000).
      ensureImpactPeriods(ctx)
      return { count: r.count }
    },
  }
}

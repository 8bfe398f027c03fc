/** Handlers of the Excel export channels (contract/export.ts). */
import { exportRosterToBytes } from '../../export/roster'
import type { AppContext } from '../../services/context'
import type { Handlers } from '../registry'

export function createExportHandlers(ctx: AppContext): Pick<Handlers, 'export.roster'> {
  return {
    'export.roster': (arg) => exportRosterToBytes(ctx, arg),
  }
}

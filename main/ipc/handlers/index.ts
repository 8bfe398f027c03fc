/**
 * All handlers, built over one AppContext. Each capability contributes a part from its own file;
 * `mergeHandlers` throws when a channel is handled twice or not at all.
 */
import type { AppContext } from '../../services/context'
import { mergeHandlers, type Handlers } from '../registry'
import { createCoreHandlers } from './core'
import { createFormHandlers } from './form'
import { createExportHandlers } from './export'
import { createEligibilityHandlers } from './eligibility'
import { createRecordsHandlers } from './records'
import { createDataHandlers } from './data'
import { importHandlers } from './import'
import { createStatsHandlers } from './stats'
import { createWorkspaceHandlers } from './workspace'
import { createJobsHandlers } from './jobs'
import { createAuthHandlers } from './auth'
import { createCompareHandlers } from './compare'
import { createCustodyHandlers } from './custody'
import type { AuthSession } from '../../auth/session'

export function createHandlers(ctx: AppContext, extra: { host: string; session?: AuthSession }): Handlers {
  void ctx
  void extra
  return mergeHandlers(
    createCoreHandlers(ctx, extra),
    createFormHandlers(ctx),
    createExportHandlers(ctx),
    createEligibilityHandlers(ctx),
    createRecordsHandlers(ctx),
    createDataHandlers(ctx),
    importHandlers(ctx),
    createStatsHandlers(ctx),
    createWorkspaceHandlers(ctx),
    createJobsHandlers(),
    createAuthHandlers(ctx, extra.session),
    createCompareHandlers(ctx),
    createCustodyHandlers(ctx),
  )
}

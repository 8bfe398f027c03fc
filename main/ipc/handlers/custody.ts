/** Handlers of the custody channels (main/ipc/contract/custody.ts). */
import type { AppContext } from '../../services/context'
import type { Handlers } from '../registry'

export function createCustodyHandlers(ctx: AppContext): Pick<Handlers, 'custody.status'> {
  return {
    'custody.status': () => ({ encrypted: !!ctx.key, dbPath: ctx.dbPath, actor: ctx.actor }),
  }
}

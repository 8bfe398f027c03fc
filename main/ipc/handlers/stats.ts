/** Handlers of contract/stats.ts: thin calls into main/services/retirement.ts, main/stats/, units. */
import { getLeaderAgeLimits, retireList, setLeaderAgeLimits } from '../../services/retirement'
import type { AppContext } from '../../services/context'
import type { statsChannels } from '../contract/stats'
import type { Handlers } from '../registry'

type StatsHandlers = Pick<Handlers, keyof typeof statsChannels>

export function createStatsHandlers(ctx: AppContext): StatsHandlers {
  return {
    'retire.list': (a) => retireList(ctx, a),
    'retire.limits': () => getLeaderAgeLimits(ctx),
    'retire.setLimits': (a) => setLeaderAgeLimits(ctx, a.limits),
  }
}

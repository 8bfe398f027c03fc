/** Handlers of contract/stats.ts: thin calls into main/services/retirement.ts, main/stats/, units. */
import { getLeaderAgeLimits, retireList, setLeaderAgeLimits } from '../../services/retirement'
import type { AppContext } from '../../services/context'
import { computeStats, postsAgainstHolders } from '../../stats/compute'
import {
  UNIT_KINDS,
  getUnitPosts,
  mergeUnits,
  moveUnitOrder,
  setUnitPosts,
  unitSubtreeIds,
} from '../../services/units'
import { exportStats } from '../../stats/export'
import { vacanciesFor } from '../../units/vacancies'
import { getSnapshot, listSnapshots, saveSnapshot } from '../../stats/snapshots'
import type { statsChannels } from '../contract/stats'
import type { Handlers } from '../registry'

type StatsHandlers = Pick<Handlers, keyof typeof statsChannels>

export function createStatsHandlers(ctx: AppContext): StatsHandlers {
  return {
    'retire.list': (a) => retireList(ctx, a),
    'retire.limits': () => getLeaderAgeLimits(ctx),
    'retire.setLimits': (a) => setLeaderAgeLimits(ctx, a.limits),
    'stats.compute': (q) => computeStats(ctx, q),
    'stats.export': (q) => exportStats(computeStats(ctx, q)),
    'stats.snapshots': () => listSnapshots(ctx),
    'stats.saveSnapshot': (a) => saveSnapshot(ctx, a.name, a.query),
    'stats.snapshot': (a) => getSnapshot(ctx, a.id),
    'units.kinds': () => [...UNIT_KINDS],
    'posts.vacancies': (a) => vacanciesFor(ctx, a),
    'units.merge': (a) => mergeUnits(ctx, a.fromId, a.intoId),
    'units.order': (a) => moveUnitOrder(ctx, a.id, a.dir),
    'units.posts': (a) => getUnitPosts(ctx, a.unitId),
    'units.setPosts': (a) => setUnitPosts(ctx, a.unitId, a.posts),
    'posts.table': (a) =>
      postsAgainstHolders(ctx, a.at ?? ctx.today(), a.unitId ? unitSubtreeIds(ctx, a.unitId) : null),
  }
}

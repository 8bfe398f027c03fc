/** Channels of issue 13: 到龄 list and local age limits, statistics and snapshots, units and 职数. */
import { z } from 'zod'
import type { LeaderAgeLimit, RetireList } from '../../services/retirement'
import type { StatsResult } from '../../stats/compute'
import type { Snapshot, SnapshotInfo } from '../../stats/snapshots'
import type { PostRow } from '../../stats/compute'
import type { Unit } from '../../domain/cadre'
import type { UnitPost } from '../../services/units'
import type { VacancyList } from '../../units/vacancies'
import { TARGETS } from '../../eligibility/rules'
import { channel, read, write } from './define'

const id = z.number().int().positive()
/** What the statistics read (issue 13): a change to any of these refetches them. */
const STATS_TABLES = ['cadres', 'units', 'unit_posts', 'audit_log', 'talks', 'discipline', 'reserve_entries']
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD')

export const LeaderAgeLimitSchema = z.object({
  label: z.string().max(50),
  levels: z.array(z.string().max(20)).max(10),
  gender: z.enum(['男', '女']).nullable(),
  age: z.number().int(),
})

export const StatsQuerySchema = z.object({
  at: day.optional(),
  scope: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('county') }),
      z.object({ kind: z.literal('unitKind'), value: z.string().min(1).max(50) }),
      z.object({ kind: z.literal('unit'), unitId: id }),
    ])
    .optional(),
  period: z.object({ from: day, to: day }).optional(),
})

export const statsChannels = {
  'retire.list': channel<RetireList>()(
    z.object({
      months: z.number().int().min(0).max(600),
      unitId: id.nullable().optional(),
      includeOverdue: z.boolean().optional(),
    }),
    read(['cadres', 'units', 'settings']),
  ),
  'retire.limits': channel<LeaderAgeLimit[]>()(z.undefined().optional(), read(['settings'])),
  'retire.setLimits': channel<LeaderAgeLimit[]>()(
    z.object({ limits: z.array(LeaderAgeLimitSchema).max(20) }),
    write(['settings', 'audit_log']),
  ),
  'stats.compute': channel<StatsResult>()(StatsQuerySchema, read(STATS_TABLES, 'heavy')),
  'stats.export': channel<{ bytes: Uint8Array; fileName: string }>()(StatsQuerySchema, read(STATS_TABLES, 'heavy')),
  'stats.snapshots': channel<SnapshotInfo[]>()(z.undefined().optional(), read(['stats_snapshots'])),
  'stats.saveSnapshot': channel<SnapshotInfo>()(
    z.object({ name: z.string().max(100), query: StatsQuerySchema }),
    write(['stats_snapshots', 'audit_log']),
  ),
  'stats.snapshot': channel<Snapshot>()(z.object({ id }), read(['stats_snapshots'])),
  'units.kinds': channel<string[]>()(z.undefined().optional(), read([])),
  'units.merge': channel<{ cadres: number; into: Unit }>()(
    z.object({ fromId: id, intoId: id }),
    write(['units', 'cadres', 'unit_posts', 'audit_log']),
  ),
  'units.order': channel<Unit[]>()(z.object({ id, dir: z.enum(['up', 'down']) }), write(['units', 'audit_log'])),
  'units.posts': channel<UnitPost[]>()(z.object({ unitId: id }), read(['unit_posts'])),
  'units.setPosts': channel<UnitPost[]>()(
    z.object({
      unitId: id,
      posts: z
        .array(
          z.object({
            level: z.string().max(20),
            allotted: z.number().int(),
            vacantSince: z.string().max(20).nullable(),
          }),
        )
        .max(30),
    }),
    write(['unit_posts', 'audit_log']),
  ),
  /** The vacant posts at a review target's level, the candidate's own unit first (issue 13). */
  'posts.vacancies': channel<VacancyList>()(
    z.object({ target: z.enum(TARGETS), at: day.optional(), cadreId: id.nullable().optional() }),
    read(['unit_posts', 'units', 'cadres', 'audit_log']),
  ),
  'posts.table': channel<PostRow[]>()(
    z.object({ unitId: id.nullable().optional(), at: day.optional() }),
    read(['unit_posts', 'units', 'cadres', 'audit_log']),
  ),
}

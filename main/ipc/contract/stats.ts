/** Channels of issue 13: 到龄 list and local age limits, statistics, units and 职数. */
import { z } from 'zod'
import type { LeaderAgeLimit, RetireList } from '../../services/retirement'
import { channel } from './define'

const id = z.number().int().positive()

export const LeaderAgeLimitSchema = z.object({
  label: z.string().max(50),
  levels: z.array(z.string().max(20)).max(10),
  gender: z.enum(['男', '女']).nullable(),
  age: z.number().int(),
})

export const statsChannels = {
  'retire.list': channel<RetireList>()(
    z.object({
      months: z.number().int().min(0).max(600),
      unitId: id.nullable().optional(),
      includeOverdue: z.boolean().optional(),
    }),
  ),
  'retire.limits': channel<LeaderAgeLimit[]>()(z.undefined().optional()),
  'retire.setLimits': channel<LeaderAgeLimit[]>()(
    z.object({ limits: z.array(LeaderAgeLimitSchema).max(20) }),
  ),
}

/** Long jobs: a caller names a job when it calls a channel (its progress is announced), and may stop it. */
import { z } from 'zod'
import { channel, read } from './define'

export const jobsChannels = {
  /** Stops a running job (an export, the eligibility round, printing); nothing is written or saved. */
  'jobs.cancel': channel<{ cancelled: boolean }>()(z.object({ job: z.string().min(1).max(64) }), read([])),
}

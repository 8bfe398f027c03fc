/** Handler of 'jobs.cancel' for a job running in this thread (the worker client answers it itself). */
import { cancelJob } from '../../worker/job'
import type { Handlers } from '../registry'

export function createJobsHandlers(): Pick<Handlers, 'jobs.cancel'> {
  return { 'jobs.cancel': ({ job }) => ({ cancelled: cancelJob(job) }) }
}

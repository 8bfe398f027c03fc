/** Channels of the roster import page (issue 3). */
import { z } from 'zod'
import type { JobStatus, ImportPreview, OpenedFile } from '../../roster-import/session'
import { channel, read, write } from './define'
import { IMPORT_MAX_FILE_BYTES, megabytes } from '../../domain/limits'

const token = z.string().uuid()
const jobId = z.string().uuid()
const key = z.string().max(40).nullable()
const mapping = z.record(z.string().regex(/^[A-Z]{1,3}$/), key)
const onDuplicate = z.enum(['skip', 'update'])
const sheet = z.string().min(1).max(100).optional()
/** The clerk's decision for each unit name the tree does not have (issue 13). */
const units = z
  .record(
    z.string().min(1).max(200),
    z.discriminatedUnion('action', [
      z.object({ action: z.literal('map'), unitId: z.number().int().positive() }),
      z.object({
        action: z.literal('create'),
        parentId: z.number().int().positive().nullable(),
        kind: z.string().max(50).nullable(),
      }),
    ]),
  )
  .optional()

export const importChannels = {
  /** The file's bytes (at most IMPORT_MAX_FILE_BYTES): opened once, its visible sheets offered. */
  'import.open': channel<OpenedFile>()(
    z.object({
      fileName: z.string().min(1).max(260),
      data: z
        .instanceof(Uint8Array)
        .refine(
          (d) => d.length <= IMPORT_MAX_FILE_BYTES,
          `文件超过导入上限 ${megabytes(IMPORT_MAX_FILE_BYTES)}，请把花名册拆分成几个文件后分别导入`,
        ),
    }),
    read([], 'write'),
  ),
  'import.preview': channel<ImportPreview>()(
    z.object({ token, sheet, mapping: mapping.optional(), onDuplicate, units }),
    read(undefined, 'write'),
  ),
  'import.start': channel<{ jobId: string }>()(
    z.object({ token, sheet, mapping: mapping.optional(), onDuplicate, units }),
    write(['cadres', 'units', 'resume_entries', 'family_members', 'audit_log', 'settings']),
  ),
  'import.progress': channel<JobStatus>()(z.object({ jobId }), read(undefined, 'write')),
  'import.cancel': channel<JobStatus>()(z.object({ jobId }), read(undefined, 'write')),
  'import.rejectedFile': channel<{ fileName: string; bytes: Uint8Array }>()(z.object({ jobId }), read(undefined, 'write')),
}

/** Channels of the roster import page (issue 3). */
import { z } from 'zod'
import type { ImportDone, ImportPreview, OpenedFile } from '../../roster-import/session'
import { channel, read, write } from './define'
import { IMPORT_MAX_FILE_BYTES, megabytes } from '../../domain/limits'

const token = z.string().uuid()
const importId = z.string().uuid()
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
  /**
   * The import, answered when it has landed (or not at all). Called as a long job
   * (`call('import.run', arg, { job })`): its progress events carry the percentage, rows done of
   * total and the step in Chinese; `jobs.cancel` stops it and rolls everything back. Its tables are
   * announced after the commit.
   */
  'import.run': channel<ImportDone>()(
    z.object({ token, sheet, mapping: mapping.optional(), onDuplicate, units }),
    write(['cadres', 'units', 'resume_entries', 'family_members', 'audit_log', 'settings']),
  ),
  'import.rejectedFile': channel<{ fileName: string; bytes: Uint8Array }>()(z.object({ importId }), read(undefined, 'write')),
}

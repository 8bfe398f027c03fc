/** Channels of 比对回写 (main/compare): compare a roster or LRMX files with the database, write chosen differences back. */
import { z } from 'zod'
import type { CompareApplyReport, CompareResult } from '../../compare'
import { COMPARE_KEYS } from '../../compare'
import { channel, read, write } from './define'

const upload = {
  fileName: z.string().min(1).max(260),
  bytes: z.instanceof(Uint8Array),
}
const key = z.enum(COMPARE_KEYS as unknown as [string, ...string[]])
const s = (max: number) => z.string().max(max)

const ReportSchema = z.object({
  file: s(300),
  at: s(40),
  actor: s(100),
  cadres: z.number().int().nonnegative(),
  changes: z
    .array(
      z.object({
        idCard: s(40),
        name: s(100),
        cadreId: z.number().int(),
        key,
        label: s(40),
        before: s(20_000).nullable(),
        after: s(20_000),
      }),
    )
    .max(200_000),
  skipped: z
    .array(z.object({ idCard: s(40), name: s(100), key, label: s(40), message: s(500) }))
    .max(200_000),
  unmatched: z
    .array(z.object({ where: s(300), idCard: s(40).nullable(), name: s(100).nullable(), message: s(2000) }))
    .max(200_000),
})

export const compareChannels = {
  /** Reads the file and lists, per cadre matched by ID number, the fields that differ. Writes nothing. */
  'compare.preview': channel<CompareResult>()(
    z.object(upload),
    read(['cadres', 'units', 'resume_entries', 'settings'], 'heavy'),
  ),
  /** Writes the chosen fields of the chosen cadres in one transaction, audited; returns what changed. */
  'compare.apply': channel<CompareApplyReport>()(
    z.object({
      ...upload,
      selection: z
        .array(z.object({ idCard: s(40), keys: z.array(key).min(1).max(COMPARE_KEYS.length) }))
        .min(1, '没有选择要回写的项目')
        .max(100_000),
    }),
    write(['cadres', 'resume_entries', 'units', 'audit_log']),
  ),
  /** The write-back's report as an .xlsx. */
  'compare.reportXlsx': channel<{ fileName: string; bytes: Uint8Array }>()(
    z.object({ report: ReportSchema }),
    read(['audit_log'], 'heavy'),
  ),
}

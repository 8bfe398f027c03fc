/** Channels of the 干部任免审批表 (print preview, PDF, per-appointment fields) and LRMX. */
import { z } from 'zod'
import type { AppointmentForm } from '../../form/data'
import type { LrmxReport } from '../../lrmx/import'
import type { NamedFile, SetCheck } from '../../form/set'
import type { FormWarning } from '../../form/checks'
import { channel, read, write } from './define'

const id = z.number().int().positive()
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期应为 YYYY-MM-DD')
const text = (max: number) => z.string().max(max, `不能超过 ${max} 字`).nullable().optional()

export const AppointmentFieldsSchema = z.object({
  proposedPosition: text(500),
  proposedRemoval: text(500),
  reason: text(2000),
  reportingUnit: text(200),
  filledBy: text(50),
  ageAt: day.nullable().optional(),
  filledAt: day.nullable().optional(),
  rewardsText: text(4000),
  assessmentText: text(2000),
})

const ids = z.array(id).min(1, '请先选择干部').max(500, '一次最多 500 人')
const setEntries = z
  .array(z.string().max(60, '名单中每项不能超过 60 字'))
  .min(1, '名单为空：请粘贴或选择要打印的干部')
  .max(500, '一套最多 500 人')

/** What the preview page needs beside the HTML: the saved form and what the form prints by default. */
export interface FormEditorData {
  cadreId: number
  name: string
  idCard: string
  form: AppointmentForm | null
  /** 奖惩情况 / 年度考核结果 as composed from the records (shown when the form leaves them empty). */
  composedRewards: string
  composedAssessment: string
  today: string
  /** Checks before print (main/form/checks.ts) on the form as saved. */
  warnings: FormWarning[]
}

const upload = z.object({
  fileName: z.string().min(1).max(260),
  bytes: z.instanceof(Uint8Array),
  /** Issue 13: the unit of each cadre whose unit the file does not give, by ID number. */
  units: z
    .record(
      z.string().min(1).max(40),
      z.discriminatedUnion('action', [
        z.object({ action: z.literal('map'), unitId: z.number().int().positive() }),
        z.object({
          action: z.literal('create'),
          name: z.string().trim().min(1).max(100),
          parentId: z.number().int().positive().nullable(),
          kind: z.string().max(50).nullable(),
        }),
        z.object({ action: z.literal('none') }),
      ]),
    )
    .optional(),
})

export const formChannels = {
  'form.get': channel<FormEditorData>()(z.object({ cadreId: id }), read()),
  'form.html': channel<string>()(
    z.object({ ids, override: AppointmentFieldsSchema.optional(), script: z.boolean().optional() }),
    read(),
  ),
  'form.pdf': channel<{ fileName: string; bytes: Uint8Array }>()(
    z.object({ ids, override: AppointmentFieldsSchema.optional() }),
    read(undefined, 'heavy'),
  ),
  /** The same forms as a Word file (.docx), two pages per cadre in the given order. */
  'form.docx': channel<{ fileName: string; bytes: Uint8Array }>()(
    z.object({ ids, override: AppointmentFieldsSchema.optional() }),
    read(undefined, 'heavy'),
  ),
  /** Checks a meeting set's list (names or ID numbers, in agenda order); with a template, the zip's file names. */
  'form.setCheck': channel<SetCheck & { files: NamedFile[] }>()(
    z.object({
      entries: setEntries,
      template: z.string().max(200, '文件名模板不能超过 200 字').optional(),
      zipFormat: z.enum(['pdf', 'docx']).optional(),
    }),
    read(),
  ),
  /** The meeting set in the list's order: one PDF, one .docx, or a zip of files named by the template. */
  'form.set': channel<{ fileName: string; bytes: Uint8Array; notes: string[]; files: string[] }>()(
    z.object({
      entries: setEntries,
      output: z.enum(['pdf', 'docx', 'zip']),
      zipFormat: z.enum(['pdf', 'docx']).optional(),
      template: z.string().max(200, '文件名模板不能超过 200 字').optional(),
    }),
    read(undefined, 'heavy'),
  ),
  'form.save': channel<AppointmentForm>()(
    AppointmentFieldsSchema.extend({ cadreId: id, formId: id.nullable() }),
    write(['appointment_forms', 'audit_log']),
  ),
  'lrmx.export': channel<{ fileName: string; bytes: Uint8Array }>()(z.object({ id }), read()),
  'lrmx.preview': channel<LrmxReport>()(upload, read()),
  'lrmx.apply': channel<LrmxReport>()(upload, write()),
}

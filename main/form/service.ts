/** The 干部任免审批表 services behind the IPC channels and the `form` command. */
import { AppError } from '../domain/errors'
import { validateIdCard } from '../domain/idcard'
import type { AppContext } from '../services/context'
import { loadFormPerson, type AppointmentFields, type FormPerson } from './data'
import { loadDocx } from './load-docx'
import { buildFormHtml } from './html'
import { printPdf } from './pdf'

/** At most this many cadres in one PDF (two pages each). */
export const MAX_FORMS_PER_PDF = 500

function people(
  ctx: AppContext,
  ids: readonly number[],
  override?: Partial<AppointmentFields>,
): FormPerson[] {
  if (ids.length === 0) throw new AppError('form-none', '请先选择要打印任免审批表的干部', 'no cadre selected')
  if (ids.length > MAX_FORMS_PER_PDF) {
    throw new AppError(
      'form-too-many',
      `一次最多打印 ${MAX_FORMS_PER_PDF} 人的任免审批表，当前选择了 ${ids.length} 人，请分批打印`,
      `at most ${MAX_FORMS_PER_PDF} forms at once`,
    )
  }
  // Unsaved edits from the preview apply to a single cadre's form only.
  return ids.map((id) => loadFormPerson(ctx, id, ids.length === 1 ? override : undefined))
}

export function formHtml(
  ctx: AppContext,
  ids: readonly number[],
  opts: { override?: Partial<AppointmentFields>; script?: boolean } = {},
): string {
  return buildFormHtml(people(ctx, ids, opts.override), { script: opts.script ?? true })
}

export function pdfFileName(ctx: AppContext, list: readonly FormPerson[], ext = 'pdf'): string {
  const day = ctx.today().replace(/-/g, '')
  if (list.length === 1) return `干部任免审批表-${list[0]?.fields.name ?? ''}.${ext}`
  return `干部任免审批表-${list.length}人-${day}.${ext}`
}

export async function formPdf(
  ctx: AppContext,
  ids: readonly number[],
  override?: Partial<AppointmentFields>,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const list = people(ctx, ids, override)
  const bytes = await printPdf(buildFormHtml(list))
  return { fileName: pdfFileName(ctx, list), bytes }
}

/** The same forms as a Word file (.docx), two pages per cadre in the given order. */
export async function formDocx(
  ctx: AppContext,
  ids: readonly number[],
  override?: Partial<AppointmentFields>,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const list = people(ctx, ids, override)
  const { buildFormDocx } = await loadDocx()
  const bytes = await buildFormDocx(list)
  return { fileName: pdfFileName(ctx, list, 'docx'), bytes }
}

/** The cadre with this ID number, or an error saying so. */
export function cadreIdByIdCard(ctx: AppContext, raw: string): number {
  const v = validateIdCard(raw)
  const idCard = v.ok ? v.value.idCard : raw.trim().toUpperCase()
  const row = ctx.db.prepare('SELECT id FROM cadres WHERE id_card = ?').get(idCard) as
    { id: number } | undefined
  if (!row)
    throw new AppError(
      'not-found',
      `数据库中没有身份证号为 ${idCard} 的干部`,
      `no cadre with ID number ${idCard}`,
    )
  return row.id
}

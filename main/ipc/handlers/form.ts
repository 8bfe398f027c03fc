/** Handlers of the 干部任免审批表 and LRMX channels. */
import { composeAssessmentText, composeRewardsText, latestForm, readCadre, saveForm } from '../../form/data'
import { formDocx, formHtml, formPdf } from '../../form/service'
import { buildFormSet, resolveSetEntries, setFileNames, setProblemsMessage } from '../../form/set'
import { loadFormPerson } from '../../form/data'
import { AppError } from '../../domain/errors'
import { formWarnings } from '../../form/checks'
import { exportLrmx } from '../../lrmx/export'
import { applyLrmx, previewLrmx } from '../../lrmx/import'
import type { AppContext } from '../../services/context'
import type { Handlers } from '../registry'

type FormHandlers = Pick<
  Handlers,
  | 'form.get'
  | 'form.html'
  | 'form.pdf'
  | 'form.docx'
  | 'form.setCheck'
  | 'form.set'
  | 'form.save'
  | 'lrmx.export'
  | 'lrmx.preview'
  | 'lrmx.apply'
>

export function createFormHandlers(ctx: AppContext): FormHandlers {
  return {
    'form.get': ({ cadreId }) => {
      const c = readCadre(ctx.db, cadreId)
      return {
        cadreId,
        name: c.fields.name ?? '',
        idCard: c.fields.idCard ?? '',
        form: latestForm(ctx.db, cadreId),
        composedRewards: composeRewardsText(ctx.db, cadreId),
        composedAssessment: composeAssessmentText(ctx.db, cadreId),
        today: ctx.today(),
        warnings: formWarnings(loadFormPerson(ctx, cadreId)),
      }
    },
    'form.html': ({ ids, override, script }) => formHtml(ctx, ids, { override, script }),
    'form.pdf': ({ ids, override }) => formPdf(ctx, ids, override),
    'form.docx': ({ ids, override }) => formDocx(ctx, ids, override),
    'form.setCheck': ({ entries, template, zipFormat }) => {
      const r = resolveSetEntries(ctx, entries)
      const files =
        r.ok && template !== undefined
          ? setFileNames(
              r.ids.map((i) => loadFormPerson(ctx, i)),
              template,
              zipFormat ?? 'pdf',
            )
          : []
      return { ...r, files }
    },
    'form.set': async ({ entries, output, zipFormat, template }) => {
      const r = resolveSetEntries(ctx, entries)
      if (!r.ok) throw new AppError('form-set-list', setProblemsMessage(r), 'the list has problems')
      return buildFormSet(ctx, r.ids, { output, zipFormat, template })
    },
    'form.save': (input) => saveForm(ctx, input),
    'lrmx.export': ({ id }) => {
      const r = exportLrmx(ctx, id)
      return { fileName: r.fileName, bytes: r.bytes }
    },
    'lrmx.preview': ({ fileName, bytes, units }) => previewLrmx(ctx, bytes, fileName, units),
    'lrmx.apply': ({ fileName, bytes, units }) => applyLrmx(ctx, bytes, fileName, units, { unitsAnswered: true }),
  }
}

/** Handlers of 比对回写 (main/compare). */
import { applyCompare, compareFile, type CompareKey } from '../../compare'
import { compareReportXlsx } from '../../compare/report'
import type { AppContext } from '../../services/context'
import type { Handlers } from '../registry'

type CompareHandlers = Pick<Handlers, 'compare.preview' | 'compare.apply' | 'compare.reportXlsx'>

export function createCompareHandlers(ctx: AppContext): CompareHandlers {
  return {
    'compare.preview': (up) => compareFile(ctx, up),
    'compare.apply': ({ fileName, bytes, selection }) =>
      applyCompare(
        ctx,
        { fileName, bytes },
        selection.map((x) => ({ idCard: x.idCard, keys: x.keys as CompareKey[] })),
      ),
    'compare.reportXlsx': async ({ report }) => ({
      fileName: `比对回写报告_${report.file.replace(/\.[^.]+$/, '')}_${report.at.slice(0, 10)}.xlsx`,
      bytes: await compareReportXlsx({
        ...report,
        changes: report.changes.map((c) => ({ ...c, key: c.key as CompareKey })),
        skipped: report.skipped.map((c) => ({ ...c, key: c.key as CompareKey })),
      }),
    }),
  }
}

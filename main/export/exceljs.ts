/**
 * exceljs, loaded on the first workbook written. Loading it costs ~0.23 s of CPU and ~28 MB, and
 * every data worker loaded it while starting (the read worker never writes a workbook); now only a
 * process that exports pays for it, once (import() keeps the module).
 */
import type * as ExcelJSModule from 'exceljs'

export type ExcelJS = typeof ExcelJSModule

export function loadExcelJS(): Promise<ExcelJS> {
  return import('exceljs').then((m) => ((m as { default?: ExcelJS }).default ?? m) as ExcelJS)
}

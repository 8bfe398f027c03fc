/**
 * exceljs, loaded on the first workbook written. Loading it costs ~0.23 s of CPU and ~28 MB, and
 * every data worker loaded it while starting (the read worker never writes a workbook); now only a
 * process that exports pays for it, once.
 */
import type * as ExcelJSModule from 'exceljs'

export type ExcelJS = typeof ExcelJSModule

let loading: Promise<ExcelJS> | null = null

export function loadExcelJS(): Promise<ExcelJS> {
  loading ??= import('exceljs').then((m) => ((m as { default?: ExcelJS }).default ?? m) as ExcelJS)
  return loading
}

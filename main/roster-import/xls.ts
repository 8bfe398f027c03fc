/**
 * The older binary .xls (BIFF) that WPS and old Excel still write, read with SheetJS. exceljs has
 * no .xls reader: it opens such a file as a workbook with zero sheets and no error.
 */
import { createRequire } from 'node:module'
import type * as XLSX from '@e965/xlsx'
import { excelSerialToDate } from '../domain/dates'
import { AppError } from '../domain/errors'
import { HEAD_ROWS, type CellValue, type LoadedSheet, type MergeRange, type SheetRow, type SheetState, type Workbook } from './workbook'

/** SheetJS is loaded when an .xls arrives, not with the importer: an .xlsx import (the usual case,
 *  and the CLI's start-up) does not pay for parsing the library (~35 ms). */
let sheetJs: typeof XLSX | null = null
function xlsx(): typeof XLSX {
  sheetJs ??= createRequire(import.meta.url)('@e965/xlsx') as typeof XLSX
  return sheetJs
}

interface DenseSheet {
  '!data'?: (XLSX.CellObject | undefined)[][]
  '!merges'?: XLSX.Range[]
}

export function openXls(buf: Buffer, fileName: string): Workbook {
  let wb: XLSX.WorkBook
  try {
    wb = xlsx().read(buf, { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellHTML: false, cellFormula: false })
  } catch (e) {
    const msg = (e as Error).message ?? ''
    if (/password|encrypt/i.test(msg)) {
      throw new AppError('import-encrypted', `“${fileName}”设有密码保护，请先在 Excel 中取消密码后再导入`, 'the file is password-protected')
    }
    throw new AppError(
      'import-corrupt',
      `“${fileName}”无法作为 .xls 读取（${msg.slice(0, 80)}）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`,
      `cannot read ${fileName} as .xls: ${msg}`,
    )
  }
  const date1904 = !!wb.Workbook?.WBProps?.date1904
  const meta = wb.Workbook?.Sheets ?? []
  const sheets = wb.SheetNames.map((name, i) => {
    const h = meta[i]?.Hidden ?? 0
    const state: SheetState = h === 1 ? 'hidden' : h === 2 ? 'veryHidden' : 'visible'
    return { name, state }
  })
  if (sheets.length === 0) {
    throw new AppError('import-no-sheets', `“${fileName}”中没有可读取的工作表`, `${fileName} has no readable worksheet`)
  }
  return {
    format: 'xls',
    date1904,
    sheets,
    async loadSheet(name: string): Promise<LoadedSheet> {
      const ws = wb.Sheets[name] as unknown as DenseSheet | undefined
      if (!ws) throw new AppError('import-no-sheet', `工作簿中没有名为“${name}”的工作表`, `no sheet named ${name}`)
      const data = ws['!data'] ?? []
      const each = (fn: (row: SheetRow) => boolean | void): void => {
        for (let r = 0; r < data.length; r++) {
          const src = data[r]
          if (!src) continue
          const cells: CellValue[] = []
          let any = false
          for (let c = 0; c < src.length; c++) {
            const v = xlsValue(src[c], date1904)
            if (v === null || v === '') continue
            cells[c] = v
            any = true
          }
          if (any && fn({ r: r + 1, cells }) === false) return
        }
      }
      const head: SheetRow[] = []
      each((row) => {
        head.push(row)
        return head.length < HEAD_ROWS
      })
      const merges: MergeRange[] = (ws['!merges'] ?? []).map((m) => ({ r1: m.s.r + 1, r2: m.e.r + 1, c1: m.s.c, c2: m.e.c }))
      return {
        name,
        head,
        merges,
        pictures: [],
        eachRow: async (fn) => each((row) => void fn(row)),
      }
    },
  }
}

function xlsValue(cell: XLSX.CellObject | undefined, date1904: boolean): CellValue {
  if (!cell) return null
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '')
    case 'b':
      return !!cell.v
    case 'n': {
      const n = typeof cell.v === 'number' ? cell.v : Number(cell.v)
      if (!Number.isFinite(n)) return null
      const fmt = typeof cell.z === 'string' ? cell.z : ''
      if (fmt && n > 0 && n < 2958466 && xlsx().SSF.is_date(fmt)) return excelSerialToDate(n, date1904)
      return n
    }
    case 'd':
      return cell.v instanceof Date ? cell.v : null
    case 'e':
      return cell.w ?? null
    default:
      return null
  }
}

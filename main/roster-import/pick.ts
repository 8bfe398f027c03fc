/**
 * The sheet to import and its header: a module of its own, free of the database and the write
 * path, so the command line's reader thread (read-worker.ts) loads only what reading needs.
 */
import { AppError } from '../domain/errors'
import { detectHeader, type HeaderDetection } from './headers'
import type { ProgressFn } from './engine'
import type { LoadedSheet, StopSignal, Workbook } from './workbook'

function noHeader(sheet: string): AppError {
  return new AppError(
    'import-no-header',
    `在工作表“${sheet}”的前 40 行中找不到花名册表头（至少要有“姓名”“身份证号”等两列能识别的列名）`,
    `no roster header found in sheet ${sheet}`,
  )
}

export interface PickedSheet {
  sheet: LoadedSheet
  detection: HeaderDetection
}

/** The named sheet, or the first visible sheet that has a roster header (an instructions sheet is passed over). */
export async function pickSheet(
  wb: Workbook,
  name: string | undefined,
  opts: { onProgress?: ProgressFn; signal?: StopSignal } = {},
): Promise<PickedSheet> {
  const load = (n: string): Promise<LoadedSheet> =>
    wb.loadSheet(n, { signal: opts.signal, onProgress: (d, t) => opts.onProgress?.('read', d, t) })
  if (name !== undefined) {
    if (!wb.sheets.some((s) => s.name === name)) {
      const names = wb.sheets.filter((s) => s.state === 'visible').map((s) => `“${s.name}”`)
      throw new AppError('import-no-sheet', `工作簿中没有名为“${name}”的工作表（可选：${names.join('、')}）`, `no sheet named ${name}`)
    }
    const sheet = await load(name)
    const detection = detectHeader(sheet)
    if (!detection) throw noHeader(name)
    return { sheet, detection }
  }
  const visible = wb.sheets.filter((s) => s.state === 'visible')
  if (visible.length === 0) throw new AppError('import-no-sheets', '工作簿中没有可见的工作表', 'no visible sheet')
  for (const s of visible) {
    const sheet = await load(s.name)
    const detection = detectHeader(sheet)
    if (detection) return { sheet, detection }
  }
  throw new AppError(
    'import-no-header',
    `在可见的工作表（${visible.map((s) => `“${s.name}”`).join('、')}）中都找不到花名册表头（至少要有“姓名”“身份证号”等两列能识别的列名）`,
    'no roster header found in any visible sheet',
  )
}


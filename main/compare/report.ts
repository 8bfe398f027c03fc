/** The write-back's report as an .xlsx (exceljs): what changed, what was chosen but not written, who was not matched. */
import type * as ExcelJS from 'exceljs'
import { loadExcelJS } from '../export/exceljs'
import { dateTimeDots } from '../domain/dates'
import type { CompareApplyReport } from './index'

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: { header: string; width: number }[],
  rows: (string | number | null)[][],
): void {
  const ws = wb.addWorksheet(name)
  ws.addRow([title]).font = { bold: true, size: 13 }
  ws.mergeCells(1, 1, 1, columns.length)
  const head = ws.addRow(columns.map((c) => c.header))
  head.font = { bold: true }
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }
    c.border = { bottom: { style: 'thin' } }
  })
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width))
  for (const r of rows) {
    const row = ws.addRow(r.map((v) => v ?? ''))
    row.alignment = { vertical: 'top', wrapText: true }
  }
  // ID numbers stay text (Excel would show 18 digits as 6.2E+17).
  ws.views = [{ state: 'frozen', ySplit: 2 }]
}

export async function compareReportXlsx(r: CompareApplyReport): Promise<Uint8Array> {
  const Excel = await loadExcelJS()
  const wb = new Excel.Workbook()
  wb.creator = '干部管理系统'
  // local time, as the rest of the app shows a moment (the stored `at` is UTC)
  const when = dateTimeDots(r.at, { seconds: true })
  sheet(
    wb,
    '回写结果',
    `比对回写“${r.file}”：${r.cadres} 名干部共 ${r.changes.length} 项（${when}，操作人 ${r.actor}）`,
    [
      { header: '序号', width: 6 },
      { header: '姓名', width: 10 },
      { header: '身份证号', width: 21 },
      { header: '项目', width: 16 },
      { header: '原值', width: 40 },
      { header: '新值', width: 40 },
    ],
    r.changes.map((c, i) => [i + 1, c.name, c.idCard, c.label, c.before ?? '（空）', c.after]),
  )
  if (r.skipped.length)
    sheet(
      wb,
      '未写入',
      `选中但未写入的 ${r.skipped.length} 项`,
      [
        { header: '姓名', width: 10 },
        { header: '身份证号', width: 21 },
        { header: '项目', width: 16 },
        { header: '原因', width: 60 },
      ],
      r.skipped.map((s) => [s.name, s.idCard, s.label, s.message]),
    )
  if (r.unmatched.length)
    sheet(
      wb,
      '未匹配',
      `文件中未与数据库对应的 ${r.unmatched.length} 条（未写入）`,
      [
        { header: '位置', width: 16 },
        { header: '姓名', width: 10 },
        { header: '身份证号', width: 21 },
        { header: '原因', width: 60 },
      ],
      r.unmatched.map((u) => [u.where, u.name, u.idCard, u.message]),
    )
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

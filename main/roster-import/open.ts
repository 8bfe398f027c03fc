/** Opens a roster file by what its bytes are, not by its name: a zip package or a BIFF compound file. */
import { AppError } from '../domain/errors'
import { LIMITS, notSpreadsheet, type Workbook } from './workbook'
import { openXls } from './xls'
import { openXlsx } from './xlsx'

export function openWorkbook(bytes: Uint8Array, fileName: string): Workbook {
  if (bytes.length > LIMITS.fileBytes) {
    const mb = (bytes.length / 1048576).toFixed(1)
    throw new AppError(
      'import-too-large',
      `文件“${fileName}”有 ${mb} MB，超过导入上限 ${LIMITS.fileBytes / 1048576} MB。请把花名册拆分成几个文件后分别导入`,
      `${fileName} is ${mb} MB; the limit is ${LIMITS.fileBytes / 1048576} MB`,
    )
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) {
    return openXlsx(buf, fileName)
  }
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) {
    if (buf.length > LIMITS.xlsBytes) {
      throw new AppError(
        'import-too-large',
        `.xls 文件“${fileName}”超过 ${LIMITS.xlsBytes / 1048576} MB，请在 Excel 中另存为 .xlsx 后再导入`,
        `.xls files over ${LIMITS.xlsBytes / 1048576} MB are not supported; save as .xlsx`,
      )
    }
    return openXls(buf, fileName)
  }
  if (buf.length === 0) throw new AppError('import-empty', `文件“${fileName}”是空文件`, `${fileName} is empty`)
  throw notSpreadsheet(fileName)
}

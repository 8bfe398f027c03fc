/** import.open's size check at the IPC boundary says the limit the importer enforces (one constant). */
import { describe, expect, it } from 'vitest'
import { channels } from '../../main/ipc/contract'
import { IMPORT_MAX_FILE_BYTES } from '../../main/domain/limits'
import { LIMITS } from '../../main/roster-import/workbook'

describe('import.open size limit', () => {
  it.each<[string, number, string | null]>([
    ['exactly the limit passes', IMPORT_MAX_FILE_BYTES, null],
    [
      'one byte over is refused naming 60 MB',
      IMPORT_MAX_FILE_BYTES + 1,
      '文件超过导入上限 60 MB，请把花名册拆分成几个文件后分别导入',
    ],
  ])('%s', (_, size, message) => {
    expect(LIMITS.fileBytes).toBe(IMPORT_MAX_FILE_BYTES)
    const r = channels['import.open'].input.safeParse({ fileName: 'a.xlsx', data: new Uint8Array(size) })
    expect(r.success).toBe(message === null)
    if (!r.success) expect(r.error.issues[0]?.message).toBe(message)
  })
})

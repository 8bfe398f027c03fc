/** The generic table writer other features call (rejected rows, eligibility results, talk ledger). */
import ExcelJS from 'exceljs'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../main/domain/errors'
import { safeSheetName, workbookToBytes, workbookToFile, type TableItem } from '../../main/export/workbook'

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  return wb
}

describe('workbookToBytes', () => {
  it('writes several sheets, each a titled, print-ready table, from sync and async rows', async () => {
    async function* talks(): AsyncGenerator<TableItem> {
      yield { group: '2026年8月' }
      yield ['2026-08-03', '诫勉谈话', '张三', '=1+1']
      yield ['2026-08-20', '提醒谈话', '李四', null]
    }
    const { bytes, sheets } = await workbookToBytes([
      {
        name: '资格审查: 结果/汇总',
        title: '提任正科级领导职务资格审查结果',
        columns: [{ header: '姓名' }, { header: '结论' }, { header: '年龄', kind: 'integer' }],
        rows: [
          ['王五', '符合', 45],
          ['赵六', '不符合', '51'],
        ],
        landscape: false,
      },
      {
        name: '谈话台账',
        title: '谈话台账',
        note: '2026年8月',
        columns: [
          { header: '日期', kind: 'day' },
          { header: '类别' },
          { header: '谈话对象' },
          { header: '内容', kind: 'longText' },
        ],
        rows: talks(),
        freezeColumns: 1,
      },
    ])
    expect(sheets.map((s) => [s.name, s.rows, s.groups, s.headerRow])).toEqual([
      ['资格审查_ 结果_汇总', 2, 0, 2],
      ['谈话台账', 2, 1, 3],
    ])
    const wb = await load(bytes)
    const [a, b] = wb.worksheets
    expect(a?.name).toBe('资格审查_ 结果_汇总')
    expect(a?.getCell('A1').value).toBe('提任正科级领导职务资格审查结果')
    expect(a?.getRow(2).values).toEqual([undefined, '姓名', '结论', '年龄'])
    expect(a?.getCell('C4').value).toBe(51)
    expect(a?.pageSetup.orientation).toBe('portrait')
    expect(a?.pageSetup.printTitlesRow).toBe('1:2')
    expect(b?.getCell('A2').value).toBe('2026年8月')
    expect(b?.getCell('A4').value).toBe('2026年8月')
    expect(b?.getCell('A4').isMerged).toBe(true)
    expect(b?.getCell('A5').value).toBe('2026.08.03')
    expect(b?.getCell('D5').value).toBe('=1+1')
    expect(b?.getCell('D5').type).toBe(ExcelJS.ValueType.String)
    expect((b?.views[0] as ExcelJS.WorksheetViewFrozen).xSplit).toBe(1)
    expect((b?.views[0] as ExcelJS.WorksheetViewFrozen).ySplit).toBe(3)
    expect(b?.pageSetup.orientation).toBe('landscape')
  })

  it('refuses a table without columns', async () => {
    await expect(workbookToBytes([{ name: 'x', title: 'x', columns: [], rows: [] }])).rejects.toBeInstanceOf(
      AppError,
    )
  })

  it('names sheets as Excel allows, never twice the same', async () => {
    expect(safeSheetName('a/b\\c?d*e[f]g:h')).toBe('a_b_c_d_e_f_g_h')
    expect(safeSheetName('')).toBe('Sheet1')
    expect(safeSheetName('一'.repeat(40))).toHaveLength(31)
    const { sheets } = await workbookToBytes([
      { name: '问题行', title: 't', columns: [{ header: 'a' }], rows: [] },
      { name: '问题行', title: 't', columns: [{ header: 'a' }], rows: [] },
    ])
    expect(sheets.map((s) => s.name)).toEqual(['问题行', '问题行(2)'])
  })
})

describe('workbookToBytes through a private temporary file (issue 11: the file held once)', () => {
  /** Runs `fn` with os.tmpdir() pointing at `dir` (TMPDIR, read by each call). */
  async function withTemp<T>(dir: string, fn: () => Promise<T>): Promise<T> {
    const before = process.env.TMPDIR
    process.env.TMPDIR = dir
    try {
      return await fn()
    } finally {
      if (before === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = before
    }
  }
  const sheet = (rows: Iterable<TableItem>) => ({
    name: '名册',
    title: '名册',
    columns: [{ header: '姓名' }, { header: '年龄', kind: 'integer' as const }],
    rows,
  })
  const many = (n: number): TableItem[] => Array.from({ length: n }, (_, i) => [`干部${i}`, 20 + (i % 40)])

  it.each([
    { name: 'written in full', rows: () => many(3000), fails: false },
    { name: 'stopped by an error half-way', rows: function* (): Generator<TableItem> {
        yield* many(500)
        throw new Error('数据库读取失败')
      }, fails: true },
  ])('$name: nothing is left in the temporary folder', async ({ rows, fails }) => {
    const dir = mkdtempSync(join(tmpdir(), 'export-temp-'))
    const run = withTemp(dir, () => workbookToBytes([sheet(rows())]))
    if (fails) {
      await expect(run).rejects.toThrow('数据库读取失败')
    } else {
      const { bytes, sheets } = await run
      expect(sheets[0]?.rows).toBe(3000)
      // The bytes own their whole buffer (what the worker hands to the main thread without a copy).
      expect(bytes.byteOffset).toBe(0)
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength)
      const ws = (await load(bytes)).worksheets[0]!
      expect(ws.getCell('A3').value).toBe('干部0')
      expect(ws.getCell('B3002').value).toBe(20 + (2999 % 40))
    }
    expect(readdirSync(dir)).toEqual([])
  })

  it('stopped at any row (a cancel), nothing is written after and nothing is left', async () => {
    // The compressor may still hand over data after the writing stopped: it used to reach a
    // destroyed file stream and stop the worker with an uncaught error (ERR_STREAM_DESTROYED).
    const dir = mkdtempSync(join(tmpdir(), 'export-temp-'))
    const uncaught: unknown[] = []
    const onUncaught = (e: unknown) => uncaught.push(e)
    process.on('uncaughtException', onUncaught)
    try {
      for (let k = 0; k < 20; k++) {
        function* rows(): Generator<TableItem> {
          for (let i = 0; i < 5000; i++) {
            if (i === 100 + k * 200) throw new AppError('cancelled', '已取消')
            yield [`干部${i}`.repeat(5), i, 'x'.repeat(50)]
          }
        }
        const wide = { ...sheet(rows()), columns: [...sheet([]).columns, { header: '备注' }] }
        await expect(withTemp(dir, () => workbookToBytes([wide]))).rejects.toThrow('已取消')
      }
      await new Promise((resolve) => setTimeout(resolve, 300))
    } finally {
      process.off('uncaughtException', onUncaught)
    }
    expect(uncaught).toEqual([])
    expect(readdirSync(dir)).toEqual([])
  })

  it('where no temporary file can be made, the same workbook is made in memory', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'export-temp-')), 'not-a-folder')
    writeFileSync(file, '')
    const inMemory = await withTemp(file, () => workbookToBytes([sheet(many(50))]))
    const ws = (await load(inMemory.bytes)).worksheets[0]!
    expect(ws.getCell('A52').value).toBe('干部49')
    expect(inMemory.sheets[0]?.rows).toBe(50)
  })
})

describe('workbookToFile', () => {
  it('leaves no file under the name asked for when writing fails part-way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-table-'))
    const out = join(dir, '台账.xlsx')
    writeFileSync(out, 'the previous file')
    function* rows(): Generator<TableItem> {
      yield ['a']
      throw new Error('数据库读取失败')
    }
    await expect(
      workbookToFile(out, [{ name: 's', title: 't', columns: [{ header: 'a' }], rows: rows() }]),
    ).rejects.toThrow(/无法写入文件.*数据库读取失败/)
    expect(readdirSync(dir)).toEqual(['台账.xlsx'])
    expect(readFileSync(out, 'utf8')).toBe('the previous file')
  })
})

/**
 * The .xlsx reader on its own: namespace-prefixed sheets read like plain ones, phonetic guides and
 * rich text, inline strings, rows without numbers, and the limits that stop a zip bomb.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import JSZip from 'jszip'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../main/db/open'
import { importRoster } from '../../main/roster-import/engine'
import { openWorkbook } from '../../main/roster-import/open'
import { LIMITS, type SheetRow } from '../../main/roster-import/workbook'
import { createContext } from '../../main/services/context'
import { ID, twoLevelRoster } from '../fixtures/make-rosters'

import { CORPUS } from '../corpus'

async function allRows(bytes: Uint8Array, name: string): Promise<SheetRow[]> {
  const wb = openWorkbook(bytes, name)
  const s = await wb.loadSheet(wb.sheets[0]?.name ?? '')
  const rows: SheetRow[] = []
  await s.eachRow((r) => rows.push(r))
  return rows
}

/** The same workbook with every element of the worksheet written as <x:name> (as some tools do). */
async function prefixed(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes)
  const path = 'xl/worksheets/sheet1.xml'
  const xml = (await zip.file(path)?.async('string')) ?? ''
  const out = xml
    .replace(/<(\/?)([A-Za-z]\w*)(?=[\s>/])/g, (_m, slash: string, name: string) => `<${slash}x:${name}`)
    .replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
  zip.file(path, out)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

describe('the .xlsx reader', () => {
  const saved = { ...LIMITS }
  afterEach(() => {
    Object.assign(LIMITS, saved)
  })

  it('reads a namespace-prefixed worksheet exactly like the plain one, merges included', async () => {
    const plain = await twoLevelRoster()
    const pre = await prefixed(plain)
    expect((await JSZip.loadAsync(pre)).file('xl/worksheets/sheet1.xml')).toBeTruthy()
    const a = await allRows(plain, 'a.xlsx')
    const b = await allRows(pre, 'b.xlsx')
    expect(b).toEqual(a)
    const ctx = createContext({ db: openDatabase(':memory:'), dbPath: ':memory:', dataDir: '/tmp', host: 'test' })
    const r = await importRoster(ctx, { bytes: pre, fileName: 'b.xlsx' })
    expect(r.report.columns.map((c) => c.key)).toContain('schoolInService')
    expect(r.report.inserted).toBe(2)
    expect(ctx.db.prepare('SELECT edu_in_service FROM cadres WHERE id_card = ?').pluck().get(ID.zhang)).toBe('研究生')
  })

  it('leaves phonetic guides out of the text and joins rich-text runs', async () => {
    const rows = await allRows(readFileSync(join(CORPUS, 'phonetic_text.xlsx')), 'p.xlsx')
    expect(rows[0]?.cells[0]).toBe('漢字')
    const rich = await allRows(readFileSync(join(CORPUS, 'rich_text_stress.xlsx')), 'r.xlsx')
    expect(rich[0]?.cells[1]).toBe('this text is normal, sure enough')
  })

  it('reads inline strings and rows and cells without reference attributes', async () => {
    const inline = await allRows(readFileSync(join(CORPUS, 'InlineStrings.xlsx')), 'i.xlsx')
    expect(inline[0]?.cells.slice(0, 3)).toEqual(['Numbers', 'Strings', 'Inline Strings'])
    const noNums = await allRows(readFileSync(join(CORPUS, '59746_NoRowNums.xlsx')), 'n.xlsx')
    expect(noNums.length).toBe(71)
    expect(noNums.map((r) => r.r).slice(0, 3)).toEqual([1, 2, 3])
    expect(noNums[0]?.cells.slice(0, 3)).toEqual(['Checked', 'Ion', 'Charge'])
  })

  it('refuses a sheet larger than the limit with a clear message', async () => {
    LIMITS.sheetBytes = 1000
    const wb = openWorkbook(await twoLevelRoster(), 'x.xlsx')
    await expect(wb.loadSheet('花名册')).rejects.toThrow(/工作表解压后超过 0 MB，超出导入上限。请把花名册拆分成几个文件/)
  })

  it('refuses more people rows than one import takes, saying where', async () => {
    LIMITS.rows = 1
    const ctx = createContext({ db: openDatabase(':memory:'), dbPath: ':memory:', dataDir: '/tmp', host: 'test' })
    await expect(importRoster(ctx, { bytes: await twoLevelRoster(), fileName: 'x.xlsx' })).rejects.toThrow(
      /工作表“花名册”超过 1 行（第 5 行处），超出一次导入的上限/,
    )
    expect(ctx.db.prepare('SELECT count(*) FROM cadres').pluck().get()).toBe(0)
  })

  it('stops a part that inflates to more than its directory entry says (zip bomb)', async () => {
    const plain = await twoLevelRoster()
    const zip = await JSZip.loadAsync(plain)
    const big = '<worksheet><sheetData>' + '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'.repeat(20_000) + '</sheetData></worksheet>'
    zip.file('xl/worksheets/sheet1.xml', big)
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    // Forge the sizes in the central directory: the part claims 100 bytes.
    const buf = Buffer.from(bytes)
    const name = Buffer.from('xl/worksheets/sheet1.xml')
    let p = buf.lastIndexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]))
    while (p >= 0) {
      if (buf.subarray(p + 46, p + 46 + name.length).equals(name)) break
      p = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p - 1)
    }
    expect(p).toBeGreaterThan(0)
    buf.writeUInt32LE(100, p + 24)
    const wb = openWorkbook(buf, 'bomb.xlsx')
    await expect(wb.loadSheet('花名册')).rejects.toThrow(/文件已损坏/)
    expect(deflateRawSync(Buffer.from(big)).length).toBeLessThan(big.length)
  })
})

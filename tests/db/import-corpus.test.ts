/**
 * Every file of shared/corpus/general (real-world and hostile spreadsheets from SheetJS, exceljs
 * and Apache POI test suites): it either imports (its visible sheets offered) or is refused with
 * a clear Chinese message, within 10 seconds, and the database is unchanged afterwards.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../main/db/open'
import { AppError } from '../../main/domain/errors'
import { importRoster } from '../../main/roster-import/engine'
import { openWorkbook } from '../../main/roster-import/open'
import { createContext } from '../../main/services/context'
import { perRowRoster } from '../fixtures/make-rosters'

import { CORPUS } from '../corpus'
const FILES = readdirSync(CORPUS).filter((f) => f !== 'licenses' && !f.startsWith('.'))

/** Files that must be refused, and the words of the message. */
const REFUSED: Record<string, RegExp> = {
  'SOURCES.tsv': /不是 Excel 文件/,
  'poc-xmlbomb.xlsx': /XML 实体声明/,
  'invalid-xml.xlsx': /不是有效的 XML/,
  'xlsx-corrupted.xlsx': /文件已损坏/,
  'missing-bits.xlsx': /缺少工作簿部件/,
  'clusterfuzz-testcase-minimized-POIXSSFFuzzer-5089447305609216.xlsx': /文件已损坏/,
  'clusterfuzz-testcase-minimized-POIXSSFFuzzer-5265527465181184.xlsx': /文件已损坏/,
}

function snapshot(db: ReturnType<typeof openDatabase>): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
  return tables.map((t) => `${t}:${String(db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get())}`).join(',')
}

describe('the general corpus', () => {
  const db = openDatabase(':memory:')
  const ctx = createContext({ db, dbPath: ':memory:', dataDir: '/tmp', host: 'test', actor: 'test' })

  it('starts from a database with people in it', async () => {
    const r = await importRoster(ctx, { bytes: await perRowRoster(), fileName: 'seed.xlsx' })
    expect(r.report.inserted).toBe(3)
  })

  it.each(FILES)('%s: imported or refused clearly, quickly, nothing written', async (file) => {
    const before = snapshot(db)
    const bytes = readFileSync(join(CORPUS, file))
    const t = performance.now()
    let refused: AppError | null = null
    try {
      const wb = openWorkbook(bytes, file)
      // What the page offers: the visible sheets only.
      expect(wb.sheets.filter((s) => s.state === 'visible').length).toBeGreaterThanOrEqual(0)
      await importRoster(ctx, { bytes, fileName: file })
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      refused = e
    }
    const ms = performance.now() - t
    expect(ms).toBeLessThan(10_000)
    const expected = REFUSED[file]
    if (expected) {
      expect(refused?.message).toMatch(expected)
    }
    if (refused) {
      // A clear message: Chinese, names the problem, no stack trace or internal words.
      expect(refused.message).toMatch(/[\u4e00-\u9fa5]/)
      expect(refused.message).not.toMatch(/at \w+ \(|undefined|TypeError/)
      expect(refused.messageEn).toBeTruthy()
    }
    // None of these files is a cadre roster: nothing may land.
    expect(snapshot(db)).toBe(before)
  })

  it('offers only the visible sheets', () => {
    const wb = openWorkbook(readFileSync(join(CORPUS, 'sheet_visibility.xlsx')), 'v.xlsx')
    expect(wb.sheets.map((s) => `${s.name}:${s.state}`)).toEqual(['Visible:visible', 'Hidden:hidden', 'VeryHidden:veryHidden'])
    const strict = openWorkbook(readFileSync(join(CORPUS, 'sheet_visibility_strict.xlsx')), 's.xlsx')
    expect(strict.sheets.map((s) => s.state)).toEqual(['visible', 'hidden', 'veryHidden'])
  })

  it('reads the 1904 date system from the workbook, and .xls files', async () => {
    const a = openWorkbook(readFileSync(join(CORPUS, '1900.xlsx')), 'a.xlsx')
    const b = openWorkbook(readFileSync(join(CORPUS, '1904.xlsx')), 'b.xlsx')
    expect([a.date1904, b.date1904]).toEqual([false, true])
    // Column B holds serials formatted as dates; column C is Excel's own TEXT(B, "YYYY-MM-DD").
    for (const wb of [a, b]) {
      const s = await wb.loadSheet(wb.sheets[0]?.name ?? '')
      expect(s.head.length).toBe(5)
      for (const r of s.head) {
        const d = r.cells[1]
        expect(d).toBeInstanceOf(Date)
        expect((d as Date).toISOString().slice(0, 10)).toBe(r.cells[2])
      }
    }
    const xls = openWorkbook(readFileSync(join(CORPUS, '1904DateWindowing.xls')), 'c.xls')
    expect(xls.date1904).toBe(true)
    const cn = openWorkbook(readFileSync(join(CORPUS, 'chinese-provinces.xls')), 'd.xls')
    const s = await cn.loadSheet('provinces')
    expect(s.head[1]?.cells).toEqual(['Anhui', '安徽省'])
  })

  it('reads tens of thousands of merges in well under the 10 s limit', async () => {
    const t = performance.now()
    const wb = openWorkbook(readFileSync(join(CORPUS, '57893-many-merges.xlsx')), 'm.xlsx')
    const s = await wb.loadSheet(wb.sheets[0]?.name ?? '')
    expect(s.merges.length).toBeGreaterThan(10_000)
    expect(performance.now() - t).toBeLessThan(5_000)
  })
})

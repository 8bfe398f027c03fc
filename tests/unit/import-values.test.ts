/**
 * Table-driven: every month form and ID number form a roster cell can hold, as the importer
 * reads it (raw cell value → stored value, warning or error).
 */
import { describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import { detectHeader, keyForHeader, normalizeHeader } from '../../main/roster-import/headers'
import { parseRoster } from '../../main/roster-import/parse'
import { normalizeField } from '../../main/roster-import/values'
import type { CellValue, LoadedSheet, SheetRow } from '../../main/roster-import/workbook'

const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d))

describe('months in roster cells', () => {
  const cases: [string, CellValue, boolean, string | null, 'ok' | 'warning' | 'error'][] = [
    ['dots', '1975.03', false, '1975-03', 'ok'],
    ['dots, one digit', '1975.3', false, '1975-03', 'ok'],
    ['six digits', '197503', false, '1975-03', 'ok'],
    ['eight digits', '19750301', false, '1975-03', 'ok'],
    ['dash', '1975-03', false, '1975-03', 'ok'],
    ['dash day', '1975-03-01', false, '1975-03', 'ok'],
    ['slash', '1975/3', false, '1975-03', 'ok'],
    ['Chinese', '1975年3月', false, '1975-03', 'ok'],
    ['Chinese with day', '1975年3月8日', false, '1975-03', 'ok'],
    ['full-width digits', '１９７５．０３', false, '1975-03', 'ok'],
    ['padded', '  1975.03 ', false, '1975-03', 'ok'],
    ['year alone', '1975', false, '1975-01', 'warning'],
    ['number 1975.03', 1975.03, false, '1975-03', 'ok'],
    ['number 1975.1 (may be October)', 1975.1, false, '1975-01', 'warning'],
    ['number 1975.12', 1975.12, false, '1975-12', 'ok'],
    ['number 197503', 197503, false, '1975-03', 'ok'],
    ['Excel date cell', utc(1975, 3, 15), false, '1975-03', 'ok'],
    ['serial, 1900 system', 27468, false, '1975-03', 'ok'],
    ['serial, 1904 system', 26006, true, '1975-03', 'ok'],
    ['empty', '', false, null, 'ok'],
    ['month 13', '1975.13', false, null, 'error'],
    ['text', '不详', false, null, 'error'],
    ['impossible day', '19750230', false, null, 'error'],
  ]
  it.each(cases)('%s: %j', (_name, raw, date1904, value, kind) => {
    const r = normalizeField('birthDate', raw, date1904)
    if (kind === 'error') {
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.message).toMatch(/^出生年月：/)
      return
    }
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value).toBe(value)
    if (kind === 'warning') expect(r.warning).toMatch(/请核对/)
    else expect(r.warning).toBeUndefined()
  })

  it('says that 1975.1 may mean October', () => {
    const r = normalizeField('workStartDate', 1975.1, false)
    expect(r.ok && r.warning).toContain('1975.10')
  })
})

describe('other values', () => {
  const cases: [Parameters<typeof normalizeField>[0], CellValue, string | null][] = [
    ['name', ' 张  三 ', '张三'],
    ['name', '欧阳\u3000娜娜', '欧阳娜娜'],
    ['ethnicity', '汉', '汉族'],
    ['ethnicity', '维吾尔', '维吾尔族'],
    ['ethnicity', '回族', '回族'],
    ['gender', '男性', '男'],
    ['politicalStatus', '党员', '中共党员'],
    ['eduFullTime', '本科', '大学'],
    ['degreeFullTime', '学士学位', '学士'],
    ['phone', 13800138000, '13800138000'],
    ['phone', '１３８ ００１３ ８０００', '13800138000'],
    ['position', '局长（兼）', '局长(兼)'],
  ]
  it.each(cases)('%s %j → %j', (key, raw, value) => {
    const r = normalizeField(key, raw, false)
    expect(r).toEqual({ ok: true, value })
  })
  it('refuses an unknown gender and status with the allowed values', () => {
    const g = normalizeField('gender', '未知', false)
    expect(g.ok ? '' : g.message).toBe('性别“未知”无法识别，应为 男 或 女')
    const s = normalizeField('status', '离职', false)
    expect(s.ok ? '' : s.message).toContain('在职、调出、退休、去世')
  })
})

/** One-sheet roster from rows of values (row 1 is the header). */
function sheetOf(rows: CellValue[][]): LoadedSheet {
  const srows: SheetRow[] = rows.map((cells, i) => ({ r: i + 1, cells }))
  return {
    name: 'S',
    head: srows,
    merges: [],
    pictures: [],
    eachRow: async (fn) => srows.forEach((r) => fn(r)),
  }
}

describe('ID numbers in roster cells', () => {
  const good = makeIdCard('620102', '1975-03-15', 13) // 男, 1975-03
  const goodX = (() => {
    for (let s = 0; s < 1000; s++) {
      const id = makeIdCard('620102', '1980-06-01', s)
      if (id.endsWith('X')) return id
    }
    throw new Error('no X')
  })()
  const cases: [string, CellValue, string | null, RegExp | null][] = [
    ['valid', good, good, null],
    ['spaces and a leading apostrophe', ` '${good.slice(0, 6)} ${good.slice(6)} `, good, null],
    ['lowercase x', goodX.toLowerCase(), goodX, null],
    ['full-width digits', good.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)), good, null],
    ['stored by Excel as a number', Number(good.slice(0, 15)) * 1000, null, /^身份证号被 Excel 存成了数字，末尾数字已丢失/],
    ['Excel number as text', '6.20102197503E+17', null, /^身份证号被 Excel 存成了数字/],
    ['wrong check digit', good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), null, /^身份证号校验位错误：最后一位应为/],
    ['17 digits', good.slice(0, 17), null, /^身份证号应为 18 位，实际为 17 位/],
    ['impossible birth date', makeIdCard('620102', '1975-02-30', 13), null, /出生日期 19750230 不是有效日期/],
    ['empty', null, null, /^身份证号为空/],
  ]
  it.each(cases)('%s', async (_name, raw, stored, error) => {
    const sheet = sheetOf([
      ['姓名', '身份证号'],
      ['张三', raw],
    ])
    const h = detectHeader(sheet)
    if (!h) throw new Error('no header')
    const p = await parseRoster(sheet, h, { date1904: false })
    const row = p.rows[0]
    if (!row) throw new Error('no row')
    if (error) {
      expect(row.rejected).toBe(true)
      expect(row.issues[0]).toMatchObject({ row: 2, column: 'B', key: 'idCard', level: 'error' })
      expect(row.issues[0]?.message).toMatch(error)
    } else {
      expect(row.rejected).toBe(false)
      expect(row.values.idCard).toBe(stored)
    }
  })

  it('rejects an ID that contradicts the gender and the birth month beside it, at their columns', async () => {
    const sheet = sheetOf([
      ['姓名', '性别', '出生年月', '身份证号'],
      ['张三', '女', '1975.04', good],
    ])
    const h = detectHeader(sheet)
    if (!h) throw new Error('no header')
    const p = await parseRoster(sheet, h, { date1904: false })
    const issues = p.rows[0]?.issues ?? []
    expect(issues.map((i) => [i.column, i.key, i.level])).toEqual([
      ['B', 'gender', 'error'],
      ['C', 'birthDate', 'error'],
    ])
    expect(issues[0]?.message).toBe('性别“女”与身份证号不符（身份证号第17位表示男）')
    expect(issues[1]?.message).toBe('出生年月 1975.04 与身份证号中的 1975.03 不符')
  })

  it('takes gender and birth month from the ID when the roster has none', async () => {
    const sheet = sheetOf([
      ['姓名', '身份证号'],
      ['张三', good],
    ])
    const h = detectHeader(sheet)
    if (!h) throw new Error('no header')
    const p = await parseRoster(sheet, h, { date1904: false })
    expect(p.rows[0]?.values).toMatchObject({ gender: '男', birthDate: '1975-03' })
  })

  it('rejects the second row of the same person', async () => {
    const sheet = sheetOf([
      ['姓名', '身份证号'],
      ['张三', good],
      ['张三', good],
    ])
    const h = detectHeader(sheet)
    if (!h) throw new Error('no header')
    const p = await parseRoster(sheet, h, { date1904: false })
    expect(p.rows[0]?.rejected).toBe(false)
    expect(p.rows[1]?.issues[0]?.message).toBe('与第 2 行的身份证号相同：同一个人在表中出现了两次')
  })
})

describe('header names', () => {
  const cases: [string, string | null][] = [
    ['姓名', 'name'],
    ['名字', 'name'],
    ['出生\n年月', 'birthDate'],
    ['出生日期', 'birthDate'],
    ['出生年月（岁）', 'birthDate'],
    ['公民身份号码', 'idCard'],
    ['身份证号码', 'idCard'],
    ['参加工作\r\n时间', 'workStartDate'],
    ['工作时间', 'workStartDate'],
    ['工作单位及职务', 'position'],
    ['党派加入时间', 'partyJoinDate'],
    ['A0101', 'name'],
    ['A0184', 'idCard'],
    ['A0104', 'gender'],
    ['A0107', 'birthDate'],
    ['A0117', 'ethnicity'],
    ['A0111A', 'nativePlace'],
    ['A0114A', 'birthPlace'],
    ['A0144', 'partyJoinDate'],
    ['A0192a', 'position'],
    ['A0192a 工作单位及职务', 'position'],
    ['A1701', 'resume'],
    ['序号', null],
    ['备注', null],
  ]
  it.each(cases)('%j → %s', (header, key) => {
    expect(keyForHeader(header)).toBe(key)
  })
  it('normalises line breaks, full-width and brackets', () => {
    expect(normalizeHeader('出生\n年月（岁）')).toBe('出生年月岁')
  })
})

import { describe, expect, it } from 'vitest'
import {
  addMonths,
  dateDots,
  dateTimeDots,
  ageAt,
  excelSerialToDate,
  monthDots,
  monthsBetween,
  parseDay,
  parseMonth,
} from '../../main/domain/dates'

describe('parseMonth: every form of DOMAIN.md "Dates in the wild"', () => {
  it.each<[string, unknown, string | null]>([
    ['dots', '1975.03', '1975-03'],
    ['dots, one digit', '1975.3', '1975-03'],
    ['dots, October as text', '1975.10', '1975-10'],
    ['six digits', '197503', '1975-03'],
    ['eight digits', '19750301', '1975-03'],
    ['ISO month', '1975-03', '1975-03'],
    ['ISO day', '1975-03-01', '1975-03'],
    ['slash', '1975/3', '1975-03'],
    ['slash with day', '1975/3/15', '1975-03'],
    ['Chinese', '1975年3月', '1975-03'],
    ['Chinese with day', '1975年3月5日', '1975-03'],
    ['full-width digits', '１９７５．０３', '1975-03'],
    ['padded', ' 1975.03 ', '1975-03'],
    ['ISO timestamp', '1975-03-01T00:00:00.000Z', '1975-03'],
    ['number 1975.03', 1975.03, '1975-03'],
    ['number 1975.3', 1975.3, '1975-03'],
    ['number 1975.12', 1975.12, '1975-12'],
    ['number 197503', 197503, '1975-03'],
    ['number 19750301', 19750301, '1975-03'],
    ['Excel serial (1900 system)', 27454, '1975-03'],
    ['Excel serial with a time of day', 27454.75, '1975-03'],
    ['Excel serial 2000-01-01', 36526, '2000-01'],
    ['a Date cell (UTC midnight)', new Date(Date.UTC(1975, 2, 1)), '1975-03'],
    ['a Date a moment before midnight', new Date(Date.UTC(1975, 2, 31, 23, 59, 59, 999)), '1975-04'],
    ['empty', '', null],
    ['null', null, null],
    ['undefined', undefined, null],
  ])('%s', (_what, raw, expected) => {
    const r = parseMonth(raw)
    expect(r).toMatchObject({ ok: true, value: expected })
    expect('warning' in r && r.warning).toBeFalsy()
  })

  it('reads a serial of the 1904 date system when told', () => {
    expect(parseMonth(25992, { date1904: true })).toMatchObject({ ok: true, value: '1975-03' })
    expect(parseMonth(25992)).toMatchObject({ ok: true, value: '1971-02' })
  })

  it.each<[string, unknown, string, RegExp]>([
    ['the number 1975.1 (maybe 1975.10)', 1975.1, '1975-01', /可能是 1975\.01，也可能是.*1975\.10/],
    ['a year alone (text)', '1975', '1975-01', /只有年份 1975/],
    ['a year alone (Chinese)', '1975年', '1975-01', /只有年份/],
    ['a year alone (number)', 1975, '1975-01', /只有年份/],
  ])('flags %s with a warning the clerk must confirm', (_what, raw, value, warning) => {
    const r = parseMonth(raw)
    expect(r).toMatchObject({ ok: true, value })
    expect('warning' in r ? r.warning : '').toMatch(warning)
  })

  it.each<[string, unknown]>([
    ['month 13', '1975.13'],
    ['month 0', '1975-00'],
    ['February 30th', '1975-02-30'],
    ['eight digits, bad day', '19750230'],
    ['a year out of range', '1875.03'],
    ['words', '不详'],
    ['a number that is no month', 1975.55],
    ['a negative number', -3],
    ['an invalid Date', new Date('x')],
  ])('refuses %s with a Chinese message', (_what, raw) => {
    const r = parseMonth(raw)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(/[年月日期]/)
  })
})

describe('excelSerialToDate', () => {
  it.each<[number, boolean, string]>([
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [61, false, '1900-03-01'],
    [27454, false, '1975-03-01'],
    [0, true, '1904-01-01'],
    [25992, true, '1975-03-01'],
  ])('%d (1904: %s) → %s', (serial, d1904, day) => {
    expect(excelSerialToDate(serial, d1904).toISOString().slice(0, 10)).toBe(day)
  })
})

describe('parseDay', () => {
  it.each<[unknown, string | null]>([
    ['2026-08-03', '2026-08-03'],
    ['2026.8.3', '2026-08-03'],
    ['20260803', '2026-08-03'],
    ['2026年8月3日', '2026-08-03'],
    [20260803, '2026-08-03'],
    [46237, '2026-08-03'],
    [new Date(Date.UTC(2026, 7, 3)), '2026-08-03'],
    ['', null],
  ])('%s → %s', (raw, day) => expect(parseDay(raw)).toEqual({ ok: true, value: day }))
  it('refuses a day that does not exist', () => {
    expect(parseDay('2026-02-30').ok).toBe(false)
    expect(parseDay('八月三日').ok).toBe(false)
  })
})

describe('ages and month arithmetic', () => {
  it.each<[string | null, string, number | null]>([
    ['1975-03', '2026-03-01', 51],
    ['1975-03', '2026-02-28', 50],
    ['1975-12', '2026-11-23', 50],
    ['1975-11', '2026-11-23', 51],
    [null, '2026-11-23', null],
    ['1975', '2026-11-23', null],
  ])('ageAt(%s, %s) = %s', (birth, at, age) => expect(ageAt(birth, at)).toBe(age))

  it('counts months and adds them, clamping to the month end', () => {
    expect(monthsBetween('2024-08', '2026-02-10')).toBe(18)
    expect(monthsBetween('2026-03', '2026-01')).toBe(-2)
    expect(addMonths('2026-08-03', 6)).toBe('2027-02-03')
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2026-03-15', -18)).toBe('2024-09-15')
    expect(monthDots('1975-03')).toBe('1975.03')
    expect(monthDots(null)).toBe('')
  })
})

describe('display: one way everywhere (2026.11.30, 1975.03)', () => {
  it.each([
    ['2026-11-30', '2026.11.30'],
    ['1975-03', '1975.03'],
    ['', ''],
    [null, ''],
    ['待核实', '待核实'],
  ])('dateDots(%j) = %j', (v, want) => {
    expect(dateDots(v)).toBe(want)
  })

  it('dateTimeDots shows local time with dots', () => {
    const d = new Date(2026, 10, 30, 16, 9, 5)
    expect(dateTimeDots(d.toISOString())).toBe('2026.11.30 16:09')
    expect(dateTimeDots(d.toISOString(), { seconds: true })).toBe('2026.11.30 16:09:05')
    expect(dateTimeDots('not a date')).toBe('not a date')
  })
})

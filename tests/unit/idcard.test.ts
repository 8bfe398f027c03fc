import { describe, expect, it } from 'vitest'
import {
  cleanIdCard,
  idCardCheckChar,
  idCardContradictions,
  makeIdCard,
  validateIdCard,
} from '../../main/domain/idcard'

// 11010519491231002X is the example of GB 11643-1999 itself.
const STANDARD = '11010519491231002X'
const MALE = makeIdCard('410821', '19750301', 11) // 17th digit 1: 男
const FEMALE = makeIdCard('410821', '19820715', 22) // 17th digit 2: 女

describe('validateIdCard', () => {
  it.each([
    ['the standard example', STANDARD, '1949-12', '女'],
    ['a lowercase x', STANDARD.toLowerCase(), '1949-12', '女'],
    ['a leading apostrophe and spaces', `'${MALE.slice(0, 6)} ${MALE.slice(6)} `, '1975-03', '男'],
    [
      'full-width digits',
      MALE.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
      '1975-03',
      '男',
    ],
    ['an even sequence', FEMALE, '1982-07', '女'],
  ])('accepts %s', (_what, raw, month, gender) => {
    const r = validateIdCard(raw)
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.idCard).toMatch(/^\d{17}[\dX]$/)
      expect(r.value.birthMonth).toBe(month)
      expect(r.value.gender).toBe(gender)
    }
  })

  it.each([
    ['empty', '', 'empty', '身份证号为空'],
    ['blank', '   ', 'empty', '身份证号为空'],
    [
      'a wrong check digit',
      STANDARD.slice(0, 17) + '1',
      'check-digit',
      '身份证号校验位错误：最后一位应为 X，实际为 1',
    ],
    [
      'Excel scientific notation (text)',
      '4.1082119750301E+17',
      'excel-number',
      '身份证号被 Excel 存成了数字',
    ],
    ['Excel scientific notation (lowercase e)', '4.1082119750301e+17', 'excel-number', '末尾数字已丢失'],
    ['an Excel number cell', 410821197503010000, 'excel-number', '末尾数字已丢失'],
    ['17 characters', STANDARD.slice(0, 17), 'length', '身份证号应为 18 位，实际为 17 位'],
    ['a 15-digit first-generation number', '410821750301001', 'length', '15 位的第一代身份证号'],
    ['a 15-digit number in a number cell', 410821750301001, 'length', '15 位的第一代身份证号'],
    ['16 digits in a number cell', 4108211975030100, 'excel-number', '末尾数字已丢失'],
    ['a letter inside', '4108211975030A0011', 'chars', '只能由数字组成'],
    ['February 30th', makeIdCard('410821', '19750230', 11), 'birth-date', '19750230 不是有效日期'],
    ['month 13', makeIdCard('410821', '19751301', 11), 'birth-date', '不是有效日期'],
    ['born before 1900', makeIdCard('410821', '18991231', 11), 'birth-date', '不是有效日期'],
    ['born in the future', makeIdCard('410821', '20991231', 11), 'birth-date', '晚于今天'],
  ])('refuses %s', (_what, raw, problem, message) => {
    const r = validateIdCard(raw)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.problem).toBe(problem)
      expect(r.message).toContain(message)
    }
  })
})

describe('check character (ISO 7064 MOD 11-2)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['41082119750301001', idCardCheckChar('41082119750301001')],
  ])('%s → %s', (first17, check) => {
    expect(idCardCheckChar(first17)).toBe(check)
  })
  it('every remainder maps to its character', () => {
    // Vary one digit: all eleven check characters appear and each makes a valid number.
    const seen = new Set<string>()
    for (let s = 0; s < 200; s++) {
      const id = makeIdCard('410821', '19750301', s)
      seen.add(id.slice(17))
      expect(validateIdCard(id).ok).toBe(true)
    }
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'])
  })
})

describe('idCardContradictions', () => {
  const info = (id: string) => {
    const r = validateIdCard(id)
    if (!r.ok) throw new Error(r.message)
    return r.value
  }
  it.each([
    ['agreeing', MALE, '男', '1975-03', []],
    ['nothing given', MALE, null, null, []],
    ['the wrong gender', MALE, '女', '1975-03', ['gender']],
    ['the wrong birth month', FEMALE, '女', '1982-08', ['birthDate']],
    ['both wrong', FEMALE, '男', '1983-07', ['gender', 'birthDate']],
  ])('%s', (_what, id, gender, month, keys) => {
    const out = idCardContradictions(info(id), gender, month)
    expect(out.map((c) => c.key)).toEqual(keys)
  })
  it('says what disagrees, in Chinese', () => {
    const [g, b] = idCardContradictions(info(FEMALE), '男', '1983-07')
    expect(g?.message).toBe('性别“男”与身份证号不符（身份证号第17位表示女）')
    expect(b?.message).toBe('出生年月 1983.07 与身份证号中的 1982.07 不符')
  })
})

describe('cleanIdCard', () => {
  it.each([
    ["'410821197503010011", '410821197503010011'],
    ['４１０８２１１９７５０３０１００１ｘ', '41082119750301001X'],
    ['410821 1975 0301 001x', '41082119750301001X'],
  ])('%s → %s', (raw, clean) => expect(cleanIdCard(raw)).toBe(clean))
})

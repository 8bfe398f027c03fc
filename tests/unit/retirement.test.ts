import { describe, expect, it } from 'vitest'
import {
  ageLimitMonth,
  baseAgeLrmxText,
  cadreRetirement,
  defaultRetireBaseAge,
  parseBaseAge,
  retirementAge,
  retirementMonth,
  type RetireBaseAge,
} from '../../main/domain/retirement'

// 全国人大常委会关于实施渐进式延迟法定退休年龄的决定 (2025-01-01), 附件《国务院关于渐进式延迟职工法定
// 退休年龄的办法》第二条 and its tables 附件 1 (男 60), 附件 2 (女 50), 附件 3 (女 55).
describe('retirementMonth: the 2025 reform at its boundaries', () => {
  it.each<[string, string, RetireBaseAge, string, string]>([
    // [case, birth, old age, 到龄年月, age]
    ['附件1: man born 1964-12, reached 60 before 2025: no delay', '1964-12', 60, '2024-12', '60岁0个月'],
    ['附件1: man born 1965-01, first delayed month (DOMAIN example)', '1965-01', 60, '2025-02', '60岁1个月'],
    ['附件1: man born 1965-04, last of the first 4-month group', '1965-04', 60, '2025-05', '60岁1个月'],
    ['附件1: man born 1965-05, second group', '1965-05', 60, '2025-07', '60岁2个月'],
    ['附件1: man born 1970-01', '1970-01', 60, '2031-05', '61岁4个月'],
    ['附件1: man born 1970-06 (DOMAIN example)', '1970-06', 60, '2031-11', '61岁5个月'],
    ['附件1: man born 1975-01', '1975-01', 60, '2037-08', '62岁7个月'],
    ['附件1: man born 1976-08, one month short of the cap', '1976-08', 60, '2039-07', '62岁11个月'],
    ['附件1: man born 1976-09, cap 63 (DOMAIN example)', '1976-09', 60, '2039-09', '63岁0个月'],
    ['附件1: man born 1980-01, capped at 63', '1980-01', 60, '2043-01', '63岁0个月'],
    ['附件3: woman(55) born 1969-12: no delay', '1969-12', 55, '2024-12', '55岁0个月'],
    ['附件3: woman(55) born 1970-01, first delayed month', '1970-01', 55, '2025-02', '55岁1个月'],
    ['附件3: woman(55) born 1972-02 (DOMAIN example)', '1972-02', 55, '2027-09', '55岁7个月'],
    ['附件3: woman(55) born 1975-01', '1975-01', 55, '2031-05', '56岁4个月'],
    ['附件3: woman(55) born 1981-08, one month short of the cap', '1981-08', 55, '2039-07', '57岁11个月'],
    ['附件3: woman(55) born 1981-09, cap 58', '1981-09', 55, '2039-09', '58岁0个月'],
    ['附件2: woman(50) born 1974-12: no delay', '1974-12', 50, '2024-12', '50岁0个月'],
    ['附件2: woman(50) born 1975-01, first delayed month', '1975-01', 50, '2025-02', '50岁1个月'],
    ['附件2: woman(50) born 1975-02, same 2-month group', '1975-02', 50, '2025-03', '50岁1个月'],
    ['附件2: woman(50) born 1975-03, second group', '1975-03', 50, '2025-05', '50岁2个月'],
    ['附件2: woman(50) born 1976-03 (DOMAIN example)', '1976-03', 50, '2026-11', '50岁8个月'],
    ['附件2: woman(50) born 1984-10, one month short of the cap', '1984-10', 50, '2039-09', '54岁11个月'],
    ['附件2: woman(50) born 1984-11, cap 55', '1984-11', 50, '2039-11', '55岁0个月'],
    ['附件2: woman(50) born 1990-01, capped at 55', '1990-01', 50, '2045-01', '55岁0个月'],
    ['born 1950, long retired', '1950-07', 60, '2010-07', '60岁0个月'],
  ])('%s', (_case, birth, base, month, age) => {
    expect(retirementMonth(birth, base)).toBe(month)
    const a = retirementAge(birth, base)!
    expect(`${a.years}岁${a.months}个月`).toBe(age)
  })

  it.each<[string, string | null]>([
    ['missing birth month', null],
    ['empty', ''],
    ['year only', '1970'],
    ['dots, not the storage form', '1970.06'],
    ['month 13', '1970-13'],
  ])('%s → null (待补充, never guessed)', (_case, birth) => {
    expect(retirementMonth(birth, 60)).toBeNull()
  })
})

describe('cadreRetirement: 原法定退休年龄 by gender, settable', () => {
  it.each<
    [
      string,
      { gender?: string | null; birthDate?: string | null; retireBaseAge?: number | null },
      number | null,
      string | null,
      string[],
    ]
  >([
    ['man, default 60', { gender: '男', birthDate: '1970-06' }, 60, '2031-11', []],
    ['woman, default 55 (county cadres)', { gender: '女', birthDate: '1972-02' }, 55, '2027-09', []],
    ['woman set to 50', { gender: '女', birthDate: '1976-03', retireBaseAge: 50 }, 50, '2026-11', []],
    [
      'invalid set value falls back to gender',
      { gender: '男', birthDate: '1965-01', retireBaseAge: 58 },
      60,
      '2025-02',
      [],
    ],
    ['no birth month', { gender: '男', birthDate: null }, 60, null, ['出生年月']],
    ['no gender, no set age', { gender: null, birthDate: '1970-06' }, null, null, ['性别']],
    ['no gender but set 60', { gender: null, birthDate: '1970-06', retireBaseAge: 60 }, 60, '2031-11', []],
    ['nothing', {}, null, null, ['出生年月', '性别']],
  ])('%s', (_case, input, base, month, missing) => {
    const r = cadreRetirement(input)
    expect(r.baseAge).toBe(base)
    expect(r.retireDate).toBe(month)
    expect(r.missing).toEqual(missing)
  })

  it('defaultRetireBaseAge', () => {
    expect(defaultRetireBaseAge('男')).toBe(60)
    expect(defaultRetireBaseAge('女')).toBe(55)
    expect(defaultRetireBaseAge('')).toBeNull()
  })

  it.each<[unknown, number | null]>([
    ['改革前任职年龄界限为55岁', 55],
    ['改革前任职年龄界限为60岁', 60],
    ['50', 50],
    [50, 50],
    ['58', null],
    ['', null],
  ])('parseBaseAge(%j) = %j', (raw, v) => {
    expect(parseBaseAge(raw)).toBe(v)
  })

  it('LRMX text and local age limits', () => {
    expect(baseAgeLrmxText(55)).toBe('改革前任职年龄界限为55岁')
    expect(ageLimitMonth('1970-06', 55)).toBe('2025-06')
    expect(ageLimitMonth(null, 55)).toBeNull()
  })
})

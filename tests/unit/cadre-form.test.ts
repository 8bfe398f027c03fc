/** The detail editor's checks as the clerk types, and what it sends to cadres.save. */
import { describe, expect, it } from 'vitest'
import {
  emptyDraft,
  fillFromIdCard,
  tidyMonth,
  toInput,
  validateForm,
  type FormState,
} from '../../renderer/src/pages/cadre/form'
import { makeIdCard } from '../../main/domain/idcard'
import {
  toQueryFilters,
  toQuerySort,
  buildColumnDefs,
  DEFAULT_COLUMNS,
} from '../../renderer/src/pages/roster/columns'

const ID_MALE = makeIdCard('620529', '1975-03-14', 123) // 17th digit 3: 男
const fresh = { touched: new Set<string>(), submitted: false }
const submitted = { touched: new Set<string>(), submitted: true }

function form(patch: Partial<ReturnType<typeof emptyDraft>> = {}, rest: Partial<FormState> = {}): FormState {
  return {
    fields: { ...emptyDraft(), name: '张三', gender: '男', birthDate: '1975.03', idCard: ID_MALE, ...patch },
    resume: [],
    family: [],
    ...rest,
  }
}

describe('validateForm', () => {
  const wrongCheck = ID_MALE.slice(0, 17) + (ID_MALE.endsWith('0') ? '1' : '0')
  it.each([
    ['a valid person', {}, fresh, {}],
    ['wrong check digit, at once', { idCard: wrongCheck }, fresh, { idCard: /校验位错误/ }],
    ['ID of a man, gender 女', { gender: '女' }, fresh, { gender: /与身份证号不符/ }],
    ['ID born 1975.03, birth month 1976.03', { birthDate: '1976.03' }, fresh, { birthDate: /不符/ }],
    ['month 13, at once', { workStartDate: '1998.13' }, fresh, { workStartDate: /月份 13/ }],
    ['not a month at all', { partyJoinDate: '去年' }, fresh, { partyJoinDate: /不是可识别的年月/ }],
    ['a half-typed ID waits while typing', { idCard: '6205' }, fresh, {}],
    ['a short ID once saving', { idCard: '6205' }, submitted, { idCard: /应为 18 位/ }],
    [
      'a year alone is not enough once saving',
      { workStartDate: '1998' },
      submitted,
      { workStartDate: /完整的年月/ },
    ],
    ['no name once saving', { name: '' }, submitted, { name: /姓名不能为空/ }],
    ['lowercase x is fine', { idCard: ID_MALE.toLowerCase() }, fresh, {}],
  ] as const)('%s', (_label, patch, judged, expected) => {
    const errors = validateForm(form(patch), judged)
    expect(Object.keys(errors).sort()).toEqual(Object.keys(expected).sort())
    for (const [k, re] of Object.entries(expected)) expect(errors[k]).toMatch(re)
  })

  it('checks 简历 and family rows', () => {
    const f = form(
      {},
      {
        resume: [
          { start: '1997.09', end: '1993.07', text: '某某大学学习' },
          { start: '', end: '2001.01', text: '某某' },
        ],
        family: [
          { relation: '', name: '李四', birthDate: '1976.15', politicalStatus: '', workUnitPosition: '' },
        ],
      },
    )
    const errors = validateForm(f, submitted)
    expect(errors['resume.0.end']).toMatch(/早于起始/)
    expect(errors['resume.1.start']).toMatch(/起始时间/)
    expect(errors['family.0.relation']).toMatch(/称谓不能为空/)
    expect(errors['family.0.birthDate']).toMatch(/月份/)
  })
})

describe('toInput', () => {
  it('sends months as YYYY-MM, empty as null, the ID cleaned, and leaves status to setStatus', () => {
    const input = toInput(
      7,
      form(
        { idCard: ' ' + ID_MALE.toLowerCase() + ' ', workStartDate: '1997.9', phone: '  ', status: '退休' },
        {
          resume: [
            { start: '1993.09', end: '1997.07', text: ' 某某大学学习 ' },
            { start: '', end: '', text: '' },
          ],
          family: [
            {
              relation: '妻子',
              name: '王五',
              birthDate: '1976.05',
              politicalStatus: '',
              workUnitPosition: '县一中教师',
            },
          ],
        },
      ),
    )
    expect(input.id).toBe(7)
    expect(input.birthDate).toBe('1975-03')
    expect(input.workStartDate).toBe('1997-09')
    expect(input.idCard).toBe(ID_MALE.toUpperCase())
    expect(input.phone).toBeNull()
    expect('status' in input).toBe(false)
    expect(input.resume).toEqual([{ start: '1993-09', end: '1997-07', text: '某某大学学习' }])
    expect(input.family).toEqual([
      {
        relation: '妻子',
        name: '王五',
        birthDate: '1976-05',
        politicalStatus: null,
        workUnitPosition: '县一中教师',
      },
    ])
  })

  it('fills empty 性别 and 出生年月 from a valid ID and tidies months', () => {
    const d = fillFromIdCard({ ...emptyDraft(), idCard: makeIdCard('620529', '1980-11-02', 124) })
    expect(d.gender).toBe('女')
    expect(d.birthDate).toBe('1980.11')
    expect(tidyMonth('197503')).toBe('1975.03')
    expect(tidyMonth('1975年3月')).toBe('1975.03')
    expect(tidyMonth('1975')).toBe('1975')
  })
})

describe('roster columns', () => {
  it('shows the default columns and offers every other one hidden', () => {
    const defs = buildColumnDefs(null)
    expect(defs.filter((d) => !d.hide).map((d) => d.colId)).toEqual(DEFAULT_COLUMNS)
    expect(defs.map((d) => d.colId)).toContain('impactUntil')
    expect(defs.find((d) => d.colId === 'idCard')?.headerName).toBe('身份证号')
  })

  it('keeps a remembered order and widths, drops unknown keys, appends new fields hidden', () => {
    const defs = buildColumnDefs([
      { key: 'idCard', width: 200 },
      { key: 'gone', width: 10 },
      { key: 'name', hidden: false },
    ])
    expect(defs[0]).toMatchObject({ colId: 'idCard', width: 200, hide: false })
    expect(defs[1]?.colId).toBe('name')
    expect(defs.slice(2).every((d) => d.hide)).toBe(true)
  })

  it('turns the grid filter and sort models into a CadreQuery', () => {
    expect(
      toQueryFilters({
        name: { filterType: 'text', type: 'contains', filter: '张' },
        birthDate: { filterType: 'text', type: 'startsWith', filter: '1975.3' },
        phone: { filterType: 'text', type: 'blank' },
        unit: { filterType: 'text', type: 'contains', filter: '  ' },
      }),
    ).toEqual({
      name: { op: 'contains', value: '张' },
      birthDate: { op: 'startsWith', value: '1975-03' },
      phone: { op: 'blank' },
    })
    expect(toQueryFilters({})).toBeUndefined()
    expect(toQuerySort([{ colId: 'age', sort: 'desc' }])).toEqual([{ key: 'age', dir: 'desc' }])
  })
})

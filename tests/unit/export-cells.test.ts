import { describe, expect, it } from 'vitest'
import {
  cellValue,
  displayWidth,
  looksLikeFormula,
  type CellInput,
  type CellKind,
} from '../../main/export/cells'

describe('cellValue: what a value becomes in an exported cell', () => {
  const cases: [CellInput, CellKind, string | number | null][] = [
    ['1975-03', 'month', '1975.03'],
    ['1975-10', 'month', '1975.10'],
    ['1975', 'month', '1975'],
    [null, 'month', null],
    ['', 'text', null],
    [undefined, 'text', null],
    ['2027-02-03', 'day', '2027.02.03'],
    ['长期', 'day', '长期'],
    ['410821197503011234', 'idCard', '410821197503011234'],
    ['11010519491231002X', 'idCard', '11010519491231002X'],
    [51, 'integer', 51],
    ['51', 'integer', 51],
    ['=1+1', 'integer', '=1+1'],
    ['=1+1', 'text', '=1+1'],
    ['@SUM(A1)', 'text', '@SUM(A1)'],
    [true, 'text', '是'],
    ['13800001111', 'text', '13800001111'],
  ]
  it.each(cases)('%j as %s → %j', (input, kind, expected) => {
    expect(cellValue(input, kind)).toBe(expected)
  })
})

describe('looksLikeFormula', () => {
  it.each([
    ['=HYPERLINK("http://x")', true],
    ['+86 138', true],
    ['-2', true],
    ['@SUM(A1)', true],
    ['\t=1', true],
    ['张三', false],
    ['1975.03', false],
    ['', false],
  ])('%j → %s', (s, expected) => {
    expect(looksLikeFormula(s)).toBe(expected)
  })
})

describe('displayWidth', () => {
  it('counts a Chinese character as two', () => {
    expect(displayWidth('身份证号')).toBe(8)
    expect(displayWidth('1975.03')).toBe(7)
  })
})

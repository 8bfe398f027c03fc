/** The 任免审批表's writing conventions (DOMAIN.md "Second round: the form's conventions"). */
import { describe, expect, it } from 'vitest'
import {
  isDeceased,
  mergeAssessmentText,
  parseAssessmentText,
  type YearGrade,
} from '../../main/form/conventions'
import { familyCells } from '../../main/form/data'

const y = (year: number, grade: string): YearGrade => ({ year, grade })

describe("年度考核结果 merges equal years (DOMAIN.md, the form's conventions)", () => {
  it.each<[string, YearGrade[], string]>([
    [
      'two equal then one other',
      [y(2023, '称职'), y(2024, '称职'), y(2025, '优秀')],
      '2023、2024年度考核均为称职，2025年度考核为优秀。',
    ],
    [
      'three equal',
      [y(2025, '称职'), y(2023, '称职'), y(2024, '称职')],
      '2023、2024、2025年度考核均为称职。',
    ],
    [
      'no two alike in a row: kept in year order',
      [y(2023, '称职'), y(2024, '优秀'), y(2025, '称职')],
      '2023年度考核为称职，2024年度考核为优秀，2025年度考核为称职。',
    ],
    [
      'a gap year breaks the run',
      [y(2021, '称职'), y(2023, '称职')],
      '2021年度考核为称职，2023年度考核为称职。',
    ],
    [
      '不定等次 has its own wording',
      [y(2024, '不定等次'), y(2025, '合格')],
      '2024年度考核不定等次，2025年度考核为合格。',
    ],
    ['one year', [y(2025, '优秀')], '2025年度考核为优秀。'],
    ['none', [], ''],
  ])('%s', (_, rows, text) => {
    expect(mergeAssessmentText(rows)).toBe(text)
  })
})

describe('年度考核结果 text read back into per-year records (LRMX import)', () => {
  it.each<[string, YearGrade[], string[]]>([
    [
      '2023、2024年度考核均为称职，2025年度考核为优秀。',
      [y(2023, '称职'), y(2024, '称职'), y(2025, '优秀')],
      [],
    ],
    [
      '2023年度考核称职，2024年度考核优秀，2025年度考核称职。',
      [y(2023, '称职'), y(2024, '优秀'), y(2025, '称职')],
      [],
    ],
    [
      '2021-2023年度考核均为称职；2024年度考核结果为优秀',
      [y(2021, '称职'), y(2022, '称职'), y(2023, '称职'), y(2024, '优秀')],
      [],
    ],
    [
      '2022年、2023年年度考核均为合格，2024年度考核基本称职',
      [y(2022, '合格'), y(2023, '合格'), y(2024, '基本称职')],
      [],
    ],
    ['2024年度考核不称职', [y(2024, '不称职')], []],
    ['2024年度考核被评为“优秀”等次', [y(2024, '优秀')], []],
    ['2024年度考核优秀，2024年度考核称职', [], ['2024年度考核等次前后不一']],
    ['近三年考核情况良好', [], ['近三年考核情况良好']],
    ['', [], []],
  ])('%s', (text, records, unread) => {
    expect(parseAssessmentText(text)).toEqual({ records, unread })
  })

  it('reads back what it writes', () => {
    const rows = [y(2021, '优秀'), y(2022, '称职'), y(2023, '称职'), y(2024, '称职'), y(2025, '优秀')]
    expect(parseAssessmentText(mergeAssessmentText(rows)).records).toEqual(rows)
  })
})

describe('family members who died keep their row with no age', () => {
  const m = (workUnitPosition: string | null, politicalStatus: string | null = '群众', name = '王某') => ({
    relation: '父亲',
    name,
    birthDate: '1940-01',
    politicalStatus,
    workUnitPosition,
  })
  it.each<[string, ReturnType<typeof m>, boolean, string, string]>([
    ['已去世 in 工作单位及职务', m('已去世'), true, '', '已去世'],
    ['已故', m('已故'), true, '', '已故'],
    ['病故 after the old work unit', m('原县供销社职工，2019年病故'), true, '', '原县供销社职工，2019年病故'],
    ['marked in 政治面貌 only: the row says 已去世', m(null, '已去世'), true, '', '已去世'],
    [
      'marked in the name only: the work text gains （已去世）',
      m('原某某村村民', '群众', '王某（已故）'),
      true,
      '',
      '原某某村村民（已去世）',
    ],
    ["living: the age at the form's date", m('退休'), false, '86', '退休'],
  ])('%s', (_, member, dead, age, work) => {
    expect(isDeceased(member)).toBe(dead)
    const [cells] = familyCells([member], '2026-11-23')
    expect(cells).toMatchObject({ age, workUnitPosition: work, deceased: dead })
  })
})

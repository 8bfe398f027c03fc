import { describe, expect, it } from 'vitest'
import {
  evaluateCadre,
  projectEligibility,
  verdictOf,
  type CadreFacts,
  type Outcome,
} from '../../main/eligibility/evaluate'
import {
  defaultRule,
  defaultRules,
  describeRule,
  parseRules,
  type RuleId,
  type Target,
} from '../../main/eligibility/rules'
import { cadreFacts } from './eligibility-builders'

/** A 副科 cadre who meets every default rule for 正科 on 2026-11-23, with two years graded. */
const base = (over: Partial<CadreFacts> = {}): CadreFacts =>
  cadreFacts({
    assessments: [
      { year: 2025, kind: '年度考核', grade: '称职' },
      { year: 2024, kind: '年度考核', grade: '优秀' },
    ],
    ...over,
  })

function rule(target: Target, id: RuleId, facts: CadreFacts, at: string) {
  const def = defaultRules(target).find((r) => r.id === id) ?? defaultRule(id, target)
  const res = evaluateCadre(facts, [def], at).rules[0]!
  return res
}

describe('the base cadre', () => {
  it('meets every default rule for 正科 and 副科', () => {
    for (const target of ['section-chief', 'deputy-section'] as const) {
      const ev = evaluateCadre(
        base({ rank: '一级科员', rankDate: '2020-01', birthDate: '1990-03' }),
        defaultRules(target),
        '2026-11-23',
      )
      expect(ev.rules.filter((r) => r.result !== 'pass').map((r) => [r.id, r.reason])).toEqual([])
      expect(ev.eligible).toBe(true)
    }
  })
  it('the default rule sets hold the rules of issue 6 and, since issue 10, 条例 第二十四条（五）（六）', () => {
    const ids = [
      'reserve',
      'frontline',
      'tenure',
      'work-years',
      'education',
      'age',
      'assessment',
      'discipline',
      'admonishment',
      'investigation',
      'family-abroad',
    ]
    expect(defaultRules('section-chief').map((r) => r.id)).toEqual(ids)
    expect(defaultRules('deputy-section').map((r) => r.id)).toEqual(ids)
    expect(() => parseRules(defaultRules('section-chief'))).not.toThrow()
  })
})

type Case = [string, Target, RuleId, Partial<CadreFacts>, string, Outcome, string?]

// [case, target, rule, facts, date, expected, reason contains / passesFrom]
const CASES: Case[] = [
  // tenure 正科: 副科 held 2 years since 任现职务时间
  [
    '副科 2 years: a day before',
    'section-chief',
    'tenure',
    { positionDate: '2024-11', rank: '一级科员' },
    '2026-10-31',
    'fail',
    '2026-11-01',
  ],
  [
    '副科 2 years: exactly',
    'section-chief',
    'tenure',
    { positionDate: '2024-11', rank: '一级科员' },
    '2026-11-01',
    'pass',
  ],
  [
    '副科 2 years: a day after',
    'section-chief',
    'tenure',
    { positionDate: '2024-11', rank: '一级科员' },
    '2026-11-02',
    'pass',
  ],
  [
    '管理办法: 一般干部 with 一级科员 is not 副科 nor 三级/四级主任科员',
    'section-chief',
    'tenure',
    { positionLevel: '一般干部', rank: '一级科员' },
    '2026-11-23',
    'fail',
    '不是副科及以上',
  ],
  [
    'no 职务层次',
    'section-chief',
    'tenure',
    { positionLevel: null, rank: '一级科员' },
    '2026-11-23',
    'unknown',
    '未填写职务层次',
  ],
  [
    'no 任现职务时间',
    'section-chief',
    'tenure',
    { positionDate: null, rank: '一级科员' },
    '2026-11-23',
    'unknown',
    '未填写任现职务时间',
  ],
  // tenure 副科: 一级科员 or higher held 3 years since 任现职级时间
  [
    '一级科员 3 years: a day before',
    'deputy-section',
    'tenure',
    { rank: '一级科员', rankDate: '2023-11' },
    '2026-10-31',
    'fail',
    '2026-11-01',
  ],
  [
    '一级科员 3 years: exactly',
    'deputy-section',
    'tenure',
    { rank: '一级科员', rankDate: '2023-11' },
    '2026-11-01',
    'pass',
  ],
  [
    '一级科员 3 years: a day after',
    'deputy-section',
    'tenure',
    { rank: '一级科员', rankDate: '2023-11' },
    '2026-11-02',
    'pass',
  ],
  [
    '四级主任科员 counts as higher',
    'deputy-section',
    'tenure',
    { rank: '四级主任科员', rankDate: '2020-01' },
    '2026-11-23',
    'pass',
  ],
  [
    '二级科员 is below',
    'deputy-section',
    'tenure',
    { rank: '二级科员', rankDate: '2010-01' },
    '2026-11-23',
    'fail',
    '一级科员及以上',
  ],
  // work-years
  [
    '正科 5 years: a day before',
    'section-chief',
    'work-years',
    { workStartDate: '2021-11' },
    '2026-10-31',
    'fail',
    '2026-11-01',
  ],
  [
    '正科 5 years: exactly',
    'section-chief',
    'work-years',
    { workStartDate: '2021-11' },
    '2026-11-01',
    'pass',
  ],
  [
    '正科 5 years: a day after',
    'section-chief',
    'work-years',
    { workStartDate: '2021-11' },
    '2026-11-02',
    'pass',
  ],
  [
    '副科 3 years: a day before',
    'deputy-section',
    'work-years',
    { workStartDate: '2023-11' },
    '2026-10-31',
    'fail',
  ],
  [
    '副科 3 years: exactly',
    'deputy-section',
    'work-years',
    { workStartDate: '2023-11' },
    '2026-11-01',
    'pass',
  ],
  ['no 参加工作时间', 'deputy-section', 'work-years', { workStartDate: null }, '2026-11-01', 'unknown'],
  // age: "45周岁以下" includes 45 (本县任职年龄要求, issue 10): a birth cut-off month
  [
    '本县年龄要求: 45 when the birthday month begins is still 45周岁以下',
    'section-chief',
    'age',
    { birthDate: '1981-11' },
    '2026-11-01',
    'pass',
    '45 岁，符合45周岁以下（1980.12.01 及以后出生）',
  ],
  [
    '本县年龄要求: born in the cut-off month passes',
    'section-chief',
    'age',
    { birthDate: '1980-12' },
    '2026-11-30',
    'pass',
  ],
  [
    '本县年龄要求: 46 when the birthday month begins fails',
    'section-chief',
    'age',
    { birthDate: '1980-11' },
    '2026-11-01',
    'fail',
    '46 岁，不符合45周岁以下（1980.12.01 及以后出生）',
  ],
  [
    '本县年龄要求: 40 for 副科 passes',
    'deputy-section',
    'age',
    { birthDate: '1986-11' },
    '2026-11-01',
    'pass',
  ],
  [
    '本县年龄要求: 41 for 副科 fails',
    'deputy-section',
    'age',
    { birthDate: '1985-11' },
    '2026-11-01',
    'fail',
    '41 岁',
  ],
  ['no 出生年月', 'deputy-section', 'age', { birthDate: null }, '2026-11-01', 'unknown'],
  // education
  ['大专', 'section-chief', 'education', { eduFullTime: '大专' }, '2026-11-23', 'pass'],
  ['中专 only', 'section-chief', 'education', { eduFullTime: '中专' }, '2026-11-23', 'fail', '低于大专'],
  [
    '中专 + 在职大学',
    'section-chief',
    'education',
    { eduFullTime: '中专', eduInService: '大学' },
    '2026-11-23',
    'pass',
    '在职大学',
  ],
  [
    '在职研究生 only',
    'section-chief',
    'education',
    { eduFullTime: null, eduInService: '研究生' },
    '2026-11-23',
    'pass',
  ],
  ['no 学历', 'section-chief', 'education', { eduFullTime: null }, '2026-11-23', 'unknown'],
  // reserve
  ['正科级后备 在库', 'section-chief', 'reserve', {}, '2026-11-23', 'pass'],
  [
    '副科级后备 is not enough for 正科',
    'section-chief',
    'reserve',
    { reserve: [{ level: '副科级后备', status: '在库', entryDate: '2025-01' }] },
    '2026-11-23',
    'fail',
  ],
  [
    '已撤销 does not count',
    'section-chief',
    'reserve',
    { reserve: [{ level: '正科级后备', status: '已撤销', entryDate: '2025-01' }] },
    '2026-11-23',
    'fail',
  ],
  ['正科级后备 counts for 副科', 'deputy-section', 'reserve', {}, '2026-11-23', 'pass'],
  [
    '副科级后备 for 副科',
    'deputy-section',
    'reserve',
    { reserve: [{ level: '副科级后备', status: '在库', entryDate: '2025-01' }] },
    '2026-11-23',
    'pass',
  ],
  [
    'no entry',
    'deputy-section',
    'reserve',
    { reserve: [] },
    '2026-11-23',
    'fail',
    '无副科级后备或正科级后备',
  ],
  // frontline: 12 months in total
  [
    'ongoing 11 months',
    'section-chief',
    'frontline',
    { postings: [{ kind: '驻村工作队员', place: 'A村', start: '2025-11', end: null }] },
    '2026-10-31',
    'fail',
    '2026-11-01',
  ],
  [
    'ongoing 12 months',
    'section-chief',
    'frontline',
    { postings: [{ kind: '驻村工作队员', place: 'A村', start: '2025-11', end: null }] },
    '2026-11-01',
    'pass',
  ],
  [
    'ongoing 12 months, a day after',
    'section-chief',
    'frontline',
    { postings: [{ kind: '驻村工作队员', place: 'A村', start: '2025-11', end: null }] },
    '2026-11-02',
    'pass',
  ],
  [
    'two postings adding up to 12',
    'deputy-section',
    'frontline',
    {
      postings: [
        { kind: '第一书记', place: 'A村', start: '2020-01', end: '2020-07' },
        { kind: '驻村工作队员', place: 'B村', start: '2021-01', end: '2021-07' },
      ],
    },
    '2026-11-23',
    'pass',
    '1年',
  ],
  [
    'overlapping postings count once',
    'deputy-section',
    'frontline',
    {
      postings: [
        { kind: '第一书记', place: 'A村', start: '2020-01', end: '2020-07' },
        { kind: '驻村工作队员', place: 'A村', start: '2020-01', end: '2020-07' },
      ],
    },
    '2026-11-23',
    'fail',
    '6 个月',
  ],
  [
    'closed 11 months never cures',
    'deputy-section',
    'frontline',
    { postings: [{ kind: '第一书记', place: 'A村', start: '2020-01', end: '2020-12' }] },
    '2026-11-23',
    'fail',
  ],
  [
    'other postings do not count',
    'deputy-section',
    'frontline',
    { postings: [{ kind: '借调', place: '市委', start: '2015-01', end: '2020-12' }] },
    '2026-11-23',
    'fail',
    '无一线经历',
  ],
  // assessment: last year's 年度考核
  ['2025 称职', 'section-chief', 'assessment', {}, '2026-12-31', 'pass'],
  [
    '2025 基本称职',
    'section-chief',
    'assessment',
    { assessments: [{ year: 2025, kind: '年度考核', grade: '基本称职' }] },
    '2026-11-23',
    'fail',
    '2025年度考核基本称职',
  ],
  [
    '2025 不称职',
    'section-chief',
    'assessment',
    { assessments: [{ year: 2025, kind: '年度考核', grade: '不称职' }] },
    '2026-11-23',
    'fail',
  ],
  [
    '2025 missing',
    'section-chief',
    'assessment',
    { assessments: [{ year: 2024, kind: '年度考核', grade: '优秀' }] },
    '2026-11-23',
    'unknown',
    '缺少2025年度考核结果',
  ],
  ['new year looks at 2026', 'section-chief', 'assessment', {}, '2027-01-01', 'unknown', '缺少2026年度'],
  // discipline: 党纪 警告 12, 严重警告 18, 撤销党内职务 24; 政务 警告 6, 记过 12, 记大过 18, 降级/撤职 24
  ...(
    [
      ['党纪', '警告', '2026-11-15'],
      ['党纪', '严重警告', '2027-05-15'],
      ['党纪', '撤销党内职务', '2027-11-15'],
      ['政务', '警告', '2026-05-15'],
      ['政务', '记过', '2026-11-15'],
      ['政务', '记大过', '2027-05-15'],
      ['政务', '降级', '2027-11-15'],
      ['政务', '撤职', '2027-11-15'],
    ] as const
  ).flatMap(([system, measure, until]): Case[] => {
    const f = { discipline: [{ date: '2025-11-15', system, measure }] }
    const before = new Date(Date.parse(until) - 86400000).toISOString().slice(0, 10)
    const after = new Date(Date.parse(until) + 86400000).toISOString().slice(0, 10)
    return [
      [
        `${system}${measure}: a day before the end`,
        'section-chief',
        'discipline',
        f,
        before,
        'fail',
        `影响期至 ${until}`,
      ],
      [
        `${system}${measure}: the last day`,
        'section-chief',
        'discipline',
        f,
        until,
        'fail',
        `影响期至 ${until}`,
      ],
      [`${system}${measure}: a day after`, 'section-chief', 'discipline', f, after, 'pass'],
    ]
  }),
  [
    '开除党籍 never ends',
    'section-chief',
    'discipline',
    { discipline: [{ date: '2010-01-01', system: '党纪', measure: '开除党籍' }] },
    '2026-11-23',
    'fail',
    '长期影响',
  ],
  [
    '组织处理 is not discipline',
    'section-chief',
    'discipline',
    { discipline: [{ date: '2026-01-01', system: '组织处理', measure: '免职' }] },
    '2026-11-23',
    'pass',
  ],
  // admonishment: 诫勉 6 months; 组织处理 调整 12, 免职 24 (two stages), 降职 24, 停职检查 待核实
  [
    '诫勉 6 months: a day before the end',
    'section-chief',
    'admonishment',
    { talks: [{ date: '2026-08-03', kind: '诫勉谈话' }] },
    '2027-02-02',
    'fail',
    '2026-08-03 诫勉谈话，影响期至 2027-02-03',
  ],
  [
    '诫勉 6 months: exactly',
    'section-chief',
    'admonishment',
    { talks: [{ date: '2026-08-03', kind: '诫勉谈话' }] },
    '2027-02-03',
    'fail',
    '2026-08-03 诫勉谈话，影响期至 2027-02-03',
  ],
  [
    '诫勉 6 months: a day after',
    'section-chief',
    'admonishment',
    { talks: [{ date: '2026-08-03', kind: '诫勉谈话' }] },
    '2027-02-04',
    'pass',
  ],
  [
    '诫勉 on the day itself',
    'section-chief',
    'admonishment',
    { talks: [{ date: '2026-08-03', kind: '诫勉谈话' }] },
    '2026-08-03',
    'fail',
  ],
  [
    '诫勉 not yet given',
    'section-chief',
    'admonishment',
    { talks: [{ date: '2026-08-03', kind: '诫勉谈话' }] },
    '2026-08-02',
    'pass',
  ],
  [
    '提醒谈话 has no impact',
    'section-chief',
    'admonishment',
    { talks: [{ date: '2026-08-03', kind: '提醒谈话' }] },
    '2026-09-01',
    'pass',
  ],
  [
    '免职: 组织处理规定, one year no post and two years nothing higher: last day',
    'deputy-section',
    'admonishment',
    { discipline: [{ date: '2025-11-15', system: '组织处理', measure: '免职' }] },
    '2027-11-15',
    'fail',
    '组织处理 免职，影响期至 2027-11-15（一年内不得安排职务，二年内不得担任高于原职务层次的职务）',
  ],
  [
    '免职: 组织处理规定, two years: a day after',
    'deputy-section',
    'admonishment',
    { discipline: [{ date: '2025-11-15', system: '组织处理', measure: '免职' }] },
    '2027-11-16',
    'pass',
  ],
  [
    '调整 12: a day before',
    'deputy-section',
    'admonishment',
    { discipline: [{ date: '2025-11-15', system: '组织处理', measure: '调整' }] },
    '2026-11-14',
    'fail',
  ],
  [
    '停职检查: 组织处理规定 gives no period of its own → 待核实',
    'deputy-section',
    'admonishment',
    { discipline: [{ date: '2025-11-15', system: '组织处理', measure: '停职检查' }] },
    '2026-11-16',
    'unknown',
    '停职检查没有规定的影响期',
  ],
  [
    '降职 24: last day',
    'deputy-section',
    'admonishment',
    { discipline: [{ date: '2025-11-15', system: '组织处理', measure: '降职' }] },
    '2027-11-15',
    'fail',
  ],
  [
    '降职 24: a day after',
    'deputy-section',
    'admonishment',
    { discipline: [{ date: '2025-11-15', system: '组织处理', measure: '降职' }] },
    '2027-11-16',
    'pass',
  ],
  // party-age and investigation exist for county-defined rule sets
  [
    '党龄 3 years: a day before',
    'section-chief',
    'party-age',
    { partyJoinDate: '2023-11' },
    '2026-10-31',
    'fail',
  ],
  ['党龄 3 years: exactly', 'section-chief', 'party-age', { partyJoinDate: '2023-11' }, '2026-11-01', 'pass'],
  [
    '预备党员',
    'section-chief',
    'party-age',
    { politicalStatus: '中共预备党员', partyJoinDate: '2026-01' },
    '2026-11-01',
    'fail',
    '尚未转正',
  ],
  [
    '群众',
    'section-chief',
    'party-age',
    { politicalStatus: '群众', partyJoinDate: null },
    '2026-11-01',
    'fail',
    '群众',
  ],
  ['党员 without 入党时间', 'section-chief', 'party-age', { partyJoinDate: null }, '2026-11-01', 'unknown'],
  ['no investigation registered', 'section-chief', 'investigation', {}, '2026-11-01', 'pass', '未登记'],
  [
    'investigation running',
    'section-chief',
    'investigation',
    { investigation: { since: '2026-09-01', note: '县纪委监委立案' } },
    '2026-11-01',
    'fail',
    '2026-09-01 起正在接受立案审查调查',
  ],
]

describe.each(CASES)('%s', (_name, target, id, facts, at, expected, extra) => {
  it(`${target} ${id} on ${at} → ${expected}`, () => {
    const res = rule(target, id, base(facts), at)
    expect(res.result, res.reason).toBe(expected)
    if (extra && /^\d{4}-\d{2}-\d{2}$/.test(extra)) expect(res.passesFrom).toBe(extra)
    else if (extra) expect(res.reason).toContain(extra)
  })
})

describe('verdict', () => {
  it.each([
    [['pass', 'pass'], true],
    [['pass', 'fail'], false],
    [['unknown', 'fail'], false],
    [['pass', 'unknown'], null],
    [['unknown'], null],
    [[], true],
  ] as [Outcome[], boolean | null][])('%j → %s', (outcomes, v) => {
    expect(verdictOf(outcomes.map((result) => ({ result })))).toBe(v)
  })

  it('evidence names the record and its dates', () => {
    const ev = evaluateCadre(
      base({ talks: [{ date: '2026-08-03', kind: '诫勉谈话' }] }),
      defaultRules('section-chief'),
      '2026-11-22',
    )
    expect(ev.eligible).toBe(false)
    const adm = ev.rules.find((r) => r.id === 'admonishment')!
    expect(adm).toMatchObject({
      result: 'fail',
      label: '诫勉影响期',
      reason: '2026-08-03 诫勉谈话，影响期至 2027-02-03',
      passesFrom: '2027-02-04',
    })
    expect(adm.evidence).toEqual(['2026-08-03 诫勉谈话，影响期至 2027-02-03'])
  })
})

describe('projected eligibility date', () => {
  const rules = defaultRules('section-chief')
  it('the last time-cured failure decides', () => {
    const f = base({
      positionDate: '2024-05',
      rank: '一级科员',
      talks: [{ date: '2025-10-03', kind: '诫勉谈话' }],
    })
    const p = projectEligibility(f, rules, '2026-03-02')
    expect(p).toMatchObject({ date: '2026-05-01', pendingUnknown: false })
    expect(p.text).toBe('预计 2026-05-01 起符合（其他条件不变）')
    expect(evaluateCadre(f, rules, '2026-05-01').eligible).toBe(true)
    expect(evaluateCadre(f, rules, '2026-04-30').eligible).toBe(false)
  })
  it("a date in a later year still needs that year's assessment", () => {
    const f = base({
      positionDate: '2025-05',
      rank: '一级科员',
      talks: [{ date: '2026-08-03', kind: '诫勉谈话' }],
    })
    const p = projectEligibility(f, rules, '2026-11-22')
    expect(p).toMatchObject({ date: '2027-05-01', pendingUnknown: true })
    expect(p.text).toBe('预计 2027-05-01 起符合（其他条件不变），届时尚待核实：缺少2026年度考核结果')
  })
  it('a rule time does not cure gives no date', () => {
    const p = projectEligibility(base({ reserve: [] }), rules, '2026-11-22')
    expect(p.date).toBeNull()
    expect(p.text).toContain('后备干部')
  })
  it('growing too old on the way gives no date', () => {
    // tenure met 2027-05-01, but the 46th birthday month begins 2027-03
    const p = projectEligibility(
      base({ positionDate: '2025-05', rank: '一级科员', birthDate: '1981-03' }),
      rules,
      '2026-11-22',
    )
    expect(p.date).toBeNull()
    expect(p.text).toContain('年龄')
  })
  it('already eligible today', () => {
    expect(projectEligibility(base(), rules, '2026-11-22')).toMatchObject({
      date: '2026-11-22',
      text: '已符合',
    })
  })
})

describe('rules read as sentences', () => {
  it('describes the defaults of issue 6', () => {
    const text = (t: Target) => Object.fromEntries(defaultRules(t).map((r) => [r.id, describeRule(r)]))
    expect(text('section-chief')).toMatchObject({
      reserve: '正科级后备，状态为在库',
      tenure: '副科及以上（或四级主任科员及以上职级）累计满 2 年',
      'work-years': '参加工作满 5 年',
      education: '全日制或在职教育大专及以上',
      age: '45周岁以下（含 45 周岁）',
      assessment: '上一年度年度考核结果已录入，且不为基本称职、不称职、基本合格、不合格',
    })
    expect(text('deputy-section')).toMatchObject({
      reserve: '副科级后备或正科级后备，状态为在库',
      tenure: '一级科员及以上职级累计满 3 年',
      age: '40周岁以下（含 40 周岁）',
    })
    // The periods are the one impact configuration shared with the roster (issue 10).
    expect(text('section-chief')['discipline']).toContain('不在党纪、政务处分影响期内')
    expect(text('section-chief')['admonishment']).toContain('不在诫勉或组织处理影响期内')
  })
})

/**
 * Issue 10, by the regulations: the vocabulary of measures, talks and grades with their variants,
 * impact periods per record, and what the rules make of them. One row per case, each naming the
 * article (or the text) that decides it.
 */
import { describe, expect, it } from 'vitest'
import { impactsOf, type ImpactRecord } from '../../main/domain/impact'
import { evaluateCadre, type CadreFacts } from '../../main/eligibility/evaluate'
import { probationBar } from '../../main/eligibility/probation'
import { cadreFacts } from './eligibility-builders'
import { defaultRules, isPromotion } from '../../main/eligibility/rules'
import { vocabularyWarnings } from '../../main/records/fields'
import { resolveGrade, resolveMeasure, resolveTalk } from '../../main/records/vocab'

type Disc = Extract<ImpactRecord, { source: 'discipline' }>
const d = (date: string, system: string, measure: string, more: Partial<Disc> = {}): ImpactRecord => ({
  source: 'discipline',
  date,
  system,
  measure,
  ...more,
})
const t = (date: string, kind: string): ImpactRecord => ({ source: 'talk', date, kind })

describe('vocabulary: the names of the regulations and the variants clerks type', () => {
  it.each([
    [
      '纪律处分条例 第八条: 党内严重警告 is 严重警告',
      '党纪',
      '党内严重警告',
      { system: '党纪', measure: '严重警告' },
    ],
    [
      '纪律处分条例 第八条: 党内警告处分 is 警告',
      '党纪',
      '党内警告处分',
      { system: '党纪', measure: '警告' },
    ],
    [
      '纪律处分条例 留党察看: 留党察看一年 carries 察看期 12',
      '党纪',
      '留党察看一年',
      { measure: '留党察看', probationMonths: 12 },
    ],
    [
      '纪律处分条例 留党察看: 留党察看（二年） carries 察看期 24',
      '党纪处分',
      '留党察看（二年）',
      { system: '党纪', probationMonths: 24 },
    ],
    ['政务处分法 第七条: 行政记大过 is 记大过', '政务', '行政记大过', { system: '政务', measure: '记大过' }],
    ['政务处分法 第七条: 开除公职 is 开除', '政务处分', '开除公职', { system: '政务', measure: '开除' }],
    ['组织处理规定 第五条: 责令辞职', '组织处理', '责令辞职', { measure: '责令辞职' }],
    ['组织处理规定 第五条: 调整职务 is 调整', '组织处理', '调整职务', { measure: '调整' }],
  ])('%s', (_article, system, measure, want) => {
    expect(resolveMeasure(system, measure)).toMatchObject(want)
  })

  it.each([
    ['a typo (严重警吿) is unknown, never no sanction', '党纪', '严重警吿'],
    ['DOMAIN.md: "记大过处分决定" is unknown', '政务', '记大过处分决定'],
    ['a measure of another system (记过 is 政务, not 党纪) is unknown', '党纪', '记过'],
  ])('%s', (_why, system, measure) => {
    expect(resolveMeasure(system, measure)).toBeNull()
    expect(vocabularyWarnings('discipline', { system, measure })[0]?.message).toContain(
      `“${measure}”不是规定的名称`,
    )
  })

  it.each([
    ['诫勉规定 2019: 谈话诫勉 is 诫勉', '谈话诫勉', '诫勉谈话', '诫勉'],
    ['诫勉规定 2019: 书面诫勉 is 诫勉', '书面诫勉', '书面诫勉', '诫勉'],
    ['诫勉规定 2019: 诫勉谈话 is 诫勉', '诫勉谈话', '诫勉谈话', '诫勉'],
    ['DOMAIN.md Talks: 提醒谈话 has no impact', '谈话提醒', '提醒谈话', null],
  ])('%s', (_article, kind, canonical, cls) => {
    expect(resolveTalk(kind)).toEqual({ kind: canonical, impactClass: cls })
  })

  it.each([
    ['公务员考核规定: 优秀等次 is 优秀', '优秀等次', '优秀'],
    ['公务员考核规定: 基本称职', '基本称职', '基本称职'],
    ['事业单位: 基本合格', '基本合格', '基本合格'],
    ['an unknown grade', '优等', null],
  ])('%s', (_article, grade, want) => {
    expect(resolveGrade(grade)).toBe(want)
  })

  it('warns about an unknown talk kind, grade, reserve level or posting kind; variants pass quietly', () => {
    expect(vocabularyWarnings('talks', { kind: '诫免谈话' })).toHaveLength(1)
    expect(vocabularyWarnings('talks', { kind: '谈话诫勉' })).toHaveLength(0)
    expect(vocabularyWarnings('assessments', { grade: '优等' })[0]?.message).toContain('考核等次“优等”')
    expect(vocabularyWarnings('postings', { kind: '驻村工作队队长' })).toHaveLength(0)
    expect(vocabularyWarnings('reserve', { level: '正科后备', status: '在库' })).toHaveLength(0)
  })
})

describe('impact per record (main/domain/impact.ts)', () => {
  it.each<[string, ImpactRecord[], string | null, string?]>([
    [
      '纪律处分条例: 严重警告 18 months (党内严重警告)',
      [d('2025-01-15', '党纪', '党内严重警告')],
      '2026-07-15',
    ],
    [
      '纪律处分条例 留党察看: 察看期一年 + 二年 = 36 months',
      [d('2025-01-15', '党纪', '留党察看一年')],
      '2028-01-15',
      '察看期一年',
    ],
    [
      '纪律处分条例 留党察看: 察看期 recorded 24 + 24 = 48 months',
      [d('2025-01-15', '党纪', '留党察看', { probationMonths: 24 })],
      '2029-01-15',
    ],
    [
      '纪律处分条例 留党察看: no 察看期 recorded → counted as two years, and said so',
      [d('2025-01-15', '党纪', '留党察看')],
      '2029-01-15',
      '未录入，按二年计',
    ],
    [
      '纪律处分条例 撤销党内职务: 严重警告 in lieu of 撤销党内职务 → 24 months, not 18',
      [d('2025-01-15', '党纪', '严重警告', { inLieuOf: '撤销党内职务' })],
      '2027-01-15',
      '代替撤销党内职务',
    ],
    [
      'an end day written on the decision overrides the computed one',
      [d('2025-01-15', '党纪', '警告', { impactEnd: '2025-10-31' })],
      '2025-10-31',
    ],
    ['政务处分法 第八条: 记过 12 months', [d('2025-01-15', '政务', '记过')], '2026-01-15'],
    [
      '政务处分法 处分期间再受处分: 记大过 18 + the 184 days left of 记过',
      [d('2025-01-15', '政务', '记过'), d('2025-07-15', '政务', '记大过')],
      '2027-07-18',
      '原处分未满的 184 天',
    ],
    [
      '政务处分法 处分期间再受处分: at most 48 months from the new decision',
      [d('2025-01-15', '政务', '降级'), d('2025-01-16', '政务', '撤职'), d('2025-01-17', '政务', '记大过')],
      '2029-01-17',
      '以 48 个月为限',
    ],
    [
      '组织处理规定: 免职, one year no post and two years nothing higher → 24 months',
      [d('2025-01-15', '组织处理', '免职')],
      '2027-01-15',
      '一年内不得安排职务',
    ],
    ['组织处理规定: 责令辞职 as 免职 → 24 months', [d('2025-01-15', '组织处理', '责令辞职')], '2027-01-15'],
    ['组织处理规定: 调整 one year', [d('2025-01-15', '组织处理', '调整职务')], '2026-01-15'],
    ['组织处理规定: 降职 two years', [d('2025-01-15', '组织处理', '降职')], '2027-01-15'],
    ['诫勉规定 2019: 书面诫勉 6 months', [t('2026-08-03', '书面诫勉')], '2027-02-03'],
    ['诫勉规定 2019: 谈话诫勉 6 months', [t('2026-08-03', '谈话诫勉')], '2027-02-03'],
  ])('%s', (_article, records, until, note) => {
    const all = impactsOf(records)
    const last = all.reduce((a, b) => ((b.until ?? '9') > (a.until ?? '9') ? b : a))
    expect(last.unknown).toBeUndefined()
    expect(last.until).toBe(until)
    if (note) expect(last.note).toContain(note)
  })

  it.each<[string, ImpactRecord]>([
    ['a typo of a measure (严重警吿) is 待核实', d('2025-01-15', '党纪', '严重警吿')],
    ['DOMAIN.md: 记大过处分决定 is 待核实', d('2025-01-15', '政务', '记大过处分决定')],
    ['组织处理规定: 停职检查 has no period of its own → 待核实', d('2025-01-15', '组织处理', '停职检查')],
    ['an unknown talk kind (诫免谈话) may be a 诫勉 → 待核实', t('2026-08-03', '诫免谈话')],
    ['an unreadable date is 待核实', d('去年', '党纪', '警告')],
  ])('%s', (_why, record) => {
    expect(impactsOf([record])[0]?.unknown).toBeTruthy()
  })
})

const facts = cadreFacts

describe('the rules read the records as the regulations do (正科, default rules)', () => {
  const rules = defaultRules('section-chief')
  it.each<
    [string, Partial<CadreFacts>, string, 'discipline' | 'admonishment' | 'assessment', string, string | null]
  >([
    [
      '纪律处分条例: 党内严重警告 runs 18 months (was: unknown name = no sanction)',
      { discipline: [{ date: '2025-11-01', system: '党纪', measure: '党内严重警告' }] },
      '2026-11-23',
      'discipline',
      'fail',
      '2027-05-02',
    ],
    [
      'a typo 严重警吿 is 待核实, never 符合',
      { discipline: [{ date: '2025-11-01', system: '党纪', measure: '严重警吿' }] },
      '2026-11-23',
      'discipline',
      'unknown',
      null,
    ],
    [
      '纪律处分条例 留党察看一年: 36 months, not 48 (last day)',
      { discipline: [{ date: '2024-01-10', system: '党纪', measure: '留党察看一年' }] },
      '2027-01-10',
      'discipline',
      'fail',
      '2027-01-11',
    ],
    [
      '纪律处分条例 留党察看一年: clear the day after',
      { discipline: [{ date: '2024-01-10', system: '党纪', measure: '留党察看一年' }] },
      '2027-01-11',
      'discipline',
      'pass',
      null,
    ],
    [
      '纪律处分条例 撤销党内职务: 严重警告 in lieu of it blocks 24 months (month 20)',
      { discipline: [{ date: '2025-03-01', system: '党纪', measure: '严重警告', inLieuOf: '撤销党内职务' }] },
      '2026-11-23',
      'discipline',
      'fail',
      '2027-03-02',
    ],
    [
      '政务处分法: a second 政务处分 adds the remainder',
      {
        discipline: [
          { date: '2025-01-15', system: '政务', measure: '记过' },
          { date: '2025-07-15', system: '政务', measure: '记大过' },
        ],
      },
      '2027-03-01',
      'discipline',
      'fail',
      '2027-07-19',
    ],
    [
      '组织处理规定: 责令辞职 blocks two years (was: unknown = none)',
      { discipline: [{ date: '2025-06-01', system: '组织处理', measure: '责令辞职' }] },
      '2026-11-23',
      'admonishment',
      'fail',
      '2027-06-02',
    ],
    [
      '诫勉规定 2019: 书面诫勉 blocks 6 months',
      { talks: [{ date: '2026-08-03', kind: '书面诫勉' }] },
      '2026-11-23',
      'admonishment',
      'fail',
      '2027-02-04',
    ],
    [
      'an unknown talk kind is 待核实',
      { talks: [{ date: '2026-08-03', kind: '诫免谈话' }] },
      '2026-11-23',
      'admonishment',
      'unknown',
      null,
    ],
    [
      '条例 第二十四条（三）: 基本合格 last year fails',
      { assessments: [{ year: 2025, kind: '年度考核', grade: '基本合格等次' }] },
      '2026-11-23',
      'assessment',
      'fail',
      null,
    ],
    [
      '条例 第二十四条（三）: an unknown grade is 待核实',
      { assessments: [{ year: 2025, kind: '年度考核', grade: '优等' }] },
      '2026-11-23',
      'assessment',
      'unknown',
      null,
    ],
  ])('%s', (_article, over, at, id, result, passesFrom) => {
    const ev = evaluateCadre(facts(over), rules, at)
    const r = ev.rules.find((x) => x.id === id)!
    expect(r.result, r.reason).toBe(result)
    expect(r.passesFrom).toBe(passesFrom)
    expect(ev.eligible).not.toBe(true)
  })
})

describe('targets: who is reviewed, and 职级晋升 by the 并行规定', () => {
  it.each<[string, Parameters<typeof isPromotion>, boolean]>([
    ['a 副科 is reviewed for 正科', ['section-chief', '副科', '三级主任科员'], true],
    ['a 正科 is left out of 正科', ['section-chief', '正科', null], false],
    ['a 副处 is left out of 正科', ['section-chief', '县处级副职', null], false],
    ['a 副科 is left out of 副科', ['deputy-section', '副科级', null], false],
    [
      'an unreadable level stays in (the rules say what they cannot read)',
      ['deputy-section', '股长', null],
      true,
    ],
    ['an 一级科员 is reviewed for 四级主任科员', ['rank-4', '一般干部', '一级科员'], true],
    ['a 三级主任科员 is left out of 四级主任科员', ['rank-4', '副科', '三级主任科员'], false],
  ])('%s', (_why, args, want) => {
    expect(isPromotion(...args)).toBe(want)
  })

  const rank4 = defaultRules('rank-4')
  const rank3 = defaultRules('rank-3')
  const grades = (g: Record<number, string>) =>
    Object.entries(g).map(([y, grade]) => ({ year: Number(y), kind: '年度考核', grade }))
  it.each<[string, CadreFacts['assessments'], string, 'pass' | 'fail' | 'unknown', string]>([
    [
      '管理办法: 一级科员 2 years → 四级主任科员 (称职 years)',
      grades({ 2024: '称职', 2025: '称职' }),
      '2026-01-01',
      'pass',
      '已满 2年',
    ],
    [
      '并行规定 第十九条: 优秀 shortens by half a year (1 year 6 months suffice)',
      grades({ 2024: '优秀', 2025: '称职' }),
      '2025-07-01',
      'pass',
      '优秀缩短 6个月',
    ],
    [
      '并行规定 第十九条: a 基本称职 year does not count',
      grades({ 2024: '基本称职', 2025: '称职' }),
      '2026-01-01',
      'fail',
      '2027-01-01 起满',
    ],
    [
      '并行规定 第十九条: a 不定等次 year does not count',
      grades({ 2024: '不定等次', 2025: '称职' }),
      '2026-06-01',
      'fail',
      '不满 2年',
    ],
    [
      'a past year without a grade is 待核实 when it decides',
      grades({ 2025: '称职' }),
      '2026-01-01',
      'unknown',
      '待核实',
    ],
  ])('%s', (_article, assessments, at, result, text) => {
    const f = facts({ rank: '一级科员', rankDate: '2024-01', positionLevel: '一般干部', assessments })
    const r = evaluateCadre(f, rank4, at).rules.find((x) => x.id === 'rank-tenure')!
    expect(r.result, r.reason).toBe(result)
    expect(r.reason).toContain(text)
  })

  it('管理办法: 三级主任科员 also by 副科 领导职务 2 years', () => {
    const f = facts({
      rank: '四级主任科员',
      rankDate: '2026-01',
      positionLevel: '副科',
      positionDate: '2023-05',
    })
    expect(evaluateCadre(f, rank3, '2026-11-23').rules[0]).toMatchObject({ result: 'pass' })
    const g = facts({ rank: '四级主任科员', rankDate: '2026-01', positionLevel: '一般干部' })
    expect(evaluateCadre(g, rank3, '2026-11-23').rules[0]).toMatchObject({
      result: 'fail',
      passesFrom: '2028-01-01',
    })
  })

  it.each<[string, string, 'pass' | 'fail']>([
    ['条例 第八条（四）: 大学专科 = 大专 meets 大专', '大学专科', 'pass'],
    ['条例 第八条（四）: 中等专科 = 中专 does not meet 大专', '中等专科', 'fail'],
    ['条例 第八条（四）: 大学本科 meets 大专', '大学本科', 'pass'],
  ])('%s', (_article, edu, result) => {
    const ev = evaluateCadre(facts({ eduFullTime: edu }), defaultRules('section-chief'), '2026-11-23')
    expect(ev.rules.find((x) => x.id === 'education')!.result).toBe(result)
  })

  it('the 正科 rule set on 大学专科 says 大专, not 大学', () => {
    const ev = evaluateCadre(facts({ eduFullTime: '中等专科' }), defaultRules('section-chief'), '2026-11-23')
    expect(ev.rules.find((x) => x.id === 'education')!.reason).toBe('最高学历中专/高中，低于大专')
  })
})

describe('任职年限 by the 管理办法: time at a level, from the 任职经历 or said otherwise', () => {
  const rules = defaultRules('section-chief')
  const tenureOf = (over: Partial<CadreFacts>, at = '2026-11-23') =>
    evaluateCadre(facts(over), rules, at).rules.find((x) => x.id === 'tenure')!
  const app = (start: string, end: string | null, level: string | null, rank: string | null, title = '') => ({
    start,
    end,
    title,
    level,
    rank,
  })
  it.each<[string, Partial<CadreFacts>, 'pass' | 'fail' | 'unknown', string]>([
    [
      '管理办法 乡科级正职: a lateral move (副镇长 → 副局长) keeps the time at 副科',
      {
        positionDate: '2025-12',
        rank: '一级科员',
        appointments: [
          app('2020-06', '2025-12', '副科', null, '某镇副镇长'),
          app('2025-12', null, '副科', null, '县某局副局长'),
        ],
      },
      'pass',
      '任职经历中副科及以上',
    ],
    [
      '管理办法 乡科级正职: 四级主任科员 2 years qualifies',
      { positionLevel: '一般干部', rank: '四级主任科员', rankDate: '2024-06', positionDate: null },
      'pass',
      '四级主任科员，任现职级时间 2024-06',
    ],
    [
      '管理办法 乡科级正职: 副科 and 四级主任科员 together 2 years',
      {
        rank: '一级科员',
        appointments: [
          app('2023-01', '2024-01', null, '四级主任科员', '县某局四级主任科员'),
          app('2024-01', null, '副科', null, '某镇副镇长'),
        ],
      },
      'pass',
      '累计 3年10个月',
    ],
    [
      '管理办法 乡科级正职: 一年 at 副科 is short, eligible from the date it is met',
      { rank: '一级科员', appointments: [app('2025-11', null, '副科', null, '某镇副镇长')] },
      'fail',
      '2027-11-01 起满',
    ],
    [
      'no 任职经历: 任现职务层次时间 used and said so',
      { positionDate: '2026-01', levelDate: '2021-03', rank: '一级科员' },
      'pass',
      '任现职务层次时间 2021-03',
    ],
    [
      'no 任职经历 nor 任现职务层次时间: 任现职务时间 used, and the reason says a lateral move is not counted',
      { positionDate: '2026-01', rank: '一级科员' },
      'fail',
      '平级交流前的任职未计入',
    ],
  ])('%s', (_article, over, result, text) => {
    const r = tenureOf(over)
    expect(r.result, r.reason).toBe(result)
    expect(r.reason).toContain(text)
  })

  it('管理办法 乡科级副职: 一级科员 3 years, cumulative in the 任职经历', () => {
    const r = evaluateCadre(
      facts({
        positionLevel: '一般干部',
        rank: '一级科员',
        rankDate: '2025-01',
        appointments: [
          app('2021-01', '2025-01', null, '一级科员', '县某局一级科员'),
          app('2025-01', null, null, '一级科员', '某镇一级科员'),
        ],
      }),
      defaultRules('deputy-section'),
      '2026-11-23',
    ).rules.find((x) => x.id === 'tenure')!
    expect(r.result).toBe('pass')
    expect(r.reason).toContain('累计 5年10个月')
  })
})

describe('条例 第九条: no 破格 in 任职试用期 or within a year of the promotion (豁免 refused)', () => {
  const app = (start: string, end: string | null, level: string, title: string) => ({ start, end, title, level, rank: null })
  it.each<[string, Partial<CadreFacts>, 'clear' | 'in' | 'unknown', string]>([
    [
      '条例 第九条: promoted to 副科 2026.03 (任现职务层次时间) — not a year yet',
      { levelDate: '2026-03' },
      'in',
      '条例 第九条：2026.03 任副科（任现职务层次时间），至 2027.03 方满一年',
    ],
    [
      '条例 第九条: the anniversary month itself, day not recorded — 待核实, never clear',
      { levelDate: '2025-11' },
      'unknown',
      '待核实',
    ],
    ['条例 第九条: promoted 2025.10 — a year has passed', { levelDate: '2025-10' }, 'clear', '已满一年'],
    [
      '条例 第九条: from the 任职经历, the first start at the level counts (a lateral move later does not restart it)',
      {
        appointments: [
          app('2024-01', '2026-06', '副科', '某镇副镇长'),
          app('2026-06', null, '副科', '县某局副局长'),
        ],
      },
      'clear',
      '2024.01 任副科（任职经历）',
    ],
    [
      '条例 第九条: only 任现职务时间 known (2026.02): read on the safe side',
      { positionDate: '2026-02' },
      'in',
      '2026.02 任副科（任现职务时间）',
    ],
    [
      '条例 第九条: no date at all for a 副科 — 待核实',
      { positionDate: null, levelDate: null },
      'unknown',
      '均未填写',
    ],
    ['条例 第九条: a 一般干部 has no 提拔任职 to wait for', { positionLevel: '一般干部' }, 'clear', '一般干部'],
    ['条例 第九条: a level the rules cannot read — 待核实', { positionLevel: '科长' }, 'unknown', '“科长”无法识别'],
    [
      '公务员法 第三十四条: newly recruited 2026.01 — in 试用期 for a year',
      { workStartDate: '2026-01', positionLevel: '一般干部' },
      'in',
      '公务员法 第三十四条',
    ],
  ])('%s', (_article, over, state, text) => {
    const r = probationBar(facts(over), '2026-11-23')
    expect(r.state, r.reason).toBe(state)
    expect(r.reason).toContain(text)
  })
})

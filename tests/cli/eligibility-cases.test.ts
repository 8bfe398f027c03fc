/**
 * Issue 10 from outside: cases written as an exchange file, loaded with `load`, judged with
 * `eligibility --json` — one row per case, each naming the article. Then `dump` → `load` → `dump`
 * keeps the new fields (appointments, investigations, probationMonths, inLieuOf, settledAbroad,
 * levelDate) byte for byte, and an exchange file with unknown names and keys loads with warnings.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../main/cli/index'
import { makeIdCard } from '../../main/domain/idcard'

const AT = '2026-11-23'
let dir: string

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const w = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s)
    return true
  })
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s)
    return true
  })
  try {
    return { code: await runCli(args), out, err }
  } finally {
    w.mockRestore()
    e.mockRestore()
  }
}

/** A 副科 who meets every 正科 rule on AT unless a case says otherwise. */
function cadre(n: number, name: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const birth = typeof over.birthDate === 'string' ? over.birthDate : '1985-03'
  return {
    idCard: makeIdCard('620102', `${birth.replace('-', '')}15`, 10 + n),
    name,
    gender: (10 + n) % 2 ? '男' : '女',
    birthDate: birth,
    politicalStatus: '中共党员',
    partyJoinDate: '2006-06',
    workStartDate: '2005-07',
    eduFullTime: '大学',
    unit: '清川县财政局',
    position: '副局长',
    positionLevel: '副科',
    positionDate: '2022-05',
    rank: '一级科员',
    rankDate: '2019-05',
    status: '在职',
    assessments: [{ year: 2025, kind: '年度考核', grade: '称职' }],
    reserve: [{ level: '正科级后备', entryDate: '2025-03', status: '在库' }],
    postings: [{ kind: '第一书记', place: '某某村', start: '2021-06', end: '2023-06' }],
    ...over,
  }
}

// [case, cadre overrides, eligible (null = 待核实), rule that decides, its result]
const CASES: [string, Record<string, unknown>, boolean | null, string, string][] = [
  ['baseline: every 正科 rule met', {}, true, 'tenure', 'pass'],
  [
    '纪律处分条例: 党内严重警告 is 严重警告, 18 months',
    { discipline: [{ date: '2025-11-01', system: '党纪', measure: '党内严重警告' }] },
    false,
    'discipline',
    'fail',
  ],
  [
    'a typo 严重警吿 is 待核实, never 符合',
    { discipline: [{ date: '2025-11-01', system: '党纪', measure: '严重警吿' }] },
    null,
    'discipline',
    'unknown',
  ],
  [
    '纪律处分条例 留党察看: 察看期一年 + 二年, still running',
    { discipline: [{ date: '2024-01-10', system: '党纪', measure: '留党察看', probationMonths: 12 }] },
    false,
    'discipline',
    'fail',
  ],
  [
    '纪律处分条例 撤销党内职务: 严重警告 in lieu of it runs 24 months (month 20)',
    { discipline: [{ date: '2025-03-01', system: '党纪', measure: '严重警告', inLieuOf: '撤销党内职务' }] },
    false,
    'discipline',
    'fail',
  ],
  [
    '诫勉规定 2019: 书面诫勉 blocks 6 months',
    { talks: [{ date: '2026-08-03', kind: '书面诫勉' }] },
    false,
    'admonishment',
    'fail',
  ],
  [
    '组织处理规定: 责令辞职 two years',
    { discipline: [{ date: '2025-06-01', system: '组织处理', measure: '责令辞职' }] },
    false,
    'admonishment',
    'fail',
  ],
  [
    '条例 第二十四条（五）: spouse settled abroad',
    { family: [{ relation: '妻子', name: '李某', settledAbroad: true }] },
    false,
    'family-abroad',
    'fail',
  ],
  [
    '管理办法: lateral move 副镇长 → 副局长 keeps the time at 副科',
    {
      positionDate: '2026-01',
      appointments: [
        { start: '2020-06', end: '2026-01', unit: '某镇', title: '副镇长', level: '副科' },
        { start: '2026-01', unit: '清川县财政局', title: '副局长', level: '副科', docNo: '清组〔2026〕1号' },
      ],
    },
    true,
    'tenure',
    'pass',
  ],
  ['条例 第八条（四）: 中等专科 is below 大专', { eduFullTime: '中等专科' }, false, 'education', 'fail'],
  ['本县年龄要求: 45周岁以下 includes 45', { birthDate: '1981-11' }, true, 'age', 'pass'],
]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'elig-cases-'))
  const doc = {
    format: 'cadre-exchange',
    version: 1,
    units: [{ name: '清川县财政局' }],
    cadres: CASES.map(([, over], i) => cadre(i + 1, `例${i + 1}`, over)).concat([
      cadre(90, '已是正科', { positionLevel: '正科' }),
      cadre(91, '立案中'),
    ]),
    eligibilityReviews: [
      {
        idCard: makeIdCard('620102', '19850315', 101),
        investigations: [{ since: '2026-10-01', closedOn: null, note: '县纪委监委立案' }],
      },
    ],
  }
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(doc))
  const r = await cli(['load', join(dir, 'cases.json'), '--db', join(dir, 'a.db'), '--json'])
  expect(r.code, r.err).toBe(0)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('eligibility through the exchange file', () => {
  let results: {
    name: string
    eligible: boolean | null
    rules: { id: string; result: string; reason: string }[]
  }[]
  beforeAll(async () => {
    const r = await cli([
      'eligibility',
      '--db',
      join(dir, 'a.db'),
      '--target',
      'section-chief',
      '--at',
      AT,
      '--json',
    ])
    expect(r.code, r.err).toBe(0)
    results = (JSON.parse(r.out) as { results: typeof results }).results
  })

  it.each(CASES.map((c, i) => [c[0], i, c[2], c[3], c[4]] as const))(
    '%s',
    (_article, i, eligible, rule, result) => {
      const row = results.find((x) => x.name === `例${i + 1}`)!
      const r = row.rules.find((x) => x.id === rule)!
      expect(r.result, r.reason).toBe(result)
      expect(row.eligible).toBe(eligible)
    },
  )

  it('leaves out a cadre already at 正科; 立案审查 (条例 第二十四条（六）) from the file fails', () => {
    expect(results.some((x) => x.name === '已是正科')).toBe(false)
    const inv = results.find((x) => x.name === '立案中')!
    expect(inv.eligible).toBe(false)
    expect(inv.rules.find((x) => x.id === 'investigation')!.reason).toContain('县纪委监委立案')
  })

  it('dump → load → dump is identical with the new fields', async () => {
    const one = join(dir, 'one.json')
    const two = join(dir, 'two.json')
    expect((await cli(['dump', '--db', join(dir, 'a.db'), '--out', one])).code).toBe(0)
    expect((await cli(['load', one, '--db', join(dir, 'b.db'), '--json'])).code).toBe(0)
    expect((await cli(['dump', '--db', join(dir, 'b.db'), '--out', two])).code).toBe(0)
    const strip = (s: string) => s.replace(/"exportedAt":\s*"[^"]*"/, '')
    const a = readFileSync(one, 'utf8')
    expect(strip(readFileSync(two, 'utf8'))).toBe(strip(a))
    for (const key of [
      '"appointments"',
      '"probationMonths":12',
      '"inLieuOf":"撤销党内职务"',
      '"settledAbroad":true',
      '"docNo":"清组〔2026〕1号"',
      '"investigations"',
    ])
      expect(a).toContain(key)
  })

  it('an unknown measure, kind or grade loads with a warning per value; unknown keys are named', async () => {
    const doc = {
      format: 'cadre-exchange',
      version: 1,
      units: [],
      cadres: [
        cadre(50, '未知名称', {
          discipline: [{ date: '2025-01-01', system: '党纪', measure: '严重警吿' }],
          talks: [{ date: '2026-01-01', kind: '诫免谈话', mood: '严肃' }],
          assessments: [{ year: 2025, kind: '年度考核', grade: '优等' }],
        }),
      ],
      custodyNotes: [],
    }
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(doc))
    const r = await cli(['load', join(dir, 'bad.json'), '--db', join(dir, 'c.db'), '--json'])
    expect(r.code, r.err).toBe(0)
    const rep = JSON.parse(r.out) as { inserted: number; warnings: { message: string }[] }
    expect(rep.inserted).toBe(1)
    const text = rep.warnings.map((w) => w.message).join('\n')
    expect(text).toContain('处分第 1 项：党纪处分种类“严重警吿”不是规定的名称')
    expect(text).toContain('谈话第 1 项：谈话类型“诫免谈话”不是规定的名称')
    expect(text).toContain('年度考核第 1 项：考核等次“优等”不是规定的名称')
    expect(text).toContain('谈话中未识别的字段“mood”已忽略')
    expect(text).toContain('交换文件中未识别的部分“custodyNotes”已忽略')
    const d = await cli(['dump', '--db', join(dir, 'c.db')])
    expect(d.out).toContain('"measure":"严重警吿"') // kept as typed
  })
})

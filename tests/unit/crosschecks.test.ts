/**
 * Cross-checks shown as warnings (issue 10): one row per case, each naming the article that
 * decides it (main/records/crosschecks.ts).
 */
import { describe, expect, it } from 'vitest'
import type { ImpactRecord } from '../../main/domain/impact'
import {
  CROSS_CHECK_ARTICLES,
  exchangeCrossChecks,
  gradeChecks,
  poolChecks,
  type CrossCheckCode,
  type RefRecord,
} from '../../main/records/crosschecks'

const talk = (date: string, kind: string): RefRecord => ({ ref: `t${date}`, record: { source: 'talk', date, kind } })
const sanction = (date: string, system: string, measure: string, extra: Partial<ImpactRecord> = {}): RefRecord => ({
  ref: `d${date}`,
  record: { source: 'discipline', date, system, measure, ...extra } as ImpactRecord,
})

describe('a grade against the same year’s 诫勉 and 政务处分', () => {
  const rows: {
    name: string
    article: string
    year: number
    grade: string
    kind?: string
    records: RefRecord[]
    want: CrossCheckCode[]
    says?: string
  }[] = [
    {
      name: '优秀 in the year of a 诫勉谈话',
      article: '诫勉规定（2019）',
      year: 2025,
      grade: '优秀',
      records: [talk('2025-03-10', '诫勉谈话')],
      want: ['excellent-admonished'],
      says: '2025.03.10 受到诫勉谈话',
    },
    {
      name: '优秀 in the year of a 书面诫勉 (the other form of 诫勉)',
      article: '诫勉规定（2019）',
      year: 2025,
      grade: '优秀',
      records: [talk('2025-11-30', '书面诫勉')],
      want: ['excellent-admonished'],
    },
    {
      name: '优秀等次 (a variant) in the year of 谈话诫勉 (a variant)',
      article: '诫勉规定（2019）',
      year: 2025,
      grade: '优秀等次',
      records: [talk('2025-06-01', '谈话诫勉')],
      want: ['excellent-admonished'],
    },
    {
      name: '称职 in the year of a 诫勉: allowed',
      article: '诫勉规定（2019）',
      year: 2025,
      grade: '称职',
      records: [talk('2025-03-10', '诫勉谈话')],
      want: [],
    },
    {
      name: '优秀 the year after a 诫勉 (its 6 months ran into the year): allowed',
      article: '诫勉规定（2019）',
      year: 2026,
      grade: '优秀',
      records: [talk('2025-09-10', '诫勉谈话')],
      want: [],
    },
    {
      name: '优秀 in a year with only a 提醒谈话: allowed',
      article: '诫勉规定（2019）',
      year: 2025,
      grade: '优秀',
      records: [talk('2025-03-10', '提醒谈话')],
      want: [],
    },
    {
      name: '优秀 in a 平时考核 is not the annual grade',
      article: '诫勉规定（2019）',
      year: 2025,
      grade: '优秀',
      kind: '平时考核',
      records: [talk('2025-03-10', '诫勉谈话')],
      want: [],
    },
    {
      name: '优秀 in the year of a 政务警告',
      article: '公务员考核规定（试行）第二十五条（一）',
      year: 2024,
      grade: '优秀',
      records: [sanction('2024-05-01', '政务', '警告')],
      want: ['excellent-warned'],
      says: '受警告处分的当年',
    },
    {
      name: '优秀 the year after a 政务警告 of December (6 months into the next year): allowed',
      article: '公务员考核规定（试行）第二十五条（一）',
      year: 2025,
      grade: '优秀',
      records: [sanction('2024-12-20', '行政处分', '行政警告')],
      want: [],
    },
    {
      name: '称职 in the year of a 政务警告: allowed',
      article: '公务员考核规定（试行）第二十五条（一）',
      year: 2024,
      grade: '称职',
      records: [sanction('2024-05-01', '政务', '警告')],
      want: [],
    },
    {
      name: '称职 while a 记过 runs at the year’s end',
      article: '公务员考核规定（试行）第二十五条（二）；政务处分法 第八条',
      year: 2024,
      grade: '称职',
      records: [sanction('2024-05-01', '政务', '记过')],
      want: ['graded-in-sanction'],
      says: '2024.05.01 至 2025.05.01',
    },
    {
      name: '优秀 while a 记大过 runs: one warning (不定等次 is due)',
      article: '公务员考核规定（试行）第二十五条（二）；政务处分法 第八条',
      year: 2025,
      grade: '优秀',
      records: [sanction('2024-09-01', '政务', '记大过')],
      want: ['graded-in-sanction'],
    },
    {
      name: '不定等次 while a 降级 runs: as the rule says',
      article: '公务员考核规定（试行）第二十五条（二）；政务处分法 第八条',
      year: 2025,
      grade: '不定等次',
      records: [sanction('2024-09-01', '政务', '降级')],
      want: [],
    },
    {
      name: '称职 in the year a 记过 is lifted (not affected)',
      article: '公务员考核规定（试行）第二十五条（二）；政务处分法 第八条',
      year: 2025,
      grade: '称职',
      records: [sanction('2024-05-01', '政务', '记过')],
      want: [],
    },
    {
      name: '称职 the year before a 撤职: not affected',
      article: '公务员考核规定（试行）第二十五条（二）；政务处分法 第八条',
      year: 2023,
      grade: '称职',
      records: [sanction('2024-05-01', '政务', '撤职')],
      want: [],
    },
    {
      name: 'a 记过 stacked on a running 记大过 reaches into the next year (政务处分法: remainder + new)',
      article: '公务员考核规定（试行）第二十五条（二）；政务处分法 第八条',
      year: 2026,
      grade: '称职',
      records: [sanction('2025-01-10', '政务', '记大过'), sanction('2025-06-01', '政务', '记过')],
      want: ['graded-in-sanction'],
    },
    {
      name: '优秀 in the year of a 党内警告',
      article: '组通字〔1998〕19号 第一条',
      year: 2025,
      grade: '优秀',
      records: [sanction('2025-04-02', '党纪', '党内警告')],
      want: ['party-warned-excellent'],
      says: '2025.04.02 受到党内警告处分：受党内警告处分的当年，年度考核不得确定为优秀等次',
    },
    {
      name: '称职 in the year of a 党内警告: allowed',
      article: '组通字〔1998〕19号 第一条',
      year: 2025,
      grade: '称职',
      records: [sanction('2025-04-02', '党纪', '警告')],
      want: [],
    },
    {
      name: '优秀 the year after a 党内警告: allowed',
      article: '组通字〔1998〕19号 第一条',
      year: 2026,
      grade: '优秀',
      records: [sanction('2025-04-02', '党纪', '警告')],
      want: [],
    },
    {
      name: '称职 in the year of a 严重警告 (只写评语不确定等次, or 不称职 for a fault in office)',
      article: '组通字〔1998〕19号 第二条',
      year: 2025,
      grade: '称职',
      records: [sanction('2025-02-01', '党纪', '严重警告')],
      want: ['party-serious-warned'],
      says: '只写评语、不确定等次',
    },
    {
      name: '不定等次 in the year of a 严重警告: allowed',
      article: '组通字〔1998〕19号 第二条',
      year: 2025,
      grade: '不定等次',
      records: [sanction('2025-02-01', '党纪', '党内严重警告处分')],
      want: [],
    },
    {
      name: '不称职 in the year of a 严重警告 (a fault in office): allowed',
      article: '组通字〔1998〕19号 第二条',
      year: 2025,
      grade: '不称职',
      records: [sanction('2025-02-01', '党纪', '严重警告')],
      want: [],
    },
    {
      name: '称职 in the year of 撤销党内职务 (确定为不称职)',
      article: '组通字〔1998〕19号 第三条',
      year: 2025,
      grade: '称职',
      records: [sanction('2025-09-09', '党纪', '撤销党内职务')],
      want: ['party-post-removed'],
      says: '受到撤销党内职务处分：受撤销党内职务处分的当年，年度考核确定为不称职',
    },
    {
      name: '称职 the year after 撤销党内职务: graded by its rules again',
      article: '组通字〔1998〕19号 第三条',
      year: 2026,
      grade: '称职',
      records: [sanction('2025-09-09', '党纪', '撤销党内职务')],
      want: [],
    },
    {
      name: '不定等次 in the year of 留党察看 (确定为不称职)',
      article: '组通字〔1998〕19号 第四条',
      year: 2025,
      grade: '不定等次',
      records: [sanction('2025-03-01', '党纪', '留党察看一年')],
      want: ['party-probation'],
    },
    {
      name: '称职 in the second year of 留党察看一年 (只写评语不确定等次)',
      article: '组通字〔1998〕19号 第四条',
      year: 2026,
      grade: '称职',
      records: [sanction('2025-03-01', '党纪', '留党察看一年')],
      want: ['party-probation'],
      says: '受留党察看处分的第二年参加年度考核只写评语，不确定等次',
    },
    {
      name: '称职 in the third year of 留党察看一年: allowed',
      article: '组通字〔1998〕19号 第四条',
      year: 2027,
      grade: '称职',
      records: [sanction('2025-03-01', '党纪', '留党察看一年')],
      want: [],
    },
    {
      name: '称职 in the third year of 留党察看二年 (察看期 recorded apart)',
      article: '组通字〔1998〕19号 第四条',
      year: 2027,
      grade: '称职',
      records: [sanction('2025-03-01', '党纪', '留党察看', { probationMonths: 24 })],
      want: ['party-probation'],
      says: '受留党察看二年处分的第三年',
    },
    {
      name: '称职 in the third year of a 留党察看 whose 察看期 is not recorded: not judged',
      article: '组通字〔1998〕19号 第四条',
      year: 2027,
      grade: '称职',
      records: [sanction('2025-03-01', '党纪', '留党察看')],
      want: [],
    },
    {
      name: '称职 in the year of 开除党籍 (确定为不称职)',
      article: '组通字〔1998〕19号 第五条',
      year: 2025,
      grade: '称职',
      records: [sanction('2025-05-05', '党纪', '开除党籍')],
      want: ['party-expelled'],
      says: '受到开除党籍处分',
    },
    {
      name: '基本称职 in the third year after 开除党籍 (只写评语不确定等次)',
      article: '组通字〔1998〕19号 第五条',
      year: 2027,
      grade: '基本称职',
      records: [sanction('2025-05-05', '党纪', '开除党籍')],
      want: ['party-expelled'],
    },
    {
      name: '不称职 in a year of both 撤销党内职务 and a running 政务 记过: the 党纪 measure decides (第七条), no 政务 warning',
      article: '组通字〔1998〕19号 第三条；组通字〔1998〕19号 第七条',
      year: 2025,
      grade: '不称职',
      records: [sanction('2025-02-01', '政务', '记过'), sanction('2025-03-01', '党纪', '撤销党内职务')],
      want: [],
    },
    {
      name: '组织处理 gives no grade warning (the text of 组织处理规定（试行） binding the grade was not found)',
      article: '中国共产党组织处理规定（试行）',
      year: 2025,
      grade: '优秀',
      records: [sanction('2025-02-01', '组织处理', '免职')],
      want: [],
    },
    {
      name: 'an unknown measure gives no cross-check (its name is warned about as unknown)',
      article: '公务员考核规定（试行）第二十五条（二）',
      year: 2025,
      grade: '称职',
      records: [sanction('2025-02-01', '政务', '记大过处分决定')],
      want: [],
    },
  ]
  it.each(rows)('$name ($article)', (r) => {
    const got = gradeChecks({ year: r.year, kind: r.kind ?? '年度考核', grade: r.grade }, r.records)
    expect(got.map((g) => g.code)).toEqual(r.want)
    for (const g of got) {
      expect(g.article).toBe(CROSS_CHECK_ARTICLES[g.code])
      expect(r.article).toContain(g.article.split('；')[0]!)
      expect(g.message).toContain(g.article)
      expect(g.message).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    }
    if (r.says) expect(got[0]?.message).toContain(r.says)
  })
})

describe('adding to the reserve pool', () => {
  const rows: {
    name: string
    article: string
    level: string
    month: string
    positionLevel: string | null
    rank: string | null
    records?: RefRecord[]
    investigation?: { since: string | null }
    want: CrossCheckCode[]
    says?: string
  }[] = [
    {
      name: '一般干部 into 副科级后备: fine',
      article: '条例 第八条（三）',
      level: '副科级后备',
      month: '2026-11',
      positionLevel: '一般干部',
      rank: '一级科员',
      want: [],
    },
    {
      name: '副科 into 正科级后备: fine',
      article: '条例 第八条（三）',
      level: '正科级后备',
      month: '2026-11',
      positionLevel: '副科',
      rank: null,
      want: [],
    },
    {
      name: '科员 into 正科级后备: below the pool’s level',
      article: '条例 第八条（三）；公务员职务、职级与级别管理办法',
      level: '正科级后备',
      month: '2026-11',
      positionLevel: '科员',
      rank: '一级科员',
      want: ['pool-below-level'],
      says: '正科须从副科（或四级主任科员及以上职级）提任',
    },
    {
      name: '四级主任科员 (no leadership post) into 正科级后备: the 管理办法 path allows it',
      article: '公务员职务、职级与级别管理办法',
      level: '正科级后备',
      month: '2026-11',
      positionLevel: null,
      rank: '四级主任科员',
      want: [],
    },
    {
      name: '正科 into 正科级后备: already at the level',
      article: '本县后备干部管理规定',
      level: '正科级后备',
      month: '2026-11',
      positionLevel: '正科级',
      rank: null,
      want: ['pool-at-level'],
    },
    {
      name: '副科 into 副科级后备: already at the level',
      article: '本县后备干部管理规定',
      level: '副科级后备',
      month: '2026-11',
      positionLevel: '副科',
      rank: null,
      want: ['pool-at-level'],
    },
    {
      name: 'a pool level the vocabulary does not know: said',
      article: '本县后备干部管理规定',
      level: '科级后备',
      month: '2026-11',
      positionLevel: '副科',
      rank: null,
      want: ['pool-level-name'],
    },
    {
      name: '副科 into 副科级后备干部 (a variant): already at the level',
      article: '本县后备干部管理规定',
      level: '副科级后备干部',
      month: '2026-11',
      positionLevel: '副科',
      rank: null,
      want: ['pool-at-level'],
    },
    {
      name: 'no level and no rank recorded: said, not passed over',
      article: '条例 第八条（三）',
      level: '正科级后备',
      month: '2026-11',
      positionLevel: null,
      rank: null,
      want: ['pool-level-unknown'],
    },
    {
      name: 'in a 诫勉 period in the entry month',
      article: '条例 第二十四条（六）',
      level: '副科级后备',
      month: '2026-11',
      positionLevel: '一般干部',
      rank: null,
      records: [talk('2026-08-03', '诫勉谈话')],
      want: ['pool-impact'],
      says: '至 2027.02.03',
    },
    {
      name: 'a 诫勉 whose period ended before the entry month: fine',
      article: '条例 第二十四条（六）',
      level: '副科级后备',
      month: '2026-11',
      positionLevel: '一般干部',
      rank: null,
      records: [talk('2026-03-03', '诫勉谈话')],
      want: [],
    },
    {
      name: '留党察看一年 (12 + 24 months) still running',
      article: '条例 第二十四条（六）',
      level: '副科级后备',
      month: '2026-11',
      positionLevel: '一般干部',
      rank: null,
      records: [sanction('2024-06-01', '党纪', '留党察看一年')],
      want: ['pool-impact'],
      says: '至 2027.06.01',
    },
    {
      name: 'a measure the rules cannot read: 待核实, said',
      article: '条例 第二十四条（六）',
      level: '副科级后备',
      month: '2026-11',
      positionLevel: '一般干部',
      rank: null,
      records: [sanction('2026-02-01', '党纪', '严重警吿')],
      want: ['pool-impact'],
      says: '无法判断',
    },
    {
      name: 'under 立案审查',
      article: '条例 第二十四条（六）',
      level: '副科级后备',
      month: '2026-11',
      positionLevel: '一般干部',
      rank: null,
      investigation: { since: '2026-09-01' },
      want: ['pool-investigation'],
      says: '2026.09.01 起',
    },
  ]
  it.each(rows)('$name ($article)', (r) => {
    const got = poolChecks(
      { level: r.level, entryMonth: r.month, positionLevel: r.positionLevel, rank: r.rank },
      r.records ?? [],
      r.investigation ?? null,
    )
    expect(got.map((g) => g.code)).toEqual(r.want)
    for (const g of got) {
      expect(r.article).toContain(g.article.split('；')[0]!)
      expect(g.message).toContain(g.article)
    }
    if (r.says) expect(got[0]?.message).toContain(r.says)
  })
})

describe('an exchange file’s cadre', () => {
  it('warns about 优秀 in a 诫勉 year and a pool entry inside an impact period, naming the item (诫勉规定; 条例 第二十四条（六）)', () => {
    const got = exchangeCrossChecks({
      assessments: [
        { year: 2024, kind: '年度考核', grade: '称职' },
        { year: 2025, kind: '年度考核', grade: '优秀' },
      ],
      talks: [{ date: '2025-04-01', kind: '诫勉谈话' }],
      reserve: [{ level: '副科级后备', entryDate: '2025-06', status: '在库' }],
    })
    expect(got.map((g) => [g.key, g.message.slice(0, 14)])).toEqual([
      ['assessments', '年度考核第 2 项：2025'],
      ['reserve', '后备干部第 1 项：2025'],
    ])
  })
})

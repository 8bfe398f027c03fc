/** The cadre the eligibility tests start from (tests/unit/eligibility-law.test.ts and
 *  eligibility-rules.test.ts): a 副科 who meets every default rule for 正科 on 2026-11-23. */
import type { CadreFacts } from '../../main/eligibility/evaluate'

export function cadreFacts(over: Partial<CadreFacts> = {}): CadreFacts {
  return {
    id: 1,
    idCard: '620102198503150012',
    name: '张三',
    unit: '某某镇',
    position: '某某镇党委副书记',
    birthDate: '1985-03',
    workStartDate: '2005-07',
    partyJoinDate: '2004-06',
    politicalStatus: '中共党员',
    positionLevel: '副科',
    positionDate: '2022-05',
    rank: '三级主任科员',
    rankDate: '2021-05',
    eduFullTime: '大学',
    eduInService: null,
    assessments: [{ year: 2025, kind: '年度考核', grade: '称职' }],
    discipline: [],
    talks: [],
    reserve: [{ level: '正科级后备', status: '在库', entryDate: '2025-03' }],
    postings: [{ kind: '第一书记', place: '某某村', start: '2021-06', end: '2023-06' }],
    investigation: null,
    ...over,
  }
}

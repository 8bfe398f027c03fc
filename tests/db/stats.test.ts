/**
 * 统计分析 against counts computed independently: the demo county's cadres read row by row and
 * counted in plain TypeScript (no SQL aggregate), compared with the SQL statistics; the age bands
 * at birthday months; the status at a past date read back from the audit log; the scopes; the
 * period counts; the command line's document shape.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import { setCadreStatus } from '../../main/services/cadres'
import type { AppContext } from '../../main/services/context'
import { loadDemo } from '../../main/services/demo'
import { AGE_BANDS, computeStats, type AgeBand } from '../../main/stats/compute'
import { inProc } from '../cli/in-proc'
import { memoryContext } from '../context'

const AT = '2026-11-30'

interface Row {
  id: number
  gender: string | null
  birth: string | null
  ethnicity: string | null
  ps: string | null
  level: string | null
  rank: string | null
  ft: string | null
  ins: string | null
  unit_id: number | null
  status: string
}

/** Full years at `at`, birthday from the first day of the birth month: written out longhand. */
function ageOf(birth: string, at: string): number {
  const [by, bm] = birth.split('-').map(Number) as [number, number]
  const [ay, am] = at.split('-').map(Number) as [number, number]
  let age = ay - by
  if (am < bm) age -= 1
  return age
}

function bandOf(age: number): AgeBand {
  if (age <= 35) return '≤35'
  if (age <= 40) return '36-40'
  if (age <= 45) return '41-45'
  if (age <= 50) return '46-50'
  if (age <= 55) return '51-55'
  return '≥56'
}

const EDU_ORDER = ['研究生', '大学', '大专', '中专', '高中及以下']
function eduClass(v: string | null): string | null {
  if (!v) return null
  if (v === '研究生') return '研究生'
  if (v === '大学' || v === '大学本科' || v === '本科') return '大学'
  if (v === '大专' || v === '大学专科') return '大专'
  if (v === '中专' || v === '中等专科') return '中专'
  if (v === '高中' || v === '初中' || v === '小学') return '高中及以下'
  return '其他（待核实）'
}

function independent(rows: Row[]) {
  const active = rows.filter((r) => r.status === '在职')
  const ages = active.filter((r) => r.birth).map((r) => ageOf(r.birth!, AT))
  const bands = Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<AgeBand, number>
  for (const a of ages) bands[bandOf(a)]++
  const byLevel: Record<string, number> = {}
  for (const r of active) byLevel[r.level || '未填'] = (byLevel[r.level || '未填'] ?? 0) + 1
  const highest: Record<string, number> = {}
  for (const r of active) {
    const a = eduClass(r.ft)
    const b = eduClass(r.ins)
    const known = [a, b].filter((x): x is string => !!x && EDU_ORDER.includes(x))
    const h = known.length
      ? known.sort((x, y) => EDU_ORDER.indexOf(x) - EDU_ORDER.indexOf(y))[0]!
      : (a ?? b ?? '未填')
    highest[h] = (highest[h] ?? 0) + 1
  }
  return {
    total: active.length,
    women: active.filter((r) => r.gender === '女').length,
    minorities: active.filter((r) => r.ethnicity && r.ethnicity !== '汉族').length,
    nonParty: active.filter((r) => r.ps && r.ps !== '中共党员' && r.ps !== '中共预备党员').length,
    averageAge: Math.round((ages.reduce((s, a) => s + a, 0) / ages.length) * 10) / 10,
    bands,
    byLevel,
    highest,
  }
}

function readRows(ctx: AppContext): Row[] {
  return ctx.db
    .prepare(
      `SELECT id, gender, birth_date AS birth, ethnicity, political_status AS ps, position_level AS level, rank,
         edu_full_time AS ft, edu_in_service AS ins, unit_id, status FROM cadres`,
    )
    .all() as Row[]
}

describe('statistics on the demo county', () => {
  let ctx: AppContext
  beforeAll(() => {
    ctx = memoryContext({ at: AT })
    loadDemo(ctx, { count: 2000 })
  })

  it('agree with counts made row by row', () => {
    const want = independent(readRows(ctx))
    const got = computeStats(ctx, { at: AT })
    expect(got.all.total).toBe(want.total)
    expect(got.all.total).toBeGreaterThan(1500)
    expect(got.all.women).toBe(want.women)
    expect(got.all.minorities).toBe(want.minorities)
    expect(got.all.nonParty).toBe(want.nonParty)
    expect(got.all.averageAge).toBe(want.averageAge)
    expect(got.all.ageBands).toEqual(want.bands)
    const levels = Object.fromEntries(got.byLevel.filter((l) => l.total > 0).map((l) => [l.level, l.total]))
    expect(levels).toEqual(want.byLevel)
    const highest = Object.fromEntries(Object.entries(got.all.highest).filter(([, v]) => v > 0))
    expect(highest).toEqual(want.highest)
    // Every level row's figures add up to the whole.
    expect(got.byLevel.reduce((s, l) => s + l.women, 0)).toBe(want.women)
  })

  it('narrows to a unit kind and to a unit with the units below it', () => {
    const rows = readRows(ctx)
    const kinds = ctx.db.prepare('SELECT id, kind, parent_id FROM units').all() as {
      id: number
      kind: string | null
      parent_id: number | null
    }[]
    const township = new Set(kinds.filter((u) => u.kind === '乡镇').map((u) => u.id))
    const want = independent(rows.filter((r) => r.unit_id !== null && township.has(r.unit_id)))
    const got = computeStats(ctx, { at: AT, scope: { kind: 'unitKind', value: '乡镇' } })
    expect(got.all.total).toBe(want.total)
    expect(got.all.women).toBe(want.women)
    expect(got.all.ageBands).toEqual(want.bands)
    expect(got.scope.label).toBe('乡镇')

    const parent = kinds.find((u) => kinds.some((c) => c.parent_id === u.id))!
    const sub = new Set([parent.id, ...kinds.filter((c) => c.parent_id === parent.id).map((c) => c.id)])
    const wantUnit = independent(rows.filter((r) => r.unit_id !== null && sub.has(r.unit_id)))
    const gotUnit = computeStats(ctx, { at: AT, scope: { kind: 'unit', unitId: parent.id } })
    expect(gotUnit.all.total).toBe(wantUnit.total)
    expect(gotUnit.all.nonParty).toBe(wantUnit.nonParty)
  })

  it('counts talks, 诫勉, sanctions, promotions, adjustments and recalls in the period', () => {
    const from = '2026-01-01'
    const to = AT
    const talks = ctx.db.prepare('SELECT kind, date FROM talks').all() as { kind: string; date: string }[]
    const disc = ctx.db.prepare('SELECT system, date FROM discipline').all() as {
      system: string
      date: string
    }[]
    const res = ctx.db.prepare('SELECT status, exit_date AS d FROM reserve_entries').all() as {
      status: string
      d: string | null
    }[]
    const inP = (d: string) => d >= from && d <= to
    const got = computeStats(ctx, { at: AT, period: { from, to } }).period
    expect(got.talks).toBe(talks.filter((t) => inP(t.date)).length)
    expect(got.talks).toBeGreaterThan(0)
    expect(got.admonitions).toBe(talks.filter((t) => inP(t.date) && /诫勉/.test(t.kind)).length)
    expect(got.recalls).toBe(talks.filter((t) => inP(t.date) && t.kind === '召回').length)
    expect(got.sanctions).toBe(disc.filter((d) => inP(d.date) && d.system !== '组织处理').length)
    expect(got.adjustments).toBe(disc.filter((d) => inP(d.date) && d.system === '组织处理').length)
    expect(got.promotions).toBe(
      res.filter((r) => r.status === '已使用' && r.d && r.d >= '2026-01' && r.d <= '2026-11').length,
    )
  })
})

describe('age bands at birthday months', () => {
  // At 2026-11-30: born 1991-11 is 35 (≤35); born 1990-11 is 36; born 1990-12 is still 35.
  it.each<[string, AgeBand]>([
    ['1991-12', '≤35'],
    ['1990-12', '≤35'],
    ['1990-11', '36-40'],
    ['1986-11', '36-40'],
    ['1985-12', '36-40'],
    ['1985-11', '41-45'],
    ['1980-12', '41-45'],
    ['1980-11', '46-50'],
    ['1976-11', '46-50'],
    ['1975-12', '46-50'],
    ['1975-11', '51-55'],
    ['1971-11', '51-55'],
    ['1970-12', '51-55'],
    ['1970-11', '≥56'],
  ])('born %s is in %s at 2026-11-30', (birth, band) => {
    const ctx = memoryContext({ at: AT })
    ctx.db
      .prepare(
        `INSERT INTO cadres (id_card, name, gender, birth_date, created_at, updated_at) VALUES ('A', '某', '男', ?, 'x', 'x')`,
      )
      .run(birth)
    const s = computeStats(ctx, { at: AT })
    expect(s.all.ageBands[band]).toBe(1)
    expect(Object.values(s.all.ageBands).reduce((a, b) => a + b, 0)).toBe(1)
  })
})

describe('status at a past date', () => {
  it('counts a cadre retired since then as 在职 then, and not now', () => {
    const ctx = memoryContext({ at: AT })
    const ins = ctx.db.prepare(
      `INSERT INTO cadres (id_card, name, gender, birth_date, status, created_at, updated_at) VALUES (?, ?, '男', '1966-01', ?, 'x', 'x')`,
    )
    const a = Number(ins.run(makeIdCard('410821', '19660115', 11), '甲', '在职').lastInsertRowid)
    ins.run(makeIdCard('410821', '19660115', 13), '乙', '在职')
    setCadreStatus(ctx, a, '退休', '到龄退休')
    expect(computeStats(ctx, { at: AT }).all.total).toBe(1)
    // The change was recorded today (after 2025-06-30): then both were 在职.
    expect(computeStats(ctx, { at: '2025-06-30' }).all.total).toBe(2)
  })

  it('refuses a date that is not a date, and a period that ends before it starts', () => {
    const ctx = memoryContext({ at: AT })
    expect(() => computeStats(ctx, { at: '2026-13-01' })).toThrow(
      '统计时点“2026-13-01”不是日期（应为 YYYY-MM-DD）',
    )
    expect(() => computeStats(ctx, { period: { from: '2026-05-01', to: '2026-01-01' } })).toThrow(
      '统计期间截止 2026-01-01 早于起始 2026-05-01',
    )
  })
})

describe('stats --json', () => {
  it('prints exactly the keys of the issue', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'stats-')), 'c.db')
    expect((await inProc('demo', '--db', db, '--count', '300')).code).toBe(0)
    const r = await inProc('stats', '--db', db, '--at', AT, '--json')
    const bad = await inProc('stats', '--db', db, '--unit', '不存在的单位', '--json')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout) as Record<string, unknown>
    expect(Object.keys(doc)).toEqual([
      'at',
      'total',
      'women',
      'minorities',
      'nonParty',
      'averageAge',
      'ageBands',
      'byLevel',
      'education',
      'posts',
    ])
    expect(doc['at']).toBe(AT)
    expect(Object.keys(doc['ageBands'] as object)).toEqual(['≤35', '36-40', '41-45', '46-50', '51-55', '≥56'])
    expect(Object.values(doc['byLevel'] as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      doc['total'],
    )
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('单位“不存在的单位”不存在')
  })
})

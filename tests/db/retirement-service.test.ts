/**
 * 到龄 in the database: the 到龄 list (statutory, overdue, local leadership limits, 待补充), the
 * settable 原法定退休年龄 (audited, 50/55/60 only), the roster's 到龄时间 sort and filter, and
 * `list --json` retireDate / retireBaseAge.
 */
import { describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import { makeIdCard } from '../../main/domain/idcard'
import { getCadre, queryCadres, saveCadre } from '../../main/services/cadres'
import type { AppContext } from '../../main/services/context'
import { retireList, setLeaderAgeLimits, setRetireBaseAge } from '../../main/services/retirement'
import { memoryContext } from '../context'
import { addUnit } from './records-helpers'

let seq = 0
function person(
  ctx: AppContext,
  name: string,
  gender: '男' | '女',
  birth: string | null,
  extra: { level?: string; unitId?: number; status?: string; base?: number } = {},
): number {
  seq++
  const idCard = makeIdCard(
    '410821',
    `${birth ?? '1980-01'}-15`.replace(/-/g, ''),
    (seq * 2 + (gender === '男' ? 1 : 0)) % 1000,
  )
  return Number(
    ctx.db
      .prepare(
        `INSERT INTO cadres (id_card, name, gender, birth_date, unit_id, status, position_level, retire_base_age, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')`,
      )
      .run(
        idCard,
        name,
        gender,
        birth,
        extra.unitId ?? null,
        extra.status ?? '在职',
        extra.level ?? null,
        extra.base ?? null,
      ).lastInsertRowid,
  )
}

function setup(): AppContext {
  // "Today" 2026-11-30: this month is 2026-11.
  const ctx = memoryContext({ at: '2026-11-30' })
  const u = addUnit(ctx, '县财政局')
  person(ctx, '甲男', '男', '1965-06', { unitId: u }) // 60 → 2025-06 + 2 = 2025-08: past, still 在职
  person(ctx, '乙女', '女', '1971-07', { unitId: u }) // 55: old 2026-07, n=19, delay 5 → 2026-12
  person(ctx, '丙女五十', '女', '1976-03', { unitId: u, base: 50 }) // DOMAIN example → 2026-11 (this month)
  person(ctx, '丁男', '男', '1968-01', { unitId: u, level: '正科' }) // old 2028-01, n=37, delay 10 → 2028-11
  person(ctx, '戊男退休', '男', '1964-01', { status: '退休' }) // not 在职: never listed
  person(ctx, '己无生日', '男', null)
  person(ctx, '庚年轻', '女', '1990-01')
  return ctx
}

describe('到龄 list', () => {
  it.each<[string, number, boolean, string[]]>([
    ['next 12 months with overdue', 12, true, ['甲男', '丙女五十', '乙女']],
    ['next 12 months without overdue', 12, false, ['丙女五十', '乙女']],
    ['next 24 months', 24, true, ['甲男', '丙女五十', '乙女', '丁男']],
    ['this month only', 0, false, ['丙女五十']],
  ])('%s', (_c, months, includeOverdue, names) => {
    const ctx = setup()
    const l = retireList(ctx, { months, includeOverdue })
    expect(l.rows.map((r) => r.name)).toEqual(names)
    expect(l.missingCount).toBe(1)
    expect(l.missing[0]).toMatchObject({ name: '己无生日', lacks: '出生年月' })
  })

  it('gives the month, the months left and the rule', () => {
    const ctx = setup()
    const l = retireList(ctx, { months: 12 })
    expect(l.from).toBe('2026-11')
    expect(l.until).toBe('2027-11')
    expect(l.rows.map((r) => [r.name, r.date, r.monthsLeft, r.rule])).toEqual([
      ['甲男', '2025-08', -15, '原法定退休年龄 60 岁'],
      ['丙女五十', '2026-11', 0, '原法定退休年龄 50 岁'],
      ['乙女', '2026-12', 1, '原法定退休年龄 55 岁'],
    ])
  })

  it('flags a local limit for leaving a leadership post the same way', () => {
    const ctx = setup()
    setLeaderAgeLimits(ctx, [{ label: '正科级领导职务', levels: ['正科'], gender: null, age: 58 }])
    const l = retireList(ctx, { months: 12 })
    const hit = l.rows.find((r) => r.kind === '退出领导岗位')
    // 丁男 born 1968-01 reaches 58 in 2026-01: past, still in the post.
    expect(hit).toMatchObject({ name: '丁男', date: '2026-01', rule: '正科级领导职务 58 岁' })
    expect(() => setLeaderAgeLimits(ctx, [{ label: '', levels: ['正科'], gender: null, age: 70 }])).toThrow(
      /第 1 条退出领导岗位年龄规则：年龄 70 应在 40–65 岁之间/,
    )
  })
})

describe('原法定退休年龄', () => {
  it('defaults by gender, can be set, is audited and moves the 到龄时间', () => {
    const ctx = setup()
    const id = person(ctx, '辛女', '女', '1976-03')
    expect(getCadre(ctx, id)).toMatchObject({ retireBaseAge: null, retireDate: '2032-10' })
    setRetireBaseAge(ctx, id, 50)
    expect(getCadre(ctx, id)).toMatchObject({ retireBaseAge: 50, retireDate: '2026-11' })
    const audit = ctx.db
      .prepare('SELECT summary FROM audit_log WHERE cadre_id = ? ORDER BY id DESC')
      .pluck()
      .get(id)
    expect(audit).toBe('修改 辛女 的原法定退休年龄：默认（女 55 岁） → 50 岁')
    expect(() => setRetireBaseAge(ctx, id, 58)).toThrow('原法定退休年龄只能是 50、55 或 60 岁（收到 58）')
  })

  it('is saved with the cadre from the editor', () => {
    const ctx = setup()
    const id = person(ctx, '壬女', '女', '1972-02')
    const saved = saveCadre(ctx, { id, retireBaseAge: 55, phone: '123' })
    expect(saved).toMatchObject({ retireBaseAge: 55, retireDate: '2027-09', phone: '123' })
    expect(saveCadre(ctx, { id, retireBaseAge: null }).retireBaseAge).toBeNull()
  })
})

describe('roster 到龄时间 column', () => {
  it('sorts (blanks last) and filters by year or month', () => {
    const ctx = setup()
    const q = (extra: object) =>
      queryCadres(ctx, { offset: 0, limit: 50, ...extra }).rows.map((r) => [r.name, r.retireDate])
    expect(q({ sort: [{ key: 'retireDate', dir: 'asc' }] })).toEqual([
      ['甲男', '2025-08'],
      ['丙女五十', '2026-11'],
      ['乙女', '2026-12'],
      ['丁男', '2028-11'],
      ['庚年轻', '2048-01'],
      ['己无生日', null],
    ])
    expect(q({ filters: { retireDate: { op: 'startsWith', value: '2026' } } })).toEqual([
      ['乙女', '2026-12'],
      ['丙女五十', '2026-11'],
    ])
    expect(q({ filters: { retireDate: { op: 'equals', value: '2026.11' } } })).toEqual([
      ['丙女五十', '2026-11'],
    ])
    expect(q({ filters: { retireDate: { op: 'blank' } } })).toEqual([['己无生日', null]])
  })
})

describe('list --json', () => {
  it('gives each cadre retireDate (YYYY-MM) and retireBaseAge', async () => {
    const { mkdtempSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const db = join(mkdtempSync(join(tmpdir(), 'retire-')), 'c.db')
    const out: string[] = []
    const ow = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((c: string | Uint8Array) => (
      out.push(String(c)),
      true
    )) as typeof process.stdout.write
    try {
      expect(await runCli(['demo', '--db', db, '--count', '200'])).toBe(0)
      out.length = 0
      expect(await runCli(['list', '--db', db, '--json'])).toBe(0)
    } finally {
      process.stdout.write = ow
    }
    const { cadres } = JSON.parse(out.join('')) as {
      cadres: {
        gender: string
        birthDate: string | null
        retireDate: string | null
        retireBaseAge: number | null
      }[]
    }
    expect(cadres).toHaveLength(200)
    for (const c of cadres) {
      expect(c.retireBaseAge).toBe(c.gender === '男' ? 60 : 55)
      if (c.birthDate) expect(c.retireDate).toMatch(/^\d{4}-\d{2}$/)
      else expect(c.retireDate).toBeNull()
    }
  })
})

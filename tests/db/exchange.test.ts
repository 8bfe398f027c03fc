/**
 * The exchange file and the demo generator on real SQLite: dump → load → dump identity, upsert by
 * ID number, bad cadres rejected and listed while the rest land, bad files refused with nothing
 * written, and a demo county whose people hang together.
 */
import { describe, expect, it } from 'vitest'
import { ageAt } from '../../main/domain/dates'
import { AppError } from '../../main/domain/errors'
import { CADRE_FIELD_KEYS } from '../../main/domain/fields'
import { makeIdCard, validateIdCard } from '../../main/domain/idcard'
import { getCadre, queryCadres, saveCadre } from '../../main/services/cadres'
import type { AppContext } from '../../main/services/context'
import { loadDemo } from '../../main/services/demo'
import { memoryContext } from '../context'
import {
  dumpExchange,
  exchangeChunks,
  loadExchangeText,
  type ExchangeDocument,
} from '../../main/services/exchange'

const AT = '2026-11-23'

function freshCtx(): AppContext {
  return memoryContext({ at: AT, dataDir: '/nonexistent' })
}

function count(ctx: AppContext, table: string): number {
  return (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
}

const TABLES = [
  'units',
  'cadres',
  'resume_entries',
  'family_members',
  'assessments',
  'studies',
  'talks',
  'discipline',
  'rewards',
  'reserve_entries',
  'postings',
  'training',
  'audit_log',
]

function textOf(ctx: AppContext): string {
  return [...exchangeChunks(ctx, 'FIXED')].join('')
}

describe('exchange file', () => {
  it('dump, load into an empty database, dump again gives the same document apart from exportedAt', () => {
    const a = freshCtx()
    loadDemo(a, { count: 300, seed: 'identity' })
    // A photo and hand-entered odd values travel too.
    a.db
      .prepare('UPDATE cadres SET photo = ? WHERE id = 7')
      .run(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]))
    const first = textOf(a)
    const doc = JSON.parse(first) as ExchangeDocument
    expect(doc.format).toBe('cadre-exchange')
    expect(doc.version).toBe(1)
    expect(doc.cadres).toHaveLength(300)
    // Every canonical key and every list is in every cadre.
    for (const c of doc.cadres) {
      for (const k of [
        ...CADRE_FIELD_KEYS,
        'photo',
        'resume',
        'family',
        'assessments',
        'studies',
        'talks',
        'discipline',
        'rewards',
        'reserve',
        'postings',
        'training',
      ]) {
        expect(c).toHaveProperty(k)
      }
    }
    // The demo fills every kind of record somewhere in 300 people.
    for (const k of [
      'resume',
      'family',
      'assessments',
      'talks',
      'reserve',
      'postings',
      'studies',
      'training',
    ] as const) {
      expect(
        doc.cadres.some((c) => c[k].length > 0),
        k,
      ).toBe(true)
    }
    expect(doc.cadres.filter((c) => c.photo !== null)).toHaveLength(1)
    expect(doc.units.find((u) => u.name === '县第一中学')).toEqual({
      name: '县第一中学',
      parent: '县教育局',
      kind: '事业单位',
    })
    // Ordered by ID number.
    const ids = doc.cadres.map((c) => c.idCard ?? '')
    expect([...ids].sort()).toEqual(ids)

    const b = freshCtx()
    const report = loadExchangeText(b, first, 'a.json')
    expect(report).toMatchObject({
      rows: 300,
      inserted: 300,
      updated: 0,
      skipped: 0,
      rejected: [],
      warnings: [],
    })
    const second = textOf(b)
    expect(second).toBe(first)
    for (const t of TABLES.filter((t) => t !== 'audit_log')) expect(count(b, t), t).toBe(count(a, t))

    // Loading the same file again changes nothing and says so.
    const again = loadExchangeText(b, first, 'a.json')
    expect(again).toMatchObject({ inserted: 0, updated: 0, skipped: 300 })
    expect(textOf(b)).toBe(first)
  })

  it('rejects a cadre with a wrong check digit and lists it, and loads the rest in one go', () => {
    const a = freshCtx()
    loadDemo(a, { count: 20, seed: 'reject' })
    const doc = dumpExchange(a)
    const victim = doc.cadres[4]!
    const good = victim.idCard!
    const wrongLast = good.endsWith('1') ? '2' : '1'
    victim.idCard = good.slice(0, 17) + wrongLast
    // A second problem: gender contradicting the ID number.
    const liar = doc.cadres[9]!
    liar.gender = liar.gender === '男' ? '女' : '男'

    const b = freshCtx()
    const report = loadExchangeText(b, JSON.stringify(doc), 'mixed.json')
    expect(report.rows).toBe(20)
    expect(report.inserted).toBe(18)
    expect(report.rejected).toHaveLength(2)
    expect(report.rejected[0]).toMatchObject({
      row: 5,
      idCard: victim.idCard,
      key: 'idCard',
      value: victim.idCard,
    })
    expect(report.rejected[0]!.message).toContain('校验位')
    expect(report.rejected[1]).toMatchObject({ row: 10, idCard: liar.idCard, key: 'gender' })
    expect(report.rejected[1]!.message).toContain('与身份证号不符')
    expect(count(b, 'cadres')).toBe(18)
    const names = b.db.prepare('SELECT id_card FROM cadres').pluck().all() as string[]
    expect(names).not.toContain(victim.idCard)
    expect(names).not.toContain(liar.idCard)
    // One summary line in the audit log for the load.
    const audit = b.db
      .prepare("SELECT summary FROM audit_log WHERE action = 'load'")
      .pluck()
      .all() as string[]
    expect(audit).toHaveLength(1)
    expect(audit[0]).toContain('新增 18 名')
    expect(audit[0]).toContain('拒绝 2 名')
  })

  it('updates a known person by ID number, keeps what the file leaves out, and logs the change', () => {
    const ctx = freshCtx()
    loadDemo(ctx, { count: 5, seed: 'update' })
    const doc = dumpExchange(ctx)
    const target = doc.cadres[2]!
    const before = { ...target }
    const partial = {
      format: 'cadre-exchange',
      version: 1,
      units: [{ name: '县档案馆', parent: null, kind: '事业单位' }],
      cadres: [
        // Only a few keys: the rest stays as it is.
        {
          idCard: target.idCard,
          phone: '13900000000',
          unit: '县档案馆',
          assessments: [{ year: 2025, kind: '年度考核', grade: '优秀' }],
        },
        // Unchanged person.
        doc.cadres[0],
        // A new person with only a few fields.
        {
          idCard: makeIdCard('620529', '1990-05-17', 123),
          name: '新 来 人',
          gender: '男',
          birthDate: '1990.05',
          unit: '县财政局',
        },
      ],
    }
    const report = loadExchangeText(ctx, JSON.stringify(partial), 'partial.json')
    expect(report).toMatchObject({ rows: 3, inserted: 1, updated: 1, skipped: 1, rejected: [] })
    // The dotted month is accepted with a warning that says how it was read.
    expect(report.warnings.some((w) => w.key === 'birthDate' && w.message.includes('1990-05'))).toBe(true)
    const after = dumpExchange(ctx).cadres.find((c) => c.idCard === target.idCard)!
    expect(after.phone).toBe('13900000000')
    expect(after.unit).toBe('县档案馆')
    expect(after.assessments).toEqual([{ year: 2025, kind: '年度考核', grade: '优秀' }])
    expect(after.name).toBe(before.name)
    expect(after.resume).toEqual(before.resume)
    expect(after.family).toEqual(before.family)
    const fresh = dumpExchange(ctx).cadres.find((c) => c.name === '新来人')
    expect(fresh).toMatchObject({ gender: '男', birthDate: '1990-05', unit: '县财政局', status: '在职' })
    const entry = ctx.db
      .prepare(
        "SELECT summary, before, after, actor FROM audit_log WHERE action = 'update' AND entity = 'cadre'",
      )
      .get() as {
      summary: string
      before: string
      after: string
      actor: string
    }
    expect(entry.summary).toContain('联系电话')
    expect(entry.summary).toContain('年度考核')
    expect(JSON.parse(entry.after)).toMatchObject({ phone: '13900000000', unit: '县档案馆' })
    expect(JSON.parse(entry.before)).toMatchObject({ phone: before.phone, unit: before.unit })
    expect(entry.actor).toBe('tester')
  })

  it('keeps the roster impact periods right when a load replaces a person’s talks', () => {
    const ctx = freshCtx()
    const id = makeIdCard('620529', '1980-04-05', 11)
    const doc = (talks: unknown[]) => ({
      format: 'cadre-exchange',
      version: 1,
      units: [],
      cadres: [{ idCard: id, name: '王五', talks }],
    })
    loadExchangeText(ctx, JSON.stringify(doc([{ date: '2026-02-01', kind: '谈心谈话' }])), 'a.json')
    const cadreId = ctx.db.prepare('SELECT id FROM cadres WHERE id_card = ?').pluck().get(id) as number
    const impact = () =>
      queryCadres(ctx, { offset: 0, limit: 10, statuses: [] }).rows.find((r) => r.id === cadreId)
        ?.impactUntil ?? null
    expect(impact()).toBeNull()
    // The same number of talks, now an admonishment: the replaced row may reuse the old row id.
    const r = loadExchangeText(ctx, JSON.stringify(doc([{ date: '2026-10-08', kind: '诫勉谈话' }])), 'b.json')
    expect(r.updated).toBe(1)
    expect(impact()).toMatch(/^2027-04/)
  })

  it('refuses malformed and foreign files whole, writing nothing', () => {
    const ctx = freshCtx()
    loadDemo(ctx, { count: 3, seed: 'refuse' })
    const snapshot = TABLES.map((t) => count(ctx, t))
    const bad: [string, string][] = [
      ['{"format": "cadre-exchange", "version": 1, "units": [', 'exchange-malformed'],
      ['[1, 2, 3]', 'exchange-foreign'],
      ['{"name": "package.json", "version": "1.0.0"}', 'exchange-foreign'],
      ['{"format": "cadre-exchange", "version": 9, "units": [], "cadres": []}', 'exchange-version'],
      ['{"format": "cadre-exchange", "version": 1, "units": "县财政局", "cadres": []}', 'exchange-invalid'],
      ['{"format": "cadre-exchange", "version": 1, "units": [], "cadres": [1]}', 'exchange-invalid'],
    ]
    for (const [text, code] of bad) {
      let err: unknown
      try {
        loadExchangeText(ctx, text, 'bad.json')
      } catch (e) {
        err = e
      }
      expect(err, text).toBeInstanceOf(AppError)
      expect((err as AppError).code, text).toBe(code)
      expect((err as AppError).message).toContain('未写入任何数据')
      expect((err as AppError).message).not.toContain('\n')
    }
    expect(TABLES.map((t) => count(ctx, t))).toEqual(snapshot)
  })

  it('rejects a cadre whose records are malformed, naming the list and the item', () => {
    const ctx = freshCtx()
    const id = makeIdCard('620529', '1985-03-02', 41)
    const doc = {
      format: 'cadre-exchange',
      version: 1,
      units: [],
      cadres: [
        { idCard: id, name: '甲', talks: [{ date: '2026-13-45', kind: '诫勉谈话' }] },
        {
          idCard: makeIdCard('620529', '1986-03-02', 43),
          name: '乙',
          discipline: [{ date: '2025-01-15', system: '其他', measure: '警告' }],
        },
        {
          idCard: makeIdCard('620529', '1987-03-02', 45),
          name: '丙',
          birthDate: '1987-03',
          resume: [{ start: '2009-09', end: null, text: '县财政局科员' }],
        },
        {
          idCard: makeIdCard('620529', '1988-03-02', 47),
          name: '丁',
          resume: [{ start: '2012-09', end: '2010-07', text: '某某大学学习' }],
        },
        {
          idCard: makeIdCard('620529', '1989-03-02', 49),
          name: '戊',
          birthDate: '1989-03',
          workStartDate: '1980-07',
        },
      ],
    }
    const r = loadExchangeText(ctx, JSON.stringify(doc), 'r.json')
    expect(r.inserted).toBe(1)
    expect(r.rejected.map((x) => [x.row, x.key])).toEqual([
      [1, 'talks'],
      [2, 'discipline'],
      [4, 'resume'],
      [5, 'workStartDate'],
    ])
    expect(r.rejected[2]!.message).toContain('截止年月 2010.07 早于起始年月 2012.09')
    expect(r.rejected[3]!.message).toContain('早于出生年月 1989.03')
    // The field named by its one label (main/records/fields.ts), as the form and the Excel header say it.
    expect(r.rejected[0]!.message).toContain('谈话第 1 项的谈话日期“2026-13-45”不是日期')
    expect(r.rejected[1]!.message).toContain('处分第 1 项：处分类别应为 党纪、政务、组织处理 之一，收到“其他”')
  })
})

describe('demo county', () => {
  it('is the same for the same seed and date, and different for another seed', () => {
    const a = freshCtx()
    const b = freshCtx()
    const c = freshCtx()
    loadDemo(a, { count: 200, seed: 42 })
    loadDemo(b, { count: 200, seed: 42 })
    loadDemo(c, { count: 200, seed: 43 })
    expect(textOf(a)).toBe(textOf(b))
    expect(textOf(a)).not.toBe(textOf(c))
  })

  it('makes people whose ID numbers, ages, party dates and careers hang together', () => {
    const ctx = freshCtx()
    const r = loadDemo(ctx, { count: 1500, seed: 'sense' })
    expect(r.count).toBe(1500)
    const doc = dumpExchange(ctx)
    const units = new Map(doc.units.map((u) => [u.name, u]))
    expect([...units.values()].filter((u) => u.kind === '乡镇').length).toBeGreaterThanOrEqual(15)
    expect(units.get('县财政局')?.kind).toBe('县直部门')
    let minorities = 0
    let women = 0
    const statuses = new Map<string, number>()
    const grades = new Map<string, number>()
    for (const c of doc.cadres) {
      const v = validateIdCard(c.idCard)
      expect(v.ok, c.idCard ?? '').toBe(true)
      if (!v.ok) continue
      expect(c.gender).toBe(v.value.gender)
      expect(c.birthDate).toBe(v.value.birthMonth)
      expect(['620529', '620502', '620102', '620103']).toContain(c.idCard!.slice(0, 6))
      expect(units.has(c.unit ?? '')).toBe(true)
      expect(c.name!.length).toBeGreaterThanOrEqual(2)
      expect(c.name!.length).toBeLessThanOrEqual(4)
      if (c.partyJoinDate) expect(ageAt(c.birthDate, `${c.partyJoinDate}-28`)!).toBeGreaterThanOrEqual(18)
      if (c.ethnicity !== '汉族') minorities++
      if (c.gender === '女') women++
      statuses.set(c.status!, (statuses.get(c.status!) ?? 0) + 1)
      // 简历: school first, posts in order, the current post last and open unless retired.
      const dated = c.resume.filter((e) => e.start)
      expect(dated.length).toBeGreaterThanOrEqual(2)
      expect(dated[0]!.text).toMatch(/学习/)
      for (let i = 1; i < dated.length; i++) expect(dated[i]!.start! >= dated[i - 1]!.start!).toBe(true)
      const last = dated[dated.length - 1]!
      expect(last.text).toBe(c.position)
      if (c.status !== '退休') expect(last.end).toBeNull()
      expect(c.workStartDate! >= dated[0]!.end!).toBe(true)
      for (const a of c.assessments) grades.set(a.grade, (grades.get(a.grade) ?? 0) + 1)
      for (const p of c.postings) expect(p.place).toMatch(/村$/)
      // Nothing has happened after today (${AT}).
      const month = AT.slice(0, 7)
      for (const d of [...c.talks, ...c.discipline, ...c.studies].map((x) => x.date))
        expect(d <= AT, d).toBe(true)
      for (const d of c.rewards.map((x) => x.date ?? '')) expect(d <= AT, d).toBe(true)
      for (const m of [...c.postings.map((x) => x.start), ...c.reserve.map((x) => x.entryDate)])
        expect((m ?? '') <= month, m ?? '').toBe(true)
      for (const m of [c.partyJoinDate, c.workStartDate, c.positionDate, c.rankDate])
        expect((m ?? '') <= month).toBe(true)
      for (const f of c.family) expect(['妻子', '丈夫', '儿子', '女儿', '父亲', '母亲']).toContain(f.relation)
    }
    expect(minorities).toBeGreaterThan(30)
    expect(women).toBeGreaterThan(300)
    expect(statuses.get('在职')!).toBeGreaterThan(1300)
    expect(statuses.get('退休')!).toBeGreaterThan(20)
    expect(grades.get('称职')!).toBeGreaterThan(grades.get('优秀')!)
    expect(grades.get('优秀')!).toBeGreaterThan(grades.get('基本称职') ?? 0)
    const positions = doc.cadres.map((c) => c.position ?? '')
    expect(positions).toContain('县财政局副局长')
    expect(positions.some((p) => /镇党委副书记$/.test(p))).toBe(true)
    const talks = doc.cadres.flatMap((c) => c.talks)
    expect(talks.some((t) => t.kind === '诫勉谈话' && t.date >= '2026-03-01')).toBe(true)
    const reserve = doc.cadres.flatMap((c) => c.reserve)
    expect(reserve.filter((x) => x.status === '在库').length).toBeGreaterThan(reserve.length / 2)
    // One audit line for the whole demo, not one per person.
    expect(count(ctx, 'audit_log')).toBe(1)
  })

  it('makes people the cadre editor accepts as they are (every field, 简历 and family re-saved)', () => {
    const ctx = freshCtx()
    loadDemo(ctx, { count: 300, seed: 'editable' })
    const ids = ctx.db.prepare('SELECT id FROM cadres ORDER BY id').pluck().all() as number[]
    const problems: string[] = []
    for (const id of ids) {
      const c = getCadre(ctx, id)
      const { hasPhoto: _p, unitId: _u, createdAt: _c, updatedAt: _d, ...input } = c
      try {
        saveCadre(ctx, { ...input, phone: c.phone ?? null })
      } catch (e) {
        problems.push(`${c.name} ${c.idCard}: ${(e as Error).message}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('refuses to mix invented people into a database that has cadres', () => {
    const ctx = freshCtx()
    loadDemo(ctx, { count: 5 })
    expect(() => loadDemo(ctx, { count: 5 })).toThrow(/已有 5 名干部/)
    expect(count(ctx, 'cadres')).toBe(5)
  })
})

import { describe, expect, it } from 'vitest'
import { addRecord, listRecords, removeRecord, updateRecord } from '../../main/records/entries'
import { queryCadres } from '../../main/services/cadres'
import { addCadre, auditCount, recordsContext } from './records-helpers'

describe('records of one cadre', () => {
  it('adds, corrects and removes every kind, each change in the audit log', () => {
    const ctx = recordsContext()
    const c = addCadre(ctx, '张三')
    const samples = {
      assessments: { year: 2025, kind: '年度考核', grade: '优秀' },
      studies: {
        date: '2026-06-30',
        round: '2026年上半年研判',
        scores: { 政治素养: 92 },
        conclusion: '较好',
        recommendation: '重点培养',
      },
      talks: {
        date: '2026-08-03',
        kind: '提醒谈话',
        talker: '李部长',
        reason: '工作作风',
        content: '谈话内容',
        followUp: null,
        followUpDeadline: null,
        docNo: null,
      },
      discipline: {
        date: '2025-01-15',
        system: '党纪',
        measure: '警告',
        reason: '违反工作纪律',
        probationMonths: null,
        inLieuOf: null,
        impactEnd: null,
      },
      rewards: { date: '2024-12-01', name: '优秀共产党员', issuer: '县委' },
      reserve: {
        level: '正科级后备',
        entryDate: '2025-03',
        entryWay: '民主推荐',
        status: '在库',
        exitDate: null,
        exitReason: null,
      },
      postings: { kind: '第一书记', place: '某某村', start: '2021-06', end: '2023-06' },
      training: { name: '中青年干部培训班', start: '2025-03-01', end: '2025-03-20', hours: 90 },
    } as const
    for (const [kind, data] of Object.entries(samples)) {
      const k = kind as keyof typeof samples
      const before = auditCount(ctx)
      const rec = addRecord(ctx, k, c, data as never)
      expect(listRecords(ctx, k, c)).toHaveLength(1)
      expect(auditCount(ctx)).toBe(before + 1)
      const { id: _id, cadreId: _c, ...stored } = rec as unknown as Record<string, unknown>
      expect(stored).toEqual(data)
      removeRecord(ctx, k, rec.id)
      expect(listRecords(ctx, k, c)).toHaveLength(0)
      expect(auditCount(ctx)).toBe(before + 2)
    }
  })

  it('refuses a bad date with the field named and stores nothing', () => {
    const ctx = recordsContext()
    const c = addCadre(ctx, '李四')
    expect(() =>
      addRecord(ctx, 'talks', c, {
        date: '2026.8.3',
        kind: '约谈',
        talker: null,
        reason: null,
        content: null,
        followUp: null,
        followUpDeadline: null,
        docNo: null,
      }),
    ).toThrow(/谈话日期应为/)
    expect(() =>
      addRecord(ctx, 'reserve', c, {
        level: '副科级后备',
        entryDate: null,
        entryWay: null,
        status: '已撤销',
        exitDate: null,
        exitReason: null,
      }),
    ).toThrow(/撤销出库须写明原因/)
    expect(listRecords(ctx, 'talks', c)).toHaveLength(0)
    expect(auditCount(ctx)).toBe(0)
  })

  it('records only the changed values of a correction', () => {
    const ctx = recordsContext()
    const c = addCadre(ctx, '王五')
    const r = addRecord(ctx, 'rewards', c, { date: '2024-12-01', name: '优秀共产党员', issuer: '县委' })
    updateRecord(ctx, 'rewards', r.id, { date: '2024-12-01', name: '优秀党务工作者', issuer: '县委' })
    const a = ctx.db
      .prepare("SELECT before, after, summary FROM audit_log WHERE action = 'update'")
      .get() as {
      before: string
      after: string
      summary: string
    }
    expect(JSON.parse(a.before)).toEqual({ name: '优秀共产党员' })
    expect(JSON.parse(a.after)).toEqual({ name: '优秀党务工作者' })
    expect(a.summary).toContain('王五')
  })
})

describe('impact periods', () => {
  it('shows the end of a 诫勉 on the record and keeps the roster figure current', () => {
    const ctx = recordsContext('2026-11-22')
    const c = addCadre(ctx, '赵六')
    const t = addRecord(ctx, 'talks', c, {
      date: '2026-08-03',
      kind: '诫勉谈话',
      talker: '县委组织部',
      reason: '履职不力',
      content: null,
      followUp: null,
      followUpDeadline: null,
      docNo: '组诫〔2026〕3号',
    })
    const listed = listRecords(ctx, 'talks', c)[0]
    expect(listed?.impact).toMatchObject({ label: '诫勉谈话', until: '2027-02-03', running: true })
    const until = () =>
      (
        ctx.db.prepare('SELECT until FROM impact_periods WHERE cadre_id = ?').get(c) as
          { until: string } | undefined
      )?.until
    expect(until()).toBe('2027-02-03')
    // A 严重警告 (18 months) from 2026-01-10 runs longer: the roster shows the later end.
    const d = addRecord(ctx, 'discipline', c, {
      date: '2026-01-10',
      system: '党纪',
      measure: '严重警告',
      reason: null,
    })
    expect(listRecords(ctx, 'discipline', c)[0]?.impact).toMatchObject({ until: '2027-07-10', running: true })
    expect(until()).toBe('2027-07-10')
    removeRecord(ctx, 'discipline', d.id)
    expect(until()).toBe('2027-02-03')
    removeRecord(ctx, 'talks', t.id)
    expect(until()).toBeUndefined()
  })

  it('an ended period is shown as ended and not counted as running', () => {
    const ctx = recordsContext('2026-11-22')
    const c = addCadre(ctx, '钱七')
    addRecord(ctx, 'discipline', c, { date: '2024-01-15', system: '政务', measure: '警告', reason: null })
    expect(listRecords(ctx, 'discipline', c)[0]?.impact).toMatchObject({
      until: '2024-07-15',
      running: false,
    })
  })

  it('fills 影响期至 in the roster and filters the people inside a period', () => {
    const ctx = recordsContext('2026-11-22')
    const a = addCadre(ctx, '孙八')
    addCadre(ctx, '周九')
    addRecord(ctx, 'talks', a, {
      date: '2026-08-03',
      kind: '诫勉谈话',
      talker: null,
      reason: null,
      content: null,
      followUp: null,
      followUpDeadline: null,
      docNo: null,
    })
    const all = queryCadres(ctx, { offset: 0, limit: 100 })
    expect(all.rows.find((r) => r.name === '孙八')?.impactUntil).toBe('2027-02-03')
    expect(all.rows.find((r) => r.name === '周九')?.impactUntil).toBeNull()
    const inside = queryCadres(ctx, { offset: 0, limit: 100, filters: { impactUntil: { op: 'notBlank' } } })
    expect(inside.rows.map((r) => r.name)).toEqual(['孙八'])
  })

  it('catches up with talks and discipline written in bulk (load, demo) behind the services', () => {
    const ctx = recordsContext('2026-11-22')
    const a = addCadre(ctx, '吴十')
    const b = addCadre(ctx, '郑十一')
    expect(
      queryCadres(ctx, { offset: 0, limit: 10, filters: { impactUntil: { op: 'notBlank' } } }).total,
    ).toBe(0)
    ctx.db.prepare("INSERT INTO talks (cadre_id, date, kind) VALUES (?, '2026-09-01', '诫勉谈话')").run(a)
    ctx.db
      .prepare(
        "INSERT INTO discipline (cadre_id, date, system, measure) VALUES (?, '2026-02-01', '政务', '记过')",
      )
      .run(b)
    const r = queryCadres(ctx, {
      offset: 0,
      limit: 10,
      filters: { impactUntil: { op: 'notBlank' } },
      sort: [{ key: 'impactUntil', dir: 'asc' }],
    })
    expect(r.rows.map((x) => [x.name, x.impactUntil])).toEqual(
      [
        ['吴十', '2027-03-01'],
        ['郑十一', '2027-02-01'],
      ].sort((p, q) => String(p[1]).localeCompare(String(q[1]))),
    )
  })
})

/** Migration 0020 over a database that already holds records: nothing lost, the new tables usable. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../main/db/open'
import { MIGRATIONS } from '../../main/db/migrations'
import { createContext } from '../../main/services/context'
import { listRounds, roundGrid } from '../../main/records/studies'
import { queryCadres } from '../../main/services/cadres'

describe('migration 0020-records', () => {
  it('keeps existing records and derives rounds and impact periods from them', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mig20-')), 'c.db')
    const before = MIGRATIONS.filter((m) => m.version < 20)
    const old = openDatabase(path, { migrations: before })
    old
      .prepare(
        "INSERT INTO cadres (id, id_card, name, status, created_at, updated_at) VALUES (1, '110101199003070011', '张三', '在职', 'x', 'x')",
      )
      .run()
    old.prepare("INSERT INTO talks (cadre_id, date, kind) VALUES (1, '2026-08-03', '诫勉谈话')").run()
    old
      .prepare(
        `INSERT INTO studies (cadre_id, date, round, scores, conclusion) VALUES (1, '2026-06-30', '2026年上半年研判', '{"政治素养":90,"工作实绩":80}', '较好')`,
      )
      .run()
    old.prepare("INSERT INTO assessments (cadre_id, year, grade) VALUES (1, 2025, '优秀')").run()
    const counts = (db: typeof old) =>
      ['talks', 'studies', 'assessments'].map(
        (t) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
      )
    expect(counts(old)).toEqual([1, 1, 1])
    old.close()

    const db = openDatabase(path)
    expect(counts(db)).toEqual([1, 1, 1])
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name)
    expect(tables).toEqual(expect.arrayContaining(['study_rounds', 'monthly_scores', 'impact_periods']))
    const ctx = createContext({ db, dbPath: path, dataDir: '/tmp', host: 'test', at: '2026-11-22' })
    const rounds = listRounds(ctx)
    expect(rounds.map((r) => [r.name, r.dimensions.map((d) => d.name)])).toEqual([
      ['2026年上半年研判', ['政治素养', '工作实绩']],
    ])
    expect(roundGrid(ctx, rounds[0]?.id ?? 0).rows[0]).toMatchObject({
      total: 85,
      rank: 1,
      conclusion: '较好',
    })
    expect(queryCadres(ctx, { offset: 0, limit: 5 }).rows[0]?.impactUntil).toBe('2027-02-03')
    db.close()
  })
})

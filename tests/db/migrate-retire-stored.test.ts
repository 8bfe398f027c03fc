/**
 * Migration 0190 rebuilds the cadres table so that 到龄时间 (retire_date) is kept in the row
 * (STORED) instead of computed at each use (issue 11). On a database made before it, with a demo
 * county's cadres and their records: every row, every record that refers to a cadre and every
 * index stays; the foreign keys still hold (a removed cadre takes his records with him); a changed
 * birth month gives a new 到龄时间 at once.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../main/db/migrations'
import { openDatabase, type Db } from '../../main/db/open'
import { createContext } from '../../main/services/context'
import { loadDemo } from '../../main/services/demo'

function tablesReferringToCadres(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'cadres'").pluck().all() as string[]).filter(
    (t) => (db.prepare('SELECT count(*) FROM pragma_foreign_key_list(?) WHERE "table" = ?').pluck().get(t, 'cadres') as number) > 0,
  )
}

function snapshot(db: Db): Record<string, unknown> {
  const out: Record<string, unknown> = {
    cadres: db.prepare('SELECT * FROM cadres ORDER BY id').all(),
    indexes: db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cadres' ORDER BY name").all(),
  }
  for (const t of tablesReferringToCadres(db)) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()
  return out
}

describe('migration 0190-retire-date-stored', () => {
  it('keeps every cadre, record and index of a database made before it; 到龄时间 is stored and follows the row', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mig190-')), 'cadres.db')
    const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version < 190) })
    const hidden = (db: Db): number =>
      db.prepare("SELECT hidden FROM pragma_table_xinfo('cadres') WHERE name = 'retire_date'").pluck().get() as number
    // table_xinfo: 2 = a VIRTUAL generated column, 3 = STORED.
    expect(hidden(old)).toBe(2)
    loadDemo(createContext({ db: old, dbPath: path, dataDir: join(path, '..'), host: 'test', actor: 'tester', at: '2026-11-30' }), {
      count: 400,
      seed: 7,
    })
    const before = snapshot(old)
    expect((before['cadres'] as unknown[]).length).toBe(400)
    expect(tablesReferringToCadres(old).length).toBeGreaterThan(10)
    expect(Object.values(before).filter((rows) => Array.isArray(rows) && rows.length > 0).length).toBeGreaterThan(8)
    old.close()

    const db = openDatabase(path, { backupBeforeMigrate: false })
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(190)
      expect(hidden(db)).toBe(3)
      expect(snapshot(db)).toEqual(before)
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([])
      expect(db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok'])

      // The foreign keys refer to the rebuilt table: removing a cadre removes his records.
      const someone = db.prepare('SELECT cadre_id FROM resume_entries LIMIT 1').pluck().get() as number
      expect(db.prepare('SELECT count(*) FROM resume_entries WHERE cadre_id = ?').pluck().get(someone)).toBeGreaterThan(0)
      db.prepare('DELETE FROM cadres WHERE id = ?').run(someone)
      expect(db.prepare('SELECT count(*) FROM resume_entries WHERE cadre_id = ?').pluck().get(someone)).toBe(0)

      // A changed birth month or original age gives the new 到龄时间 straight away.
      const id = db.prepare("SELECT id FROM cadres WHERE gender = '男' AND retire_base_age IS NULL LIMIT 1").pluck().get() as number
      db.prepare("UPDATE cadres SET birth_date = '1970-06' WHERE id = ?").run(id)
      // 全国人大常委会关于实施渐进式延迟法定退休年龄的决定（2024）附件 1: born 1970-06, a man at 60 reaches
      // 2030-06, 66 months after 2025-01; one month of delay per four, (66 − 1) / 4 + 1 = 17 → 2031-11.
      expect(db.prepare('SELECT retire_date FROM cadres WHERE id = ?').pluck().get(id)).toBe('2031-11')
      db.prepare("UPDATE cadres SET gender = '女', retire_base_age = 50 WHERE id = ?").run(id)
      expect(db.prepare('SELECT retire_date FROM cadres WHERE id = ?').pluck().get(id)).not.toBe('2031-11')
      db.prepare("UPDATE cadres SET birth_date = NULL WHERE id = ?").run(id)
      expect(db.prepare('SELECT retire_date FROM cadres WHERE id = ?').pluck().get(id)).toBeNull()
    } finally {
      db.close()
    }
  })
})

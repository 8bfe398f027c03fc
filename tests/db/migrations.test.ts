import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { LATEST_VERSION, openDatabase } from '../../main/db/open'
import { MIGRATIONS, type Migration } from '../../main/db/migrations'
import { AppError } from '../../main/domain/errors'

function tmpDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'cadre-mig-')), 'cadres.db')
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an AppError')
}

const upTo = (v: number): Migration[] => MIGRATIONS.filter((m) => m.version <= v)

describe('migrations', () => {
  it('are numbered upwards, each once', () => {
    const versions = MIGRATIONS.map((m) => m.version)
    expect([...versions].sort((a, b) => a - b)).toEqual(versions)
    expect(new Set(versions).size).toBe(versions.length)
    expect(LATEST_VERSION).toBe(versions[versions.length - 1])
  })

  it('create every table of the schema, record the version and accept a cadre with its records', () => {
    const path = tmpDb()
    const db = openDatabase(path)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
    ).sort()
    for (const t of [
      'units',
      'cadres',
      'resume_entries',
      'family_members',
      'rewards',
      'discipline',
      'assessments',
      'studies',
      'talks',
      'reserve_entries',
      'postings',
      'training',
      'audit_log',
      'settings',
    ]) {
      expect(tables).toContain(t)
    }
    const unit = db
      .prepare("INSERT INTO units (name, kind) VALUES ('县财政局', '县直部门')")
      .run().lastInsertRowid
    const cadre = db
      .prepare(
        "INSERT INTO cadres (id_card, name, unit_id, created_at, updated_at) VALUES ('11010519491231002X', '张三', ?, 'x', 'x')",
      )
      .run(unit).lastInsertRowid
    db.prepare(
      "INSERT INTO resume_entries (cadre_id, seq, start, end, text) VALUES (?, 1, '1993-09', '1997-07', '学习')",
    ).run(cadre)
    expect(() =>
      db
        .prepare(
          "INSERT INTO cadres (id_card, name, created_at, updated_at) VALUES ('11010519491231002X', '李四', 'x', 'x')",
        )
        .run(),
    ).toThrow(/UNIQUE/)
    expect(() => db.prepare("UPDATE cadres SET status = '删除' WHERE id = ?").run(cadre)).toThrow(/CHECK/)
    expect(() =>
      db.prepare("INSERT INTO resume_entries (cadre_id, seq, text) VALUES (9999, 1, 'x')").run(),
    ).toThrow(/FOREIGN KEY/)
    db.close()
    // Opening again applies nothing and keeps the rows.
    const again = openDatabase(path)
    expect(again.prepare('SELECT name FROM cadres').pluck().all()).toEqual(['张三'])
    again.close()
  })

  it('0015 adds the pinyin sort index to a database at 0010 and keeps its rows', () => {
    const path = tmpDb()
    const old = openDatabase(path, { migrations: upTo(10) })
    expect(old.pragma('user_version', { simple: true })).toBe(10)
    old
      .prepare(
        "INSERT INTO cadres (id_card, name, name_pinyin, created_at, updated_at) VALUES ('11010519491231002X', '张三', 'zhangsan', 'x', 'x')",
      )
      .run()
    old.close()
    const db = openDatabase(path, { migrations: upTo(15) })
    expect(db.pragma('user_version', { simple: true })).toBe(15)
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'cadres_pinyin_sort'")
        .pluck()
        .get(),
    ).toBe('cadres_pinyin_sort')
    expect(db.prepare('SELECT name, name_pinyin FROM cadres').all()).toEqual([
      { name: '张三', name_pinyin: 'zhangsan' },
    ])
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM cadres WHERE +status IN ('在职') ORDER BY name_pinyin, name, id LIMIT 10",
      )
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/cadres_pinyin_sort/)
    db.close()
    // A copy of the file as it was before the upgrade sits beside it.
    expect(readdirSync(join(path, '..')).some((f) => /before-v15\.bak$/.test(f))).toBe(true)
  })

  it('0050 replaces the unit index with a covering (unit_id, status) one, keeps the rows, and the unit tree counts through it', () => {
    const path = tmpDb()
    const old = openDatabase(path, { migrations: upTo(40) })
    old.prepare("INSERT INTO units (id, name) VALUES (1, '县财政局')").run()
    const ins = old.prepare(
      "INSERT INTO cadres (id_card, name, unit_id, status, created_at, updated_at) VALUES (?, ?, 1, ?, 'x', 'x')",
    )
    ins.run('11010519491231002X', '张三', '在职')
    ins.run('110105194912310029', '李四', '退休')
    old.close()
    const db = openDatabase(path, { migrations: upTo(50) })
    expect(db.pragma('user_version', { simple: true })).toBe(50)
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cadres'")
      .pluck()
      .all()
    expect(indexes).toContain('cadres_unit_status')
    expect(indexes).not.toContain('cadres_unit')
    const q =
      "SELECT unit_id, count(*) AS n FROM cadres WHERE +status = '在职' AND unit_id IS NOT NULL GROUP BY unit_id"
    expect(db.prepare(q).all()).toEqual([{ unit_id: 1, n: 1 }])
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX cadres_unit_status/)
    db.close()
  })

  it('refuse a database from a newer version of the app and leave the file byte-identical', () => {
    const path = tmpDb()
    openDatabase(path).close()
    const raw = new Database(path)
    raw.pragma(`user_version = ${LATEST_VERSION + 10}`)
    raw.close()
    const before = readFileSync(path)
    const e = errorOf(() => openDatabase(path))
    expect(e.code).toBe('db-from-future')
    expect(e.message).toMatch(/更新版本.*请升级程序.*文件未作改动/)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it.each([
    ['a text file', Buffer.from('姓名,身份证号\n张三,11010519491231002X\n')],
    ['an Excel workbook', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)])],
  ])('refuse %s that is not SQLite and leave it untouched', (_what, bytes) => {
    const path = tmpDb()
    writeFileSync(path, bytes)
    const e = errorOf(() => openDatabase(path))
    expect(e.code).toBe('db-not-sqlite')
    expect(e.message).toMatch(/不是 SQLite 文件.*未作任何改动/)
    expect(readFileSync(path).equals(bytes)).toBe(true)
    expect(existsSync(`${path}-wal`)).toBe(false)
  })

  it('roll back a failing migration whole: the file stays byte-identical and still opens', () => {
    const path = tmpDb()
    const db = openDatabase(path, { migrations: upTo(10) })
    db.prepare("INSERT INTO units (name) VALUES ('县委办')").run()
    db.close()
    const before = readFileSync(path)
    const broken: Migration[] = [
      ...upTo(10),
      { version: 11, name: '0011-good', sql: 'CREATE TABLE extra (id INTEGER PRIMARY KEY);' },
      { version: 12, name: '0012-broken', sql: 'ALTER TABLE no_such_table ADD COLUMN x TEXT;' },
    ]
    const e = errorOf(() => openDatabase(path, { migrations: broken, backupBeforeMigrate: false }))
    expect(e.code).toBe('db-migration-failed')
    expect(e.message).toMatch(/0012-broken.*保持升级前的状态/)
    expect(readFileSync(path).equals(before)).toBe(true)
    const again = openDatabase(path, { migrations: upTo(10) })
    expect(again.pragma('user_version', { simple: true })).toBe(10)
    expect(again.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").pluck().get()).toBe(0)
    expect(again.prepare('SELECT name FROM units').pluck().all()).toEqual(['县委办'])
    again.close()
  })

  it('refuse to run when an applied migration was edited afterwards', () => {
    const path = tmpDb()
    openDatabase(path, { migrations: upTo(10) }).close()
    const edited: Migration[] = [
      { version: 10, name: '0010-initial', sql: (upTo(10)[0] as Migration).sql + '\n-- edited' },
    ]
    expect(errorOf(() => openDatabase(path, { migrations: edited })).code).toBe('db-migration-edited')
  })
})

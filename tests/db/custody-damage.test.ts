/**
 * Custody of the data, on real files: a damaged database (4 KB flipped mid-file) is refused by
 * every door and never backed up, and the message names the newest backup that passes the check;
 * another application's SQLite file is refused and left byte-identical; our older files without
 * an application_id are adopted; the pre-migration copy carries what was still in the WAL;
 * backups belong to one database; restore from a file and backup to a chosen folder; file modes.
 */
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, statSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import PlainDatabase from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { bootApp } from '../../main/bootstrap'
import { MIGRATIONS } from '../../main/db/migrations'
import { APPLICATION_ID, LATEST_VERSION, openDatabase, type Db } from '../../main/db/open'
import { AppError } from '../../main/domain/errors'
import { describeStartupFailure } from '../../main/electron/startup'
import { backupToFolder, createBackup, listBackups, restoreBackup } from '../../main/services/backup'
import { createContext, type AppContext } from '../../main/services/context'
import { loadDemo } from '../../main/services/demo'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs')

const opened: Db[] = []
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close()
})

function cli(env: Record<string, string>, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TSX, 'main/cli/index.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

function fileCtx(dir = mkdtempSync(join(tmpdir(), 'custody-')), name = 'cadres.db'): AppContext {
  const dbPath = join(dir, name)
  const db = openDatabase(dbPath)
  opened.push(db)
  return createContext({ db, dbPath, dataDir: dir, host: 'test', at: '2026-11-30' })
}

/** Flips 4 KB in the middle of the file (every byte inverted); the header stays intact. */
function flipMiddle(path: string): void {
  const size = statSync(path).size
  const at = Math.floor(size / 2 / 4096) * 4096
  const fd = openSync(path, 'r+')
  try {
    const buf = Buffer.alloc(4096)
    readSync(fd, buf, 0, 4096, at)
    for (let i = 0; i < buf.length; i++) buf[i] = (buf[i] as number) ^ 0xff
    writeSync(fd, buf, 0, 4096, at)
  } finally {
    closeSync(fd)
  }
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

/** A database with 400 cadres and one good backup, closed, then 4 KB flipped mid-file. */
async function damagedWithBackup(): Promise<{ dir: string; dbPath: string; good: string; bytes: Buffer }> {
  const ctx = fileCtx()
  loadDemo(ctx, { count: 400, seed: 'damage' })
  const good = (await createBackup(ctx)).path
  ctx.db.close()
  flipMiddle(ctx.dbPath)
  return { dir: ctx.dataDir, dbPath: ctx.dbPath, good, bytes: readFileSync(ctx.dbPath) }
}

describe('a damaged database', () => {
  it('is refused on open, left byte-identical, and the message names the newest good backup', async () => {
    const d = await damagedWithBackup()
    const e = errorOf(() => openDatabase(d.dbPath))
    expect(e.code).toBe('db-damaged')
    expect(e.message).toMatch(/已损坏.*不写入也不备份.*最近一份通过检查的备份是“.*backup-\d{8}-\d{6}\.sqlite”/)
    expect(e.message).toContain(d.good)
    expect(readFileSync(d.dbPath).equals(d.bytes)).toBe(true)
  })

  it.each([
    ['CLI list', ['list', '--json']],
    ['CLI backup', ['backup']],
    ['CLI import', ['import', join(ROOT, 'tests/fixtures/rosters/一人一行.xlsx')]],
  ])('is refused by the %s with exit 2, one Chinese line, no stack, no backup', async (_door, args) => {
    const d = await damagedWithBackup()
    const before = readdirSync(join(d.dir, 'backups'), { recursive: true }).sort()
    const r = cli({}, ...args, '--db', d.dbPath)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^错误：数据库“.*”已损坏.*最近一份通过检查的备份是/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(readFileSync(d.dbPath).equals(d.bytes)).toBe(true)
    expect(readdirSync(join(d.dir, 'backups'), { recursive: true }).sort()).toEqual(before)
  })

  it('is refused by the browser host (exit 2, Chinese) and by the desktop glue (a dialog)', async () => {
    const d = await damagedWithBackup()
    const child = spawn(process.execPath, [TSX, 'main/web/cli.ts', '--db', d.dbPath, '--port', '0', '--no-build'], { cwd: ROOT })
    let err = ''
    child.stderr.on('data', (b: Buffer) => (err += b.toString()))
    const code = await new Promise<number | null>((r) => child.once('exit', r))
    expect(code).toBe(2)
    expect(err).toMatch(/错误：数据库“.*”已损坏.*最近一份通过检查的备份是/)
    // The desktop app: bootApp refuses, the glue's start-up dialog says so and names the backup.
    let failure: ReturnType<typeof describeStartupFailure> | null = null
    try {
      bootApp({ dbPath: d.dbPath, host: 'electron', backupOnStart: true })
    } catch (e) {
      failure = describeStartupFailure(e, { dbPath: d.dbPath })
    }
    expect(failure?.message).toBe('数据文件已损坏，无法读取。')
    expect(failure?.detail).toContain(d.good)
    expect(readFileSync(d.dbPath).equals(d.bytes)).toBe(true)
  })

  it('that breaks while open is never backed up; the good backups stay', async () => {
    const ctx = fileCtx()
    loadDemo(ctx, { count: 400, seed: 'live-damage' })
    const good = await createBackup(ctx)
    ctx.db.pragma('wal_checkpoint(TRUNCATE)')
    flipMiddle(ctx.dbPath)
    for (let i = 0; i < 3; i++) await expect(createBackup(ctx)).rejects.toThrow(/已损坏.*不会被备份/)
    expect(listBackups(ctx).map((b) => b.file)).toEqual([good.file])
  })

  it('is restored from the newest good backup by the CLI; the damaged file is kept under another name', async () => {
    const d = await damagedWithBackup()
    const r = cli({}, 'restore', '--db', d.dbPath, '--from', d.good)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const kept = readdirSync(d.dir).find((f) => f.startsWith('cadres.db.damaged-'))
    expect(kept).toBeDefined()
    expect(readFileSync(join(d.dir, kept!)).equals(d.bytes)).toBe(true)
    const db = openDatabase(d.dbPath)
    opened.push(db)
    expect(db.prepare('SELECT count(*) FROM cadres').pluck().get()).toBe(400)
    expect(db.prepare("SELECT actor || ' ' || action FROM audit_log ORDER BY id DESC LIMIT 1").pluck().get()).toBe('系统 restore')
  })
})

describe('another application\'s SQLite file', () => {
  it.each([
    ['tables, no application_id (places.sqlite)', 0],
    ['tables and its own application_id', 0x0f055112],
  ])('with %s is refused by every door and left byte-identical', (_what, appId) => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-foreign-'))
    const path = join(dir, 'places.sqlite')
    const raw = new PlainDatabase(path)
    raw.exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.org/')")
    if (appId) raw.pragma(`application_id = ${appId}`)
    raw.close()
    const bytes = readFileSync(path)
    const e = errorOf(() => openDatabase(path))
    expect(e.code).toBe('db-foreign')
    expect(e.message).toMatch(/其他程序的 SQLite 数据库.*未作任何改动/)
    const r = cli({}, 'list', '--db', path, '--json')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^错误：文件“.*places\.sqlite”是其他程序的 SQLite 数据库/)
    expect(readFileSync(path).equals(bytes)).toBe(true)
    expect(readdirSync(dir)).toEqual(['places.sqlite'])
  })

  it('is told apart from our own older file without application_id, which is adopted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-adopt-'))
    const path = join(dir, 'cadres.db')
    const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version <= 50) })
    old.prepare("INSERT INTO units (name) VALUES ('县委办')").run()
    old.pragma('application_id = 0')
    old.close()
    const db = openDatabase(path)
    opened.push(db)
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(db.prepare('SELECT name FROM units').pluck().all()).toEqual(['县委办'])
  })
})

describe('copies', () => {
  it('the pre-migration copy carries what was still in the WAL (500 of 500 units)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-wal-'))
    const live = join(dir, 'live.db')
    const db = openDatabase(live, { migrations: MIGRATIONS.filter((m) => m.version <= 50) })
    db.pragma('wal_autocheckpoint = 0')
    const ins = db.prepare('INSERT INTO units (name) VALUES (?)')
    db.transaction(() => {
      for (let i = 0; i < 500; i++) ins.run(`单位${i}`)
    })()
    // The state a killed older version leaves behind: the database file and its WAL.
    const path = join(dir, 'cadres.db')
    copyFileSync(live, path)
    copyFileSync(`${live}-wal`, `${path}-wal`)
    db.close()
    openDatabase(path).close()
    const copy = new PlainDatabase(join(dir, `cadres.db.before-v${LATEST_VERSION}.bak`), { readonly: true })
    expect(copy.prepare('SELECT count(*) FROM units').pluck().get()).toBe(500)
    copy.close()
  })

  it('backups belong to one database: two in one folder never list or restore each other\'s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-two-'))
    const a = fileCtx(dir, 'a.db')
    const b = fileCtx(dir, 'b.db')
    loadDemo(a, { count: 5, seed: 'a' })
    loadDemo(b, { count: 7, seed: 'b' })
    const ba = await createBackup(a)
    const bb = await createBackup(b)
    expect(a.backupDir).not.toBe(b.backupDir)
    expect(listBackups(a).map((x) => x.path)).toEqual([ba.path])
    expect(listBackups(b).map((x) => x.path)).toEqual([bb.path])
    // A path from the other database's folder is not a name of this one's; a same-named file in
    // this folder is this database's own backup.
    await expect(restoreBackup(a, bb.path)).rejects.toBeInstanceOf(AppError)
    const namesOfA = a.db.prepare('SELECT name FROM cadres ORDER BY id').pluck().all()
    if (ba.file === bb.file) await restoreBackup(a, bb.file)
    expect(a.db.prepare('SELECT name FROM cadres ORDER BY id').pluck().all()).toEqual(namesOfA)
  })

  it('backs up to a folder the user picks and restores from that file after the check', async () => {
    const ctx = fileCtx()
    loadDemo(ctx, { count: 30, seed: 'usb' })
    const usb = mkdtempSync(join(tmpdir(), 'custody-usb-'))
    const copy = await backupToFolder(ctx, usb)
    expect(copy.path.startsWith(usb)).toBe(true)
    expect(copy.file).toMatch(/^干部数据库-[0-9a-f]{16}-\d{8}-\d{6}\.sqlite$/)
    ctx.db.prepare('DELETE FROM talks').run()
    ctx.db.prepare("UPDATE cadres SET name = '改名' WHERE id = 1").run()
    await restoreBackup(ctx, copy.path, { anyPath: true })
    expect(ctx.db.prepare('SELECT name FROM cadres WHERE id = 1').pluck().get()).not.toBe('改名')
    await expect(backupToFolder(ctx, join(usb, 'no-such-folder'))).rejects.toThrow(/备份目标文件夹不存在/)
  })

  it('database, WAL, backups: 0600; backup folders: 0700', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-modes-'))
    const app = bootApp({ dbPath: join(dir, 'data', 'cadres.db'), host: 'test', backupOnStart: false })
    try {
      loadDemo(app.ctx, { count: 5 })
      const b = await createBackup(app.ctx)
      const mode = (p: string): number => statSync(p).mode & 0o777
      expect(mode(join(dir, 'data'))).toBe(0o700)
      for (const f of ['cadres.db', 'cadres.db-wal', 'cadres.db-shm']) expect([f, mode(join(dir, 'data', f))]).toEqual([f, 0o600])
      expect(mode(b.path)).toBe(0o600)
      expect(mode(app.ctx.backupDir)).toBe(0o700)
      expect(mode(join(dir, 'data', 'backups'))).toBe(0o700)
    } finally {
      app.close()
    }
    expect(existsSync(join(dir, 'data', 'cadres.db'))).toBe(true)
  })
})

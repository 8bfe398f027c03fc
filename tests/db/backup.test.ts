/**
 * Backups on real files: the online backup, the rotation of ten, the start-up backup, restore into
 * the live database with a safety copy (the open connection keeps working), refusing a damaged
 * backup, and the integrity check on a damaged file.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../main/db/open'
import { AppError } from '../../main/domain/errors'
import {
  BACKUP_KEEP,
  backupOnStart,
  backupTo,
  createBackup,
  listBackups,
  restoreBackup,
  verifyDatabaseFile,
} from '../../main/services/backup'
import { createContext, type AppContext } from '../../main/services/context'
import { loadDemo } from '../../main/services/demo'
import { dumpExchange } from '../../main/services/exchange'

const open: Db[] = []
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close()
})

function fileCtx(clock?: () => string): AppContext {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-backup-'))
  const dbPath = join(dir, 'cadres.db')
  const db = openDatabase(dbPath)
  open.push(db)
  const ctx = createContext({ db, dbPath, dataDir: dir, host: 'test', at: '2026-11-23' })
  if (clock) ctx.nowIso = clock
  return ctx
}

function names(ctx: AppContext): string[] {
  return ctx.db.prepare('SELECT name FROM cadres ORDER BY id').pluck().all() as string[]
}

/** Overwrites whole pages after the first (the header stays: it still looks like SQLite). */
function damage(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    for (const page of [3, 5, 8, 13, 21, 34]) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page * 4096)
  } finally {
    closeSync(fd)
  }
}

describe('backups', () => {
  it('restores a backup into the live database; the open connection sees it; a safety copy keeps what was there', async () => {
    const ctx = fileCtx()
    loadDemo(ctx, { count: 120, seed: 'restore' })
    const original = dumpExchange(ctx, 'X')
    const b = await createBackup(ctx)
    expect(b.file).toMatch(/^backup-\d{8}-\d{6}\.sqlite$/)
    expect(b.size).toBeGreaterThan(100_000)

    const readName = ctx.db.prepare('SELECT name FROM cadres WHERE id = 1').pluck()
    const firstName = readName.get()
    // Changes after the backup: a rename, lost talks, a new unit.
    ctx.db.prepare("UPDATE cadres SET name = '改过的名字' WHERE id = 1").run()
    ctx.db.prepare('DELETE FROM talks').run()
    ctx.db.prepare("INSERT INTO units (name, sort_order) VALUES ('备份后新建的单位', 9999)").run()
    const changed = dumpExchange(ctx, 'X')
    expect(readName.get()).toBe('改过的名字')

    const r = await restoreBackup(ctx, b.file)
    expect(r.restoredFrom).toBe(b.file)
    expect(r.safetyCopy).toMatch(/^before-restore-/)
    // Same connection, same prepared statement: the restored content.
    expect(readName.get()).toBe(firstName)
    expect(names(ctx)).not.toContain('改过的名字')
    expect(dumpExchange(ctx, 'X')).toEqual(original)
    // The restore is in the (restored) audit log.
    const last = ctx.db.prepare('SELECT action, summary FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
      action: string
      summary: string
    }
    expect(last.action).toBe('restore')
    expect(last.summary).toContain(b.file)
    // The safety copy holds the state just before the restore.
    const safety = openDatabase(join(ctx.backupDir, r.safetyCopy), { readonly: true })
    open.push(safety)
    expect(dumpExchange({ ...ctx, db: safety }, 'X')).toEqual(changed)
    // The app keeps writing through its connection, and a new connection sees the same file.
    ctx.db.prepare("UPDATE cadres SET phone = '13800000000' WHERE id = 2").run()
    ctx.db.close()
    const reopened = openDatabase(ctx.dbPath)
    open.push(reopened)
    expect(reopened.prepare('SELECT phone FROM cadres WHERE id = 2').pluck().get()).toBe('13800000000')
    expect(verifyDatabaseFile(ctx.dbPath)).toEqual({ ok: true, problems: [] })
  })

  it('refuses a damaged backup and leaves the live database as it was', async () => {
    const ctx = fileCtx()
    loadDemo(ctx, { count: 200, seed: 'damaged' })
    const b = await createBackup(ctx)
    damage(b.path)
    const before = dumpExchange(ctx, 'X')
    await expect(restoreBackup(ctx, b.file)).rejects.toThrow(/未恢复/)
    expect(dumpExchange(ctx, 'X')).toEqual(before)
    // No safety copy was needed, no scratch file is left behind.
    expect(readdirSync(ctx.backupDir)).toEqual([b.file])
  })

  it('refuses names that are not backups in the backup folder', async () => {
    const ctx = fileCtx()
    for (const bad of ['../cadres.db', '/etc/passwd', 'cadres.db', 'backup-20260101-000000.sqlite']) {
      await expect(restoreBackup(ctx, bad)).rejects.toBeInstanceOf(AppError)
    }
  })

  it('keeps the newest ten backups, newest first', async () => {
    let t = Date.UTC(2026, 10, 23, 1, 0, 0)
    const ctx = fileCtx(() => new Date((t += 61_000)).toISOString())
    loadDemo(ctx, { count: 3, seed: 'rotate' })
    const made: string[] = []
    for (let i = 0; i < BACKUP_KEEP + 3; i++) made.push((await createBackup(ctx)).file)
    const listed = listBackups(ctx).map((b) => b.file)
    expect(listed).toEqual(made.slice(3).reverse())
    expect(readdirSync(ctx.backupDir).sort()).toEqual(made.slice(3).sort())
  })

  it('names backups taken within one second apart and orders them', async () => {
    const ctx = fileCtx(() => '2026-11-23T08:00:00.000Z')
    loadDemo(ctx, { count: 3, seed: 'same-second' })
    const a = await createBackup(ctx)
    const b = await createBackup(ctx)
    const c = await createBackup(ctx)
    expect(new Set([a.file, b.file, c.file]).size).toBe(3)
    expect(listBackups(ctx).map((x) => x.file)).toEqual([c.file, b.file, a.file])
  })

  it('takes a start-up backup only when there is something to keep', async () => {
    const ctx = fileCtx()
    expect(await backupOnStart(ctx)).toBeNull()
    expect(existsSync(ctx.backupDir) ? readdirSync(ctx.backupDir) : []).toEqual([])
    loadDemo(ctx, { count: 2 })
    const b = await backupOnStart(ctx)
    expect(b?.file).toMatch(/^backup-/)
    const copy = openDatabase(b!.path, { readonly: true })
    open.push(copy)
    expect(copy.prepare('SELECT count(*) FROM cadres').pluck().get()).toBe(2)
  })

  it('verify tells a sound file, a damaged one and a file that is not a database apart', async () => {
    const ctx = fileCtx()
    loadDemo(ctx, { count: 300, seed: 'verify' })
    const out = join(ctx.dataDir, 'copy.sqlite')
    await backupTo(ctx.db, out)
    expect(verifyDatabaseFile(out)).toEqual({ ok: true, problems: [] })
    damage(out)
    const r = verifyDatabaseFile(out)
    expect(r.ok).toBe(false)
    expect(r.problems.length).toBeGreaterThan(0)
    const notDb = join(ctx.dataDir, 'notes.txt')
    writeFileSync(notDb, '这不是数据库，只是一段文字。'.repeat(20))
    expect(() => verifyDatabaseFile(notDb)).toThrow(/不是 SQLite/)
  })
})

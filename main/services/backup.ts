/**
 * Backups, the integrity check, and restore.
 *
 * Backups belong to one database: they live in `<dataDir>/backups/<database id>/` (db_meta, migration
 * 0070), so two databases in one folder never see each other's backups.
 *   backup-YYYYMMDD-HHMMSS.sqlite          on start and on demand; the newest 10 are kept
 *   before-restore-YYYYMMDD-HHMMSS.sqlite  the database as it was just before a restore; newest 10 kept
 * The rotation never drops the last backup that passes the check.
 *
 * A copy goes through SQLite (VACUUM INTO: consistent while the app runs, the WAL included, and
 * encrypted with the database's key when the database is encrypted), after PRAGMA quick_check: a
 * damaged database is never backed up.
 *
 * Restore keeps the app's open connection valid: the chosen backup is copied to a scratch file,
 * opened (which migrates an older backup to the current schema) and checked; then, in one write
 * transaction, every table but the audit log and the database's identity is replaced by the
 * backup's rows. The audit trail is kept as it is (the backup's entries are a prefix of it when the
 * backup is of this database) and the restore is appended to it.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import type { BackupInfo } from '../ipc/contract/core'
import { verifyAuditChain } from '../db/audit-chain'
import { backupPassesCheck } from '../db/good-backup'
import { copyDatabase, databaseId, isPlainSqlite, openDatabase, quickCheck, restrictFile, sqlString, type Db } from '../db/open'
import { AppError } from '../domain/errors'
import { recordAudit } from './audit'
import type { AppContext } from './context'

export const BACKUP_KEEP = 10
type Prefix = 'backup' | 'before-restore'
const NAME_RE = /^(backup|before-restore)-(\d{8})-(\d{6})(?:-(\d+))?\.sqlite$/

function stamp(iso: string): string {
  const d = new Date(iso)
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`
}

function cleanup(path: string): void {
  for (const s of ['', '-wal', '-shm', '-journal']) rmSync(path + s, { force: true })
}

/** Folders of backups: owner only (0700) where the OS has modes. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
}

function assertSound(db: Db, what: string): void {
  // Read the pages from the file, not from this connection's cache.
  if (!db.inTransaction) db.pragma('shrink_memory')
  const problems = quickCheck(db)
  if (problems.length) {
    throw new AppError(
      'db-damaged',
      `数据库已损坏（完整性快速检查：${problems.slice(0, 3).join('；')}），${what}未进行：损坏的数据库不会被备份，请从最近一份完好的备份恢复`,
      `the database is damaged (quick_check failed); no backup made`,
    )
  }
}

/** A copy of `db` into `out` after quick_check: written beside it under a scratch name, then renamed. */
export async function backupTo(db: Db, out: string): Promise<void> {
  await Promise.resolve()
  assertSound(db, '备份')
  const tmp = `${out}.part-${process.pid}`
  cleanup(tmp)
  try {
    copyDatabase(db, tmp)
    renameSync(tmp, out)
    restrictFile(out)
  } catch (e) {
    cleanup(tmp)
    if (e instanceof AppError) throw e
    throw new AppError('backup-failed', `备份失败：无法写入“${out}”（${(e as Error).message}）`, `backup to ${out} failed`)
  }
}

function info(dir: string, file: string): BackupInfo {
  const path = join(dir, file)
  const st = statSync(path)
  return { file, path, size: st.size, createdAt: st.mtime.toISOString() }
}

/** Sort key of a backup name: its time, then the -N of backups taken within one second. */
function timeKey(file: string): string {
  const m = NAME_RE.exec(file)
  return m ? `${m[2]}${m[3]}${(m[4] ?? '1').padStart(4, '0')}` : ''
}

/** This database's backups and safety copies, newest first. */
export function listBackups(ctx: AppContext): BackupInfo[] {
  if (!existsSync(ctx.backupDir)) return []
  return readdirSync(ctx.backupDir)
    .filter((f) => NAME_RE.test(f))
    .sort((a, b) => (timeKey(a) < timeKey(b) ? 1 : timeKey(a) > timeKey(b) ? -1 : a < b ? 1 : -1))
    .map((f) => info(ctx.backupDir, f))
}

/** Keeps the newest ten; the newest backup that passes the check is kept even when older. */
function prune(dir: string, prefix: Prefix, key: string | undefined): void {
  const files = readdirSync(dir)
    .filter((f) => NAME_RE.exec(f)?.[1] === prefix)
    .sort((a, b) => (timeKey(a) < timeKey(b) ? -1 : timeKey(a) > timeKey(b) ? 1 : 0))
  const drop = files.slice(0, Math.max(0, files.length - BACKUP_KEEP))
  if (drop.length === 0) return
  const newestGood = [...files].reverse().find((f) => backupPassesCheck(join(dir, f), key))
  for (const f of drop) if (f !== newestGood) cleanup(join(dir, f))
}

function freshName(dir: string, prefix: Prefix, iso: string): string {
  const base = `${prefix}-${stamp(iso)}`
  let name = `${base}.sqlite`
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${base}-${n}.sqlite`
  return name
}

/** A timestamped backup into this database's backup folder, keeping the newest 10. */
export async function createBackup(ctx: AppContext): Promise<BackupInfo> {
  makePrivateDir(ctx.backupDir)
  const name = freshName(ctx.backupDir, 'backup', ctx.nowIso())
  await backupTo(ctx.db, join(ctx.backupDir, name))
  prune(ctx.backupDir, 'backup', ctx.key)
  return info(ctx.backupDir, name)
}

/** A backup into a folder the user picks (a USB stick), named by the database id and the time. */
export async function backupToFolder(ctx: AppContext, folder: string): Promise<BackupInfo> {
  const dir = resolve(folder)
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new AppError('backup-folder', `备份目标文件夹不存在：${dir}`, `folder not found: ${dir}`)
  }
  const id = databaseId(ctx.db) ?? 'db'
  const base = `干部数据库-${id}-${stamp(ctx.nowIso())}`
  let name = `${base}.sqlite`
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${base}-${n}.sqlite`
  await backupTo(ctx.db, join(dir, name))
  recordAudit(ctx, {
    action: 'backup',
    entity: 'database',
    summary: `备份数据库到“${join(dir, name)}”`,
    after: { file: join(dir, name) },
  })
  return info(dir, name)
}

/**
 * The backup taken at every start. An empty database is not backed up: ten starts of an emptied
 * database would otherwise push every good backup out of the rotation.
 */
export async function backupOnStart(ctx: AppContext): Promise<BackupInfo | null> {
  const n = ctx.db
    .prepare('SELECT (SELECT count(*) FROM cadres) + (SELECT count(*) FROM units) AS n')
    .get() as { n: number }
  if (n.n === 0) return null
  return createBackup(ctx)
}

export interface IntegrityResult {
  ok: boolean
  /** Chinese, one line per problem. */
  problems: string[]
}

/** PRAGMA integrity_check and foreign_key_check. */
export function checkIntegrity(db: Db): IntegrityResult {
  const problems: string[] = []
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[]
    for (const r of rows) if (r.integrity_check !== 'ok') problems.push(`完整性检查：${r.integrity_check}`)
    const fks = db.pragma('foreign_key_check') as {
      table: string
      rowid: number | null
      parent: string
      fkid: number
    }[]
    for (const f of fks)
      problems.push(`外键检查：表 ${f.table} 第 ${f.rowid ?? '?'} 行引用的 ${f.parent} 记录不存在`)
  } catch (e) {
    problems.push(`数据库无法读取：${(e as Error).message}`)
  }
  return { ok: problems.length === 0, problems }
}

/**
 * Checks a database file without changing it: integrity, foreign keys and the audit trail's hash
 * chain. Throws AppError 'db-not-sqlite' when the file is not a database at all (and
 * 'db-from-future', 'db-foreign', 'db-wrong-key'); damage is reported.
 */
export function verifyDatabaseFile(path: string, key?: string): IntegrityResult {
  let db: Db
  try {
    db = openDatabase(path, { readonly: true, key })
  } catch (e) {
    if (e instanceof AppError && (e.code === 'db-corrupt' || e.code === 'db-open' || e.code === 'db-damaged'))
      return { ok: false, problems: [e.message] }
    throw e
  }
  try {
    const r = checkIntegrity(db)
    const chain = verifyAuditChain(db)
    return { ok: r.ok && chain.ok, problems: [...r.problems, ...chain.problems] }
  } finally {
    db.close()
  }
}

/** Resolves a backup's file name inside this database's backup folder (no paths from the UI). */
function backupPath(ctx: AppContext, file: string): string {
  if (basename(file) !== file || !NAME_RE.test(file)) {
    throw new AppError('backup-name', `“${file}”不是本系统的备份文件名`, `not a backup file name: ${file}`)
  }
  const path = join(ctx.backupDir, file)
  if (!existsSync(path))
    throw new AppError('backup-missing', `备份文件“${file}”不存在`, `backup ${file} not found`)
  return path
}

/**
 * Opens a copy of a backup as a scratch database (migrated to the current schema) and checks it.
 * The caller closes it and removes the scratch file.
 */
export function stageBackup(src: string, scratch: string, key: string | undefined, label: string): Db {
  cleanup(scratch)
  copyFileSync(src, scratch)
  restrictFile(scratch)
  let staged: Db
  try {
    staged = openDatabase(scratch, { backupBeforeMigrate: false, key })
  } catch (e) {
    const why = e instanceof AppError ? e.message.split(scratch).join(label) : (e as Error).message
    throw new AppError('backup-unusable', `备份“${label}”无法使用，未恢复：${why}`, `backup ${label} is unusable; nothing restored`)
  }
  const check = checkIntegrity(staged)
  if (!check.ok) {
    staged.close()
    throw new AppError(
      'backup-corrupt',
      `备份“${label}”未通过完整性检查，未恢复：${check.problems.slice(0, 3).join('；')}`,
      `backup ${label} failed the integrity check; nothing restored`,
    )
  }
  return staged
}

/** Tables a restore replaces: all but the audit trail, the database's identity and the migrations. */
const KEPT_TABLES = new Set(['audit_log', 'db_meta', 'schema_migrations'])

/** Replaces the content of the live connection's tables by the attached database's, in one transaction. */
function replaceContent(db: Db, scratch: string, key: string | undefined): { auditRows: number } {
  const attachKey = isPlainSqlite(scratch) ? '' : (key ?? '')
  db.exec(`ATTACH DATABASE ${sqlString(scratch)} AS restore_src KEY ${sqlString(attachKey)}`)
  try {
    const tables = db
      .prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[]
    const auditRows = db.prepare('SELECT count(*) FROM restore_src.audit_log').pluck().get() as number
    const replaced = tables.filter((t) => !KEPT_TABLES.has(t))
    db.transaction(() => {
      db.pragma('defer_foreign_keys = ON')
      // Every table emptied before any is filled: emptying cadres deletes what refers to a cadre
      // (ON DELETE CASCADE), so a table filled before it would lose its rows again (the tables'
      // order in the schema is not the order they refer to each other: migration 0190 rebuilt cadres).
      for (const t of replaced) db.exec(`DELETE FROM main."${t}"`)
      for (const t of replaced) {
        const cols = (db.prepare(`SELECT name FROM pragma_table_info(?, 'main')`).pluck().all(t) as string[])
          .map((c) => `"${c}"`)
          .join(', ')
        db.exec(`INSERT INTO main."${t}" (${cols}) SELECT ${cols} FROM restore_src."${t}"`)
      }
    })()
    return { auditRows }
  } finally {
    db.exec('DETACH DATABASE restore_src')
  }
}

/**
 * Replaces the live database's content with a backup's after checking the backup. The current
 * content is first saved as a before-restore safety copy. `file` is a name from listBackups, or
 * (restore from a file, command line) a path to any backup file.
 */
export async function restoreBackup(
  ctx: AppContext,
  file: string,
  opts: { anyPath?: boolean } = {},
): Promise<{ restoredFrom: string; safetyCopy: string }> {
  const src = opts.anyPath ? resolve(file) : backupPath(ctx, file)
  if (!existsSync(src)) throw new AppError('backup-missing', `备份文件“${file}”不存在`, `backup ${file} not found`)
  makePrivateDir(ctx.backupDir)
  const scratch = join(ctx.backupDir, `.restore-${process.pid}-${Date.now()}.sqlite`)
  const label = basename(file)
  try {
    const staged = stageBackup(src, scratch, ctx.key, label)
    const fromId = databaseId(staged)
    staged.close()
    const safetyName = freshName(ctx.backupDir, 'before-restore', ctx.nowIso())
    await backupTo(ctx.db, join(ctx.backupDir, safetyName))
    prune(ctx.backupDir, 'before-restore', ctx.key)
    const { auditRows } = replaceContent(ctx.db, scratch, ctx.key)
    const own = databaseId(ctx.db)
    recordAudit(ctx, {
      action: 'restore',
      entity: 'database',
      summary:
        `从备份“${label}”恢复数据库；恢复前的数据已另存为“${safetyName}”；审计记录保留现有的全部条目` +
        (fromId && own && fromId !== own ? `（注意：该备份来自另一个数据库 ${fromId}）` : ''),
      after: { restoredFrom: opts.anyPath ? src : label, safetyCopy: safetyName, backupAuditRows: auditRows, fromDatabase: fromId },
    })
    return { restoredFrom: label, safetyCopy: safetyName }
  } finally {
    cleanup(scratch)
  }
}

/**
 * Restore for a database that cannot be opened (damaged): the damaged file is renamed aside, never
 * deleted, and the backup, after the check, becomes the database file.
 */
export function restoreOverDamaged(dbPath: string, src: string, key: string | undefined, nowIso: string): { damagedKeptAs: string } {
  const scratch = `${dbPath}.restore-${process.pid}.sqlite`
  try {
    const staged = stageBackup(resolve(src), scratch, key, basename(src))
    const aside = `${dbPath}.damaged-${stamp(nowIso)}`
    for (const s of ['', '-wal', '-shm']) if (existsSync(dbPath + s)) renameSync(dbPath + s, aside + s)
    try {
      copyDatabase(staged, dbPath)
    } finally {
      staged.close()
    }
    return { damagedKeptAs: aside }
  } finally {
    cleanup(scratch)
  }
}

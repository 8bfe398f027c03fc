/**
 * Backups through SQLite's online backup API (consistent while the app keeps working), an
 * integrity check, and restore.
 *
 * Files in `ctx.backupDir`:
 *   backup-YYYYMMDD-HHMMSS.sqlite          on start and on demand; the newest 10 are kept
 *   before-restore-YYYYMMDD-HHMMSS.sqlite  the database as it was just before a restore; newest 10 kept
 *
 * Restore keeps the app's open connection valid: the chosen backup is copied to a scratch file,
 * opened (which migrates an older backup to the current schema), checked, and then written INTO
 * the live database file with the backup API, page by page, in one write transaction. The live
 * connection sees the restored content on its next query; the UI only has to reload its data.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, copyFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { BackupInfo } from '../ipc/contract/core'
import { openDatabase, type Db } from '../db/open'
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

/** Online backup of `db` into `out`: written beside it under a scratch name, then renamed. */
export async function backupTo(db: Db, out: string): Promise<void> {
  const tmp = `${out}.part-${process.pid}`
  cleanup(tmp)
  try {
    await db.backup(tmp)
    renameSync(tmp, out)
  } catch (e) {
    cleanup(tmp)
    if (e instanceof AppError) throw e
    throw new AppError(
      'backup-failed',
      `备份失败：无法写入“${out}”（${(e as Error).message}）`,
      `backup to ${out} failed`,
    )
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

/** Backups and safety copies, newest first. */
export function listBackups(ctx: AppContext): BackupInfo[] {
  if (!existsSync(ctx.backupDir)) return []
  return readdirSync(ctx.backupDir)
    .filter((f) => NAME_RE.test(f))
    .sort((a, b) => (timeKey(a) < timeKey(b) ? 1 : timeKey(a) > timeKey(b) ? -1 : a < b ? 1 : -1))
    .map((f) => info(ctx.backupDir, f))
}

function prune(dir: string, prefix: Prefix): void {
  const files = readdirSync(dir)
    .filter((f) => NAME_RE.exec(f)?.[1] === prefix)
    .sort((a, b) => (timeKey(a) < timeKey(b) ? -1 : timeKey(a) > timeKey(b) ? 1 : 0))
  for (const f of files.slice(0, Math.max(0, files.length - BACKUP_KEEP))) cleanup(join(dir, f))
}

function freshName(dir: string, prefix: Prefix, iso: string): string {
  const base = `${prefix}-${stamp(iso)}`
  let name = `${base}.sqlite`
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${base}-${n}.sqlite`
  return name
}

/** A timestamped backup into ctx.backupDir, keeping the newest 10. */
export async function createBackup(ctx: AppContext): Promise<BackupInfo> {
  mkdirSync(ctx.backupDir, { recursive: true })
  const name = freshName(ctx.backupDir, 'backup', ctx.nowIso())
  await backupTo(ctx.db, join(ctx.backupDir, name))
  prune(ctx.backupDir, 'backup')
  return info(ctx.backupDir, name)
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
 * Checks a database file without changing it. Throws AppError 'db-not-sqlite' when the file is
 * not a database at all (and 'db-from-future' for a newer app's file); damage is reported.
 */
export function verifyDatabaseFile(path: string): IntegrityResult {
  let db: Db
  try {
    db = openDatabase(path, { readonly: true })
  } catch (e) {
    if (e instanceof AppError && (e.code === 'db-corrupt' || e.code === 'db-open'))
      return { ok: false, problems: [e.message] }
    throw e
  }
  try {
    return checkIntegrity(db)
  } finally {
    db.close()
  }
}

/** Resolves a backup's file name inside ctx.backupDir (no paths from the UI). */
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
 * Replaces the live database's content with a backup's after checking the backup. The current
 * content is first saved as a before-restore safety copy. `file` is a name from listBackups, or
 * (command line) a path to any backup file.
 */
export async function restoreBackup(
  ctx: AppContext,
  file: string,
  opts: { anyPath?: boolean } = {},
): Promise<{ restoredFrom: string; safetyCopy: string }> {
  const src = opts.anyPath ? file : backupPath(ctx, file)
  if (!existsSync(src))
    throw new AppError('backup-missing', `备份文件“${file}”不存在`, `backup ${file} not found`)
  mkdirSync(ctx.backupDir, { recursive: true })
  const scratch = join(ctx.backupDir, `.restore-${process.pid}-${Date.now()}.sqlite`)
  cleanup(scratch)
  copyFileSync(src, scratch)
  let staged: Db | null = null
  try {
    try {
      staged = openDatabase(scratch, { backupBeforeMigrate: false })
    } catch (e) {
      const why = e instanceof AppError ? e.message.replace(scratch, basename(file)) : (e as Error).message
      throw new AppError(
        'backup-unusable',
        `备份“${basename(file)}”无法使用，未恢复：${why}`,
        `backup ${file} is unusable; nothing restored`,
      )
    }
    const check = checkIntegrity(staged)
    if (!check.ok) {
      throw new AppError(
        'backup-corrupt',
        `备份“${basename(file)}”未通过完整性检查，未恢复：${check.problems.slice(0, 3).join('；')}`,
        `backup ${file} failed the integrity check; nothing restored`,
      )
    }
    const safetyName = freshName(ctx.backupDir, 'before-restore', ctx.nowIso())
    await backupTo(ctx.db, join(ctx.backupDir, safetyName))
    prune(ctx.backupDir, 'before-restore')
    await staged.backup(ctx.dbPath)
    staged.close()
    staged = null
    // The live connection reads the restored pages from here on; record the restore in its log.
    recordAudit(ctx, {
      action: 'restore',
      entity: 'database',
      summary: `从备份“${basename(file)}”恢复数据库；恢复前的数据已另存为“${safetyName}”`,
      after: { restoredFrom: basename(file), safetyCopy: safetyName },
    })
    return { restoredFrom: basename(file), safetyCopy: safetyName }
  } finally {
    if (staged) staged.close()
    cleanup(scratch)
  }
}

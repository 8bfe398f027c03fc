import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, openSync, readSync, closeSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { AppError } from '../domain/errors'
import { MIGRATIONS, type Migration } from './migrations'

export type Db = Database.Database

const SQLITE_HEADER = 'SQLite format 3\u0000'

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex')
}

/** Refuses a file that is not SQLite before better-sqlite3 touches it. */
function assertSqliteFile(path: string): void {
  if (!existsSync(path) || statSync(path).size === 0) return
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(16)
    readSync(fd, buf, 0, 16, 0)
    if (buf.toString('latin1') !== SQLITE_HEADER) {
      throw new AppError(
        'db-not-sqlite',
        `文件“${path}”不是干部管理系统的数据库（不是 SQLite 文件），未作任何改动`,
        `${path} is not an SQLite database; left untouched`,
      )
    }
  } finally {
    closeSync(fd)
  }
}

/** better-sqlite3's compiled addon to load instead of the one in node_modules: the desktop app
 *  uses a build for Electron's ABI (scripts/electron-native.mjs); Node uses the default. */
let nativeBinding: string | undefined

export function setNativeBinding(path: string | undefined): void {
  nativeBinding = path
}

export interface OpenOptions {
  migrations?: readonly Migration[]
  readonly?: boolean
  /** Keep a copy of the file before migrating an existing database (default true for files). */
  backupBeforeMigrate?: boolean
}

/**
 * Opens (creating when missing) and migrates a database. A database from a newer version of the
 * app is refused; a failed migration rolls back and leaves the file as it was.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  const migrations = opts.migrations ?? MIGRATIONS
  const latest = migrations[migrations.length - 1]?.version ?? 0
  const isFile = path !== ':memory:' && path !== ''
  if (isFile) assertSqliteFile(path)
  let db: Db
  try {
    db = new Database(path, { readonly: opts.readonly ?? false, ...(nativeBinding ? { nativeBinding } : {}) })
  } catch (e) {
    throw new AppError('db-open', `无法打开数据库“${path}”：${(e as Error).message}`, `cannot open ${path}`)
  }
  try {
    db.pragma('busy_timeout = 5000')
    let version: number
    try {
      version = db.pragma('user_version', { simple: true }) as number
    } catch (e) {
      throw new AppError('db-corrupt', `数据库“${path}”已损坏，无法读取：${(e as Error).message}。文件未作改动`, `database ${path} is corrupt`)
    }
    if (version > latest) {
      throw new AppError(
        'db-from-future',
        `数据库“${path}”由更新版本的干部管理系统创建（数据版本 ${version}，本程序支持到 ${latest}），请升级程序后再打开。文件未作改动`,
        `database version ${version} is newer than this app (${latest}); left untouched`,
      )
    }
    if (!opts.readonly) {
      const pending = migrations.filter((m) => m.version > version)
      if (version > 0) checkApplied(db, migrations, version)
      if (pending.length > 0) {
        if (isFile && version > 0 && (opts.backupBeforeMigrate ?? true)) {
          copyFileSync(path, `${path}.before-v${latest}.bak`)
        }
        applyMigrations(db, pending)
      }
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
    }
    db.pragma('foreign_keys = ON')
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

function checkApplied(db: Db, migrations: readonly Migration[], version: number): void {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").get()
  if (!hasTable) return
  const rows = db.prepare('SELECT version, sha256 FROM schema_migrations').all() as { version: number; sha256: string }[]
  for (const r of rows) {
    const m = migrations.find((x) => x.version === r.version)
    if (m && r.version <= version && sha256(m.sql) !== r.sha256) {
      throw new AppError(
        'db-migration-edited',
        `数据库迁移 ${m.name} 在应用之后被修改过，程序拒绝继续（这是开发错误，请联系维护人员）`,
        `migration ${m.name} was edited after it was applied`,
      )
    }
  }
}

function applyMigrations(db: Db, pending: readonly Migration[]): void {
  const run = db.transaction(() => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)',
    )
    const ins = db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)')
    for (const m of pending) {
      try {
        db.exec(m.sql)
      } catch (e) {
        throw new AppError(
          'db-migration-failed',
          `数据库升级失败（${m.name}）：${(e as Error).message}。数据库保持升级前的状态，未作改动`,
          `migration ${m.name} failed; database left as it was`,
        )
      }
      ins.run(m.version, m.name, sha256(m.sql), new Date().toISOString())
      db.pragma(`user_version = ${m.version}`)
    }
  })
  run.immediate()
}

import { createHash } from 'node:crypto'
import { chmodSync, closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import Database from 'better-sqlite3-multiple-ciphers'
import { AppError } from '../domain/errors'
import { sealAuditChain, registerAuditHash } from './audit-chain'
import { newestGoodBackupHint } from './good-backup'
import { MIGRATIONS, type Migration } from './migrations'

export type Db = Database.Database

const SQLITE_HEADER = 'SQLite format 3\u0000'

/** PRAGMA application_id of this app's files: 'CADR'. A file with another id is not ours. */
export const APPLICATION_ID = 0x43414452

/** The cipher of SQLite3 Multiple Ciphers used for encrypted files (its default, named so it stays). */
export const CIPHER = 'chacha20'

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex')
}

/** A string literal for SQL (keys go into PRAGMA / ATTACH, which take no parameters). */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`
}

/** A recovery key as printed (groups of four, capitals, spaces) back to the key; a passphrase as given. */
export function normalizeKey(input: string): string {
  const hex = input.replace(/[\s-]/g, '').toLowerCase()
  return /^[0-9a-f]{64}$/.test(hex) ? hex : input.trim()
}

/** The key from the environment for the CLI and the browser host; empty means none. */
export function keyFromEnv(): string | undefined {
  const k = process.env['CADRE_DB_KEY']
  return k && k.trim() ? normalizeKey(k) : undefined
}

/** True when the file starts with SQLite's plain header; false for an encrypted file or another kind. */
export function isPlainSqlite(path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(16)
    readSync(fd, buf, 0, 16, 0)
    return buf.toString('latin1') === SQLITE_HEADER
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
  /** The database key (encryption at rest). A plain file opens without it; a new file is encrypted with it. */
  key?: string | undefined
}

/** Files of the database: owner only (0600) where the OS has modes. */
export function restrictFile(path: string): void {
  if (process.platform === 'win32') return
  for (const s of ['', '-wal', '-shm']) {
    try {
      if (existsSync(path + s)) chmodSync(path + s, 0o600)
    } catch {
      // a file we do not own (read-only share): reading it is still fine
    }
  }
}

function rawOpen(path: string, readonly: boolean, key: string | undefined): Db {
  let db: Db
  try {
    db = new Database(path, { readonly, ...(nativeBinding ? { nativeBinding } : {}) })
  } catch (e) {
    throw new AppError('db-open', `无法打开数据库“${path}”：${(e as Error).message}`, `cannot open ${path}`)
  }
  if (key) {
    db.pragma(`cipher = ${sqlString(CIPHER)}`)
    db.pragma(`key = ${sqlString(key)}`)
  }
  registerAuditHash(db)
  return db
}

/** The database's own id (table db_meta, migration 0070); null before that migration. */
export function databaseId(db: Db): string | null {
  try {
    const r = db.prepare("SELECT value FROM db_meta WHERE key = 'id'").pluck().get() as string | undefined
    return r ?? null
  } catch {
    return null
  }
}

interface Inspection {
  version: number
}

/**
 * Looks at an existing file through a read-only connection, so nothing is written to a file that
 * is damaged, foreign, from the future or needs a key: the key, the application id, the tables,
 * PRAGMA quick_check.
 */
function inspect(path: string, db: Db, plain: boolean, key: string | undefined, latest: number): Inspection {
  let appId: number
  let tables: string[]
  let version: number
  try {
    appId = db.pragma('application_id', { simple: true }) as number
    tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
    version = db.pragma('user_version', { simple: true }) as number
  } catch (e) {
    const code = (e as { code?: string }).code
    if (!plain && key && code === 'SQLITE_NOTADB') {
      throw new AppError(
        'db-wrong-key',
        `密钥不正确：无法用所给的密钥打开数据库“${path}”（也可能它不是干部管理系统的数据库）。文件未作改动`,
        `wrong key for ${path} (or not a database of this app); left untouched`,
      )
    }
    throw new AppError(
      'db-corrupt',
      `数据库“${path}”已损坏，无法读取：${(e as Error).message}。文件未作改动。${newestGoodBackupHint(path, null, key)}`,
      `database ${path} is corrupt; left untouched`,
    )
  }
  const ours = appId === APPLICATION_ID || (appId === 0 && (tables.length === 0 || tables.includes('schema_migrations')))
  if (!ours) {
    throw new AppError(
      'db-foreign',
      `文件“${path}”是其他程序的 SQLite 数据库（application_id ${appId}，含 ${tables.length} 张表），不是干部管理系统的数据库，已拒绝打开，未作任何改动`,
      `${path} belongs to another application (application_id ${appId}); left untouched`,
    )
  }
  const problems = quickCheck(db)
  if (problems.length) {
    throw new AppError(
      'db-damaged',
      `数据库“${path}”已损坏（完整性快速检查：${problems.slice(0, 3).join('；')}），为免损坏扩大，程序不写入也不备份它，文件未作改动。${newestGoodBackupHint(path, databaseId(db), key)}`,
      `database ${path} is damaged (quick_check failed); not written to, not backed up`,
    )
  }
  if (version > latest) {
    throw new AppError(
      'db-from-future',
      `数据库“${path}”由更新版本的干部管理系统创建（数据版本 ${version}，本程序支持到 ${latest}），请升级程序后再打开。文件未作改动`,
      `database version ${version} is newer than this app (${latest}); left untouched`,
    )
  }
  return { version }
}

/** PRAGMA quick_check: [] when sound, else the problems (or the read error). */
export function quickCheck(db: Db): string[] {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[]
    return rows.map((r) => r.quick_check.replace(/\s+/g, ' ').trim()).filter((r) => r !== 'ok')
  } catch (e) {
    return [`无法读取：${(e as Error).message}`]
  }
}

/**
 * A consistent copy of an open database into a new file through SQLite (VACUUM INTO): what is
 * still in the WAL is included, and an encrypted database's copy is encrypted with the same key
 * (SQLite's backup API refuses an encrypted source with a plain target). `out` must not exist.
 */
export function copyDatabase(db: Db, out: string): void {
  db.prepare('VACUUM INTO ?').run(out)
  restrictFile(out)
}

function freeName(base: string): string {
  if (!existsSync(base)) return base
  for (let n = 2; ; n++) if (!existsSync(`${base}-${n}`)) return `${base}-${n}`
}

/**
 * Opens (creating when missing) and migrates a database. Refused, with the file left untouched: a
 * file that is not SQLite, an encrypted one without its key or with a wrong key, another
 * application's file, a damaged one (quick_check) and one from a newer version of the app. A failed
 * migration rolls back and leaves the file as it was.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  const migrations = opts.migrations ?? MIGRATIONS
  const latest = migrations[migrations.length - 1]?.version ?? 0
  const isFile = path !== ':memory:' && path !== ''
  const exists = isFile && existsSync(path) && statSync(path).size > 0
  const plain = exists ? isPlainSqlite(path) : true
  // A plain file opens without the key; a new file made while a key is given is encrypted.
  const key = isFile && (!exists || !plain) ? opts.key : undefined
  if (exists && !plain && !key) {
    throw new AppError(
      'db-not-sqlite',
      `文件“${path}”不是 SQLite 文件，或是加密的数据库而没有给出密钥（需要密钥：请设置环境变量 CADRE_DB_KEY）。未作任何改动`,
      `${path} is not an SQLite database, or it is encrypted and needs a key (CADRE_DB_KEY); left untouched`,
    )
  }
  let version = 0
  if (exists) {
    const ro = rawOpen(path, true, key)
    try {
      version = inspect(path, ro, plain, key, latest).version
    } catch (e) {
      ro.close()
      throw e
    }
    if (opts.readonly) {
      ro.pragma('foreign_keys = ON')
      return ro
    }
    ro.close()
  }
  const db = rawOpen(path, opts.readonly ?? false, key)
  try {
    db.pragma('busy_timeout = 5000')
    immediateTransactions(db)
    if (!opts.readonly) {
      // Pending: every migration not recorded as applied. Helpers number their migrations in ranges
      // (0070–0079, 0080–…), so a file that already has 0080 may still lack 0071.
      const applied = appliedVersions(db)
      const pending = migrations.filter((m) => (applied ? !applied.has(m.version) : m.version > version))
      if (version > 0) checkApplied(db, migrations, version)
      if (pending.length > 0) {
        if (exists && version > 0 && (opts.backupBeforeMigrate ?? true)) {
          copyDatabase(db, freeName(`${path}.before-v${latest}.bak`))
        }
        applyMigrations(db, pending)
        // Entries written before the chain existed are chained once, when 0070 is applied; an
        // unchained entry found later is a forgery that verify reports, never sealed.
        if (pending.some((m) => m.name === '0070-custody')) sealAuditChain(db)
      }
      if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) {
        db.pragma(`application_id = ${APPLICATION_ID}`)
      }
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
      if (isFile) restrictFile(path)
    }
    db.pragma('foreign_keys = ON')
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

/**
 * Every `db.transaction(fn)` begins IMMEDIATE: the write lock is taken at the start (waiting up to
 * busy_timeout for another writer) instead of failing half-way when a read turns into a write.
 */
function immediateTransactions(db: Db): void {
  const original = db.transaction.bind(db)
  db.transaction = ((fn: (...a: unknown[]) => unknown) => {
    const t = original(fn)
    const run = (...a: unknown[]): unknown => t.immediate(...a)
    return Object.assign(run, { default: t.immediate, deferred: t.deferred, immediate: t.immediate, exclusive: t.exclusive })
  }) as Db['transaction']
}

function appliedVersions(db: Db): Set<number> | null {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").get()
  if (!hasTable) return null
  return new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[])
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
      const current = db.pragma('user_version', { simple: true }) as number
      if (m.version > current) db.pragma(`user_version = ${m.version}`)
    }
    if (rebuilds && (db.prepare('PRAGMA foreign_key_check').all() as unknown[]).length > 0) {
      throw new AppError(
        'db-migration-failed',
        '数据库升级失败：重建数据表后有记录引用了不存在的干部或单位。数据库保持升级前的状态，未作改动',
        'foreign keys broken after a table rebuild; database left as it was',
      )
    }
  })
  // SQLite ignores this pragma inside a transaction: set around it (lang_altertable.html).
  const rebuilds = pending.some((m) => m.rebuildsTables)
  const fk = db.pragma('foreign_keys', { simple: true }) as number
  if (rebuilds) db.pragma('foreign_keys = OFF')
  try {
    run.immediate()
  } finally {
    if (rebuilds) db.pragma(`foreign_keys = ${fk ? 'ON' : 'OFF'}`)
  }
}

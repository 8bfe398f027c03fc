/**
 * Encrypting an existing plain database in place, on request: a copy is made through SQLite
 * (VACUUM INTO, the WAL included), the copy is encrypted (PRAGMA rekey), opened again with the key
 * and compared, and only then renamed over the original. Nothing is deleted before the encrypted
 * file is in place; a failure at any step leaves the original as it was.
 */
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { AppError } from '../domain/errors'
import { registerAuditHash } from './audit-chain'
import { CIPHER, copyDatabase, isPlainSqlite, openDatabase, quickCheck, restrictFile, sqlString } from './open'

function cleanup(path: string): void {
  for (const s of ['', '-wal', '-shm', '-journal']) rmSync(path + s, { force: true })
}

/** Encrypts a plain, closed SQLite file (no WAL) by way of an encrypted copy renamed over it. */
function encryptClosedFile(path: string, key: string): void {
  const tmp = `${path}.encrypting-${process.pid}`
  cleanup(tmp)
  try {
    copyFileSync(path, tmp)
    restrictFile(tmp)
    rekey(tmp, key)
    renameSync(tmp, path)
    restrictFile(path)
  } finally {
    cleanup(tmp)
  }
}

function rekey(file: string, key: string): void {
  const db = new Database(file)
  try {
    db.pragma('journal_mode = DELETE')
    db.pragma(`cipher = ${sqlString(CIPHER)}`)
    db.pragma(`rekey = ${sqlString(key)}`)
  } finally {
    db.close()
  }
}

function counts(db: Database.Database): string {
  return JSON.stringify(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).map((t) => [
      t,
      db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get(),
    ]),
  )
}

export interface EncryptResult {
  database: string
  /** Backups and safety copies of this database encrypted along with it. */
  copies: string[]
}

/** Who asked for the encryption, for the audit row written into the encrypted file. */
export interface EncryptAudit {
  actor: string
  at: string
  /** Where it was asked from, e.g. 设置页 or 命令行. */
  via: string
}

/**
 * The audit row of the encryption goes into the encrypted copy after it was checked and before it is
 * renamed over the original, so the change and its record land together: a failure leaves the
 * plain original without a row claiming it was encrypted. The chain trigger needs cadre_audit_hash.
 */
function auditEncryption(file: string, key: string, a: EncryptAudit): void {
  const db = new Database(file)
  try {
    db.pragma(`cipher = ${sqlString(CIPHER)}`)
    db.pragma(`key = ${sqlString(key)}`)
    registerAuditHash(db)
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get()
    if (!has) return
    db.prepare(
      'INSERT INTO audit_log (at, actor, action, entity, entity_id, cadre_id, summary, before, after) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?)',
    ).run(
      a.at,
      a.actor,
      'encrypt',
      'database',
      `数据库已就地加密（经${a.via}），备份与安全副本一并加密`,
      JSON.stringify({ 加密: '否' }),
      JSON.stringify({ 加密: '是' }),
    )
  } finally {
    db.close()
  }
}

/** Encrypts the plain database at `path` (and its backups in `backupDir`) with `key`. */
export function encryptDatabaseInPlace(
  path: string,
  key: string,
  backupDir: string | null,
  audit?: EncryptAudit,
): EncryptResult {
  if (!key) throw new AppError('key-missing', '需要密钥：请先设置环境变量 CADRE_DB_KEY', 'a key is needed (CADRE_DB_KEY)')
  if (!isPlainSqlite(path)) {
    throw new AppError('already-encrypted', `数据库“${path}”已经加密（或不是 SQLite 文件），未作改动`, `${path} is already encrypted; left untouched`)
  }
  const db = openDatabase(path)
  const tmp = `${path}.encrypting-${process.pid}`
  cleanup(tmp)
  let before: string
  try {
    before = counts(db)
    copyDatabase(db, tmp)
  } finally {
    db.close()
  }
  try {
    rekey(tmp, key)
    const check = new Database(tmp, { readonly: true })
    try {
      check.pragma(`cipher = ${sqlString(CIPHER)}`)
      check.pragma(`key = ${sqlString(key)}`)
      const problems = quickCheck(check)
      if (problems.length || counts(check) !== before) {
        throw new AppError('encrypt-failed', `加密后的副本与原数据库不一致，已放弃，原数据库未作改动`, 'encrypted copy differs; original left as it was')
      }
    } finally {
      check.close()
    }
    if (audit) auditEncryption(tmp, key, audit)
    for (const s of ['-wal', '-shm']) if (existsSync(path + s)) rmSync(path + s)
    renameSync(tmp, path)
    restrictFile(path)
  } finally {
    cleanup(tmp)
  }
  const copies: string[] = []
  const besides = readdirSync(dirname(path))
    .filter((f) => f.startsWith(`${basename(path)}.before-v`) && f.endsWith('.bak'))
    .map((f) => join(dirname(path), f))
  const backups = backupDir && existsSync(backupDir) ? readdirSync(backupDir).filter((f) => f.endsWith('.sqlite')).map((f) => join(backupDir, f)) : []
  for (const f of [...besides, ...backups]) {
    if (isPlainSqlite(f)) {
      encryptClosedFile(f, key)
      copies.push(f)
    }
  }
  return { database: path, copies }
}

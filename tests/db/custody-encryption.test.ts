/**
 * Encryption at rest (better-sqlite3-multiple-ciphers): a database made by the CLI with
 * CADRE_DB_KEY is encrypted, and so are its WAL, backups and safety copies — stock SQLite reads
 * nothing from them; without the key or with a wrong one every door refuses (exit 2) and the file
 * stays byte-identical; a plain database is encrypted in place on request, its backups with it;
 * the desktop key is sealed by the OS key store and the recovery key opens the database when the
 * key store changed (against a stub of safeStorage).
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import PlainDatabase from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { bootApp } from '../../main/bootstrap'
import { isPlainSqlite, openDatabase } from '../../main/db/open'
import { desktopDatabaseKey, formatRecoveryKey, normalizeKey, type KeySealer } from '../../main/electron/db-key'
import { createBackup, restoreBackup } from '../../main/services/backup'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs')
const KEY = 'county-key-正确-2026'

function cli(key: string | null, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const env = { ...process.env }
  delete env['CADRE_DB_KEY']
  if (key !== null) env['CADRE_DB_KEY'] = key
  const r = spawnSync(process.execPath, [TSX, 'main/cli/index.ts', ...args], { cwd: ROOT, encoding: 'utf8', env })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** Stock SQLite (plain better-sqlite3) on a file: what it can read of it. */
function stockRead(path: string): string {
  const db = new PlainDatabase(path, { readonly: true })
  try {
    return JSON.stringify(db.prepare('SELECT name FROM sqlite_master').all())
  } catch (e) {
    return `error: ${(e as Error).message}`
  } finally {
    db.close()
  }
}

function idNumbers(path: string): string[] {
  const db = openDatabase(path, { readonly: true, key: KEY })
  try {
    return db.prepare('SELECT id_card FROM cadres WHERE id_card IS NOT NULL LIMIT 20').pluck().all() as string[]
  } finally {
    db.close()
  }
}

describe('encryption at rest', () => {
  it('a database the CLI makes with CADRE_DB_KEY, its backups and its safety copies read as nothing to stock SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-enc-'))
    const db = join(dir, 'cadres.db')
    expect(cli(KEY, 'demo', '--db', db, '--count', '200').code).toBe(0)
    expect(isPlainSqlite(db)).toBe(false)
    expect(stockRead(db)).toMatch(/^error: file is not a database/)
    const ids = idNumbers(db)
    expect(ids.length).toBe(20)
    const backup = cli(KEY, 'backup', '--db', db, '--json')
    expect(backup.code).toBe(0)
    const file = (JSON.parse(backup.stdout) as { file: string }).file
    expect(stockRead(file)).toMatch(/^error: file is not a database/)
    // Neither the file nor the WAL of the running app carries an ID number in the clear.
    const app = bootApp({ dbPath: db, host: 'test', key: KEY, backupOnStart: false })
    try {
      app.ctx.db.prepare("UPDATE cadres SET phone = '13912345678' WHERE id = 1").run()
      expect(existsSync(`${db}-wal`)).toBe(true)
      const safety = (await restoreBackup(app.ctx, (await createBackup(app.ctx)).file)).safetyCopy
      for (const f of [db, `${db}-wal`, file, join(app.ctx.backupDir, safety)]) {
        const bytes = readFileSync(f)
        for (const id of ids) expect(bytes.includes(Buffer.from(id))).toBe(false)
        expect(bytes.includes(Buffer.from('13912345678'))).toBe(false)
      }
      expect(stockRead(join(app.ctx.backupDir, safety))).toMatch(/^error: file is not a database/)
    } finally {
      app.close()
    }
  })

  it.each([
    ['no key', null, /^错误：文件“.*”不是 SQLite 文件，或是加密的数据库而没有给出密钥（需要密钥/],
    ['a wrong key', 'wrong-key', /^错误：密钥不正确/],
  ])('with %s, the CLI and the browser host refuse with exit 2 and leave the file byte-identical', async (_what, key, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-key-'))
    const db = join(dir, 'cadres.db')
    expect(cli(KEY, 'demo', '--db', db, '--count', '20').code).toBe(0)
    const bytes = readFileSync(db)
    const files = readdirSync(dir).sort()
    for (const args of [['list', '--json'], ['import', join(ROOT, 'tests/fixtures/rosters/一人一行.xlsx')], ['backup'], ['verify']]) {
      const r = cli(key, ...args, '--db', db)
      expect([args[0], r.code]).toEqual([args[0], 2])
      expect(r.stderr).toMatch(message)
    }
    const env = { ...process.env }
    delete env['CADRE_DB_KEY']
    if (key) env['CADRE_DB_KEY'] = key
    const child = spawn(process.execPath, [TSX, 'main/web/cli.ts', '--db', db, '--port', '0', '--no-build'], { cwd: ROOT, env })
    let err = ''
    child.stderr.on('data', (b: Buffer) => (err += b.toString()))
    expect(await new Promise<number | null>((r) => child.once('exit', r))).toBe(2)
    expect(err).toMatch(message)
    expect(readFileSync(db).equals(bytes)).toBe(true)
    expect(readdirSync(dir).sort()).toEqual(files)
  })

  it('encrypts a plain database in place on request, its backups with it; the data is the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-encrypt-'))
    const db = join(dir, 'cadres.db')
    expect(cli(null, 'demo', '--db', db, '--count', '150').code).toBe(0)
    expect(cli(null, 'backup', '--db', db).code).toBe(0)
    const before = cli(null, 'list', '--db', db, '--json').stdout
    expect(cli(null, 'encrypt', '--db', db).stderr).toMatch(/需要密钥/)
    const r = cli(KEY, 'encrypt', '--db', db, '--json')
    expect(r.stderr).toBe('')
    expect((JSON.parse(r.stdout) as { copies: string[] }).copies.length).toBeGreaterThanOrEqual(1)
    expect(isPlainSqlite(db)).toBe(false)
    expect(stockRead(db)).toMatch(/^error: file is not a database/)
    const backups = readdirSync(join(dir, 'backups'), { recursive: true, withFileTypes: true }).filter((f) => f.isFile())
    for (const f of backups) expect(isPlainSqlite(join(f.parentPath, f.name))).toBe(false)
    expect(cli(KEY, 'list', '--db', db, '--json').stdout).toBe(before)
    expect(cli(null, 'list', '--db', db, '--json').code).toBe(2)
    expect(cli(KEY, 'verify', '--db', db).code).toBe(0)
    expect(readdirSync(dir).filter((f) => f.includes('encrypting'))).toEqual([])
    // The encryption is in the audit log of the encrypted file, chained (verify above passed).
    const enc = openDatabase(db, { readonly: true, key: KEY })
    const last = enc.prepare('SELECT actor, action, summary, hash FROM audit_log ORDER BY id DESC LIMIT 1').get()
    enc.close()
    expect(last).toMatchObject({ actor: '系统', action: 'encrypt', summary: '数据库已就地加密（经命令行），备份与安全副本一并加密' })
    expect((last as { hash: string | null }).hash).toBeTruthy()
  })
})

/** A stand-in for Electron's safeStorage: sealing it can undo until the key store "changes". */
function keyStore(): KeySealer & { change(): void } {
  let secret = 'store-1'
  return {
    isEncryptionAvailable: () => true,
    encryptString: (s) => Buffer.from(`${secret}:${s}`),
    decryptString: (b) => {
      const t = b.toString()
      if (!t.startsWith(`${secret}:`)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return t.slice(secret.length + 1)
    },
    change: () => (secret = 'store-2'),
  }
}

describe('the desktop key (safeStorage, against a stub)', () => {
  it('is made at set-up with a recovery key shown once, unsealed on later starts, and the recovery key opens the database after the key store changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-desktop-'))
    const dbPath = join(dir, 'cadres.db')
    const store = keyStore()
    const first = desktopDatabaseKey({ sealer: store, dataDir: dir, dbPath })
    expect(first.key).toMatch(/^[0-9a-f]{64}$/)
    expect(first.recoveryKey).toMatch(/^([0-9A-F]{4}-){15}[0-9A-F]{4}$/)
    const app = bootApp({ dbPath, host: 'electron', key: first.key, backupOnStart: false })
    app.close()
    expect(isPlainSqlite(dbPath)).toBe(false)
    expect((readFileSync(join(dir, 'db-key.json'), 'utf8'))).not.toContain(first.key!)
    const again = desktopDatabaseKey({ sealer: store, dataDir: dir, dbPath })
    expect(again).toEqual({ key: first.key })
    store.change()
    expect(() => desktopDatabaseKey({ sealer: store, dataDir: dir, dbPath })).toThrow(/系统密钥库.*无法解开数据库密钥.*恢复密钥/)
    const recovered = desktopDatabaseKey({ sealer: store, dataDir: dir, dbPath, envKey: first.recoveryKey!.toLowerCase() })
    expect(recovered.key).toBe(first.key)
    expect(desktopDatabaseKey({ sealer: store, dataDir: dir, dbPath })).toEqual({ key: first.key })
    openDatabase(dbPath, { key: recovered.key }).close()
  })

  it('leaves an existing plain database plain (encrypting is on request) and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-desktop-plain-'))
    const dbPath = join(dir, 'cadres.db')
    openDatabase(dbPath).close()
    const k = desktopDatabaseKey({ sealer: keyStore(), dataDir: dir, dbPath })
    expect(k.key).toBeUndefined()
    expect(k.warning).toMatch(/尚未加密/)
  })

  it.each([
    ['the printed form', 'ABCD-0123-ABCD-0123-ABCD-0123-ABCD-0123-ABCD-0123-ABCD-0123-ABCD-0123-ABCD-0123', 'abcd0123'.repeat(8)],
    ['lower case with spaces', 'abcd 0123 abcd 0123 abcd 0123 abcd 0123 abcd 0123 abcd 0123 abcd 0123 abcd 0123', 'abcd0123'.repeat(8)],
    ['a passphrase (CLI)', '  县里的密钥 ', '县里的密钥'],
  ])('reads a recovery key typed as %s', (_what, typed, key) => {
    expect(normalizeKey(typed)).toBe(key)
  })

  it('prints the recovery key in groups of four', () => {
    expect(formatRecoveryKey('abcd0123'.repeat(8))).toBe('ABCD-0123-'.repeat(7) + 'ABCD-0123')
  })
})

/**
 * The desktop app's database key (as Signal Desktop keeps its SQLCipher key): a random key, sealed
 * by the OS key store through Electron's safeStorage and kept as `db-key.json` beside the database.
 * At set-up (a new database) the key is also returned once as the recovery key, to print and keep
 * apart from the laptop. When the OS key store changes (a new Windows profile, KWallet or GNOME
 * keyring reset on UOS / Kylin), decryptString fails: the app says so and the recovery key, given
 * as CADRE_DB_KEY for one start, opens the database and is sealed again.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isPlainSqlite, normalizeKey } from '../db/open'
import { AppError } from '../domain/errors'

/** The part of Electron's safeStorage used here (a stub in tests). */
export interface KeySealer {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(sealed: Buffer): string
}

export interface DesktopKey {
  /** undefined: the database stays plain (an existing plain database, or no OS key store). */
  key: string | undefined
  /** Shown once at set-up, to be printed: the key itself, in groups of four. */
  recoveryKey?: string
  /** A Chinese note for the administrator when the database is not encrypted. */
  warning?: string
}

export { normalizeKey }

export function formatRecoveryKey(key: string): string {
  return (key.toUpperCase().match(/.{1,4}/g) ?? []).join('-')
}

const UNSEAL_FAILED =
  '系统密钥库（Windows 凭据、钥匙串、KWallet 或 GNOME 密钥环）无法解开数据库密钥，可能系统密钥库被更换或重置。' +
  '数据库文件未作改动。请用设置时打印的恢复密钥打开：启动前设置环境变量 CADRE_DB_KEY=恢复密钥，程序会用新的系统密钥库重新封存。'

function seal(sealer: KeySealer, file: string, key: string): void {
  writeFileSync(file, JSON.stringify({ v: 1, sealed: sealer.encryptString(key).toString('base64') }), { mode: 0o600 })
}

/** Seals the key of a database encrypted in place (settings → 加密数据库); false without an OS key store. */
export function sealDesktopKey(sealer: KeySealer, dataDir: string, key: string): boolean {
  if (!sealer.isEncryptionAvailable()) return false
  seal(sealer, join(dataDir, 'db-key.json'), key)
  return true
}

export function desktopDatabaseKey(opts: {
  sealer: KeySealer
  dataDir: string
  dbPath: string
  /** CADRE_DB_KEY: the recovery key after the key store changed, or an administrator's key. */
  envKey?: string | undefined
}): DesktopKey {
  const file = join(opts.dataDir, 'db-key.json')
  const available = opts.sealer.isEncryptionAvailable()
  if (opts.envKey) {
    const key = normalizeKey(opts.envKey)
    if (available) seal(opts.sealer, file, key)
    return { key }
  }
  if (existsSync(file)) {
    let key: string
    try {
      const sealed = (JSON.parse(readFileSync(file, 'utf8')) as { sealed?: string }).sealed ?? ''
      key = opts.sealer.decryptString(Buffer.from(sealed, 'base64'))
    } catch {
      throw new AppError('key-unsealed', UNSEAL_FAILED, 'the OS key store cannot unseal the database key; use the recovery key as CADRE_DB_KEY')
    }
    return { key }
  }
  const exists = existsSync(opts.dbPath) && statSync(opts.dbPath).size > 0
  if (exists) {
    // Not plain and no sealed key here: not a database, or encrypted elsewhere; openDatabase says
    // which ("不是 SQLite 文件，或是加密的数据库而没有给出密钥").
    if (!isPlainSqlite(opts.dbPath)) return { key: undefined }
    return { key: undefined, warning: '数据库尚未加密：管理员可用命令行 encrypt 加密它（见 README）' }
  }
  if (!available) {
    return { key: undefined, warning: '本机没有可用的系统密钥库，数据库未加密' }
  }
  const key = randomBytes(32).toString('hex')
  seal(opts.sealer, file, key)
  return { key, recoveryKey: formatRecoveryKey(key) }
}

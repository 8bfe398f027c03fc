/**
 * When a database cannot be opened, the message names the newest backup that passes the check:
 * first among the backups of that database (backups/<database id>/), then any in its backups folder.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'

const BACKUP_FILE = /^(backup|before-restore)-.*\.sqlite$/

function candidates(dir: string): { path: string; mtime: number }[] {
  if (!existsSync(dir)) return []
  const out: { path: string; mtime: number }[] = []
  for (const f of readdirSync(dir)) {
    const p = join(dir, f)
    try {
      const st = statSync(p)
      if (st.isFile() && BACKUP_FILE.test(f)) out.push({ path: p, mtime: st.mtimeMs })
    } catch {
      // gone meanwhile
    }
  }
  return out.sort((a, b) => b.mtime - a.mtime)
}

/** True when the backup opens (with the key when encrypted), is this app's and passes quick_check. */
export function backupPassesCheck(path: string, key: string | undefined): boolean {
  for (const k of key ? [undefined, key] : [undefined]) {
    let db: Database.Database | null = null
    try {
      db = new Database(path, { readonly: true, fileMustExist: true })
      if (k) {
        db.pragma("cipher = 'chacha20'")
        db.pragma(`key = '${k.replace(/'/g, "''")}'`)
      }
      const id = db.pragma('application_id', { simple: true }) as number
      const rows = db.pragma('quick_check') as { quick_check: string }[]
      if ((id === 0x43414452 || id === 0) && rows.length === 1 && rows[0]?.quick_check === 'ok') return true
    } catch {
      // try the next way, or it does not pass
    } finally {
      db?.close()
    }
  }
  return false
}

/** The newest backup of this database that passes the check, or null. */
export function newestGoodBackup(dbPath: string, dbId: string | null, key: string | undefined): string | null {
  const root = join(dirname(dbPath), 'backups')
  const own = dbId ? candidates(join(root, dbId)) : []
  let others: { path: string; mtime: number }[] = []
  if (!dbId && existsSync(root)) {
    for (const d of readdirSync(root)) {
      const p = join(root, d)
      if (statSync(p).isDirectory()) others.push(...candidates(p))
    }
    others = others.sort((a, b) => b.mtime - a.mtime)
  }
  let tried = 0
  for (const c of [...own, ...others]) {
    if (tried++ >= 30) break
    if (backupPassesCheck(c.path, key)) return c.path
  }
  return null
}

export function newestGoodBackupHint(dbPath: string, dbId: string | null, key: string | undefined): string {
  const good = newestGoodBackup(dbPath, dbId, key)
  if (!good) return '在它旁边的 backups 文件夹中没有找到通过检查的备份，请找回其他位置（如 U 盘）保存的备份。'
  const when = new Date(statSync(good).mtimeMs).toLocaleString('zh-CN', { hour12: false })
  return `最近一份通过检查的备份是“${good}”（${when}）：可用命令 restore --db "${dbPath}" --from "${good}" 恢复（损坏的文件会改名保留），或在程序的“设置 → 备份”中从文件恢复。`
}

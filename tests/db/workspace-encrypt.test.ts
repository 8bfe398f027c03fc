/**
 * Settings → 加密数据库 (issue 12): the workspace encrypts the running real database in place on an
 * administrator's request, through main/db/encrypt.ts (the CLI's `encrypt`: an SQLite copy,
 * encrypted, checked, renamed over the file; its backups encrypted too), starts the services again
 * with the key and returns the recovery key once. Plain SQLite reads nothing afterwards; the data
 * is all there through the app; the recovery key opens the file; a second request, a clerk's
 * request and the demo database are refused in Chinese.
 */
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { afterEach, describe, expect, it } from 'vitest'
import { isPlainSqlite, normalizeKey, openDatabase } from '../../main/db/open'
import { Workspace, type WorkspaceOptions } from '../../main/workspace/workspace'
import { signInForTests } from '../sign-in'

const open: Workspace[] = []
afterEach(async () => {
  for (const w of open.splice(0)) await w.close()
})

async function start(dir: string, extra: Partial<WorkspaceOptions> = {}): Promise<Workspace> {
  const w = await Workspace.open({
    host: 'web',
    actor: 'test',
    configDir: dir,
    dbPath: join(dir, 'cadres.db'),
    defaultDataDir: dir,
    backupOnStart: true,
    onBoot: signInForTests,
    ...extra,
  })
  open.push(w)
  return w
}

async function ok(w: Workspace, name: string, arg?: unknown): Promise<unknown> {
  const r = await w.dispatch(name, arg)
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`)
  return r.value
}

describe('加密数据库 from the settings page', () => {
  it('encrypts the open database and its backups in place, runs on with the key, gives the recovery key once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-enc-'))
    const sealed: string[] = []
    const w = await start(dir, { sealDbKey: (_p, key) => (sealed.push(key), true) })
    await ok(w, 'cadres.save', { id: null, name: '王建国', idCard: '620102197503141354' })
    await ok(w, 'backup.create')
    const db = join(dir, 'cadres.db')
    expect(isPlainSqlite(db)).toBe(true)
    expect(await ok(w, 'custody.status')).toMatchObject({ encrypted: false })

    const r = (await ok(w, 'workspace.encrypt', { confirm: true })) as {
      recoveryKey: string
      copies: number
      sealed: boolean
    }
    expect(r.recoveryKey).toMatch(/^([0-9A-F]{4}-){15}[0-9A-F]{4}$/)
    expect(r.sealed).toBe(true)
    expect(r.copies).toBeGreaterThanOrEqual(1) // the backup made above
    expect(sealed).toEqual([normalizeKey(r.recoveryKey)])

    // Plain SQLite reads nothing: neither the database nor any backup.
    expect(isPlainSqlite(db)).toBe(false)
    const plain = new Database(db, { readonly: true })
    expect(() => plain.prepare('SELECT count(*) FROM cadres').get()).toThrow()
    plain.close()
    const backups = join(dir, 'backups')
    const files = readdirSync(backups, { recursive: true, withFileTypes: true }).filter((f) =>
      f.name.endsWith('.sqlite'),
    )
    expect(files.length).toBeGreaterThanOrEqual(r.copies) // and the start-up backup of the encrypted file
    for (const f of files) expect(isPlainSqlite(join(f.parentPath, f.name))).toBe(false)

    // The app runs on with the key: the data is there, the status says encrypted.
    expect(await ok(w, 'custody.status')).toMatchObject({ encrypted: true })
    expect(((await ok(w, 'app.info')) as { cadreCount: number }).cadreCount).toBe(1)
    // The recovery key opens the file.
    const withKey = openDatabase(db, { readonly: true, key: normalizeKey(r.recoveryKey) })
    expect(withKey.prepare('SELECT name FROM cadres').pluck().all()).toEqual(['王建国'])
    withKey.close()

    // The audit log says who encrypted it, from where (the row landed in the encrypted file).
    const audit = (await ok(w, 'audit.list', { limit: 5 })) as { entries: { actor: string; action: string; summary: string }[] }
    const row = audit.entries.find((e) => e.action === 'encrypt')
    expect(row?.summary).toBe('数据库已就地加密（经设置页），备份与安全副本一并加密')
    expect(row?.actor).not.toMatch(/^(系统|未登录)?$/)
    expect(((await ok(w, 'audit.verify')) as { ok: boolean }).ok).toBe(true)

    // A second request is refused, nothing changed.
    const again = await w.dispatch('workspace.encrypt', { confirm: true })
    expect(again).toMatchObject({ ok: false, error: { message: '数据库已经加密，无需再加密' } })
  })

  it.each<[string, (w: Workspace) => Promise<void>, RegExp]>([
    [
      'a clerk is refused at the dispatcher',
      async (w) => {
        await ok(w, 'accounts.create', {
          login: 'clerk1',
          displayName: '干部科甲',
          roles: ['clerk'],
          password: 'Clerk-password-1',
        })
        await ok(w, 'auth.signOut')
        await ok(w, 'auth.signIn', { login: 'clerk1', password: 'Clerk-password-1' })
      },
      /只能由管理员账号操作/,
    ],
    [
      'the demo database is not encrypted',
      async (w) => {
        await ok(w, 'workspace.switch', { mode: 'demo' })
      },
      /演示数据库不加密/,
    ],
  ])('%s; the file stays plain', async (_, before, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-enc-'))
    const w = await start(dir, { backupOnStart: false })
    await before(w)
    const r = await w.dispatch('workspace.encrypt', { confirm: true })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(message)
    expect(isPlainSqlite(join(dir, 'cadres.db'))).toBe(true)
  })
})

/**
 * Accounts and roles at the dispatcher (the same one both doors use): nothing but signing in before
 * an account exists or is signed in; clerks edit and import; only heads record eligibility
 * decisions and 豁免; only administrators manage accounts, settings, rule sets, backups, restore.
 * A wrong password: one message for an unknown account and a wrong password, and a growing delay.
 * The idle lock; password reset forces a change; the audit log names the account.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bootApp, type RunningApp } from '../../main/bootstrap'
import { AuthSession } from '../../main/auth/session'
import { createAccount, type Role } from '../../main/auth/accounts'
import { createContext } from '../../main/services/context'
import { openDatabase } from '../../main/db/open'
import { ADMIN_ONLY, HEAD_ONLY, requirementOf } from '../../main/ipc/access'
import { CHANNEL_NAMES } from '../../main/ipc/contract'

const PW = 'Pass-word-2026'

let app: RunningApp

async function as(login: string): Promise<void> {
  await app.session!.signIn(login, PW)
}

async function code(name: string, arg?: unknown): Promise<string> {
  const r = await app.dispatch(name, arg)
  return r.ok ? 'ok' : r.error.code
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'custody-roles-'))
  app = bootApp({ dbPath: join(dir, 'cadres.db'), host: 'web', backupOnStart: false })
  await app.session!.setupAdmin({ login: 'admin', displayName: '周管理', password: PW })
  for (const [login, name, roles] of [
    ['clerk', '王科员', ['clerk']],
    ['head', '李部长', ['head']],
    ['admin2', '赵管理', ['admin']],
  ] as [string, string, Role[]][]) {
    await createAccount(app.ctx, { login, displayName: name, roles, password: PW })
  }
  // Demo data as a clerk+admin would load it (demo.load is the administrator's).
  await createAccount(app.ctx, { login: 'all', displayName: '全能', roles: ['clerk', 'head', 'admin'], password: PW })
  await as('all')
  expect(await code('demo.load', { count: 30 })).toBe('ok')
})
afterAll(() => app.close())

const cadre = { id: 1 }
const calls = (login: string): [string, unknown][] => [
  ['cadres.query', { offset: 0, limit: 10 }],
  ['cadres.get', cadre],
  ['units.save', { id: null, name: `角色测试单位-${login}`, parentId: null, kind: null }],
  ['eligibility.override', { cadreId: 1, target: '正科', ruleId: 'age', reason: '经部务会研究同意豁免' }],
  ['eligibility.decide', { cadreId: 1, target: '正科', decision: '同意' }],
  ['settings.set', { key: 'org.countyName', value: '东山县' }],
  ['settings.set', { key: 'roster.columns', value: { order: ['name'] } }],
  ['accounts.list', undefined],
  ['backup.create', undefined],
  ['backup.list', undefined],
  ['eligibility.saveRuleSet', { target: '正科', rules: [] }],
]

//            account   query  get    units  override decide county  layout accounts backup blist  rules
const table: [string, ...string[]][] = [
  ['clerk',   'ok', 'ok', 'ok', 'forbidden', 'forbidden', 'forbidden', 'ok', 'forbidden', 'forbidden', 'forbidden', 'forbidden'],
  ['head',    'ok', 'ok', 'ok', 'pass',      'pass',      'forbidden', 'ok', 'forbidden', 'forbidden', 'forbidden', 'forbidden'],
  ['admin2',  'ok', 'ok', 'forbidden', 'forbidden', 'forbidden', 'ok', 'ok', 'ok', 'ok', 'ok', 'pass'],
]

describe('roles at the dispatcher', () => {
  it.each(table)('%s', async (login, ...expected) => {
    await as(login)
    const got: string[] = []
    for (const [name, arg] of calls(login)) got.push(await code(name, arg))
    // 'pass': the role may call it; what the handler then says of the argument is another matter.
    const norm = got.map((g, i) => (expected[i] === 'pass' ? (g === 'forbidden' ? 'forbidden' : 'pass') : g))
    expect(norm).toEqual(expected)
  })

  it('refuses with a Chinese message that names the rule and the account', async () => {
    await as('clerk')
    const r = await app.dispatch('eligibility.override', { cadreId: 1, target: '正科', ruleId: 'age', reason: '经部务会研究同意豁免' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toBe('记录资格审查结论、豁免只能由部长·副部长账号操作（当前账号“王科员”是干部科），未执行')
  })

  it('every head-only and admin-only name is a channel of the contract', () => {
    for (const n of [...HEAD_ONLY, ...ADMIN_ONLY]) expect(CHANNEL_NAMES).toContain(n)
    expect(requirementOf('cadres.save', {})).toBe('write')
    expect(requirementOf('cadres.query', {})).toBe('read')
  })

  it('answers nothing but the sign-in channels when signed out, and names the account in the log', async () => {
    await as('clerk')
    await code('units.save', { id: null, name: '王科员建的单位', parentId: null, kind: null })
    expect(app.ctx.db.prepare("SELECT actor FROM audit_log WHERE summary LIKE '%王科员建的单位%'").pluck().get()).toBe('王科员（clerk）')
    app.session!.signOut()
    for (const n of ['cadres.query', 'units.list', 'audit.list', 'export.roster']) {
      expect([n, await code(n, n === 'cadres.query' ? { offset: 0, limit: 1 } : undefined)]).toEqual([n, 'signed-out'])
    }
    expect(await code('auth.status')).toBe('ok')
  })
})

describe('signing in', () => {
  function session(): { s: AuthSession; waits: number[]; clock: { t: number } } {
    const db = openDatabase(':memory:')
    const ctx = createContext({ db, dbPath: ':memory:', dataDir: '/tmp', host: 'test' })
    const waits: number[] = []
    const clock = { t: 1_000_000 }
    const s = new AuthSession(ctx, { now: () => clock.t, sleep: async (ms) => void waits.push(ms) })
    return { s, waits, clock }
  }

  it('a wrong password and an unknown account get the same message, and the delay grows', async () => {
    const { s, waits } = session()
    await s.setupAdmin({ login: 'admin', displayName: '周管理', password: PW })
    s.signOut()
    const messages: string[] = []
    for (const login of ['admin', 'nobody', 'admin', 'nobody', 'admin']) {
      try {
        await s.signIn(login, 'wrong-password-1')
      } catch (e) {
        messages.push((e as Error).message.replace(/（.*）/, ''))
      }
    }
    expect(new Set(messages)).toEqual(new Set(['账号或密码不正确']))
    expect(waits).toEqual([500, 1000, 2000, 4000])
    await s.signIn('admin', PW)
    expect(s.status().signedIn).toBe(true)
    expect(s.delayMs()).toBe(0)
  })

  it('locks after the idle minutes; the password unlocks; another account may sign in instead', async () => {
    const { s, clock } = session()
    await s.setupAdmin({ login: 'admin', displayName: '周管理', password: PW })
    expect('account' in s.gate()).toBe(true)
    clock.t += 14 * 60_000
    expect('account' in s.gate()).toBe(true)
    clock.t += 15 * 60_000 + 1
    const g = s.gate()
    expect('error' in g && g.error.code).toBe('locked')
    expect(s.status()).toMatchObject({ signedIn: true, locked: true })
    await s.signIn('admin', PW)
    expect(s.status()).toMatchObject({ signedIn: true, locked: false })
  })

  it('after the administrator resets a password the account must change it before writing', async () => {
    await as('all')
    const clerkId = app.ctx.db.prepare("SELECT id FROM accounts WHERE login = 'clerk'").pluck().get() as number
    expect(await code('accounts.resetPassword', { id: clerkId, password: 'Reset-pass-1' })).toBe('ok')
    await app.session!.signIn('clerk', 'Reset-pass-1')
    expect(app.session!.status().account?.mustChangePassword).toBe(true)
    expect(await code('units.save', { id: null, name: '改密码前', parentId: null, kind: null })).toBe('must-change-password')
    expect(await code('auth.changePassword', { current: 'Reset-pass-1', next: 'short' })).toBe('password-weak')
    expect(await code('auth.changePassword', { current: 'Reset-pass-1', next: PW })).toBe('ok')
    expect(await code('units.save', { id: null, name: '改密码后', parentId: null, kind: null })).toBe('ok')
  })

  it('keeps at least one administrator', async () => {
    await as('all')
    const list = (await app.dispatch('accounts.list', undefined)) as { ok: true; value: { id: number; login: string }[] }
    const id = (l: string): number => list.value.find((a) => a.login === l)!.id
    expect(await code('accounts.update', { id: id('admin2'), displayName: '赵管理', roles: ['clerk'], disabled: false })).toBe('ok')
    expect(await code('accounts.update', { id: id('admin'), displayName: '周管理', roles: ['admin'], disabled: true })).toBe('ok')
    expect(await code('accounts.update', { id: id('all'), displayName: '全能', roles: ['clerk', 'head'], disabled: false })).toBe('last-admin')
  })
})

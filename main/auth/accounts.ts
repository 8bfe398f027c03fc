/**
 * Accounts: 干部科 clerks, 部长·副部长 heads and administrators, each with a password. Changes are
 * audited with the acting account; the password hash never leaves the main process.
 */
import { AppError } from '../domain/errors'
import { recordAudit } from '../services/audit'
import type { AppContext } from '../services/context'
import { hashPassword, passwordProblem, verifyPassword } from './passwords'

export const ROLES = ['clerk', 'head', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Record<Role, string> = { clerk: '干部科', head: '部长·副部长', admin: '管理员' }

export interface Account {
  id: number
  login: string
  displayName: string
  roles: Role[]
  mustChangePassword: boolean
  disabled: boolean
  createdAt: string
  passwordChangedAt: string
}

interface DbAccount {
  id: number
  login: string
  display_name: string
  roles: string
  password_hash: string
  must_change_password: number
  disabled: number
  created_at: string
  password_changed_at: string
}

function fromDb(r: DbAccount): Account {
  return {
    id: r.id,
    login: r.login,
    displayName: r.display_name,
    roles: (JSON.parse(r.roles) as string[]).filter((x): x is Role => (ROLES as readonly string[]).includes(x)),
    mustChangePassword: r.must_change_password === 1,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
    passwordChangedAt: r.password_changed_at,
  }
}

/** The name the audit log shows: 显示名（账号）. */
export function actorName(a: Pick<Account, 'login' | 'displayName'>): string {
  return a.displayName === a.login ? a.login : `${a.displayName}（${a.login}）`
}

export function countAccounts(ctx: AppContext): number {
  return ctx.db.prepare('SELECT count(*) FROM accounts').pluck().get() as number
}

export function listAccounts(ctx: AppContext): Account[] {
  return (ctx.db.prepare('SELECT * FROM accounts ORDER BY id').all() as DbAccount[]).map(fromDb)
}

export function getAccount(ctx: AppContext, id: number): Account | null {
  const r = ctx.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as DbAccount | undefined
  return r ? fromDb(r) : null
}

export function findByLogin(ctx: AppContext, login: string): (Account & { hash: string }) | null {
  const r = ctx.db.prepare('SELECT * FROM accounts WHERE login = ?').get(login.trim()) as DbAccount | undefined
  return r ? { ...fromDb(r), hash: r.password_hash } : null
}

function checkPassword(password: string, login: string): void {
  const p = passwordProblem(password, login)
  if (p) throw new AppError('password-weak', p, 'password not accepted', { password: p })
}

function checkRoles(roles: Role[]): void {
  if (roles.length === 0) throw new AppError('roles-empty', '至少选择一个角色', 'at least one role', { roles: '至少选择一个角色' })
}

export async function createAccount(
  ctx: AppContext,
  a: { login: string; displayName: string; roles: Role[]; password: string; mustChangePassword?: boolean },
): Promise<Account> {
  const login = a.login.trim()
  if (!/^[\p{L}\p{N}._-]{2,40}$/u.test(login)) {
    throw new AppError('login-invalid', '账号名为 2–40 个字母、汉字、数字或 . _ -', 'invalid login', { login: '账号名为 2–40 个字母、汉字、数字或 . _ -' })
  }
  checkRoles(a.roles)
  checkPassword(a.password, login)
  const hash = await hashPassword(a.password)
  return ctx.db.transaction(() => {
    if (findByLogin(ctx, login)) throw new AppError('login-taken', `账号名“${login}”已被使用`, 'login taken', { login: '该账号名已被使用' })
    const now = ctx.nowIso()
    const id = Number(
      ctx.db
        .prepare(
          'INSERT INTO accounts (login, display_name, roles, password_hash, must_change_password, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(login, a.displayName.trim() || login, JSON.stringify(a.roles), hash, a.mustChangePassword ? 1 : 0, now, now).lastInsertRowid,
    )
    recordAudit(ctx, {
      action: 'create',
      entity: 'account',
      entityId: id,
      summary: `新建账号“${login}”（${a.roles.map((r) => ROLE_NAMES[r]).join('、')}）`,
      after: { login, displayName: a.displayName, roles: a.roles },
    })
    return getAccount(ctx, id) as Account
  })()
}

export function updateAccount(ctx: AppContext, u: { id: number; displayName: string; roles: Role[]; disabled: boolean }, self: number | null): Account {
  checkRoles(u.roles)
  return ctx.db.transaction(() => {
    const before = getAccount(ctx, u.id)
    if (!before) throw new AppError('account-missing', '账号不存在', 'account not found')
    const after = { displayName: u.displayName.trim() || before.login, roles: u.roles, disabled: u.disabled }
    const adminsLeft = listAccounts(ctx).filter((a) => a.id !== u.id && !a.disabled && a.roles.includes('admin')).length
    if (adminsLeft === 0 && (!u.roles.includes('admin') || u.disabled)) {
      throw new AppError('last-admin', '至少要保留一个可用的管理员账号', 'the last administrator cannot be removed')
    }
    if (self === u.id && u.disabled) throw new AppError('self-disable', '不能停用自己正在使用的账号', 'cannot disable yourself')
    ctx.db.prepare('UPDATE accounts SET display_name = ?, roles = ?, disabled = ? WHERE id = ?').run(after.displayName, JSON.stringify(after.roles), after.disabled ? 1 : 0, u.id)
    recordAudit(ctx, {
      action: 'update',
      entity: 'account',
      entityId: u.id,
      summary: `修改账号“${before.login}”：${after.roles.map((r) => ROLE_NAMES[r]).join('、')}${after.disabled ? '，已停用' : ''}`,
      before: { displayName: before.displayName, roles: before.roles, disabled: before.disabled },
      after,
    })
    return getAccount(ctx, u.id) as Account
  })()
}

/** The administrator sets a new password; the account must change it at its next sign-in. */
export async function resetPassword(ctx: AppContext, id: number, password: string): Promise<void> {
  const a = getAccount(ctx, id)
  if (!a) throw new AppError('account-missing', '账号不存在', 'account not found')
  checkPassword(password, a.login)
  const hash = await hashPassword(password)
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE accounts SET password_hash = ?, must_change_password = 1, password_changed_at = ? WHERE id = ?').run(hash, ctx.nowIso(), id)
    recordAudit(ctx, { action: 'password-reset', entity: 'account', entityId: id, summary: `重设账号“${a.login}”的密码（下次登录须修改）` })
  })()
}

export async function changeOwnPassword(ctx: AppContext, id: number, current: string, next: string): Promise<void> {
  const a = getAccount(ctx, id)
  const row = a ? findByLogin(ctx, a.login) : null
  if (!a || !row) throw new AppError('account-missing', '账号不存在', 'account not found')
  if (!(await verifyPassword(row.hash, current))) {
    throw new AppError('password-wrong', '当前密码不正确', 'current password is wrong', { current: '当前密码不正确' })
  }
  if (current === next) throw new AppError('password-same', '新密码不能与当前密码相同', 'same password', { password: '新密码不能与当前密码相同' })
  checkPassword(next, a.login)
  const hash = await hashPassword(next)
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE accounts SET password_hash = ?, must_change_password = 0, password_changed_at = ? WHERE id = ?').run(hash, ctx.nowIso(), id)
    recordAudit(ctx, { action: 'password-change', entity: 'account', entityId: id, summary: `账号“${a.login}”修改了自己的密码` })
  })()
}

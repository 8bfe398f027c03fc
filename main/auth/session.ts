/**
 * Who is signed in to this running app (one window, or one browser host): the account, the idle
 * lock and the growing delay after wrong passwords. The dispatcher asks it before every channel
 * (main/ipc/access.ts). A wrong password and an unknown account get the same message and the same
 * work (an argon2 verify against a dummy hash), so the answer reveals no account names.
 */
import { AppError, type AppErrorData } from '../domain/errors'
import { getSetting } from '../services/settings'
import type { AppContext } from '../services/context'
import { actorName, countAccounts, createAccount, findByLogin, getAccount, type Account, type Role } from './accounts'
import { hashPassword, verifyPassword } from './passwords'

export const IDLE_SETTING = 'auth.idleMinutes'
export const DEFAULT_IDLE_MINUTES = 15

export interface AuthStatus {
  /** No account yet: the first administrator must be set up. */
  needsSetup: boolean
  signedIn: boolean
  locked: boolean
  account: Omit<Account, 'createdAt' | 'passwordChangedAt'> | null
  idleMinutes: number
  /** Desktop set-up only: the recovery key of the database key, shown until acknowledged. */
  recoveryKey: string | null
}

export interface SessionOptions {
  now?: () => number
  /** First delay after a wrong password, doubled each time (default 500 ms, at most 16 s). */
  baseDelayMs?: number
  recoveryKey?: string | undefined
  sleep?: (ms: number) => Promise<void>
}

const SIGNED_OUT_ACTOR = '未登录'

export class AuthSession {
  private account: Account | null = null
  private locked = false
  private lastActivity = 0
  private failures = 0
  private recoveryKey: string | null
  private dummyHash: Promise<string> | null = null
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: SessionOptions = {},
  ) {
    this.now = opts.now ?? Date.now
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)))
    this.recoveryKey = opts.recoveryKey ?? null
    ctx.actor = SIGNED_OUT_ACTOR
  }

  idleMinutes(): number {
    const v = getSetting(this.ctx, IDLE_SETTING)
    return typeof v === 'number' && v >= 1 && v <= 240 ? v : DEFAULT_IDLE_MINUTES
  }

  /** The signed-in account, refreshed from the database (roles or a disabled flag may have changed). */
  current(): Account | null {
    if (!this.account) return null
    const fresh = getAccount(this.ctx, this.account.id)
    if (!fresh || fresh.disabled) {
      this.signOut()
      return null
    }
    this.account = fresh
    return fresh
  }

  status(): AuthStatus {
    const needsSetup = countAccounts(this.ctx) === 0
    const a = needsSetup ? null : this.current()
    if (a && !this.locked && this.now() - this.lastActivity > this.idleMinutes() * 60_000) this.locked = true
    return {
      needsSetup,
      signedIn: !!a,
      locked: !!a && this.locked,
      account: a
        ? { id: a.id, login: a.login, displayName: a.displayName, roles: a.roles, mustChangePassword: a.mustChangePassword, disabled: a.disabled }
        : null,
      idleMinutes: this.idleMinutes(),
      recoveryKey: this.recoveryKey,
    }
  }

  /**
   * Before a channel runs: a signed-in, unlocked account, else the error to return. Counts as
   * activity for the idle lock.
   */
  gate(): { account: Account } | { error: AppErrorData } {
    if (countAccounts(this.ctx) === 0) {
      return { error: { code: 'needs-setup', message: '尚未设置管理员账号，请先设置' } }
    }
    const a = this.current()
    if (!a) return { error: { code: 'signed-out', message: '请先登录' } }
    const now = this.now()
    if (this.locked || now - this.lastActivity > this.idleMinutes() * 60_000) {
      this.locked = true
      return { error: { code: 'locked', message: `已超过 ${this.idleMinutes()} 分钟无操作，窗口已锁定，请输入密码解锁` } }
    }
    this.lastActivity = now
    return { account: a }
  }

  private begin(a: Account): void {
    this.account = a
    this.locked = false
    this.failures = 0
    this.lastActivity = this.now()
    this.ctx.actor = actorName(a)
  }

  /** The first administrator, only while there is no account at all. */
  async setupAdmin(a: { login: string; displayName: string; password: string; alsoRoles?: Role[] }): Promise<AuthStatus> {
    if (countAccounts(this.ctx) > 0) throw new AppError('setup-done', '管理员账号已经设置过', 'already set up')
    const roles: Role[] = ['admin', ...(a.alsoRoles ?? []).filter((r) => r !== 'admin')]
    this.ctx.actor = '系统'
    const account = await createAccount(this.ctx, { login: a.login, displayName: a.displayName, roles, password: a.password })
    this.begin(account)
    return this.status()
  }

  async signIn(login: string, password: string): Promise<AuthStatus> {
    if (this.failures > 0) await this.sleep(this.delayMs())
    const found = findByLogin(this.ctx, login)
    const hash = found?.hash ?? (await (this.dummyHash ??= hashPassword('not-an-account-password-0')))
    const good = await verifyPassword(hash, password)
    if (!found || found.disabled || !good) {
      this.failures++
      const wait = Math.ceil(this.delayMs() / 1000)
      throw new AppError(
        'signin-failed',
        `账号或密码不正确${this.failures >= 3 ? `（已连续 ${this.failures} 次，下次需等待约 ${wait} 秒）` : ''}`,
        'wrong account or password',
      )
    }
    if (this.account && this.locked && this.account.id !== found.id) this.ctx.actor = SIGNED_OUT_ACTOR
    this.begin(found)
    return this.status()
  }

  /** The delay before answering the next sign-in: 0 until a failure, then doubling. */
  delayMs(): number {
    if (this.failures === 0) return 0
    return Math.min((this.opts.baseDelayMs ?? 500) * 2 ** (this.failures - 1), 16_000)
  }

  lock(): AuthStatus {
    if (this.account) this.locked = true
    return this.status()
  }

  signOut(): AuthStatus {
    this.account = null
    this.locked = false
    this.ctx.actor = SIGNED_OUT_ACTOR
    return this.status()
  }

  ackRecoveryKey(): void {
    this.recoveryKey = null
  }
}

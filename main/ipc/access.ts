/**
 * Who may call which channel (issue 12), enforced in the dispatcher, not only hidden in the UI.
 * Roles: 干部科 clerk, 部长·副部长 head, administrator; an account may hold several.
 *
 * - Without signing in: only the sign-in channels.
 * - Reading: any signed-in account.
 * - Writing: clerks and heads (a clerk edits records and imports).
 * - Head-only: eligibility decisions and 豁免 (and their withdrawal, the 考察/审查 mark).
 * - Admin-only: accounts, settings (but a screen's own layout), rule sets and limits, backups,
 *   restore, demo data, the audit chain check.
 */
import type { AppErrorData } from '../domain/errors'
import { ROLE_NAMES, type Account, type Role } from '../auth/accounts'
import type { AuthSession } from '../auth/session'
import { VIEW_SETTINGS } from '../services/audit'
import { channelDef } from './registry'

/** Before signing in: the sign-in channels, and what the first-run wizard and the sign-in screen read
 *  (the county's name, whether set-up is done, where the data lives). */
export const PUBLIC_CHANNELS: ReadonlySet<string> = new Set([
  'auth.status',
  'auth.signIn',
  'auth.setupAdmin',
  'auth.ackRecoveryKey',
  'app.info',
  'settings.get',
])

/** Channels any signed-in account may call even while the window is locked. */
const SESSION_CHANNELS: ReadonlySet<string> = new Set(['auth.signOut', 'auth.lock'])

/** Channels of the signed-in account itself (its password). */
const SELF_CHANNELS: ReadonlySet<string> = new Set(['auth.changePassword'])

export const HEAD_ONLY: ReadonlySet<string> = new Set([
  'eligibility.decide',
  'eligibility.override',
  'eligibility.revokeOverride',
  'eligibility.setInvestigation',
])

export const ADMIN_ONLY: ReadonlySet<string> = new Set([
  'accounts.list',
  'accounts.create',
  'accounts.update',
  'accounts.resetPassword',
  'settings.set',
  'eligibility.saveRuleSet',
  'impact.saveSettings',
  'retire.setLimits',
  'backup.list',
  'backup.create',
  'backup.restore',
  'backup.toFolder',
  'backup.restoreFile',
  'demo.load',
  'audit.verify',
  'custody.status',
  'workspace.encrypt',
])

export type Requirement = 'public' | 'session' | 'self' | 'read' | 'write' | 'head' | 'admin'

/** What a call needs. settings.set of a screen's layout is anyone's; every other key is the administrator's. */
export function requirementOf(name: string, arg: unknown): Requirement {
  if (PUBLIC_CHANNELS.has(name)) return 'public'
  if (SESSION_CHANNELS.has(name)) return 'session'
  if (SELF_CHANNELS.has(name)) return 'self'
  if (name === 'settings.set') {
    const key = (arg as { key?: unknown } | null)?.key
    return typeof key === 'string' && VIEW_SETTINGS.has(key) ? 'read' : 'admin'
  }
  if (HEAD_ONLY.has(name)) return 'head'
  if (ADMIN_ONLY.has(name)) return 'admin'
  if (channelDef(name)?.kind === 'read') return 'read'
  return 'write'
}

const NEEDS: Record<'write' | 'head' | 'admin', Role[]> = { write: ['clerk', 'head'], head: ['head'], admin: ['admin'] }

function refuse(need: 'write' | 'head' | 'admin', a: Account): AppErrorData {
  const who = `当前账号“${a.displayName}”是${a.roles.map((r) => ROLE_NAMES[r]).join('、')}`
  const what =
    need === 'head'
      ? '记录资格审查结论、豁免只能由部长·副部长账号操作'
      : need === 'admin'
        ? '账号、系统设置、规则、备份与恢复只能由管理员账号操作'
        : '修改数据只能由干部科或部长·副部长账号操作'
  return { code: 'forbidden', message: `${what}（${who}），未执行` }
}

/** The dispatcher's check: null to go on, or the error to answer with. */
export function checkAccess(session: AuthSession, name: string, arg: unknown): AppErrorData | null {
  const need = requirementOf(name, arg)
  if (need === 'public') return null
  const g = session.gate()
  // The first-run wizard names the county before the first administrator exists.
  if ('error' in g && g.error.code === 'needs-setup' && name === 'settings.set') return null
  if ('error' in g) {
    if (need === 'session' && g.error.code === 'locked') return null
    return g.error
  }
  if (need === 'session' || need === 'self' || need === 'read') return null
  if (g.account.mustChangePassword) {
    return { code: 'must-change-password', message: '管理员重设了您的密码，请先修改密码再继续' }
  }
  return NEEDS[need].some((r) => g.account.roles.includes(r)) ? null : refuse(need, g.account)
}

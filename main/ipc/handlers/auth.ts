/** Handlers of contract/auth.ts over the running app's AuthSession. */
import { createAccount, listAccounts, resetPassword, updateAccount, changeOwnPassword } from '../../auth/accounts'
import type { AuthSession } from '../../auth/session'
import { verifyAuditChain } from '../../db/audit-chain'
import { AppError } from '../../domain/errors'
import { backupToFolder, restoreBackup } from '../../services/backup'
import type { AppContext } from '../../services/context'
import type { authChannels } from '../contract/auth'
import type { Handlers } from '../registry'

type AuthHandlers = Pick<Handlers, keyof typeof authChannels>

/** Without a session (tests that build handlers alone) the sign-in channels say so. */
function need(session: AuthSession | undefined): AuthSession {
  if (!session) throw new AppError('no-session', '此入口没有登录功能', 'no session on this door')
  return session
}

export function createAuthHandlers(ctx: AppContext, session: AuthSession | undefined): AuthHandlers {
  const self = (): number => {
    const a = need(session).current()
    if (!a) throw new AppError('signed-out', '请先登录', 'signed out')
    return a.id
  }
  return {
    // Without accounts (the demo database): everyone is in, and the bar says so.
    'auth.status': () =>
      session
        ? session.status()
        : {
            needsSetup: false,
            signedIn: true,
            locked: false,
            account: { id: 0, login: 'demo', displayName: '演示数据（无需登录）', roles: ['clerk', 'head', 'admin'], mustChangePassword: false, disabled: false },
            idleMinutes: 15,
            recoveryKey: null,
          },
    'auth.setupAdmin': (a) => need(session).setupAdmin(a),
    'auth.signIn': ({ login, password }) => need(session).signIn(login, password),
    'auth.signOut': () => need(session).signOut(),
    'auth.lock': () => need(session).lock(),
    'auth.changePassword': async ({ current, next }) => {
      await changeOwnPassword(ctx, self(), current, next)
      return null
    },
    'auth.ackRecoveryKey': () => {
      need(session).ackRecoveryKey()
      return null
    },
    'accounts.list': () => listAccounts(ctx),
    'accounts.create': (a) => createAccount(ctx, a),
    'accounts.update': (u) => updateAccount(ctx, u, session?.current()?.id ?? null),
    'accounts.resetPassword': async ({ id, password }) => {
      await resetPassword(ctx, id, password)
      return null
    },
    'backup.toFolder': ({ folder }) => backupToFolder(ctx, folder),
    'backup.restoreFile': ({ path }) => restoreBackup(ctx, path, { anyPath: true }),
    'audit.verify': () => verifyAuditChain(ctx.db),
  }
}

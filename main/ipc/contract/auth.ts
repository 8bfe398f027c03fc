/** Channels of custody (issue 12): sign-in, accounts, backups to a chosen place, the audit chain. */
import { z } from 'zod'
import type { Account } from '../../auth/accounts'
import type { AuthStatus } from '../../auth/session'
import type { ChainResult } from '../../db/audit-chain'
import type { BackupInfo } from './core'
import { channel, read, write } from './define'

const role = z.enum(['clerk', 'head', 'admin'])
const login = z.string().trim().min(1, '请输入账号名').max(40)
const password = z.string().min(1, '请输入密码').max(200)
const id = z.number().int().positive()

export const authChannels = {
  'auth.status': channel<AuthStatus>()(z.undefined().optional(), read(['accounts'])),
  'auth.setupAdmin': channel<AuthStatus>()(
    z.object({ login, displayName: z.string().trim().max(40), password, alsoRoles: z.array(role).max(3).optional() }),
    write(['accounts', 'audit_log']),
  ),
  'auth.signIn': channel<AuthStatus>()(z.object({ login, password }), read(['accounts'])),
  'auth.signOut': channel<AuthStatus>()(z.undefined().optional(), read(['accounts'])),
  'auth.lock': channel<AuthStatus>()(z.undefined().optional(), read(['accounts'])),
  'auth.changePassword': channel<null>()(z.object({ current: password, next: password }), write(['accounts', 'audit_log'])),
  'auth.ackRecoveryKey': channel<null>()(z.undefined().optional(), read(['accounts'])),
  'accounts.list': channel<Account[]>()(z.undefined().optional(), read(['accounts'])),
  'accounts.create': channel<Account>()(
    z.object({ login, displayName: z.string().trim().max(40), roles: z.array(role).min(1, '至少选择一个角色').max(3), password }),
    write(['accounts', 'audit_log']),
  ),
  'accounts.update': channel<Account>()(
    z.object({ id, displayName: z.string().trim().max(40), roles: z.array(role).min(1, '至少选择一个角色').max(3), disabled: z.boolean() }),
    write(['accounts', 'audit_log']),
  ),
  'accounts.resetPassword': channel<null>()(z.object({ id, password }), write(['accounts', 'audit_log'])),
  'backup.toFolder': channel<BackupInfo>()(z.object({ folder: z.string().trim().min(1, '请填写文件夹').max(1000) }), write(['audit_log'])),
  'backup.restoreFile': channel<{ restoredFrom: string; safetyCopy: string }>()(
    z.object({ path: z.string().trim().min(1, '请填写备份文件').max(1000) }),
    write(),
  ),
  'audit.verify': channel<ChainResult>()(z.undefined().optional(), read(['audit_log'])),
}

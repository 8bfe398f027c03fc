/** The roles' names as users read them (main/auth/accounts.ts holds the same three). */
import type { Role } from '../../../../main/auth/accounts'

export const ROLE_NAMES: Record<Role, string> = { clerk: '干部科', head: '部长·副部长', admin: '管理员' }
export const ROLE_LIST: Role[] = ['clerk', 'head', 'admin']

/** Who is signed in, at the foot of the navigation: change password, lock, sign out. */
import { useState } from 'react'
import type { AuthStatus } from '../../../../main/auth/session'
import { ROLE_NAMES } from './roles'
import { call } from '../../api'
import { Dialog, showError } from '../../components'
import { ChangePasswordForm } from './ChangePassword'

export function UserBar({ status, onChange }: { status: AuthStatus; onChange(s: AuthStatus): void }) {
  const [changing, setChanging] = useState(false)
  const a = status.account
  if (!a) return null
  const act = (name: 'auth.lock' | 'auth.signOut') => void call(name, undefined).then(onChange, showError)
  return (
    <div className="auth-userbar" data-testid="user-bar">
      <div className="auth-user">
        <span className="auth-user-name">{a.displayName}</span>
        <span className="auth-user-roles">{a.roles.map((r) => ROLE_NAMES[r]).join('·')}</span>
      </div>
      <div className="auth-user-actions">
        <button type="button" className="link" onClick={() => setChanging(true)}>改密码</button>
        <button type="button" className="link" onClick={() => act('auth.lock')} data-testid="lock-now">锁定</button>
        <button type="button" className="link" onClick={() => act('auth.signOut')}>退出</button>
      </div>
      <Dialog open={changing} title="修改密码" onClose={() => setChanging(false)} width={420}>
        <ChangePasswordForm onDone={() => setChanging(false)} />
      </Dialog>
    </div>
  )
}

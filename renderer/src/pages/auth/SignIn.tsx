/** Sign-in, and the lock screen (the same form with the account filled in). */
import { useState } from 'react'
import type { AuthStatus } from '../../../../main/auth/session'
import { call } from '../../api'
import { errorText } from '../../components'

export function SignIn({ locked, onDone }: { locked?: AuthStatus['account']; onDone(s: AuthStatus): void }) {
  const [login, setLogin] = useState(locked?.login ?? '')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      onDone(await call('auth.signIn', { login, password }))
    } catch (e) {
      setError(errorText(e))
      setPassword('')
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="auth-screen" data-testid={locked ? 'auth-locked' : 'auth-signin'}>
      <form
        className="auth-card"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <div className="auth-emblem" aria-hidden="true">干</div>
        <h1>{locked ? '窗口已锁定' : '干部管理系统'}</h1>
        <p className="auth-note">
          {locked ? `${locked.displayName} 已有一段时间没有操作。请输入密码解锁，或换一个账号登录。` : '县委组织部 · 请登录'}
        </p>
        <label className="auth-field">
          <span>账号</span>
          <input className="input" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} data-testid="signin-login" autoFocus={!locked} />
        </label>
        <label className="auth-field">
          <span>密码</span>
          <input className="input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="signin-password" autoFocus={!!locked} />
        </label>
        {error ? <div className="field-error" role="alert" data-testid="signin-error">{error}</div> : null}
        <button type="submit" className="btn btn-primary" disabled={busy || !login || !password}>
          {busy ? '正在验证…' : locked ? '解锁' : '登录'}
        </button>
      </form>
    </div>
  )
}

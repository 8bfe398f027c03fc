/**
 * First run: the administrator's account. On the desktop the database was just encrypted with a
 * random key sealed by the OS key store; its recovery key is shown here once, to print and keep
 * apart from the computer (README: 恢复密钥).
 */
import { useState } from 'react'
import type { AuthStatus } from '../../../../main/auth/session'
import { call } from '../../api'
import { errorText } from '../../components'

export function FirstAdmin({ recoveryKey, onDone }: { recoveryKey: string | null; onDone(s: AuthStatus): void }) {
  const [login, setLogin] = useState('admin')
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const [alsoClerk, setAlsoClerk] = useState(false)
  const [kept, setKept] = useState(!recoveryKey)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    if (password !== again) return setError('两次输入的密码不一致')
    setError(null)
    try {
      const s = await call('auth.setupAdmin', { login, displayName, password, alsoRoles: alsoClerk ? ['clerk'] : [] })
      if (recoveryKey) await call('auth.ackRecoveryKey', undefined)
      onDone({ ...s, recoveryKey: null })
    } catch (e) {
      setError(errorText(e))
    }
  }
  return (
    <div className="auth-screen" data-testid="auth-setup">
      <form
        className="auth-card wide"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <h1>首次使用：设置管理员账号</h1>
        <p className="auth-note">
          管理员负责账号、系统设置、规则、备份与恢复。设置后请在“账号管理”中为干部科和部长·副部长建立各自的账号。
        </p>
        {recoveryKey ? (
          <div className="auth-recovery" data-testid="recovery-key">
            <div className="auth-recovery-title">数据库恢复密钥（只显示这一次）</div>
            <code>{recoveryKey}</code>
            <p>
              数据库已加密，密钥由本机系统密钥库保管。若更换电脑账户或系统密钥库被重置，需要用这串恢复密钥才能打开数据库。
              请现在打印或抄写，封存在机要柜中，不要与电脑放在一起。
            </p>
            <label className="auth-check">
              <input type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} data-testid="recovery-kept" />
              我已打印或抄写恢复密钥并妥善保管
            </label>
          </div>
        ) : null}
        <label className="auth-field">
          <span>账号名</span>
          <input className="input" value={login} onChange={(e) => setLogin(e.target.value)} data-testid="setup-login" />
        </label>
        <label className="auth-field">
          <span>姓名</span>
          <input className="input" value={displayName} onChange={(e) => setDisplayName(e.target.value)} placeholder="如：张明" data-testid="setup-name" />
        </label>
        <label className="auth-field">
          <span>密码</span>
          <input className="input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="setup-password" />
        </label>
        <label className="auth-field">
          <span>再输一次</span>
          <input className="input" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} data-testid="setup-again" />
        </label>
        <p className="auth-note">密码至少 8 位，包含字母、数字、符号中的两类。</p>
        <label className="auth-check">
          <input type="checkbox" checked={alsoClerk} onChange={(e) => setAlsoClerk(e.target.checked)} />
          管理员同时在干部科工作（可以录入和导入干部信息）
        </label>
        {error ? <div className="field-error" role="alert">{error}</div> : null}
        <button type="submit" className="btn btn-primary" disabled={!kept || !login || !password}>
          设置并登录
        </button>
      </form>
    </div>
  )
}

/** The signed-in account changes its own password (also forced after the administrator's reset). */
import { useState } from 'react'
import { call } from '../../api'
import { errorText, showMessage } from '../../components'

export function ChangePasswordForm({ onDone }: { onDone(): void }) {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [again, setAgain] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    if (next !== again) return setError('两次输入的新密码不一致')
    setError(null)
    try {
      await call('auth.changePassword', { current, next })
      showMessage('密码已修改', 'success')
      onDone()
    } catch (e) {
      setError(errorText(e))
    }
  }
  return (
    <form
      className="auth-form"
      data-testid="change-password"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <label className="auth-field">
        <span>当前密码</span>
        <input className="input" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="pw-current" />
      </label>
      <label className="auth-field">
        <span>新密码</span>
        <input className="input" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} data-testid="pw-next" />
      </label>
      <label className="auth-field">
        <span>再输一次</span>
        <input className="input" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} data-testid="pw-again" />
      </label>
      {error ? <div className="field-error" role="alert">{error}</div> : null}
      <button type="submit" className="btn btn-primary" disabled={!current || !next}>
        修改密码
      </button>
    </form>
  )
}

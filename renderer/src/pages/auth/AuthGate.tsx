/**
 * Everyone signs in (issue 12). Until then the app shows one of: the first administrator's set-up
 * (with the database's recovery key on the desktop), the sign-in, the lock screen after idle time,
 * the forced password change after a reset. Signed in, the app runs with a bar naming the account.
 * The main process enforces all of it (main/ipc/access.ts); this only shows it.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import type { AuthStatus } from '../../../../main/auth/session'
import { ApiError, call } from '../../api'
import { errorText } from '../../components'
import { ChangePasswordForm } from './ChangePassword'
import { FirstAdmin } from './FirstAdmin'
import { SignIn } from './SignIn'
import { UserBar } from './UserBar'
import './auth.css'

/** Fired by api.ts when a call comes back signed-out or locked. */
export const AUTH_EVENT = 'cadre-auth'

export function AuthGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const lastInput = useRef(0)

  // Before the first run chose where the data lives, there is no database and no account yet:
  // the app's set-up wizard runs first, the administrator's step follows.
  const [beforeSetup, setBeforeSetup] = useState(false)
  const refresh = useCallback(async () => {
    try {
      setStatus(await call('auth.status', undefined))
      setBeforeSetup(false)
      setError(null)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'setup-needed') setBeforeSetup(true)
      else setError(errorText(e))
    }
  }, [])

  useEffect(() => {
    void refresh()
    // A call found the window locked (idle time ran out where it was answered): lock every part of
    // the app alike, then show the lock screen.
    const onAuth = (e: Event) => {
      if ((e as CustomEvent<string>).detail === 'locked') void call('auth.lock', undefined).then(setStatus, () => void refresh())
      else void refresh()
    }
    window.addEventListener(AUTH_EVENT, onAuth)
    return () => window.removeEventListener(AUTH_EVENT, onAuth)
  }, [refresh])

  // Idle lock: no keyboard or mouse input for the configured minutes locks the window.
  const active = !!status?.signedIn && !status.locked
  const idleMinutes = status?.idleMinutes ?? 15
  useEffect(() => {
    if (!active) return
    const mark = () => (lastInput.current = Date.now())
    mark()
    const events = ['mousedown', 'keydown', 'wheel', 'touchstart'] as const
    for (const ev of events) window.addEventListener(ev, mark, { passive: true })
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput.current > idleMinutes * 60_000) {
        void call('auth.lock', undefined).then(setStatus, () => void refresh())
      }
    }, 15_000)
    return () => {
      for (const ev of events) window.removeEventListener(ev, mark)
      window.clearInterval(timer)
    }
  }, [active, idleMinutes, refresh])

  if (error) return <div className="auth-screen"><div className="auth-card field-error">{error}</div></div>
  if (beforeSetup) return <>{children}</>
  if (!status) return null
  const done = (s: AuthStatus) => {
    lastInput.current = Date.now()
    setStatus(s)
  }
  if (status.needsSetup) return <FirstAdmin recoveryKey={status.recoveryKey} onDone={done} />
  if (!status.signedIn || !status.account) return <SignIn onDone={done} />
  if (status.locked) return <SignIn locked={status.account} onDone={done} />
  if (status.account.mustChangePassword) {
    return (
      <div className="auth-screen" data-testid="auth-must-change">
        <div className="auth-card">
          <h1>请修改密码</h1>
          <p className="auth-note">管理员重设了您的密码，请设置一个只有您知道的新密码后继续。</p>
          <ChangePasswordForm onDone={() => void refresh()} />
        </div>
      </div>
    )
  }
  return (
    <>
      {children}
      <UserBar status={status} onChange={done} />
    </>
  )
}

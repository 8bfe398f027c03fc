/** Signing tests in (issue 12): the account every test acts as, set up on the first boot of a database. */
import type { AuthStatus } from '../main/auth/session'
import type { Dispatch } from '../main/ipc/registry'

/** An administrator who is also 干部科 and 部长 (all roles). */
export const TEST_ACCOUNT = { login: 'e2e', password: 'E2e-test-password-1' }

/**
 * Through the app's own dispatcher (in-process or the worker threads): the first run sets up the
 * administrator, a database that has it signs in with the same account.
 */
export async function signInForTests(app: { dispatch: Dispatch }): Promise<void> {
  const r = await app.dispatch('auth.status', undefined)
  if (!r.ok) throw new Error(`auth.status: ${r.error.message}`)
  const st = r.value as AuthStatus
  if (st.signedIn && !st.locked) return
  const s = st.needsSetup
    ? await app.dispatch('auth.setupAdmin', { login: TEST_ACCOUNT.login, displayName: TEST_ACCOUNT.login, password: TEST_ACCOUNT.password, alsoRoles: ['clerk', 'head'] })
    : await app.dispatch('auth.signIn', TEST_ACCOUNT)
  if (!s.ok) throw new Error(`sign-in: ${s.error.message}`)
  await app.dispatch('auth.ackRecoveryKey', undefined)
}

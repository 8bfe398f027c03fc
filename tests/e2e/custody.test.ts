/**
 * Accounts in the browser, as a county's administrator meets them: the first administrator on a
 * fresh database, the app, 账号管理 with a new clerk, signing out, a wrong password (one message,
 * no account names), the clerk signing in and being refused a head's decision by the dispatcher,
 * the lock screen.
 */
import { describe, expect, it } from 'vitest'
import { screenshot, startApp } from './harness'

describe('accounts in the browser', () => {
  it('first administrator, a clerk account, a wrong password, the clerk refused a head-only call, the lock', async () => {
    const app = await startApp({ signIn: false })
    const p = app.page
    try {
      await p.getByTestId('auth-setup').waitFor()
      await p.getByTestId('setup-name').fill('周管理')
      await p.getByTestId('setup-password').fill('Admin-pass-2026')
      await p.getByTestId('setup-again').fill('Admin-pass-2026')
      await screenshot(p, 'custody-first-admin')
      await p.getByRole('button', { name: '设置并登录' }).click()
      await p.getByTestId('app-ready').waitFor()
      await expect.poll(async () => p.getByTestId('user-bar').textContent()).toContain('周管理')

      await p.getByTestId('nav-accounts').click()
      await p.getByTestId('account-new').click()
      await p.getByTestId('account-login').fill('wangky')
      await p.getByTestId('account-name').fill('王科员')
      await p.getByTestId('account-password').fill('Clerk-pass-2026')
      await p.getByTestId('account-save').click()
      await expect.poll(async () => p.getByTestId('account-row').count()).toBe(2)
      await screenshot(p, 'custody-accounts')

      await p.getByRole('button', { name: '退出' }).click()
      await p.getByTestId('auth-signin').waitFor()
      await p.getByTestId('signin-login').fill('nobody')
      await p.getByTestId('signin-password').fill('whatever-1')
      await p.getByRole('button', { name: '登录' }).click()
      await expect.poll(async () => p.getByTestId('signin-error').textContent()).toBe('账号或密码不正确')
      await screenshot(p, 'custody-signin-wrong')
      await p.getByTestId('signin-login').fill('wangky')
      await p.getByTestId('signin-password').fill('Clerk-pass-2026')
      await p.getByRole('button', { name: '登录' }).click()
      await p.getByTestId('app-ready').waitFor()
      await expect.poll(async () => p.getByTestId('user-bar').textContent()).toContain('王科员')
      // The dispatcher, not the page, refuses the clerk a head's decision.
      const r = await app.workers.dispatch('eligibility.override', { cadreId: 1, target: 'x', ruleId: 'x', reason: 'x' })
      expect(r.ok ? '' : r.error.code).toBe('forbidden')
      await p.getByTestId('lock-now').click()
      await p.getByTestId('auth-locked').waitFor()
      await screenshot(p, 'custody-locked')
      await p.getByTestId('signin-password').fill('Clerk-pass-2026')
      await p.getByRole('button', { name: '解锁' }).click()
      await p.getByTestId('app-ready').waitFor()
    } finally {
      await app.close()
    }
  })
})

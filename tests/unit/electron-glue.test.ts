/**
 * The Electron glue cannot run here (no Electron binary), so it is checked against a stub of the
 * electron module: the window is hardened, every channel is registered once with the same
 * dispatcher, navigation away and new windows are refused, permissions denied, one instance.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES } from '../../main/ipc/contract'
import { startStubApp } from './electron-stub'

const { electron, state: stub } = await vi.hoisted(async () => (await import('./electron-stub')).createElectronStub())

vi.mock('electron', () => ({ ...electron, default: electron }))

describe('Electron glue (against a stub of electron)', () => {
  beforeAll(async () => {
    stub.dir = mkdtempSync(join(tmpdir(), 'glue-'))
    await import('../../main/index')
    await startStubApp(stub)
  })

  it('asks for the single-instance lock', () => {
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled()
  })

  it('runs Chromium in Chinese, so its own widgets (date pickers, menus) are Chinese too', () => {
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'zh-CN')
  })

  it('registers every channel of the contract exactly once', () => {
    expect([...stub.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())
  })

  it('a first run: no database until the wizard names the county; then the folder is the userData', async () => {
    const first = (await stub.handlers.get('workspace.status')?.({}, undefined)) as { ok: boolean; value: Record<string, unknown> }
    expect(first.value).toMatchObject({ stage: 'setup', realDbExists: false, dataDir: stub.dir, canChooseFolder: true })
    expect(existsSync(join(stub.dir, 'cadres.db'))).toBe(false)
    const set = (await stub.handlers.get('workspace.setup')?.({}, { countyName: '清川县', dataDir: null })) as { ok: boolean }
    expect(set.ok).toBe(true)
    expect(existsSync(join(stub.dir, 'cadres.db'))).toBe(true)
  })

  it('answers a channel through the shared dispatcher, validating the argument', async () => {
    // Nothing but signing in is answered before the first administrator exists (issue 12).
    const refused = (await stub.handlers.get('cadres.get')?.({}, { id: 1 })) as { ok: boolean; error: { code: string } }
    expect(refused.error.code).toBe('needs-setup')
    const setup = (await stub.handlers.get('auth.setupAdmin')?.({}, { login: 'admin', displayName: '管理员', password: 'Admin-pass-2026' })) as { ok: boolean }
    expect(setup.ok).toBe(true)
    const bad = (await stub.handlers.get('cadres.get')?.({}, { id: 'x' })) as { ok: boolean; error: { message: string } }
    expect(bad.ok).toBe(false)
    expect(bad.error.message).toMatch(/参数无效/)
    const info = (await stub.handlers.get('app.info')?.({}, undefined)) as { ok: boolean; value: { cadreCount: number } }
    expect(info.ok).toBe(true)
    expect(info.value.cadreCount).toBe(0)
  })

  it('opens one hardened window', () => {
    expect(stub.windows).toHaveLength(1)
    const prefs = stub.windows[0]?.options['webPreferences'] as Record<string, unknown>
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(String(prefs['preload'])).toMatch(/preload[\\/]index\.cjs$/)
    expect(stub.windows[0]?.loaded).toMatch(/renderer[\\/]index\.html$/)
  })

  it('refuses new windows and navigation away from the app', () => {
    const w = stub.windows[0]
    expect(w?.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    let prevented = false
    w?.events.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, 'https://example.com/')
    expect(prevented).toBe(true)
    prevented = false
    const own = pathToFileURL(String(w?.loaded)).href
    w?.events.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, `${own}#/roster`)
    expect(prevented).toBe(false)
    // Any other file:// page would get window.api: refused, whether beside the app or elsewhere.
    for (const other of [
      pathToFileURL(join(dirname(String(w?.loaded)), 'other.html')).href,
      'file:///tmp/saved-page.html',
      'file:///C:/Users/clerk/Desktop/page.html',
      `${own}.evil.html`,
    ]) {
      prevented = false
      w?.events.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, other)
      expect(prevented, other).toBe(true)
    }
  })

  it('denies every permission request', () => {
    let granted: boolean | undefined
    stub.permissionHandler?.({}, 'media', (g: boolean) => (granted = g))
    expect(granted).toBe(false)
    expect(stub.permissionCheck?.({}, 'notifications')).toBe(false)
  })

  it('the preload exposes one named function per channel and no generic invoke', async () => {
    await import('../../preload/index')
    const api = stub.exposed ?? {}
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES].sort())
    expect(api['invoke']).toBeUndefined()
    await (api['cadres.get'] as (a: unknown) => Promise<unknown>)({ id: 3 })
    expect(stub.invoked).toContainEqual(['cadres.get', { id: 3 }])
  })
})

/**
 * End-to-end harness: a fresh data folder, the browser host with the real handlers over a real
 * SQLite file, and Debian's Chromium driven by playwright-core at 1440×900.
 *
 *   const app = await startApp({ demoCount: 2000 })
 *   await app.page.getByRole('button', { name: '导入花名册' }).click()
 *   ...
 *   await app.close()
 */
import { mkdtempSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { bootApp, type RunningApp } from '../../main/bootstrap'
import { CHROMIUM_EXECUTABLE, CHROMIUM_FLAGS } from '../../main/form/pdf'
import { RENDERER_OUT, ROOT } from '../../main/web/cli-build'
import { startWebHost, type WebHost } from '../../main/web/server'
import { signInForTests } from '../sign-in'
import { Workspace } from '../../main/workspace/workspace'
import { bootWorkers, startWorkerApp, type WorkerApp } from '../../main/worker/client'

export interface StartedApp {
  page: Page
  context: BrowserContext
  browser: Browser
  /** The page URL with the per-run secret, e.g. http://127.0.0.1:PORT/SECRET/ */
  baseUrl: string
  dbPath: string
  dataDir: string
  /** A connection of the test's own to the same file, for setup and checks beside the app. */
  app: RunningApp
  /** The app's data side: worker threads, as the desktop app and the browser host run it. */
  workers: WorkerApp
  host: WebHost
  /** Calls a channel through the same dispatcher the page uses (for setup and checks). */
  call(name: string, arg?: unknown): Promise<unknown>
  close(): Promise<void>
}

export interface StartOptions {
  /** Fill the database with this many demo cadres before the page opens. */
  demoCount?: number
  /** Use this database file instead of a fresh one. */
  dbPath?: string
  /** Route to open, e.g. 'roster' or 'cadre/1' (default: the app's first page). */
  route?: string
  /** Sign in as the e2e administrator before the page opens (default true). */
  signIn?: boolean
}

/**
 * What goes wrong in the page and fails the test when the app closes: uncaught errors, and what
 * ag-grid reports on the console — a grid feature whose module is not registered
 * (renderer/src/components/DataGrid.tsx registers only those the grids use) does nothing else.
 */
function pageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && /AG Grid/i.test(m.text())) errors.push(m.text())
  })
  return errors
}

export async function launchChromium(): Promise<Browser> {
  // The same executable and flags as the PDF printer's Chromium.
  return chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_FLAGS, headless: true })
}

/** Every e2e test starts signed in (tests/sign-in.ts): the harness signs in before the page opens. */
export { signInForTests, TEST_ACCOUNT as E2E_ACCOUNT } from '../sign-in'

export async function startApp(opts: StartOptions = {}): Promise<StartedApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cadre-e2e-'))
  const dbPath = opts.dbPath ?? join(dataDir, 'cadres.db')
  const workers = startWorkerApp({ dbPath, host: 'web', actor: 'e2e' })
  await workers.ready
  if (opts.signIn ?? true) await signInForTests(workers)
  const app = bootApp({ dbPath, host: 'web', actor: 'e2e', backupOnStart: false })
  if (opts.signIn ?? true) await signInForTests(app)
  const call = async (name: string, arg?: unknown): Promise<unknown> => {
    const r = await workers.dispatch(name, arg)
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`)
    return r.value
  }
  if (opts.demoCount) await call('demo.load', { count: opts.demoCount })
  const host = await startWebHost({
    dispatch: workers.dispatch,
    subscribe: workers.subscribe,
    rendererDir: RENDERER_OUT,
  })
  const browser = await launchChromium()
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  })
  const page = await context.newPage()
  const errors = pageErrors(page)
  await page.goto(host.url + (opts.route ? `#/${opts.route}` : ''))
  const ready = opts.signIn ?? true ? '[data-testid="app-ready"]' : '[data-testid="auth-setup"], [data-testid="auth-signin"]'
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 30_000 })
  return {
    page,
    context,
    browser,
    baseUrl: host.url,
    dbPath,
    dataDir,
    app,
    workers,
    host,
    call,
    close: async () => {
      await browser.close()
      await host.close()
      await workers.close()
      app.close()
      if (errors.length) throw new Error(`页面脚本出错：\n${errors.join('\n')}`)
    },
  }
}

/** Saves a screenshot under test-results/ (looked at by people, not compared by the test). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(ROOT, 'test-results')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
}

export interface StartedWorkspaceApp {
  page: Page
  browser: Browser
  baseUrl: string
  /** The empty folder the first run proposes (the desktop app's userData). */
  dataDir: string
  workspace: Workspace
  /** Calls a channel through the workspace, as the page does. */
  call(name: string, arg?: unknown): Promise<unknown>
  close(): Promise<void>
}

/**
 * The app as the desktop app starts it: through the workspace (first-run wizard, the separate demo
 * database, switching), over an empty data folder unless `dbPath` names a database (as --db does).
 */
export async function startWorkspaceApp(
  opts: { dataDir?: string; dbPath?: string } = {},
): Promise<StartedWorkspaceApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'cadre-first-'))
  const workspace = await Workspace.open({
    onBoot: signInForTests,
    host: 'web',
    actor: 'e2e',
    configDir: dataDir,
    dbPath: opts.dbPath,
    defaultDataDir: dataDir,
    boot: bootWorkers,
  })
  const call = async (name: string, arg?: unknown): Promise<unknown> => {
    const r = await workspace.dispatch(name, arg)
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`)
    return r.value
  }
  const host = await startWebHost({
    dispatch: workspace.dispatch,
    subscribe: (l) => workspace.subscribe(l),
    rendererDir: RENDERER_OUT,
  })
  const browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  const page = await context.newPage()
  const errors = pageErrors(page)
  await page.goto(host.url)
  await page
    .locator('[data-testid="app-ready"], [data-testid="setup-wizard"]')
    .first()
    .waitFor({ timeout: 30_000 })
  return {
    page,
    browser,
    baseUrl: host.url,
    dataDir,
    workspace,
    call,
    close: async () => {
      await browser.close()
      await host.close()
      await workspace.close()
      if (errors.length) throw new Error(`页面脚本出错：\n${errors.join('\n')}`)
    },
  }
}

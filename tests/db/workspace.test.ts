/**
 * The workspace over real files: a first run from an empty folder, the demo as a separate database
 * the real one never sees, switching back, remembering, and the refusals.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bootApp } from '../../main/bootstrap'
import { openDatabase } from '../../main/db/open'
import { Workspace, type WorkspaceOptions } from '../../main/workspace/workspace'
import { signInForTests } from '../sign-in'

const open: Workspace[] = []
afterEach(async () => {
  for (const w of open.splice(0)) await w.close()
})

function options(dir: string, extra: Partial<WorkspaceOptions> = {}): WorkspaceOptions {
  return { host: 'web', actor: 'test', configDir: join(dir, 'config'), defaultDataDir: join(dir, 'userData'), backupOnStart: false, onBoot: signInForTests, ...extra }
}

async function start(opts: WorkspaceOptions): Promise<Workspace> {
  const w = await Workspace.open(opts)
  open.push(w)
  return w
}

async function ok(w: Workspace, name: string, arg?: unknown): Promise<unknown> {
  const r = await w.dispatch(name, arg)
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`)
  return r.value
}

function countIn(file: string): { cadres: number; county: string | null } {
  const db = openDatabase(file, { readonly: true })
  try {
    const n = (db.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n
    const c = db.prepare("SELECT value FROM settings WHERE key = 'org.countyName'").get() as { value: string } | undefined
    return { cadres: n, county: c ? (JSON.parse(c.value) as string) : null }
  } finally {
    db.close()
  }
}

describe('first run from an empty data folder', () => {
  it('no database until the wizard names the county and the folder; then setup, demo, back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'))
    const w = await start(options(dir))
    const s0 = (await ok(w, 'workspace.status')) as { stage: string; realDbExists: boolean; dataDir: string }
    expect(s0).toMatchObject({ stage: 'setup', realDbExists: false, dataDir: join(dir, 'userData') })
    expect(existsSync(join(dir, 'userData', 'cadres.db'))).toBe(false)
    // Nothing else answers before the set-up.
    const early = await w.dispatch('app.info', undefined)
    expect(early.ok).toBe(false)
    if (!early.ok) expect(early.error.message).toMatch(/初次设置/)

    const chosen = join(dir, '干部数据')
    const s1 = (await ok(w, 'workspace.setup', { countyName: ' 清川县 ', dataDir: chosen })) as Record<string, unknown>
    expect(s1).toMatchObject({ stage: 'setup', mode: 'real', realDbPath: join(chosen, 'cadres.db'), countyName: '清川县' })
    expect(countIn(join(chosen, 'cadres.db'))).toEqual({ cadres: 0, county: '清川县' })

    const s2 = (await ok(w, 'workspace.finish')) as { stage: string }
    expect(s2.stage).toBe('ready')

    const s3 = (await ok(w, 'workspace.switch', { mode: 'demo' })) as { mode: string; demoDbPath: string }
    expect(s3).toMatchObject({ mode: 'demo', demoDbPath: join(chosen, 'demo', 'demo.db') })
    const info = (await ok(w, 'app.info')) as { cadreCount: number; dbPath: string }
    expect(info.dbPath).toBe(join(chosen, 'demo', 'demo.db'))
    expect(info.cadreCount).toBe(2000)
    // The real database has not one fictional cadre.
    expect(countIn(join(chosen, 'cadres.db'))).toEqual({ cadres: 0, county: '清川县' })

    await ok(w, 'workspace.switch', { mode: 'real' })
    expect(((await ok(w, 'app.info')) as { cadreCount: number }).cadreCount).toBe(0)
    expect(JSON.parse(readFileSync(join(dir, 'config', 'workspace.json'), 'utf8'))).toEqual({ mode: 'real', dataDir: chosen })
  })

  it('the demo is never loaded into the real database through the app', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'))
    const w = await start(options(dir))
    await ok(w, 'workspace.setup', { countyName: '清川县', dataDir: null })
    const r = await w.dispatch('demo.load', { count: 50 })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/单独的演示数据库/)
    expect(countIn(join(dir, 'userData', 'cadres.db')).cadres).toBe(0)
  })

  it('a county name of one character, or none, is refused in Chinese', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'))
    const w = await start(options(dir))
    for (const countyName of ['', ' ', '县']) {
      const r = await w.dispatch('workspace.setup', { countyName, dataDir: null })
      expect(r.ok, countyName).toBe(false)
      if (!r.ok) expect(r.error.message).toMatch(/县（区）名称/)
    }
    const rel = await w.dispatch('workspace.setup', { countyName: '清川县', dataDir: 'data' })
    expect(rel.ok).toBe(false)
    if (!rel.ok) expect(rel.error.message).toMatch(/完整路径/)
    expect(existsSync(join(dir, 'userData', 'cadres.db'))).toBe(false)
  })
})

describe('the next start', () => {
  it('remembers the folder and the demo, and the wizard does not come back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'))
    const chosen = join(dir, 'elsewhere')
    const w1 = await start(options(dir))
    await ok(w1, 'workspace.setup', { countyName: '清川县', dataDir: chosen })
    await ok(w1, 'workspace.finish')
    await ok(w1, 'workspace.switch', { mode: 'demo' })
    await w1.close()
    const w2 = await start(options(dir))
    expect(await ok(w2, 'workspace.status')).toMatchObject({ stage: 'ready', mode: 'demo', dataDir: chosen })
    await ok(w2, 'workspace.switch', { mode: 'real' })
    await w2.close()
    const w3 = await start(options(dir))
    expect(await ok(w3, 'workspace.status')).toMatchObject({ stage: 'ready', mode: 'real', countyName: '清川县' })
  })

  it('a remembered folder whose database is gone is refused, not silently replaced by an empty one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'))
    const o = options(dir)
    const w1 = await start(o)
    await ok(w1, 'workspace.setup', { countyName: '清川县', dataDir: join(dir, 'usb') })
    await w1.close()
    const cfg = join(dir, 'config', 'workspace.json')
    writeFileSync(cfg, JSON.stringify({ dataDir: join(dir, 'unplugged'), mode: 'real' }))
    await expect(Workspace.open(o)).rejects.toMatchObject({ code: 'db-missing' })
    expect(existsSync(join(dir, 'unplugged', 'cadres.db'))).toBe(false)
  })

  it('a database made before the wizard existed (it holds cadres) opens without the wizard', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'))
    const file = join(dir, 'userData', 'cadres.db')
    const app = bootApp({ dbPath: file, host: 'test', backupOnStart: false })
    const r = await app.dispatch('demo.load', { count: 3 })
    expect(r.ok).toBe(true)
    app.close()
    const w = await start(options(dir))
    expect(await ok(w, 'workspace.status')).toMatchObject({ stage: 'ready', mode: 'real', realDbExists: true })
  })

  it('--db: the named file opens at once (the wizard asks only for the county), the folder is fixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'))
    const file = join(dir, 'given.db')
    const w = await start(options(dir, { dbPath: file, configDir: dir }))
    expect(await ok(w, 'workspace.status')).toMatchObject({ stage: 'setup', dataDirFixed: true, realDbExists: true, realDbPath: file })
    expect(((await ok(w, 'app.info')) as { cadreCount: number }).cadreCount).toBe(0)
    await ok(w, 'workspace.setup', { countyName: '清川县', dataDir: null })
    await ok(w, 'workspace.finish')
    expect(await ok(w, 'workspace.status')).toMatchObject({ stage: 'ready', countyName: '清川县' })
  })
})

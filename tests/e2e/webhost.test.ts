/**
 * The browser host as a user starts it: `npm run web -- --db PATH --port 0` prints its URL first,
 * serves only on 127.0.0.1, and refuses any request without the per-run secret.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../main/web/cli-build'

function startHost(dbPath: string): { child: ChildProcess; firstLine: Promise<string>; stderr: () => string } {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'main/web/cli.ts', '--db', dbPath, '--port', '0', '--no-build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  const firstLine = new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! })
    rl.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`host exited ${code}: ${err}`)))
  })
  return { child, firstLine, stderr: () => err }
}

describe('browser host (npm run web)', () => {
  let child: ChildProcess
  let url: string
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhost-'))
    const h = startHost(join(dir, 'cadres.db'))
    child = h.child
    url = await h.firstLine
  })
  afterAll(() => {
    child.kill('SIGTERM')
  })

  it('prints its URL with a secret as the first line on stdout, on 127.0.0.1', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{20,}\/$/)
  })

  it('serves the app and answers the handlers with the secret', async () => {
    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('干部管理系统')
    const res = await fetch(url + 'api/app.info', { method: 'POST', body: 'null' })
    const body = (await res.json()) as { ok: boolean; value: { cadreCount: number } }
    expect(body.ok).toBe(true)
    expect(body.value.cadreCount).toBe(0)
  })

  it('refuses every request without the secret, or with another', async () => {
    const base = new URL(url)
    const root = `${base.protocol}//${base.host}`
    for (const path of ['/', '/index.html', '/api/app.info', '/wrongsecretwrongsecret12/api/app.info']) {
      const r = await fetch(root + path, { method: path.includes('api') ? 'POST' : 'GET' })
      expect(r.status, path).toBe(404)
    }
  })

  it('refuses a request whose Host is not the loopback address (DNS rebinding)', async () => {
    const { request } = await import('node:http')
    const u = new URL(url)
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: u.port, path: u.pathname, headers: { host: 'evil.example:80' } }, (res) => {
        resolve(res.statusCode ?? 0)
        res.resume()
      })
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(403)
  })

  it('refuses a file that is not a database, with a clear message and exit 2, leaving it untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhost-bad-'))
    const bad = join(dir, 'notes.db')
    writeFileSync(bad, '这不是数据库')
    const h = startHost(bad)
    const code = await new Promise<number | null>((resolve) => h.child.once('exit', resolve))
    h.firstLine.catch(() => undefined)
    expect(code).toBe(2)
    expect(h.stderr()).toMatch(/不是 SQLite 文件/)
    const { readFileSync } = await import('node:fs')
    expect(readFileSync(bad, 'utf8')).toBe('这不是数据库')
  })
})

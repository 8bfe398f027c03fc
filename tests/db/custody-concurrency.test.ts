/**
 * Concurrency and the browser host's door: two imports of the same roster at once through two
 * command-line processes (the second waits for the first or is refused in Chinese; never a raw
 * SQLite error or stack, never half an import); a POST from another origin is refused; an
 * over-limit body gets 413 with the real limit.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bootApp } from '../../main/bootstrap'
import { openDatabase } from '../../main/db/open'
import { MAX_BODY, startWebHost } from '../../main/web/server'
import { largeRoster } from '../fixtures/make-rosters'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs')

function cliAsync(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const c = spawn(process.execPath, [TSX, 'main/cli/index.ts', ...args], { cwd: ROOT })
    let out = ''
    let err = ''
    c.stdout.on('data', (b: Buffer) => (out += b.toString()))
    c.stderr.on('data', (b: Buffer) => (err += b.toString()))
    c.once('exit', (code) => res({ code, stdout: out, stderr: err }))
  })
}

describe('two imports at once', () => {
  it('of the same roster by two processes: one lands whole, the other waits or is refused in Chinese', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-two-imports-'))
    const file = join(dir, 'roster.xlsx')
    await largeRoster(6000, file)
    const dbPath = join(dir, 'cadres.db')
    openDatabase(dbPath).close()
    const [a, b] = await Promise.all([cliAsync('import', file, '--db', dbPath, '--json'), cliAsync('import', file, '--db', dbPath, '--json')])
    for (const r of [a, b]) {
      expect([0, 2]).toContain(r.code)
      expect(r.stderr).not.toMatch(/UNIQUE|SQLITE_|database is locked|\n\s+at /)
      if (r.code === 2) expect(r.stderr).toMatch(/^错误：(数据库正被另一项写入占用|数据冲突).*本次操作未执行/)
    }
    expect([a.code, b.code]).toContain(0)
    const db = openDatabase(dbPath, { readonly: true })
    expect(db.prepare('SELECT count(*) FROM cadres').pluck().get()).toBe(6000)
    const imports = db.prepare("SELECT count(*) FROM audit_log WHERE action = 'import'").pluck().get()
    expect(imports).toBe([a, b].filter((r) => r.code === 0).length)
    db.close()
  })
})

function post(url: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((res, rej) => {
    const u = new URL(url)
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers }, (r) => {
      let b = ''
      r.on('data', (c: Buffer) => (b += c.toString()))
      r.on('end', () => res({ status: r.statusCode ?? 0, body: b }))
    })
    req.on('error', rej)
    req.end(body)
  })
}

describe('the browser host', () => {
  it.each([
    ['no Origin (a program holding the secret)', undefined, 200],
    ['its own origin', 'self', 200],
    ['another web page', 'http://evil.example', 403],
    ['another port on the loopback', 'http://127.0.0.1:1', 403],
    ['a sandboxed page (null)', 'null', 403],
  ])('answers a POST from %s (Origin %s) with status %i', async (_who, origin, status) => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-origin-'))
    const app = bootApp({ dbPath: join(dir, 'cadres.db'), host: 'web', backupOnStart: false })
    const host = await startWebHost({ dispatch: app.dispatch, rendererDir: dir })
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (origin) headers['origin'] = origin === 'self' ? `http://127.0.0.1:${host.port}` : origin
      const r = await post(`${host.url}api/app.info`, '', headers)
      expect(r.status).toBe(status)
      if (status === 403) expect(r.body).toMatch(/拒绝来自其他网页/)
    } finally {
      await host.close()
      app.close()
    }
  })

  it('answers an over-limit body with 413 naming the real limit (100 MB), not a reset connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-413-'))
    const app = bootApp({ dbPath: join(dir, 'cadres.db'), host: 'web', backupOnStart: false })
    const host = await startWebHost({ dispatch: app.dispatch, rendererDir: dir })
    try {
      const r = await post(`${host.url}api/import.open`, Buffer.alloc(MAX_BODY + 1024, 0x61))
      expect(r.status).toBe(413)
      expect(r.body).toMatch(/超过上限 100 MB/)
    } finally {
      await host.close()
      app.close()
    }
  })
})

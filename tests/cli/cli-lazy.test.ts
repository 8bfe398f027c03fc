/**
 * `cli --help` loads no command: the command list (main/cli/commands/index.ts) names each command
 * with its usage and summary and loads it only when it runs. What a process loads is read through a
 * module resolve hook (every URL resolved, written to a file), for `--help` and for a command.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../main/cli/commands'
import { loadLog } from '../load-log'

const ROOT = join(import.meta.dirname, '../..')
/** What --help must not load: the database driver, the spreadsheet, Word, zip, Chromium, password
 *  hashing, and the app's own database, services and commands. */
const HEAVY = [
  /node_modules\/better-sqlite3/,
  /node_modules\/exceljs/,
  /node_modules\/docx/,
  /node_modules\/jszip/,
  /node_modules\/playwright-core/,
  /node_modules\/@node-rs\/argon2/,
  /main\/db\//,
  /main\/services\//,
  /main\/cli\/commands\/(?!index\.ts)/,
]

function loadedBy(args: string[]): { urls: string[]; stdout: string; status: number | null } {
  const r = loadLog('cli-lazy-').run(['main/cli/index.ts', ...args])
  return { urls: r.lines.filter(Boolean), stdout: r.stdout, status: r.status }
}

describe('the CLI loads a command only when it runs', () => {
  it('--help lists every command and loads none of the heavy modules', () => {
    const r = loadedBy(['--help'])
    expect(r.status).toBe(0)
    for (const c of COMMANDS) expect(r.stdout).toContain(c.usage)
    const heavy = r.urls.filter((u) => HEAVY.some((h) => h.test(u)))
    expect(heavy, `--help loaded: ${heavy.join(', ')}`).toEqual([])
  })

  it('a command loads what it needs (the hook sees the driver and the command)', () => {
    const r = loadedBy(['list', '--db', join(mkdtempSync(join(tmpdir(), 'cli-lazy-')), 'none.db')])
    expect(r.urls.some((u) => /node_modules\/better-sqlite3-multiple-ciphers/.test(u))).toBe(true)
    expect(r.urls.some((u) => /main\/cli\/commands\/list\.ts$/.test(u))).toBe(true)
  })

  it('an import loads neither the rule schemas (zod) nor password hashing (argon2): start-up it does not need', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'cli-lazy-')), 'import.db')
    const r = loadedBy(['import', join(ROOT, 'tests/fixtures/rosters/一人一行.xlsx'), '--db', db, '--json'])
    expect(r.status).toBe(0)
    expect(r.urls.some((u) => /main\/cli\/commands\/import\.ts$/.test(u))).toBe(true)
    const extra = r.urls.filter((u) => /node_modules\/(zod|@node-rs\/argon2)\//.test(u))
    expect(extra.slice(0, 3), `import loaded: ${extra.slice(0, 3).join(', ')} …`).toEqual([])
  })

  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s: the list’s usage and summary are the command’s own', async (name, entry) => {
    const cmd = await entry.load()
    expect(cmd.name).toBe(name)
    expect(entry.usage, `main/cli/commands/index.ts: usage of ${name}`).toBe(cmd.usage)
    expect(entry.summary, `main/cli/commands/index.ts: summary of ${name}`).toBe(cmd.summary)
  })
})

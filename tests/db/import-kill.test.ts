/**
 * An import lands in one transaction or not at all: a child process importing a 20,000-row roster
 * is killed with SIGKILL while its transaction is open and rows are written; the database is then
 * exactly as before and passes PRAGMA integrity_check.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../main/db/open'
import { importRoster } from '../../main/roster-import/engine'
import { createContext } from '../../main/services/context'
import { largeRoster, perRowRoster } from '../fixtures/make-rosters'

function snapshot(db: Db): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
  return tables
    .map((t) => {
      const rows = db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()
      return `${t}:${rows.length}:${JSON.stringify(rows).length}`
    })
    .join('\n')
}

describe('SIGKILL in the middle of an import', () => {
  it('leaves the database unchanged and intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-kill-'))
    const dbPath = join(dir, 'cadres.db')
    const roster = join(dir, 'roster.xlsx')
    await largeRoster(20_000, roster)
    // People already there before the import that will be killed.
    const db0 = openDatabase(dbPath)
    const ctx = createContext({ db: db0, dbPath, dataDir: dir, host: 'test' })
    expect((await importRoster(ctx, { bytes: await perRowRoster(), fileName: 'seed.xlsx' })).report.inserted).toBe(3)
    const before = snapshot(db0)
    db0.close()

    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-kill-child.ts'), roster, dbPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    )
    const written = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const m = out.match(/writing (\d+)/)
        if (m) resolve(Number(m[1]))
      })
      void exited.then(() => reject(new Error(`child exited before writing: ${out} ${err}`)))
    })
    // Rows of this import were in the database (inside the open transaction) when it was killed.
    expect(written).toBeGreaterThan(3)
    child.kill('SIGKILL')
    const { signal } = await exited
    expect(signal).toBe('SIGKILL')
    expect(out).not.toContain('committed')

    const db = openDatabase(dbPath)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(snapshot(db)).toBe(before)
    expect(db.prepare('SELECT count(*) FROM cadres').pluck().get()).toBe(3)
    db.close()
  })
})

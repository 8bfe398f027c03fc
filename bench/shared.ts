/**
 * Helpers for benchmarks: a cached demo database per size (made once through the real `demo`
 * service, then copied), the built command line, and whole processes timed under GNU time.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { bootApp } from '../main/bootstrap'
import { MIGRATIONS } from '../main/db/migrations'
import { ROOT } from '../main/web/cli-build'
import { builtCliIsFresh } from '../scripts/cli-fresh.mjs'

export { ROOT }

export type Report = (name: string, value: number, unit: string, target?: string) => void

export const BENCH_DIR = join(ROOT, 'bench-results')

/** A fresh copy of a database holding `count` demo cadres (seed 1). */
export async function demoDbCopy(count: number): Promise<string> {
  mkdirSync(BENCH_DIR, { recursive: true })
  const cached = join(BENCH_DIR, `demo-${count}.db`)
  // A cache made before the latest migration is made again: otherwise every copy would be migrated
  // (and backed up first) by the bench that opens it, and timed so.
  if (existsSync(cached) && schemaVersion(cached) < (MIGRATIONS.at(-1)?.version ?? 0)) rmSync(cached)
  if (!existsSync(cached)) {
    // Built aside and renamed on success, so a failed run never leaves a poisoned cache.
    const building = join(mkdtempSync(join(tmpdir(), 'bench-demo-')), 'demo.db')
    const app = bootApp({ dbPath: building, host: 'test', backupOnStart: false })
    const r = await app.dispatch('demo.load', { count })
    if (!r.ok) throw new Error(r.error.message)
    app.ctx.db.pragma('journal_mode = DELETE')
    app.close()
    copyFileSync(building, cached)
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-'))
  const copy = join(dir, 'cadres.db')
  copyFileSync(cached, copy)
  return copy
}

function schemaVersion(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return db.pragma('user_version', { simple: true }) as number
  } finally {
    db.close()
  }
}

export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6
}

export function now(): bigint {
  return process.hrtime.bigint()
}

/** GNU time: wall, CPU and peak RSS of a whole process. */
export const TIME = '/usr/bin/time'

export interface Run {
  wallS: number
  cpuS: number
  rssMb: number
  stdout: string
}

/** The median (the mean of the two middle values for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2
}

/** The CLI as scripts/cli.mjs runs it: the built file, built now if main/ is newer. */
export function ensureBuiltCli(): void {
  if (builtCliIsFresh(ROOT)) return
  process.stdout.write('  (out/main/cli.js is older than main/: npx electron-vite build)\n')
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr.slice(-2000)}`)
}

/** One whole node process under GNU time: wall seconds, user + system CPU seconds, peak RSS. */
export function timedNode(args: string[]): Run {
  const dir = mkdtempSync(join(tmpdir(), 'bench-time-'))
  const out = join(dir, 'time.txt')
  try {
    const r = spawnSync(TIME, ['-o', out, '-f', '%e %U %S %M', process.execPath, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`)
    const [wall, user, sys, rssKb] = readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number)
    return { wallS: wall ?? NaN, cpuS: (user ?? NaN) + (sys ?? NaN), rssMb: (rssKb ?? NaN) / 1024, stdout: r.stdout }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

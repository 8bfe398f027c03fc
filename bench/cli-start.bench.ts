/**
 * Issue 11's start-up target: `cli --help` answers in under 0.3 s of wall time, whole process
 * (node starting, the built out/main/cli.js loading, the command list printed). Measured as
 * `npm run -s cli -- --help` runs it (scripts/cli.mjs, which checks the build is current) and as
 * the built file alone; median of 7 runs each, under GNU time. scripts/cli.mjs falls back to tsx
 * (about 1 s) when a source under main/ is newer than the build: run `npm run build` first. A second figure: a command that opens
 * a database (`list` of 30 cadres), where the driver and the migrations load.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Report } from './shared'

const ROOT = join(import.meta.dirname, '..')
const TIME = '/usr/bin/time'
const RUNS = 7

function timed(args: string[]): { wallMs: number; rssMb: number } {
  const dir = mkdtempSync(join(tmpdir(), 'cli-start-'))
  try {
    const out = join(dir, 'time.txt')
    const r = spawnSync(TIME, ['-o', out, '-f', '%e %M', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-1000)}`)
    const [wall, rssKb] = readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number)
    return { wallMs: (wall ?? NaN) * 1000, rssMb: (rssKb ?? NaN) / 1024 }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

export default async function bench(report: Report): Promise<void> {
  const built = join(ROOT, 'out', 'main', 'cli.js')
  if (!existsSync(built)) {
    const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr.slice(-2000)}`)
  }
  report('load average (1 min)', loadavg()[0] ?? 0, '')
  const viaNpm = Array.from({ length: RUNS }, () => timed([join(ROOT, 'scripts', 'cli.mjs'), '--help']))
  report(`cli --help (scripts/cli.mjs, as npm run -s cli), wall, median of ${RUNS}`, median(viaNpm.map((r) => r.wallMs)), 'ms', '< 300 ms')
  const direct = Array.from({ length: RUNS }, () => timed([built, '--help']))
  report(`node out/main/cli.js --help, wall, median of ${RUNS}`, median(direct.map((r) => r.wallMs)), 'ms', '< 300 ms')
  report('node out/main/cli.js --help, peak RSS', median(direct.map((r) => r.rssMb)), 'MB')
  const dir = mkdtempSync(join(tmpdir(), 'cli-start-db-'))
  try {
    const db = join(dir, 'cadres.db')
    timed([built, 'demo', '--db', db, '--count', '30']) // creates the database (not timed)
    const list = Array.from({ length: RUNS }, () => timed([built, 'list', '--db', db]))
    report(`node out/main/cli.js list (30 cadres: driver, open, checks, print), wall, median of ${RUNS}`, median(list.map((r) => r.wallMs)), 'ms')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Issue 11's target, whole process against whole process: `import` of a 50,000-row roster through
 * the command line (the built JavaScript, as `npm run -s cli -- import` starts it: start-up, opening
 * and creating the database, read, check, plan, one transaction with its audit rows, close) against
 * exceljs's bare streaming read of the same file in a process of its own (scripts/bench-bare-read.mjs:
 * WorkbookReader iterating every row, nothing done with them). Target: the import takes at most the
 * bare read's wall time.
 *
 * Each side runs RUNS times, alternating, under GNU time (wall, user + system CPU, peak RSS of the
 * whole process); the medians are reported. On a shared machine wall time follows the load, so the
 * CPU time and the load average are printed beside it.
 *
 * Run: npm run bench -- import-cli (builds the CLI first when out/main/cli.js is older than main/).
 *
 * Where the CLI's time goes (2026-12-01, phases timed one by one at load ~2 on 2 cores; whole
 * process ~3.3 s CPU against the bare read's ~2.7 s): start-up and module loading ~0.25 s; opening
 * the file and finding the header ~0.2 s; reading and checking the 50,000 rows ~0.9 s; planning
 * 0.02 s; the one transaction ~1.9 s — the cadres INSERTs ~1.1 s (SQLite itself: 10 indexes on
 * cadres, 3 of them on the generated retire_date), the 50,000 audit rows ~0.55 s (the hash-chain
 * trigger's share ~0.2 s), COMMIT ~0.15 s; closing (WAL checkpoint) ~0.15 s. fsync is not a
 * factor (27 calls, < 4 ms each); wall above CPU is the other sessions' load (few voluntary
 * context switches). Mind the fixture: its 50,000 rows carry 100 distinct names, so the per-name
 * pinyin cache makes pinyin nearly free here; a roster of distinct names adds ~0.3 s.
 * Tried and not kept: reading on a worker thread while the main thread writes (slower here: with
 * the other sessions on the second core the two threads contend, and each row is copied across).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { largeRoster } from '../tests/fixtures/make-rosters'
import { BENCH_DIR, ROOT, TIME, ensureBuiltCli, median, timedNode, type Report, type Run } from './shared'

const ROWS = 50_000
const RUNS = Number(process.env['IMPORT_CLI_RUNS'] ?? 3)
export default async function bench(report: Report): Promise<void> {
  if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed for the peak memory of a whole process`)
  mkdirSync(BENCH_DIR, { recursive: true })
  const file = join(BENCH_DIR, `roster-${ROWS}.xlsx`)
  if (!existsSync(file)) await largeRoster(ROWS, file)
  ensureBuiltCli()
  const load0 = loadavg()[0] ?? 0
  const bare: Run[] = []
  const cli: Run[] = []
  for (let i = 0; i < RUNS; i++) {
    const b = timedNode([join(ROOT, 'scripts', 'bench-bare-read.mjs'), file])
    if (Number(b.stdout.trim()) !== ROWS + 1) throw new Error(`bare read counted ${b.stdout.trim()} rows`)
    bare.push(b)
    const dir = mkdtempSync(join(tmpdir(), 'import-cli-'))
    try {
      const c = timedNode([join(ROOT, 'scripts', 'cli.mjs'), 'import', file, '--db', join(dir, 'cadres.db'), '--json'])
      const inserted = (JSON.parse(c.stdout) as { inserted: number }).inserted
      if (inserted !== ROWS) throw new Error(`the CLI import inserted ${inserted} of ${ROWS}`)
      cli.push(c)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  const load1 = loadavg()[0] ?? 0
  const b = { wall: median(bare.map((r) => r.wallS * 1000)), cpu: median(bare.map((r) => r.cpuS * 1000)), rss: median(bare.map((r) => r.rssMb)) }
  const c = { wall: median(cli.map((r) => r.wallS * 1000)), cpu: median(cli.map((r) => r.cpuS * 1000)), rss: median(cli.map((r) => r.rssMb)) }
  report(`load average (1 min) before / after`, load0, `/ ${load1.toFixed(1)}`)
  report(`50k roster: exceljs bare streaming read, process wall (median of ${RUNS})`, b.wall, 'ms')
  report(`50k roster: CLI import, process wall (median of ${RUNS})`, c.wall, 'ms', `≤ ${Math.round(b.wall)} ms (the bare read)`)
  report('50k roster: CLI import / bare read (wall)', c.wall / b.wall, '×', '≤ 1.0')
  report('50k roster: bare read CPU (user + system)', b.cpu, 'ms')
  report('50k roster: CLI import CPU (user + system)', c.cpu, 'ms')
  report('50k roster: CLI import / bare read (CPU)', c.cpu / b.cpu, '×')
  report('50k roster: bare read peak RSS', b.rss, 'MB')
  report('50k roster: CLI import peak RSS', c.rss, 'MB')
  report('50k roster: every wall time, bare | CLI', 0, `${bare.map((r) => r.wallS.toFixed(1)).join(' ')} | ${cli.map((r) => r.wallS.toFixed(1)).join(' ')} s`)
}

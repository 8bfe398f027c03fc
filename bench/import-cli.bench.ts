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
 * How the CLI gets there (2026-12-01): the file is read and checked on a worker thread
 * (main/roster-import/read-worker.ts) while the main thread writes the rows already read, in the
 * import's one transaction (commitImportStream), so the import takes about the longer of the two
 * instead of their sum; the import chains its own audit entries (main/db/audit-chain.ts
 * chainedAudit, migration 0180) instead of the trigger's UPDATE of every row; 到龄时间 is a STORED
 * column (migration 0190) instead of a VIRTUAL one computed five times per row written (once per
 * index on it). Main thread, phases at load ~1: start-up and loading the write side ~0.15–0.2 s,
 * waiting for the reader to open the file and find the header ~0.2 s, the write ~1.9 s (SQLite's
 * INSERTs and their 10 indexes ~1.3 s, the audit entries ~0.4 s, receiving rows from the reader
 * ~0.2 s), COMMIT 0.05 s, closing (WAL checkpoint) ~0.14 s. The reader thread: ~1.7 s of CPU
 * (parsing and checking ~1.2 s, handing rows over ~0.25 s). Mind the fixture: its 50,000 rows
 * carry 100 distinct names, so the per-name pinyin cache makes pinyin nearly free here.
 * The CLI import runs with a 64 MB page cache (~3 % faster, ~10 MB more at its peak).
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

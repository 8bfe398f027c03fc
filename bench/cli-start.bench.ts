/**
 * Issue 11's start-up target: `cli --help` answers in under 0.3 s of wall time, whole process
 * (node starting, the built out/main/cli.js loading, the command list printed). Measured as
 * `npm run -s cli -- --help` runs it (scripts/cli.mjs, which checks the build is current) and as
 * the built file alone; median of 7 runs each, under GNU time. The CLI is built first when a
 * source under main/ is newer (scripts/cli.mjs would otherwise fall back to tsx, about 1 s).
 * A second figure: a command that opens a database (`list` of 30 cadres), where the driver and
 * the migrations load.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, ensureBuiltCli, median, timedNode, type Report } from './shared'

const RUNS = 7
const wallMs = (args: string[]): number => timedNode(args).wallS * 1000

export default async function bench(report: Report): Promise<void> {
  ensureBuiltCli()
  const built = join(ROOT, 'out', 'main', 'cli.js')
  report('load average (1 min)', loadavg()[0] ?? 0, '')
  const viaNpm = Array.from({ length: RUNS }, () => wallMs([join(ROOT, 'scripts', 'cli.mjs'), '--help']))
  report(`cli --help (scripts/cli.mjs, as npm run -s cli), wall, median of ${RUNS}`, median(viaNpm), 'ms', '< 300 ms')
  const direct = Array.from({ length: RUNS }, () => timedNode([built, '--help']))
  report(`node out/main/cli.js --help, wall, median of ${RUNS}`, median(direct.map((r) => r.wallS * 1000)), 'ms', '< 300 ms')
  report('node out/main/cli.js --help, peak RSS', median(direct.map((r) => r.rssMb)), 'MB')
  const dir = mkdtempSync(join(tmpdir(), 'cli-start-db-'))
  try {
    const db = join(dir, 'cadres.db')
    timedNode([built, 'demo', '--db', db, '--count', '30']) // creates the database (not timed)
    const list = Array.from({ length: RUNS }, () => wallMs([built, 'list', '--db', db]))
    report(`node out/main/cli.js list (30 cadres: driver, open, checks, print), wall, median of ${RUNS}`, median(list), 'ms')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

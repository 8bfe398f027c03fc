/**
 * The roster import at 50,000 and 100,000 rows against exceljs's bare streaming read
 * (WorkbookReader) of the same file, in the same run, each in a child process of its own so that
 * its peak memory (maxRSS) is its own.
 *
 * - import: importRoster end to end into a fresh SQLite file — unzip, read, header detection,
 *   every value checked (months, ID numbers, …), plan, one transaction with audit rows, then the
 *   WAL checkpoint and close (target ≤ 1.5 × bare, < 600 MB, progress at least every 250 ms).
 *   Wall time on a shared, loaded machine is noisy; CPU time (all threads) is reported beside it.
 * - bare: WorkbookReader iterating every row, nothing else done with them.
 *
 * Run: npm run bench -- import. The child side runs when IMPORT_BENCH_CHILD is set.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { openDatabase } from '../main/db/open'
import { checkpointAfterImport } from '../main/roster-import/commit'
import { importRoster } from '../main/roster-import/engine'
import { createContext } from '../main/services/context'
import { largeRoster } from '../tests/fixtures/make-rosters'
import { BENCH_DIR, type Report } from './shared'

interface ChildResult {
  ms: number
  /** The WAL checkpoint after the import (the app runs it once the summary is on screen). */
  checkpointMs?: number
  p99GapMs?: number
  cpuMs: number
  maxRssMb: number
  rows: number
  maxGapMs?: number
  progressEvents?: number
}

async function child(mode: string, file: string): Promise<ChildResult> {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  let rows = 0
  let maxGapMs: number | undefined
  let p99GapMs: number | undefined
  let checkpointMs: number | undefined
  let progressEvents: number | undefined
  if (mode === 'bare') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' })
    for await (const ws of reader) for await (const _row of ws) rows++
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'import-bench-'))
    const dbPath = join(dir, 'cadres.db')
    const db = openDatabase(dbPath)
    const ctx = createContext({ db, dbPath, dataDir: dir, host: 'test', actor: 'bench' })
    let last = performance.now()
    maxGapMs = 0
    progressEvents = 0
    const gaps: number[] = []
    const { report } = await importRoster(ctx, {
      bytes: readFileSync(file),
      fileName: 'bench.xlsx',
      onProgress: () => {
        const now = performance.now()
        maxGapMs = Math.max(maxGapMs ?? 0, now - last)
        gaps.push(now - last)
        last = now
        progressEvents = (progressEvents ?? 0) + 1
      },
    })
    maxGapMs = Math.max(maxGapMs, performance.now() - last)
    gaps.sort((a, b) => a - b)
    p99GapMs = gaps[Math.floor(gaps.length * 0.99)] ?? 0
    rows = report.inserted
    const c0 = performance.now()
    checkpointAfterImport(db)
    checkpointMs = performance.now() - c0
    db.close()
  }
  const cpu = process.cpuUsage(cpu0)
  return {
    ms: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rows,
    maxGapMs,
    p99GapMs,
    checkpointMs,
    progressEvents,
  }
}

function runChild(mode: string, file: string): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename], {
    env: { ...process.env, IMPORT_BENCH_CHILD: mode, IMPORT_BENCH_FILE: file },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  })
  const line = r.stdout.trim().split('\n').pop() ?? ''
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`bench child ${mode} failed: ${r.stderr.slice(-2000)}`)
  return JSON.parse(line) as ChildResult
}

export default async function bench(report: Report): Promise<void> {
  mkdirSync(BENCH_DIR, { recursive: true })
  for (const n of [50_000, 100_000]) {
    const file = join(BENCH_DIR, `roster-${n}.xlsx`)
    if (!existsSync(file)) await largeRoster(n, file)
    const label = `${n / 1000}k`
    const size = statSync(file).size / 1048576
    report(`roster ${label}: file size`, size, 'MB')
    const bare = runChild('bare', file)
    const imp = runChild('import', file)
    if (imp.rows !== n) throw new Error(`import of ${n} rows inserted ${imp.rows}`)
    report(`roster ${label}: exceljs bare streaming read`, bare.ms, 'ms')
    report(`roster ${label}: import (read, check, write)`, imp.ms, 'ms')
    report(`roster ${label}: import / bare (wall time)`, imp.ms / bare.ms, '×', '≤ 1.5')
    report(`roster ${label}: import / bare (CPU time)`, imp.cpuMs / bare.cpuMs, '×', '≤ 1.5')
    report(`roster ${label}: import peak memory (maxRSS)`, imp.maxRssMb, 'MB', '< 600')
    report(`roster ${label}: bare read peak memory (maxRSS)`, bare.maxRssMb, 'MB')
    report(`roster ${label}: longest gap between progress updates`, imp.maxGapMs ?? 0, 'ms', '≤ 250')
    report(`roster ${label}: 99th percentile gap between progress updates`, imp.p99GapMs ?? 0, 'ms')
    report(`roster ${label}: progress updates`, imp.progressEvents ?? 0, '')
    report(`roster ${label}: WAL checkpoint after the import (in total time)`, imp.checkpointMs ?? 0, 'ms')
  }
}

const mode = process.env['IMPORT_BENCH_CHILD']
if (mode) {
  const file = process.env['IMPORT_BENCH_FILE'] ?? ''
  child(mode, file).then(
    (r) => process.stdout.write(JSON.stringify(r) + '\n'),
    (e: unknown) => {
      process.stderr.write(String((e as Error).stack ?? e) + '\n')
      process.exitCode = 1
    },
  )
}

/**
 * One export job through the app's worker threads (bootWorkers + dispatch, as the desktop app and
 * the browser host run it), for bench/export.bench.ts: prints its time and the process's peak
 * memory as JSON. Modes: idle (the workers started, nothing asked), roster, eligibility, stats.
 * Run: node out/main/bench-export-worker.mjs MODE DB (bundled by the bench) or through tsx.
 */
import type { ApiResult } from '../main/ipc/contract/define'
import { bootWorkers } from '../main/worker/client'

const AT = '2026-11-23'

async function main(mode: string, dbPath: string): Promise<void> {
  const app = await bootWorkers({ dbPath, host: 'test', backupOnStart: false })
  // The heavy worker opens the file after the writer (bootWorkers waits for the writer only):
  // an export of nobody waits for it, so the figure below is the job's, not the worker's start.
  const warm = await app.dispatch('export.roster', { query: { search: '无此人' }, layout: 'per-row' })
  if (!warm.ok) throw new Error(warm.error.message)
  const t = process.hrtime.bigint()
  let r: ApiResult<unknown> | null = null
  if (mode === 'roster') {
    r = await app.dispatch('export.roster', { query: { statuses: [] }, layout: 'per-row' }, { job: 'bench' })
  } else if (mode === 'eligibility') {
    r = await app.dispatch(
      'eligibility.export',
      { target: 'section-chief', at: AT, filter: 'all' },
      { job: 'bench' },
    )
  } else if (mode === 'stats') {
    r = await app.dispatch('stats.export', { at: AT }, { job: 'bench' })
  } else if (mode !== 'idle') throw new Error(`unknown mode ${mode}`)
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  if (r && !r.ok) throw new Error(r.error.message)
  const value = (r?.ok ? r.value : null) as { rows?: number } | null
  await app.close()
  const maxRssMb = process.resourceUsage().maxRSS / 1024
  process.stdout.write(JSON.stringify({ ms, rows: value?.rows ?? 0, maxRssMb }) + '\n')
}

const [mode, dbPath] = process.argv.slice(2)
if (!mode || !dbPath) throw new Error('usage: export-worker MODE DB')
await main(mode, dbPath)

/**
 * Helpers for benchmarks: a cached demo database per size (made once through the real `demo`
 * service, then copied), and peak-memory measurement of a child process.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bootApp } from '../main/bootstrap'
import { ROOT } from '../main/web/cli-build'

export type Report = (name: string, value: number, unit: string, target?: string) => void

export const BENCH_DIR = join(ROOT, 'bench-results')

/** A fresh copy of a database holding `count` demo cadres (seed 1). */
export async function demoDbCopy(count: number): Promise<string> {
  mkdirSync(BENCH_DIR, { recursive: true })
  const cached = join(BENCH_DIR, `demo-${count}.db`)
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

export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6
}

export function now(): bigint {
  return process.hrtime.bigint()
}

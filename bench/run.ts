/**
 * npm run bench [-- name ...]: runs bench/*.bench.ts (or the named ones) and prints every figure
 * with its target. Figures also go to bench-results/latest.json. A benchmark, not a test: it
 * reports, it does not fail on a missed target.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BENCH_DIR, type Report } from './shared'

interface Figure {
  bench: string
  name: string
  value: number
  unit: string
  target?: string
}

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  const dir = import.meta.dirname
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort()
  const figures: Figure[] = []
  for (const f of files) {
    const bench = f.replace(/\.bench\.ts$/, '')
    process.stdout.write(`\n== ${bench}\n`)
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default: (r: Report) => Promise<void> }
    const report: Report = (name, value, unit, target) => {
      const fig: Figure = { bench, name, value: Math.round(value * 10) / 10, unit }
      if (target) fig.target = target
      figures.push(fig)
      process.stdout.write(`  ${name.padEnd(58)} ${String(fig.value).padStart(10)} ${unit}${target ? `   (目标 ${target})` : ''}\n`)
    }
    try {
      await mod.default(report)
    } catch (e) {
      process.stdout.write(`  失败 / failed: ${(e as Error).stack ?? String(e)}\n`)
    }
  }
  mkdirSync(BENCH_DIR, { recursive: true })
  writeFileSync(join(BENCH_DIR, 'latest.json'), JSON.stringify({ at: new Date().toISOString(), figures }, null, 2))
  process.stdout.write(`\n${figures.length} figures → bench-results/latest.json\n`)
}

void main()

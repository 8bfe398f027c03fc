/**
 * What a Node process loads, for the tests that keep start-up light (tests/cli/cli-lazy.test.ts,
 * tests/db/worker-lazy.test.ts): a module resolve hook, registered before tsx, appends every URL
 * resolved to a log file. A script run this way may append lines of its own to the same log
 * (`log`) to mark its steps.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = join(import.meta.dirname, '..')

export interface LoadLog {
  /** A fresh folder of this log's own (for a script to run). */
  dir: string
  /** The log file every resolved URL is appended to. */
  log: string
  /** `node --import <hook> --import tsx ...args` in the project folder; the log's lines after it. */
  run(args: string[]): { lines: string[]; stdout: string; stderr: string; status: number | null }
}

export function loadLog(prefix: string): LoadLog {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const log = join(dir, 'loaded.txt')
  writeFileSync(log, '')
  const hooks = join(dir, 'hooks.mjs')
  writeFileSync(
    hooks,
    [
      "import { appendFileSync } from 'node:fs'",
      'export async function resolve(s, c, next) {',
      '  const r = await next(s, c)',
      `  appendFileSync(${JSON.stringify(log)}, r.url + '\\n')`,
      '  return r',
      '}',
    ].join('\n'),
  )
  const register = join(dir, 'register.mjs')
  writeFileSync(register, `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`)
  return {
    dir,
    log,
    run(args) {
      const r = spawnSync(process.execPath, ['--import', register, '--import', 'tsx', ...args], { cwd: ROOT, encoding: 'utf8' })
      return { lines: readFileSync(log, 'utf8').split('\n'), stdout: r.stdout, stderr: r.stderr, status: r.status }
    },
  }
}

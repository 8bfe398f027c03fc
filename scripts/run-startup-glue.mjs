// Runs the desktop start-up glue tests (tests/unit/electron-startup.test.ts) in their own vitest
// process. Under Node 20 the test process that boots the data-side worker threads through tsx
// sometimes dies outright ("Worker exited unexpectedly", no test result) — a crash of the test
// process, not a failed assertion. Such a crash, and only that, is run again (at most 6 times);
// an assertion that fails ends the run at once with its exit code.
import { spawnSync } from 'node:child_process'

const args = ['vitest', 'run', '--config', 'vitest.startup.config.ts']
for (let attempt = 1; attempt <= 6; attempt++) {
  const r = spawnSync('npx', args, { encoding: 'utf8' })
  process.stdout.write(r.stdout)
  process.stderr.write(r.stderr)
  if (r.status === 0) process.exit(0)
  const crashed = /Worker exited unexpectedly/.test(r.stdout + r.stderr) && !/AssertionError|Failed Tests/.test(r.stdout + r.stderr)
  if (!crashed) process.exit(r.status ?? 1)
  process.stdout.write(`\n(start-up glue tests: the test process crashed, attempt ${attempt} of 6; running again)\n`)
}
process.exit(1)

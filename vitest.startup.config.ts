import { defineConfig } from 'vitest/config'

// The desktop start-up glue tests, run on their own by scripts/run-startup-glue.mjs (see there).
export default defineConfig({
  test: { include: ['tests/unit/electron-startup.test.ts'], testTimeout: 60_000, pool: 'forks' },
})

// When the built command line (out/main/cli.js) may be run instead of the TypeScript sources: it is
// there and newer than every source file under main/. One rule for scripts/cli.mjs (which runs it)
// and the benches (which build it when it is not fresh, so they time what `npm run -s cli` runs).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function newestSource(dir) {
  let newest = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p))
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs)
  }
  return newest
}

/** out/main/cli.js under the project folder `root`. */
export function builtCli(root) {
  return join(root, 'out', 'main', 'cli.js')
}

export function builtCliIsFresh(root) {
  const built = builtCli(root)
  return existsSync(built) && statSync(built).mtimeMs >= newestSource(join(root, 'main'))
}

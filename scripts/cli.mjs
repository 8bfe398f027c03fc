// `npm run -s cli -- ...`: the command line, started the fastest way that is correct.
// - The built CLI (out/main/cli.js, made by `npm run build`) when it is there and newer than every
//   source file under main/: plain JavaScript, `--help` answers in a fraction of a second.
// - Otherwise the TypeScript sources through tsx (a fresh clone, or sources edited since the
//   build): slower to start, always current. Nothing is built on demand.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const built = join(root, 'out', 'main', 'cli.js')

function newestSource(dir) {
  let newest = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p))
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs)
  }
  return newest
}

const fresh = existsSync(built) && statSync(built).mtimeMs >= newestSource(join(root, 'main'))
let runCli
if (fresh) {
  ;({ runCli } = await import(pathToFileURL(built).href))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ runCli } = await import(pathToFileURL(join(root, 'main', 'cli', 'index.ts')).href))
}
process.exitCode = await runCli(process.argv.slice(2))

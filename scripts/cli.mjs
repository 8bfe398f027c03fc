// `npm run -s cli -- ...`: the command line, started the fastest way that is correct.
// - The built CLI (out/main/cli.js, made by `npm run build`) when it is there and newer than every
//   source file under main/: plain JavaScript, `--help` answers in a fraction of a second.
// - Otherwise the TypeScript sources through tsx (a fresh clone, or sources edited since the
//   build): slower to start, always current. Nothing is built on demand.
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { builtCli, builtCliIsFresh } from './cli-fresh.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const built = builtCli(root)
const fresh = builtCliIsFresh(root)
let runCli
if (fresh) {
  ;({ runCli } = await import(pathToFileURL(built).href))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ runCli } = await import(pathToFileURL(join(root, 'main', 'cli', 'index.ts')).href))
}
process.exitCode = await runCli(process.argv.slice(2))

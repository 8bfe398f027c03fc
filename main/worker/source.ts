/**
 * Where a worker thread's code is, run from source or built. From source (tsx, vitest) the entry
 * is TypeScript and is loaded through tsx's loader; built, electron-vite wrote it as
 * out/main/<name>.js, beside the entry that loaded the calling chunk (out/main/chunks/…).
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * `caller`: the calling module's import.meta.url; `source`: the entry's TypeScript file relative
 * to the caller's folder; `built`: the name electron-vite gives the entry (electron.vite.config.ts).
 */
export function workerSource(caller: string, source: string, built: string): { file: string | URL; eval: boolean } {
  const here = fileURLToPath(caller)
  if (here.endsWith('.ts')) {
    const entry = pathToFileURL(join(dirname(here), source)).href
    const tsx = pathToFileURL(createRequire(caller).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}) })`
    return { file: code, eval: true }
  }
  for (const d of [dirname(here), dirname(dirname(here))]) {
    const f = join(d, `${built}.js`)
    if (existsSync(f)) return { file: f, eval: false }
  }
  throw new Error(`${built}.js not found beside the built main process`)
}

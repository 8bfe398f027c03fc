/** Builds the renderer when out/renderer is missing or older than its sources. */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..', '..')
export const RENDERER_OUT = join(ROOT, 'out', 'renderer')

function newestMtime(dir: string): number {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return t
}

export function ensureRendererBuilt(): void {
  const index = join(RENDERER_OUT, 'index.html')
  const srcTime = Math.max(newestMtime(join(ROOT, 'renderer')), newestMtime(join(ROOT, 'main')))
  if (existsSync(index) && statSync(index).mtimeMs >= srcTime) return
  process.stderr.write('正在构建界面（electron-vite build）…\n')
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
  })
  if (r.status !== 0) throw new Error('界面构建失败 / renderer build failed')
}


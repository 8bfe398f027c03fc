#!/usr/bin/env node
/**
 * Before `npm start`: fetches better-sqlite3-multiple-ciphers' prebuilt binary (the SQLite driver
 * with encryption at rest, same API as better-sqlite3) for Electron's ABI into
 * out/native/, once. The Node build in node_modules stays as it is, so the tests, the CLI and the
 * browser host keep working; the desktop app loads the Electron build through better-sqlite3's
 * `nativeBinding` option (main/index.ts). Never run from postinstall. Needs internet the first time.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'))
const electron = readJson(join(root, 'node_modules/electron/package.json')).version
const target = join(root, 'out', 'native', `better_sqlite3_mc-electron-${electron}-${process.platform}-${process.arch}.node`)

if (existsSync(target)) process.exit(0)

const work = mkdtempSync(join(tmpdir(), 'sqlite-electron-'))
try {
  copyFileSync(join(root, 'node_modules/better-sqlite3-multiple-ciphers/package.json'), join(work, 'package.json'))
  const bin = join(root, 'node_modules/prebuild-install/bin.js')
  execFileSync(process.execPath, [bin, '--runtime', 'electron', '--target', electron, '--arch', process.arch], {
    cwd: work,
    stdio: 'inherit',
  })
  mkdirSync(dirname(target), { recursive: true })
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target)
  console.log(`已准备 Electron ${electron} 使用的 better-sqlite3-multiple-ciphers：${target}`)
} catch (e) {
  console.error(
    `无法获取 Electron ${electron} 版的 better-sqlite3-multiple-ciphers（需要联网一次）：${e.message}\n` +
      `cannot fetch better-sqlite3-multiple-ciphers for Electron ${electron} (needs internet once)`,
  )
  process.exit(1)
} finally {
  rmSync(work, { recursive: true, force: true })
}

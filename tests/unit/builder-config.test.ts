/**
 * The installers cannot be built here (no Electron binary, no internet), so their configuration
 * is checked instead: electron-builder's own loader reads electron-builder.yml and its own schema
 * validates it; every target the issue names is there; the built app and only it is packed; the
 * native modules are rebuilt at packaging and kept outside the asar; the icons exist at the sizes
 * each target needs.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js'
import { DebugLogger } from 'builder-util'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
type Config = Awaited<ReturnType<typeof getConfig>>
type TargetList = { target: string; arch: string[] }[]

let config: Config

beforeAll(async () => {
  config = await getConfig(ROOT, 'electron-builder.yml', null)
  // Throws on any key or value electron-builder 26 does not accept.
  await validateConfiguration(config, new DebugLogger(false))
})

function targets(list: unknown): Record<string, string[]> {
  return Object.fromEntries((list as TargetList).map((t) => [t.target, [...t.arch].sort()]))
}

function matchesAny(path: string, patterns: readonly string[]): boolean {
  let included = false
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (posix.matchesGlob(path, p.slice(1))) included = false
    } else if (posix.matchesGlob(path, p)) included = true
  }
  return included
}

describe('electron-builder.yml', () => {
  it('is read by electron-builder and passes its schema', () => {
    expect(config.productName).toBe('干部管理系统')
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/)
    expect(config.executableName).toBe('cadre-manager')
  })

  it('names every target: NSIS for Windows x64; deb and AppImage for Linux x64 and arm64', () => {
    expect(targets(config.win?.target)).toEqual({ nsis: ['x64'] })
    expect(targets(config.linux?.target)).toEqual({ deb: ['arm64', 'x64'], AppImage: ['arm64', 'x64'] })
  })

  it('packs the built app (the entry package.json names included) and leaves the dev-only files out', () => {
    // electron-builder's merge turns the list into file sets ({ filter: [...] }).
    const files = ([config.files].flat() as (string | { filter?: string[] })[]).flatMap((f) =>
      typeof f === 'string' ? [f] : (f?.filter ?? []),
    )
    expect(files.length).toBeGreaterThan(3)
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }
    const rows: [string, boolean][] = [
      [pkg.main, true],
      ['out/preload/index.cjs', true],
      ['out/renderer/index.html', true],
      ['out/renderer/assets/index-abc123.js', true],
      ['package.json', true],
      ['out/native/better_sqlite3-electron-45.4.1-linux-x64.node', false],
      ['out/main/index.js.map', false],
      ['main/index.ts', false],
      ['tests/unit/builder-config.test.ts', false],
      ['bench/run.ts', false],
    ]
    for (const [path, packed] of rows) expect(matchesAny(path, files), path).toBe(packed)
  })

  it('asar, with the native modules unpacked (better-sqlite3 and its SQLCipher fork)', () => {
    expect(config.asar).toBe(true)
    const unpack = config.asarUnpack as string[]
    for (const f of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/better-sqlite3/lib/database.js',
      'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
      'node_modules/@node-rs/argon2-linux-x64-gnu/argon2.linux-x64-gnu.node',
    ]) {
      expect(matchesAny(f, unpack), f).toBe(true)
    }
    expect(matchesAny('node_modules/exceljs/dist/es5/index.js', unpack)).toBe(false)
  })

  it('rebuilds the native module for Electron at packaging, never in postinstall', () => {
    expect(config.npmRebuild).toBe(true)
    expect(config.buildDependenciesFromSource).toBe(false)
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook], hook).toBeUndefined()
  })

  it('the Windows installer is Chinese, lets the user pick the folder and keeps the data on uninstall', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      allowToChangeInstallationDirectory: true,
      language: '2052',
      installerLanguages: ['zh_CN'],
      deleteAppDataOnUninstall: false,
      shortcutName: '干部管理系统',
    })
  })

  it('ships no update feed and hardens the binary with fuses', () => {
    expect(config.publish).toBeNull()
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true, enableNodeCliInspectArguments: false })
  })
})

/** Width and height of a PNG (IHDR) or a BMP (BITMAPINFOHEADER). */
function imageSize(file: string): [number, number] {
  const b = readFileSync(file)
  if (b.subarray(1, 4).toString('latin1') === 'PNG') return [b.readUInt32BE(16), b.readUInt32BE(20)]
  if (b.subarray(0, 2).toString('latin1') === 'BM') return [b.readInt32LE(18), Math.abs(b.readInt32LE(22))]
  throw new Error(`${file}: neither PNG nor BMP`)
}

/** The sizes inside an ICO file, each checked to be a PNG or a 32-bit DIB of that size. */
function icoSizes(file: string): number[] {
  const b = readFileSync(file)
  expect(b.readUInt16LE(2), `${file} is an icon`).toBe(1)
  const n = b.readUInt16LE(4)
  const sizes: number[] = []
  for (let i = 0; i < n; i++) {
    const at = 6 + 16 * i
    const size = b.readUInt8(at) || 256
    const len = b.readUInt32LE(at + 8)
    const off = b.readUInt32LE(at + 12)
    const body = b.subarray(off, off + len)
    expect(body.length).toBe(len)
    if (body.subarray(1, 4).toString('latin1') === 'PNG') expect(body.readUInt32BE(16)).toBe(size)
    else {
      expect(body.readUInt32LE(0)).toBe(40)
      expect(body.readInt32LE(4)).toBe(size)
      expect(body.readUInt16LE(14)).toBe(32)
    }
    sizes.push(size)
  }
  return sizes.sort((a, b) => a - b)
}

describe('resources/: the icon at every size the targets need, and the installer pictures', () => {
  it('the source icon is 1024×1024', () => {
    expect(imageSize(join(ROOT, 'resources/icon.png'))).toEqual([1024, 1024])
  })

  it('Linux: resources/icons/NxN.png from 16 to 512, each of its size', () => {
    expect(config.linux?.icon).toBe('resources/icons')
    for (const s of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(imageSize(join(ROOT, 'resources/icons', `${s}x${s}.png`)), `${s}x${s}`).toEqual([s, s])
    }
  })

  it('Windows: the .ico holds 16 … 256 (256 is what the exe and shortcuts need)', () => {
    expect(config.win?.icon).toBe('resources/icon.ico')
    for (const f of [config.win?.icon, config.nsis?.installerIcon, config.nsis?.uninstallerIcon]) {
      expect(icoSizes(join(ROOT, String(f)))).toEqual([16, 24, 32, 48, 64, 128, 256])
    }
  })

  it('NSIS: sidebar 164×314 and header 150×57, as BMP', () => {
    expect(imageSize(join(ROOT, String(config.nsis?.installerSidebar)))).toEqual([164, 314])
    expect(imageSize(join(ROOT, String(config.nsis?.uninstallerSidebar)))).toEqual([164, 314])
    expect(imageSize(join(ROOT, String(config.nsis?.installerHeader)))).toEqual([150, 57])
  })

  it('every file the configuration names exists', () => {
    const named = [config.win?.icon, config.linux?.icon, ...Object.entries(config.nsis ?? {}).filter(([k]) => /Icon|Sidebar|Header$/.test(k)).map(([, v]) => v)]
    for (const f of named) expect(existsSync(join(ROOT, String(f))), String(f)).toBe(true)
  })
})

/**
 * The desktop app's start against a stub of electron (the binary cannot run here): a refused
 * database shows one Chinese dialog that says what and what to do next, then quits with no window
 * left; a production build has no DevTools; the menu is Chinese; 关于 names the version, the data
 * file and the log file, which exists.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../main/db/open'
import { startStubApp, type MenuItem } from './electron-stub'

const { electron, state } = await vi.hoisted(async () => (await import('./electron-stub')).createElectronStub())

vi.mock('electron', () => ({ ...electron, default: electron }))

function reset(dir: string, isPackaged: boolean): void {
  state.dir = dir
  state.isPackaged = isPackaged
  state.handlers.clear()
  state.windows.length = 0
  state.messageBoxes.length = 0
  state.menu = null
  state.exitCode = null
  state.quitCalls = 0
  state.opened.length = 0
  state.ready = new Promise<void>((r) => (state.readyResolve = r))
}

async function startApp(opts: { dbPath?: string; isPackaged?: boolean; prepare?: (userData: string) => void } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'glue-start-'))
  opts.prepare?.(dir)
  reset(dir, opts.isPackaged ?? false)
  if (opts.dbPath) process.env['CADRE_DB'] = opts.dbPath
  else delete process.env['CADRE_DB']
  vi.resetModules()
  await import('../../main/index')
  await startStubApp(state)
  return dir
}

afterEach(() => {
  delete process.env['CADRE_DB']
  // Let the started app close its database before the next one starts.
  for (const fn of state.appEvents.get('will-quit') ?? []) fn()
  state.appEvents.clear()
})

/** A database written by a later version of the app (user_version beyond every migration). */
function newerDb(dir: string): string {
  const p = join(dir, 'newer.db')
  const db = new Database(p)
  db.pragma('user_version = 9999')
  db.close()
  return p
}

/** A real database whose pages after the header were overwritten (a disk fault, a bad copy). */
function damagedDb(dir: string): string {
  const p = join(dir, 'damaged.db')
  const db = openDatabase(p)
  db.pragma('journal_mode = DELETE')
  db.close()
  const buf = readFileSync(p)
  writeFileSync(p, Buffer.concat([buf.subarray(0, 100), Buffer.alloc(buf.length - 100, 0x5a)]))
  return p
}

function notSqlite(dir: string): string {
  const p = join(dir, 'cadres.xlsx.db')
  writeFileSync(p, 'PK\u0003\u0004 这是一个 Excel 文件，不是数据库')
  return p
}

describe('a refused database: a Chinese dialog, then a clean quit', () => {
  const rows: { name: string; make: (dir: string) => string; what: RegExp; next: RegExp }[] = [
    { name: 'from a newer version', make: newerDb, what: /更新版本/, next: /请安装与该数据文件相同或更新版本/ },
    { name: 'damaged', make: damagedDb, what: /已损坏/, next: /从最近的备份恢复/ },
    { name: 'not SQLite', make: notSqlite, what: /不是干部管理系统的数据库/, next: /从备份恢复/ },
  ]
  it.each(rows)('$name', async ({ make, what, next }) => {
    const file = make(mkdtempSync(join(tmpdir(), 'refused-')))
    const before = readFileSync(file)
    await startApp({ dbPath: file, isPackaged: true })
    expect(state.messageBoxes).toHaveLength(1)
    const box = state.messageBoxes[0]!
    expect(box.type).toBe('error')
    expect(box.title).toBe('干部管理系统无法启动')
    expect(box.message).toMatch(what)
    expect(box.detail).toMatch(next)
    expect(box.detail).toContain(file)
    expect(box.detail).toMatch(/运行日志：.*main\.log/)
    // Chinese only, no stack trace.
    expect(`${box.message}${box.detail}`).not.toMatch(/\bat .*\(|Error:/)
    expect(box.buttons).toEqual(['退出', '打开数据所在文件夹'])
    // Quits: exit code 1, no window left (a second start would otherwise "focus" nothing).
    expect(state.exitCode).toBe(1)
    expect(state.windows.filter((w) => !w.destroyed)).toHaveLength(0)
    // Untouched.
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('the data folder used last time is gone (an unplugged disk): said, and no empty database made', async () => {
    const gone = join(tmpdir(), `unplugged-${process.pid}-${Date.now()}`)
    await startApp({
      isPackaged: true,
      prepare: (userData) => writeFileSync(join(userData, 'workspace.json'), JSON.stringify({ dataDir: gone, mode: 'real' })),
    })
    expect(state.messageBoxes).toHaveLength(1)
    expect(state.messageBoxes[0]?.message).toMatch(/找不到上次使用的数据文件/)
    expect(state.messageBoxes[0]?.detail).toContain(join(gone, 'cadres.db'))
    expect(state.messageBoxes[0]?.detail).toMatch(/请先接上后重新启动/)
    expect(state.exitCode).toBe(1)
    expect(existsSync(gone)).toBe(false)
  })

  it('the log file records the refusal', async () => {
    const file = notSqlite(mkdtempSync(join(tmpdir(), 'refused-')))
    const dir = await startApp({ dbPath: file, isPackaged: true })
    const log = readFileSync(join(dir, 'logs', 'main.log'), 'utf8')
    expect(log).toMatch(/启动失败/)
    expect(log).toContain(file)
  })
})

function flatten(items: MenuItem[]): MenuItem[] {
  return items.flatMap((i) => [i, ...flatten(i.submenu ?? [])])
}

describe('production and development builds', () => {
  it('production: no DevTools in the window or the menu, and opened DevTools are closed', async () => {
    await startApp({ isPackaged: true })
    expect(state.exitCode).toBeNull()
    const w = state.windows[0]!
    expect((w.options['webPreferences'] as Record<string, unknown>)['devTools']).toBe(false)
    expect(flatten(state.menu ?? []).some((i) => i.role === 'toggleDevTools')).toBe(false)
    w.events.get('devtools-opened')?.()
    expect(w.devToolsClosed).toBe(1)
  })

  it('development (npm start): DevTools in 视图', async () => {
    await startApp({ isPackaged: false })
    const w = state.windows[0]!
    expect((w.options['webPreferences'] as Record<string, unknown>)['devTools']).toBe(true)
    const view = state.menu?.find((m) => m.label === '视图')
    expect(view?.submenu?.some((i) => i.role === 'toggleDevTools' && i.label === '开发者工具')).toBe(true)
  })

  it('the menu is Chinese: 文件 / 编辑 / 视图 / 帮助, every entry labelled in Chinese', async () => {
    await startApp({ isPackaged: true })
    expect(state.menu?.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助'])
    for (const item of flatten(state.menu ?? [])) {
      if (item.type === 'separator') continue
      expect(item.label, JSON.stringify(item.role)).toMatch(/^[\u4e00-\u9fff]/)
    }
  })

  it('帮助 → 关于 names the version, the data file and the log file, which exists', async () => {
    const dir = await startApp({ isPackaged: true })
    const about = flatten(state.menu ?? []).find((i) => i.label === '关于干部管理系统')
    about?.click?.()
    const box = state.messageBoxes.at(-1)!
    expect(box.message).toMatch(/^干部管理系统 \d+\.\d+\.\d+/)
    expect(box.detail).toContain(`数据文件：${join(dir, 'cadres.db')}`)
    const logPath = /运行日志：(.*)/.exec(box.detail ?? '')?.[1] ?? ''
    expect(logPath).toBe(join(dir, 'logs', 'main.log'))
    expect(existsSync(logPath)).toBe(true)
    expect(readFileSync(logPath, 'utf8')).toMatch(/启动 \d+\.\d+\.\d+/)
  })
})

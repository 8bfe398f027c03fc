/**
 * The SQLite driver's native addon stays loaded after every data worker has exited.
 *
 * Node unloads an addon that only worker threads loaded when the last of them exits, then runs that
 * worker's final garbage collection, whose weak callbacks live in the unloaded file: the whole
 * process dies with SIGSEGV (nodejs/node#63540). It killed this test process's sibling, the desktop
 * start-up test (a refused database stops all three workers at once) in 7 runs out of 10.
 * main/worker/client.ts loads the addon in the main thread too; this test reads the process's
 * memory map (Linux) to see it is still there after the workers are gone.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bootWorkers } from '../../main/worker/client'

const ADDON = /better-sqlite3-multiple-ciphers\/build\/Release\/better_sqlite3\.node/
const mapped = (): boolean => ADDON.test(readFileSync('/proc/self/maps', 'utf8'))

describe.runIf(process.platform === 'linux')('the native driver outlives the data workers', () => {
  it('a refused file (every worker stops at once): the driver is still loaded afterwards', async () => {
    // This file runs in its own process, which has not opened a database yet.
    expect(mapped()).toBe(false)
    const file = join(mkdtempSync(join(tmpdir(), 'pin-')), 'cadres.db')
    writeFileSync(file, 'PK\u0003\u0004 这是一个 Excel 文件，不是数据库')
    await expect(bootWorkers({ dbPath: file, host: 'test', backupOnStart: false })).rejects.toThrow(/不是 SQLite 文件/)
    // Without the main thread's own hold on it, Node has unloaded it by now.
    expect(mapped()).toBe(true)
  })
})

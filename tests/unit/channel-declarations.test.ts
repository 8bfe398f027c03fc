/**
 * Every IPC channel says what it does to the data (main/ipc/contract/define.ts): `read(tables, lane)`
 * or `write(tables)`. An undeclared channel is treated as a write: refused while an import commits,
 * and every screen refetches after it. The tables named must be the schema's, or a change event
 * would name a table no screen listens to (a typo means a screen that never refreshes).
 */
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../main/db/open'
import { CHANNEL_NAMES, channels } from '../../main/ipc/contract'
import { ALL_TABLES, type ChannelDef } from '../../main/ipc/contract/define'

const CONTRACT_DIR = join(import.meta.dirname, '../../main/ipc/contract')
/** Not SQL tables, but what a change is announced as: the backup folder of the database. */
const PSEUDO_TABLES = ['backups', ALL_TABLES]

type AnyDef = ChannelDef<never, unknown>
const isDef = (v: unknown): v is AnyDef =>
  typeof v === 'object' && v !== null && 'input' in v && 'kind' in v && 'lane' in v && 'tables' in v

/** Channel name → the contract file that declares it (every *Channels export of every file). */
async function declaredIn(): Promise<Map<string, string>> {
  const where = new Map<string, string>()
  for (const file of readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(join(CONTRACT_DIR, file))) as Record<string, unknown>
    if (file === 'index.ts') continue
    for (const exported of Object.values(mod)) {
      if (typeof exported !== 'object' || exported === null) continue
      for (const [name, def] of Object.entries(exported)) if (isDef(def)) where.set(name, `main/ipc/contract/${file}`)
    }
  }
  return where
}

describe('every channel declares read(tables, lane) or write(tables)', () => {
  it('no channel is left undeclared', async () => {
    const where = await declaredIn()
    const undeclared = CHANNEL_NAMES.filter((n) => !(channels[n] as AnyDef).declared).map(
      (n) =>
        `${n} (${where.get(n) ?? 'main/ipc/contract/'}): add read([...tables it reads], lane) or write([...tables it changes]) ` +
        'as the second argument of channel<…>()(schema, …); undeclared it counts as a write, refused while an import commits',
    )
    expect(undeclared, undeclared.join('\n')).toEqual([])
  })

  it('every channel of every contract file is in the one channel map (main/ipc/contract/index.ts)', async () => {
    const missing = [...(await declaredIn()).entries()].filter(([n]) => !Object.hasOwn(channels, n)).map(([n, f]) => `${n} (${f})`)
    expect(missing, `spread these into main/ipc/contract/index.ts: ${missing.join(', ')}`).toEqual([])
  })

  it('the tables named are the schema’s', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'decl-')), 'c.db'))
    const schema = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).concat(PSEUDO_TABLES))
    db.close()
    const unknown = CHANNEL_NAMES.flatMap((n) => (channels[n] as AnyDef).tables.filter((t) => !schema.has(t)).map((t) => `${n}: '${t}'`))
    expect(unknown, `not a table of the schema (main/db/migrations): ${unknown.join(', ')}`).toEqual([])
  })

  it('a write runs on the write worker; a read names its lane', () => {
    for (const n of CHANNEL_NAMES) {
      const d = channels[n] as AnyDef
      if (d.kind === 'write') expect(d.lane, n).toBe('write')
      else expect(['read', 'heavy', 'write'], n).toContain(d.lane)
    }
  })
})

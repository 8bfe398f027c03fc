/** A fresh in-memory database with a context, for tests that need no file on disk. */
import { openDatabase } from '../main/db/open'
import { createContext, type AppContext } from '../main/services/context'

export function memoryContext(opts: { at: string; actor?: string; dataDir?: string }): AppContext {
  const db = openDatabase(':memory:')
  return createContext({
    db,
    dbPath: ':memory:',
    dataDir: opts.dataDir ?? '/tmp',
    host: 'test',
    at: opts.at,
    actor: opts.actor ?? 'tester',
  })
}

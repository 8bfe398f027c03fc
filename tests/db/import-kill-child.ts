/**
 * Child process of import-kill.test.ts: imports a roster into a database file and says "writing"
 * once its transaction is open and rows have been written, then holds still so that the parent's
 * SIGKILL lands in the middle of the transaction.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { openDatabase } from '../../main/db/open'
import { importRoster } from '../../main/roster-import/engine'
import { createContext } from '../../main/services/context'

const [file, dbPath] = process.argv.slice(2)
if (!file || !dbPath) throw new Error('usage: import-kill-child FILE DB')
const db = openDatabase(dbPath)
const ctx = createContext({ db, dbPath, dataDir: '/tmp', host: 'test', actor: 'kill-test' })
let said = false
await importRoster(ctx, {
  bytes: readFileSync(file),
  fileName: basename(file),
  onProgress: (phase, done) => {
    if (!said && phase === 'write' && done > 0 && db.inTransaction) {
      said = true
      const written = db.prepare('SELECT count(*) FROM cadres').pluck().get()
      process.stdout.write(`writing ${String(written)}\n`)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000)
    }
  },
})
process.stdout.write('committed\n')

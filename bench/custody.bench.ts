/**
 * Encryption at rest, on against off, in one run (issue 12): the same 20,000-cadre demo database
 * plain and encrypted (ChaCha20-Poly1305, SQLite3 Multiple Ciphers); open (with its quick_check),
 * a grid block query, a full-table scan, a backup, and an import of a 5,000-row roster into a
 * fresh database. Medians of several runs where a run is short.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encryptDatabaseInPlace } from '../main/db/encrypt'
import { openDatabase } from '../main/db/open'
import { checkpointAfterImport } from '../main/roster-import/commit'
import { importRoster } from '../main/roster-import/engine'
import { createBackup } from '../main/services/backup'
import { queryCadres } from '../main/services/cadres'
import { createContext } from '../main/services/context'
import { largeRoster } from '../tests/fixtures/make-rosters'
import { demoDbCopy, ms, now, type Report } from './shared'

const KEY = 'bench-key-0123456789'
const COUNT = 20_000
const ROSTER_ROWS = 5_000

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? 0
}

export default async function custody(report: Report): Promise<void> {
  const roster = join(mkdtempSync(join(tmpdir(), 'bench-custody-')), 'roster.xlsx')
  await largeRoster(ROSTER_ROWS, roster)
  const bytes = readFileSync(roster)
  for (const mode of ['off', 'on'] as const) {
    const key = mode === 'on' ? KEY : undefined
    const path = await demoDbCopy(COUNT)
    if (key) encryptDatabaseInPlace(path, key, null)
    const label = `加密${mode === 'on' ? '开' : '关'}`
    const opens: number[] = []
    for (let i = 0; i < 5; i++) {
      const t = now()
      openDatabase(path, { key }).close()
      opens.push(ms(t))
    }
    report(`${label}：打开 ${COUNT} 人的数据库（含 quick_check），中位数`, median(opens), 'ms')
    const db = openDatabase(path, { key })
    const ctx = createContext({ db, dbPath: path, dataDir: join(path, '..'), host: 'test', key, at: '2026-11-30' })
    const q: number[] = []
    for (let i = 0; i < 7; i++) {
      db.pragma('shrink_memory')
      const t = now()
      queryCadres(ctx, { offset: 5000, limit: 200, sort: [{ key: 'name', dir: 'asc' }] })
      q.push(ms(t))
    }
    report(`${label}：花名册一屏（第 5000 行起 200 行，按姓名排序，冷缓存），中位数`, median(q), 'ms')
    const scans: number[] = []
    for (let i = 0; i < 5; i++) {
      db.pragma('shrink_memory')
      const t = now()
      db.prepare("SELECT count(*) FROM cadres WHERE phone LIKE '%88%'").pluck().get()
      scans.push(ms(t))
    }
    report(`${label}：全表扫描（冷缓存），中位数`, median(scans), 'ms')
    let t = now()
    await createBackup(ctx)
    report(`${label}：备份（quick_check + VACUUM INTO）`, ms(t), 'ms')
    db.close()
    const fresh = join(mkdtempSync(join(tmpdir(), 'bench-custody-import-')), 'cadres.db')
    const idb = openDatabase(fresh, { key })
    const ictx = createContext({ db: idb, dbPath: fresh, dataDir: join(fresh, '..'), host: 'test', key, actor: 'bench' })
    t = now()
    await importRoster(ictx, { bytes, fileName: 'bench.xlsx' })
    checkpointAfterImport(idb)
    report(`${label}：导入 ${ROSTER_ROWS} 行花名册（读取、校验、写入、检查点）`, ms(t), 'ms')
    idb.close()
  }
}

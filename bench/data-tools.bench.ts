/**
 * Data tools at 100,000 demo cadres: generating the demo, dump to a file, load into an empty
 * database, the online backup and the integrity check.
 */
import { closeSync, mkdtempSync, openSync, statSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../main/db/open'
import { backupTo, verifyDatabaseFile } from '../main/services/backup'
import { createContext } from '../main/services/context'
import { loadDemo } from '../main/services/demo'
import { exchangeChunks, loadExchangeFile } from '../main/services/exchange'
import { ms, now, type Report } from './shared'

const N = Number(process.env['BENCH_CADRES'] ?? 100_000)

export default async function dataTools(report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-data-'))
  const dbPath = join(dir, 'a.db')
  const db = openDatabase(dbPath)
  const ctx = createContext({ db, dbPath, dataDir: dir, host: 'test' })
  let t = now()
  loadDemo(ctx, { count: N, seed: 1 })
  report(`生成演示数据（${N.toLocaleString()} 人，含全部记录）`, ms(t) / 1000, 's', '< 60 s')

  const file = join(dir, 'dump.json')
  t = now()
  const fd = openSync(file, 'w')
  for (const c of exchangeChunks(ctx)) writeSync(fd, c)
  closeSync(fd)
  report('dump 交换文件', ms(t) / 1000, 's')
  report('交换文件大小', statSync(file).size / 1024 / 1024, 'MB')

  const bPath = join(dir, 'b.db')
  const b = openDatabase(bPath)
  t = now()
  const r = loadExchangeFile(createContext({ db: b, dbPath: bPath, dataDir: dir, host: 'test' }), file)
  report(`load 到空库（新增 ${r.inserted.toLocaleString()} 人）`, ms(t) / 1000, 's')
  b.close()

  t = now()
  await backupTo(db, join(dir, 'backup.sqlite'))
  report('在线备份', ms(t) / 1000, 's')
  db.close()
  t = now()
  const v = verifyDatabaseFile(join(dir, 'backup.sqlite'))
  report(`完整性检查（${v.ok ? '完好' : '有问题'}）`, ms(t) / 1000, 's')
}

/** `import` on the command line exactly as shared/CLI.md describes it, report included. */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import JSZip from 'jszip'
import { verifyAuditChain } from '../../main/db/audit-chain'
import { openDatabase } from '../../main/db/open'
import { commitImportStream } from '../../main/roster-import/commit'
import { importRoster } from '../../main/roster-import/engine'
import { openWorkbook } from '../../main/roster-import/open'
import { parseRoster } from '../../main/roster-import/parse'
import { pickSheet } from '../../main/roster-import/pick'
import { readInWorker } from '../../main/roster-import/read-in-worker'
import { createContext } from '../../main/services/context'
import { ID, fieldCodeRoster, groupedRoster, largeRoster, perRowRoster, photoRoster, twoLevelRoster } from '../fixtures/make-rosters'

const ROOT = join(import.meta.dirname, '..', '..')

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'main/cli/index.ts'), ...args], { encoding: 'utf8', cwd: ROOT })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const cadres = (db: string): number => {
  const d = openDatabase(db)
  const n = d.prepare('SELECT count(*) FROM cadres').pluck().get() as number
  d.close()
  return n
}

describe('npm run cli -- import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-cli-'))
  const file = join(dir, '花名册.xlsx')

  it('--dry-run --json prints the report and writes nothing; then the import lands', async () => {
    writeFileSync(file, await perRowRoster())
    const db = join(dir, 'a.db')
    const dry = cli('import', file, '--db', db, '--dry-run', '--json')
    expect(dry.code).toBe(0)
    const report = JSON.parse(dry.stdout) as Record<string, unknown>
    expect(report).toMatchObject({ file: '花名册.xlsx', sheet: '干部花名册', headerRow: 3, rows: 6, inserted: 3, updated: 0, skipped: 0, dryRun: true })
    expect(report.columns).toContainEqual({ header: '公民身份号码', key: 'idCard' })
    expect(report.columns).toContainEqual({ header: '备注', key: null })
    expect(report.rejected).toContainEqual({
      row: 7,
      column: 'K',
      key: 'idCard',
      value: '4.1082119750301E+17',
      message: '身份证号被 Excel 存成了数字，末尾数字已丢失，请把该列设为文本后重新录入',
    })
    expect(report.warnings).toContainEqual(expect.objectContaining({ row: 5, column: 'H', key: 'workStartDate' }))
    expect(cadres(db)).toBe(0)

    const real = cli('import', file, '--db', db, '--json')
    expect(real.code).toBe(0)
    expect(JSON.parse(real.stdout)).toMatchObject({ inserted: 3, dryRun: false })
    expect(cadres(db)).toBe(3)
    const list = openDatabase(db)
    expect(list.prepare('SELECT name FROM cadres WHERE id_card = ?').pluck().get(ID.zhou)).toBe('周八')
    list.close()

    const again = cli('import', file, '--db', db, '--on-duplicate', 'update')
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('新增 0，更新 0，跳过 3（其中未变 3），拒绝 3 行')
    expect(again.stdout).toContain('拒绝 第 7 行 K 列（身份证号）')
  })

  it('bad input: exit 2, one line in Chinese and English, nothing written', () => {
    const db = join(dir, 'b.db')
    const notExcel = join(dir, '说明.xlsx')
    writeFileSync(notExcel, '这不是表格')
    const r = cli('import', notExcel, '--db', db)
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^错误：“说明.xlsx”不是 Excel 文件.* \/ Error: .*not an Excel workbook/)
    // Nothing written: not even an empty database file.
    expect(existsSync(db)).toBe(false)
    const sheet = cli('import', file, '--db', db, '--sheet', '不存在')
    expect(sheet.code).toBe(2)
    expect(sheet.stderr).toContain('工作簿中没有名为“不存在”的工作表')
    expect(existsSync(db)).toBe(false)
    const dup = cli('import', file, '--db', db, '--on-duplicate', 'replace')
    expect(dup.code).toBe(2)
    expect(dup.stderr).toContain('--on-duplicate 只能是 skip 或 update')
  })
})

/** Everything an import writes, without the moments it was written at. */
function contents(path: string): unknown {
  const d = openDatabase(path)
  try {
    const q = (sql: string): unknown[] => d.prepare(sql).all()
    return {
      cadres: q(`SELECT c.*, u.name AS unit FROM cadres c LEFT JOIN units u ON u.id = c.unit_id ORDER BY c.id`).map((r) => {
        const { created_at: _c, updated_at: _u, ...rest } = r as Record<string, unknown>
        return rest
      }),
      resume: q('SELECT cadre_id, seq, start, end, text FROM resume_entries ORDER BY cadre_id, seq'),
      units: q('SELECT id, name, parent_id, kind, sort_order FROM units ORDER BY id'),
      audit: q('SELECT id, actor, action, entity, entity_id, cadre_id, summary, before, after FROM audit_log ORDER BY id'),
      chain: verifyAuditChain(d),
    }
  } finally {
    d.close()
  }
}

describe('npm run cli -- import reads the file on a thread of its own while it writes (issue 11)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-cli-stream-'))

  it('leaves the same database as the import in one piece: cadres, 简历, units, photos, audit entries, an intact chain', async () => {
    const big = join(dir, '五千人.xlsx')
    // 5,000 rows: the reader hands them over in three batches.
    await largeRoster(5000, big)
    const files: [string, Buffer][] = [
      ['一人一行.xlsx', await perRowRoster()],
      ['两级表头.xlsx', await twoLevelRoster()],
      ['字段代码表头.xlsx', await fieldCodeRoster()],
      ['按机构分组.xlsx', await groupedRoster()],
      ['带照片.xlsx', await photoRoster()],
      ['五千人.xlsx', readFileSync(big)],
    ]
    const inOne = join(dir, 'in-one.db')
    const streamed = join(dir, 'streamed.db')
    for (const [name, bytes] of files) {
      const file = join(dir, name)
      writeFileSync(file, bytes)
      // The same file twice into each: the second time every row is compared with what is stored.
      for (let pass = 0; pass < 2; pass++) {
        const db = openDatabase(inOne)
        try {
          const ctx = createContext({ db, dbPath: inOne, dataDir: dir, actor: '系统', host: 'cli' })
          await importRoster(ctx, { bytes, fileName: name, onDuplicate: 'update' })
        } finally {
          db.close()
        }
        const r = cli('import', file, '--db', streamed, '--on-duplicate', 'update', '--json')
        expect(r.stderr).toBe('')
        expect(r.code).toBe(0)
      }
    }
    const a = contents(inOne) as { cadres: unknown[]; audit: unknown[]; chain: { ok: boolean } }
    const b = contents(streamed)
    expect(a.cadres.length).toBeGreaterThan(5000)
    expect(a.chain.ok).toBe(true)
    expect(b).toEqual(a)
  }, 120_000)

  it('a damaged sheet is refused by the reader thread: exit 2, one Chinese line naming the part, the database unchanged', async () => {
    const big = join(dir, '损坏.xlsx')
    await largeRoster(6000, big)
    const zip = await JSZip.loadAsync(readFileSync(big))
    const sheetName = Object.keys(zip.files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)) as string
    const xml = await zip.file(sheetName)!.async('string')
    zip.file(sheetName, xml.slice(0, Math.floor(xml.length * 0.9)))
    writeFileSync(big, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }))
    const db = join(dir, 'broken.db')
    expect(cli('import', file0(), '--db', db, '--json').code).toBe(0)
    const before = contents(db)
    const r = cli('import', big, '--db', db)
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^错误：文件已损坏：xl\/worksheets\/sheet1\.xml 不是有效的 XML/)
    expect(contents(db)).toEqual(before)
  }, 120_000)

  it('rows written before the reader fails are rolled back: cadres, units, audit entries and the chain head as before', async () => {
    const db = join(dir, 'rollback.db')
    expect(cli('import', file0(), '--db', db, '--json').code).toBe(0)
    const before = contents(db)
    const headBefore = (): unknown => {
      const d = openDatabase(db)
      const v = d.prepare("SELECT value FROM db_meta WHERE key = 'audit_head'").pluck().get()
      d.close()
      return v
    }
    const head0 = headBefore()
    // The rows of a 5,000-person roster, handed over as the reader thread does, then its failure.
    const big = join(dir, '回滚.xlsx')
    await largeRoster(5000, big)
    const wb = openWorkbook(readFileSync(big), '回滚.xlsx')
    const picked = await pickSheet(wb, undefined)
    const parsed = await parseRoster(picked.sheet, picked.detection, { date1904: false })
    let written = 0
    async function* failing(): AsyncIterable<typeof parsed.rows> {
      yield parsed.rows.slice(0, 2000)
      yield parsed.rows.slice(2000, 4000)
      written = 4000
      throw new Error('读取线程意外退出')
    }
    const d = openDatabase(db)
    try {
      const ctx = createContext({ db: d, dbPath: db, dataDir: dir, actor: '系统', host: 'cli' })
      await expect(commitImportStream(ctx, failing(), { fileName: '回滚.xlsx', onDuplicate: 'skip', end: () => parsed })).rejects.toThrow('读取线程意外退出')
      expect(d.inTransaction).toBe(false)
    } finally {
      d.close()
    }
    expect(written).toBe(4000)
    expect(contents(db)).toEqual(before)
    expect(headBefore()).toBe(head0)
  }, 120_000)

  it('a reader thread that runs out of memory ends the import with a Chinese message naming the file', async () => {
    const big = join(dir, '内存不足.xlsx')
    await largeRoster(20000, big)
    // A heap ceiling far below what the sheet needs stands in for a hostile file under the real one.
    const reader = readInWorker({ path: big, fileName: '内存不足.xlsx', sheet: undefined }, { heapMb: 8 })
    try {
      const failed = await (async () => {
        const detection = await reader.picked
        for await (const batch of reader.rows(detection.columns)) void batch
      })().then(
        () => null,
        (e: unknown) => e as { code?: string; message?: string },
      )
      expect(failed?.code).toBe('import-out-of-memory')
      expect(failed?.message).toBe('读取“内存不足.xlsx”时内存不足（超过 8 MB），文件可能已损坏或内容异常；数据库未作改动')
    } finally {
      reader.close()
    }
  }, 120_000)

  function file0(): string {
    return join(dir, '一人一行.xlsx')
  }
})

/** `import` on the command line exactly as shared/CLI.md describes it, report included. */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../main/db/open'
import { ID, perRowRoster } from '../fixtures/make-rosters'

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

/** `export` on the command line, run as a user runs it (tsx main/cli/index.ts). */
import ExcelJS from 'exceljs'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { freshContext, seedPeople, seedUnits, tempDir } from './export-seed'

const ROOT = resolve(__dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, ['main/cli/index.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function seededDb(): string {
  const ctx = freshContext()
  seedUnits(ctx)
  seedPeople(ctx, 20)
  ctx.db.prepare(`UPDATE cadres SET status = '调出' WHERE id = 1`).run()
  ctx.db.close()
  return ctx.dbPath
}

async function sheetOf(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = wb.worksheets[0]
  if (!ws) throw new Error('no sheet')
  return ws
}

describe('export command', () => {
  it('writes the by-unit roster and reports it as JSON', async () => {
    const db = seededDb()
    const out = join(tempDir(), '花名册.xlsx')
    const r = cli('export', out, '--db', db, '--layout', 'by-unit', '--at', '2026-11-23', '--json')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ file: out, layout: 'by-unit', rows: 19, groups: 4 })
    const ws = await sheetOf(out)
    expect(ws.getCell('A1').value).toBe('某某县干部花名册（截至2026年11月）')
    expect(ws.getCell('A4').value).toMatch(/^县委办公室（\d+人）$/)
  })

  it('writes exactly the --columns given, in that order, and --status 全部 takes everyone', async () => {
    const db = seededDb()
    const out = join(tempDir(), 'r.xlsx')
    const r = cli('export', out, '--db', db, '--columns', 'idCard,name,status', '--status', '全部')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('已导出 20 人')
    const ws = await sheetOf(out)
    expect(ws.columnCount).toBe(3)
    expect(ws.getRow(3).values).toEqual([undefined, '身份证号', '姓名', '状态'])
    expect(ws.actualRowCount).toBe(3 + 20)
  })

  it.each([
    [['--columns', 'name,wage'], /未知的列：wage.*unknown columns: wage/],
    [['--layout', 'sideways'], /--layout 只能是 per-row（一人一行）或 by-unit（按机构分组）.*bad --layout/],
    [['--status', '离职'], /--status 只能是.*bad --status/],
    [['--colour', 'red'], /未知选项 --colour/],
  ])('refuses %j with exit 2, one clear line, and writes nothing', (extra, message) => {
    const db = seededDb()
    const dir = tempDir()
    const r = cli('export', join(dir, 'r.xlsx'), '--db', db, ...extra)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(readdirSync(dir)).toEqual([])
  })

  it('refuses a missing database without creating it', () => {
    const dir = tempDir()
    const r = cli('export', join(dir, 'r.xlsx'), '--db', join(dir, 'none.sqlite'))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('数据库文件不存在')
    expect(existsSync(join(dir, 'none.sqlite'))).toBe(false)
  })
})

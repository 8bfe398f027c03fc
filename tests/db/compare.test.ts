/**
 * 比对回写 (issue 14): a roster (.xlsx built with exceljs) and a folder of LRMX files (exported from
 * the database, then edited) compared with the database field by field, matched by ID number; the
 * chosen differences written back in one transaction through the cadre service's audited save;
 * unknown and unreadable rows listed, never written; the report as an .xlsx; the command line.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import { applyCompare, compareFile, type CompareResult } from '../../main/compare'
import { compareReportXlsx } from '../../main/compare/report'
import { openDatabase } from '../../main/db/open'
import { dateTimeDots } from '../../main/domain/dates'
import { makeIdCard } from '../../main/domain/idcard'
import { exportLrmx } from '../../main/lrmx/export'
import { loadDemo } from '../../main/services/demo'
import { createContext } from '../../main/services/context'
import { memoryContext } from '../context'

const AT = '2026-11-30'
type Ctx = ReturnType<typeof memoryContext>

interface Person {
  id: number
  idCard: string
  name: string
  phone: string | null
  position: string | null
  unit: string
  levelDate: string | null
}
function people(ctx: Ctx): Person[] {
  return ctx.db
    .prepare(
      `SELECT c.id, c.id_card AS idCard, c.name, c.phone, c.position, u.name AS unit, c.level_date AS levelDate
       FROM cadres c JOIN units u ON u.id = c.unit_id ORDER BY c.id LIMIT 5`,
    )
    .all() as Person[]
}

async function roster(rows: (string | null)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('花名册')
  ws.addRow(['县直单位干部花名册'])
  ws.addRow(['序号', '姓名', '身份证号', '工作单位', '现任职务', '联系电话', '参加工作时间'])
  rows.forEach((r, i) => ws.addRow([String(i + 1), ...r.map((v) => v ?? '')]))
  // ID numbers as text, as units send them.
  ws.getColumn(3).numFmt = '@'
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

async function setup(): Promise<{ ctx: Ctx; p: Person[]; bytes: Uint8Array }> {
  const ctx = memoryContext({ at: AT })
  loadDemo(ctx, { count: 12 })
  const p = people(ctx)
  const [a, b, c, d] = p as [Person, Person, Person, Person]
  const bytes = await roster([
    // a: phone and position differ
    [a.name, a.idCard, a.unit, '县委办公室主任', '13912345678', null],
    // b: a unit that is not in the tree, and an empty phone cell (never erases)
    [b.name, b.idCard, '不存在的单位', b.position, null, null],
    // c: the same as the database
    [c.name, c.idCard, c.unit, c.position, c.phone, null],
    // d: only the phone differs
    [d.name, d.idCard, d.unit, d.position, '13800000001', null],
    // someone the database does not have
    ['新来人', makeIdCard('620102', '1990-05-05', 77), '县财政局', '科员', '13700000000', null],
    // an ID number with a wrong check digit
    ['错号人', '620102199001011234', '县财政局', '科员', null, null],
  ])
  return { ctx, p, bytes }
}

const fieldsOf = (r: CompareResult, idCard: string) =>
  r.cadres.find((c) => c.idCard === idCard)?.fields.map((f) => [f.key, f.before, f.after, f.writable]) ?? []

describe('compare a roster with the database', () => {
  it('lists per cadre the fields that differ, old → new; the same, unknown and unreadable rows apart', async () => {
    const { ctx, p, bytes } = await setup()
    const [a, b, c, d] = p as [Person, Person, Person, Person]
    const r = await compareFile(ctx, { fileName: '县直花名册.xlsx', bytes })
    expect(r.kind).toBe('roster')
    expect(r.people).toBe(5)
    expect(fieldsOf(r, a.idCard)).toEqual([
      ['position', a.position, '县委办公室主任', true],
      ['phone', a.phone, '13912345678', true],
    ])
    expect(fieldsOf(r, b.idCard)).toEqual([['unit', b.unit, '不存在的单位', false]])
    expect(r.cadres.find((x) => x.idCard === b.idCard)?.fields[0]?.note).toContain('不在单位树中')
    expect(r.cadres.map((x) => x.idCard)).not.toContain(c.idCard)
    expect(fieldsOf(r, d.idCard)).toEqual([['phone', d.phone, '13800000001', true]])
    expect(r.same).toBe(1)
    expect(r.cadres.find((x) => x.idCard === a.idCard)?.where).toBe('第 3 行')
    expect(r.unmatched).toEqual([
      expect.objectContaining({
        where: '第 8 行',
        idCard: '620102199001011234',
        message: expect.stringContaining('校验位'),
      }),
      expect.objectContaining({
        where: '第 7 行',
        name: '新来人',
        message: expect.stringContaining('数据库中没有'),
      }),
    ])
  })

  it('writes only the chosen fields in one transaction, audited; others and 任现职务层次时间 untouched', async () => {
    const { ctx, p, bytes } = await setup()
    const [a, b, , d] = p as [Person, Person, Person, Person]
    const auditBefore = ctx.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number
    const rep = await applyCompare(ctx, { fileName: '县直花名册.xlsx', bytes }, [
      { idCard: a.idCard, keys: ['phone'] },
      { idCard: b.idCard, keys: ['unit'] },
      { idCard: d.idCard, keys: ['phone', 'position'] },
    ])
    expect(rep.changes.map((c) => [c.name, c.label, c.before, c.after])).toEqual([
      [a.name, '联系电话', a.phone, '13912345678'],
      [d.name, '联系电话', d.phone, '13800000001'],
    ])
    expect(rep.skipped).toEqual([
      expect.objectContaining({
        idCard: b.idCard,
        label: '工作单位',
        message: expect.stringContaining('不在单位树中'),
      }),
      expect.objectContaining({ idCard: d.idCard, key: 'position', message: '已无差异，未写入' }),
    ])
    expect(rep.cadres).toBe(2)
    const after = people(ctx)
    expect(after[0]).toEqual({ ...a, phone: '13912345678' })
    expect(after[1]).toEqual(b)
    expect(after[3]).toEqual({ ...d, phone: '13800000001' })
    // One audit row per cadre (the cadre service's) and one for the write-back.
    const rows = ctx.db
      .prepare('SELECT action, summary, actor FROM audit_log ORDER BY id DESC LIMIT 3')
      .all() as { action: string; summary: string; actor: string }[]
    expect(rows.map((x) => x.action)).toEqual(['compare', 'update', 'update'])
    expect(rows[0]?.summary).toBe('比对回写“县直花名册.xlsx”：2 名干部共 2 项')
    expect(rows[1]?.summary).toBe(`修改 ${d.name} 的联系电话`)
    expect(ctx.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(auditBefore + 3)
    // Compared again: a's position still differs (not chosen), the phones agree now.
    const again = await compareFile(ctx, { fileName: '县直花名册.xlsx', bytes })
    expect(fieldsOf(again, a.idCard).map((f) => f[0])).toEqual(['position'])
    expect(fieldsOf(again, d.idCard)).toEqual([])
  })

  it('a value the record refuses stops the whole write-back: nothing written, the cadre named', async () => {
    const { ctx, p } = await setup()
    const [a, b] = p as [Person, Person]
    const bytes = await roster([
      [a.name, a.idCard, a.unit, a.position, '13911112222', null],
      // 参加工作时间 before the birth month (the ID number says 19xx): the cadre page refuses it too
      [b.name, b.idCard, b.unit, b.position, null, '1950.01'],
    ])
    const r = await compareFile(ctx, { fileName: 'bad.xlsx', bytes })
    const keysB = fieldsOf(r, b.idCard).map((f) => f[0])
    expect(keysB).toEqual(['workStartDate'])
    const before = people(ctx)
    const audit = ctx.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()
    await expect(
      applyCompare(ctx, { fileName: 'bad.xlsx', bytes }, [
        { idCard: a.idCard, keys: ['phone'] },
        { idCard: b.idCard, keys: ['workStartDate'] },
      ]),
    ).rejects.toThrow(new RegExp(`${b.name}（${b.idCard}，第 4 行）的新值无法写入：.*未写入任何内容`))
    expect(people(ctx)).toEqual(before)
    expect(ctx.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(audit)
  })

  it('the report .xlsx lists what changed, what was not written and who was not matched', async () => {
    const { ctx, p, bytes } = await setup()
    const [a, b] = p as [Person, Person]
    const rep = await applyCompare(ctx, { fileName: '县直花名册.xlsx', bytes }, [
      { idCard: a.idCard, keys: ['phone', 'position'] },
      { idCard: b.idCard, keys: ['unit'] },
    ])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await compareReportXlsx(rep)) as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['回写结果', '未写入', '未匹配'])
    const rows = (name: string): string[][] => {
      const out: string[][] = []
      wb.getWorksheet(name)!.eachRow((r) =>
        out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
      )
      return out
    }
    const done = rows('回写结果')
    // the moment in local time, as the audit log shows it (the report's `at` is UTC ISO)
    expect(done[0]?.[0]).toBe(`比对回写“县直花名册.xlsx”：1 名干部共 2 项（${dateTimeDots(rep.at, { seconds: true })}，操作人 tester）`)
    expect(Math.abs(Date.parse(rep.at) - Date.now())).toBeLessThan(60_000)
    expect(done[1]).toEqual(['序号', '姓名', '身份证号', '项目', '原值', '新值'])
    expect(done.slice(2)).toEqual([
      ['1', a.name, a.idCard, '现任职务', a.position ?? '（空）', '县委办公室主任'],
      ['2', a.name, a.idCard, '联系电话', a.phone ?? '（空）', '13912345678'],
    ])
    expect(rows('未写入')[2]).toEqual([b.name, b.idCard, '工作单位', expect.stringContaining('不在单位树中')])
    expect(
      rows('未匹配')
        .slice(2)
        .map((r) => r[0]),
    ).toEqual(['第 8 行', '第 7 行'])
  })
})

describe('compare a folder of LRMX files through the command line', () => {
  it('lists differences (--json), writes --apply all with --report, lists the file it cannot match', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadre-compare-'))
    const dbPath = join(dir, 'c.db')
    const db = openDatabase(dbPath)
    const ctx = createContext({ db, dbPath, dataDir: dir, host: 'test', at: AT, actor: 'tester' })
    loadDemo(ctx, { count: 6 })
    const [a, b] = people(ctx) as [Person, Person]
    const folder = join(dir, 'lrmx')
    mkdirSync(folder)
    const xa = exportLrmx(ctx, a.id).xml.replace(
      /<XianRenZhiWu>[^<]*<\/XianRenZhiWu>/,
      '<XianRenZhiWu>县委办公室主任</XianRenZhiWu>',
    )
    writeFileSync(join(folder, 'a.lrmx'), xa)
    writeFileSync(join(folder, 'b.lrmx'), exportLrmx(ctx, b.id).xml)
    const stranger = exportLrmx(ctx, b.id).xml.replace(b.idCard, makeIdCard('620102', '1991-02-03', 55))
    writeFileSync(join(folder, 'stranger.lrmx'), stranger)
    writeFileSync(join(folder, 'broken.lrmx'), '<Person><XingMing>x</XingMing>')
    db.close()

    const run = async (...args: string[]) => {
      const out: string[] = []
      const err: string[] = []
      const ow = process.stdout.write.bind(process.stdout)
      const ew = process.stderr.write.bind(process.stderr)
      process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write
      process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write
      try {
        return { code: await runCli(args), stdout: out.join(''), stderr: err.join('') }
      } finally {
        process.stdout.write = ow
        process.stderr.write = ew
      }
    }

    const preview = await run('compare', '--db', dbPath, '--file', folder, '--json')
    expect(preview.code).toBe(0)
    const r = JSON.parse(preview.stdout) as CompareResult
    expect(r.kind).toBe('lrmx')
    expect(r.cadres.map((c) => [c.where, c.fields.map((f) => [f.key, f.after])])).toEqual([
      ['a.lrmx', [['position', '县委办公室主任']]],
    ])
    expect(r.same).toBe(1)
    expect(r.unmatched.map((u) => u.where).sort()).toEqual(['broken.lrmx', 'stranger.lrmx'])
    expect(r.unmatched.find((u) => u.where === 'broken.lrmx')?.message).toContain('文件“broken.lrmx”')

    const bad = await run('compare', '--db', dbPath, '--file', folder, '--apply', '头衔')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--apply 中的“头衔”不是可回写的项目')

    const report = join(dir, 'report.xlsx')
    const applied = await run(
      'compare',
      '--db',
      dbPath,
      '--file',
      folder,
      '--apply',
      'all',
      '--report',
      report,
    )
    expect(applied.code).toBe(0)
    expect(applied.stdout).toContain(`已回写 lrmx.zip：1 名干部共 1 项`)
    expect(applied.stdout).toContain(`${a.name}（${a.idCard}）现任职务：${a.position} → 县委办公室主任`)
    expect(readFileSync(report).subarray(0, 2).toString()).toBe('PK')
    const check = openDatabase(dbPath)
    expect(check.prepare('SELECT position FROM cadres WHERE id = ?').pluck().get(a.id)).toBe('县委办公室主任')
    expect(check.prepare("SELECT actor FROM audit_log WHERE action = 'compare'").pluck().get()).toBe('系统')
    check.close()
  })
})

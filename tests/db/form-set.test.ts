/**
 * Meeting sets: a list of names or ID numbers checked against the database (same-name cadres,
 * someone twice, someone unknown stop the set with the entries listed), then the forms in exactly
 * that order as one PDF, one .docx (checked through LibreOffice) or a zip of files named by a
 * template; the `form --ids` command.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import { openDatabase, type Db } from '../../main/db/open'
import { loadFormPerson } from '../../main/form/data'
import { resolveSetEntries, setFileNames, setProblemsMessage, splitSetList } from '../../main/form/set'
import { createContext, type AppContext } from '../../main/services/context'
import { seedCadre } from './form-fixture'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const dir = mkdtempSync(join(tmpdir(), 'form-set-'))
const dbPath = join(dir, 'cadres.db')
let db: Db
let ctx: AppContext
const P: Record<string, { id: number; idCard: string; name: string }> = {}

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(TSX, ['main/cli/index.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}
function squash(s: string): string {
  return s.replace(/\s+/g, '')
}
function pdfPageText(file: string, page: number): string {
  return squash(
    execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-raw', file, '-'], {
      encoding: 'utf8',
    }),
  )
}
function pdfPages(file: string): number {
  return Number(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)?.[1])
}

beforeAll(() => {
  db = openDatabase(dbPath)
  ctx = createContext({ db, dbPath, dataDir: dir, host: 'test', at: '2026-11-23' })
  P['甲'] = seedCadre(db, { name: '甲一', idCard: makeIdCard('620102', '1985-02-02', 2) })
  P['乙'] = seedCadre(db, { name: '乙二', idCard: makeIdCard('620102', '1986-03-03', 1) })
  P['丙'] = seedCadre(db, { name: '丙三', idCard: makeIdCard('620102', '1987-04-04', 2) })
  // Two cadres share a name.
  P['王1'] = seedCadre(db, { name: '王军', idCard: makeIdCard('620102', '1975-03-14', 135) })
  P['王2'] = seedCadre(db, { name: '王军', idCard: makeIdCard('620102', '1980-06-01', 11) })
  // A unit whose name holds a character no file name can.
  const u = db.prepare("INSERT INTO units (name, kind) VALUES ('县委/县政府办公室', '县直部门')").run()
  P['丁'] = seedCadre(db, { name: '丁四', idCard: makeIdCard('620102', '1988-05-05', 1) })
  db.prepare('UPDATE cadres SET unit_id = ? WHERE id = ?').run(Number(u.lastInsertRowid), P['丁'].id)
})
afterAll(() => db.close())

describe('the list of a meeting set', () => {
  it.each<[string, string, string[]]>([
    ['one per line', '甲一\n乙二\n丙三', ['甲一', '乙二', '丙三']],
    ['agenda numbers dropped', '1. 甲一\n2、乙二\n（3）丙三', ['甲一', '乙二', '丙三']],
    [
      'separated by ，、； and tabs',
      '甲一，乙二、丙三；丁四\t王军',
      ['甲一', '乙二', '丙三', '丁四', '王军'],
    ],
    ['names on one line separated by spaces', '甲一 乙二  丙三', ['甲一', '乙二', '丙三']],
    ['a two-character name padded with a space stays one name', '王 军\n甲一', ['王军', '甲一']],
    ['ID numbers kept whole', '620102198502020021\n乙二', ['620102198502020021', '乙二']],
  ])('%s', (_, text, entries) => {
    expect(splitSetList(text)).toEqual(entries)
  })

  it('keeps the order given and takes names or ID numbers', () => {
    const r = resolveSetEntries(ctx, ['丙三', P['甲']!.idCard, '乙二'])
    expect(r.ok).toBe(true)
    expect(r.ids).toEqual([P['丙']!.id, P['甲']!.id, P['乙']!.id])
  })

  it('asks which one when cadres share a name, and takes the chosen ID number', () => {
    const r = resolveSetEntries(ctx, ['甲一', '王军'])
    expect(r.ok).toBe(false)
    expect(r.entries[1]).toMatchObject({ status: 'ambiguous', entry: '王军' })
    expect(r.entries[1]!.candidates.map((c) => c.idCard)).toEqual([P['王1']!.idCard, P['王2']!.idCard])
    expect(setProblemsMessage(r)).toContain(
      '第 2 项“王军”：有 2 名同名干部（城关镇，城关镇党委副书记、镇长，1975.03出生',
    )
    const again = resolveSetEntries(ctx, ['甲一', P['王2']!.idCard])
    expect(again).toMatchObject({ ok: true, ids: [P['甲']!.id, P['王2']!.id] })
  })

  it('someone twice or unknown: no set, the entries listed', () => {
    const r = resolveSetEntries(ctx, ['甲一', '张无忌', '乙二', P['甲']!.idCard])
    expect(r.ok).toBe(false)
    expect(setProblemsMessage(r)).toBe(
      '名单有 2 处问题，未生成：第 2 项“张无忌”：数据库中没有这名干部；第 4 项“' +
        P['甲']!.idCard +
        '”：与第 1 项是同一人（甲一）',
    )
  })

  it('file names from the template; characters a file name cannot hold replaced and said', () => {
    const people = [P['甲']!, P['丁']!, P['乙']!].map((p) => loadFormPerson(ctx, p.id))
    expect(setFileNames(people, '序号_姓名_单位', 'pdf')).toEqual([
      { name: '01_甲一_城关镇.pdf', original: null },
      { name: '02_丁四_县委_县政府办公室.pdf', original: '02_丁四_县委/县政府办公室.pdf' },
      { name: '03_乙二_城关镇.pdf', original: null },
    ])
    expect(setFileNames(people, '{单位}:{姓名}?', 'docx').map((n) => n.name)).toEqual([
      '城关镇_甲一_.docx',
      '县委_县政府办公室_丁四_.docx',
      '城关镇_乙二_.docx',
    ])
    // No 序号 and the same unit twice: names stay distinct.
    expect(setFileNames([people[0]!, people[2]!, people[0]!], '{单位}', 'pdf').map((n) => n.name)).toEqual([
      '城关镇.pdf',
      '城关镇_2.pdf',
      '城关镇_3.pdf',
    ])
  })
})

describe('form --ids: the set in exactly that order', () => {
  it('one .docx: LibreOffice lays out two pages per cadre in the order given', () => {
    const out = join(dir, 'set.docx')
    const r = cli(
      'form',
      '--db',
      dbPath,
      '--ids',
      [P['丙'], P['甲'], P['乙']].map((p) => p!.idCard).join(','),
      '--out',
      out,
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'lo')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        out,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    )
    const pdf = join(dir, 'set.pdf')
    expect(pdfPages(pdf)).toBe(6)
    expect(pdfPageText(pdf, 1)).toContain('丙三')
    expect(pdfPageText(pdf, 3)).toContain('甲一')
    expect(pdfPageText(pdf, 5)).toContain('乙二')
    expect(pdfPageText(pdf, 2)).toContain('家庭主要成员')
  })

  it('one PDF in that order', () => {
    const out = join(dir, 'set-chromium.pdf')
    const r = cli(
      'form',
      '--db',
      dbPath,
      '--ids',
      [P['乙'], P['丙']].map((p) => p!.idCard).join(','),
      '--out',
      out,
    )
    expect(r.code).toBe(0)
    expect(pdfPages(out)).toBe(4)
    expect(pdfPageText(out, 1)).toContain('乙二')
    expect(pdfPageText(out, 3)).toContain('丙三')
  })

  it('a zip of files named 序号_姓名_单位, and the replaced characters said', async () => {
    const out = join(dir, 'set.zip')
    const ids = [P['丁'], P['甲']].map((p) => p!.idCard).join(',')
    const r = cli(
      'form',
      '--db',
      dbPath,
      '--ids',
      ids,
      '--out',
      out,
      '--template',
      '序号_姓名_单位',
      '--zip-format',
      'docx',
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      '文件名“01_丁四_县委/县政府办公室.docx”含有不能用于文件名的字符，已替换为“_”：01_丁四_县委_县政府办公室.docx',
    )
    const zip = await JSZip.loadAsync(await import('node:fs').then((f) => f.readFileSync(out)))
    expect(Object.keys(zip.files)).toEqual(['01_丁四_县委_县政府办公室.docx', '02_甲一_城关镇.docx'])
    const pdfZip = join(dir, 'set-pdf.zip')
    expect(cli('form', '--db', dbPath, '--ids', ids, '--out', pdfZip).code).toBe(0)
    const z2 = await JSZip.loadAsync(await import('node:fs').then((f) => f.readFileSync(pdfZip)))
    expect(Object.keys(z2.files)).toEqual(['01_丁四_县委_县政府办公室.pdf', '02_甲一_城关镇.pdf'])
    const one = join(dir, 'one-of-zip.pdf')
    writeFileSync(one, await z2.file('02_甲一_城关镇.pdf')!.async('uint8array'))
    expect(pdfPages(one)).toBe(2)
    expect(pdfPageText(one, 1)).toContain('甲一')
  })

  it('someone twice or unknown: exit 2, the entries named, no file written', () => {
    const out = join(dir, 'bad.pdf')
    const r = cli(
      'form',
      '--db',
      dbPath,
      '--ids',
      `${P['甲']!.idCard},110101199001011237,${P['甲']!.idCard}`,
      '--out',
      out,
    )
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('第 2 项“110101199001011237”：数据库中没有这名干部')
    expect(r.stderr).toContain('第 3 项')
    expect(r.stderr).toContain('与第 1 项是同一人（甲一）')
    expect(existsSync(out)).toBe(false)
  })
})

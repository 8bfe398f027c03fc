/**
 * The command line as CLI.md describes it, run as a separate process over a demo database:
 * `form` prints a demo cadre's 任免审批表 (two pages, every field of the record found by pdftotext),
 * `lrmx-export` / `lrmx-import` move the person to another database, bad input exits 2 with one
 * line on stderr and changes nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../main/db/open'
import { monthDots } from '../../main/domain/dates'
import { readCadre } from '../../main/form/data'
import { createContext, type AppContext } from '../../main/services/context'
import { loadDemo } from '../../main/services/demo'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const dir = mkdtempSync(join(tmpdir(), 'form-cli-'))
const dbPath = join(dir, 'demo.db')
let ctx: AppContext
let person: { id: number; idCard: string }

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(TSX, ['main/cli/index.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}
function squash(s: string): string {
  return s.replace(/\s+/g, '')
}

beforeAll(() => {
  const db = openDatabase(dbPath)
  ctx = createContext({ db, dbPath, dataDir: dir, host: 'test', at: '2026-11-23' })
  loadDemo(ctx, { count: 30, seed: 7 })
  // The demo cadre with the longest 简历 and most family members.
  const row = db
    .prepare(
      `SELECT c.id, c.id_card AS idCard FROM cadres c
       ORDER BY (SELECT count(*) FROM resume_entries r WHERE r.cadre_id = c.id) + (SELECT count(*) FROM family_members f WHERE f.cadre_id = c.id) DESC, c.id
       LIMIT 1`,
    )
    .get() as { id: number; idCard: string }
  person = row
  db.close()
})

describe('command line: form, lrmx-export, lrmx-import', () => {
  it('form prints a demo cadre on two pages with every field of the record', () => {
    const out = join(dir, 'form.pdf')
    const r = cli('form', '--db', dbPath, '--id', person.idCard, '--out', out, '--at', '2026-11-23')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('已生成干部任免审批表')
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Pages:\s+2\b/)
    const text = squash(execFileSync('pdftotext', ['-raw', out, '-'], { encoding: 'utf8' }))

    const db = openDatabase(dbPath, { readonly: true })
    const c = readCadre(db, person.id)
    db.close()
    const f = c.fields
    for (const v of [
      f.name,
      f.gender,
      f.ethnicity,
      f.nativePlace,
      f.birthPlace,
      f.health,
      f.position,
      f.schoolFullTime,
    ]) {
      if (v) expect(text, v).toContain(squash(v))
    }
    for (const m of [f.birthDate, f.partyJoinDate, f.workStartDate])
      if (m) expect(text).toContain(monthDots(m))
    expect(c.resume.length).toBeGreaterThan(2)
    for (const e of c.resume) expect(text, e.text).toContain(squash(e.text))
    expect(c.family.length).toBeGreaterThan(0)
    for (const m of c.family) expect(text, m.name).toContain(squash(`${m.relation}${m.name}`))
  })

  it('form writes Word when --out ends in .docx', async () => {
    const out = join(dir, 'form.docx')
    const r = cli('form', '--db', dbPath, '--id', person.idCard, '--out', out, '--at', '2026-11-23')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const zip = await JSZip.loadAsync(readFileSync(out))
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? ''
    const db = openDatabase(dbPath, { readonly: true })
    const c = readCadre(db, person.id)
    db.close()
    expect(xml).toContain(c.fields.name ?? '?')
    expect(xml).toContain('干部任免审批表')
    expect(cli('form', '--db', dbPath, '--id', person.idCard, '--out', join(dir, 'x.doc')).stderr).toContain(
      '--out 应为 .pdf、.docx 或 .zip 文件',
    )
  })

  it('lrmx-export then lrmx-import moves the person to another database', () => {
    const file = join(dir, 'person.lrmx')
    expect(cli('lrmx-export', '--db', dbPath, '--id', person.idCard, '--out', file).code).toBe(0)
    const other = join(dir, 'other.db')
    const r = cli('lrmx-import', file, '--db', other, '--json')
    expect(r.code).toBe(0)
    const rep = JSON.parse(r.stdout) as { created: number; items: { idCard: string; cadreId: number }[] }
    expect(rep.created).toBe(1)
    expect(rep.items[0]?.idCard).toBe(person.idCard)
    const a = openDatabase(dbPath, { readonly: true })
    const b = openDatabase(other, { readonly: true })
    const src = readCadre(a, person.id)
    const got = readCadre(b, rep.items[0]?.cadreId ?? 0)
    a.close()
    b.close()
    expect(got.resume).toEqual(src.resume)
    expect(got.family).toEqual(src.family)
    expect(got.fields.name).toBe(src.fields.name)
    expect(got.fields.birthDate).toBe(src.fields.birthDate)
  })

  it('refuses a hostile file with exit 2 and one line on stderr, and writes nothing', () => {
    const bad = join(dir, 'bad.lrmx')
    writeFileSync(
      bad,
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><Person>&x;</Person>',
    )
    const target = join(dir, 'untouched.db')
    const r = cli('lrmx-import', bad, '--db', target)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/出于安全原因拒绝导入.*Error: .*refused/)
    expect(existsSync(target)).toBe(false)
  })

  it('form for an unknown ID number exits 2 with a message', () => {
    const r = cli('form', '--db', dbPath, '--id', '110101199001011234', '--out', join(dir, 'x.pdf'))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('数据库中没有身份证号为')
  })
})

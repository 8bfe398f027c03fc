/**
 * The data tools through the real command line (a child process, as an administrator runs it):
 * demo + list, dump / load / dump identity, bad files refused with exit 2 and nothing written,
 * backup + verify, verify on a damaged file and on a file that is not a database.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inProc } from './in-proc'
import { CADRE_FIELD_KEYS } from '../../main/domain/fields'
import { validateIdCard } from '../../main/domain/idcard'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs')

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TSX, 'main/cli/index.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'cadre-cli-'))
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

function withoutExportedAt(text: string): unknown {
  const doc = JSON.parse(text) as Record<string, unknown>
  expect(typeof doc['exportedAt']).toBe('string')
  delete doc['exportedAt']
  return doc
}

describe('command line: demo, list, dump, load', () => {
  it('demo --count 3000 then list --json gives 3000 cadres with valid ID numbers agreeing with gender and birth month', () => {
    const dir = tmp()
    const db = join(dir, 'county.db')
    const demo = cli('demo', '--db', db, '--count', '3000', '--seed', '7')
    expect(demo.stderr).toBe('')
    expect(demo.code).toBe(0)
    expect(demo.stdout).toContain('已生成 3000 名演示干部')

    const list = cli('list', '--db', db, '--json')
    expect(list.code).toBe(0)
    const { cadres } = JSON.parse(list.stdout) as { cadres: Record<string, string | null>[] }
    expect(cadres).toHaveLength(3000)
    const seen = new Set<string>()
    for (const c of cadres) {
      for (const k of [...CADRE_FIELD_KEYS, 'resume', 'photo']) expect(c).toHaveProperty(k)
      const v = validateIdCard(c['idCard'])
      expect(v.ok, String(c['idCard'])).toBe(true)
      if (!v.ok) continue
      expect(c['gender']).toBe(v.value.gender)
      expect(c['birthDate']).toBe(v.value.birthMonth)
      for (const k of ['birthDate', 'workStartDate', 'positionDate'])
        expect(c[k]).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/)
      expect(c['unit']).toMatch(/(局|办公室|部|委员会|监委|镇|乡|党校|中学|医院|中心)$/)
      expect(c['resume']).toMatch(/^\d{4}\.\d{2}--/)
      seen.add(v.value.idCard)
    }
    expect(seen.size).toBe(3000)
  })

  it('dump, load into an empty database, dump again: the same document apart from exportedAt', async () => {
    const dir = tmp()
    const a = join(dir, 'a.db')
    const b = join(dir, 'b.db')
    expect((await inProc('demo', '--db', a, '--count', '300', '--seed', 'x')).code).toBe(0)
    const out1 = join(dir, 'one.json')
    const d1 = cli('dump', '--db', a, '--out', out1)
    expect(d1.code).toBe(0)
    expect(d1.stdout).toBe('')

    const load = cli('load', out1, '--db', b, '--json')
    expect(load.code).toBe(0)
    expect(JSON.parse(load.stdout)).toMatchObject({
      file: out1,
      rows: 300,
      inserted: 300,
      updated: 0,
      skipped: 0,
      rejected: [],
      warnings: [],
    })

    const d2 = cli('dump', '--db', b)
    expect(d2.code).toBe(0)
    const first = readFileSync(out1, 'utf8')
    expect(withoutExportedAt(d2.stdout)).toEqual(withoutExportedAt(first))
    // Byte for byte apart from the exportedAt value.
    const strip = (s: string): string => s.replace(/"exportedAt":"[^"]*"/, '')
    expect(strip(d2.stdout)).toBe(strip(first))
  })

  it('load refuses a malformed or foreign file: exit 2, one line in Chinese and English, nothing written', async () => {
    const dir = tmp()
    const existing = join(dir, 'existing.db')
    expect((await inProc('demo', '--db', existing, '--count', '5')).code).toBe(0)
    const before = sha(existing)
    const files: Record<string, string> = {
      'broken.json': '{"format": "cadre-exchange", "version": 1, "cadres": [{"idCard": ',
      'foreign.json': JSON.stringify({ name: 'some-package', dependencies: {} }),
      'roster.json': JSON.stringify([{ 姓名: '张三', 身份证号: '620529198001011234' }]),
      'empty.json': '',
    }
    for (const [name, text] of Object.entries(files)) {
      const f = join(dir, name)
      writeFileSync(f, text)
      for (const db of [existing, join(dir, `new-${name}.db`)]) {
        const r = await inProc('load', f, '--db', db)
        expect(r.code, name).toBe(2)
        expect(r.stdout).toBe('')
        const lines = r.stderr.trimEnd().split('\n')
        expect(lines, r.stderr).toHaveLength(1)
        expect(lines[0]).toMatch(/^错误：.*未写入任何数据 \/ Error: .*nothing written$/)
      }
      expect(existsSync(join(dir, `new-${name}.db`))).toBe(false)
    }
    expect(sha(existing)).toBe(before)
    const missing = await inProc('load', join(dir, 'nope.json'), '--db', existing)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('无法读取文件')
    // The same through a real process: exit status 2 and the one line on stderr.
    const real = cli('load', join(dir, 'foreign.json'), '--db', join(dir, 'other.db'))
    expect(real.code).toBe(2)
    expect(real.stderr).toMatch(/^错误：文件“.*foreign\.json”不是干部交换文件.* \/ Error: .*\n$/)
    expect(existsSync(join(dir, 'other.db'))).toBe(false)
  })

  it('load lists a cadre with a wrong check digit and lands the others', async () => {
    const dir = tmp()
    const a = join(dir, 'a.db')
    expect((await inProc('demo', '--db', a, '--count', '10', '--seed', 'bad')).code).toBe(0)
    const dumped = await inProc('dump', '--db', a)
    const doc = JSON.parse(dumped.stdout) as { cadres: { idCard: string; name: string }[] }
    const bad = doc.cadres[3]!
    bad.idCard = bad.idCard.slice(0, 17) + (bad.idCard.endsWith('0') ? '1' : '0')
    const f = join(dir, 'mixed.json')
    writeFileSync(f, JSON.stringify(doc))
    const r = await inProc('load', f, '--db', join(dir, 'b.db'), '--json')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as {
      inserted: number
      rejected: { row: number; idCard: string; key: string; message: string }[]
    }
    expect(report.inserted).toBe(9)
    expect(report.rejected).toEqual([expect.objectContaining({ row: 4, idCard: bad.idCard, key: 'idCard' })])
    expect(report.rejected[0]!.message).toContain('校验位错误')
    const text = await inProc('load', f, '--db', join(dir, 'c.db'))
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('新增 9，更新 0，未变 0，拒绝 1')
    expect(text.stdout).toContain(`拒绝 第 4 名 ${bad.idCard}`)
  })
})

describe('command line: backup and verify', () => {
  it('backs up online, verifies the copy, finds damage, and refuses a file that is not a database', async () => {
    const dir = tmp()
    const db = join(dir, 'live.db')
    expect((await inProc('demo', '--db', db, '--count', '400')).code).toBe(0)
    const copy = join(dir, 'copy.sqlite')
    const b = cli('backup', '--db', db, '--out', copy)
    expect(b.code).toBe(0)
    expect(b.stdout).toContain('已备份到')
    expect(existsSync(`${copy}-wal`)).toBe(false)
    const ok = cli('verify', '--db', copy)
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain('数据库完好')
    const okJson = await inProc('verify', '--db', copy, '--json')
    expect(JSON.parse(okJson.stdout)).toMatchObject({ ok: true, problems: [] })
    // The copy is a whole database: the same cadres as the original.
    const list1 = JSON.parse((await inProc('list', '--db', db, '--json')).stdout) as unknown
    const list2 = JSON.parse((await inProc('list', '--db', copy, '--json')).stdout) as unknown
    expect(list2).toEqual(list1)

    // Damage pages after the header: verify reports it with exit 1.
    const fd = openSync(copy, 'r+')
    for (const page of [3, 5, 8, 13, 21]) writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, page * 4096)
    closeSync(fd)
    const bad = cli('verify', '--db', copy)
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('数据库有问题')
    expect(bad.stdout.split('\n').length).toBeGreaterThan(2)

    const text = join(dir, 'notes.db')
    writeFileSync(text, 'not a database at all')
    const notDb = cli('verify', '--db', text)
    expect(notDb.code).toBe(2)
    expect(notDb.stderr).toMatch(/不是 SQLite 文件.*Error: .*not an SQLite database/)
    expect(readFileSync(text, 'utf8')).toBe('not a database at all')

    const missing = await inProc('verify', '--db', join(dir, 'missing.db'))
    expect(missing.code).toBe(2)
    expect(existsSync(join(dir, 'missing.db'))).toBe(false)
    expect((await inProc('backup', '--db', db, '--bogus')).code).toBe(2)
    // An existing file is overwritten only when it is an older backup, never a document.
    const again = await inProc('backup', '--db', db, '--out', copy)
    expect(again.code).toBe(0)
    const doc = join(dir, 'report.docx')
    writeFileSync(doc, '县委组织部工作报告')
    const refused = await inProc('backup', '--db', db, '--out', doc)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('未覆盖')
    expect(readFileSync(doc, 'utf8')).toBe('县委组织部工作报告')

    // Without --out: into the backups folder beside the database.
    const auto = await inProc('backup', '--db', db, '--json')
    expect(auto.code).toBe(0)
    const { file } = JSON.parse(auto.stdout) as { file: string }
    expect(file).toMatch(/backups[\\/][0-9a-f]{16}[\\/]backup-\d{8}-\d{6}\.sqlite$/)
  })
})

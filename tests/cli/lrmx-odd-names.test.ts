/**
 * LRMX files with odd element names (issue 12, bad input): an element named like a property of every
 * JavaScript object (`__proto__`, `constructor`, `prototype`, `toString`, …) refuses the file with a
 * Chinese message naming the file, the element and its line — exit 2 in the command line, never a
 * stack trace, nothing written, no prototype polluted. A name XML does not allow is "不是有效的 XML"
 * naming the element in Chinese; an unknown but valid name is ignored and named in a warning.
 * Through the real command line (a child process for one row, in-process for the rest) and through
 * the import service on a zip of several files.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { inProc } from './in-proc'
import { makeIdCard } from '../../main/domain/idcard'
import { applyLrmx, previewLrmx } from '../../main/lrmx/import'
import { memoryContext } from '../context'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs')
const ID = makeIdCard('620102', '1975-03-14', 135)
const ID2 = makeIdCard('620102', '1980-07-02', 246)

function lrmx(inner: string, idCard = ID, name = '王建国'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Person>\n  <XingMing>${name}</XingMing>\n  <ShenFenZheng>${idCard}</ShenFenZheng>\n  ${inner}\n</Person>\n`
}

const dir = mkdtempSync(join(tmpdir(), 'cadre-lrmx-odd-'))
function write(name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

const noStack = (s: string): void => {
  expect(s).not.toMatch(/\n\s+at /)
  expect(s).not.toContain('内部错误')
  expect(s).not.toContain('[SECURITY]')
}

describe('lrmx-import refuses an element named like a property of every object: exit 2, file and element named', () => {
  it.each<[string, string, string]>([
    // [element, the file's inner XML, what the message names]
    ['__proto__', '<__proto__><polluted>yes</polluted></__proto__>', '第 5 行的元素 <__proto__>'],
    [
      'constructor',
      '<constructor><prototype><polluted>yes</polluted></prototype></constructor>',
      '<constructor>',
    ],
    ['prototype', '<prototype>1</prototype>', '<prototype>'],
    ['toString', '<toString>1</toString>', '<toString>'],
    ['hasOwnProperty', '<hasOwnProperty>1</hasOwnProperty>', '<hasOwnProperty>'],
    ['__defineGetter__', '<__defineGetter__>1</__defineGetter__>', '<__defineGetter__>'],
    ['valueOf', '<valueOf/>', '<valueOf>'],
    [
      '__proto__ inside a family member',
      '<JiaTingChengYuan><Item><XingMing>李秀兰</XingMing><__proto__><x>1</x></__proto__></Item></JiaTingChengYuan>',
      '<__proto__>',
    ],
  ])('<%s>', async (label, inner, named) => {
    const file = write(`${label.replace(/\W/g, '_')}.lrmx`, lrmx(inner))
    const db = join(dir, `${label.replace(/\W/g, '_')}.db`)
    const r = await inProc('lrmx-import', file, '--db', db)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`文件“${label.replace(/\W/g, '_')}.lrmx”`)
    expect(r.stderr).toContain(named)
    expect(r.stderr).toContain('拒绝导入')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    noStack(r.stderr)
    // Refused before the database is opened: no file made.
    expect(existsSync(db)).toBe(false)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('as a child process: exit 2, one line on stderr, no stack trace, no database file', () => {
    const file = write('proto-child.lrmx', lrmx('<__proto__><isAdmin>true</isAdmin></__proto__>'))
    const db = join(dir, 'child.db')
    const r = spawnSync(process.execPath, [TSX, 'main/cli/index.ts', 'lrmx-import', file, '--db', db], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(
      /^错误：文件“proto-child\.lrmx”第 5 行的元素 <__proto__> 不是任免审批表的项目.*拒绝导入/,
    )
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    noStack(r.stderr)
    expect(existsSync(db)).toBe(false)
  })
})

describe('lrmx-import: names XML does not allow are refused in Chinese; unknown valid names are ignored and named', () => {
  it.each<[string, string, number, string]>([
    // [case, inner XML, exit code, text on stderr (2) or stdout (0)]
    ['a "$" in the name', '<a$b>1</a$b>', 2, '元素名 <a$b> 含有 XML 不允许的字符或以数字开头'],
    ['a name starting with a digit', '<1abc>1</1abc>', 2, '元素名 <1abc> 含有 XML 不允许的字符或以数字开头'],
    ['an unclosed element', '<BeiZhu>1', 2, '第 5 行开始的元素 <BeiZhu> 没有结束标记（此处却是 </Person>）'],
    ['dots and dashes (valid XML, unknown)', '<a.b-c>1</a.b-c>', 0, '未识别的项目已忽略：a.b-c'],
    ['a Chinese element name (unknown)', '<备注>1</备注>', 0, '未识别的项目已忽略：备注'],
    ['a namespace prefix (unknown)', '<x:y>1</x:y>', 0, '未识别的项目已忽略：x:y'],
    [
      'a 3,000-character name (unknown, shortened)',
      `<${'A'.repeat(3000)}>1</${'A'.repeat(3000)}>`,
      0,
      `未识别的项目已忽略：${'A'.repeat(40)}…`,
    ],
  ])('%s', async (label, inner, code, text) => {
    const name = `odd-${label.replace(/\W/g, '_').slice(0, 20)}.lrmx`
    const file = write(name, lrmx(inner))
    const db = join(dir, `${name}.db`)
    const r = await inProc('lrmx-import', file, '--db', db)
    expect(r.code).toBe(code)
    noStack(r.stderr)
    if (code === 2) {
      expect(r.stderr).toContain(`文件“${name}”不是有效的 XML`)
      expect(r.stderr).toContain(text)
      expect(existsSync(db)).toBe(false)
    } else {
      expect(r.stdout).toContain('新建 王建国')
      expect(r.stdout).toContain(text)
      expect(r.stdout).not.toContain('A'.repeat(41))
    }
  })
})

describe('the import service on a zip: the crafted file is one rejected entry naming it; the others land', () => {
  it('preview and apply', async () => {
    const zip = new JSZip()
    zip.file('good.lrmx', lrmx('<XianRenZhiWu>县财政局副局长</XianRenZhiWu>', ID2, '李秀兰'))
    zip.file(
      'bad/evil.lrmx',
      lrmx('<constructor><prototype><polluted>1</polluted></prototype></constructor>'),
    )
    const bytes = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }))
    const ctx = memoryContext({ at: '2026-11-30' })
    const preview = await previewLrmx(ctx, bytes, 'meeting.zip')
    const bad = preview.items.find((i) => i.file === 'bad/evil.lrmx')
    expect(bad?.action).toBe('rejected')
    expect(bad?.message).toContain('文件“bad/evil.lrmx”第 5 行的元素 <constructor> 不是任免审批表的项目')
    expect(preview.rejected).toBe(1)
    expect(preview.created).toBe(1)

    const applied = await applyLrmx(ctx, bytes, 'meeting.zip')
    expect(applied.created).toBe(1)
    expect(applied.rejected).toBe(1)
    const names = (ctx.db.prepare('SELECT name FROM cadres ORDER BY name').all() as { name: string }[]).map(
      (r) => r.name,
    )
    expect(names).toEqual(['李秀兰'])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    ctx.db.close()
  })

  it('a single crafted file through the service is refused as a whole, nothing written', async () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    const bytes = new Uint8Array(Buffer.from(lrmx('<__proto__><x>1</x></__proto__>')))
    await expect(applyLrmx(ctx, bytes, 'one.lrmx')).rejects.toMatchObject({
      code: 'lrmx-element-name',
      message: expect.stringContaining('文件“one.lrmx”第 5 行的元素 <__proto__>'),
    })
    expect((ctx.db.prepare('SELECT COUNT(*) AS n FROM cadres').get() as { n: number }).n).toBe(0)
    ctx.db.close()
  })
})

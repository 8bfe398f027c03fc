/**
 * A cadre's photo is a JPEG or a PNG by its first bytes, at most 2 MB (issue 12, bad input;
 * main/domain/photo.ts), at every door: the exchange file (`load`: that cadre is rejected with a
 * message naming him by name and ID number, nothing of his written, the rest lands in the same
 * transaction), an LRMX file (the photo is not imported, said in the preview) and the cadre page's
 * upload (tests/db/cadres.test.ts). Table-driven, one row per kind of bad photo.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import { makeIdCard } from '../../main/domain/idcard'
import { PHOTO_MAX_BYTES } from '../../main/domain/photo'
import { previewLrmx } from '../../main/lrmx/import'
import { loadDemo } from '../../main/services/demo'
import { exchangeChunks, loadExchangeText } from '../../main/services/exchange'
import { memoryContext } from '../context'

const AT = '2026-11-30'
const JPEG = readFileSync(join(import.meta.dirname, '../fixtures/lrmx/photo.jpg'))
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
])
const b64 = (b: Buffer | Uint8Array): string => Buffer.from(b).toString('base64')
const jpegOf = (size: number): Buffer => {
  const b = Buffer.alloc(size)
  JPEG.copy(b, 0, 0, Math.min(JPEG.length, size))
  return b
}

type Ctx = ReturnType<typeof memoryContext>
const dump = (ctx: Ctx): string => [...exchangeChunks(ctx, 'T')].join('')
const photoOf = (ctx: Ctx, idCard: string): Buffer | null =>
  ctx.db.prepare('SELECT photo FROM cadres WHERE id_card = ?').pluck().get(idCard) as Buffer | null

/** [case, photo as written in the file, the rejection's words (null: accepted)] */
const ROWS: [string, string, string | null][] = [
  [
    '15 MB of zeros',
    b64(Buffer.alloc(15 * 1024 * 1024)),
    '的照片有 15.00 MB，超过 2 MB 的上限，该干部未载入',
  ],
  ['a JPEG 1 byte over 2 MB', b64(jpegOf(PHOTO_MAX_BYTES + 1)), '的照片有 2.00 MB，超过 2 MB 的上限'],
  [
    'a GIF',
    b64(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')),
    '的照片不是 JPEG 或 PNG 图片（文件开头的字节为 47 49 46 38）',
  ],
  ['a PDF', b64(Buffer.from('%PDF-1.7\n')), '的照片不是 JPEG 或 PNG 图片（文件开头的字节为 25 50 44 46）'],
  ['text that is not base64', '这不是图片', '的照片应为 base64 编码的图片数据'],
  ['a JPEG of exactly 2 MB', b64(jpegOf(PHOTO_MAX_BYTES)), null],
  ['a real JPEG', b64(JPEG), null],
  ['a PNG', b64(PNG), null],
]

describe('exchange file: a photo that is not a JPEG or PNG, or is over 2 MB, rejects that cadre by name and ID', () => {
  it.each(ROWS)('%s', (_, photo, words) => {
    const src = memoryContext({ at: AT })
    loadDemo(src, { count: 4 })
    const doc = JSON.parse(dump(src)) as { cadres: Record<string, unknown>[] }
    const victim = doc.cadres[1]!
    victim['photo'] = photo
    const ctx = memoryContext({ at: AT })
    const report = loadExchangeText(ctx, JSON.stringify(doc), 'county.json')
    const who = `干部“${String(victim['name'])}”（身份证号 ${String(victim['idCard'])}）`
    if (words === null) {
      expect(report.rejected).toEqual([])
      expect(report.inserted).toBe(4)
      expect(b64(photoOf(ctx, String(victim['idCard']))!)).toBe(photo)
      // dump → load → dump keeps the photo byte for byte.
      const again = memoryContext({ at: AT })
      const first = dump(ctx)
      loadExchangeText(again, first, 'again.json')
      expect(dump(again)).toBe(first)
      return
    }
    expect(report.rejected).toHaveLength(1)
    expect(report.rejected[0]).toMatchObject({ row: 2, idCard: victim['idCard'], key: 'photo' })
    expect(report.rejected[0]!.message).toContain(`${who}${words}`)
    expect(report.rejected[0]!.message).toMatch(/，该干部未载入$/)
    // The others land in the same transaction; the rejected cadre is not written at all.
    expect(report.inserted).toBe(3)
    expect(
      ctx.db.prepare('SELECT COUNT(*) FROM cadres WHERE id_card = ?').pluck().get(victim['idCard']),
    ).toBe(0)
  })

  it('a known cadre sent again with a bad photo keeps his photo and every other field', () => {
    const ctx = memoryContext({ at: AT })
    loadDemo(ctx, { count: 3 })
    const doc = JSON.parse(dump(ctx)) as { cadres: Record<string, unknown>[] }
    const c = doc.cadres[0]!
    const id = String(c['idCard'])
    ctx.db.prepare('UPDATE cadres SET photo = ? WHERE id_card = ?').run(JPEG, id)
    const before = dump(ctx)
    const changed = { ...c, photo: b64(Buffer.alloc(3 * 1024 * 1024)), phone: '13900000000' }
    const report = loadExchangeText(ctx, JSON.stringify({ ...doc, cadres: [changed] }), 'again.json')
    expect(report.rejected[0]?.message).toContain(
      `干部“${String(c['name'])}”（身份证号 ${id}）的照片有 3.00 MB`,
    )
    expect(report.updated).toBe(0)
    expect(dump(ctx)).toBe(before)
  })

  it('the command line prints the rejection naming the cadre, and exits 0 with the others loaded', async () => {
    const src = memoryContext({ at: AT })
    loadDemo(src, { count: 3 })
    const doc = JSON.parse(dump(src)) as { cadres: Record<string, unknown>[] }
    doc.cadres[2]!['photo'] = b64(Buffer.alloc(15 * 1024 * 1024))
    const dir = mkdtempSync(join(tmpdir(), 'cadre-photo-'))
    const file = join(dir, 'zeros.json')
    writeFileSync(file, JSON.stringify(doc))
    const out: string[] = []
    const ow = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write
    let code: number
    try {
      code = await runCli(['load', file, '--db', join(dir, 'c.db')])
    } finally {
      process.stdout.write = ow
    }
    expect(code).toBe(0)
    const text = out.join('')
    expect(text).toContain('新增 2，更新 0，未变 0，拒绝 1')
    expect(text).toContain(
      `拒绝 第 3 名 ${String(doc.cadres[2]!['idCard'])}：干部“${String(doc.cadres[2]!['name'])}”（身份证号 ${String(doc.cadres[2]!['idCard'])}）的照片有 15.00 MB，超过 2 MB 的上限，该干部未载入`,
    )
  })
})

describe('LRMX: the same check; the photo is not imported and the preview says why', () => {
  const ID = makeIdCard('620102', '1975-03-14', 135)
  const file = (photo: string): Uint8Array =>
    new Uint8Array(
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Person><XingMing>王建国</XingMing><ShenFenZheng>${ID}</ShenFenZheng><ZhaoPian>${photo}</ZhaoPian></Person>`,
      ),
    )
  it.each<[string, string, string | null]>([
    [
      'a GIF',
      b64(Buffer.from('GIF89a\x01\x00', 'latin1')),
      '照片（ZhaoPian）不是 JPEG 或 PNG 图片（文件开头的字节为 47 49 46 38），未导入照片',
    ],
    [
      'a JPEG 1 byte over 2 MB',
      b64(jpegOf(PHOTO_MAX_BYTES + 1)),
      '照片（ZhaoPian）有 2.00 MB，超过 2 MB 的上限，未导入照片',
    ],
    ['a PNG', b64(PNG), null],
  ])('%s', async (_, photo, warning) => {
    const ctx = memoryContext({ at: AT })
    const r = await previewLrmx(ctx, file(photo), 'a.lrmx')
    const item = r.items[0]!
    expect(item.action).toBe('create')
    expect(item.name).toBe('王建国')
    if (warning) {
      expect(item.warnings).toContain(warning)
      expect(item.changes.map((c) => c.label)).not.toContain('照片')
    } else {
      expect(item.warnings.filter((w) => w.includes('照片'))).toEqual([])
    }
  })
})

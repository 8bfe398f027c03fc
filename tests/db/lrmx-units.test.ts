/**
 * LRMX files bring no unit of their own (issue 13): when 现任职务 names no unit of the tree and the
 * cadre has none, the preview asks — map (close names to the unit 现任职务 seems to name), create
 * it under a parent with a kind, or leave the cadre without a unit for now. Real .lrmx files
 * written to disk, and a zip of several.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import { applyLrmx, previewLrmx } from '../../main/lrmx/import'
import type { AppContext } from '../../main/services/context'
import { saveUnit } from '../../main/services/units'
import { unitNameFromPosition } from '../../main/units/lrmx-units'
import { memoryContext } from '../context'

const dir = mkdtempSync(join(tmpdir(), 'lrmx-units-'))
function lrmxFile(name: string, idCard: string, position: string): { path: string; bytes: Uint8Array } {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Person>
  <XingMing>${name}</XingMing>
  <XingBie>女</XingBie>
  <ChuShengNianYue>198203</ChuShengNianYue>
  <MinZu>汉族</MinZu>
  <XianRenZhiWu>${position}</XianRenZhiWu>
  <ShenFenZheng>${idCard}</ShenFenZheng>
  <Version>3.2.1.16</Version>
</Person>
`
  const path = join(dir, `${name}.lrmx`)
  writeFileSync(path, xml, 'utf8')
  return { path, bytes: new Uint8Array(readFileSync(path)) }
}
const ID1 = makeIdCard('620102', '1982-03-15', 12)
const ID2 = makeIdCard('620102', '1982-03-16', 22)
const unitOf = (ctx: AppContext, idCard: string) =>
  (ctx.db.prepare('SELECT u.name FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE c.id_card = ?').pluck().get(idCard) as string | null) ?? null

function tree(ctx: AppContext) {
  const dept = saveUnit(ctx, { id: null, name: '县直部门', parentId: null, kind: null }).id
  const fin = saveUnit(ctx, { id: null, name: '县财政局', parentId: dept, kind: '县直部门' }).id
  return { dept, fin }
}

describe('unitNameFromPosition', () => {
  it.each([
    ['县新农村服务中心主任', '县新农村服务中心'],
    ['财政局副局长', '财政局'],
    ['城关镇党委副书记、镇长', '城关镇'],
    ['县发展和改革局党组书记、局长', '县发展和改革局'],
    ['县人民政府办公室主任', '县人民政府办公室'],
    ['一级主任科员', null],
    ['', null],
  ])('%s → %s', (position, unit) => {
    expect(unitNameFromPosition(position)).toBe(unit)
  })
})

describe('LRMX import: a cadre whose unit the file does not give', () => {
  it('the preview asks, with the unit 现任职务 seems to name and close names of the tree', async () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    const t = tree(ctx)
    const f = lrmxFile('李秀兰', ID1, '财政局副局长')
    const r = await previewLrmx(ctx, f.bytes, '李秀兰.lrmx')
    expect(r.items[0]?.action).toBe('create')
    expect(r.items[0]?.unitQuestion).toEqual({
      proposed: '财政局',
      guessedKind: null,
      suggestions: [{ id: t.fin, name: '县财政局', path: '县直部门 › 县财政局', score: 0.95 }],
    })
    // A 现任职务 that names a unit of the tree is taken as before, without a question.
    const g = lrmxFile('王芳', ID2, '县财政局科员')
    const r2 = await previewLrmx(ctx, g.bytes, '王芳.lrmx')
    expect(r2.items[0]?.unitQuestion).toBeUndefined()
    expect(r2.items[0]?.changes.find((c) => c.key === 'unit')?.after).toBe('县财政局')
  })

  it.each([
    { how: 'map', choice: (t: ReturnType<typeof tree>) => ({ action: 'map' as const, unitId: t.fin }), unit: '县财政局', created: 0 },
    {
      how: 'create',
      choice: (t: ReturnType<typeof tree>) => ({ action: 'create' as const, name: '县新农村服务中心', parentId: t.dept, kind: '事业单位' }),
      unit: '县新农村服务中心',
      created: 1,
    },
    { how: 'none', choice: () => ({ action: 'none' as const }), unit: null, created: 0 },
  ])('$how: applied in the import, shown in the preview', async ({ choice, unit, created }) => {
    const ctx = memoryContext({ at: '2026-11-30' })
    const t = tree(ctx)
    const f = lrmxFile('李秀兰', ID1, '县新农村服务中心主任')
    const units = { [ID1]: choice(t) }
    const p = await previewLrmx(ctx, f.bytes, '李秀兰.lrmx', units)
    expect(p.items[0]?.unitQuestion).toBeUndefined()
    expect(p.items[0]?.changes.find((c) => c.key === 'unit')?.after ?? null).toBe(unit)
    const r = await applyLrmx(ctx, f.bytes, '李秀兰.lrmx', units)
    expect(r.created).toBe(1)
    expect(unitOf(ctx, ID1)).toBe(unit)
    expect(ctx.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'unit' AND action = 'create' AND summary LIKE '导入任免审批表文件%'").pluck().get()).toBe(created)
    if (created) {
      expect(ctx.db.prepare("SELECT parent_id, kind FROM units WHERE name = '县新农村服务中心'").get()).toEqual({ parent_id: t.dept, kind: '事业单位' })
    }
  })

  it('a zip of two files creating the same unit creates it once', async () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    const t = tree(ctx)
    const zip = new JSZip()
    zip.file('a.lrmx', lrmxFile('李秀兰', ID1, '县新农村服务中心主任').bytes)
    zip.file('b.lrmx', lrmxFile('王芳', ID2, '县新农村服务中心副主任').bytes)
    const bytes = await zip.generateAsync({ type: 'uint8array' })
    const create = { action: 'create' as const, name: '县新农村服务中心', parentId: t.dept, kind: '事业单位' }
    const r = await applyLrmx(ctx, bytes, '两人.zip', { [ID1]: create, [ID2]: create })
    expect(r.created).toBe(2)
    expect(unitOf(ctx, ID1)).toBe('县新农村服务中心')
    expect(unitOf(ctx, ID2)).toBe('县新农村服务中心')
    expect(ctx.db.prepare("SELECT count(*) FROM units WHERE name = '县新农村服务中心'").pluck().get()).toBe(1)
  })

  it('a unit removed between the preview and the import stops the whole import', async () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    const t = tree(ctx)
    const gone = saveUnit(ctx, { id: null, name: '县农业农村局', parentId: t.dept, kind: null }).id
    const f = lrmxFile('李秀兰', ID1, '农业局副局长')
    const units = { [ID1]: { action: 'map' as const, unitId: gone } }
    expect((await previewLrmx(ctx, f.bytes, 'x.lrmx', units)).items[0]?.unitQuestion).toBeUndefined()
    ctx.db.prepare('DELETE FROM units WHERE id = ?').run(gone)
    await expect(applyLrmx(ctx, f.bytes, 'x.lrmx', units)).rejects.toThrow(`“x.lrmx”要对应的单位（编号 ${gone}）已不存在，请重新预览并选择`)
    expect(ctx.db.prepare('SELECT count(*) FROM cadres').pluck().get()).toBe(0)
  })
})

describe('LRMX import: a unit question left open', () => {
  it('the window (lrmx.apply answers every question) refuses it, naming the person; nothing is written', async () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    tree(ctx)
    const f = lrmxFile('李秀兰', ID1, '县新农村服务中心主任')
    await expect(applyLrmx(ctx, f.bytes, '李秀兰.lrmx', {}, { unitsAnswered: true })).rejects.toThrow(
      '以下干部的单位尚未确定：李秀兰（李秀兰.lrmx）。请在预览中为其选择单位，或选择“暂不指定单位”后再导入',
    )
    expect(ctx.db.prepare('SELECT count(*) FROM cadres').pluck().get()).toBe(0)
  })

  it('the command line (no preview to answer in) lands the cadre without a unit and says so', async () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    tree(ctx)
    const f = lrmxFile('李秀兰', ID1, '县新农村服务中心主任')
    const r = await applyLrmx(ctx, f.bytes, '李秀兰.lrmx')
    expect(r.created).toBe(1)
    expect(unitOf(ctx, ID1)).toBeNull()
    expect(r.items[0]?.warnings).toContain(
      '单位未确定：文件不含单位，现任职务也没有对应到单位树中的单位（看似“县新农村服务中心”），已按暂不指定单位导入，请到干部信息补填单位',
    )
  })
})

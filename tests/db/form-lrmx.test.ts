/**
 * LRMX through the database: export then import gives the same cadre; a preview says what would
 * change and writes nothing; hostile files and zip bombs are refused with a message and change
 * nothing; a zip of many lands the good files and lists the bad ones.
 */
import { crc32, deflateRawSync } from 'node:zlib'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeIdCard } from '../../main/domain/idcard'
import { openDatabase, type Db } from '../../main/db/open'
import { AppError } from '../../main/domain/errors'
import { latestForm, readCadre, saveForm } from '../../main/form/data'
import { exportLrmx } from '../../main/lrmx/export'
import { applyLrmx, previewLrmx } from '../../main/lrmx/import'
import { createContext, type AppContext } from '../../main/services/context'
import { PHOTO, seedCadre } from './form-fixture'

function newCtx(): AppContext {
  const dir = mkdtempSync(join(tmpdir(), 'lrmx-'))
  const db = openDatabase(join(dir, 'cadres.db'))
  return createContext({
    db,
    dbPath: join(dir, 'cadres.db'),
    dataDir: dir,
    host: 'test',
    actor: 'tester',
    at: '2026-11-23',
  })
}

function counts(db: Db): { cadres: number; resume: number; family: number; forms: number; audit: number } {
  const n = (t: string): number => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
  return {
    cadres: n('cadres'),
    resume: n('resume_entries'),
    family: n('family_members'),
    forms: n('appointment_forms'),
    audit: n('audit_log'),
  }
}

async function refusedWith(p: Promise<unknown>, re: RegExp): Promise<void> {
  let err: unknown
  try {
    await p
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(AppError)
  expect((err as AppError).message).toMatch(re)
}

function utf8(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'utf8'))
}

/** A zip written by hand, so the sizes it declares can be chosen (zip bombs). */
function rawZip(entries: { name: string | Buffer; data: Buffer; declaredSize?: number }[]): Uint8Array {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const comp = deflateRawSync(e.data)
    // A Buffer name is written as it is, without the UTF-8 flag (zips made on Chinese Windows: GBK).
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name
    const flags = typeof e.name === 'string' ? 0x0800 : 0
    const crc = crc32(e.data)
    const size = e.declaredSize ?? e.data.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(comp.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const cd = Buffer.alloc(46)
    cd.writeUInt32LE(0x02014b50, 0)
    cd.writeUInt16LE(20, 4)
    cd.writeUInt16LE(20, 6)
    cd.writeUInt16LE(flags, 8)
    cd.writeUInt16LE(8, 10)
    cd.writeUInt32LE(crc, 16)
    cd.writeUInt32LE(comp.length, 20)
    cd.writeUInt32LE(size, 24)
    cd.writeUInt16LE(name.length, 28)
    cd.writeUInt32LE(offset, 42)
    parts.push(local, name, comp)
    central.push(cd, name)
    offset += local.length + name.length + comp.length
  }
  const cdBuf = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cdBuf.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...parts, cdBuf, end]))
}

let a: AppContext
let b: AppContext
beforeEach(() => {
  a = newCtx()
  b = newCtx()
})
afterEach(() => {
  a.db.close()
  b.db.close()
})

describe('LRMX export and import', () => {
  it('export then import into an empty database gives the same cadre, and exporting again the same file', async () => {
    const c = seedCadre(a.db)
    saveForm(a, {
      cadreId: c.id,
      formId: null,
      proposedPosition: '县农业农村局局长',
      proposedRemoval: '城关镇镇长职务',
      reason: '工作需要',
      reportingUnit: '中共临洮县委组织部',
      filledBy: '赵敏',
      ageAt: '2026-11-01',
      filledAt: '2026-11-05',
    })
    const out = exportLrmx(a, c.id)
    expect(out.fileName).toBe('王建国.lrmx')

    const preview = await previewLrmx(b, out.bytes, out.fileName)
    expect(preview).toMatchObject({ files: 1, created: 1, updated: 0, rejected: 0, applied: false })
    expect(counts(b.db).cadres).toBe(0)

    const rep = await applyLrmx(b, out.bytes, out.fileName)
    expect(rep).toMatchObject({ files: 1, created: 1, applied: true })
    const id = rep.items[0]?.cadreId ?? 0
    const src = readCadre(a.db, c.id)
    const got = readCadre(b.db, id)
    // LRMX has no 工作单位 as a unit, no 职务层次/职级/状态/电话: everything else comes back.
    const {
      unit: _u,
      positionLevel: _pl,
      positionDate: _pd,
      rank: _r,
      rankDate: _rd,
      phone: _ph,
      ...carried
    } = src.fields
    expect(got.fields).toMatchObject(carried)
    expect(got.resume).toEqual(src.resume)
    expect(got.family).toEqual(src.family)
    expect(got.photo).toEqual(PHOTO)
    expect(latestForm(b.db, id)).toMatchObject({
      proposedPosition: '县农业农村局局长',
      proposedRemoval: '城关镇镇长职务',
      reason: '工作需要',
      reportingUnit: '中共临洮县委组织部',
      filledBy: '赵敏',
      ageAt: '2026-11-01',
      filledAt: '2026-11-05',
      rewardsText: '2024.12 获县委“优秀共产党员”。',
      // 年度考核结果 became per-year records; the form composes the text from them again.
      assessmentText: null,
    })
    expect(
      b.db
        .prepare("SELECT year, grade FROM assessments WHERE cadre_id = ? AND kind = '年度考核' ORDER BY year")
        .all(id),
    ).toEqual([
      { year: 2023, grade: '称职' },
      { year: 2024, grade: '称职' },
      { year: 2025, grade: '优秀' },
    ])
    expect(exportLrmx(b, id).xml).toBe(out.xml)

    // The audit log says who created whom from which file.
    const audit = b.db.prepare("SELECT actor, action, summary FROM audit_log WHERE entity = 'cadre'").all()
    expect(audit).toEqual([
      { actor: 'tester', action: 'create', summary: '从任免审批表文件“王建国.lrmx”新建干部王建国' },
    ])

    // Importing the same file again changes nothing.
    const again = await applyLrmx(b, out.bytes, out.fileName)
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 })
  })

  it('re-importing a file exported from the same database changes nothing', async () => {
    const c = seedCadre(a.db)
    const before = counts(a.db)
    const out = exportLrmx(a, c.id)
    const rep = await applyLrmx(a, out.bytes, out.fileName)
    expect(rep).toMatchObject({ created: 0, updated: 0, unchanged: 1 })
    expect(rep.items[0]?.changes).toEqual([])
    expect(counts(a.db)).toEqual(before)
  })

  it('matches by ID number and previews what would change, without writing', async () => {
    const c = seedCadre(a.db)
    seedCadre(b.db)
    const before = counts(b.db)
    const xml = exportLrmx(a, c.id)
      .xml.replace(
        '<XianRenZhiWu>城关镇党委副书记、镇长</XianRenZhiWu>',
        '<XianRenZhiWu>县农业农村局局长</XianRenZhiWu>',
      )
      .replace('<MinZu>回族</MinZu>', '<MinZu>汉</MinZu>')
    const preview = await previewLrmx(b, utf8(xml), '王建国.lrmx')
    expect(preview).toMatchObject({ created: 0, updated: 1, applied: false })
    const changes = preview.items[0]?.changes ?? []
    expect(changes.find((x) => x.key === 'position')).toEqual({
      key: 'position',
      label: '现任职务',
      before: '城关镇党委副书记、镇长',
      after: '县农业农村局局长',
    })
    expect(changes.find((x) => x.key === 'ethnicity')).toMatchObject({ before: '回族', after: '汉族' })
    expect(counts(b.db)).toEqual(before)

    const rep = await applyLrmx(b, utf8(xml), '王建国.lrmx')
    expect(rep.updated).toBe(1)
    const got = readCadre(b.db, rep.items[0]?.cadreId ?? 0)
    expect(got.fields.position).toBe('县农业农村局局长')
    expect(got.fields.unit).toBe('城关镇') // kept: the file has no unit
    const audit = b.db
      .prepare("SELECT before, after FROM audit_log WHERE entity = 'cadre' AND action = 'update'")
      .get() as {
      before: string
      after: string
    }
    expect(JSON.parse(audit.before)).toMatchObject({ position: '城关镇党委副书记、镇长', ethnicity: '回族' })
    expect(JSON.parse(audit.after)).toMatchObject({ position: '县农业农村局局长', ethnicity: '汉族' })
  })

  it('imports a zip of many files, lists the ones it refuses and lands the others together', async () => {
    const zip = new JSZip()
    const ids = [
      makeIdCard('620102', '1985-02-02', 2),
      makeIdCard('620102', '1986-03-03', 1),
      makeIdCard('620102', '1987-04-04', 2),
    ]
    ids.forEach((idCard, i) => {
      const c = seedCadre(a.db, { name: `干部${i + 1}`, idCard })
      zip.file(`二〇二六年/干部${i + 1}.lrmx`, exportLrmx(a, c.id).bytes)
    })
    zip.file(
      '坏文件.lrmx',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Person>&e;</Person>',
    )
    zip.file('说明.txt', '请导入')
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
    const rep = await applyLrmx(b, bytes, '任免表.zip')
    expect(rep).toMatchObject({ files: 5, created: 3, rejected: 2 })
    expect(rep.items.find((i) => i.file === '坏文件.lrmx')?.message).toMatch(/出于安全原因拒绝导入/)
    expect(rep.items.find((i) => i.file === '说明.txt')?.message).toMatch(/不是 \.lrmx 文件/)
    expect(counts(b.db).cadres).toBe(3)
  })
})

describe('LRMX zips from Chinese Windows', () => {
  it('reads entry names written in GBK', async () => {
    const c = seedCadre(a.db)
    // “王建国.lrmx” in GBK
    const gbkName = Buffer.from([0xcd, 0xf5, 0xbd, 0xa8, 0xb9, 0xfa, ...Buffer.from('.lrmx')])
    const bytes = rawZip([{ name: gbkName, data: Buffer.from(exportLrmx(a, c.id).bytes) }])
    const rep = await previewLrmx(b, bytes, '任免表.zip')
    expect(rep.items.map((i) => [i.file, i.action])).toEqual([['王建国.lrmx', 'create']])
  })
})

describe('LRMX import refuses hostile files and changes nothing', () => {
  const hostile: [string, () => Uint8Array, RegExp][] = [
    [
      'an external entity',
      () =>
        utf8(
          '<?xml version="1.0"?>\n<!DOCTYPE Person [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Person><XingMing>&xxe;</XingMing></Person>',
        ),
      /出于安全原因拒绝导入/,
    ],
    [
      'a billion-laughs bomb',
      () =>
        utf8(
          '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
            '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><Person><XingMing>&lol2;</XingMing></Person>',
        ),
      /出于安全原因拒绝导入/,
    ],
    ['a huge file', () => new Uint8Array(6 * 1024 * 1024).fill(0x41), /超过任免审批表文件的上限/],
    ['not XML at all', () => utf8('姓名,身份证号\n张三,620102198001010018'), /不是有效的 XML/],
    [
      'a zip bomb (declared sizes)',
      () =>
        rawZip(
          Array.from({ length: 25 }, (_, i) => ({
            name: `p${i}.lrmx`,
            data: Buffer.alloc(10 * 1024 * 1024),
          })),
        ),
      /压缩炸弹/,
    ],
  ]
  it.each(hostile)('%s', async (_name, make, re) => {
    seedCadre(b.db)
    const before = counts(b.db)
    const bytes = make()
    await refusedWith(previewLrmx(b, bytes, 'x.lrmx'), re)
    await refusedWith(applyLrmx(b, bytes, 'x.lrmx'), re)
    expect(counts(b.db)).toEqual(before)
  })

  it('a zip entry that inflates far beyond what it declares is stopped and refused', async () => {
    seedCadre(b.db)
    const before = counts(b.db)
    const bytes = rawZip([
      { name: 'liar.lrmx', data: Buffer.alloc(8 * 1024 * 1024, 0x20), declaredSize: 2000 },
    ])
    await refusedWith(applyLrmx(b, bytes, 'x.zip'), /没有可导入的 \.lrmx 文件/)
    const good = exportLrmx(
      a,
      seedCadre(a.db, { idCard: makeIdCard('620102', '1985-02-02', 2), name: '甲' }).id,
    ).bytes
    const mixed = rawZip([
      { name: 'liar.lrmx', data: Buffer.alloc(8 * 1024 * 1024, 0x20), declaredSize: 2000 },
      { name: 'good.lrmx', data: Buffer.from(good) },
    ])
    const rep = await applyLrmx(b, mixed, 'x.zip')
    expect(rep.items.find((i) => i.file === 'liar.lrmx')?.message).toMatch(/解压后超过 5 MB/)
    expect(rep.created).toBe(1)
    expect(counts(b.db).cadres).toBe(before.cadres + 1)
  })
})

/**
 * Rosters in every layout county units send, built with exceljs (and SheetJS for .xls), imported
 * into a fresh database and checked field by field.
 */
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../main/db/open'
import { importRoster, type ImportReport } from '../../main/roster-import/engine'
import { createContext, type AppContext } from '../../main/services/context'
import {
  ID,
  PHOTO_WANG,
  PHOTO_ZHANG,
  date1904Roster,
  fieldCodeRoster,
  groupedRoster,
  instructionsFirstRoster,
  perRowRoster,
  photoRoster,
  twoLevelRoster,
  validationsRoster,
  xlsRoster,
} from '../fixtures/make-rosters'

function fresh(): AppContext {
  const db = openDatabase(':memory:')
  return createContext({ db, dbPath: ':memory:', dataDir: '/tmp', host: 'test', actor: 'test', at: '2026-11-23' })
}

interface Row {
  [k: string]: unknown
}

function person(ctx: AppContext, idCard: string): Row | undefined {
  return ctx.db
    .prepare('SELECT c.*, u.name AS unit FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE id_card = ?')
    .get(idCard) as Row | undefined
}

async function run(ctx: AppContext, bytes: Buffer, fileName: string, extra: { onDuplicate?: 'skip' | 'update' } = {}): Promise<ImportReport> {
  return (await importRoster(ctx, { bytes, fileName, ...extra })).report
}

describe('one person per row, merged title and information rows', () => {
  it('finds the header under the title, normalises every value, rejects the bad rows with their cell', async () => {
    const ctx = fresh()
    const r = await run(ctx, await perRowRoster(), '一人一行.xlsx')
    expect(r.sheet).toBe('干部花名册')
    expect(r.headerRow).toBe(3)
    expect(r.columns.map((c) => c.key)).toEqual([
      null, 'name', 'gender', 'birthDate', 'ethnicity', 'nativePlace', 'partyJoinDate', 'workStartDate', 'unit', 'position', 'idCard', 'phone', null,
    ])
    expect(r.columns[3]?.header).toBe('出生年月')
    expect(r.rows).toBe(6)
    expect([r.inserted, r.updated, r.skipped]).toEqual([3, 0, 0])
    expect(r.rejected).toEqual([
      { row: 7, column: 'K', key: 'idCard', value: '4.1082119750301E+17', message: '身份证号被 Excel 存成了数字，末尾数字已丢失，请把该列设为文本后重新录入' },
      { row: 8, column: 'K', key: 'idCard', value: expect.any(String), message: expect.stringMatching(/^身份证号校验位错误/) },
      { row: 9, column: 'C', key: 'gender', value: '女', message: '性别“女”与身份证号不符（身份证号第17位表示男）' },
    ])
    expect(r.warnings.map((w) => [w.row, w.column, w.key])).toEqual([
      [5, 'D', 'birthDate'],
      [5, 'H', 'workStartDate'],
    ])
    expect(r.warnings[1]?.message).toContain('2004.10')
    expect(r.newUnits).toEqual(['县财政局', '县教育局', '某某镇'])

    expect(person(ctx, ID.zhang)).toMatchObject({
      name: '张三',
      name_initials: 'zs',
      name_pinyin: 'zhangsan',
      gender: '男',
      birth_date: '1975-03',
      ethnicity: '汉族',
      native_place: '甘肃兰州',
      party_join_date: '1998-06',
      work_start_date: '1996-07',
      unit: '县财政局',
      position: '局长',
      phone: '13800138000',
      status: '在职',
    })
    // lowercase x stored as X, 1982.1 resolved by the ID number, 2004.1 kept as January with a warning.
    expect(person(ctx, ID.li)).toMatchObject({ name: '李四', ethnicity: '回族', birth_date: '1982-10', work_start_date: '2004-01', phone: '13900000000' })
    // A date cell, an Excel serial in a number cell, full-width digits, a leading apostrophe.
    expect(person(ctx, ID.zhou)).toMatchObject({ name: '周八', birth_date: '1985-05', party_join_date: '2004-06', work_start_date: '2006-08', unit: '某某镇' })
    expect(person(ctx, ID.sun)).toBeUndefined()
    const units = ctx.db.prepare('SELECT name, kind FROM units ORDER BY sort_order').all()
    expect(units).toEqual([
      { name: '县财政局', kind: '县直部门' },
      { name: '县教育局', kind: '县直部门' },
      { name: '某某镇', kind: '乡镇' },
    ])
  })
})

describe('two-level header', () => {
  it('reads 全日制教育 / 在职教育 over 学历, 学位, 毕业院校系及专业', async () => {
    const ctx = fresh()
    const r = await run(ctx, await twoLevelRoster(), '两级表头.xlsx')
    expect(r.headerRow).toBe(2)
    expect(r.columns.map((c) => `${c.header}=${c.key}`)).toEqual([
      '姓名=name',
      '性别=gender',
      '出生年月=birthDate',
      '身份证号=idCard',
      '全日制教育 学历=eduFullTime',
      '全日制教育 学位=degreeFullTime',
      '全日制教育 毕业院校系及专业=schoolFullTime',
      '在职教育 学历=eduInService',
      '在职教育 学位=degreeInService',
      '在职教育 毕业院校系及专业=schoolInService',
      '现任职务=position',
    ])
    expect(r.inserted).toBe(2)
    expect(person(ctx, ID.zhang)).toMatchObject({
      edu_full_time: '大学',
      degree_full_time: '学士',
      school_full_time: '兰州大学汉语言文学专业',
      edu_in_service: '研究生',
      degree_in_service: '硕士',
      school_in_service: '中央党校经济管理专业',
      position: '县财政局局长',
    })
    expect(person(ctx, ID.li)).toMatchObject({ edu_full_time: '大专', degree_full_time: null, edu_in_service: '大学' })
  })
})

describe('field codes of the national system as headers', () => {
  it('maps A0101 … A1701 and stores the 简历 lines', async () => {
    const ctx = fresh()
    const r = await run(ctx, await fieldCodeRoster(), '字段代码.xlsx')
    expect(r.columns.map((c) => c.key)).toEqual([
      'name', 'gender', 'birthDate', 'ethnicity', 'nativePlace', 'birthPlace', 'partyJoinDate', 'idCard', 'position', 'resume',
    ])
    expect(r.inserted).toBe(2)
    const p = person(ctx, ID.zhang)
    expect(p).toMatchObject({ name: '张三', birth_date: '1975-03', ethnicity: '汉族', birth_place: '甘肃榆中', party_join_date: '1998-06' })
    const resume = ctx.db.prepare('SELECT start, end, text FROM resume_entries WHERE cadre_id = ? ORDER BY seq').all(p?.id)
    expect(resume).toEqual([
      { start: '1993-09', end: '1997-07', text: '兰州大学汉语言文学专业学习' },
      { start: '1997-07', end: '2015-03', text: '县财政局科员、副局长' },
      { start: '2015-03', end: null, text: '县财政局局长' },
    ])
  })
})

describe('grouped by unit', () => {
  it('gives each unit header row ("一、县财政局") to the people below it', async () => {
    const ctx = fresh()
    const r = await run(ctx, await groupedRoster(), '按机构.xlsx')
    expect(r.rows).toBe(4)
    expect(r.rejected).toEqual([])
    expect(r.newUnits).toEqual(['县财政局', '某某镇', '县新农村服务中心'])
    expect(person(ctx, ID.zhang)?.unit).toBe('县财政局')
    expect(person(ctx, ID.zhao)?.unit).toBe('县财政局')
    expect(person(ctx, ID.wang)?.unit).toBe('某某镇')
    expect(person(ctx, ID.zhou)?.unit).toBe('县新农村服务中心')
  })
})

describe('an instructions sheet first and a hidden sheet', () => {
  it('passes over both and imports the roster sheet', async () => {
    const ctx = fresh()
    const r = await run(ctx, await instructionsFirstRoster(), '说明页.xlsx')
    expect(r.sheet).toBe('花名册')
    expect(r.inserted).toBe(1)
    expect(person(ctx, ID.sun)).toBeUndefined()
  })
  it('refuses a hidden sheet only when asked for one that does not exist', async () => {
    const ctx = fresh()
    await expect(importRoster(ctx, { bytes: await instructionsFirstRoster(), fileName: 'x.xlsx', sheet: '没有' })).rejects.toThrow(
      /工作簿中没有名为“没有”的工作表（可选：“填表说明”、“花名册”）/,
    )
  })
})

describe('floating photos', () => {
  it('become the photo of the person whose row they sit on', async () => {
    const ctx = fresh()
    const r = await run(ctx, await photoRoster(), '照片.xlsx')
    expect(r.inserted).toBe(3)
    const photo = (id: string): Buffer | null =>
      (ctx.db.prepare('SELECT photo FROM cadres WHERE id_card = ?').pluck().get(id) as Buffer | null) ?? null
    expect(photo(ID.zhang)?.equals(PHOTO_ZHANG)).toBe(true)
    expect(photo(ID.wang)?.equals(PHOTO_WANG)).toBe(true)
    expect(photo(ID.li)).toBeNull()
  })
})

describe('whole-column dropdown validations', () => {
  it('a template with 21 columns of K3:K1048576 dropdowns imports in under 2 seconds', async () => {
    const ctx = fresh()
    const bytes = await validationsRoster(500)
    const t = performance.now()
    const r = await run(ctx, bytes, '模板.xlsx')
    const ms = performance.now() - t
    expect(r.inserted).toBe(500)
    expect(r.rejected).toEqual([])
    expect(ms).toBeLessThan(2000)
  })
})

describe('the 1904 date system', () => {
  it('reads date cells and serials in the workbook’s own date system', async () => {
    const ctx = fresh()
    const r = await run(ctx, await date1904Roster(), '1904.xlsx')
    expect(r.rejected).toEqual([])
    // 33480 days after 1904-01-01 is 1995-08-31 (it would be 1991-08-30 in the 1900 system).
    expect(person(ctx, ID.zhang)).toMatchObject({ birth_date: '1975-03', work_start_date: '1995-08' })
  })
})

describe('the older .xls format', () => {
  it('imports a BIFF8 file written by SheetJS', async () => {
    const ctx = fresh()
    const r = await run(ctx, xlsRoster(), '旧版.xls')
    expect(r.headerRow).toBe(2)
    expect(r.inserted).toBe(2)
    expect(person(ctx, ID.li)).toMatchObject({ name: '李四', birth_date: '1982-10', unit: '县教育局' })
  })
})

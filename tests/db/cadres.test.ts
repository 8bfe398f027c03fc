import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../main/db/open'
import type { CadreInput } from '../../main/domain/cadre'
import { AppError } from '../../main/domain/errors'
import { makeIdCard } from '../../main/domain/idcard'
import { listAudit } from '../../main/services/audit'
import {
  findCadreIdByIdCard,
  getCadre,
  getCadrePhoto,
  insertCadresBulk,
  queryCadres,
  saveCadre,
  setCadrePhoto,
  setCadreStatus,
  type BulkCadreInput,
} from '../../main/services/cadres'
import { createContext, type AppContext } from '../../main/services/context'
import { getSetting, setSetting } from '../../main/services/settings'
import { ensureUnit, guessUnitKind, listUnits, saveUnit } from '../../main/services/units'
import { addRecord } from '../../main/records/entries'
import { createCoreHandlers } from '../../main/ipc/handlers/core'
import { createDispatcher, type Handlers } from '../../main/ipc/registry'

let ctx: AppContext

beforeEach(() => {
  const db = openDatabase(':memory:')
  ctx = createContext({
    db,
    dbPath: ':memory:',
    dataDir: '/nonexistent',
    host: 'test',
    at: '2026-11-23',
    actor: '张科员',
  })
})
afterEach(() => ctx.db.close())

const ZHANG = makeIdCard('410821', '1975-03-01'.replace(/-/g, ''), 11) // odd sequence: 男
const LI = makeIdCard('410821', '19820715', 22) // even: 女

function input(over: Partial<CadreInput> = {}): CadreInput {
  return { id: null, name: '张三', idCard: ZHANG, unit: '县财政局', position: '局长', ...over }
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an AppError')
}

describe('saveCadre', () => {
  it('normalises, fills gender and birth month from the ID, resolves the unit and audits the creation', () => {
    const c = saveCadre(
      ctx,
      input({
        name: ' 张  三 ',
        ethnicity: '汉',
        partyJoinDate: '1998.7',
        workStartDate: '1997年7月',
        phone: '１３９００００００００',
      }),
    )
    expect(c.name).toBe('张三')
    expect(c.gender).toBe('男')
    expect(c.birthDate).toBe('1975-03')
    expect(c.ethnicity).toBe('汉族')
    expect(c.partyJoinDate).toBe('1998-07')
    expect(c.workStartDate).toBe('1997-07')
    expect(c.phone).toBe('13900000000')
    expect(c.status).toBe('在职')
    expect(c.unit).toBe('县财政局')
    expect(c.unitId).not.toBeNull()
    const audit = listAudit(ctx, { cadreId: c.id })
    expect(audit.total).toBe(1)
    expect(audit.entries[0]).toMatchObject({
      action: 'create',
      actor: '张科员',
      summary: '新建干部档案：张三（县财政局）',
    })
  })

  it('stores a lowercase x as X', () => {
    const x = makeIdCard('110105', '19491001', 3)
    // find a sequence whose check character is X
    let id = x
    for (let s = 1; s < 999 && !id.endsWith('X'); s++) id = makeIdCard('110105', '19491001', s)
    expect(id.endsWith('X')).toBe(true)
    const c = saveCadre(ctx, input({ idCard: id.toLowerCase(), gender: null }))
    expect(c.idCard).toBe(id)
  })

  it.each([
    [
      'a wrong check digit',
      { idCard: ZHANG.slice(0, 17) + (ZHANG[17] === '1' ? '2' : '1') },
      'idCard',
      /校验位错误/,
    ],
    ['an Excel number', { idCard: '4.1082119750301E+17' }, 'idCard', /Excel 存成了数字/],
    ['a contradicting gender', { gender: '女' }, 'gender', /与身份证号不符/],
    [
      'a contradicting birth month',
      { birthDate: '1975-04' },
      'birthDate',
      /1975\.04 与身份证号中的 1975\.03 不符/,
    ],
    ['a month that is not a month', { positionDate: '2020.13' }, 'positionDate', /任现职务时间.*13/],
    ['a year without month', { rankDate: '2019' }, 'rankDate', /完整的年月/],
    ['an empty name', { name: '  ' }, 'name', /姓名不能为空/],
    ['a gender that is no gender', { gender: '未知' }, 'gender', /男.*女/],
    [
      'work started before birth',
      { workStartDate: '1974.07' },
      'workStartDate',
      /参加工作时间 1974\.07 早于出生年月 1975\.03/,
    ],
  ])('refuses %s with a Chinese message on the field and writes nothing', (_what, over, field, msg) => {
    const e = errorOf(() => saveCadre(ctx, input(over as Partial<CadreInput>)))
    expect(e.code).toBe('invalid-cadre')
    expect(e.fields?.[field]).toMatch(msg)
    expect(e.message).toMatch(msg)
    expect(queryCadres(ctx, { offset: 0, limit: 10, statuses: [] }).total).toBe(0)
    expect(listAudit(ctx, {}).total).toBe(0)
    expect(listUnits(ctx)).toHaveLength(0)
  })

  it('does not let old inconsistent data block an unrelated change', () => {
    const c = saveCadre(ctx, input())
    ctx.db.prepare("UPDATE cadres SET work_start_date = '1970-01' WHERE id = ?").run(c.id)
    expect(saveCadre(ctx, { id: c.id, position: '副局长' }).position).toBe('副局长')
    const e = errorOf(() => saveCadre(ctx, { id: c.id, workStartDate: '1971-01' }))
    expect(e.fields?.workStartDate).toMatch(/早于出生年月/)
  })

  it('names the other person when the ID number is already taken', () => {
    saveCadre(ctx, input())
    const e = errorOf(() => saveCadre(ctx, input({ name: '张山', unit: '县教育局' })))
    expect(e.code).toBe('duplicate-idcard')
    expect(e.fields?.idCard).toBe(`身份证号 ${ZHANG} 已属于 张三（县财政局），同一身份证号不能建两份档案`)
  })

  it('updates only the given fields, replaces resume and family, and audits just the changes', () => {
    const c = saveCadre(ctx, input({ resume: [{ start: '1993-09', end: '1997-07', text: '兰州大学学习' }] }))
    const u = saveCadre(ctx, {
      id: c.id,
      position: '县财政局党组书记、局长',
      resume: [
        { start: '1993-09', end: '1997-07', text: '兰州大学学习' },
        { start: '1997-07', end: null, text: '县财政局工作' },
      ],
      family: [
        {
          relation: '妻子',
          name: '王 芳',
          birthDate: '1977-02',
          politicalStatus: '中共党员',
          workUnitPosition: '县一中教师',
        },
      ],
    })
    expect(u.position).toBe('县财政局党组书记、局长')
    expect(u.name).toBe('张三')
    expect(u.unit).toBe('县财政局')
    expect(u.resume).toHaveLength(2)
    expect(u.family).toEqual([
      {
        relation: '妻子',
        name: '王芳',
        birthDate: '1977-02',
        politicalStatus: '中共党员',
        workUnitPosition: '县一中教师',
      },
    ])
    const last = listAudit(ctx, { cadreId: c.id }).entries[0]
    expect(last?.action).toBe('update')
    expect(last?.summary).toBe('修改 张三 的现任职务、简历、家庭主要成员')
    expect(last?.before).toMatchObject({ position: '局长' })
    expect(last?.after).toMatchObject({ position: '县财政局党组书记、局长' })
    expect(Object.keys(last?.after as object)).toEqual(['position', 'resume', 'family'])
    // Saving the same values again changes nothing and writes no audit entry.
    saveCadre(ctx, { id: c.id, position: '县财政局党组书记、局长' })
    expect(listAudit(ctx, { cadreId: c.id }).total).toBe(2)
  })

  it('rolls back the whole save when the family list is bad', () => {
    const c = saveCadre(ctx, input())
    const e = errorOf(() =>
      saveCadre(ctx, {
        id: c.id,
        position: '副局长',
        family: [
          { relation: '', name: '王芳', birthDate: null, politicalStatus: null, workUnitPosition: null },
        ],
      }),
    )
    expect(e.fields?.family).toMatch(/第 1 行：称谓不能为空/)
    expect(getCadre(ctx, c.id).position).toBe('局长')
  })

  it('marks a person as retired without deleting, and audits the note', () => {
    const c = saveCadre(ctx, input())
    const r = setCadreStatus(ctx, c.id, '退休', '2026年11月退休')
    expect(r.status).toBe('退休')
    expect(queryCadres(ctx, { offset: 0, limit: 10 }).total).toBe(0)
    expect(queryCadres(ctx, { offset: 0, limit: 10, statuses: ['退休'] }).total).toBe(1)
    expect(listAudit(ctx, { cadreId: c.id }).entries[0]?.summary).toBe(
      '张三 的状态由“在职”改为“退休”：2026年11月退休',
    )
  })
})

describe('photos', () => {
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1])
  it('stores a JPEG, refuses other bytes and big files, audits without the bytes', () => {
    const c = saveCadre(ctx, input())
    expect(setCadrePhoto(ctx, c.id, jpeg).hasPhoto).toBe(true)
    expect(Array.from(getCadrePhoto(ctx, c.id) ?? [])).toEqual(Array.from(jpeg))
    expect(errorOf(() => setCadrePhoto(ctx, c.id, new TextEncoder().encode('GIF89a....'))).message).toBe(
      '照片不是 JPEG 或 PNG 图片（文件开头的字节为 47 49 46 38）',
    )
    const big = new Uint8Array(2 * 1024 * 1024 + 1)
    big.set(jpeg)
    expect(errorOf(() => setCadrePhoto(ctx, c.id, big)).message).toBe(
      '照片有 2.00 MB，超过 2 MB 的上限，请压缩后再上传',
    )
    const entry = listAudit(ctx, { cadreId: c.id }).entries[0]
    expect(entry?.summary).toBe('上传了 张三 的照片（JPEG，1 KB）')
    expect(JSON.stringify(entry)).not.toMatch(/255/)
    expect(setCadrePhoto(ctx, c.id, null).hasPhoto).toBe(false)
    expect(getCadrePhoto(ctx, c.id)).toBeNull()
  })
})

describe('units', () => {
  it('lists the tree with direct active counts and refuses cycles', () => {
    const town = ensureUnit(ctx, '城关镇')
    const office = ensureUnit(ctx, '城关镇党政办', '城关镇')
    expect(listUnits(ctx).find((u) => u.id === town)?.kind).toBe('乡镇')
    saveCadre(ctx, input({ unit: '城关镇党政办' }))
    saveCadre(ctx, input({ name: '李四', idCard: LI, unit: '城关镇' }))
    const units = listUnits(ctx)
    expect(units.map((u) => [u.name, u.parentId, u.count])).toEqual([
      ['城关镇', null, 1],
      ['城关镇党政办', town, 1],
    ])
    const e = errorOf(() => saveUnit(ctx, { id: town, name: '城关镇', parentId: office, kind: '乡镇' }))
    expect(e.message).toBe('不能把单位放到它自己或它的下级单位之下')
    expect(
      errorOf(() => saveUnit(ctx, { id: null, name: ' 城关镇 ', parentId: null, kind: null })).message,
    ).toBe('单位“城关镇”已存在')
  })
})

describe('guessUnitKind', () => {
  it.each([
    ['城关镇', '乡镇'],
    ['某某乡', '乡镇'],
    ['东城街道办事处', '街道'],
    ['县委组织部', '县委部门'],
    ['中共某某县委办公室', '县委部门'],
    ['县财政局', '县直部门'],
    ['某某县人民政府办公室', '县直部门'],
    ['县发展和改革委员会', '县直部门'],
    ['县人民医院', '事业单位'],
    ['县委党校', '事业单位'],
    ['城关镇党政办', null],
    ['某某村', null],
  ])('%s → %s', (name, kind) => expect(guessUnitKind(name)).toBe(kind))
})

describe('queryCadres', () => {
  function seed(): void {
    const units = { county: '县直机关', fin: '县财政局', town: '城关镇', office: '城关镇党政办' }
    ensureUnit(ctx, units.county)
    ensureUnit(ctx, units.fin, units.county)
    ensureUnit(ctx, units.town)
    ensureUnit(ctx, units.office, units.town)
    const people: BulkCadreInput[] = [
      {
        name: '张三',
        idCard: makeIdCard('410821', '19750301', 11),
        unit: units.fin,
        position: '局长',
        eduFullTime: '大学',
      },
      {
        name: '张山峰',
        idCard: makeIdCard('410821', '19900501', 13),
        unit: units.office,
        position: '科员',
        eduFullTime: '研究生',
      },
      { name: '李四', idCard: makeIdCard('410821', '19820715', 22), unit: units.town, position: '镇长' },
      { name: '王五', idCard: makeIdCard('410822', '19681201', 31), unit: units.office, position: null },
      { name: '赵六', idCard: makeIdCard('410822', '20000110', 42), unit: units.fin, status: '调出' },
    ]
    insertCadresBulk(ctx, people)
  }
  const names = (q: Parameters<typeof queryCadres>[1]): string[] =>
    queryCadres(ctx, q).rows.map((r) => r.name ?? '')

  it('finds by pinyin initials, full pinyin, name, ID number and unit name', () => {
    seed()
    const base = { offset: 0, limit: 50, sort: [{ key: 'id', dir: 'asc' as const }] }
    expect(names({ ...base, search: 'zs' })).toEqual(['张三', '张山峰'])
    // Without a sort of its own, the exact initials come first.
    expect(names({ offset: 0, limit: 50, search: 'zs' })).toEqual(['张三', '张山峰'])
    expect(names({ offset: 0, limit: 50, search: 'ZSF' })).toEqual(['张山峰'])
    expect(names({ ...base, search: 'zsf' })).toEqual(['张山峰'])
    expect(names({ ...base, search: 'zhang' })).toEqual(['张三', '张山峰'])
    expect(names({ ...base, search: '山' })).toEqual(['张山峰'])
    expect(names({ ...base, search: '19820715' })).toEqual(['李四'])
    expect(names({ ...base, search: '城关镇' })).toEqual(['张山峰', '李四', '王五'])
    expect(names({ ...base, search: '城关镇 w' })).toEqual(['王五'])
    expect(names({ ...base, search: '100%' })).toEqual([])
  })

  it('narrows to a unit and every unit below it, active by default', () => {
    seed()
    const town = ensureUnit(ctx, '城关镇')
    const county = ensureUnit(ctx, '县直机关')
    expect(names({ offset: 0, limit: 50, unitId: town, sort: [{ key: 'id', dir: 'asc' }] })).toEqual([
      '张山峰',
      '李四',
      '王五',
    ])
    expect(names({ offset: 0, limit: 50, unitId: county })).toEqual(['张三'])
    expect(names({ offset: 0, limit: 50, unitId: county, statuses: [] })).toEqual(['张三', '赵六'])
  })

  it('filters per column, including unit name, months typed with dots, and age ranges', () => {
    seed()
    const q = (
      filters: Record<
        string,
        { op: 'contains' | 'equals' | 'notEqual' | 'startsWith' | 'blank' | 'notBlank'; value?: string }
      >,
    ): string[] => names({ offset: 0, limit: 50, filters, sort: [{ key: 'id', dir: 'asc' }] })
    expect(q({ unit: { op: 'contains', value: '党政办' } })).toEqual(['张山峰', '王五'])
    expect(q({ position: { op: 'blank' } })).toEqual(['王五'])
    expect(q({ position: { op: 'notBlank' }, gender: { op: 'equals', value: '男' } })).toEqual([
      '张三',
      '张山峰',
    ])
    expect(q({ birthDate: { op: 'equals', value: '1975.3' } })).toEqual(['张三'])
    expect(q({ birthDate: { op: 'startsWith', value: '19' } })).toEqual(['张三', '张山峰', '李四', '王五'])
    // at 2026-11-23: 张三 51, 张山峰 36, 李四 44, 王五 57
    expect(q({ age: { op: 'equals', value: '40-52' } })).toEqual(['张三', '李四'])
    expect(q({ age: { op: 'equals', value: '>=50' } })).toEqual(['张三', '王五'])
    expect(q({ age: { op: 'notEqual', value: '36' } })).toEqual(['张三', '李四', '王五'])
    expect(() => q({ salary: { op: 'equals', value: '1' } })).toThrow('不能按“salary”筛选')
  })

  it('sorts by several columns, pages with a stable order and counts the total', () => {
    seed()
    const r = queryCadres(ctx, { offset: 0, limit: 2, sort: [{ key: 'age', dir: 'desc' }] })
    expect(r.total).toBe(4)
    expect(r.rows.map((x) => [x.name, x.age])).toEqual([
      ['王五', 57],
      ['张三', 51],
    ])
    const p2 = queryCadres(ctx, { offset: 2, limit: 2, sort: [{ key: 'age', dir: 'desc' }] })
    expect(p2.rows.map((x) => x.name)).toEqual(['李四', '张山峰'])
    expect(
      names({
        offset: 0,
        limit: 50,
        sort: [
          { key: 'unit', dir: 'asc' },
          { key: 'name', dir: 'desc' },
        ],
      }),
    ).toEqual(['张三', '李四', '张山峰', '王五'])
    // Education sorts by its hierarchy (研究生 before 大学), blanks last either way.
    expect(names({ offset: 0, limit: 50, sort: [{ key: 'eduFullTime', dir: 'asc' }] })).toEqual([
      '张山峰',
      '张三',
      '李四',
      '王五',
    ])
    expect(names({ offset: 0, limit: 50, sort: [{ key: 'eduFullTime', dir: 'desc' }] }).slice(0, 2)).toEqual([
      '张三',
      '张山峰',
    ])
    expect(() =>
      queryCadres(ctx, { offset: 0, limit: 5, sort: [{ key: 'photo; DROP TABLE cadres', dir: 'asc' }] }),
    ).toThrow(/不能按/)
  })
})

describe('queryCadres and impact periods', () => {
  it('shows the end of an impact period still running today and filters on it', () => {
    const a = saveCadre(ctx, input())
    const b = saveCadre(ctx, input({ name: '李四', idCard: LI }))
    const talk = {
      talker: null,
      reason: null,
      content: null,
      followUp: null,
      followUpDeadline: null,
      docNo: null,
    }
    addRecord(ctx, 'talks', a.id, { ...talk, date: '2026-08-03', kind: '诫勉谈话' }) // runs until 2027-02-03
    addRecord(ctx, 'talks', b.id, { ...talk, date: '2025-01-02', kind: '诫勉谈话' }) // ended 2025-07-02
    const all = queryCadres(ctx, { offset: 0, limit: 10, sort: [{ key: 'id', dir: 'asc' }] })
    expect(all.rows.map((r) => [r.name, r.impactUntil])).toEqual([
      ['张三', '2027-02-03'],
      ['李四', null],
    ])
    const running = queryCadres(ctx, { offset: 0, limit: 10, filters: { impactUntil: { op: 'notBlank' } } })
    expect(running.rows.map((r) => r.name)).toEqual(['张三'])
  })

  it('lists exact hits first when the grid has no sort of its own', () => {
    // 张山峰 is older in the file than 张三, yet typing `zs` puts 张三 first.
    insertCadresBulk(ctx, [
      { name: '张山峰', idCard: makeIdCard('410821', '19900501', 13) },
      { name: '张三', idCard: ZHANG },
    ])
    expect(queryCadres(ctx, { offset: 0, limit: 10, search: 'zs' }).rows.map((r) => r.name)).toEqual([
      '张三',
      '张山峰',
    ])
    expect(
      queryCadres(ctx, { offset: 0, limit: 10, search: 'zs', sort: [{ key: 'id', dir: 'asc' }] }).rows.map(
        (r) => r.name,
      ),
    ).toEqual(['张山峰', '张三'])
  })

  it('moves a person between units and the counts follow', () => {
    const c = saveCadre(ctx, input())
    saveCadre(ctx, { id: c.id, unit: '县教育局' })
    const counts = Object.fromEntries(listUnits(ctx).map((u) => [u.name, u.count]))
    expect(counts).toEqual({ 县财政局: 0, 县教育局: 1 })
    expect(listAudit(ctx, { cadreId: c.id }).entries[0]?.before).toEqual({ unit: '县财政局' })
  })

  it('refuses taking over another person’s ID number on update', () => {
    saveCadre(ctx, input())
    const li = saveCadre(ctx, input({ name: '李四', idCard: LI, unit: null }))
    const e = errorOf(() => saveCadre(ctx, { id: li.id, idCard: ZHANG, gender: null, birthDate: null }))
    expect(e.fields?.idCard).toMatch(/已属于 张三（县财政局）/)
    expect(getCadre(ctx, li.id).idCard).toBe(LI)
  })
})

describe('sorting by level and rank', () => {
  it('follows the hierarchy, not the characters', () => {
    insertCadresBulk(ctx, [
      { name: '甲', idCard: makeIdCard('410821', '19800101', 11), positionLevel: '副科', rank: '一级科员' },
      { name: '乙', idCard: makeIdCard('410821', '19800101', 13), positionLevel: '正处', rank: '二级调研员' },
      {
        name: '丙',
        idCard: makeIdCard('410821', '19800101', 15),
        positionLevel: '一般干部',
        rank: '四级主任科员',
      },
      { name: '丁', idCard: makeIdCard('410821', '19800101', 17), positionLevel: '正科', rank: null },
    ])
    const order = (key: string, dir: 'asc' | 'desc'): string[] =>
      queryCadres(ctx, { offset: 0, limit: 10, sort: [{ key, dir }] }).rows.map((r) => r.name ?? '')
    expect(order('positionLevel', 'asc')).toEqual(['乙', '丁', '甲', '丙'])
    expect(order('positionLevel', 'desc')).toEqual(['丙', '甲', '丁', '乙'])
    expect(order('rank', 'asc')).toEqual(['乙', '丙', '甲', '丁'])
  })
})

describe('insertCadresBulk', () => {
  it('lands every row or none, naming the bad row', () => {
    const rows: BulkCadreInput[] = [
      { name: '甲', idCard: makeIdCard('410821', '19800101', 11), unit: '县委办' },
      { name: '乙', idCard: makeIdCard('410821', '19800101', 11), unit: '县委办' },
    ]
    const e = errorOf(() => insertCadresBulk(ctx, rows))
    expect(e.message).toMatch(/第 2 条（乙）.*身份证号 .* 在本批数据中出现了两次（另见第 1 条）/)
    expect(queryCadres(ctx, { offset: 0, limit: 5 }).total).toBe(0)
    expect(listUnits(ctx)).toHaveLength(0)
    const ok = insertCadresBulk(ctx, [
      rows[0] as BulkCadreInput,
      { name: '丙', idCard: makeIdCard('410821', '19810101', 12) },
    ])
    expect(ok).toHaveLength(2)
    expect(findCadreIdByIdCard(ctx, makeIdCard('410821', '19810101', 12))).toBe(ok[1])
    expect(getCadre(ctx, ok[1] as number).gender).toBe('女')
    expect(listAudit(ctx, {}).entries[0]?.summary).toBe('批量新建 2 名干部')
  })
})

describe('settings and the IPC door', () => {
  it('keeps JSON settings by key', () => {
    expect(getSetting(ctx, 'grid.columns')).toBeNull()
    setSetting(ctx, 'grid.columns', [{ colId: 'name', width: 90 }])
    expect(getSetting(ctx, 'grid.columns')).toEqual([{ colId: 'name', width: 90 }])
  })

  it('answers through the dispatcher with Chinese errors as data', async () => {
    // The core part alone: the dispatcher calls only the handler of the channel it is asked for.
    const dispatch = createDispatcher(createCoreHandlers(ctx, { host: 'test' }) as Handlers)
    const saved = await dispatch('cadres.save', { id: null, name: '张三', idCard: ZHANG, gender: '女' })
    expect(saved).toMatchObject({
      ok: false,
      error: { code: 'invalid-cadre', fields: { gender: expect.stringMatching(/与身份证号不符/) } },
    })
    const info = await dispatch('app.info', undefined)
    expect(info).toMatchObject({
      ok: true,
      value: { cadreCount: 0, host: 'test', version: expect.stringMatching(/^\d+\.\d+/) },
    })
    const ok = await dispatch('cadres.save', { id: null, name: '张三', idCard: ZHANG, birthDate: '1975-03' })
    expect(ok).toMatchObject({ ok: true, value: { name: '张三', gender: '男' } })
    const found = await dispatch('cadres.query', { search: 'zs', offset: 0, limit: 10 })
    expect(found).toMatchObject({
      ok: true,
      value: { total: 1, rows: [{ name: '张三', age: 51, impactUntil: null }] },
    })
    const bad = await dispatch('cadres.query', { offset: -1, limit: 10 })
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/^参数无效/) },
    })
    // zod's default text in Chinese, never English ("Too big: expected string…")
    const long = await dispatch('cadres.query', { search: 'x'.repeat(500), offset: 0, limit: 10 })
    expect(long.ok).toBe(false)
    if (!long.ok) {
      expect(long.error.message).toMatch(/^参数无效（search）：.*过大/)
      expect(long.error.message).not.toMatch(/Too big|expected|Invalid/)
    }
    expect(await dispatch('settings.set', { key: 'k', value: { a: 1 } })).toEqual({ ok: true, value: null })
    expect(await dispatch('settings.get', { key: 'k' })).toEqual({ ok: true, value: { a: 1 } })
  })
})

describe('任现职务层次时间 (levelDate) survives a save of another field', () => {
  it('is read back by getCadre and kept when the phone is changed (it was wiped before)', () => {
    const c = saveCadre(ctx, { ...input(), idCard: makeIdCard('620102', '1981-04-02', 31), levelDate: '2020-04' })
    expect(getCadre(ctx, c.id).levelDate).toBe('2020-04')
    saveCadre(ctx, { id: c.id, phone: '13900000000' })
    expect(ctx.db.prepare('SELECT level_date FROM cadres WHERE id = ?').pluck().get(c.id)).toBe('2020-04')
  })
})

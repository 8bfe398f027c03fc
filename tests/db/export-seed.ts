/**
 * A small, realistic county for the export tests: a unit tree, people with every field filled
 * (or deliberately empty), ID numbers ending in X, months that end in 0 (1975.10), text that
 * starts with = + - @, and people who left (调出).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../main/db/open'
import { makeIdCard } from '../../main/domain/idcard'
import { createContext, type AppContext } from '../../main/services/context'
import { insertCadresBulk, type BulkCadreInput } from '../../main/services/cadres'
import { saveUnit } from '../../main/services/units'

export const EXPORT_DAY = '2026-11-23'

export function tempDir(prefix = 'export-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function freshContext(at = EXPORT_DAY): AppContext {
  const dir = tempDir()
  const dbPath = join(dir, 'cadres.sqlite')
  const db = openDatabase(dbPath)
  return createContext({ db, dbPath, dataDir: dir, actor: 'test', host: 'test', at })
}

export interface SeedUnits {
  office: number
  finance: number
  treasury: number
  town: number
}

export function seedUnits(ctx: AppContext): SeedUnits {
  const office = saveUnit(ctx, {
    id: null,
    name: '县委办公室',
    parentId: null,
    kind: '县委部门',
    sortOrder: 10,
  }).id
  const finance = saveUnit(ctx, {
    id: null,
    name: '县财政局',
    parentId: null,
    kind: '县直部门',
    sortOrder: 20,
  }).id
  const treasury = saveUnit(ctx, {
    id: null,
    name: '县财政局国库股',
    parentId: finance,
    kind: '县直部门',
    sortOrder: 21,
  }).id
  const town = saveUnit(ctx, { id: null, name: '某某镇', parentId: null, kind: '乡镇', sortOrder: 30 }).id
  return { office, finance, treasury, town }
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '马', '孙']
const GIVEN = ['建国', '秀英', '伟', '芳', '军', '丽娟', '海燕', '志强', '明', '静', '国华', '玉兰']
const UNITS = ['县委办公室', '县财政局', '县财政局国库股', '某某镇']
const POSITIONS = ['办公室主任', '副局长', '股长', '党委副书记', '科员', '镇长']

/** Person i of the synthetic county: every canonical field filled, deterministic. */
export function person(i: number): BulkCadreInput {
  const female = i % 3 === 1
  const year = 1965 + (i % 30)
  const month = (i % 12) + 1
  const mm = String(month).padStart(2, '0')
  const seq = (i % 400) * 2 + (female ? 2 : 1) // odd = male
  const idCard = makeIdCard('410821', `${year}-${mm}-${String((i % 27) + 1).padStart(2, '0')}`, seq)
  const member = i % 5 !== 4
  return {
    name:
      (SURNAMES[i % SURNAMES.length] ?? '王') +
      (GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] ?? '伟'),
    gender: female ? '女' : '男',
    birthDate: `${year}-${mm}`,
    ethnicity: i % 7 === 3 ? '回族' : '汉族',
    nativePlace: '河南温县',
    birthPlace: '河南温县',
    partyJoinDate: member ? `${year + 22}-10` : null,
    politicalStatus: member ? '中共党员' : '群众',
    workStartDate: `${year + 21}-07`,
    health: '健康',
    techTitle: i % 4 === 0 ? '经济师' : null,
    specialty: '财务管理',
    eduFullTime: '大学',
    degreeFullTime: '学士',
    schoolFullTime: '郑州大学会计学专业',
    eduInService: i % 2 === 0 ? '研究生' : null,
    degreeInService: i % 2 === 0 ? '硕士' : null,
    schoolInService: i % 2 === 0 ? '中共河南省委党校经济管理专业' : null,
    idCard,
    unit: UNITS[i % UNITS.length] ?? null,
    position: POSITIONS[i % POSITIONS.length] ?? null,
    positionLevel: i % 2 === 0 ? '正科' : '副科',
    positionDate: `20${String(10 + (i % 15)).padStart(2, '0')}-0${(i % 9) + 1}`,
    rank: '一级主任科员',
    rankDate: '2020-10',
    status: '在职',
    phone: `138${String(10000000 + i * 7919).slice(-8)}`,
  }
}

/** Inserts `count` people; returns their ID numbers in order. */
export function seedPeople(
  ctx: AppContext,
  count: number,
  patch: (i: number, p: BulkCadreInput) => BulkCadreInput = (_i, p) => p,
): string[] {
  const rows: BulkCadreInput[] = []
  const seen = new Set<string>()
  for (let i = 0; i < count; i++) {
    const p = patch(i, person(i))
    if (seen.has(p.idCard ?? '')) throw new Error(`seed: duplicate ID ${p.idCard}`)
    seen.add(p.idCard ?? '')
    rows.push(p)
  }
  insertCadresBulk(ctx, rows)
  return rows.map((r) => r.idCard ?? '')
}

/**
 * More people than the synthetic county has distinct ID numbers (they repeat after 10,800):
 * each further block of 10,800 gets its own region code.
 */
export function seedManyPeople(ctx: AppContext, count: number): string[] {
  return seedPeople(ctx, count, (i, p) => {
    const block = Math.floor(i / 10_800)
    if (block === 0 || !p.idCard) return p
    const birth = `${p.idCard.slice(6, 10)}-${p.idCard.slice(10, 12)}-${p.idCard.slice(12, 14)}`
    return { ...p, idCard: makeIdCard(`4108${21 + block}`, birth, Number(p.idCard.slice(14, 17))) }
  })
}

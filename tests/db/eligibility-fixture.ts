/**
 * Synthetic cadres with every record the eligibility rules read, inserted with plain SQL in one
 * transaction (fast enough for 100,000 in the bench). Deterministic for a seed.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../main/db/open'
import { makeIdCard } from '../../main/domain/idcard'
import { createContext, type AppContext } from '../../main/services/context'

/** A fresh database file in its own folder, with a context acting as 李部长 on `at`. */
export function openTempContext(prefix: string, at: string): { dir: string; db: Db; ctx: AppContext } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const db = openDatabase(join(dir, 'cadres.db'))
  const ctx = createContext({
    db,
    dbPath: join(dir, 'cadres.db'),
    dataDir: dir,
    host: 'test',
    actor: '李部长',
    at,
  })
  return { dir, db, ctx }
}

export function closeTempContext(t: { dir: string; db: Db }): void {
  t.db.close()
  rmSync(t.dir, { recursive: true, force: true })
}

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const pad = (n: number) => String(n).padStart(2, '0')

export interface PersonSpec {
  name: string
  birthDate?: string | null
  workStartDate?: string | null
  positionLevel?: string | null
  positionDate?: string | null
  rank?: string | null
  rankDate?: string | null
  eduFullTime?: string | null
  status?: string
  unit?: string
}

/** Inserts one cadre with the given fields and returns its id. */
export function insertCadre(db: Db, p: PersonSpec, n = 1): number {
  const unit = p.unit ?? '清川县财政局'
  db.prepare('INSERT OR IGNORE INTO units (name, kind) VALUES (?, ?)').run(unit, '县直部门')
  const unitId = (db.prepare('SELECT id FROM units WHERE name = ?').get(unit) as { id: number }).id
  const birth = p.birthDate ?? '1985-03'
  const idCard = makeIdCard('620102', `${birth.replace('-', '')}15`, 10 + n)
  const now = '2026-01-01T00:00:00Z'
  const r = db
    .prepare(
      `INSERT INTO cadres (id_card, name, gender, birth_date, political_status, party_join_date, work_start_date, edu_full_time,
        unit_id, position, position_level, position_date, rank, rank_date, status, created_at, updated_at)
       VALUES (?, ?, '男', ?, '中共党员', '2006-06', ?, ?, ?, '副局长', ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      idCard,
      p.name,
      p.birthDate === undefined ? birth : p.birthDate,
      p.workStartDate === undefined ? '2005-07' : p.workStartDate,
      p.eduFullTime === undefined ? '大学' : p.eduFullTime,
      unitId,
      p.positionLevel === undefined ? '副科' : p.positionLevel,
      p.positionDate === undefined ? '2022-05' : p.positionDate,
      p.rank === undefined ? '三级主任科员' : p.rank,
      p.rankDate === undefined ? '2021-05' : p.rankDate,
      p.status ?? '在职',
      now,
      now,
    )
  return Number(r.lastInsertRowid)
}

/** Records that make a cadre meet every default 正科 rule on 2026-11-23. */
export function addGoodRecords(db: Db, id: number): void {
  db.prepare(
    "INSERT INTO reserve_entries (cadre_id, level, entry_date, status) VALUES (?, '正科级后备', '2025-03', '在库')",
  ).run(id)
  db.prepare(
    "INSERT INTO postings (cadre_id, kind, place, start, end) VALUES (?, '第一书记', '某某村', '2021-06', '2023-06')",
  ).run(id)
  db.prepare(
    "INSERT INTO assessments (cadre_id, year, kind, grade) VALUES (?, 2025, '年度考核', '称职')",
  ).run(id)
}

/** `count` active cadres over 40 units with a realistic mix of records. */
export function seedCadres(db: Db, count: number, seed = 1): void {
  const r = rng(seed)
  const units = Array.from({ length: 40 }, (_, i) => `单位${i + 1}`)
  const LEVELS = ['一般干部', '一般干部', '副科', '副科', '正科']
  const RANKS = ['二级科员', '一级科员', '四级主任科员', '三级主任科员', '二级主任科员']
  const EDU = ['大学', '大学', '研究生', '大专', '中专', null]
  const GRADES = ['称职', '称职', '称职', '优秀', '基本称职']
  const now = '2026-01-01T00:00:00Z'
  db.transaction(() => {
    const insUnit = db.prepare('INSERT OR IGNORE INTO units (name, kind, sort_order) VALUES (?, ?, ?)')
    units.forEach((u, i) => insUnit.run(u, '县直部门', i))
    const unitIds = (db.prepare('SELECT id FROM units ORDER BY id').all() as { id: number }[]).map(
      (x) => x.id,
    )
    const insC = db.prepare(
      `INSERT INTO cadres (id_card, name, gender, birth_date, political_status, party_join_date, work_start_date, edu_full_time,
        unit_id, position, position_level, position_date, rank, rank_date, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, '中共党员', ?, ?, ?, ?, ?, ?, ?, ?, ?, '在职', ?, ?)`,
    )
    const insA = db.prepare('INSERT INTO assessments (cadre_id, year, kind, grade) VALUES (?, ?, ?, ?)')
    const insR = db.prepare(
      'INSERT INTO reserve_entries (cadre_id, level, entry_date, status) VALUES (?, ?, ?, ?)',
    )
    const insP = db.prepare('INSERT INTO postings (cadre_id, kind, place, start, end) VALUES (?, ?, ?, ?, ?)')
    const insT = db.prepare('INSERT INTO talks (cadre_id, date, kind) VALUES (?, ?, ?)')
    const insD = db.prepare('INSERT INTO discipline (cadre_id, date, system, measure) VALUES (?, ?, ?, ?)')
    const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!
    for (let i = 0; i < count; i++) {
      const by = 1966 + Math.floor(r() * 34)
      const bm = 1 + Math.floor(r() * 12)
      const birth = `${by}-${pad(bm)}`
      const idCard = makeIdCard('620102', `${by}${pad(bm)}${pad(1 + Math.floor(r() * 28))}`, i % 1000)
      const ws = by + 21 + Math.floor(r() * 4)
      const level = pick(LEVELS)
      const py = Math.max(ws + 2, 2026 - Math.floor(r() * 8))
      const rank = pick(RANKS)
      const unitId = unitIds[i % unitIds.length]!
      let id: number
      try {
        id = Number(
          insC.run(
            idCard,
            `干部${i}`,
            i % 3 === 0 ? '女' : '男',
            birth,
            `${ws + 1}-06`,
            `${ws}-07`,
            pick(EDU),
            unitId,
            `${level}职务`,
            level,
            `${py}-${pad(1 + Math.floor(r() * 12))}`,
            rank,
            `${2026 - 1 - Math.floor(r() * 6)}-${pad(1 + Math.floor(r() * 12))}`,
            now,
            now,
          ).lastInsertRowid,
        )
      } catch {
        continue // a rare duplicate ID number from the generator
      }
      for (let y = 2021; y <= 2025; y++) if (r() < 0.9) insA.run(id, y, '年度考核', pick(GRADES))
      if (r() < 0.3)
        insR.run(id, r() < 0.5 ? '正科级后备' : '副科级后备', '2024-03', r() < 0.85 ? '在库' : '已撤销')
      if (r() < 0.35) {
        const sy = 2016 + Math.floor(r() * 9)
        insP.run(
          id,
          r() < 0.5 ? '第一书记' : '驻村工作队员',
          `某某村${i % 50}`,
          `${sy}-03`,
          r() < 0.3 ? null : `${sy + 1 + Math.floor(r() * 2)}-03`,
        )
      }
      const talks = Math.floor(r() * 3)
      for (let k = 0; k < talks; k++) {
        insT.run(
          id,
          `${2024 + Math.floor(r() * 3)}-${pad(1 + Math.floor(r() * 11))}-${pad(1 + Math.floor(r() * 28))}`,
          r() < 0.15 ? '诫勉谈话' : '谈心谈话',
        )
      }
      if (r() < 0.04) {
        insD.run(
          id,
          `${2023 + Math.floor(r() * 4)}-${pad(1 + Math.floor(r() * 11))}-10`,
          pick(['党纪', '政务', '组织处理']),
          pick(['警告', '记过', '免职', '严重警告']),
        )
      }
    }
  })()
}

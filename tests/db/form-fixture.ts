/** A realistic cadre with every field of the 干部任免审批表, written straight into a test database. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../main/db/open'
import { createContext, type AppContext } from '../../main/services/context'
import { makeIdCard } from '../../main/domain/idcard'

export const PHOTO = new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/lrmx/photo.jpg')))

export interface SeedOptions {
  name?: string
  idCard?: string
  resumeLines?: number
  withPhoto?: boolean
  /** adds a 祖父 marked 已去世 (the form keeps the row, no age) */
  deceasedParent?: boolean
}

export function seedCadre(db: Db, opts: SeedOptions = {}): { id: number; idCard: string; name: string } {
  const now = '2026-11-01T08:00:00.000Z'
  const name = opts.name ?? '王建国'
  const idCard = opts.idCard ?? makeIdCard('620102', '1975-03-14', 135)
  let unit = db.prepare('SELECT id FROM units WHERE name = ?').get('城关镇') as { id: number } | undefined
  if (!unit) {
    const r = db.prepare("INSERT INTO units (name, kind) VALUES ('城关镇', '乡镇')").run()
    unit = { id: Number(r.lastInsertRowid) }
  }
  const r = db
    .prepare(
      `INSERT INTO cadres (id_card, name, gender, birth_date, ethnicity, native_place, birth_place, party_join_date,
        political_status, work_start_date, health, tech_title, specialty, edu_full_time, degree_full_time, school_full_time,
        edu_in_service, degree_in_service, school_in_service, unit_id, position, position_level, position_date, rank, rank_date,
        status, phone, photo, created_at, updated_at)
       VALUES (?, ?, '男', '1975-03', '回族', '甘肃临洮', '甘肃兰州', '1996-06', '中共党员', '1997-07', '健康', '高级经济师',
        '农村经济管理', '大学', '学士', '兰州大学经济学专业', '研究生', '经济学硕士', '中央党校经济管理专业', ?,
        '城关镇党委副书记、镇长', '正科', '2021-06', '一级主任科员', '2022-12', '在职', '13909310000', ?, ?, ?)`,
    )
    .run(idCard, name, unit.id, opts.withPhoto === false ? null : PHOTO, now, now)
  const id = Number(r.lastInsertRowid)
  const resume: [string | null, string | null, string][] = [
    ['1993-09', '1997-07', '兰州大学经济学专业学习'],
    ['1997-07', '2003-08', '临洮县农业局干部'],
    ['2003-08', '2010-12', '临洮县农业局办公室副主任、主任'],
    [null, null, '（其间：2003.09--2006.07在中央党校经济管理专业在职研究生学习，获经济学硕士学位）'],
    ['2010-12', '2016-03', '某某乡党委委员、副乡长'],
    ['2016-03', '2021-06', '某某乡党委副书记、乡长'],
    ['2021-06', null, '城关镇党委副书记、镇长'],
  ]
  for (let i = resume.length; i < (opts.resumeLines ?? 0); i++) {
    resume.push([
      `${1960 + i}-01`,
      `${1960 + i}-12`,
      `某某县某某单位某某岗位工作，负责某某项目的组织协调、督促检查和综合材料起草（第${i + 1}段经历）`,
    ])
  }
  const ins = db.prepare(
    'INSERT INTO resume_entries (cadre_id, seq, start, end, text) VALUES (?, ?, ?, ?, ?)',
  )
  resume.forEach(([s, e, t], i) => ins.run(id, i, s, e, t))
  const fam = db.prepare(
    'INSERT INTO family_members (cadre_id, seq, relation, name, birth_date, political_status, work_unit_position) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  fam.run(id, 0, '妻子', '李秀兰', '1977-02', '中共党员', '临洮县第一中学教师')
  fam.run(id, 1, '儿子', '王博文', '2001-10', '共青团员', '兰州大学在读研究生')
  fam.run(id, 2, '父亲', '王德福', '1948-05', '群众', '临洮县某某镇农民（已退休）')
  fam.run(id, 3, '母亲', '张桂英', '1950-11', '群众', '无')
  if (opts.deceasedParent) fam.run(id, 4, '祖父', '王有田', '1925-03', '群众', '已去世')
  db.prepare('INSERT INTO rewards (cadre_id, date, name, issuer) VALUES (?, ?, ?, ?)').run(
    id,
    '2024-12-01',
    '优秀共产党员',
    '县委',
  )
  const ass = db.prepare("INSERT INTO assessments (cadre_id, year, kind, grade) VALUES (?, ?, '年度考核', ?)")
  ass.run(id, 2023, '称职')
  ass.run(id, 2024, '称职')
  ass.run(id, 2025, '优秀')
  return { id, idCard, name }
}

/** The appointment both the PDF and the .docx tests print (the form's second half, as saved). */
export const APPOINTMENT = {
  proposedPosition: '县农业农村局局长',
  proposedRemoval: '城关镇党委副书记、镇长职务',
  reason: '工作需要，拟提名为县农业农村局局长人选',
  reportingUnit: '中共临洮县委组织部',
  filledBy: '赵敏',
  ageAt: '2026-02-20',
  filledAt: '2026-03-05',
} as const

/** A database file in a fresh temporary folder and a context over it, dated 2026-11-23 (the forms' tests). */
export function formTestDb(prefix: string): { dir: string; db: Db; ctx: AppContext } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const db = openDatabase(join(dir, 'cadres.db'))
  const ctx = createContext({
    db,
    dbPath: join(dir, 'cadres.db'),
    dataDir: dir,
    host: 'test',
    at: '2026-11-23',
  })
  return { dir, db, ctx }
}

/** pdftotext puts spaces between some characters of labels and wraps them: compare without whitespace. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '')
}

/** The text of a PDF file (one page, or all), as pdftotext -raw reads it. */
export function pdfFileText(file: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : []
  return execFileSync('pdftotext', [...range, '-raw', file, '-'], { encoding: 'utf8' })
}

/** The page count of a PDF file (pdfinfo). */
export function pdfFilePages(file: string): number {
  return Number(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)?.[1])
}

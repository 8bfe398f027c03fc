/**
 * 比对回写 (issue 14): compare a roster (.xlsx / .xls) or LRMX files (one .lrmx, several in a zip, a
 * folder) with the database, cadre by cadre (matched by ID number) and field by field, and write back
 * only the differences the clerk chose — in one transaction, through the cadre service's audited
 * save (main/services/cadres.ts saveCadre: the same checks and audit rows as the cadre page), with one
 * more audit row naming the file. An empty cell or element never erases a stored value. People the
 * database does not have, and rows that cannot be read, are listed and never written.
 */
import { basename } from 'node:path'
import { AppError } from '../domain/errors'
import { CADRE_FIELD_KEYS, FIELD_BY_KEY, fieldLabel, type CadreFieldKey } from '../domain/fields'
import { formatResume, type ResumeEntry } from '../domain/resume'
import type { CadreInput } from '../domain/cadre'
import { parseLrmxBytes } from '../lrmx/parse'
import { readUpload } from '../lrmx/upload'
import { openWorkbook } from '../roster-import/open'
import { applyMapping, loadRememberedMapping, pickSheet } from '../roster-import/engine'
import { parseRoster } from '../roster-import/parse'
import { recordAudit } from '../services/audit'
import { getCadre, saveCadre } from '../services/cadres'
import type { AppContext } from '../services/context'

/** A key compared: every field of the record but the ID number, and the 简历. */
export type CompareKey = Exclude<CadreFieldKey, 'idCard'> | 'resume'
export const COMPARE_KEYS: readonly CompareKey[] = [
  ...CADRE_FIELD_KEYS.filter((k): k is Exclude<CadreFieldKey, 'idCard'> => k !== 'idCard'),
  'resume',
]

export function compareLabel(key: CompareKey): string {
  return key === 'resume' ? '简历' : fieldLabel(key)
}

export interface CompareField {
  key: CompareKey
  label: string
  /** As the record shows it (months as 1975.03; the 简历 as the form's lines); null = empty. */
  before: string | null
  after: string
  /** False when the value cannot be written as it is (a unit not in the tree); `note` says why. */
  writable: boolean
  note?: string
}

export interface CompareCadre {
  idCard: string
  name: string
  cadreId: number
  /** Where in the file: "第 5 行" (a roster) or the .lrmx file's name. */
  where: string
  fields: CompareField[]
}

export interface CompareUnmatched {
  where: string
  idCard: string | null
  name: string | null
  message: string
}

export interface CompareResult {
  file: string
  kind: 'roster' | 'lrmx'
  /** People in the file (readable rows or files). */
  people: number
  /** Matched people with at least one difference. */
  cadres: CompareCadre[]
  /** Matched people without a difference. */
  same: number
  unmatched: CompareUnmatched[]
}

export interface CompareChange {
  idCard: string
  name: string
  cadreId: number
  key: CompareKey
  label: string
  before: string | null
  after: string
}

export interface CompareApplyReport {
  file: string
  at: string
  actor: string
  changes: CompareChange[]
  /** Chosen differences that were not written (no longer different, or not writable), with why. */
  skipped: (Omit<CompareChange, 'after' | 'before' | 'cadreId'> & { message: string })[]
  cadres: number
  unmatched: CompareUnmatched[]
}

/** The selection: per ID number, the keys to write. */
export type CompareSelection = { idCard: string; keys: CompareKey[] }[]

export interface CompareUpload {
  fileName: string
  bytes: Uint8Array
}

/** One person as the file gives them: canonical values (months YYYY-MM), only what the file fills. */
interface SourcePerson {
  where: string
  idCard: string
  values: Partial<Record<CompareKey, string>>
  resume: ResumeEntry[] | null
}

interface Source {
  file: string
  kind: 'roster' | 'lrmx'
  people: SourcePerson[]
  unmatched: CompareUnmatched[]
}

const ROSTER_RE = /\.(xlsx|xlsm|xls)$/i
const LRMX_RE = /\.(lrmx|zip)$/i

/** Reads the file into people; a file that cannot be read at all throws an AppError naming it. */
export async function readCompareSource(up: CompareUpload, ctx: AppContext): Promise<Source> {
  if (ROSTER_RE.test(up.fileName)) return readRoster(up, ctx)
  if (LRMX_RE.test(up.fileName)) return readLrmx(up)
  throw new AppError(
    'compare-kind',
    `文件“${up.fileName}”不是花名册（.xlsx / .xls）或任免审批表（.lrmx，或含多个 .lrmx 的 .zip），无法比对`,
    `${up.fileName}: not a roster or LRMX file`,
  )
}

async function readRoster(up: CompareUpload, ctx: AppContext): Promise<Source> {
  const wb = openWorkbook(up.bytes, up.fileName)
  const picked = await pickSheet(wb, undefined)
  const mapping = loadRememberedMapping(ctx.db, picked.detection.columns)
  const columns = applyMapping(picked.detection.columns, mapping)
  const parsed = await parseRoster(picked.sheet, { ...picked.detection, columns }, { date1904: wb.date1904 })
  if (parsed.problems.length) {
    throw new AppError(
      'compare-mapping',
      `花名册“${up.fileName}”（工作表“${parsed.sheet}”）无法比对：${parsed.problems.join('；')}`,
      'the roster has no ID number or name column',
    )
  }
  const people: SourcePerson[] = []
  const unmatched: CompareUnmatched[] = []
  for (const row of parsed.rows) {
    const where = `第 ${row.row} 行`
    const idCard = row.values.idCard ?? null
    const errors = row.issues.filter((i) => i.level === 'error')
    if (row.rejected || !idCard) {
      unmatched.push({
        where,
        idCard: idCard ?? (row.issues.find((i) => i.key === 'idCard')?.value || null),
        name: row.values.name ?? null,
        message: errors.length
          ? errors.map((i) => `${i.column}列：${i.message}`).join('；')
          : '没有可用的身份证号，无法与干部对应',
      })
      continue
    }
    const values: Partial<Record<CompareKey, string>> = {}
    for (const k of COMPARE_KEYS) {
      if (k === 'resume') continue
      const v = row.values[k]
      if (v !== undefined && v !== null && v !== '') values[k] = v
    }
    people.push({ where, idCard, values, resume: row.resume && row.resume.length ? row.resume : null })
  }
  return { file: up.fileName, kind: 'roster', people, unmatched }
}

async function readLrmx(up: CompareUpload): Promise<Source> {
  const entries = await readUpload(up.bytes, up.fileName)
  const people: SourcePerson[] = []
  const unmatched: CompareUnmatched[] = []
  for (const e of entries) {
    if (!e.bytes) {
      unmatched.push({ where: e.name, idCard: null, name: null, message: e.error ?? '无法读取' })
      continue
    }
    try {
      const p = parseLrmxBytes(e.bytes, e.name)
      const values: Partial<Record<CompareKey, string>> = {}
      for (const [k, v] of Object.entries(p.person.fields)) {
        if (k !== 'idCard' && v) values[k as CompareKey] = v
      }
      people.push({
        where: e.name,
        idCard: p.idCard,
        values,
        resume: p.person.resume.length ? p.person.resume : null,
      })
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      unmatched.push({ where: e.name, idCard: null, name: null, message: err.message })
    }
  }
  return { file: up.fileName, kind: 'lrmx', people, unmatched }
}

/** A stored or file value as the record shows it. */
function shown(key: CompareKey, v: string | null): string | null {
  if (v === null || v === '') return null
  if (key !== 'resume' && FIELD_BY_KEY.get(key)?.kind === 'month') return v.replace('-', '.')
  return v
}

/** The differences between a read file and the database as it is now (reads only). */
export function compareSource(ctx: AppContext, src: Source): CompareResult {
  const findId = ctx.db.prepare('SELECT id FROM cadres WHERE id_card = ?').pluck()
  const unitExists = ctx.db.prepare('SELECT 1 FROM units WHERE name = ?').pluck()
  const cadres: CompareCadre[] = []
  const unmatched = [...src.unmatched]
  const seen = new Map<string, string>()
  let same = 0
  for (const p of src.people) {
    const twice = seen.get(p.idCard)
    if (twice !== undefined) {
      unmatched.push({
        where: p.where,
        idCard: p.idCard,
        name: p.values.name ?? null,
        message: `身份证号在文件中重复（另见${twice}），不比对`,
      })
      continue
    }
    seen.set(p.idCard, p.where)
    const id = findId.get(p.idCard) as number | undefined
    if (id === undefined) {
      unmatched.push({
        where: p.where,
        idCard: p.idCard,
        name: p.values.name ?? null,
        message: '数据库中没有这个身份证号的干部，未比对（新增干部请用导入）',
      })
      continue
    }
    const rec = getCadre(ctx, id)
    const fields: CompareField[] = []
    for (const key of COMPARE_KEYS) {
      let before: string | null
      let after: string | undefined
      if (key === 'resume') {
        before = rec.resume.length ? formatResume(rec.resume) : null
        after = p.resume ? formatResume(p.resume) : undefined
      } else {
        before = rec[key]
        after = p.values[key]
      }
      if (after === undefined || after === '' || after === before) continue
      const f: CompareField = {
        key,
        label: compareLabel(key),
        before: shown(key, before),
        after: shown(key, after) ?? after,
        writable: true,
      }
      if (key === 'unit' && !unitExists.get(after)) {
        f.writable = false
        f.note = `单位“${after}”不在单位树中：请先在单位管理中添加或改名，再回写`
      }
      fields.push(f)
    }
    if (fields.length === 0) same++
    else
      cadres.push({
        idCard: p.idCard,
        name: rec.name ?? p.values.name ?? '',
        cadreId: id,
        where: p.where,
        fields,
      })
  }
  return { file: src.file, kind: src.kind, people: src.people.length, cadres, same, unmatched }
}

/** Reads and compares (the preview). Writes nothing. */
export async function compareFile(ctx: AppContext, up: CompareUpload): Promise<CompareResult> {
  return compareSource(ctx, await readCompareSource(up, ctx))
}

/**
 * Writes the chosen differences in ONE transaction: compared again inside it (what is written is
 * what differs now), each cadre through saveCadre (its checks and audit row), then one audit row
 * for the whole write-back. A cadre whose new values fail the record's checks stops it all.
 */
export async function applyCompare(
  ctx: AppContext,
  up: CompareUpload,
  selection: CompareSelection,
): Promise<CompareApplyReport> {
  const src = await readCompareSource(up, ctx)
  const file = basename(up.fileName)
  return ctx.db
    .transaction((): CompareApplyReport => {
      const now = compareSource(ctx, src)
      const byId = new Map(now.cadres.map((c) => [c.idCard, c]))
      const people = new Map(src.people.map((p) => [p.idCard, p]))
      const changes: CompareChange[] = []
      const skipped: CompareApplyReport['skipped'] = []
      for (const sel of selection) {
        const c = byId.get(sel.idCard)
        const person = people.get(sel.idCard)
        const input: CadreInput = { id: c?.cadreId ?? null }
        const written: CompareChange[] = []
        // In the record's field order, whatever order the keys were chosen in.
      const chosen = new Set(sel.keys)
      for (const key of COMPARE_KEYS.filter((k) => chosen.has(k))) {
          const f = c?.fields.find((x) => x.key === key)
          const name = c?.name ?? person?.values.name ?? ''
          if (!c || !f || !person) {
            skipped.push({
              idCard: sel.idCard,
              name,
              key,
              label: compareLabel(key),
              message: '已无差异，未写入',
            })
            continue
          }
          if (!f.writable) {
            skipped.push({ idCard: sel.idCard, name, key, label: f.label, message: f.note ?? '无法写入' })
            continue
          }
          if (key === 'resume') input.resume = person.resume ?? []
          else input[key] = person.values[key] ?? null
          written.push({
            idCard: c.idCard,
            name: c.name,
            cadreId: c.cadreId,
            key,
            label: f.label,
            before: f.before,
            after: f.after,
          })
        }
        if (!c || written.length === 0) continue
        try {
          saveCadre(ctx, input)
        } catch (e) {
          if (e instanceof AppError) {
            throw new AppError(
              e.code,
              `${c.name}（${c.idCard}，${c.where}）的新值无法写入：${e.message}。未写入任何内容`,
              `${c.idCard}: ${e.messageEn}`,
              e.fields,
            )
          }
          throw e
        }
        changes.push(...written)
      }
      const cadres = new Set(changes.map((c) => c.idCard)).size
      if (changes.length > 0) {
        recordAudit(ctx, {
          action: 'compare',
          entity: 'cadre',
          summary: `比对回写“${file}”：${cadres} 名干部共 ${changes.length} 项`,
          after: { file, cadres, fields: changes.length },
        })
      }
      return { file, at: ctx.nowIso(), actor: ctx.actor, changes, skipped, cadres, unmatched: now.unmatched }
    })
    .immediate()
}

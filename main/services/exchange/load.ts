/**
 * Loading an exchange file: the frame is checked first (a malformed or foreign file is refused
 * whole: nothing written); then each cadre is checked on its own and a bad one is rejected and
 * listed while the rest land, all in one transaction. Cadres are matched by ID number: a new one
 * is inserted, a known one updated (a key left out of the file keeps the database's value; a list
 * that is present replaces the stored list), an identical one counted as skipped. The optional
 * sections (研判 rounds, monthly scores, appointment forms, eligibility records) follow in the same
 * transaction; extras.ts says how each is applied.
 */
import { basename } from 'node:path'
import type { Db } from '../../db/open'
import type { z } from 'zod'
import { parseDay, parseMonth } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import {
  CADRE_FIELD_KEYS,
  STATUSES,
  fieldLabel,
  normalizeEthnicity,
  normalizeName,
  type CadreFieldKey,
} from '../../domain/fields'
import { idCardContradictions, validateIdCard } from '../../domain/idcard'
import { photoProblem, PHOTO_MAX_BASE64, PHOTO_MAX_BYTES } from '../../domain/photo'
import { READ_BY_RULES, unreadableWarning } from '../../eligibility/readable'
import { exchangeCrossChecks } from '../../records/crosschecks'
import { impactConfig, refreshImpactPeriods } from '../../records/impact'
import { recordAudit } from '../audit'
import type { AppContext } from '../context'
import { KIND_DEFS, fieldProblem, isMissing, vocabularyWarnings } from '../../records/fields'
import { RECORD_KINDS, type RecordKind } from '../../records/kinds'
import { resolveTerm } from '../../records/vocab'
import { compactOptional, readCadre } from './read'
import {
  CadreInSchema,
  DocumentSchema,
  EXCHANGE_FORMAT,
  EXCHANGE_VERSION,
  RELATED,
  RELATED_KEYS,
  EXTRA_KEYS,
  EXTRA_LABELS,
  RELATED_LABELS,
  type CadreIn,
  type ExCadre,
  type ExLrmxExtras,
  type ExRelated,
  type ExUnit,
  type ExtraKey,
  type RelatedKey,
} from './schema'
import { loadExtras, type ExtraCount } from './extras'
import { COLUMN_KEYS, CadreWriter, type CadreScalars } from './write'

export interface LoadProblem {
  /** The optional section the item belongs to (absent: a cadre or a unit). */
  section?: ExtraKey
  /** Position of the cadre in the file's `cadres` list (or of the item in its `section`), from 1. */
  row?: number
  idCard?: string
  key: string | null
  value?: string
  message: string
}

export interface LoadReport {
  file: string
  rows: number
  inserted: number
  updated: number
  skipped: number
  rejected: LoadProblem[]
  warnings: LoadProblem[]
  /** Per optional section present in the file: items, written, rejected (absent when none is). */
  sections?: Partial<Record<ExtraKey, ExtraCount>>
}

const MONTH_KEYS: ReadonlySet<string> = new Set([
  'birthDate',
  'partyJoinDate',
  'workStartDate',
  'positionDate',
  'levelDate',
  'rankDate',
])

/** How the audit trail and messages name what lrmx_extras keeps. */
const LRMX_EXTRAS_LABEL = '任免审批表文件原样保存的到龄年月、改革前任职年龄界限'

class Reject extends Error {
  constructor(
    readonly key: string,
    message: string,
    readonly value?: string,
  ) {
    super(message)
  }
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))
  return s.length > 80 ? s.slice(0, 80) + '…' : s
}

function label(key: string): string {
  if ((CADRE_FIELD_KEYS as readonly string[]).includes(key)) return fieldLabel(key as CadreFieldKey)
  if (key in RELATED_LABELS) return RELATED_LABELS[key as RelatedKey]
  if (key in EXTRA_LABELS) return EXTRA_LABELS[key as ExtraKey]
  if (key === 'retireBaseAge') return '原法定退休年龄'
  if (key === 'lrmxExtras') return 'LRMX 原样保存项（lrmxExtras）'
  return key === 'photo' ? '照片' : key
}

function zodProblem(err: z.ZodError, where: string): string {
  const issue = err.issues[0]
  if (!issue) return `${where}格式不正确`
  let path = ''
  issue.path.forEach((p, i) => {
    if (typeof p === 'number') path += `第 ${p + 1} 项`
    else path += i === 0 ? label(String(p)) : `的“${String(p)}”`
  })
  const what =
    issue.code === 'unrecognized_keys'
      ? `有未识别的字段“${issue.keys.join('、')}”`
      : /[\u4e00-\u9fff]/.test(issue.message)
        ? issue.message // a message the schema wrote in Chinese
        : issue.code === 'invalid_type'
          ? `类型不对（应为${({ string: '文本', number: '数字', array: '列表', object: '对象' } as Record<string, string>)[String(issue.expected)] ?? issue.expected}）`
          : issue.code === 'invalid_value'
            ? '取值不在允许范围内'
            : issue.code === 'too_small'
              ? '不能为空或过小'
              : issue.code === 'too_big'
                ? '过长或过多'
                : '格式不正确'
  return `${where}${path}：${what}`
}

/** Parses the text of a file into a checked document frame, or throws an AppError (exit 2). */
export type ParsedDocument = z.output<typeof DocumentSchema> & { unknownKeys?: string[] }

export function parseExchangeText(text: string, file: string): ParsedDocument {
  let raw: unknown
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    throw new AppError(
      'exchange-malformed',
      `文件“${file}”不是有效的 JSON，无法载入（${(e as Error).message.replace(/\s+/g, ' ')}），未写入任何数据`,
      `${file} is not valid JSON; nothing written`,
    )
  }
  const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null
  if (!obj || obj['format'] !== EXCHANGE_FORMAT) {
    throw new AppError(
      'exchange-foreign',
      `文件“${file}”不是干部交换文件（缺少 "format": "${EXCHANGE_FORMAT}"），未写入任何数据`,
      `${file} is not a cadre exchange file; nothing written`,
    )
  }
  if (typeof obj['version'] === 'number' && obj['version'] > EXCHANGE_VERSION) {
    throw new AppError(
      'exchange-version',
      `交换文件“${file}”的版本为 ${obj['version']}，由更新版本的程序导出，本程序支持到版本 ${EXCHANGE_VERSION}，请升级后再载入。未写入任何数据`,
      `exchange file version ${obj['version']} is newer than supported (${EXCHANGE_VERSION}); nothing written`,
    )
  }
  const parsed = DocumentSchema.safeParse(raw)
  const unknownKeys = Object.keys(obj).filter((k) => !(k in DocumentSchema.shape))
  if (!parsed.success) {
    throw new AppError(
      'exchange-invalid',
      `${zodProblem(parsed.error, `交换文件“${file}”结构不正确：`)}，未写入任何数据`,
      `${file}: not a valid exchange document; nothing written`,
    )
  }
  if (parsed.data.version !== EXCHANGE_VERSION) {
    throw new AppError(
      'exchange-version',
      `交换文件“${file}”的版本 ${parsed.data.version} 无法识别，未写入任何数据`,
      `unknown exchange version; nothing written`,
    )
  }
  return unknownKeys.length ? { ...parsed.data, unknownKeys } : parsed.data
}

interface Checked {
  row: number
  idCard: string
  /** Scalar keys present in the file (normalised). */
  scalars: Partial<CadreScalars>
  unit: string | null | undefined
  photo: Buffer | null | undefined
  /** 原法定退休年龄: undefined = not in the file (unchanged), null = the default by gender. */
  retireBaseAge: number | null | undefined
  /** lrmx_extras: undefined = not in the file (unchanged), null = drop what is kept. */
  lrmxExtras: ExLrmxExtras | null | undefined
  lists: Partial<ExRelated>
  warnings: LoadProblem[]
}

function month(v: string | null, key: string, warnings: LoadProblem[], where: string): string | null {
  if (v === null || v === '') return null
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) return v
  const p = parseMonth(v)
  if (!p.ok) throw new Reject(key, `${where}“${v}”不是年月（应为 YYYY-MM）：${p.message}`, v)
  if (p.value === null) return null
  warnings.push({
    key,
    value: v,
    message: `${where}“${v}”已按 ${p.value} 记录${'warning' in p && p.warning ? `：${p.warning}` : ''}`,
  })
  return p.value
}

function dayOf(v: string | null, key: string, warnings: LoadProblem[], where: string): string | null {
  if (v === null || v === '') return null
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const p = parseDay(v)
    if (p.ok) return v
  }
  const p = parseDay(v)
  if (!p.ok || p.value === null) throw new Reject(key, `${where}“${v}”不是日期（应为 YYYY-MM-DD）`, v)
  warnings.push({ key, value: v, message: `${where}“${v}”已按 ${p.value} 记录` })
  return p.value
}

function requireDay(v: string, key: string, warnings: LoadProblem[], where: string): string {
  const d = dayOf(v, key, warnings, where)
  if (d === null) throw new Reject(key, `${where}不能为空`)
  return d
}

/** One item of a record kind's list, each field read by its definition; throws Reject naming the
 *  list, the item and the field. A sparse field left empty is left out (as dump writes it). */
function loadItem(
  kind: RecordKind,
  r: Record<string, unknown>,
  i: number,
  warnings: LoadProblem[],
): Record<string, unknown> {
  const d: Record<string, unknown> = { ...r }
  for (const f of KIND_DEFS[kind].fields) {
    const v = d[f.key] as string | null | undefined
    if (f.sparse && isMissing(v)) {
      delete d[f.key]
      continue
    }
    const where = `${RELATED_LABELS[kind]}第 ${i + 1} 项的${f.label}`
    if (f.type === 'day')
      d[f.key] = f.required ? requireDay(v ?? '', kind, warnings, where) : dayOf(v ?? null, kind, warnings, where)
    else if (f.type === 'month') d[f.key] = month(v ?? null, kind, warnings, where)
    else {
      const problem = fieldProblem(f, v, 'load')
      if (problem) throw new Reject(kind, `${RELATED_LABELS[kind]}第 ${i + 1} 项：${problem}`, short(v))
      // A variant of a list the database enforces (党纪处分) is stored as its term.
      if (f.strict === 'always' && typeof v === 'string') d[f.key] = resolveTerm(f.vocab!, v)
    }
  }
  return d
}

/** Normalises the dates of every list; throws Reject with the list and item named. */
function checkLists(c: CadreIn, warnings: LoadProblem[]): Partial<ExRelated> {
  const out: Partial<ExRelated> = {}
  const w = (key: RelatedKey, i: number, field: string): string =>
    `${RELATED_LABELS[key]}第 ${i + 1} 项的${field}`
  if (c.resume) {
    out.resume = c.resume.map((r, i) => {
      const start = month(r.start, 'resume', warnings, w('resume', i, '起始年月'))
      const end = month(r.end, 'resume', warnings, w('resume', i, '截止年月'))
      if (start && end && end < start) {
        throw new Reject(
          'resume',
          `简历第 ${i + 1} 项：截止年月 ${end.replace('-', '.')} 早于起始年月 ${start.replace('-', '.')}`,
          r.text,
        )
      }
      return { ...r, start, end }
    })
  }
  if (c.family)
    out.family = c.family.map((r, i) => {
      const f: Record<string, unknown> = {
        ...r,
        name: normalizeName(r.name),
        birthDate: month(r.birthDate, 'family', warnings, w('family', i, '出生年月')),
      }
      compactOptional('family', f)
      return f as unknown as ExRelated['family'][number]
    })
  // The record kinds, each field by its definition (main/records/fields.ts): days and months
  // read as stored, the closed lists the database enforces (处分类别) read as their terms.
  for (const kind of RECORD_KINDS) {
    const list = c[kind] as Record<string, unknown>[] | undefined
    if (list) (out as Record<string, unknown>)[kind] = list.map((r, i) => loadItem(kind, r, i, warnings))
  }
  if (c.assessments) {
    const seen = new Set<string>()
    c.assessments.forEach((r, i) => {
      const k = `${r.year}|${r.kind}`
      if (seen.has(k))
        throw new Reject(
          'assessments',
          `年度考核第 ${i + 1} 项：${r.year} 年的“${r.kind}”出现了两次`,
          String(r.year),
        )
      seen.add(k)
    })
  }
  if (c.appointments) {
    out.appointments = c.appointments.map((r, i) => {
      const start = month(r.start, 'appointments', warnings, w('appointments', i, '起始年月'))
      const end = month(r.end, 'appointments', warnings, w('appointments', i, '截止年月'))
      if (start && end && end < start)
        throw new Reject('appointments', `任职经历第 ${i + 1} 项：截止年月早于起始年月`, r.title ?? '')
      return { ...r, start, end }
    })
  }
  // Names the regulations do not use: kept as typed, one warning each (the rules say 待核实).
  for (const key of RECORD_KINDS) {
    const list = out[key] as Record<string, unknown>[] | undefined
    list?.forEach((item, i) => {
      for (const v of vocabularyWarnings(key, item))
        warnings.push({
          key,
          value: String(item[v.key] ?? ''),
          message: `${RELATED_LABELS[key]}第 ${i + 1} 项：${v.message}`,
        })
    })
  }
  return out
}

/** Keys of list items the document does not define (they would vanish silently otherwise). */
function unknownItemKeys(raw: Record<string, unknown>): { key: string; message: string }[] {
  const out: { key: string; message: string }[] = []
  for (const k of RELATED_KEYS) {
    const list = raw[k]
    if (!Array.isArray(list)) continue
    const shape = RELATED[k].shape as Record<string, unknown>
    const seen = new Set<string>()
    list.forEach((item, i) => {
      if (!item || typeof item !== 'object') return
      for (const f of Object.keys(item as object)) {
        if (f in shape || seen.has(f)) continue
        seen.add(f)
        out.push({
          key: k,
          message: `${RELATED_LABELS[k]}中未识别的字段“${f}”已忽略（首次出现在第 ${i + 1} 项）`,
        })
      }
    })
  }
  return out
}

function checkCadre(raw: Record<string, unknown>, row: number): Checked {
  const parsed = CadreInSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const key = String(issue?.path[0] ?? '')
    throw new Reject(key, zodProblem(parsed.error, ''), key in raw ? short(raw[key]) : undefined)
  }
  const c = parsed.data
  const warnings: LoadProblem[] = []
  const id = validateIdCard(c.idCard)
  if (!id.ok) throw new Reject('idCard', id.message, c.idCard)
  const idCard = id.value.idCard
  const scalars: Partial<CadreScalars> = {}
  for (const k of COLUMN_KEYS) {
    if (k === 'idCard' || !(k in c)) continue
    let v = c[k] ?? null
    if (v !== null) v = v.trim() === '' ? null : v.trim()
    if (v !== null) {
      if (k === 'name') v = normalizeName(v)
      else if (k === 'ethnicity') v = normalizeEthnicity(v)
      else if (MONTH_KEYS.has(k)) v = month(v, k, warnings, `${fieldLabel(k)}`)
      else if (k === 'gender' && v !== '男' && v !== '女')
        throw new Reject(k, `性别应为“男”或“女”，收到“${v}”`, v)
      else if (k === 'status' && !(STATUSES as readonly string[]).includes(v))
        throw new Reject(k, `状态应为 ${STATUSES.join('、')} 之一，收到“${v}”`, v)
    }
    scalars[k] = v
  }
  scalars.idCard = idCard
  if ('name' in c && !scalars.name) throw new Reject('name', '姓名不能为空')
  for (const x of idCardContradictions(id.value, scalars.gender, scalars.birthDate)) {
    throw new Reject(x.key, x.message, scalars[x.key] ?? undefined)
  }
  const birth = scalars.birthDate
  if (birth) {
    for (const k of MONTH_KEYS) {
      const v = scalars[k as keyof CadreScalars]
      if (k !== 'birthDate' && v && v < birth) {
        throw new Reject(
          k,
          `${fieldLabel(k as CadreFieldKey)} ${v.replace('-', '.')} 早于出生年月 ${birth.replace('-', '.')}`,
          v,
        )
      }
    }
  }
  let photo: Buffer | null | undefined
  if (c.photo === null) photo = null
  else if (typeof c.photo === 'string') {
    // A JPEG or PNG of at most 2 MB (main/domain/photo.ts); otherwise this cadre is rejected, named.
    const who = `干部“${scalars.name ?? c.name ?? '（无姓名）'}”（身份证号 ${idCard}）`
    const b64 = c.photo.replace(/\s+/g, '')
    if (b64 === '') photo = null
    else if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64))
      throw new Reject('photo', `${who}的照片应为 base64 编码的图片数据，该干部未载入`, short(b64))
    else if (b64.length > PHOTO_MAX_BASE64) {
      const size = ((b64.length * 3) / 4 / 1024 / 1024).toFixed(2)
      throw new Reject(
        'photo',
        `${who}的照片有 ${size} MB，超过 ${PHOTO_MAX_BYTES / 1024 / 1024} MB 的上限，该干部未载入`,
      )
    } else {
      photo = Buffer.from(b64, 'base64')
      const problem = photoProblem(photo)
      if (problem) throw new Reject('photo', `${who}的${problem}，该干部未载入`)
    }
  }
  const unit = 'unit' in c ? (c.unit ? c.unit.replace(/[\s\u3000]+/g, '') || null : null) : undefined
  const lists = checkLists(c, warnings)
  warnings.push(...unknownItemKeys(raw))
  let lrmxExtras: ExLrmxExtras | null | undefined = c.lrmxExtras
  if (lrmxExtras && !lrmxExtras.retireMonth && !lrmxExtras.ageLimitText) lrmxExtras = null
  return { row, idCard, scalars, unit, photo, retireBaseAge: c.retireBaseAge, lrmxExtras, lists, warnings }
}

/** The stored cadre with the file's values laid over it: what the database will hold afterwards. */
function merged(existing: ExCadre, c: Checked): ExCadre {
  const out: Record<string, unknown> = { ...existing }
  for (const [k, v] of Object.entries(c.scalars)) out[k] = v
  if (c.unit !== undefined) out['unit'] = c.unit
  if (c.photo !== undefined) out['photo'] = c.photo ? c.photo.toString('base64') : null
  for (const k of RELATED_KEYS) if (c.lists[k]) out[k] = c.lists[k]
  if (c.retireBaseAge === null) delete out['retireBaseAge']
  else if (c.retireBaseAge !== undefined) out['retireBaseAge'] = c.retireBaseAge
  if (c.lrmxExtras === null) delete out['lrmxExtras']
  else if (c.lrmxExtras !== undefined) out['lrmxExtras'] = c.lrmxExtras
  return out as unknown as ExCadre
}

export interface LoadOptions {
  /** Shown in the report and the audit log. */
  file: string
  /** Check everything and report, write nothing. */
  dryRun?: boolean
}

/** Loads a parsed document (see parseExchangeText) into the database in one transaction. */
export function loadExchangeDocument(ctx: AppContext, doc: ParsedDocument, opts: LoadOptions): LoadReport {
  const report: LoadReport = {
    file: opts.file,
    rows: doc.cadres.length,
    inserted: 0,
    updated: 0,
    skipped: 0,
    rejected: [],
    warnings: [],
  }
  const db = ctx.db
  const now = ctx.nowIso()
  for (const k of doc.unknownKeys ?? []) {
    report.warnings.push({ key: k, message: `交换文件中未识别的部分“${k}”已忽略（本程序不认识它）` })
  }

  // Units: names unique, parents known, no cycles.
  const docUnits = new Map<string, ExUnit>()
  for (const u of doc.units) {
    const name = u.name.replace(/[\s\u3000]+/g, '')
    if (!name) continue
    if (docUnits.has(name)) {
      report.warnings.push({
        key: 'units',
        value: name,
        message: `单位“${name}”在单位列表中出现了多次，只取第一次`,
      })
      continue
    }
    docUnits.set(name, {
      name,
      parent: u.parent ? u.parent.replace(/[\s\u3000]+/g, '') || null : null,
      kind: u.kind,
      ...(u.posts ? { posts: u.posts } : {}),
    })
  }
  for (const u of docUnits.values()) {
    const chain = new Set([u.name])
    let p = u.parent
    while (p && docUnits.has(p)) {
      if (chain.has(p)) {
        report.warnings.push({
          key: 'units',
          value: u.name,
          message: `单位“${u.name}”的上级单位形成循环，已把它放在最上级`,
        })
        u.parent = null
        break
      }
      chain.add(p)
      p = docUnits.get(p)?.parent ?? null
    }
  }

  // Cadres: each checked on its own.
  const checked: Checked[] = []
  const seenIds = new Map<string, number>()
  const known = new Set<string>()
  const config = impactConfig(ctx)
  doc.cadres.forEach((raw, i) => {
    const row = i + 1
    const rawId = typeof raw['idCard'] === 'string' ? raw['idCard'] : undefined
    for (const k of Object.keys(raw)) {
      if (!(k in CadreInSchema.shape) && !known.has(k)) {
        known.add(k)
        report.warnings.push({
          row,
          key: k,
          message: `未识别的字段“${k}”已忽略（首次出现在第 ${row} 名干部）`,
        })
      }
    }
    try {
      const c = checkCadre(raw, row)
      const first = seenIds.get(c.idCard)
      if (first !== undefined) throw new Reject('idCard', `身份证号与文件中第 ${first} 名干部重复`, c.idCard)
      seenIds.set(c.idCard, row)
      for (const w of c.warnings) report.warnings.push({ row, idCard: c.idCard, ...w })
      // Grades against the same year's 诫勉 / 政务处分, pool entries in an impact period
      // (main/records/crosschecks.ts): loaded all the same.
      for (const w of exchangeCrossChecks(c.lists, config))
        report.warnings.push({ row, idCard: c.idCard, ...w })
      // 职务层次, 职级, 学历 the rules cannot read: kept as typed, said (main/eligibility/readable.ts).
      for (const k of READ_BY_RULES) {
        const v = c.scalars[k]
        const w = typeof v === 'string' ? unreadableWarning(k, v) : null
        if (w) report.warnings.push({ row, idCard: c.idCard, key: k, value: v as string, message: w })
      }
      checked.push(c)
    } catch (e) {
      if (!(e instanceof Reject)) throw e
      const p: LoadProblem = { row, idCard: rawId ?? '', key: e.key || null, message: e.message }
      if (e.value !== undefined) p.value = e.value
      report.rejected.push(p)
    }
  })

  const run = db.transaction(() => {
    const writer = new CadreWriter(db)
    const setBaseAge = db.prepare('UPDATE cadres SET retire_base_age = ? WHERE id = ?')
    const putLrmxExtras = db.prepare(
      `INSERT INTO lrmx_extras (cadre_id, retire_month, age_limit_text, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (cadre_id) DO UPDATE SET retire_month = excluded.retire_month,
         age_limit_text = excluded.age_limit_text, updated_at = excluded.updated_at`,
    )
    const dropLrmxExtras = db.prepare('DELETE FROM lrmx_extras WHERE cadre_id = ?')
    const setLrmxExtras = (id: number, x: ExLrmxExtras | null | undefined): void => {
      if (x) putLrmxExtras.run(id, x.retireMonth ?? null, x.ageLimitText ?? null, now)
      else dropLrmxExtras.run(id)
    }
    const findUnit = db.prepare('SELECT id, parent_id, kind FROM units WHERE name = ?')
    const insertUnit = db.prepare(
      'INSERT INTO units (name, parent_id, kind, sort_order) VALUES (?, NULL, ?, ?)',
    )
    let order = (db.prepare('SELECT coalesce(max(sort_order), 0) AS n FROM units').get() as { n: number }).n
    const unitIds = new Map<string, number>()
    const ensure = (name: string, kind: string | null): number => {
      const have = unitIds.get(name)
      if (have !== undefined) return have
      const found = findUnit.get(name) as { id: number } | undefined
      if (!found) order += 10
      const id = found ? found.id : Number(insertUnit.run(name, kind, order).lastInsertRowid)
      unitIds.set(name, id)
      return id
    }
    for (const u of docUnits.values()) ensure(u.name, u.kind)
    const setParent = db.prepare('UPDATE units SET parent_id = ? WHERE id = ?')
    const setKind = db.prepare('UPDATE units SET kind = ? WHERE id = ?')
    for (const u of docUnits.values()) {
      const id = unitIds.get(u.name)
      const cur = findUnit.get(u.name) as { id: number; parent_id: number | null; kind: string | null }
      if (id === undefined) continue
      if (u.parent) {
        if (!docUnits.has(u.parent) && !findUnit.get(u.parent)) {
          report.warnings.push({
            key: 'units',
            value: u.name,
            message: `单位“${u.name}”的上级单位“${u.parent}”不在单位列表中，已一并新建`,
          })
        }
        const pid = ensure(u.parent, null)
        if (cur.parent_id !== pid) setParent.run(pid, id)
      }
      if (u.kind !== null && cur.kind !== u.kind) setKind.run(u.kind, id)
      if (u.posts) loadUnitPosts(db, id, u.name, u.posts, report)
    }

    const findCadre = db.prepare('SELECT id FROM cadres WHERE id_card = ?').pluck()
    // People whose talks or discipline were replaced: their impact periods are refreshed below
    // (replaced rows may reuse row ids, which the records module's change detection cannot see).
    const impactTouched: number[] = []
    let created = 0
    for (const c of checked) {
      let unitId: number | null | undefined
      if (c.unit === null) unitId = null
      else if (c.unit !== undefined) {
        if (!unitIds.has(c.unit) && !findUnit.get(c.unit)) {
          report.warnings.push({
            row: c.row,
            idCard: c.idCard,
            key: 'unit',
            value: c.unit,
            message: `工作单位“${c.unit}”不在单位列表中，已新建该单位`,
          })
        }
        unitId = ensure(c.unit, null)
      }
      const existingId = findCadre.get(c.idCard) as number | undefined
      if (existingId === undefined) {
        const full = Object.fromEntries(COLUMN_KEYS.map((k) => [k, c.scalars[k] ?? null])) as CadreScalars
        if (!full.name) {
          report.rejected.push({
            row: c.row,
            idCard: c.idCard,
            key: 'name',
            message: '新增干部的姓名不能为空',
          })
          continue
        }
        const id = writer.insert(full, unitId ?? null, c.photo ?? null, now)
        if (c.retireBaseAge !== undefined && c.retireBaseAge !== null) setBaseAge.run(c.retireBaseAge, id)
        if (c.lrmxExtras) setLrmxExtras(id, c.lrmxExtras)
        for (const k of RELATED_KEYS) {
          const l = c.lists[k]
          if (l) writer.replaceRelated(id, k, l, true)
        }
        report.inserted++
        created++
        continue
      }
      const before = readCadre(db, existingId)
      if (!before) continue
      const after = merged(before, c)
      if (JSON.stringify(after) === JSON.stringify(before)) {
        report.skipped++
        continue
      }
      const changedScalars: Partial<CadreScalars> = {}
      const was: Record<string, unknown> = {}
      const now2: Record<string, unknown> = {}
      const labels: string[] = []
      for (const k of COLUMN_KEYS) {
        if (k in c.scalars && before[k] !== after[k]) {
          changedScalars[k] = after[k]
          was[k] = before[k]
          now2[k] = after[k]
          labels.push(fieldLabel(k))
        }
      }
      const unitChanged = c.unit !== undefined && before.unit !== after.unit
      if (unitChanged) {
        was['unit'] = before.unit
        now2['unit'] = after.unit
        labels.push(fieldLabel('unit'))
      }
      const photoChanged = c.photo !== undefined && before.photo !== after.photo
      if (photoChanged) labels.push('照片')
      if (before.retireBaseAge !== after.retireBaseAge) {
        setBaseAge.run(after.retireBaseAge ?? null, existingId)
        was['retireBaseAge'] = before.retireBaseAge ?? null
        now2['retireBaseAge'] = after.retireBaseAge ?? null
        labels.push('原法定退休年龄')
      }
      if (JSON.stringify(before.lrmxExtras) !== JSON.stringify(after.lrmxExtras)) {
        setLrmxExtras(existingId, after.lrmxExtras)
        was['lrmxExtras'] = before.lrmxExtras ?? null
        now2['lrmxExtras'] = after.lrmxExtras ?? null
        labels.push(LRMX_EXTRAS_LABEL)
      }
      writer.update(
        existingId,
        changedScalars,
        unitChanged ? unitId : undefined,
        photoChanged ? c.photo : undefined,
        now,
      )
      for (const k of RELATED_KEYS) {
        const l = c.lists[k]
        if (l && JSON.stringify(before[k]) !== JSON.stringify(l)) {
          writer.replaceRelated(existingId, k, l)
          if (k === 'talks' || k === 'discipline') impactTouched.push(existingId)
          labels.push(RELATED_LABELS[k])
        }
      }
      recordAudit(ctx, {
        action: 'update',
        entity: 'cadre',
        entityId: existingId,
        cadreId: existingId,
        summary: `载入交换文件“${basename(opts.file)}”，修改了${after.name ?? ''}的${labels.join('、')}`,
        before: was,
        after: now2,
      })
      report.updated++
    }
    if (impactTouched.length > 0) refreshImpactPeriods(ctx, impactTouched)
    const rejectedCadres = report.rejected.length
    let extrasSummary = ''
    if (EXTRA_KEYS.some((k) => doc[k] !== undefined)) {
      const extras = loadExtras(db, doc)
      report.rejected.push(...extras.rejected)
      report.sections = extras.counts
      extrasSummary = EXTRA_KEYS.flatMap((k) => {
        const n = extras.counts[k]
        return n
          ? [`；${EXTRA_LABELS[k]} ${n.written} 项${n.rejected ? `（拒绝 ${n.rejected} 项）` : ''}`]
          : []
      }).join('')
    }
    recordAudit(ctx, {
      action: 'load',
      entity: 'cadre',
      summary: `载入交换文件“${basename(opts.file)}”：共 ${report.rows} 名干部，新增 ${created} 名，更新 ${report.updated} 名，未变 ${report.skipped} 名，拒绝 ${rejectedCadres} 名${extrasSummary}`,
      after: {
        file: basename(opts.file),
        rows: report.rows,
        inserted: created,
        updated: report.updated,
        skipped: report.skipped,
        rejected: rejectedCadres,
        ...(report.sections ? { sections: report.sections } : {}),
      },
    })
    if (opts.dryRun) throw new DryRun()
  })
  try {
    run.immediate()
  } catch (e) {
    if (!(e instanceof DryRun)) throw e
  }
  // Cadres first by position, then each section's items in the order of EXTRA_KEYS.
  const sectionRank = (p: LoadProblem): number => (p.section ? EXTRA_KEYS.indexOf(p.section) + 1 : 0)
  report.rejected.sort((a, b) => sectionRank(a) - sectionRank(b) || (a.row ?? 0) - (b.row ?? 0))
  return report
}

class DryRun extends Error {}

/** A unit's 职数 from the file replaces the stored ones; a number below zero, a level twice or a
 *  date that is not a date keeps the stored 职数 of that unit and is listed (issue 13). */
function loadUnitPosts(
  db: Db,
  unitId: number,
  unit: string,
  posts: NonNullable<ExUnit['posts']>,
  report: LoadReport,
): void {
  const seen = new Set<string>()
  for (const p of posts) {
    const bad =
      p.allotted < 0
        ? `职数为 ${p.allotted}：职数不能小于 0`
        : seen.has(p.level)
          ? '职务层次重复'
          : p.vacantSince && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(p.vacantSince)
            ? `空缺起始日期“${p.vacantSince}”不是日期（应为 YYYY-MM-DD）`
            : null
    seen.add(p.level)
    if (bad) {
      report.rejected.push({
        key: 'posts',
        value: unit,
        message: `单位“${unit}”${p.level} 的${bad}，该单位的职数未载入`,
      })
      return
    }
  }
  db.prepare('DELETE FROM unit_posts WHERE unit_id = ?').run(unitId)
  const ins = db.prepare(
    'INSERT INTO unit_posts (unit_id, level, allotted, vacant_since) VALUES (?, ?, ?, ?)',
  )
  for (const p of posts) ins.run(unitId, p.level, p.allotted, p.vacantSince)
}

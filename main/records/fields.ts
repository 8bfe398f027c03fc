/**
 * One definition per record kind (issue 10): for every field of every kind, its exchange key
 * (CLI.md), its column, its Chinese label (the form's label, the Excel header, the word messages
 * use), its type, its closed list of values with the accepted variants (main/records/vocab.ts),
 * its limits and whether it is required. Everything else is derived from here:
 *
 * - the table specs the records module reads and writes (TABLES below);
 * - the zod shapes of the IPC channels and of the exchange file (main/records/field-schemas.ts);
 * - the checks of a record's values on entry and on load (fieldProblems below);
 * - the exchange file's SQL for dump and load (main/services/exchange/read.ts, write.ts);
 * - the Excel columns of the talk ledger and the reserve pool (main/records/exports.ts);
 * - the renderer's record forms (renderer/src/pages/records/kindForms.ts).
 *
 * Pure data and functions: no database, no Node, no zod — the renderer imports it.
 */
import { isDay, isMonth } from '../domain/dates'
import {
  ASSESSMENT_KINDS,
  RESERVE_ENTRY_WAYS,
  STUDY_CONCLUSIONS,
  STUDY_RECOMMENDATIONS,
  type RecordData,
  type RecordKind,
} from './kinds'
import {
  DISCIPLINE_SYSTEM_VOCAB,
  GRADE_VOCAB,
  MEASURES_BY_SYSTEM,
  POSTING_KIND_VOCAB,
  RESERVE_LEVEL_VOCAB,
  RESERVE_STATUS_VOCAB,
  TALK_KIND_VOCAB,
  resolveMeasure,
  resolveTerm,
  termNames,
  unknownTermText,
  type Vocabulary,
} from './vocab'

/**
 * - text / longText: a string (longText: a textarea, wrapped in Excel);
 * - day `YYYY-MM-DD`, month `YYYY-MM`, year a four-digit number;
 * - int / real: numbers within `range`;
 * - enum: a string read against `vocab` (known variants stored as the term; unknown kept as typed
 *   with a warning, or refused where `strict`) or offered from `choices` (an open list);
 * - scores: 研判's { dimension: score } object, stored as JSON.
 */
export type FieldType = 'text' | 'longText' | 'day' | 'month' | 'year' | 'int' | 'real' | 'enum' | 'scores'

/** How the Excel writer formats a column (main/export/cells.ts CellKind). */
export type ExportKind = 'text' | 'longText' | 'month' | 'day' | 'integer' | 'number'

export interface FieldDef {
  /** Key in the exchange file, the IPC data and the record objects. */
  key: string
  column: string
  /** 中文 name: form label, Excel header, messages. */
  label: string
  type: FieldType
  /** Refused when missing (unless it has a `default`). */
  required?: boolean
  /** Stored when the value is missing (年度考核, 在库). */
  default?: string
  /** Longest text accepted (characters). */
  max?: number
  /** Inclusive range of a year / int / real. */
  range?: readonly [number, number]
  /** How the range is said when a value falls outside (default "应为 a 至 b"). */
  rangeText?: string
  /** The closed list with its variants. */
  vocab?: Vocabulary
  /** A value outside `vocab` is refused rather than kept with a warning: 'entry' on entry only (a
   *  loaded file keeps it, warned: nothing is dropped), 'always' also on load (the database holds
   *  only the terms). */
  strict?: 'entry' | 'always'
  /** An open list of choices offered (no warning for other values). */
  choices?: readonly string[]
  /** Added after CLI.md's first document: written in the exchange file only when set. */
  sparse?: boolean
  form?: {
    /** A longer label for the form (with a hint). */
    label?: string
    /** 'free': a choice list that takes typed values too; 'select': choose only. */
    input?: 'select' | 'free'
    /** Form options when they are not the vocabulary's terms or the choices. */
    options?: readonly string[]
    span?: number
    /** Shown as a column of the cadre page's list (default true). */
    inList?: boolean
  }
  export?: { width: number; kind?: ExportKind }
}

export interface KindDef {
  kind: RecordKind
  table: string
  /** How a cadre's page lists them. */
  order: string
  /** How the exchange file orders them per cadre (stable dumps). */
  dumpOrder: string
  /** Most items of the kind one cadre may carry in an exchange file. */
  maxItems: number
  fields: readonly FieldDef[]
  /** The form's (and the Excel export's) order of keys, when not the fields' order. */
  formOrder?: readonly string[]
}

const ALL_MEASURES = [...new Set(Object.values(MEASURES_BY_SYSTEM).flatMap(termNames))]

const DEFS = {
  assessments: {
    kind: 'assessments',
    table: 'assessments',
    order: 'year DESC, kind, id',
    dumpOrder: 'year, kind, id',
    maxItems: 200,
    fields: [
      { key: 'year', column: 'year', label: '年度', type: 'year', required: true, range: [1950, 2100], rangeText: '应为四位年份' },
      {
        key: 'kind',
        column: 'kind',
        label: '考核类别',
        type: 'enum',
        choices: ASSESSMENT_KINDS,
        required: true,
        default: '年度考核',
        max: 50,
        form: { input: 'select' },
      },
      { key: 'grade', column: 'grade', label: '等次', type: 'enum', vocab: GRADE_VOCAB, required: true, max: 50, form: { input: 'select' } },
    ],
  },
  studies: {
    kind: 'studies',
    table: 'studies',
    order: 'date DESC, id DESC',
    dumpOrder: 'date, id',
    maxItems: 500,
    fields: [
      { key: 'date', column: 'date', label: '研判日期', type: 'day', required: true },
      { key: 'round', column: 'round', label: '研判批次', type: 'text', required: true, max: 200, form: { span: 2 } },
      { key: 'scores', column: 'scores', label: '各维度得分', type: 'scores', form: { span: 3 } },
      {
        key: 'conclusion',
        column: 'conclusion',
        label: '研判结论',
        type: 'enum',
        choices: STUDY_CONCLUSIONS,
        max: 20,
        form: { input: 'select' },
      },
      {
        key: 'recommendation',
        column: 'recommendation',
        label: '使用建议',
        type: 'enum',
        choices: STUDY_RECOMMENDATIONS,
        max: 100,
        form: { input: 'free' },
      },
    ],
    formOrder: ['round', 'date', 'scores', 'conclusion', 'recommendation'],
  },
  talks: {
    kind: 'talks',
    table: 'talks',
    order: 'date DESC, id DESC',
    dumpOrder: 'date, id',
    maxItems: 500,
    fields: [
      { key: 'date', column: 'date', label: '谈话日期', type: 'day', required: true, export: { width: 12 } },
      {
        key: 'kind',
        column: 'kind',
        label: '谈话类型',
        type: 'enum',
        vocab: TALK_KIND_VOCAB,
        required: true,
        max: 50,
        form: { input: 'select' },
        export: { width: 12 },
      },
      { key: 'talker', column: 'talker', label: '谈话人', type: 'text', max: 100, export: { width: 12 } },
      { key: 'reason', column: 'reason', label: '谈话事由', type: 'longText', max: 2000, form: { span: 3 }, export: { width: 30 } },
      {
        key: 'content',
        column: 'content',
        label: '谈话内容',
        type: 'longText',
        max: 10000,
        form: { span: 3, inList: false },
        export: { width: 40 },
      },
      {
        key: 'followUp',
        column: 'follow_up',
        label: '整改要求',
        type: 'text',
        max: 2000,
        form: { span: 2 },
        export: { width: 24, kind: 'longText' },
      },
      {
        key: 'followUpDeadline',
        column: 'follow_up_deadline',
        label: '整改期限',
        type: 'day',
        form: { inList: false },
        export: { width: 12 },
      },
      { key: 'docNo', column: 'doc_no', label: '文号', type: 'text', max: 100, export: { width: 16 } },
    ],
  },
  discipline: {
    kind: 'discipline',
    table: 'discipline',
    order: 'date DESC, id DESC',
    dumpOrder: 'date, id',
    maxItems: 200,
    fields: [
      { key: 'date', column: 'date', label: '处分日期', type: 'day', required: true },
      {
        key: 'system',
        column: 'system',
        label: '处分类别',
        type: 'enum',
        vocab: DISCIPLINE_SYSTEM_VOCAB,
        strict: 'always',
        required: true,
        max: 20,
        form: { input: 'select' },
      },
      // Read against the measures of its system (vocabularyWarnings); the form offers them all.
      {
        key: 'measure',
        column: 'measure',
        label: '处分种类',
        type: 'enum',
        required: true,
        max: 50,
        form: { input: 'free', options: ALL_MEASURES },
      },
      { key: 'reason', column: 'reason', label: '处分事由', type: 'longText', max: 2000, form: { span: 3 } },
      // Impact per record (main/domain/impact.ts): 留党察看's 察看期, 严重警告 in lieu of 撤销党内职务,
      // an end day written on the decision.
      {
        key: 'probationMonths',
        column: 'probation_months',
        label: '察看期',
        type: 'int',
        range: [1, 24],
        rangeText: '应为 1 至 24 个月（一年为 12，二年为 24）',
        sparse: true,
        form: { label: '察看期（月，留党察看填 12 或 24）', inList: false },
      },
      {
        key: 'inLieuOf',
        column: 'in_lieu_of',
        label: '代替的处分',
        type: 'enum',
        max: 50,
        sparse: true,
        form: {
          label: '代替的处分（如无党内职务可撤销：撤销党内职务）',
          input: 'free',
          options: ['撤销党内职务'],
          inList: false,
        },
      },
      {
        key: 'impactEnd',
        column: 'impact_end',
        label: '影响期截止日',
        type: 'day',
        sparse: true,
        form: { label: '影响期截止日（决定中写明时填）', inList: false },
      },
    ],
  },
  rewards: {
    kind: 'rewards',
    table: 'rewards',
    order: 'date DESC, id DESC',
    dumpOrder: 'date, id',
    maxItems: 500,
    fields: [
      { key: 'date', column: 'date', label: '奖励日期', type: 'day' },
      { key: 'name', column: 'name', label: '奖励名称', type: 'text', required: true, max: 200, form: { span: 2 } },
      { key: 'issuer', column: 'issuer', label: '批准机关', type: 'text', max: 100 },
    ],
  },
  reserve: {
    kind: 'reserve',
    table: 'reserve_entries',
    order: 'entry_date DESC, id DESC',
    dumpOrder: 'entry_date, id',
    maxItems: 100,
    fields: [
      {
        key: 'level',
        column: 'level',
        label: '后备层次',
        type: 'enum',
        vocab: RESERVE_LEVEL_VOCAB,
        required: true,
        max: 50,
        form: { input: 'select' },
        export: { width: 12 },
      },
      { key: 'entryDate', column: 'entry_date', label: '入库时间', type: 'month', export: { width: 10 } },
      {
        key: 'entryWay',
        column: 'entry_way',
        label: '入库方式',
        type: 'enum',
        choices: RESERVE_ENTRY_WAYS,
        max: 50,
        form: { input: 'select' },
        export: { width: 20 },
      },
      {
        key: 'status',
        column: 'status',
        label: '状态',
        type: 'enum',
        vocab: RESERVE_STATUS_VOCAB,
        strict: 'entry',
        required: true,
        default: '在库',
        max: 20,
        form: { input: 'select' },
        export: { width: 14 },
      },
      { key: 'exitDate', column: 'exit_date', label: '出库时间', type: 'month', export: { width: 10 } },
      {
        key: 'exitReason',
        column: 'exit_reason',
        label: '出库原因',
        type: 'text',
        max: 500,
        export: { width: 20, kind: 'longText' },
      },
    ],
    formOrder: ['level', 'entryWay', 'entryDate', 'status', 'exitDate', 'exitReason'],
  },
  postings: {
    kind: 'postings',
    table: 'postings',
    order: 'start DESC, id DESC',
    dumpOrder: 'start, id',
    maxItems: 100,
    fields: [
      {
        key: 'kind',
        column: 'kind',
        label: '派驻类型',
        type: 'enum',
        vocab: POSTING_KIND_VOCAB,
        required: true,
        max: 50,
        form: { input: 'free' },
      },
      { key: 'place', column: 'place', label: '派驻村（单位）', type: 'text', max: 100, form: { span: 2 } },
      { key: 'start', column: 'start', label: '开始时间', type: 'month' },
      { key: 'end', column: 'end', label: '结束时间', type: 'month', form: { span: 2 } },
    ],
  },
  training: {
    kind: 'training',
    table: 'training',
    order: 'start DESC, id DESC',
    dumpOrder: 'start, id',
    maxItems: 1000,
    fields: [
      { key: 'name', column: 'name', label: '培训名称', type: 'text', required: true, max: 200, form: { span: 3 } },
      { key: 'start', column: 'start', label: '开始日期', type: 'day' },
      { key: 'end', column: 'end', label: '结束日期', type: 'day' },
      { key: 'hours', column: 'hours', label: '学时', type: 'real', range: [0, 100000], rangeText: '应为非负数' },
    ],
  },
} as const satisfies Record<RecordKind, KindDef>
export const KIND_DEFS: Record<RecordKind, KindDef> = DEFS

/** The record types of kinds.ts carry exactly the defined fields (a compile-time check). */
type DefinedKeys<K extends RecordKind> = (typeof DEFS)[K]['fields'][number]['key']
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _sameKeys: { [K in RecordKind]: Same<DefinedKeys<K>, keyof RecordData<K>> } = {
  assessments: true,
  studies: true,
  talks: true,
  discipline: true,
  rewards: true,
  reserve: true,
  postings: true,
  training: true,
}
void _sameKeys


/** A kind's fields in the form's (and the export's) order. */
export function formFields(kind: RecordKind): FieldDef[] {
  const def = KIND_DEFS[kind]
  if (!def.formOrder) return [...def.fields]
  return def.formOrder.map((k) => def.fields.find((f) => f.key === k)!)
}

export function fieldOf(kind: RecordKind, key: string): FieldDef {
  const f = KIND_DEFS[kind].fields.find((x) => x.key === key)
  if (!f) throw new Error(`no field ${kind}.${key}`)
  return f
}

/** The values a form offers for a field: its own options, else the vocabulary's terms, else the choices. */
export function fieldOptions(f: FieldDef): readonly string[] | undefined {
  return f.form?.options ?? (f.vocab ? termNames(f.vocab) : f.choices)
}

// ---- Table specs (the records module's reads and writes)

type ColumnType = 'text' | 'int' | 'real' | 'json'
export interface TableSpec {
  table: string
  /** exchange key → [column, type] */
  fields: Record<string, readonly [string, ColumnType]>
  order: string
}

const columnType = (t: FieldType): ColumnType =>
  t === 'year' || t === 'int' ? 'int' : t === 'real' ? 'real' : t === 'scores' ? 'json' : 'text'

export const TABLES = Object.fromEntries(
  Object.values(KIND_DEFS).map((d) => [
    d.kind,
    {
      table: d.table,
      fields: Object.fromEntries(d.fields.map((f) => [f.key, [f.column, columnType(f.type)] as const])),
      order: d.order,
    },
  ]),
) as Record<RecordKind, TableSpec>

// ---- Vocabularies of the records

/** Which typed fields of a record kind are read against which vocabulary (talks: kind, ...). */
export const RECORD_VOCABS: Record<string, Record<string, Vocabulary>> = Object.fromEntries(
  Object.values(KIND_DEFS).map((d) => [
    d.kind,
    Object.fromEntries(d.fields.filter((f) => f.vocab && f.strict !== 'always').map((f) => [f.key, f.vocab!])),
  ]),
)

/**
 * The warnings for one record's typed values: unknown names, and for discipline an unknown measure
 * of its system. Known variants give no warning (they are read as their term).
 */
export function vocabularyWarnings(kind: string, data: Record<string, unknown>): { key: string; message: string }[] {
  const out: { key: string; message: string }[] = []
  if (kind === 'discipline') {
    const system = typeof data.system === 'string' ? data.system : ''
    const measure = typeof data.measure === 'string' ? data.measure : ''
    const sys = resolveTerm(DISCIPLINE_SYSTEM_VOCAB, system)
    if (!sys) out.push({ key: 'system', message: unknownTermText(DISCIPLINE_SYSTEM_VOCAB, system) })
    else if (measure && !resolveMeasure(sys, measure))
      out.push({ key: 'measure', message: unknownTermText(MEASURES_BY_SYSTEM[sys]!, measure) })
    const lieu = typeof data.inLieuOf === 'string' ? data.inLieuOf : ''
    if (sys && lieu && !resolveMeasure(sys, lieu))
      out.push({ key: 'inLieuOf', message: unknownTermText(MEASURES_BY_SYSTEM[sys]!, lieu) })
    return out
  }
  const vocabs = RECORD_VOCABS[kind]
  if (!vocabs) return out
  for (const [key, v] of Object.entries(vocabs)) {
    const raw = data[key]
    if (typeof raw === 'string' && raw.trim() && !resolveTerm(v, raw))
      out.push({ key, message: unknownTermText(v, raw) })
  }
  return out
}

// ---- Checks of one value against its definition (entry and load)

/** Missing: null, undefined or blank text. */
export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '')
}

/**
 * What is wrong with one field's value by its definition, in words naming the field; null when it
 * is right. The value is as stored (days `YYYY-MM-DD`, months `YYYY-MM`); a missing value is wrong
 * only when required with no default. Unknown names of a vocabulary are not wrong (they are
 * warned about), except in a `strict` field.
 */
export function fieldProblem(f: FieldDef, v: unknown, on: 'entry' | 'load' = 'entry'): string | null {
  if (isMissing(v)) return f.required && f.default === undefined ? `${f.label}不能为空` : null
  switch (f.type) {
    case 'day':
      return typeof v === 'string' && isDay(v) ? null : `${f.label}应为“年-月-日”（如 2026-08-03），收到“${String(v)}”`
    case 'month':
      return typeof v === 'string' && isMonth(v) ? null : `${f.label}应为“年-月”（如 2021-06），收到“${String(v)}”`
    case 'year':
    case 'int':
    case 'real': {
      const ok =
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (f.type === 'real' || Number.isInteger(v)) &&
        (!f.range || (v >= f.range[0] && v <= f.range[1]))
      return ok ? null : `${f.label}${f.rangeText ?? (f.range ? `应为 ${f.range[0]} 至 ${f.range[1]}` : '应为数字')}，收到“${String(v)}”`
    }
    case 'scores':
      return typeof v === 'object' && !Array.isArray(v) ? null : `${f.label}格式不正确`
    default:
      if (typeof v !== 'string') return `${f.label}应为文本`
      if (f.max !== undefined && v.length > f.max) return `${f.label}不能超过 ${f.max} 个字（现有 ${v.length} 个字）`
      if ((f.strict === 'always' || (f.strict === 'entry' && on === 'entry')) && f.vocab && !resolveTerm(f.vocab, v))
        return `${f.label}应为 ${termNames(f.vocab).join('、')} 之一，收到“${v}”`
      return null
  }
}

/** Every field's problem of one record, by key (the first is the one said). */
export function fieldProblems(kind: RecordKind, data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of KIND_DEFS[kind].fields) {
    const p = fieldProblem(f, data[f.key])
    if (p) out[f.key] = p
  }
  return out
}

/**
 * One record's values tidied by the definition: text trimmed (blank → null), a missing value given
 * its default, known variants stored as the regulations name them (党内严重警告 → 严重警告,
 * 留党察看一年 → 留党察看 with 察看期 12). Unknown names are kept as typed.
 */
export function tidyRecord(kind: RecordKind, data: Record<string, unknown>): Record<string, unknown> {
  const d = { ...data }
  for (const f of KIND_DEFS[kind].fields) {
    let v = d[f.key]
    if (typeof v === 'string') v = v.trim() === '' ? null : v.trim()
    if (v === undefined && f.type !== 'scores') v = null
    if (v === null && f.default !== undefined) v = f.default
    if (f.type === 'scores' && (!v || typeof v !== 'object')) v = {}
    if (typeof v === 'string' && f.vocab) v = resolveTerm(f.vocab, v) ?? v
    d[f.key] = v
  }
  if (kind === 'discipline') {
    const sys = typeof d.system === 'string' ? resolveTerm(DISCIPLINE_SYSTEM_VOCAB, d.system) : null
    const m = sys && typeof d.measure === 'string' ? resolveMeasure(sys, d.measure) : null
    if (m) {
      d.measure = m.measure
      if (m.probationMonths !== undefined && d.probationMonths === null) d.probationMonths = m.probationMonths
    }
    const lieu = sys && typeof d.inLieuOf === 'string' ? resolveMeasure(sys, d.inLieuOf) : null
    if (lieu) d.inLieuOf = lieu.measure
  }
  return d
}

/**
 * The zod shapes of the record kinds, derived from their one definition (main/records/fields.ts):
 * what an IPC add/update takes (`recordDataSchema`) and what one item of a cadre's list in the
 * exchange file may be (`exchangeItemSchema`). Messages name the field in Chinese.
 *
 * The shapes check types, presence and length; the values (days, ranges, closed lists) are checked
 * by `fieldProblem` on entry (main/records/entries.ts) and on load (main/services/exchange/load.ts),
 * which say what is wrong in the clerk's terms.
 */
import { z } from 'zod'
import { KIND_DEFS, fieldOf, type FieldDef } from './fields'
import type { RecordKind } from './kinds'

const DATE_LEN = 20

const missingOr = (f: FieldDef, what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined || iss.input === null ? `${f.label}不能为空` : `${f.label}应为${what}`

const isDate = (f: FieldDef) => f.type === 'day' || f.type === 'month'
const isText = (f: FieldDef) => f.type === 'text' || f.type === 'longText' || f.type === 'enum' || isDate(f)

function str(f: FieldDef, max: number | undefined) {
  const s = z.string({ error: missingOr(f, '文本') })
  return max === undefined ? s : s.max(max, { error: `${f.label}不能超过 ${max} 个字` })
}

function num(f: FieldDef) {
  const n = z.number({ error: missingOr(f, '数字') })
  return f.type === 'real' ? n : n.int({ error: `${f.label}应为整数` })
}

/** Must the IPC caller give a value (no default to fall back on)? */
const mustGive = (f: FieldDef) => f.required === true && f.default === undefined

function ipcField(f: FieldDef): z.ZodType {
  if (f.type === 'scores') return z.record(z.string().max(50), z.number()).nullish()
  const base = isText(f) ? str(f, f.max ?? (isDate(f) ? DATE_LEN : undefined)) : num(f)
  return mustGive(f) ? base : base.nullish()
}

const ipcCache = new Map<RecordKind, z.ZodObject>()

/** The `data` of records.add / records.update for one kind. */
export function recordDataSchema(kind: RecordKind): z.ZodObject {
  let s = ipcCache.get(kind)
  if (!s) {
    s = z.object(Object.fromEntries(KIND_DEFS[kind].fields.map((f) => [f.key, ipcField(f)])))
    ipcCache.set(kind, s)
  }
  return s
}

function exchangeField(f: FieldDef): z.ZodType {
  if (f.type === 'scores')
    return z
      .record(z.string().max(50), z.union([z.number(), z.string().max(200), z.null()]))
      .nullish()
      .transform((v) => v ?? {})
  if (isText(f)) {
    if (mustGive(f)) return str(f, f.max).min(1, { error: `${f.label}不能为空` })
    if (f.sparse) return str(f, f.max).nullish()
    if (f.required)
      return str(f, f.max)
        .min(1, { error: `${f.label}不能为空` })
        .nullish()
        .transform((v) => v ?? f.default!)
    return str(f, f.max)
      .nullish()
      .transform((v) => v ?? null)
  }
  let n = num(f)
  if (f.range) {
    const said = `${f.label}${f.rangeText ?? `应为 ${f.range[0]} 至 ${f.range[1]}`}`
    n = n.min(f.range[0], { error: said }).max(f.range[1], { error: said })
  }
  if (mustGive(f)) return n
  if (f.sparse) return n.nullish()
  return n.nullish().transform((v) => v ?? null)
}

/** One item of a cadre's `kind` list in the exchange file. Sparse fields (written only when set)
 *  come out undefined or null when absent; the loader leaves them out. */
export function exchangeItemSchema(kind: RecordKind) {
  return z.object(Object.fromEntries(KIND_DEFS[kind].fields.map((f) => [f.key, exchangeField(f)])))
}

/** One field's text as another channel takes it (a filter, the pool's 新增, a status change): its
 *  length and its messages from the definition. */
export function fieldText(kind: RecordKind, key: string) {
  const f = fieldOf(kind, key)
  return str(f, f.max)
}

/** How each record kind is shown and edited on a cadre's page: columns, inputs, choices — derived
 *  from the kind's one definition (main/records/fields.ts). */
import { KIND_DEFS, fieldOptions, formFields, type FieldDef } from '../../../../main/records/fields'
import type { RecordKind } from '../../../../main/records/kinds'

export type InputKind =
  'text' | 'day' | 'month' | 'year' | 'number' | 'select' | 'free' | 'textarea' | 'scores'

export interface FieldSpec {
  key: string
  label: string
  input: InputKind
  options?: readonly string[]
  required?: boolean
  /** Shown in the list table (default true). */
  inList?: boolean
  span?: number
  /** Longest text the field takes (the definition's limit). */
  max?: number
}

function inputOf(f: FieldDef): InputKind {
  switch (f.type) {
    case 'day':
    case 'month':
    case 'year':
    case 'scores':
      return f.type
    case 'int':
    case 'real':
      return 'number'
    case 'longText':
      return 'textarea'
    case 'enum':
      return f.form?.input ?? 'free'
    default:
      return 'text'
  }
}

function specOf(f: FieldDef): FieldSpec {
  const s: FieldSpec = { key: f.key, label: f.form?.label ?? f.label, input: inputOf(f) }
  const options = s.input === 'select' || s.input === 'free' ? fieldOptions(f) : undefined
  if (options) s.options = options
  if (f.required) s.required = true
  if (f.form?.inList === false) s.inList = false
  if (f.form?.span) s.span = f.form.span
  if (f.max !== undefined) s.max = f.max
  return s
}

export const KIND_FIELDS = Object.fromEntries(
  Object.keys(KIND_DEFS).map((k) => [k, formFields(k as RecordKind).map(specOf)]),
) as Record<RecordKind, FieldSpec[]>

/** A blank form for a kind (some fields preset to the common value). */
export function blankForm(kind: RecordKind, today: string): Record<string, string> {
  const f: Record<string, string> = {}
  for (const s of KIND_FIELDS[kind]) f[s.key] = ''
  if (kind === 'assessments') {
    f.year = String(Number(today.slice(0, 4)) - 1)
    f.kind = '年度考核'
  }
  if (kind === 'talks') f.date = today.replace(/-/g, '.')
  if (kind === 'discipline') f.system = '党纪'
  if (kind === 'reserve') {
    f.status = '在库'
    f.entryDate = today.slice(0, 7)
  }
  return f
}

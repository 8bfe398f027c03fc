/**
 * How values become cells in every export: text stays text (ID numbers, phone numbers, months),
 * months read 1975.03, and nothing that looks like a formula is ever written as one.
 */
import { isDay, isMonth, monthDots } from '../domain/dates'

/** What a column holds; decides the cell's value type, number format and alignment. */
export type CellKind = 'text' | 'longText' | 'month' | 'day' | 'idCard' | 'integer' | 'number'

export type CellInput = string | number | boolean | null | undefined

/** Characters that make Excel, WPS or LibreOffice read typed text as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/** True when the text would be taken for a formula if typed or pasted into a cell. */
export function looksLikeFormula(s: string): boolean {
  return FORMULA_START.test(s)
}

/**
 * The cell value of one item. Strings are always written as strings (never a `{formula}` object),
 * and text columns carry the number format `@` so a clerk who edits the cell keeps it text too.
 * Month columns print `YYYY-MM` as `1975.03`; a value that is not a month is kept as written.
 */
export function cellValue(v: CellInput, kind: CellKind): string | number | null {
  if (v === null || v === undefined || v === '') return null
  if (typeof v === 'boolean') return v ? '是' : '否'
  switch (kind) {
    case 'integer':
    case 'number': {
      if (typeof v === 'number') return Number.isFinite(v) ? v : null
      const n = Number(v)
      return v.trim() !== '' && Number.isFinite(n) && !looksLikeFormula(v.trim()) ? n : v
    }
    case 'month': {
      const s = String(v)
      return isMonth(s) ? monthDots(s) : s
    }
    case 'day': {
      const s = String(v)
      return isDay(s) ? s.replace(/-/g, '.') : s
    }
    default:
      return typeof v === 'number' ? String(v) : v
  }
}

/** Width in Excel's character units for a header or a value: CJK characters count double. */
export function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0
    w += c >= 0x2e80 ? 2 : 1
  }
  return w
}

/**
 * Months and days as rosters and forms write them (DOMAIN.md "Dates in the wild").
 * Storage: months `YYYY-MM`, days `YYYY-MM-DD`. Printed forms and LRMX: `1975.03`.
 */
export type MonthParse =
  { ok: true; value: string; warning?: string } | { ok: true; value: null } | { ok: false; message: string }

const MIN_YEAR = 1900
const MAX_YEAR = 2100

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

function monthOf(y: number, m: number): MonthParse {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR)
    return { ok: false, message: `年份 ${y} 不在 ${MIN_YEAR}–${MAX_YEAR} 之间` }
  if (!Number.isInteger(m) || m < 1 || m > 12) return { ok: false, message: `月份 ${m} 不是 1–12 之间的月份` }
  return { ok: true, value: `${y}-${pad2(m)}` }
}

function validDay(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
}

/** Excel date serial → UTC date; `date1904` for workbooks in the 1904 system (old Mac Excel). */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  const whole = Math.floor(serial)
  if (date1904) return new Date(Date.UTC(1904, 0, 1) + whole * 86400000)
  // 1900 system: serial 1 is 1900-01-01 and serial 60 is Lotus's fictitious 1900-02-29.
  const base = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)
  return new Date(base + whole * 86400000)
}

/** Month from a Date cell: its UTC calendar month (exceljs and SheetJS give UTC midnight). */
export function monthFromDate(d: Date): MonthParse {
  if (Number.isNaN(d.getTime())) return { ok: false, message: '日期无效' }
  // A date a few seconds before midnight (floating-point serials) belongs to the next day.
  const t = new Date(d.getTime() + 1000)
  return monthOf(t.getUTCFullYear(), t.getUTCMonth() + 1)
}

function monthFromNumber(n: number, date1904: boolean): MonthParse {
  if (!Number.isFinite(n) || n <= 0) return { ok: false, message: `“${n}”不是有效的年月` }
  if (Number.isInteger(n)) {
    if (n >= MIN_YEAR && n <= MAX_YEAR) {
      return { ...monthOf(n, 1), warning: `只有年份 ${n}，已按 ${n}.01 记录，请核对月份` } as MonthParse
    }
    if (n >= 190001 && n <= 210012) return monthOf(Math.floor(n / 100), n % 100)
    if (n >= 19000101 && n <= 21001231) {
      const y = Math.floor(n / 10000)
      const m = Math.floor(n / 100) % 100
      const d = n % 100
      if (!validDay(y, m, d)) return { ok: false, message: `“${n}”不是有效日期` }
      return monthOf(y, m)
    }
    if (n < 100000) return monthFromDate(excelSerialToDate(n, date1904))
    return { ok: false, message: `“${n}”不是有效的年月` }
  }
  // A decimal like 1975.03 or 1975.1 typed into a number cell.
  const y = Math.floor(n)
  if (y >= MIN_YEAR && y <= MAX_YEAR) {
    const frac = Math.round((n - y) * 100)
    if (frac === 10) {
      // 1975.1 may be January, or 1975.10 after Excel dropped the trailing zero: never guess silently.
      return {
        ok: true,
        value: `${y}-01`,
        warning: `数字 ${n} 可能是 ${y}.01，也可能是被 Excel 去掉末尾 0 的 ${y}.10，已按 ${y}.01 记录，请核对`,
      }
    }
    if (frac % 10 === 0 && frac >= 20 && frac <= 90) return monthOf(y, frac / 10)
    if (frac >= 1 && frac <= 12) return monthOf(y, frac)
    return { ok: false, message: `“${n}”不是有效的年月` }
  }
  if (n < 100000) return monthFromDate(excelSerialToDate(n, date1904))
  return { ok: false, message: `“${n}”不是有效的年月` }
}

const FULLWIDTH = /[\uFF10-\uFF19\uFF0E\uFF0F\uFF0D]/g

/** Parses every month form of DOMAIN.md. Empty input gives `{ ok: true, value: null }`. */
export function parseMonth(raw: unknown, opts: { date1904?: boolean } = {}): MonthParse {
  if (raw === null || raw === undefined) return { ok: true, value: null }
  if (raw instanceof Date) return monthFromDate(raw)
  if (typeof raw === 'number') return monthFromNumber(raw, opts.date1904 ?? false)
  let s = String(raw)
    .replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000']/g, '')
  if (s === '') return { ok: true, value: null }
  s = s.replace(/。/g, '.')
  let m: RegExpMatchArray | null
  if ((m = s.match(/^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$/))) return monthOf(Number(m[1]), Number(m[2]))
  if ((m = s.match(/^(\d{4})年$/)) || (m = s.match(/^(\d{4})$/))) {
    const y = Number(m[1])
    const r = monthOf(y, 1)
    return r.ok && r.value ? { ...r, warning: `只有年份 ${y}，已按 ${y}.01 记录，请核对月份` } : r
  }
  if ((m = s.match(/^(\d{4})[.\-/](\d{1,2})(?:[.\-/](\d{1,2}))?$/))) {
    const y = Number(m[1])
    const mo = Number(m[2])
    if (m[3] !== undefined && !validDay(y, mo, Number(m[3])))
      return { ok: false, message: `“${raw}”不是有效日期` }
    return monthOf(y, mo)
  }
  if ((m = s.match(/^(\d{4})(\d{2})$/))) return monthOf(Number(m[1]), Number(m[2]))
  if ((m = s.match(/^(\d{4})(\d{2})(\d{2})$/))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (!validDay(y, mo, d)) return { ok: false, message: `“${raw}”不是有效日期` }
    return monthOf(y, mo)
  }
  // ISO timestamps from JSON or CSV (2001-03-01T00:00:00.000Z)
  if ((m = s.match(/^(\d{4})-(\d{2})-(\d{2})T/))) return monthOf(Number(m[1]), Number(m[2]))
  if (/^\d+(\.\d+)?$/.test(s)) return monthFromNumber(Number(s), opts.date1904 ?? false)
  return { ok: false, message: `“${String(raw)}”不是可识别的年月（可写作 1975.03、1975-03、1975年3月）` }
}

export type DayParse = { ok: true; value: string | null } | { ok: false; message: string }

/** Parses a day: `2026-08-03`, `2026.8.3`, `20260803`, `2026年8月3日`, a Date or an Excel serial. */
export function parseDay(raw: unknown, opts: { date1904?: boolean } = {}): DayParse {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: null }
  let d: Date | null = null
  if (raw instanceof Date) d = new Date(raw.getTime() + 1000)
  else if (typeof raw === 'number') {
    if (raw >= 19000101 && raw <= 21001231 && Number.isInteger(raw)) return parseDay(String(raw))
    d = excelSerialToDate(raw, opts.date1904 ?? false)
  }
  if (d) {
    if (Number.isNaN(d.getTime())) return { ok: false, message: '日期无效' }
    return { ok: true, value: `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` }
  }
  const s = String(raw)
    .replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s/g, '')
  const m =
    s.match(/^(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?(?:T.*)?$/) ?? s.match(/^(\d{4})(\d{2})(\d{2})$/)
  if (!m) return { ok: false, message: `“${String(raw)}”不是可识别的日期（可写作 2026-08-03、2026.8.3）` }
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (!validDay(y, mo, da)) return { ok: false, message: `“${String(raw)}”不是有效日期` }
  return { ok: true, value: `${y}-${pad2(mo)}-${pad2(da)}` }
}

export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s)
}
export function isDay(s: string): boolean {
  const m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/)
  return !!m && validDay(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** `1975-03` → `1975.03` (forms and LRMX); null → ''. */
export function monthDots(m: string | null | undefined): string {
  return m ? m.replace('-', '.') : ''
}

/** Full years of age at `at` (a day `YYYY-MM-DD`) for someone born in month `birth` (`YYYY-MM`).
 *  With only a month known, the birthday counts as reached once its month has begun. */
export function ageAt(birth: string | null | undefined, at: string): number | null {
  if (!birth || !isMonth(birth)) return null
  const by = Number(birth.slice(0, 4))
  const bm = Number(birth.slice(5, 7))
  const ay = Number(at.slice(0, 4))
  const am = Number(at.slice(5, 7))
  return ay - by - (am < bm ? 1 : 0)
}

/** Whole months from month `from` to day/month `to` (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const fy = Number(from.slice(0, 4))
  const fm = Number(from.slice(5, 7))
  const ty = Number(to.slice(0, 4))
  const tm = Number(to.slice(5, 7))
  return (ty - fy) * 12 + (tm - fm)
}

/** Adds months to a day `YYYY-MM-DD`, clamping to the month's last day. */
export function addMonths(day: string, months: number): string {
  const y = Number(day.slice(0, 4))
  const m = Number(day.slice(5, 7)) - 1 + months
  const d = Number(day.slice(8, 10)) || 1
  const ny = y + Math.floor(m / 12)
  const nm = ((m % 12) + 12) % 12
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate()
  return `${ny}-${pad2(nm + 1)}-${pad2(Math.min(d, last))}`
}

/** Today as `YYYY-MM-DD` in local time. */
export function today(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`
}

/**
 * Display: dates read one way everywhere, as forms and exports write them (2026.11.30, 1975.03;
 * GB/T 7408 allows the dot separator and the 干部任免审批表 uses it). Stored values stay ISO.
 */
/** `2026-11-30` → `2026.11.30`, `1975-03` → `1975.03`; null/'' → ''; anything else unchanged. */
export function dateDots(v: string | null | undefined): string {
  if (!v) return ''
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v)
  if (!m) return v
  return m[3] ? `${m[1]}.${m[2]}.${m[3]}` : `${m[1]}.${m[2]}`
}

/** A timestamp (ISO, UTC) in local time as `2026.11.30 16:09` (with `seconds`: `16:09:05`). */
export function dateTimeDots(iso: string, opts: { seconds?: boolean } = {}): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const hm = `${pad2(d.getHours())}:${pad2(d.getMinutes())}${opts.seconds ? `:${pad2(d.getSeconds())}` : ''}`
  return `${d.getFullYear()}.${pad2(d.getMonth() + 1)}.${pad2(d.getDate())} ${hm}`
}

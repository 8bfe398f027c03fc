/**
 * 到龄时间: the statutory retirement month under the 全国人大常委会关于实施渐进式延迟法定退休年龄的决定
 * (adopted 2024-09-13, in force 2025-01-01), DOMAIN.md "Retirement: the 2025 reform".
 *
 * 决定 第一条 and 附件《国务院关于渐进式延迟职工法定退休年龄的办法》第二条 with its 附件 1–3 (the tables by
 * birth month): let n be the months from January 2025 to the month a person reaches the old
 * retirement age (January 2025 = 1).
 *   - men (old age 60) and women whose old age is 55 (附件 1, 附件 3): delay one month every four
 *     months, delay = min(36, ⌊(n−1)/4⌋ + 1) → at most 63 / 58;
 *   - women whose old age is 50 (附件 2): one month every two months,
 *     delay = min(60, ⌊(n−1)/2⌋ + 1) → at most 55;
 *   - n < 1 (the old age was reached before 2025): no delay.
 * Pure: no database, no clock. Forms (LRMX DaoLingNianYue) import this module, keep its API.
 */

export type RetireBaseAge = 50 | 55 | 60
export const RETIRE_BASE_AGES: readonly RetireBaseAge[] = [50, 55, 60] as const

/** The reform's schedule: step (months of birth per month of delay) and cap per old age. */
export const REFORM_SCHEDULE: Readonly<Record<RetireBaseAge, { stepMonths: number; maxDelay: number }>> = {
  60: { stepMonths: 4, maxDelay: 36 }, // 附件 1: 男职工 60 → 63
  55: { stepMonths: 4, maxDelay: 36 }, // 附件 3: 原法定退休年龄 55 周岁的女职工 → 58
  50: { stepMonths: 2, maxDelay: 60 }, // 附件 2: 原法定退休年龄 50 周岁的女职工 → 55
}

/** The first month of the reform (n = 1). */
const REFORM_START_YEAR = 2025

function parseYm(s: string | null | undefined): { y: number; m: number } | null {
  if (typeof s !== 'string') return null
  const mt = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(s)
  if (!mt) return null
  return { y: Number(mt[1]), m: Number(mt[2]) }
}

function ym(total: number): string {
  // total = year * 12 + (month - 1)
  const y = Math.floor(total / 12)
  const m = total - y * 12 + 1
  return `${y}-${String(m).padStart(2, '0')}`
}

export function isRetireBaseAge(v: unknown): v is RetireBaseAge {
  return v === 50 || v === 55 || v === 60
}

/** Months of delay for someone born in `birth` whose old retirement age is `baseAge`. */
export function retirementDelay(birth: string | null | undefined, baseAge: RetireBaseAge): number | null {
  const b = parseYm(birth)
  if (!b || !isRetireBaseAge(baseAge)) return null
  const n = (b.y + baseAge - REFORM_START_YEAR) * 12 + b.m
  if (n < 1) return 0
  const { stepMonths, maxDelay } = REFORM_SCHEDULE[baseAge]
  return Math.min(maxDelay, Math.floor((n - 1) / stepMonths) + 1)
}

/** 到龄年月 `YYYY-MM`: the month the person reaches the (reformed) statutory retirement age.
 *  null when the birth month is unknown or malformed (shown as 待补充, never guessed). */
export function retirementMonth(birth: string | null | undefined, baseAge: RetireBaseAge): string | null {
  const b = parseYm(birth)
  const delay = retirementDelay(birth, baseAge)
  if (!b || delay === null) return null
  return ym((b.y + baseAge) * 12 + (b.m - 1) + delay)
}

/** The reformed retirement age as years and months, e.g. 60岁1个月. */
export function retirementAge(
  birth: string | null | undefined,
  baseAge: RetireBaseAge,
): { years: number; months: number } | null {
  const delay = retirementDelay(birth, baseAge)
  if (delay === null) return null
  const total = baseAge * 12 + delay
  return { years: Math.floor(total / 12), months: total % 12 }
}

/** 原法定退休年龄 by gender: 男 60; 女 55 (county cadres are usually on 55, DOMAIN.md). Unknown: null. */
export function defaultRetireBaseAge(gender: string | null | undefined): RetireBaseAge | null {
  if (gender === '男') return 60
  if (gender === '女') return 55
  return null
}

export interface CadreRetirementInput {
  gender?: string | null
  birthDate?: string | null
  /** Set on the cadre (原法定退休年龄); null/undefined = the default by gender. */
  retireBaseAge?: number | null
}

export interface CadreRetirement {
  /** The old age in force for this cadre, or null when neither set nor derivable from gender. */
  baseAge: RetireBaseAge | null
  /** Whether baseAge was set on the cadre (true) or defaulted from gender (false). */
  baseAgeSet: boolean
  /** `YYYY-MM`, or null = 待补充 (see `missing`). */
  retireDate: string | null
  delayMonths: number | null
  /** What is missing when retireDate is null, in Chinese: 出生年月 / 性别. Empty when computed. */
  missing: string[]
}

/** Reads a cadre's gender, birth month and 原法定退休年龄 and gives the 到龄 month. */
export function cadreRetirement(c: CadreRetirementInput): CadreRetirement {
  const set = isRetireBaseAge(c.retireBaseAge) ? c.retireBaseAge : null
  const baseAge = set ?? defaultRetireBaseAge(c.gender)
  const missing: string[] = []
  if (!parseYm(c.birthDate)) missing.push('出生年月')
  if (baseAge === null) missing.push('性别')
  const retireDate = baseAge === null ? null : retirementMonth(c.birthDate, baseAge)
  return {
    baseAge,
    baseAgeSet: set !== null,
    retireDate,
    delayMonths: baseAge === null ? null : retirementDelay(c.birthDate, baseAge),
    missing,
  }
}

/** What the UI shows for a missing 到龄时间. */
export const RETIRE_MISSING = '待补充'

/** LRMX 4.0 GaiGeQianRenZhiNianLingJieXian text, e.g. 改革前任职年龄界限为55岁. */
export function baseAgeLrmxText(baseAge: RetireBaseAge | null): string {
  return baseAge === null ? '' : `改革前任职年龄界限为${baseAge}岁`
}

/** Parses the LRMX text or a bare number back to a base age; anything else → null. */
export function parseBaseAge(raw: unknown): RetireBaseAge | null {
  if (typeof raw === 'number') return isRetireBaseAge(raw) ? raw : null
  if (typeof raw !== 'string') return null
  const m = /(50|55|60)\s*(岁|周岁)?\s*$/.exec(raw.trim())
  if (!m) return null
  const n = Number(m[1])
  return isRetireBaseAge(n) ? n : null
}

/** 1-based months from `from` (YYYY-MM) to `to` (YYYY-MM); negative when earlier. */
export function monthDiff(from: string, to: string): number {
  const a = parseYm(from)
  const b = parseYm(to)
  if (!a || !b) return NaN
  return (b.y - a.y) * 12 + (b.m - a.m)
}

/** Month reached `months` after `from` (YYYY-MM). */
export function addMonthsYm(from: string, months: number): string {
  const a = parseYm(from)
  if (!a) throw new Error(`not a month: ${from}`)
  return ym(a.y * 12 + a.m - 1 + months)
}

/** The month a cadre born in `birth` reaches `age` full years (local age limits for leadership posts:
 *  configuration, not law). */
export function ageLimitMonth(birth: string | null | undefined, age: number): string | null {
  const b = parseYm(birth)
  if (!b || !Number.isInteger(age) || age <= 0) return null
  return ym((b.y + age) * 12 + b.m - 1)
}

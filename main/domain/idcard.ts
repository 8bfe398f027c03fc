/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence
 * (odd = male), check character by ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK = '10X98765432'

export function idCardCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0)
  return CHECK[sum % 11] ?? '?'
}

export type IdCardProblem = 'empty' | 'excel-number' | 'length' | 'chars' | 'birth-date' | 'check-digit'

export interface IdCardInfo {
  idCard: string
  /** `YYYY-MM-DD` */
  birthDay: string
  /** `YYYY-MM` */
  birthMonth: string
  gender: '男' | '女'
}

export type IdCardResult =
  { ok: true; value: IdCardInfo } | { ok: false; problem: IdCardProblem; message: string; cleaned: string }

/** Strip spaces, a leading apostrophe and full-width characters; lowercase x → X. */
export function cleanIdCard(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[ｘＸ]/g, 'X')
    .replace(/[\s\u3000'‘’`]/g, '')
    .replace(/x/g, 'X')
}

/** True when the value looks like what Excel makes of an 18-digit number: 4.1082119750301E+17. */
export function looksLikeExcelNumber(raw: string | number): boolean {
  // Excel keeps 15 significant digits: a 15-digit first-generation number survives whole.
  if (typeof raw === 'number') return raw >= 1e15 || (raw > 1e14 && !Number.isInteger(raw))
  return /^\d(\.\d+)?E\+1[5-9]$/i.test(raw.trim())
}

export function validateIdCard(raw: string | number | null | undefined): IdCardResult {
  if (raw === null || raw === undefined || String(raw).trim() === '') {
    return { ok: false, problem: 'empty', message: '身份证号为空', cleaned: '' }
  }
  if (looksLikeExcelNumber(raw)) {
    return {
      ok: false,
      problem: 'excel-number',
      message: '身份证号被 Excel 存成了数字，末尾数字已丢失，请把该列设为文本后重新录入',
      cleaned: String(raw),
    }
  }
  const s = cleanIdCard(String(raw))
  if (s.length === 15 && /^\d{15}$/.test(s)) {
    return {
      ok: false,
      problem: 'length',
      message: '这是 15 位的第一代身份证号，请填写 18 位的第二代身份证号',
      cleaned: s,
    }
  }
  if (s.length !== 18) {
    return { ok: false, problem: 'length', message: `身份证号应为 18 位，实际为 ${s.length} 位`, cleaned: s }
  }
  if (!/^\d{17}[\dX]$/.test(s)) {
    return { ok: false, problem: 'chars', message: '身份证号只能由数字组成，最后一位可以是 X', cleaned: s }
  }
  const y = Number(s.slice(6, 10))
  const m = Number(s.slice(10, 12))
  const d = Number(s.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return {
      ok: false,
      problem: 'birth-date',
      message: `身份证号中的出生日期 ${s.slice(6, 14)} 不是有效日期`,
      cleaned: s,
    }
  }
  if (date.getTime() > Date.now()) {
    return {
      ok: false,
      problem: 'birth-date',
      message: `身份证号中的出生日期 ${s.slice(6, 14)} 晚于今天`,
      cleaned: s,
    }
  }
  const expected = idCardCheckChar(s.slice(0, 17))
  if (expected !== s[17]) {
    return {
      ok: false,
      problem: 'check-digit',
      message: `身份证号校验位错误：最后一位应为 ${expected}，实际为 ${s[17]}`,
      cleaned: s,
    }
  }
  const mm = String(m).padStart(2, '0')
  const dd = String(d).padStart(2, '0')
  return {
    ok: true,
    value: {
      idCard: s,
      birthDay: `${y}-${mm}-${dd}`,
      birthMonth: `${y}-${mm}`,
      gender: Number(s[16]) % 2 === 1 ? '男' : '女',
    },
  }
}

/** Messages for an ID that disagrees with the gender or birth month given beside it. */
export function idCardContradictions(
  info: IdCardInfo,
  gender: string | null | undefined,
  birthMonth: string | null | undefined,
): { key: 'gender' | 'birthDate'; message: string }[] {
  const out: { key: 'gender' | 'birthDate'; message: string }[] = []
  if (gender && gender !== info.gender) {
    out.push({ key: 'gender', message: `性别“${gender}”与身份证号不符（身份证号第17位表示${info.gender}）` })
  }
  if (birthMonth && birthMonth !== info.birthMonth) {
    out.push({
      key: 'birthDate',
      message: `出生年月 ${birthMonth.replace('-', '.')} 与身份证号中的 ${info.birthMonth.replace('-', '.')} 不符`,
    })
  }
  return out
}

/** Builds a valid ID number (used by the demo generator and tests). */
export function makeIdCard(region: string, birthDay: string, seq: number): string {
  const first17 = region + birthDay.replace(/-/g, '') + String(seq).padStart(3, '0')
  return first17 + idCardCheckChar(first17)
}

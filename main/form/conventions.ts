/**
 * The 任免审批表's writing conventions (DOMAIN.md "Second round: the form's conventions"):
 * - a family member who died keeps the row, 工作单位及职务 says "已去世", and the age is left blank;
 * - 年度考核结果 merges equal years: "2023、2024年度考核均为称职，2025年度考核为优秀".
 * And the way back: the merged text read into per-year records (LRMX import).
 */
import type { FamilyMember } from '../domain/cadre'

/** Words by which a family row says the person died (已去世 is the form's own). */
const DECEASED = /已?去世|已故|病故|亡故|逝世|身故|过世/

/** True when the row marks the family member as deceased (in 工作单位及职务, 政治面貌 or the name). */
export function isDeceased(m: Pick<FamilyMember, 'name' | 'politicalStatus' | 'workUnitPosition'>): boolean {
  return [m.workUnitPosition, m.politicalStatus, m.name].some((v) => !!v && DECEASED.test(v))
}

export interface YearGrade {
  year: number
  grade: string
}

/** Grades the text may carry (national names and the 合格 family some staff are assessed with). */
export const ASSESSMENT_GRADES = [
  '优秀',
  '称职',
  '基本称职',
  '不称职',
  '合格',
  '基本合格',
  '不合格',
  '不定等次',
] as const

/**
 * Merged wording: consecutive years with the same grade go together, in year order.
 * [2023 称职, 2024 称职, 2025 优秀] → "2023、2024年度考核均为称职，2025年度考核为优秀。"
 * 不定等次 reads "2024年度考核不定等次". Empty list → "".
 */
export function mergeAssessmentText(rows: readonly YearGrade[]): string {
  const sorted = [...rows].sort((a, b) => a.year - b.year)
  const runs: { years: number[]; grade: string }[] = []
  for (const r of sorted) {
    const last = runs[runs.length - 1]
    if (last && last.grade === r.grade && last.years[last.years.length - 1] === r.year - 1)
      last.years.push(r.year)
    else runs.push({ years: [r.year], grade: r.grade })
  }
  if (runs.length === 0) return ''
  return (
    runs
      .map(({ years, grade }) => {
        const ys = years.join('、')
        if (grade === '不定等次') return `${ys}年度考核${years.length > 1 ? '均' : ''}不定等次`
        return `${ys}年度考核${years.length > 1 ? '均为' : '为'}${grade}`
      })
      .join('，') + '。'
  )
}

const GRADE_RE = ASSESSMENT_GRADES.slice()
  .sort((a, b) => b.length - a.length)
  .join('|')
/** One clause: years (2023、2024 / 2023年、2024年 / 2021-2023 / 2023至2025), 年度, 考核 …, a grade. */
const CLAUSE = new RegExp(
  `((?:(?:19|20)\\d{2}\\s*年?\\s*(?:[、，,和及与]|[-－—~～至到])?\\s*)+)\\s*年?度?(?:年度)?(?:考核)?(?:结果)?(?:等次)?\\s*(?:均|都)?\\s*(?:为|是|评为|被评为|确定为|定为)?\\s*[“"]?(${GRADE_RE})`,
  'g',
)

export interface ParsedAssessments {
  records: YearGrade[]
  /** Pieces of the text that name no year or grade the parser can read (shown as 待核实). */
  unread: string[]
}

/**
 * Reads 年度考核结果 text into per-year records:
 * "2023、2024年度考核均为称职，2025年度考核为优秀" → 2023 称职, 2024 称职, 2025 优秀.
 * Ranges ("2021-2023年度均为称职") give every year of the range. A year named twice with two
 * different grades keeps neither and goes to `unread`.
 */
export function parseAssessmentText(text: string | null | undefined): ParsedAssessments {
  const out = new Map<number, string>()
  const conflict = new Set<number>()
  const unread: string[] = []
  if (!text) return { records: [], unread }
  for (const piece of text.split(/[；;。\n]+/)) {
    const p = piece.trim()
    if (!p) continue
    let found = false
    for (const m of p.matchAll(CLAUSE)) {
      const yearsPart = m[1] ?? ''
      const grade = m[2] ?? ''
      const years: number[] = []
      const range = yearsPart.match(/((?:19|20)\d{2})\s*年?\s*[-－—~～至到]\s*((?:19|20)\d{2})/)
      if (range) {
        const a = Number(range[1])
        const b = Number(range[2])
        if (b >= a && b - a <= 10) for (let y = a; y <= b; y++) years.push(y)
      } else {
        for (const y of yearsPart.matchAll(/(?:19|20)\d{2}/g)) years.push(Number(y[0]))
      }
      for (const y of years) {
        found = true
        const had = out.get(y)
        if (had !== undefined && had !== grade) conflict.add(y)
        out.set(y, grade)
      }
    }
    if (!found) unread.push(p)
  }
  for (const y of conflict) {
    out.delete(y)
    unread.push(`${y}年度考核等次前后不一`)
  }
  return {
    records: [...out.entries()].sort((a, b) => a[0] - b[0]).map(([year, grade]) => ({ year, grade })),
    unread,
  }
}

/**
 * 简历 lines as the 干部任免审批表 prints them:
 *   `1993.09--1997.07  某某大学某某专业学习`
 *   `2021.06--         某某镇党委书记`            (held now: end left blank, 7 spaces)
 *   `                  （其间：2003.09--2006.07在某某大学在职研究生学习，获硕士学位）`
 * An entry with no start is such a parenthetical line belonging to the entry above it.
 */
export interface ResumeEntry {
  /** `YYYY-MM`, null for a （其间：…） line */
  start: string | null
  /** `YYYY-MM`, null while the post is held now */
  end: string | null
  text: string
}

const INDENT = ' '.repeat(18)
const DASHES = '(?:--|—+|-|～|~|－+|至)'
const MONTH = '(\\d{4})\\s*[.．年/-]\\s*(\\d{1,2})月?'
const LINE = new RegExp(`^\\s*${MONTH}\\s*${DASHES}\\s*(?:${MONTH}|(至今|今))?\\s*(.*)$`)

function m2(y: string, m: string): string | null {
  const mo = Number(m)
  if (mo < 1 || mo > 12) return null
  return `${y}-${String(mo).padStart(2, '0')}`
}

export function parseResume(text: string): ResumeEntry[] {
  const out: ResumeEntry[] = []
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.replace(/\u3000/g, ' ').trimEnd()
    if (!line.trim()) continue
    const m = line.match(LINE)
    const start = m ? m2(m[1] ?? '', m[2] ?? '') : null
    if (m && start) {
      const end = m[3] && m[4] ? m2(m[3], m[4]) : null
      out.push({ start, end, text: (m[6] ?? '').trim() })
      continue
    }
    const t = line.trim()
    const prev = out[out.length - 1]
    if (/^([（(]|其间)/.test(t) || !prev) out.push({ start: null, end: null, text: t })
    else prev.text += t // a wrapped line continues the entry above
  }
  return out
}

export function formatResumeLine(e: ResumeEntry): string {
  if (!e.start) return INDENT + e.text
  const s = e.start.replace('-', '.')
  const end = e.end ? e.end.replace('-', '.') : ' '.repeat(7)
  return `${s}--${end}  ${e.text}`
}

export function formatResume(entries: readonly ResumeEntry[]): string {
  return entries.map(formatResumeLine).join('\n')
}

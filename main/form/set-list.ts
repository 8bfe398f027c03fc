/**
 * A meeting set's list as typed or pasted (pure: the renderer uses it too). One entry per line or
 * separated by ，、；; an entry is a name, an ID number, or both as 姓名（身份证号）.
 */

const NAME_WITH_ID = /^(.+?)[（(](\d{17}[\dXx]|\d{15})[)）]$/

/** The ID number an entry gives (alone or as 姓名（身份证号）), and the name beside it; null when none. */
export function entryIdCard(entry: string): { idCard: string; name: string | null } | null {
  const e = entry.replace(/\s+/g, '')
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(e)) return { idCard: e.toUpperCase(), name: null }
  const m = NAME_WITH_ID.exec(e)
  return m ? { idCard: (m[2] ?? '').toUpperCase(), name: m[1] ?? null } : null
}

/** The entry that names this cadre unambiguously: 姓名（身份证号）. */
export function entryOf(name: string, idCard: string): string {
  return `${name}（${idCard}）`
}

/**
 * Splits pasted text into entries: one per line, or separated by ，、；, tabs or spaces. A leading
 * agenda number ("1.", "2、", "（3）") is dropped; a name padded with one space ("王 军") is one entry.
 */
export function splitSetList(text: string): string[] {
  const out: string[] = []
  const numbering = /^\s*(?:[(（]\d{1,3}[)）]|\d{1,3}[.、．)）])\s*(?=\D)/
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(numbering, '')
    for (const piece of line.split(/[,，、;；\t]+/)) {
      const p = piece.replace(/\u3000/g, ' ').trim()
      if (!p) continue
      // 王建国（620102…） is one entry: the name and the ID number that tells same-name cadres apart
      if (NAME_WITH_ID.test(p.replace(/\s+/g, ''))) {
        out.push(p.replace(/\s+/g, ''))
        continue
      }
      const parts = p.split(/\s+/)
      const words = parts.length > 1 && parts.every((w) => [...w].length >= 2) ? parts : [parts.join('')]
      for (const w of words) {
        const s = w.replace(numbering, '').trim()
        if (s) out.push(s)
      }
    }
  }
  return out
}

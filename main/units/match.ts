/**
 * Close names for a unit that is not in the tree (issue 13): an import naming "财政局" when the
 * tree has "县财政局", or "城关镇政府" beside "城关镇", offers those first, so the clerk maps it
 * rather than creating a second unit. Pure: the caller passes the units (id, name, parent).
 */

export interface UnitRef {
  id: number
  name: string
  parentId: number | null
}

export interface UnitSuggestion {
  id: number
  name: string
  /** Names from the top of the tree down to the unit, e.g. "乡镇 › 城关镇". */
  path: string
  /** 0–1, higher is closer. */
  score: number
}

/** What stays of a name once the words that vary between rosters are dropped. */
export function unitCore(name: string): string {
  let s = name.replace(/[\s\u3000（）()【】[\]·、，,.。]/g, '')
  s = s.replace(/^中共/, '').replace(/^中国共产党/, '')
  // The county's own name ("清川县财政局") or a bare "县" in front ("县财政局").
  s = s.replace(/^[\u4e00-\u9fff]{0,4}?县(?=[\u4e00-\u9fff]{2,})/, '')
  s = s.replace(/(人民政府|党委|委员会|办事处)$/, (m) => (m === '委员会' ? '委' : ''))
  return s
}

function bigrams(s: string): string[] {
  const chars = [...s]
  if (chars.length < 2) return chars
  const out: string[] = []
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!)
  return out
}

/** How close two unit names are, 0–1. */
export function unitNameScore(a: string, b: string): number {
  if (a === b) return 1
  const ca = unitCore(a)
  const cb = unitCore(b)
  if (!ca || !cb) return 0
  if (ca === cb) return 0.95
  const [short, long] = ca.length <= cb.length ? [ca, cb] : [cb, ca]
  if (short.length >= 2 && long.includes(short)) return 0.6 + 0.3 * (short.length / long.length)
  // An abbreviation keeps the characters in order ("发改局" in "发展和改革局").
  const dice = diceOf(ca, cb)
  if (short.length >= 3 && inOrder(short, long)) return Math.max(dice, 0.5 + 0.2 * (short.length / long.length))
  return dice
}

function inOrder(short: string, long: string): boolean {
  let i = 0
  for (const ch of long) if (ch === short[i]) i++
  return i === short.length
}

function diceOf(ca: string, cb: string): number {
  const ga = bigrams(ca)
  const gb = bigrams(cb)
  const pool = [...gb]
  let common = 0
  for (const g of ga) {
    const i = pool.indexOf(g)
    if (i >= 0) {
      common++
      pool.splice(i, 1)
    }
  }
  return (2 * common) / (ga.length + gb.length)
}

/** Path of each unit from the top of the tree ("县直部门 › 县财政局"); cycles are cut. */
export function unitPaths(units: readonly UnitRef[]): Map<number, string> {
  const byId = new Map(units.map((u) => [u.id, u]))
  const out = new Map<number, string>()
  for (const u of units) {
    const names: string[] = []
    const seen = new Set<number>()
    let cur: UnitRef | undefined = u
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id)
      names.unshift(cur.name)
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId)
    }
    out.set(u.id, names.join(' › '))
  }
  return out
}

/** The closest units to `name`, best first, at most `limit`, none below `min`. */
export function suggestUnits(
  units: readonly UnitRef[],
  name: string,
  opts: { limit?: number; min?: number; paths?: Map<number, string> } = {},
): UnitSuggestion[] {
  const limit = opts.limit ?? 3
  const min = opts.min ?? 0.45
  const paths = opts.paths ?? unitPaths(units)
  return units
    .map((u) => ({ id: u.id, name: u.name, path: paths.get(u.id) ?? u.name, score: unitNameScore(name, u.name) }))
    .filter((s) => s.score >= min)
    .sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.id - b.id)
    .slice(0, limit)
    .map((s) => ({ ...s, score: Math.round(s.score * 100) / 100 }))
}

/**
 * The rows of an export: the very filter the roster grid uses (`buildCadreWhere` of the cadres
 * service), read so that 100,000 people stream out without all of them in memory.
 *
 * First the matching ids are read in one statement, in the grid's own order (cadreOrderBy): a consistent snapshot of who
 * is in the export and in what order. Then the cells are read by chunks of ids between writes.
 * No statement stays open while the writer yields to the event loop, so other requests on the same
 * connection keep working during a long export.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers'
import type { CadreQuery } from '../domain/cadre'
import { ageAt } from '../domain/dates'
import { AppError } from '../domain/errors'
import { CADRE_FIELD_KEYS, FIELD_BY_KEY, columnOf, type CadreFieldKey } from '../domain/fields'
import type { AppContext } from '../services/context'
import { buildCadreWhere, cadreOrderBy } from '../services/cadres/query'
import type { CellInput } from './cells'

/** The grid's query without paging. */
export type RosterQuery = Omit<CadreQuery, 'offset' | 'limit'>

const FROM = 'FROM cadres c LEFT JOIN units u ON u.id = c.unit_id'
const CHUNK = 1000
export interface MatchedIds {
  ids: number[]
  /** unit_id of each id, same order. */
  unitIds: (number | null)[]
}

/** Ids (and units) of everyone the query matches, in grid order. */
export function matchIds(ctx: AppContext, q: RosterQuery): MatchedIds {
  const { where, params } = buildCadreWhere(ctx, q)
  // The grid's own ORDER BY, exact quick-search hits first included: the file lists what the grid shows.
  const orderParams: unknown[] = []
  const order = cadreOrderBy(ctx, q.sort, q.search, orderParams)
  const rows = ctx.db
    .prepare(`SELECT c.id AS id, c.unit_id AS unitId ${FROM} ${where} ${order}`)
    .raw()
    .all(...params, ...orderParams) as [number, number | null][]
  const ids = new Array<number>(rows.length)
  const unitIds = new Array<number | null>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as [number, number | null]
    ids[i] = r[0]
    unitIds[i] = r[1]
  }
  return { ids, unitIds }
}

/** SQL expression of each export key; `age` reads the birth month and is computed in JS. */
function exprOf(key: string): string {
  if (key === 'unit') return 'u.name'
  if (key === 'age') return 'c.birth_date'
  if (key === 'impactUntil') return 'ip.until'
  return `c.${columnOf(key as CadreFieldKey)}`
}

export interface CellRowsOptions {
  /** Put a running number (序号) first, continuing from this value. */
  numberFrom?: number
}

/**
 * The cells of `keys` for each of `ids`, in that order, read a chunk at a time as raw arrays
 * (only the columns asked for). Age is computed at the context's today (the export date);
 * 影响期至 is the end of an impact period still running that day. Other requests on the same
 * connection run between chunks.
 */
export async function* cellRows(
  ctx: AppContext,
  ids: readonly number[],
  keys: readonly string[],
  opts: CellRowsOptions = {},
): AsyncGenerator<CellInput[]> {
  for (const k of keys)
    if (!isExportKey(k)) throw new AppError('export-bad-columns', `未知的列：${k}`, `unknown column ${k}`)
  const today = ctx.today()
  const joins =
    (keys.includes('unit') ? ' LEFT JOIN units u ON u.id = c.unit_id' : '') +
    (keys.includes('impactUntil') ? ' LEFT JOIN impact_periods ip ON ip.cadre_id = c.id' : '')
  const select = ['c.id', ...keys.map(exprOf)].join(', ')
  const ageAtIndex = keys.indexOf('age') + 1
  const impactAt = keys.indexOf('impactUntil') + 1
  const stmts = new Map<number, Statement<number[]>>()
  const stmtFor = (n: number): Statement<number[]> => {
    let s = stmts.get(n)
    if (!s) {
      s = ctx.db
        .prepare<number[]>(
          `SELECT ${select} FROM cadres c${joins} WHERE c.id IN (${new Array(n).fill('?').join(',')})`,
        )
        .raw(true)
      stmts.set(n, s)
    }
    return s
  }
  const numbered = opts.numberFrom !== undefined
  let seq = opts.numberFrom ?? 0
  const width = keys.length
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK)
    const got = stmtFor(chunk.length).all(...chunk) as CellInput[][]
    const byId = new Map<number, CellInput[]>()
    for (const r of got) byId.set(r[0] as number, r)
    for (const id of chunk) {
      const r = byId.get(id)
      if (!r) continue // gone while the export ran
      if (ageAtIndex) r[ageAtIndex] = ageAt(r[ageAtIndex] as string | null, today)
      if (impactAt) {
        const until = r[impactAt] as string | null
        r[impactAt] = until !== null && until >= today ? until : null
      }
      if (numbered) r[0] = seq++
      else r.shift()
      if (r.length !== width + (numbered ? 1 : 0)) throw new Error('export: column count mismatch')
      yield r
    }
    // Let other requests on this connection run between chunks.
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}

/** Keys an export may show: the canonical fields, 年龄 and 影响期至. */
export const EXPORT_KEYS: readonly string[] = [...CADRE_FIELD_KEYS, 'age', 'impactUntil']

export function isExportKey(k: string): boolean {
  return EXPORT_KEYS.includes(k)
}

export function labelOf(key: string): string {
  if (key === 'age') return '年龄'
  if (key === 'impactUntil') return '影响期至'
  return FIELD_BY_KEY.get(key as CadreFieldKey)?.label ?? key
}

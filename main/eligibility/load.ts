/**
 * Loads what the rules read for every active cadre with one query per table, grouped by cadre in
 * memory: 100,000 cadres cost seven queries, not 100,000 × 7.
 */
import type { Db } from '../db/open'
import { TALK_KIND_VOCAB, resolveTalk } from '../records/vocab'
import { jobProgress, throwIfCancelled } from '../worker/job'
import type { CadreFacts } from './evaluate'

/** Talk kinds (and their variants) known to carry no impact period: a review need not load them. */
export const QUIET_TALK_KINDS: string[] = TALK_KIND_VOCAB.terms
  .filter((t) => resolveTalk(t.name)?.impactClass === null)
  .flatMap((t) => [t.name, ...(t.variants ?? [])])

export interface LoadOptions {
  /** Only this cadre (the evidence panel); default every active cadre. */
  cadreId?: number
  /** Only these cadres (the first rows of the review page), in id order. */
  cadreIds?: readonly number[]
  /** Talk kinds that matter (诫勉谈话 ...); other talks are not loaded. Default all. */
  talkKinds?: readonly string[]
  /** Talk kinds not loaded (those known to carry no impact). */
  exceptTalkKinds?: readonly string[]
  /** Oldest assessment year needed. */
  fromYear?: number
}

type Raw = unknown[]

function group<T>(
  db: Db,
  sql: string,
  params: unknown[],
  facts: Map<number, CadreFacts>,
  each: (f: CadreFacts, row: Raw) => T,
): void {
  const stmt = db.prepare(sql).raw(true)
  for (const row of stmt.iterate(...params) as IterableIterator<Raw>) {
    const f = facts.get(row[0] as number)
    if (f) each(f, row)
  }
  step?.()
}

/** A whole round's load as a long job's part (main/worker/job.ts): one step per query, and a
 *  cancel seen between them. Unset when loading one cadre or a few. */
let step: (() => void) | null = null
/** The cadres' scan and the eight queries of their records. */
const LOAD_STEPS = 9

/** Most cadres have no discipline, talks or postings: they share one empty list (never pushed to;
 *  `add` swaps in a list of its own first), which saves 100,000s of allocations in a round. */
const NONE: never[] = []
type ListKey = 'assessments' | 'discipline' | 'talks' | 'reserve' | 'postings' | 'appointments' | 'family'
type Item<K extends ListKey> = NonNullable<CadreFacts[K]>[number]
function add<K extends ListKey>(f: CadreFacts, key: K, item: Item<K>): void {
  const list = f[key] as Item<K>[] | undefined
  // A first item as a list of one: a list that starts empty and is pushed to reserves 17 slots,
  // and most cadres have one assessment in a round (~10 MB at 100,000).
  if (list === NONE || list === undefined) f[key] = [item] as CadreFacts[K]
  else list.push(item)
}

const s = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v))

/**
 * One string object per distinct value (issue 11: a round's memory at 100,000 cadres). SQLite hands
 * every row its own copy of '中共党员', '正科', '2019-07' ...: these few hundred values, held once,
 * save some 30 MB of the 75 MB a round's records take. Text the values of which hardly repeat
 * (names, ID numbers) is left as read.
 */
function interner(): { s: (v: unknown) => string | null; str: (v: unknown) => string } {
  const pool = new Map<string, string>()
  const str = (v: unknown): string => {
    const t = String(v)
    const kept = pool.get(t)
    if (kept !== undefined) return kept
    pool.set(t, t)
    return t
  }
  return { s: (v) => (v === null || v === undefined || v === '' ? null : str(v)), str }
}

export function loadFacts(db: Db, opts: LoadOptions = {}): CadreFacts[] {
  const one = opts.cadreId !== undefined
  const some = opts.cadreIds ? opts.cadreIds.map((id) => Math.trunc(Number(id))).join(',') : null
  if (some === '') return []
  const where = one ? 'c.id = ?' : some ? `c.id IN (${some})` : "c.status = '在职'"
  const whereRec = one ? 'WHERE cadre_id = ?' : some ? `WHERE cadre_id IN (${some})` : ''
  const p = one ? [opts.cadreId] : []
  let done = 0
  step =
    one || some
      ? null
      : () => {
          throwIfCancelled()
          jobProgress(++done, LOAD_STEPS)
        }
  try {
    return loadAll(db, opts, one, some, where, whereRec, p)
  } finally {
    step = null
  }
}

function loadAll(
  db: Db,
  opts: LoadOptions,
  one: boolean,
  some: string | null,
  where: string,
  whereRec: string,
  p: unknown[],
): CadreFacts[] {
  const list: CadreFacts[] = []
  const { s: is, str } = interner()
  const byId = new Map<number, CadreFacts>()
  // Units by id from their small table; the cadres in one sequential scan (most rows are 在职,
  // so walking the status index would only add a lookup per row).
  const units = new Map<number, string>()
  for (const u of db.prepare('SELECT id, name FROM units').raw(true).all() as [number, string][])
    units.set(u[0], u[1])
  const rows = db
    .prepare(
      `SELECT c.id, c.id_card, c.name, c.unit_id, c.position, c.birth_date, c.work_start_date, c.party_join_date,
              c.political_status, c.position_level, c.position_date, c.rank, c.rank_date, c.edu_full_time, c.edu_in_service, c.level_date
         FROM cadres c ${one || some ? '' : 'NOT INDEXED'}
        WHERE ${where}${some ? ' ORDER BY c.id' : ''}`,
    )
    .raw(true)
    .iterate(...p) as IterableIterator<Raw>
  for (const r of rows) {
    const f: CadreFacts = {
      id: r[0] as number,
      idCard: String(r[1]),
      name: String(r[2]),
      unit: r[3] === null ? null : (units.get(r[3] as number) ?? null),
      position: is(r[4]),
      birthDate: is(r[5]),
      workStartDate: is(r[6]),
      partyJoinDate: is(r[7]),
      politicalStatus: is(r[8]),
      positionLevel: is(r[9]),
      positionDate: is(r[10]),
      rank: is(r[11]),
      rankDate: is(r[12]),
      eduFullTime: is(r[13]),
      eduInService: is(r[14]),
      levelDate: is(r[15]),
      assessments: NONE,
      discipline: NONE,
      talks: NONE,
      reserve: NONE,
      postings: NONE,
      investigation: null,
    }
    list.push(f)
    byId.set(f.id, f)
  }
  if (list.length === 0) return list
  step?.()

  const yearCond =
    opts.fromYear !== undefined ? `${whereRec ? 'AND' : 'WHERE'} year >= ${Math.floor(opts.fromYear)}` : ''
  group(db, `SELECT cadre_id, year, kind, grade FROM assessments ${whereRec} ${yearCond}`, p, byId, (f, r) =>
    add(f, 'assessments', { year: r[1] as number, kind: str(r[2]), grade: str(r[3]) }),
  )
  group(
    db,
    `SELECT cadre_id, date, system, measure, probation_months, in_lieu_of, impact_end FROM discipline ${whereRec}`,
    p,
    byId,
    (f, r) =>
      add(f, 'discipline', {
        date: str(r[1]),
        system: str(r[2]),
        measure: str(r[3]),
        probationMonths: r[4] as number | null,
        inLieuOf: is(r[5]),
        impactEnd: is(r[6]),
      }),
  )
  const kinds = opts.talkKinds
  const except = opts.exceptTalkKinds
  const talkParams = [...p, ...(kinds ?? []), ...(except ?? [])]
  const kindCond =
    (kinds ? `${whereRec ? 'AND' : 'WHERE'} kind IN (${kinds.map(() => '?').join(',') || "''"})` : '') +
    (except?.length
      ? ` ${whereRec || kinds ? 'AND' : 'WHERE'} kind NOT IN (${except.map(() => '?').join(',')})`
      : '')
  group(db, `SELECT cadre_id, date, kind FROM talks ${whereRec} ${kindCond}`, talkParams, byId, (f, r) =>
    add(f, 'talks', { date: str(r[1]), kind: str(r[2]) }),
  )
  group(db, `SELECT cadre_id, level, status, entry_date FROM reserve_entries ${whereRec}`, p, byId, (f, r) =>
    add(f, 'reserve', { level: str(r[1]), status: str(r[2]), entryDate: is(r[3]) }),
  )
  group(db, `SELECT cadre_id, kind, place, start, end FROM postings ${whereRec}`, p, byId, (f, r) =>
    add(f, 'postings', { kind: str(r[1]), place: is(r[2]), start: is(r[3]), end: is(r[4]) }),
  )
  group(
    db,
    `SELECT cadre_id, start, end, title, level, rank FROM appointments ${whereRec} ORDER BY cadre_id, seq`,
    p,
    byId,
    (f, r) => {
      add(f, 'appointments', {
        start: is(r[1]),
        end: is(r[2]),
        title: is(r[3]),
        level: is(r[4]),
        rank: is(r[5]),
      })
    },
  )
  // 条例 第二十四条（五）: the family of those with someone settled abroad (few).
  group(
    db,
    `SELECT cadre_id, relation, settled_abroad FROM family_members
      WHERE cadre_id IN (SELECT cadre_id FROM family_members WHERE settled_abroad = 1) ${whereRec ? `AND ${whereRec.slice(6)}` : ''}
      ORDER BY cadre_id, seq`,
    p,
    byId,
    (f, r) => {
      add(f, 'family', { relation: str(r[1]), settledAbroad: r[2] === 1 })
    },
  )
  group(
    db,
    `SELECT cadre_id, since, note FROM eligibility_investigations ${whereRec} ${whereRec ? 'AND' : 'WHERE'} closed_on IS NULL ORDER BY id`,
    p,
    byId,
    (f, r) => {
      f.investigation = { since: s(r[1]), note: s(r[2]) }
    },
  )
  return list
}

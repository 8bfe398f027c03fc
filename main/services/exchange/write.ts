/**
 * Writing cadres and their records with prepared statements, for bulk paths (load, demo): the
 * caller holds the transaction. Shared so the demo writes exactly what load would.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers'
import type { Db } from '../../db/open'
import { CADRE_FIELD_KEYS, columnOf, type CadreFieldKey } from '../../domain/fields'
import { nameInitials, namePinyin } from '../../domain/pinyin'
import { KIND_DEFS, type KindDef } from '../../records/fields'
import type { RecordKind } from '../../records/kinds'
import type { ExRelated, RelatedKey } from './schema'

/** Canonical keys stored as a column of `cadres` (all but `unit`, which is `unit_id`). */
export const COLUMN_KEYS = CADRE_FIELD_KEYS.filter((k) => k !== 'unit') as Exclude<CadreFieldKey, 'unit'>[]

export type CadreScalars = { [K in Exclude<CadreFieldKey, 'unit'>]: string | null }

const RELATED_SQL: Record<RelatedKey, { table: string; insert: string }> = {
  resume: {
    table: 'resume_entries',
    insert: 'INSERT INTO resume_entries (cadre_id, seq, start, end, text) VALUES (?, ?, ?, ?, ?)',
  },
  family: {
    table: 'family_members',
    insert:
      'INSERT INTO family_members (cadre_id, seq, relation, name, birth_date, political_status, work_unit_position, settled_abroad) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  },
  // The record kinds, from their one definition (main/records/fields.ts).
  ...(Object.fromEntries(
    Object.values(KIND_DEFS).map((d) => [
      d.kind,
      {
        table: d.table,
        insert: `INSERT INTO ${d.table} (cadre_id, ${d.fields.map((f) => f.column).join(', ')}) VALUES (?, ${d.fields.map(() => '?').join(', ')})`,
      },
    ]),
  ) as Record<RecordKind, { table: string; insert: string }>),
  appointments: {
    table: 'appointments',
    insert:
      'INSERT INTO appointments (cadre_id, seq, start, end, unit, title, level, rank, doc_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  },
}

const RELATED_KEYS_LIST = Object.keys(RELATED_SQL) as RelatedKey[]

type Params = (string | number | null)[]

function relatedParams(key: RelatedKey, cadreId: number, rows: ExRelated[RelatedKey]): Params[] {
  const def = (KIND_DEFS as Record<string, KindDef | undefined>)[key]
  if (def)
    return (rows as Record<string, unknown>[]).map((r) => [
      cadreId,
      ...def.fields.map((f) => {
        const v = r[f.key]
        return f.type === 'scores' ? JSON.stringify(v ?? {}) : ((v ?? null) as string | number | null)
      }),
    ])
  switch (key) {
    case 'resume':
      return (rows as ExRelated['resume']).map((r, i) => [cadreId, i + 1, r.start, r.end, r.text])
    case 'family':
      return (rows as ExRelated['family']).map((r, i) => [
        cadreId,
        i + 1,
        r.relation,
        r.name,
        r.birthDate,
        r.politicalStatus,
        r.workUnitPosition,
        r.settledAbroad ? 1 : 0,
      ])
    case 'appointments':
    default:
      return (rows as ExRelated['appointments']).map((r, i) => [
        cadreId,
        i + 1,
        r.start,
        r.end,
        r.unit,
        r.title,
        r.level,
        r.rank,
        r.docNo,
      ])
  }
}

export class CadreWriter {
  private readonly pinyinCache = new Map<string, [string, string]>()
  private readonly insertCadre
  private readonly insertRelated
  private readonly deleteRelated
  private readonly updateCache = new Map<string, Statement<unknown[]>>()

  constructor(private readonly db: Db) {
    const cols = [
      'id_card',
      'name',
      'name_initials',
      'name_pinyin',
      ...COLUMN_KEYS.filter((k) => k !== 'idCard' && k !== 'name').map(columnOf),
    ]
    const all = [...cols, 'unit_id', 'photo', 'created_at', 'updated_at']
    this.insertCadre = db.prepare(
      `INSERT INTO cadres (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`,
    )
    this.insertRelated = new Map(RELATED_KEYS_LIST.map((k) => [k, db.prepare(RELATED_SQL[k].insert)]))
    this.deleteRelated = new Map(
      RELATED_KEYS_LIST.map((k) => [k, db.prepare(`DELETE FROM ${RELATED_SQL[k].table} WHERE cadre_id = ?`)]),
    )
  }

  pinyinOf(name: string): [string, string] {
    let p = this.pinyinCache.get(name)
    if (!p) {
      p = [nameInitials(name), namePinyin(name)]
      this.pinyinCache.set(name, p)
    }
    return p
  }

  /** Inserts a cadre; `status` null becomes 在职. Returns the new id. */
  insert(c: CadreScalars, unitId: number | null, photo: Buffer | null, now: string): number {
    const [ini, py] = this.pinyinOf(c.name ?? '')
    const params: Params = [c.idCard, c.name, ini, py]
    for (const k of COLUMN_KEYS) {
      if (k === 'idCard' || k === 'name') continue
      params.push(k === 'status' ? (c.status ?? '在职') : c[k])
    }
    const r = this.insertCadre.run(...params, unitId, photo, now, now)
    return Number(r.lastInsertRowid)
  }

  /** Sets the given scalar keys (and `unit_id` / `photo` when given) of an existing cadre. */
  update(
    id: number,
    values: Partial<CadreScalars>,
    unitId: number | null | undefined,
    photo: Buffer | null | undefined,
    now: string,
  ): void {
    const sets: string[] = []
    const params: Params = []
    for (const k of COLUMN_KEYS) {
      if (!(k in values)) continue
      const v = values[k] ?? null
      sets.push(`${columnOf(k)} = ?`)
      params.push(k === 'status' ? (v ?? '在职') : v)
      if (k === 'name') {
        const [ini, py] = this.pinyinOf(v ?? '')
        sets.push('name_initials = ?', 'name_pinyin = ?')
        params.push(ini, py)
      }
    }
    if (unitId !== undefined) sets.push('unit_id = ?')
    if (photo !== undefined) sets.push('photo = ?')
    sets.push('updated_at = ?')
    const sql = `UPDATE cadres SET ${sets.join(', ')} WHERE id = ?`
    let stmt = this.updateCache.get(sql)
    if (!stmt) {
      stmt = this.db.prepare(sql)
      this.updateCache.set(sql, stmt)
    }
    const tail: (string | number | null | Buffer)[] = []
    if (unitId !== undefined) tail.push(unitId)
    if (photo !== undefined) tail.push(photo)
    stmt.run([...params, ...tail, now, id])
  }

  /** Replaces one list of a cadre's records (all of them: a load carries the whole list). */
  replaceRelated<K extends RelatedKey>(cadreId: number, key: K, rows: ExRelated[K], fresh = false): void {
    if (!fresh) this.deleteRelated.get(key)?.run(cadreId)
    if (rows.length === 0) return
    const stmt = this.insertRelated.get(key)
    if (!stmt) return
    for (const p of relatedParams(key, cadreId, rows)) stmt.run(...p)
  }
}

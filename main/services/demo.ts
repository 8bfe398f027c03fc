/**
 * Demo data: a believable invented county (清川县) with N cadres and their records, the same for the
 * same seed and date. Loaded only into a database without cadres, so invented people never mix
 * with real records. Everything lands in one transaction with one summary line in the audit log.
 */
import { AppError } from '../domain/errors'
import { recordAudit } from './audit'
import type { AppContext } from './context'
import { getSetting, setSetting } from './settings'
import { UNITS } from './demo/county'
import { PersonFactory } from './demo/person'
import { createRng } from './demo/random'
import { RELATED_KEYS } from './exchange/schema'
import { CadreWriter } from './exchange/write'

export interface DemoOptions {
  count: number
  seed?: string | number
}

export interface DemoResult {
  count: number
  units: number
  seed: string
  ms: number
}

export const DEMO_MAX = 200_000

export function loadDemo(ctx: AppContext, opts: DemoOptions): DemoResult {
  const t0 = performance.now()
  const count = opts.count
  if (!Number.isInteger(count) || count < 1 || count > DEMO_MAX) {
    throw new AppError(
      'demo-count',
      `演示人数应为 1 到 ${DEMO_MAX} 之间的整数，收到“${count}”`,
      `count must be 1..${DEMO_MAX}`,
    )
  }
  const seed = String(opts.seed ?? 1)
  const db = ctx.db
  const existing = (db.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n
  if (existing > 0) {
    throw new AppError(
      'demo-not-empty',
      `数据库中已有 ${existing} 名干部。演示数据只能载入空数据库，以免与真实档案混在一起`,
      `the database already holds ${existing} cadres; demo data loads into an empty database only`,
    )
  }
  const rng = createRng(`demo:${seed}`)
  const factory = new PersonFactory(rng, ctx.today())
  const writer = new CadreWriter(db)
  const now = ctx.nowIso()

  db.transaction(() => {
    const unitIds = new Map<string, number>()
    const find = db.prepare('SELECT id FROM units WHERE name = ?')
    const insertUnit = db.prepare('INSERT INTO units (name, parent_id, kind, sort_order) VALUES (?, ?, ?, ?)')
    let order = (db.prepare('SELECT coalesce(max(sort_order), 0) AS n FROM units').get() as { n: number }).n
    for (const u of UNITS) {
      const found = find.get(u.name) as { id: number } | undefined
      if (found) {
        unitIds.set(u.name, found.id)
        continue
      }
      order += 10
      const parentId = u.parent ? (unitIds.get(u.parent) ?? null) : null
      unitIds.set(u.name, Number(insertUnit.run(u.name, parentId, u.kind, order).lastInsertRowid))
    }
    for (let i = 0; i < count; i++) {
      const p = factory.make()
      const id = writer.insert(p.fields, unitIds.get(p.unit) ?? null, null, now)
      for (const k of RELATED_KEYS) writer.replaceRelated(id, k, p.related[k], true)
    }
    // The invented county names the exports' titles, unless the department set its own.
    if (getSetting(ctx, 'org.countyName') === null) setSetting(ctx, 'org.countyName', '清川县')
    recordAudit(ctx, {
      action: 'demo',
      entity: 'cadre',
      summary: `载入演示数据：清川县 ${count} 名干部及其简历、家庭成员、考核、谈话、后备、派驻等记录（种子 ${seed}）`,
      after: { count, seed },
    })
  })()
  return { count, units: UNITS.length, seed, ms: Math.round(performance.now() - t0) }
}

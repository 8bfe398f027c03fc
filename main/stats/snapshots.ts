/**
 * Dated snapshots of 统计分析: the whole result saved with a name, listed, opened and compared side
 * by side with another (or with today's figures). Saving is audited; a snapshot is never edited.
 */
import { AppError } from '../domain/errors'
import { recordAudit } from '../services/audit'
import type { AppContext } from '../services/context'
import { computeStats, type StatsQuery, type StatsResult } from './compute'

export interface SnapshotInfo {
  id: number
  name: string
  at: string
  scope: string
  createdAt: string
}

export interface Snapshot extends SnapshotInfo {
  data: StatsResult
}

export function saveSnapshot(ctx: AppContext, name: string, q: StatsQuery): SnapshotInfo {
  const n = name.trim()
  if (!n)
    throw new AppError('invalid-snapshot', '请填写快照名称', 'snapshot name is empty', {
      name: '请填写快照名称',
    })
  const data = computeStats(ctx, q)
  return ctx.db.transaction((): SnapshotInfo => {
    const createdAt = ctx.nowIso()
    const id = Number(
      ctx.db
        .prepare('INSERT INTO stats_snapshots (name, at, scope, data, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(n, data.at, data.scope.label, JSON.stringify(data), createdAt).lastInsertRowid,
    )
    recordAudit(ctx, {
      action: 'create',
      entity: 'stats-snapshot',
      entityId: id,
      summary: `保存统计快照“${n}”（${data.scope.label}，${data.at}，${data.all.total} 人）`,
      after: { name: n, at: data.at, scope: data.scope.label, total: data.all.total },
    })
    return { id, name: n, at: data.at, scope: data.scope.label, createdAt }
  })()
}

export function listSnapshots(ctx: AppContext): SnapshotInfo[] {
  return ctx.db
    .prepare(
      'SELECT id, name, at, scope, created_at AS createdAt FROM stats_snapshots ORDER BY at DESC, id DESC',
    )
    .all() as SnapshotInfo[]
}

export function getSnapshot(ctx: AppContext, id: number): Snapshot {
  const r = ctx.db
    .prepare('SELECT id, name, at, scope, created_at AS createdAt, data FROM stats_snapshots WHERE id = ?')
    .get(id) as (SnapshotInfo & { data: string }) | undefined
  if (!r) throw new AppError('not-found', `统计快照（编号 ${id}）不存在`, `snapshot ${id} not found`)
  return { ...r, data: JSON.parse(r.data) as StatsResult }
}

/**
 * The audit log as a paged table: when, who, what, and each changed value before → after.
 * With `cadreId`, one person's history (the 变更记录 tab of a cadre's page).
 */
import { useState } from 'react'
import { actionLabel, changesOf } from './display'
import { dateTimeDots } from '../../../../main/domain/dates'
import { useApiQuery } from '../../lib/query'
import { CadreLink, errorText } from '../../components'
import { Pager } from '../../kit'

const PAGE_SIZE = 50

function when(iso: string): string {
  return dateTimeDots(iso, { seconds: true })
}

export function AuditList({ cadreId }: { cadreId?: number }) {
  const [page, setPage] = useState(0)
  // Refetched after every commit that writes the log, from this window or any other.
  const q = useApiQuery(
    'audit.list',
    { cadreId, offset: page * PAGE_SIZE, limit: PAGE_SIZE },
    { keepPrevious: true },
  )
  const data = q.data

  if (q.error)
    return (
      <div className="field-error" role="alert" data-testid="audit-error">
        读取变更记录失败：{errorText(q.error)}
      </div>
    )
  if (!data) return <div className="muted">正在读取…</div>
  return (
    <div className="audit-list" data-testid="audit-list">
      <table className="table audit-table">
        <thead>
          <tr>
            <th style={{ width: 150 }}>时间</th>
            <th style={{ width: 90 }}>操作人</th>
            <th style={{ width: 80 }}>操作</th>
            <th style={{ width: '32%' }}>内容</th>
            <th>变更前 → 变更后</th>
          </tr>
        </thead>
        <tbody>
          {data.entries.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted table-empty">
                暂无变更记录
              </td>
            </tr>
          ) : null}
          {data.entries.map((e) => {
            const changes = changesOf(e)
            return (
              <tr key={e.id} data-testid="audit-row">
                <td className="nowrap">{when(e.at)}</td>
                <td>{e.actor}</td>
                <td>{actionLabel(e.action)}</td>
                <td>
                  {e.cadreId && cadreId === undefined ? (
                    <CadreLink id={e.cadreId} name={e.summary} className="link-text" />
                  ) : (
                    e.summary
                  )}
                </td>
                <td>
                  {changes.length === 0 ? <span className="muted">—</span> : null}
                  {changes.slice(0, 12).map((c) => (
                    <div key={c.key} className="audit-change">
                      <span className="audit-key">{c.label}</span>
                      {c.before === null ? null : (
                        <>
                          <span className="audit-before">{c.before}</span>
                          <span className="audit-arrow">→</span>
                        </>
                      )}
                      <span className="audit-after">{c.after}</span>
                    </div>
                  ))}
                  {changes.length > 12 ? <div className="muted">另有 {changes.length - 12} 项</div> : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <Pager total={data.total} page={page} pageSize={PAGE_SIZE} onPage={setPage}>
        <button type="button" className="btn btn-small" onClick={() => void q.refetch()}>
          刷新
        </button>
      </Pager>
    </div>
  )
}

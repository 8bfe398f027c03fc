/**
 * The audit log as a paged table: when, who, what, and each changed value before → after.
 * With `cadreId`, one person's history (the 变更记录 tab of a cadre's page).
 */
import { useCallback, useEffect, useState } from 'react'
import type { AuditEntry } from '../../../../main/domain/cadre'
import { CADRE_FIELD_KEYS, fieldLabel, type CadreFieldKey } from '../../../../main/domain/fields'
import { isMonth } from '../../../../main/domain/dates'
import { call } from '../../api'
import { navigate } from '../../router'
import { errorText } from '../../components'

const PAGE_SIZE = 50

const ACTIONS: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  status: '状态变更',
  photo: '照片',
  import: '导入',
  demo: '演示数据',
  restore: '恢复备份',
  backup: '备份',
  override: '人工认定',
  load: '载入数据',
}

const EXTRA_LABELS: Record<string, string> = {
  resume: '简历',
  family: '家庭成员',
  photo: '照片',
  note: '说明',
  status: '状态',
  count: '人数',
  unitId: '单位',
  parentId: '上级单位',
  kind: '类别',
  year: '年度',
  grade: '等次',
  level: '级别',
  date: '日期',
  reason: '原因',
  result: '结果',
  remark: '备注',
  title: '名称',
  seed: '随机种子',
  file: '文件',
  rows: '行数',
  name: '名称',
}

const FIELD_KEYS = new Set<string>(CADRE_FIELD_KEYS)

export function actionLabel(a: string): string {
  return ACTIONS[a] ?? '变更'
}

/** The Chinese name of a changed key; null for an internal key no clerk needs to see. */
function keyLabel(k: string): string | null {
  if (FIELD_KEYS.has(k)) return fieldLabel(k as CadreFieldKey)
  if (EXTRA_LABELS[k]) return EXTRA_LABELS[k]
  return /[\u4e00-\u9fa5]/.test(k) ? k : null
}

/** A value as a clerk reads it: months with dots, lists summarised, empty as （空）. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）'
  if (typeof v === 'string') return isMonth(v) ? v.replace('-', '.') : v
  if (typeof v === 'number') return String(v)
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (Array.isArray(v)) {
    if (v.length === 0) return '（空）'
    const first = v[0] as Record<string, unknown> | undefined
    if (first && typeof first === 'object' && 'text' in first) {
      return v
        .map((e: { start?: string | null; end?: string | null; text?: string }) =>
          `${e.start ? e.start.replace('-', '.') : ''}${e.start ? '--' : ''}${e.end ? e.end.replace('-', '.') : ''} ${e.text ?? ''}`.trim(),
        )
        .join('；')
    }
    if (first && typeof first === 'object' && 'relation' in first) {
      return v
        .map((e: { relation?: string; name?: string }) => `${e.relation ?? ''} ${e.name ?? ''}`.trim())
        .join('、')
    }
    return `${v.length} 项`
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([k]) => keyLabel(k) !== null)
      .map(([k, x]) => `${keyLabel(k) ?? ''}：${showValue(x)}`)
      .join('；')
  }
  return String(v)
}

export function changesOf(
  e: AuditEntry,
): { key: string; label: string; before: string | null; after: string }[] {
  const b =
    e.before && typeof e.before === 'object' && !Array.isArray(e.before)
      ? (e.before as Record<string, unknown>)
      : null
  const a =
    e.after && typeof e.after === 'object' && !Array.isArray(e.after)
      ? (e.after as Record<string, unknown>)
      : null
  if (!b && !a) return []
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
  return keys.flatMap((k) => {
    const label = keyLabel(k)
    if (label === null) return []
    // Nothing before (a new record, a demo load): only the value it now has.
    return [{ key: k, label, before: b ? showValue(b[k]) : null, after: a ? showValue(a[k]) : '（空）' }]
  })
}

function when(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

export function AuditList({ cadreId, reloadKey }: { cadreId?: number; reloadKey?: unknown }) {
  const [page, setPage] = useState(0)
  const [data, setData] = useState<{ entries: AuditEntry[]; total: number } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    try {
      setData(await call('audit.list', { cadreId, offset: page * PAGE_SIZE, limit: PAGE_SIZE }))
      setError(null)
    } catch (e) {
      setError(errorText(e))
    }
  }, [cadreId, page])

  useEffect(() => {
    void load()
  }, [load, reloadKey])

  if (error) return <div className="field-error">{error}</div>
  if (!data) return <div className="muted">正在读取…</div>
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE))
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
                    <button
                      type="button"
                      className="btn-link link-text"
                      onClick={() => navigate(`cadre/${e.cadreId}`)}
                    >
                      {e.summary}
                    </button>
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
      <div className="pager">
        <span className="muted">
          共 {data.total.toLocaleString('zh-CN')} 条，第 {page + 1} / {pages} 页
        </span>
        <button type="button" className="btn btn-small" disabled={page === 0} onClick={() => setPage(0)}>
          首页
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={page === 0}
          onClick={() => setPage(page - 1)}
        >
          上一页
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={page + 1 >= pages}
          onClick={() => setPage(page + 1)}
        >
          下一页
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={page + 1 >= pages}
          onClick={() => setPage(pages - 1)}
        >
          末页
        </button>
        <button type="button" className="btn btn-small" onClick={() => void load()}>
          刷新
        </button>
      </div>
    </div>
  )
}

/**
 * What a query shows while it is not yet data: 正在读取…, or the error with 重试 — never an empty
 * page for a failed read. The empty state only when the answer truly is empty.
 *
 *   <Loaded query={q} what="读取谈话记录" isEmpty={(d) => d.rows.length === 0} empty={<EmptyState …/>}>
 *     {(d) => <RecordTable rows={d.rows} … />}
 *   </Loaded>
 */
import type { ReactNode } from 'react'
import type { UseQueryResult } from '@tanstack/react-query'
import { errorText } from '../components'

export interface LoadedProps<T> {
  query: Pick<UseQueryResult<T, unknown>, 'data' | 'error' | 'isError' | 'refetch' | 'isFetching'>
  children(data: T): ReactNode
  /** What was being read, for the error line: "读取谈话记录失败：…". */
  what?: string
  isEmpty?(data: T): boolean
  empty?: ReactNode
  /** Shown while the first answer is awaited (default 正在读取…). */
  loading?: ReactNode
}

export function Loaded<T>({ query, children, what, isEmpty, empty, loading }: LoadedProps<T>) {
  if (query.isError)
    return (
      <LoadError error={query.error} what={what} retry={() => void query.refetch()} busy={query.isFetching} />
    )
  if (query.data === undefined) return <>{loading ?? <div className="muted kit-loading">正在读取…</div>}</>
  if (empty !== undefined && isEmpty?.(query.data)) return <>{empty}</>
  return <>{children(query.data)}</>
}

/** A failed read: what failed, why, and 重试. */
export function LoadError({
  error,
  what,
  retry,
  busy,
}: {
  error: unknown
  what?: string | undefined
  retry(): void
  busy?: boolean
}) {
  return (
    <div className="kit-load-error" role="alert" data-testid="load-error">
      <span>
        {what ?? '读取数据'}失败：{errorText(error)}
      </span>
      <button
        type="button"
        className="btn btn-small"
        data-testid="load-retry"
        disabled={busy}
        onClick={retry}
      >
        {busy ? '正在重试…' : '重试'}
      </button>
    </div>
  )
}

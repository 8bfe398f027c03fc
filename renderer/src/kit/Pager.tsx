import type { ReactNode } from 'react'

/** 共 N 条，第 p / n 页 with 首页 / 上一页 / 下一页 / 末页 (page numbers from 0). */
export function Pager({
  total,
  page,
  pageSize,
  onPage,
  testId,
  children,
}: {
  total: number
  page: number
  pageSize: number
  onPage(page: number): void
  testId?: string
  /** More buttons after 末页 (e.g. 刷新). */
  children?: ReactNode
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  return (
    <div className="pager" data-testid={testId}>
      <span className="muted">
        共 {total.toLocaleString('zh-CN')} 条，第 {Math.min(page + 1, pages)} / {pages} 页
      </span>
      <button type="button" className="btn btn-small" disabled={page === 0} onClick={() => onPage(0)}>
        首页
      </button>
      <button type="button" className="btn btn-small" disabled={page === 0} onClick={() => onPage(page - 1)}>
        上一页
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={page + 1 >= pages}
        onClick={() => onPage(page + 1)}
      >
        下一页
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={page + 1 >= pages}
        onClick={() => onPage(pages - 1)}
      >
        末页
      </button>
      {children}
    </div>
  )
}

/** The 上移 / 下移 / 删除 cell of an editable table row (简历, 家庭成员). */

export function moveRow<T>(rows: T[], i: number, delta: number): T[] {
  const j = i + delta
  if (j < 0 || j >= rows.length) return rows
  const next = rows.slice()
  const a = next[i] as T
  next[i] = next[j] as T
  next[j] = a
  return next
}

export function RowOps<T>({
  rows,
  index,
  onChange,
}: {
  rows: T[]
  index: number
  onChange(rows: T[]): void
}) {
  return (
    <td className="row-ops">
      <button
        type="button"
        className="btn btn-small"
        aria-label="上移"
        title="上移"
        disabled={index === 0}
        onClick={() => onChange(moveRow(rows, index, -1))}
      >
        ↑
      </button>
      <button
        type="button"
        className="btn btn-small"
        aria-label="下移"
        title="下移"
        disabled={index === rows.length - 1}
        onClick={() => onChange(moveRow(rows, index, 1))}
      >
        ↓
      </button>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => onChange(rows.filter((_, j) => j !== index))}
      >
        删除
      </button>
    </td>
  )
}

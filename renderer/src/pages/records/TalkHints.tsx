/** The escalation hint on a cadre's 谈话 tab: "下一步应为诫勉". Refetched after any talk is saved,
 *  here, on the 谈话记录 page or in another window. */
import { useApiQuery } from '../../lib/query'
import { LoadError } from '../../kit'

export function TalkHints({ cadreId }: { cadreId: number }) {
  const q = useApiQuery('talks.escalation', { cadreId })
  if (q.isError)
    return (
      <LoadError error={q.error} what="读取督办提示" retry={() => void q.refetch()} busy={q.isFetching} />
    )
  const data = q.data
  if (!data || data.length === 0) return null
  return (
    <div className="rec-hint" data-testid="escalation-hint">
      {data.map((h) => (
        <div key={h.cadreId}>
          <b>督办提示：</b>
          {h.message}
        </div>
      ))}
    </div>
  )
}

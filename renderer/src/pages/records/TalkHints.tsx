/** The escalation hint on a cadre's 谈话 tab: "下一步应为诫勉". */
import { call } from '../../api'
import { useLoad } from './shared'

export function TalkHints({ cadreId }: { cadreId: number }) {
  const { data } = useLoad(() => call('talks.escalation', { cadreId }), [cadreId])
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

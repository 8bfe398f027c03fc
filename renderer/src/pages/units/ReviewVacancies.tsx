/**
 * In the eligibility review: the vacant posts at the target's level a candidate could fill (issue
 * 13), the candidate's own unit first, then the longest vacant — allotted − holders at the review
 * date, from 单位管理's 职数 (main/units/vacancies.ts). Shown in pages/eligibility/DetailPanel.tsx.
 */
import { useState } from 'react'
import { dateDots } from '../../../../main/domain/dates'
import type { Target } from '../../../../main/eligibility/rules'
import { useApiQuery } from '../../lib/query'
import './units.css'

const SHOWN = 6

export function ReviewVacancies({ target, at, cadreId }: { target: Target; at: string; cadreId: number }) {
  const q = useApiQuery('posts.vacancies', { target, at, cadreId })
  const [all, setAll] = useState(false)
  if (q.error)
    return (
      <section className="review-vacancies" data-testid="review-vacancies">
        <div className="review-vacancies-error" role="alert">
          空缺职位读取失败：{q.error.message}
        </div>
      </section>
    )
  const r = q.data
  if (!r) return null
  if (!r.level) return null
  const list = all ? r.vacancies : r.vacancies.slice(0, SHOWN)
  const total = r.vacancies.reduce((n, v) => n + v.vacant, 0)
  return (
    <section className="review-vacancies" data-testid="review-vacancies" aria-label="可任职的空缺职位">
      <div className="review-vacancies-title">
        {r.level}空缺职位
        <span className="muted">
          {r.note ?? (r.vacancies.length ? `${r.vacancies.length} 个单位共空缺 ${total} 个（${dateDots(r.at)}）` : `登记职数的 ${r.unitsWithPosts} 个单位均无空缺`)}
        </span>
      </div>
      {list.length ? (
        <table className="table review-vacancies-table">
          <thead>
            <tr>
              <th>单位</th>
              <th>空缺</th>
              <th>核定 / 实配</th>
              <th>空缺时间</th>
            </tr>
          </thead>
          <tbody>
            {list.map((v) => (
              <tr key={v.unitId} data-testid="review-vacancy" className={v.near ? 'review-vacancy-near' : ''}>
                <td title={v.path}>
                  {v.unit}
                  {v.near ? <span className="tag review-vacancy-tag">本单位</span> : null}
                </td>
                <td>{v.vacant}</td>
                <td>
                  {v.allotted} / {v.filled}
                </td>
                <td>{v.vacantSince ? dateDots(v.vacantSince) : <span className="muted">未登记</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {r.vacancies.length > SHOWN ? (
        <button type="button" className="btn-link" onClick={() => setAll(!all)} data-testid="review-vacancies-more">
          {all ? '收起' : `另有 ${r.vacancies.length - SHOWN} 个单位，全部显示`}
        </button>
      ) : null}
    </section>
  )
}

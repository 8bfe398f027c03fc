/** The county-report structure table (干部队伍结构统计表): one row per 职务层次 under 合计. */
import type { StatsResult, StructureRow } from '../../../../main/stats/compute'

// The constants of main/stats/compute.ts, repeated so the renderer does not import the main
// process's module (which reads the database); tests/unit/stats-labels.test.ts keeps them equal.
export const AGE_BANDS = ['≤35', '36-40', '41-45', '46-50', '51-55', '≥56'] as const
export const AGE_BAND_LABELS: Record<(typeof AGE_BANDS)[number], string> = {
  '≤35': '35岁及以下',
  '36-40': '36—40岁',
  '41-45': '41—45岁',
  '46-50': '46—50岁',
  '51-55': '51—55岁',
  '≥56': '56岁及以上',
}
export const EDU_CLASSES = ['研究生', '大学', '大专', '中专', '高中及以下'] as const

export function pct(n: number, total: number): string {
  return total ? `${((n / total) * 100).toFixed(1)}%` : '—'
}

function Row({ label, r, strong }: { label: string; r: StructureRow; strong?: boolean }) {
  return (
    <tr className={strong ? 'stats-total-row' : undefined}>
      <th scope="row">{label}</th>
      <td>{r.total}</td>
      <td>{r.women}</td>
      <td>{r.minorities}</td>
      <td>{r.nonParty}</td>
      <td>{r.averageAge ?? '—'}</td>
      {AGE_BANDS.map((b) => (
        <td key={b}>{r.ageBands[b]}</td>
      ))}
      {EDU_CLASSES.map((e) => (
        <td key={e}>{r.highest[e] ?? 0}</td>
      ))}
    </tr>
  )
}

export function StructureTable({ r, testId }: { r: StatsResult; testId?: string }) {
  return (
    <table className="table stats-table stats-structure" data-testid={testId}>
      <thead>
        <tr>
          <th rowSpan={2}>职务层次</th>
          <th rowSpan={2}>总数</th>
          <th rowSpan={2}>女</th>
          <th rowSpan={2}>少数民族</th>
          <th rowSpan={2}>党外</th>
          <th rowSpan={2}>平均年龄</th>
          <th colSpan={AGE_BANDS.length}>年龄</th>
          <th colSpan={EDU_CLASSES.length}>最高学历</th>
        </tr>
        <tr>
          {AGE_BANDS.map((b) => (
            <th key={b}>{AGE_BAND_LABELS[b]}</th>
          ))}
          {EDU_CLASSES.map((e) => (
            <th key={e}>{e}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        <Row label="合计" r={r.all} strong />
        {r.byLevel.map((l) => (
          <Row key={l.level} label={l.level} r={l} />
        ))}
      </tbody>
    </table>
  )
}

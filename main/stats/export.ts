/** 统计分析 to Excel through the app's one writer (main/export): the county-report tables. */
import { workbookToBytes, type TableColumn, type TableRow } from '../export'
import { AGE_BANDS, AGE_BAND_LABELS, EDU_CLASSES, type StatsResult, type StructureRow } from './compute'

const STRUCTURE_COLUMNS: TableColumn[] = [
  { header: '职务层次', width: 10 },
  { header: '总数', kind: 'integer' },
  { header: '女', kind: 'integer' },
  { header: '少数民族', kind: 'integer' },
  { header: '党外', kind: 'integer' },
  { header: '平均年龄', kind: 'number' },
  ...AGE_BANDS.map((b): TableColumn => ({ header: AGE_BAND_LABELS[b], kind: 'integer', width: 10 })),
  ...EDU_CLASSES.map((e): TableColumn => ({ header: `最高学历 ${e}`, kind: 'integer', width: 10 })),
]

function structureRow(label: string, r: StructureRow): TableRow {
  return [
    label,
    r.total,
    r.women,
    r.minorities,
    r.nonParty,
    r.averageAge,
    ...AGE_BANDS.map((b) => r.ageBands[b]),
    ...EDU_CLASSES.map((e) => r.highest[e] ?? 0),
  ]
}

/** The structure sheets of one result (and, for a comparison, of a second one). */
export async function exportStats(
  r: StatsResult,
  scopeLabel = r.scope.label,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const note = `统计范围：${scopeLabel}；统计时点：${r.at}；在职干部 ${r.all.total} 人`
  const { bytes } = await workbookToBytes([
    {
      name: '干部队伍结构',
      title: `${scopeLabel}干部队伍结构统计表`,
      note,
      columns: STRUCTURE_COLUMNS,
      rows: [structureRow('合计', r.all), ...r.byLevel.map((l) => structureRow(l.level, l))],
      freezeColumns: 1,
    },
    {
      name: '职级',
      title: `${scopeLabel}干部职级统计表`,
      note,
      columns: [
        { header: '职级', width: 14 },
        { header: '人数', kind: 'integer' },
      ],
      rows: Object.entries(r.byRank).map(([k, v]) => [k, v]),
    },
    {
      name: '学历',
      title: `${scopeLabel}干部学历统计表`,
      note,
      columns: [
        { header: '学历', width: 14 },
        { header: '全日制教育', kind: 'integer' },
        { header: '最高学历', kind: 'integer' },
      ],
      rows: Object.keys(r.all.highest).map((k) => [k, r.all.fullTime[k] ?? 0, r.all.highest[k] ?? 0]),
    },
    {
      name: '期间工作',
      title: `${scopeLabel}干部工作情况统计表`,
      note: `统计期间：${r.period.from} 至 ${r.period.to}`,
      columns: [
        { header: '项目', width: 14 },
        { header: '数量', kind: 'integer' },
      ],
      rows: [
        ['谈话', r.period.talks],
        ['诫勉', r.period.admonitions],
        ['处分（党纪、政务）', r.period.sanctions],
        ['提拔（后备干部已使用）', r.period.promotions],
        ['组织调整（组织处理）', r.period.adjustments],
        ['召回', r.period.recalls],
      ],
    },
    {
      name: '职数',
      title: `${scopeLabel}领导职数配备情况表`,
      note,
      columns: [
        { header: '单位', width: 22 },
        { header: '职务层次' },
        { header: '核定职数', kind: 'integer' },
        { header: '实配', kind: 'integer' },
        { header: '空缺', kind: 'integer' },
        { header: '超职数', kind: 'integer' },
        { header: '空缺起始', kind: 'day' },
      ],
      rows: r.posts.map((p) => [p.unit, p.level, p.allotted, p.filled, p.vacant, p.over, p.vacantSince]),
    },
  ])
  return { bytes, fileName: `干部队伍结构统计_${scopeLabel}_${r.at}.xlsx` }
}

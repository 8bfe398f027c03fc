/** How each record kind is shown and edited on a cadre's page: columns, inputs, choices. */
import {
  ASSESSMENT_KINDS,
  DISCIPLINE_MEASURES,
  DISCIPLINE_SYSTEMS,
  GRADES,
  POSTING_KINDS,
  RESERVE_ENTRY_WAYS,
  RESERVE_LEVELS,
  RESERVE_STATUSES,
  STUDY_CONCLUSIONS,
  STUDY_RECOMMENDATIONS,
  TALK_KINDS,
  type RecordKind,
} from '../../../../main/records/kinds'

export type InputKind =
  'text' | 'day' | 'month' | 'year' | 'number' | 'select' | 'free' | 'textarea' | 'scores'

export interface FieldSpec {
  key: string
  label: string
  input: InputKind
  options?: readonly string[]
  required?: boolean
  /** Shown in the list table (default true). */
  inList?: boolean
  span?: number
}

export const KIND_FIELDS: Record<RecordKind, FieldSpec[]> = {
  assessments: [
    { key: 'year', label: '年度', input: 'year', required: true },
    { key: 'kind', label: '考核类别', input: 'select', options: ASSESSMENT_KINDS, required: true },
    { key: 'grade', label: '等次', input: 'select', options: GRADES, required: true },
  ],
  studies: [
    { key: 'round', label: '研判批次', input: 'text', required: true, span: 2 },
    { key: 'date', label: '研判日期', input: 'day', required: true },
    { key: 'scores', label: '各维度得分', input: 'scores', span: 3 },
    { key: 'conclusion', label: '研判结论', input: 'select', options: STUDY_CONCLUSIONS },
    { key: 'recommendation', label: '使用建议', input: 'free', options: STUDY_RECOMMENDATIONS },
  ],
  talks: [
    { key: 'date', label: '谈话日期', input: 'day', required: true },
    { key: 'kind', label: '谈话类型', input: 'select', options: TALK_KINDS, required: true },
    { key: 'talker', label: '谈话人', input: 'text' },
    { key: 'reason', label: '谈话事由', input: 'textarea', span: 3 },
    { key: 'content', label: '谈话内容', input: 'textarea', span: 3, inList: false },
    { key: 'followUp', label: '整改要求', input: 'text', span: 2 },
    { key: 'followUpDeadline', label: '整改期限', input: 'day', inList: false },
    { key: 'docNo', label: '文号', input: 'text' },
  ],
  discipline: [
    { key: 'date', label: '处分日期', input: 'day', required: true },
    { key: 'system', label: '处分类别', input: 'select', options: DISCIPLINE_SYSTEMS, required: true },
    {
      key: 'measure',
      label: '处分种类',
      input: 'free',
      options: Object.values(DISCIPLINE_MEASURES).flat(),
      required: true,
    },
    { key: 'reason', label: '处分事由', input: 'textarea', span: 3 },
    // Impact per record (main/domain/impact.ts): 留党察看's 察看期, 严重警告 in lieu of 撤销党内职务,
    // an end day written on the decision.
    { key: 'probationMonths', label: '察看期（月，留党察看填 12 或 24）', input: 'number', inList: false },
    { key: 'inLieuOf', label: '代替的处分（如无党内职务可撤销：撤销党内职务）', input: 'free', options: ['撤销党内职务'], inList: false },
    { key: 'impactEnd', label: '影响期截止日（决定中写明时填）', input: 'day', inList: false },
  ],
  rewards: [
    { key: 'date', label: '奖励日期', input: 'day' },
    { key: 'name', label: '奖励名称', input: 'text', required: true, span: 2 },
    { key: 'issuer', label: '批准机关', input: 'text' },
  ],
  reserve: [
    { key: 'level', label: '后备层次', input: 'select', options: RESERVE_LEVELS, required: true },
    { key: 'entryWay', label: '入库方式', input: 'select', options: RESERVE_ENTRY_WAYS },
    { key: 'entryDate', label: '入库时间', input: 'month' },
    { key: 'status', label: '状态', input: 'select', options: RESERVE_STATUSES, required: true },
    { key: 'exitDate', label: '出库时间', input: 'month' },
    { key: 'exitReason', label: '出库原因', input: 'text' },
  ],
  postings: [
    { key: 'kind', label: '派驻类型', input: 'free', options: POSTING_KINDS, required: true },
    { key: 'place', label: '派驻村（单位）', input: 'text', span: 2 },
    { key: 'start', label: '开始时间', input: 'month' },
    { key: 'end', label: '结束时间', input: 'month', span: 2 },
  ],
  training: [
    { key: 'name', label: '培训名称', input: 'text', required: true, span: 3 },
    { key: 'start', label: '开始日期', input: 'day' },
    { key: 'end', label: '结束日期', input: 'day' },
    { key: 'hours', label: '学时', input: 'number' },
  ],
}

/** A blank form for a kind (some fields preset to the common value). */
export function blankForm(kind: RecordKind, today: string): Record<string, string> {
  const f: Record<string, string> = {}
  for (const s of KIND_FIELDS[kind]) f[s.key] = ''
  if (kind === 'assessments') {
    f.year = String(Number(today.slice(0, 4)) - 1)
    f.kind = '年度考核'
  }
  if (kind === 'talks') f.date = today.replace(/-/g, '.')
  if (kind === 'discipline') f.system = '党纪'
  if (kind === 'reserve') {
    f.status = '在库'
    f.entryDate = today.slice(0, 7)
  }
  return f
}

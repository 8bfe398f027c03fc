/**
 * The record kinds kept around a cadre (DOMAIN.md), their vocabularies, and how each maps to its
 * table. Field keys are those of the exchange file (CLI.md), so dump/load and the UI agree.
 */
export const RECORD_KINDS = [
  'assessments',
  'studies',
  'talks',
  'discipline',
  'rewards',
  'reserve',
  'postings',
  'training',
] as const
export type RecordKind = (typeof RECORD_KINDS)[number]

export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  assessments: '年度考核',
  studies: '研判',
  talks: '谈话',
  discipline: '处分',
  rewards: '奖励',
  reserve: '后备干部',
  postings: '一线/派驻',
  training: '培训',
}

export const GRADES = [
  '优秀',
  '称职',
  '合格',
  '基本称职',
  '基本合格',
  '不称职',
  '不合格',
  '不定等次',
] as const
export const ASSESSMENT_KINDS = ['年度考核', '平时考核', '专项考核'] as const
export const TALK_KINDS = [
  '任前谈话',
  '任职谈话',
  '谈心谈话',
  '提醒谈话',
  '督办',
  '约谈',
  '诫勉谈话',
  '书面诫勉',
  '函询',
  '批评教育',
  '通报批评',
  '责令检查',
  '召回',
] as const
export const DISCIPLINE_SYSTEMS = ['党纪', '政务', '组织处理'] as const
export const DISCIPLINE_MEASURES: Record<(typeof DISCIPLINE_SYSTEMS)[number], readonly string[]> = {
  党纪: ['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍'],
  政务: ['警告', '记过', '记大过', '降级', '撤职', '开除'],
  组织处理: ['调整', '停职检查', '责令辞职', '免职', '降职'],
}
export const STUDY_CONCLUSIONS = ['优秀', '较好', '一般', '较差'] as const
export const STUDY_RECOMMENDATIONS = [
  '提拔使用',
  '重点培养',
  '列入后备',
  '交流',
  '调整',
  '召回',
  '诫勉',
  '继续观察',
] as const
export const RESERVE_LEVELS = ['副科级后备', '正科级后备', '县处级后备'] as const
export const RESERVE_STATUSES = ['在库', '已列为考察对象', '已使用', '已撤销'] as const
export const RESERVE_ENTRY_WAYS = ['民主推荐', '组织推荐', '单位推荐', '一线锻炼表现突出直接确定'] as const
export const POSTING_KINDS = ['第一书记', '驻村工作队员', '驻村工作队长', '挂职锻炼', '一线锻炼'] as const

/** A stored record as the UI and the exchange see it: its id plus the kind's fields. */
export interface AssessmentRecord {
  id: number
  cadreId: number
  year: number
  kind: string
  grade: string
}
export interface StudyRecord {
  id: number
  cadreId: number
  date: string
  round: string
  scores: Record<string, number>
  conclusion: string | null
  recommendation: string | null
}
export interface TalkRecord {
  id: number
  cadreId: number
  date: string
  kind: string
  talker: string | null
  reason: string | null
  content: string | null
  followUp: string | null
  followUpDeadline: string | null
  docNo: string | null
}
export interface DisciplineRecord {
  id: number
  cadreId: number
  date: string
  system: string
  measure: string
  reason: string | null
  /** 留党察看's 察看期 in months (12 or 24). */
  probationMonths?: number | null
  /** The heavier measure this one stands for (严重警告 in lieu of 撤销党内职务). */
  inLieuOf?: string | null
  /** An end of the impact period written on the decision (`YYYY-MM-DD`), overriding the computed one. */
  impactEnd?: string | null
}
export interface RewardRecord {
  id: number
  cadreId: number
  date: string | null
  name: string
  issuer: string | null
}
export interface ReserveRecord {
  id: number
  cadreId: number
  level: string
  entryDate: string | null
  entryWay: string | null
  status: string
  exitDate: string | null
  exitReason: string | null
}
export interface PostingRecord {
  id: number
  cadreId: number
  kind: string
  place: string | null
  start: string | null
  end: string | null
}
export interface TrainingRecord {
  id: number
  cadreId: number
  name: string
  start: string | null
  end: string | null
  hours: number | null
}

export interface RecordOf {
  assessments: AssessmentRecord
  studies: StudyRecord
  talks: TalkRecord
  discipline: DisciplineRecord
  rewards: RewardRecord
  reserve: ReserveRecord
  postings: PostingRecord
  training: TrainingRecord
}
/** What add/update take: the record without ids. */
export type RecordData<K extends RecordKind> = Omit<RecordOf[K], 'id' | 'cadreId'>

type FieldType = 'text' | 'int' | 'real' | 'json'
export interface TableSpec {
  table: string
  /** exchange key → [column, type] */
  fields: Record<string, readonly [string, FieldType]>
  order: string
}

export const TABLES: Record<RecordKind, TableSpec> = {
  assessments: {
    table: 'assessments',
    fields: { year: ['year', 'int'], kind: ['kind', 'text'], grade: ['grade', 'text'] },
    order: 'year DESC, kind, id',
  },
  studies: {
    table: 'studies',
    fields: {
      date: ['date', 'text'],
      round: ['round', 'text'],
      scores: ['scores', 'json'],
      conclusion: ['conclusion', 'text'],
      recommendation: ['recommendation', 'text'],
    },
    order: 'date DESC, id DESC',
  },
  talks: {
    table: 'talks',
    fields: {
      date: ['date', 'text'],
      kind: ['kind', 'text'],
      talker: ['talker', 'text'],
      reason: ['reason', 'text'],
      content: ['content', 'text'],
      followUp: ['follow_up', 'text'],
      followUpDeadline: ['follow_up_deadline', 'text'],
      docNo: ['doc_no', 'text'],
    },
    order: 'date DESC, id DESC',
  },
  discipline: {
    table: 'discipline',
    fields: {
      date: ['date', 'text'],
      system: ['system', 'text'],
      measure: ['measure', 'text'],
      reason: ['reason', 'text'],
      probationMonths: ['probation_months', 'int'],
      inLieuOf: ['in_lieu_of', 'text'],
      impactEnd: ['impact_end', 'text'],
    },
    order: 'date DESC, id DESC',
  },
  rewards: {
    table: 'rewards',
    fields: { date: ['date', 'text'], name: ['name', 'text'], issuer: ['issuer', 'text'] },
    order: 'date DESC, id DESC',
  },
  reserve: {
    table: 'reserve_entries',
    fields: {
      level: ['level', 'text'],
      entryDate: ['entry_date', 'text'],
      entryWay: ['entry_way', 'text'],
      status: ['status', 'text'],
      exitDate: ['exit_date', 'text'],
      exitReason: ['exit_reason', 'text'],
    },
    order: 'entry_date DESC, id DESC',
  },
  postings: {
    table: 'postings',
    fields: {
      kind: ['kind', 'text'],
      place: ['place', 'text'],
      start: ['start', 'text'],
      end: ['end', 'text'],
    },
    order: 'start DESC, id DESC',
  },
  training: {
    table: 'training',
    fields: {
      name: ['name', 'text'],
      start: ['start', 'text'],
      end: ['end', 'text'],
      hours: ['hours', 'real'],
    },
    order: 'start DESC, id DESC',
  },
}

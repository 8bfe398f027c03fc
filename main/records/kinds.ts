/**
 * The record kinds kept around a cadre (DOMAIN.md), their labels, the terms of their closed lists
 * and the record types. Each kind's fields — keys, columns, labels, types, limits — are defined once
 * in main/records/fields.ts.
 */
import {
  DISCIPLINE_SYSTEM_VOCAB,
  GRADE_VOCAB,
  MEASURES_BY_SYSTEM,
  POSTING_KIND_VOCAB,
  RESERVE_LEVEL_VOCAB,
  RESERVE_STATUS_VOCAB,
  TALK_KIND_VOCAB,
  termNames,
  type Vocabulary,
} from './vocab'

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

/** The terms of the closed lists (main/records/vocab.ts holds them with their variants). */
type Terms = readonly [string, ...string[]]
const terms = (v: Vocabulary): Terms => termNames(v) as unknown as Terms
export const GRADES: Terms = terms(GRADE_VOCAB)
export const ASSESSMENT_KINDS = ['年度考核', '平时考核', '专项考核'] as const
export const TALK_KINDS: Terms = terms(TALK_KIND_VOCAB)
export const DISCIPLINE_SYSTEMS: Terms = terms(DISCIPLINE_SYSTEM_VOCAB)
export const DISCIPLINE_MEASURES: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(MEASURES_BY_SYSTEM).map(([system, v]) => [system, termNames(v)]),
)
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
export const RESERVE_LEVELS: Terms = terms(RESERVE_LEVEL_VOCAB)
export const RESERVE_STATUSES: Terms = terms(RESERVE_STATUS_VOCAB)
export const RESERVE_ENTRY_WAYS = ['民主推荐', '组织推荐', '单位推荐', '一线锻炼表现突出直接确定'] as const
export const POSTING_KINDS: Terms = terms(POSTING_KIND_VOCAB)

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

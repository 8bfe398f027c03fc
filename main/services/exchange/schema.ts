/**
 * The exchange file of CLI.md as zod schemas: the document's frame (checked whole: a file that
 * fails it is refused) and one cadre (checked one by one: a bad cadre is rejected and listed).
 * The record types used by dump, load and the demo generator are the schemas' outputs.
 */
import { z } from 'zod'
import { CADRE_FIELD_KEYS, type CadreFieldKey } from '../../domain/fields'
import { TARGETS } from '../../eligibility/rules'
import { exchangeItemSchema } from '../../records/field-schemas'
import { KIND_DEFS } from '../../records/fields'
import { RECORD_KIND_LABELS, type RecordKind, type RecordOf } from '../../records/kinds'

export const EXCHANGE_FORMAT = 'cadre-exchange'
export const EXCHANGE_VERSION = 1

const text = z.string().max(20000)
/** Optional text: missing and null both read as null. */
const opt = text.nullish().transform((v) => v ?? null)

export const UnitSchema = z.object({
  name: z.string().min(1).max(200),
  parent: z
    .string()
    .max(200)
    .nullish()
    .transform((v) => v ?? null),
  kind: z
    .string()
    .max(50)
    .nullish()
    .transform((v) => v ?? null),
  /** 职数 (issue 13): posts allotted per 职务层次 and the day a post fell vacant. Absent = unchanged. */
  posts: z
    .array(
      z.object({
        level: z.string().min(1).max(20),
        allotted: z.number().int(),
        vacantSince: z
          .string()
          .max(20)
          .nullish()
          .transform((v) => v ?? null),
      }),
    )
    .max(30)
    .optional(),
})

export const ResumeSchema = z.object({ start: opt, end: opt, text: text })
export const FamilySchema = z.object({
  relation: z.string().min(1).max(50),
  name: z.string().min(1).max(50),
  birthDate: opt,
  politicalStatus: opt,
  workUnitPosition: opt,
  /** 已移居国（境）外 (条例 第二十四条（五）); written only when true. */
  settledAbroad: z.boolean().optional(),
})
/** The record kinds' items, derived from their one definition (main/records/fields.ts). */
type ExItem<K extends RecordKind> = Omit<RecordOf[K], 'id' | 'cadreId'>
const item = <T>(kind: RecordKind) => exchangeItemSchema(kind) as unknown as z.ZodType<T> & { shape: z.ZodRawShape }
export const AssessmentSchema = item<ExItem<'assessments'>>('assessments')
export const StudySchema = item<Omit<ExItem<'studies'>, 'scores'> & { scores: Record<string, number | string | null> }>(
  'studies',
)
export const TalkSchema = item<ExItem<'talks'>>('talks')
export const DisciplineSchema = item<ExItem<'discipline'>>('discipline')
export const RewardSchema = item<ExItem<'rewards'>>('rewards')
export const ReserveSchema = item<ExItem<'reserve'>>('reserve')
export const PostingSchema = item<ExItem<'postings'>>('postings')
export const TrainingSchema = item<ExItem<'training'>>('training')

/** 任职经历: one post held (issue 10); `level` 职务层次 or `rank` 职级, months `YYYY-MM`. */
export const AppointmentSchema = z.object({
  start: opt,
  end: opt,
  unit: opt,
  title: opt,
  level: opt,
  rank: opt,
  docNo: opt,
})

/** The related-record lists of a cadre, in the order the document writes them. */
export const RELATED = {
  resume: ResumeSchema,
  family: FamilySchema,
  assessments: AssessmentSchema,
  studies: StudySchema,
  talks: TalkSchema,
  discipline: DisciplineSchema,
  rewards: RewardSchema,
  reserve: ReserveSchema,
  postings: PostingSchema,
  training: TrainingSchema,
  appointments: AppointmentSchema,
} as const
export type RelatedKey = keyof typeof RELATED
export const RELATED_KEYS = Object.keys(RELATED) as RelatedKey[]

export const RELATED_LABELS: Record<RelatedKey, string> = {
  resume: '简历',
  family: '家庭成员',
  ...RECORD_KIND_LABELS,
  appointments: '任职经历',
}

const scalarShape = Object.fromEntries(
  CADRE_FIELD_KEYS.map((k) => [k, text.nullable().optional()]),
) as Record<CadreFieldKey, z.ZodOptional<z.ZodNullable<z.ZodString>>>

/** One cadre as load reads it: a key left out keeps what the database has (on update). */
export const CadreInSchema = z.object({
  ...scalarShape,
  idCard: z.string().min(1).max(40),
  // The size is checked by the loader, which names the cadre (main/domain/photo.ts).
  photo: z.string().nullable().optional(),
  resume: z.array(ResumeSchema).max(500).optional(),
  family: z.array(FamilySchema).max(100).optional(),
  assessments: z.array(AssessmentSchema).max(KIND_DEFS.assessments.maxItems).optional(),
  studies: z.array(StudySchema).max(KIND_DEFS.studies.maxItems).optional(),
  talks: z.array(TalkSchema).max(KIND_DEFS.talks.maxItems).optional(),
  discipline: z.array(DisciplineSchema).max(KIND_DEFS.discipline.maxItems).optional(),
  rewards: z.array(RewardSchema).max(KIND_DEFS.rewards.maxItems).optional(),
  reserve: z.array(ReserveSchema).max(KIND_DEFS.reserve.maxItems).optional(),
  postings: z.array(PostingSchema).max(KIND_DEFS.postings.maxItems).optional(),
  training: z.array(TrainingSchema).max(KIND_DEFS.training.maxItems).optional(),
  appointments: z.array(AppointmentSchema).max(200).optional(),
  /** 原法定退休年龄 set on the cadre (issue 13; 50 / 55 / 60). Written only when set: absent means
   *  the default by gender on a new cadre and "unchanged" on a known one; null resets to the default. */
  retireBaseAge: z
    .union([z.literal(50), z.literal(55), z.literal(60)])
    .nullable()
    .optional(),
  /** LRMX 4.0 values kept as an imported file gave them (lrmx_extras, migration 0090; issue 14):
   *  written only when kept; absent = unchanged on a known cadre, null = drop what is kept. */
  lrmxExtras: z
    .object({
      retireMonth: z
        .string()
        .regex(/^[12]\d{3}-(0[1-9]|1[0-2])$/, '到龄年月应为 YYYY-MM')
        .optional(),
      ageLimitText: z.string().min(1).max(200).optional(),
    })
    .strict()
    .nullable()
    .optional(),
})
export type CadreIn = z.output<typeof CadreInSchema>

// ---- The optional sections added after CLI.md's first document (main/services/exchange/extras.ts
// explains how load applies them). Checked whole with the frame: a malformed section refuses the
// file. Values that are well-formed but do not fit the database (an unknown ID number, a date that
// is not a date, a unit that does not exist) reject the one item and are listed.

const idCardRef = z.string().min(1).max(40)
const who = z.string().min(1).max(100)
const stamp = z.string().min(1).max(40)

/** 研判 round definition (table study_rounds); members' scores stay in each cadre's `studies`. */
export const StudyRoundSchema = z.object({
  name: z.string().min(1).max(200),
  date: z.string().min(1).max(20),
  dimensions: z
    .array(z.object({ name: z.string().min(1).max(50), weight: z.number().positive().max(1e6) }))
    .max(50),
  /** kind 'posting': value is the posting kind; 'unit': the unit's name; 'manual': null. */
  group: z.object({
    kind: z.enum(['posting', 'unit', 'manual']),
    value: z
      .string()
      .max(200)
      .nullish()
      .transform((v) => v ?? null),
  }),
  note: opt,
  createdAt: stamp,
})

export const MonthlyScoreSchema = z.object({
  month: z.string().min(1).max(20),
  score: z.number().min(0).max(100),
  note: opt,
})
/** A cadre's monthly scores of stationed cadres (table monthly_scores). */
export const CadreMonthlySchema = z.object({
  idCard: idCardRef,
  scores: z.array(MonthlyScoreSchema).max(2000),
})

export const AppointmentFormSchema = z.object({
  proposedPosition: opt,
  proposedRemoval: opt,
  reason: opt,
  reportingUnit: opt,
  filledBy: opt,
  ageAt: opt,
  filledAt: opt,
  rewardsText: opt,
  assessmentText: opt,
  createdAt: stamp,
  updatedAt: stamp,
})
/** A cadre's 干部任免审批表 forms, oldest first (table appointment_forms). */
export const CadreFormsSchema = z.object({
  idCard: idCardRef,
  forms: z.array(AppointmentFormSchema).max(200),
})

const target = z.enum(TARGETS)

/** One saved version of a target's eligibility rule set (table eligibility_rule_sets). */
export const RuleSetVersionSchema = z.object({
  target,
  version: z.number().int().min(1).max(1_000_000),
  rules: z.array(z.record(z.string(), z.unknown())).max(50),
  note: opt,
  actor: who,
  createdAt: stamp,
})

export const DecisionSchema = z.object({
  target,
  reviewDate: z.string().min(1).max(20),
  decision: z.enum(['推荐', '暂缓', '不予推荐']),
  note: opt,
  ruleSetVersion: z.number().int().min(0),
  verdict: z.enum(['符合', '不符合', '待补充信息']),
  outcomes: z.unknown(),
  actor: who,
  createdAt: stamp,
})
export const OverrideSchema = z.object({
  target,
  reviewDate: z.string().min(1).max(20),
  ruleId: z.string().min(1).max(50),
  reason: z
    .string()
    .max(20000)
    .refine((s) => s.trim().length > 0),
  failedReason: text,
  ruleSetVersion: z.number().int().min(0),
  actor: who,
  createdAt: stamp,
  revokedAt: opt,
  revokedBy: opt,
})
/** 立案审查调查 register: `{since, closedOn, note}` is enough in a hand-written file (actor and
 *  createdAt then read as “交换文件” and the load's time). */
export const InvestigationSchema = z.object({
  since: opt,
  closedOn: opt,
  note: opt,
  actor: who.optional(),
  createdAt: stamp.optional(),
})
/** A cadre's eligibility review records: decisions, overrides, investigation register, oldest first. */
export const CadreReviewSchema = z.object({
  idCard: idCardRef,
  decisions: z.array(DecisionSchema).max(10000).optional(),
  overrides: z.array(OverrideSchema).max(10000).optional(),
  investigations: z.array(InvestigationSchema).max(1000).optional(),
})

/** The optional sections, in the order dump writes them (after `cadres`). */
export const EXTRA_SECTIONS = {
  studyRounds: z.array(StudyRoundSchema),
  monthlyScores: z.array(CadreMonthlySchema),
  appointmentForms: z.array(CadreFormsSchema),
  eligibilityRuleSets: z.array(RuleSetVersionSchema),
  eligibilityReviews: z.array(CadreReviewSchema),
} as const
export type ExtraKey = keyof typeof EXTRA_SECTIONS
export const EXTRA_KEYS = Object.keys(EXTRA_SECTIONS) as ExtraKey[]
export const EXTRA_LABELS: Record<ExtraKey, string> = {
  studyRounds: '研判批次',
  monthlyScores: '月度得分',
  appointmentForms: '任免审批表',
  eligibilityRuleSets: '资格审查规则集',
  eligibilityReviews: '资格审查记录',
}
export type ExStudyRound = z.output<typeof StudyRoundSchema>
export type ExCadreMonthly = z.output<typeof CadreMonthlySchema>
export type ExCadreForms = z.output<typeof CadreFormsSchema>
export type ExRuleSetVersion = z.output<typeof RuleSetVersionSchema>
export type ExCadreReview = z.output<typeof CadreReviewSchema>
export interface ExExtras {
  studyRounds: ExStudyRound[]
  monthlyScores: ExCadreMonthly[]
  appointmentForms: ExCadreForms[]
  eligibilityRuleSets: ExRuleSetVersion[]
  eligibilityReviews: ExCadreReview[]
}

/** The frame: a file that does not match is not an exchange file (exit 2, nothing written). */
export const DocumentSchema = z.object({
  format: z.literal(EXCHANGE_FORMAT),
  version: z.number().int(),
  exportedAt: z.string().optional(),
  units: z.array(UnitSchema),
  cadres: z.array(z.record(z.string(), z.unknown())),
  studyRounds: EXTRA_SECTIONS.studyRounds.optional(),
  monthlyScores: EXTRA_SECTIONS.monthlyScores.optional(),
  appointmentForms: EXTRA_SECTIONS.appointmentForms.optional(),
  eligibilityRuleSets: EXTRA_SECTIONS.eligibilityRuleSets.optional(),
  eligibilityReviews: EXTRA_SECTIONS.eligibilityReviews.optional(),
})

export type ExUnit = z.output<typeof UnitSchema>
export type ExResume = z.output<typeof ResumeSchema>
export type ExFamily = z.output<typeof FamilySchema>
export type ExAssessment = z.output<typeof AssessmentSchema>
export type ExStudy = z.output<typeof StudySchema>
export type ExTalk = z.output<typeof TalkSchema>
export type ExDiscipline = z.output<typeof DisciplineSchema>
export type ExReward = z.output<typeof RewardSchema>
export type ExReserve = z.output<typeof ReserveSchema>
export type ExPosting = z.output<typeof PostingSchema>
export type ExTraining = z.output<typeof TrainingSchema>
export type ExAppointment = z.output<typeof AppointmentSchema>

export interface ExRelated {
  resume: ExResume[]
  family: ExFamily[]
  assessments: ExAssessment[]
  studies: ExStudy[]
  talks: ExTalk[]
  discipline: ExDiscipline[]
  rewards: ExReward[]
  reserve: ExReserve[]
  postings: ExPosting[]
  training: ExTraining[]
  appointments: ExAppointment[]
}

/** One cadre as dump writes it: every canonical key, the photo as base64 (or null), every list. */
export type ExCadre = { [K in CadreFieldKey]: string | null } & { photo: string | null } & ExRelated & {
    /** 原法定退休年龄 when set on the cadre (absent: the default by gender). */
    retireBaseAge?: number
    /** LRMX 4.0 values kept from an imported file (absent: none kept). */
    lrmxExtras?: ExLrmxExtras
  }

/** What lrmx_extras keeps for a cadre: the file's own 到龄年月 and 改革前任职年龄界限 text. */
export interface ExLrmxExtras {
  retireMonth?: string
  ageLimitText?: string
}

export interface ExchangeDocument extends ExExtras {
  format: typeof EXCHANGE_FORMAT
  version: typeof EXCHANGE_VERSION
  exportedAt: string
  units: ExUnit[]
  cadres: ExCadre[]
}

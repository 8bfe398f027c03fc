/** Channels of the promotion eligibility review (issue 6). */
import { z } from 'zod'
import type { ReviewPage } from '../../eligibility/page'
import { RULE_IDS, TARGETS, type RuleSet } from '../../eligibility/rules'
import {
  DECISIONS,
  REVIEW_FILTERS,
  type ReviewDetail,
  type ReviewResult,
  type RuleSetsInfo,
} from '../../eligibility/types'
import type { Appointment } from '../../records/appointments'
import type { ImpactSettingsView } from '../../records/impact-settings'
import { channel, read, write } from './define'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD')
const target = z.enum(TARGETS, '审查事项只能是提任正科级、副科级领导职务或晋升一级至四级主任科员')
const round = z.object({ target, at: day })
const id = z.number().int().positive()
/** A view's scope (eligibility/view.ts): the grid, its counts and the export share it. */
const scope = {
  search: z.string().max(100, '搜索词不能超过 100 字').optional(),
  unit: z.string().max(200, '单位名称不能超过 200 字').optional(),
  level: z.string().max(20, '职务层次不能超过 20 字').optional(),
}

export interface FileBytes {
  fileName: string
  bytes: Uint8Array
}

export const eligibilityChannels = {
  'eligibility.review': channel<ReviewResult>()(round, read(undefined, 'heavy')),
  /** The page's grid a block at a time; the round is evaluated once and kept (eligibility/page.ts). */
  'eligibility.page': channel<ReviewPage>()(
    round.extend({
      filter: z.enum(REVIEW_FILTERS),
      ...scope,
      sort: z
        .array(z.object({ colId: z.string().max(60), sort: z.enum(['asc', 'desc']) }))
        .max(10)
        .optional(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000, '每次最多取 1000 行'),
      /** The first rows may come before the whole round is evaluated (then `summary` is null). */
      early: z.boolean().optional(),
    }),
    read(undefined, 'heavy'),
  ),
  'eligibility.detail': channel<ReviewDetail>()(round.extend({ cadreId: id }), read(undefined, 'heavy')),
  'eligibility.decide': channel<ReviewDetail>()(
    round.extend({
      cadreId: id,
      decision: z.enum(DECISIONS, '处理意见只能是推荐、暂缓或不予推荐'),
      note: z.string().max(1000, '说明不能超过 1000 字').nullable(),
    }),
    write(['eligibility_decisions', 'audit_log']),
  ),
  'eligibility.override': channel<ReviewDetail>()(
    round.extend({
      cadreId: id,
      ruleId: z.enum(RULE_IDS, '审查项目不可识别'),
      reason: z.string().max(1000, '理由不能超过 1000 字'),
    }),
    write(['eligibility_overrides', 'audit_log']),
  ),
  'eligibility.revokeOverride': channel<ReviewDetail>()(round.extend({ overrideId: id }), write(['eligibility_overrides', 'audit_log'])),
  'eligibility.setInvestigation': channel<ReviewDetail>()(
    round.extend({
      cadreId: id,
      active: z.boolean(),
      since: day.nullable(),
      note: z.string().max(500, '说明不能超过 500 字').nullable(),
    }),
    write(['eligibility_investigations', 'audit_log']),
  ),
  'eligibility.ruleSets': channel<RuleSetsInfo>()(z.undefined().optional(), read(['eligibility_rule_sets'])),
  /** `rules` is validated in full by the service (RuleListSchema) to give a Chinese message per rule. */
  'eligibility.saveRuleSet': channel<RuleSet>()(
    z.object({
      target,
      rules: z.array(z.unknown()).max(20, '规则集最多 20 条规则'),
      note: z.string().max(500, '修改说明不能超过 500 字').nullable(),
    }),
    write(['eligibility_rule_sets', 'audit_log']),
  ),
  'eligibility.export': channel<FileBytes & { rows: number }>()(
    // The page's view: the same unit, level and search as the grid and its counts.
    round.extend({ filter: z.enum(REVIEW_FILTERS), ...scope }),
    read(undefined, 'heavy'),
  ),
  /** 任职经历 of one cadre (main/records/appointments.ts), edited on the cadre page. */
  'appointments.list': channel<Appointment[]>()(z.object({ cadreId: id }), read(['appointments'])),
  'appointments.save': channel<Appointment[]>()(
    z.object({
      cadreId: id,
      rows: z
        .array(
          z.object({
            start: z.string().max(20).nullable(),
            end: z.string().max(20).nullable(),
            unit: z.string().max(200).nullable(),
            title: z.string().max(200).nullable(),
            level: z.string().max(20).nullable(),
            rank: z.string().max(20).nullable(),
            docNo: z.string().max(100).nullable(),
          }),
        )
        .max(200, '任职经历最多 200 段'),
    }),
    write(['appointments', 'audit_log']),
  ),
  /** 影响期设置 (main/records/impact-settings.ts): read by anyone, saved by the administrator. */
  'impact.settings': channel<ImpactSettingsView>()(z.undefined().optional(), read(['settings'])),
  /** `config` is validated in full by the service, with a Chinese message per measure; null restores the defaults. */
  'impact.saveSettings': channel<ImpactSettingsView>()(
    z.object({ config: z.record(z.string(), z.unknown()).nullable() }),
    write(['settings', 'audit_log', 'impact_periods']),
  ),
  'appointments.draft': channel<Appointment[]>()(z.object({ cadreId: id }), read(['resume_entries'])),
  'eligibility.print': channel<FileBytes>()(
    round.extend({
      cadreIds: z.array(id).min(1, '请先选择要打印审查表的干部').max(500, '一次最多打印 500 人的审查表'),
    }),
    read(undefined, 'heavy'),
  ),
}

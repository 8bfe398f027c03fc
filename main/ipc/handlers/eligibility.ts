/** Handlers of the eligibility review channels (contract/eligibility.ts). */
import { exportReview } from '../../eligibility/export'
import { reviewPage } from '../../eligibility/page'
import { printReviewSheets } from '../../eligibility/print'
import { TARGETS, TARGET_LABELS } from '../../eligibility/rules'
import { decide, overrideRule, reviewDetail, reviewRound } from '../../eligibility/service'
import {
  currentRuleSet,
  revokeOverride,
  ruleSetHistory,
  saveRuleSet,
  setInvestigation,
} from '../../eligibility/store'
import { draftFromResume, listAppointments, saveAppointments } from '../../records/appointments'
import { impactSettingsView, saveImpactSettings } from '../../records/impact-settings'
import type { AppContext } from '../../services/context'
import type { eligibilityChannels } from '../contract/eligibility'
import type { Handlers } from '../registry'

export function createEligibilityHandlers(ctx: AppContext): Pick<Handlers, keyof typeof eligibilityChannels> {
  return {
    'eligibility.review': (a) => reviewRound(ctx, a.target, a.at),
    'appointments.list': (a) => listAppointments(ctx, a.cadreId),
    'impact.settings': () => impactSettingsView(ctx),
    'impact.saveSettings': (a) => saveImpactSettings(ctx, a.config),
    'appointments.save': (a) => saveAppointments(ctx, a.cadreId, a.rows),
    'appointments.draft': (a) => draftFromResume(ctx, a.cadreId),
    'eligibility.page': ({ early, ...q }) => reviewPage(ctx, q, early ?? false),
    'eligibility.detail': (a) => reviewDetail(ctx, a.cadreId, a.target, a.at),
    'eligibility.decide': (a) => decide(ctx, a),
    'eligibility.override': (a) => overrideRule(ctx, a),
    'eligibility.revokeOverride': (a) => {
      const { cadreId } = revokeOverride(ctx, a.overrideId)
      return reviewDetail(ctx, cadreId, a.target, a.at)
    },
    'eligibility.setInvestigation': (a) => {
      setInvestigation(ctx, {
        cadreId: a.cadreId,
        active: a.active,
        since: a.since,
        note: a.note?.trim() || null,
      })
      return reviewDetail(ctx, a.cadreId, a.target, a.at)
    },
    'eligibility.ruleSets': () => ({
      sets: TARGETS.map((t) => ({
        target: t,
        label: TARGET_LABELS[t],
        current: currentRuleSet(ctx.db, t),
        history: ruleSetHistory(ctx.db, t),
      })),
    }),
    'eligibility.saveRuleSet': (a) => saveRuleSet(ctx, a.target, a.rules, a.note?.trim() || null),
    'eligibility.export': (a) => exportReview(ctx, a),
    'eligibility.print': (a) => printReviewSheets(ctx, a),
  }
}

/** Thresholds of the records screens: configuration with DOMAIN.md's defaults, kept in settings. */
import type { AppContext } from '../services/context'
import { getSetting } from '../services/settings'

export const ESCALATION_WINDOW_KEY = 'records.escalationWindowMonths'
export const TALK_DUE_KEY = 'records.talkDueMonths'

function months(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 120 ? v : dflt
}

/** 督办 → 约谈 → 诫勉 counts within this many months (default 12). */
export function escalationWindowMonths(ctx: AppContext): number {
  return months(getSetting(ctx, ESCALATION_WINDOW_KEY), 12)
}

/** Every stationed cadre is talked to at least this often (the half-yearly rule: 6). */
export function talkDueMonths(ctx: AppContext): number {
  return months(getSetting(ctx, TALK_DUE_KEY), 6)
}

/** LRMX export: one cadre as the national editor's file, with the newest saved form's fields. */
import type { AppContext } from '../services/context'
import { defaultRetireBaseAge, isRetireBaseAge, retirementMonth } from '../domain/retirement'
import { loadFormPerson } from '../form/data'
import { baseAgeOfLimitText, buildLrmx, limitTextOfBaseAge } from './format'

/**
 * LRMX 4.0's two fields for a cadre: 到龄年月 by the 2025 reform's rule (main/domain/retirement.ts)
 * from the birth month and the old retirement age (set, else by gender), the value kept from an
 * imported file only where the rule cannot say; 改革前任职年龄界限 as the file wrote it while it
 * names the same age, else "改革前任职年龄界限为N岁".
 */
export function lrmx40Fields(
  ctx: AppContext,
  cadreId: number,
): { retireMonth: string | null; ageLimitText: string | null } {
  const row = ctx.db
    .prepare(
      `SELECT c.gender, c.birth_date, c.retire_base_age, x.retire_month, x.age_limit_text
       FROM cadres c LEFT JOIN lrmx_extras x ON x.cadre_id = c.id WHERE c.id = ?`,
    )
    .get(cadreId) as
    | {
        gender: string | null
        birth_date: string | null
        retire_base_age: number | null
        retire_month: string | null
        age_limit_text: string | null
      }
    | undefined
  if (!row) return { retireMonth: null, ageLimitText: null }
  const base = isRetireBaseAge(row.retire_base_age) ? row.retire_base_age : defaultRetireBaseAge(row.gender)
  const retireMonth = (base ? retirementMonth(row.birth_date, base) : null) ?? row.retire_month
  const kept = row.age_limit_text
  const keptAge = baseAgeOfLimitText(kept)
  const ageLimitText =
    kept && (keptAge === null || keptAge === base) ? kept : base ? limitTextOfBaseAge(base) : null
  return { retireMonth, ageLimitText }
}

export function exportLrmx(
  ctx: AppContext,
  cadreId: number,
): { fileName: string; bytes: Uint8Array; xml: string } {
  const p = loadFormPerson(ctx, cadreId)
  const a = p.appointment
  // 奖惩情况 / 年度考核结果 go out as printed (typed for the form, or composed from the records).
  const xml = buildLrmx({
    fields: p.fields,
    resume: p.resume,
    family: p.family,
    photo: p.photo,
    appointment: { ...a, rewardsText: p.rewardsText, assessmentText: p.assessmentText },
    ...lrmx40Fields(ctx, cadreId),
  })
  const safe = (p.fields.name ?? '干部').replace(/[\\/:*?"<>|]/g, '')
  return { fileName: `${safe}.lrmx`, bytes: new Uint8Array(Buffer.from(xml, 'utf8')), xml }
}

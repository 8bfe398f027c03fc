/** LRMX export: one cadre as the national editor's file, with the newest saved form's fields. */
import type { AppContext } from '../services/context'
import { loadFormPerson } from '../form/data'
import { buildLrmx } from './format'

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
  })
  const safe = (p.fields.name ?? '干部').replace(/[\\/:*?"<>|]/g, '')
  return { fileName: `${safe}.lrmx`, bytes: new Uint8Array(Buffer.from(xml, 'utf8')), xml }
}

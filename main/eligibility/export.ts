/** The review as an Excel table through the app's one writer (main/export), with every reason. */
import { ageAt } from '../domain/dates'
import { workbookToBytes, type TableColumn, type TableRow } from '../export'
import type { AppContext } from '../services/context'
import { evaluateCadre, projectEligibility, timeCurable, type CadreFacts, type Evaluation } from './evaluate'
import { loadFacts } from './load'
import { keptFacts } from './page'
import { TARGET_LABELS, TARGET_SHORT, isPromotion, versionText, type Target } from './rules'
import { impactConfig } from '../records/impact'
import { effectiveOf, loadOptions } from './service'
import { currentRuleSet, roundDecisions, roundOverrides } from './store'
import { FILTER_LABELS, verdictText, type ReviewFilter } from './types'
import { jobProgress, jobStage, throwIfCancelled } from '../worker/job'
import { count, emptySummary, inScope, matchesFilter, type ReviewScope } from './view'

/**
 * Streamed (issue 11: a 100,000-cadre export under 400 MB for the whole process): the rows are made
 * while the workbook is written, never all held at once. Their reasons are most of the memory (a
 * round's evaluations with every reason are ~250 MB at 100,000), so the cadres are evaluated twice:
 * a first pass counts what the note says above the table (row 2, written first) and remembers who is
 * listed; the second makes each row's cells as the writer takes it. Evaluation is pure: both passes
 * give the same results.
 */
export async function exportReview(
  ctx: AppContext,
  o: { target: Target; at: string; filter: ReviewFilter } & ReviewScope,
): Promise<{ fileName: string; bytes: Uint8Array; rows: number }> {
  const ruleSet = currentRuleSet(ctx.db, o.target)
  // As a long job: loading ~25 %, counting to 40 %, writing the workbook (evaluating again) the rest.
  // The page's view: the same unit, current level and search as the grid and its pills.
  const scoped = inScope(o)
  const options = loadOptions(ruleSet, o.at)
  // The records the review page keeps, when it has them for the same day and data (no second copy).
  const kept = keptFacts(ctx, options)
  const facts = kept ?? jobStage(0, 25, () => loadFacts(ctx.db, options))
  const from = kept ? 0 : 25
  const impact = impactConfig(ctx)
  const overrides = roundOverrides(ctx.db, o.target, o.at)
  const decisions = roundDecisions(ctx.db, o.target, o.at)
  const columns: TableColumn[] = [
    { header: '序号', kind: 'integer', width: 5 },
    { header: '姓名', width: 8 },
    { header: '身份证号', kind: 'idCard' },
    { header: '工作单位', width: 16 },
    { header: '现任职务', width: 20 },
    { header: '职务层次', width: 8 },
    { header: '年龄', kind: 'integer', width: 5 },
    { header: '审查结论', width: 10 },
    ...ruleSet.rules.map((r): TableColumn => ({ header: r.label, kind: 'longText', width: 22 })),
    { header: '预计符合日期', kind: 'day' },
    { header: '处理意见', width: 8 },
    { header: '意见说明', kind: 'longText', width: 24 },
  ]
  const evaluate = (f: CadreFacts) => evaluateCadre(f, ruleSet.rules, o.at, { evidence: false, impact })
  // First pass: who is listed, and the counts (as the page's pills count, by the rules alone, view.ts,
  // and those a 豁免 lets through). Only the cadres are kept, not their evaluations.
  const listed: CadreFacts[] = []
  const s = { ...emptySummary(), lifted: 0 }
  let seen = 0
  for (const f of facts) {
    if (seen++ % 1000 === 0) {
      throwIfCancelled()
      jobProgress(from + ((40 - from) * seen) / facts.length, 100)
    }
    if (!isPromotion(o.target, f.positionLevel, f.rank) || !scoped(f)) continue
    const ev = evaluate(f)
    const fails = failCount(ev)
    if (!matchesFilter({ eligible: ev.eligible, failCount: fails }, o.filter)) continue
    count(s, { eligible: ev.eligible, failCount: fails })
    if (effectiveOf(ev, overrides.get(f.id)) === true && ev.eligible !== true) s.lifted++
    listed.push(f)
  }
  // Second pass, as the writer asks for rows: the same evaluation, now with its cells.
  function* rows(): Generator<TableRow> {
    let no = 0
    for (const f of listed) {
      const ev = evaluate(f)
      const ov = overrides.get(f.id)
      const d = decisions.get(f.id)
      const cells = ev.rules.map((x) => {
        if (x.result === 'pass') return `✓ ${x.reason}`
        if (x.result === 'unknown') return `? ${x.reason}`
        const o2 = ov?.get(x.id)
        return o2 ? `✗ ${x.reason}（已豁免：${o2.reason}）` : `✗ ${x.reason}`
      })
      const effective = effectiveOf(ev, ov)
      const verdict =
        effective === ev.eligible ? verdictText(ev.eligible) : `${verdictText(effective)}（经豁免）`
      const projected = timeCurable(ev) ? projectEligibility(f, ruleSet.rules, o.at, ev, impact).date : null
      yield [
        ++no,
        f.name,
        f.idCard,
        f.unit,
        f.position,
        f.positionLevel,
        ageAt(f.birthDate, o.at),
        verdict,
        ...cells,
        projected,
        d?.decision ?? null,
        d?.note ?? null,
      ]
    }
  }
  // The scope, said in the note and the file name (a view of one unit is not the county's list).
  const scope = [
    o.unit?.trim() ? `工作单位 ${o.unit.trim()}` : '',
    o.level?.trim() ? `${o.target.startsWith('rank-') ? '现职级' : '现职务层次'} ${o.level.trim()}` : '',
    o.search?.trim() ? `搜索“${o.search.trim()}”` : '',
  ].filter(Boolean)
  const lifted = s.lifted ? `；经豁免后符合 ${s.lifted}` : ''
  const { bytes } = await jobStage(40, 100, () => workbookToBytes([
    {
      name: `${TARGET_SHORT[o.target]}资格审查`,
      title: `${TARGET_LABELS[o.target]}资格审查结果`,
      note: `审查日期 ${o.at} · ${versionText(ruleSet.version)} · ${[...scope, ''].join(' · ')}${FILTER_LABELS[o.filter]} ${listed.length} 人（符合 ${s.eligible}，不符合 ${s.ineligible}，待补充信息 ${s.unknown}${lifted}）`,
      columns,
      rows: rows(),
      total: listed.length,
      freezeColumns: 2,
    },
  ]))
  const unitPart = o.unit?.trim() ? `_${o.unit.trim().replace(/[\\/:*?"<>|]/g, '_')}` : ''
  return { fileName: `${TARGET_SHORT[o.target]}资格审查${unitPart}_${o.at}.xlsx`, bytes, rows: listed.length }
}

function failCount(ev: Evaluation): number {
  let n = 0
  for (const x of ev.rules) if (x.result === 'fail') n++
  return n
}

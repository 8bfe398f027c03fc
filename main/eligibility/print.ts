/**
 * The 干部任职资格审查表: one A4 page per candidate, printed to PDF by the form engineer's printer
 * (main/form/pdf.ts: Chromium through playwright-core on the CLI and the browser host, Electron's
 * printToPDF in the app). The document marks itself ready with data-fitted="1" as that printer expects.
 */
import { monthDots } from '../domain/dates'
import { AppError } from '../domain/errors'
import { escapeHtml } from '../form/html'
import { printPdf } from '../form/pdf'
import type { AppContext } from '../services/context'
import { TARGET_SHORT, versionText, type Target } from './rules'
import { reviewDetail } from './service'
import { verdictText, type ReviewDetail } from './types'
import { jobProgress, throwIfCancelled } from '../worker/job'

const MARK = { pass: '符合', fail: '不符合', unknown: '待核实' } as const

function page(d: ReviewDetail): string {
  const c = d.cadre
  const last = d.decisions[0]
  const rules = d.rules
    .map((r, i) => {
      const evidence = r.evidence.length ? r.evidence.map(escapeHtml).join('<br>') : ''
      const override = r.override
        ? `<div class="ov">已豁免：${escapeHtml(r.override.reason)}（${escapeHtml(r.override.actor)}）</div>`
        : ''
      return `<tr><td class="c">${i + 1}</td><td>${escapeHtml(r.label)}</td><td class="c ${r.result}">${MARK[r.result]}</td>
        <td>${escapeHtml(r.reason)}${evidence && evidence !== escapeHtml(r.reason) ? `<div class="ev">${evidence}</div>` : ''}${override}</td></tr>`
    })
    .join('')
  const verdict =
    d.effective === d.eligible ? verdictText(d.eligible) : `${verdictText(d.effective)}（经豁免）`
  return `<section class="sheet">
  <h1>干部任职资格审查表</h1>
  <div class="sub">审查事项：${escapeHtml(d.targetLabel)}&#12288;&#12288;审查日期：${escapeHtml(d.at)}&#12288;&#12288;规则版本：${versionText(d.ruleSet.version)}</div>
  <table class="head">
    <tr><th>姓名</th><td>${escapeHtml(c.name)}</td><th>出生年月（岁）</th><td>${escapeHtml(monthDots(c.birthDate))}${c.age !== null ? `（${c.age}岁）` : ''}</td><th>职务层次</th><td>${escapeHtml(c.positionLevel)}</td></tr>
    <tr><th>工作单位</th><td colspan="2">${escapeHtml(c.unit)}</td><th>现任职务</th><td colspan="2">${escapeHtml(c.position)}</td></tr>
  </table>
  <table class="rules">
    <thead><tr><th class="n">序号</th><th class="l">审查项目</th><th class="r">结果</th><th>依据</th></tr></thead>
    <tbody>${rules}</tbody>
  </table>
  <table class="foot">
    <tr><th>审查结论</th><td>${escapeHtml(verdict)}</td><th>预计符合日期</th><td>${escapeHtml(d.eligible === false ? (d.projection.date ?? d.projection.text) : '')}</td></tr>
    <tr><th>处理意见</th><td colspan="3">${last ? `${escapeHtml(last.decision)}${last.note ? `：${escapeHtml(last.note)}` : ''}` : ''}</td></tr>
    <tr class="sign"><th>审查人意见</th><td colspan="3"><div class="line">审查人（签字）：&#12288;&#12288;&#12288;&#12288;&#12288;&#12288;&#12288;&#12288;复核人（签字）：</div><div class="date">年&#12288;&#12288;月&#12288;&#12288;日</div></td></tr>
  </table>
</section>`
}

export function reviewSheetHtml(details: readonly ReviewDetail[]): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>干部任职资格审查表</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: '宋体', SimSun, 'Noto Serif CJK SC', 'Noto Serif CJK', serif; font-size: 10.5pt; color: #000; }
.sheet { page-break-after: always; }
.sheet:last-child { page-break-after: auto; }
h1 { text-align: center; font-size: 20pt; letter-spacing: 4pt; margin: 0 0 6pt; font-weight: bold; }
.sub { text-align: center; font-size: 10pt; margin-bottom: 8pt; }
table { width: 100%; border-collapse: collapse; margin-top: -1px; }
th, td { border: 1px solid #000; padding: 4pt 5pt; vertical-align: middle; }
th { font-weight: normal; background: #fff; white-space: nowrap; }
.head { table-layout: fixed; } .head th { width: 15%; } .head td { width: 18.33%; white-space: nowrap; overflow: hidden; } .rules th.n { width: 7%; } .rules th.l { width: 15%; } .rules th.r { width: 10%; }
.rules td { font-size: 10pt; } .c { text-align: center; }
.fail { font-weight: bold; } .ev { color: #333; font-size: 9pt; margin-top: 2pt; } .ov { font-size: 9pt; margin-top: 2pt; }
.foot th { width: 15%; } .sign td { height: 72pt; vertical-align: top; } .line { margin-top: 30pt; } .date { text-align: right; margin-top: 8pt; padding-right: 24pt; }
</style></head><body>
${details.map(page).join('\n')}
<script>document.fonts.ready.then(function(){document.documentElement.setAttribute('data-fitted','1')})</script>
</body></html>`
}

export async function printReviewSheets(
  ctx: AppContext,
  o: { target: Target; at: string; cadreIds: readonly number[] },
): Promise<{ fileName: string; bytes: Uint8Array }> {
  if (o.cadreIds.length === 0)
    throw new AppError('eligibility-print-empty', '请先选择要打印审查表的干部', 'no cadre selected')
  // As a long job: each cadre's evidence to 40 %, then the printing (one step: Chromium's).
  const details = o.cadreIds.map((id, i) => {
    throwIfCancelled()
    jobProgress((40 * i) / o.cadreIds.length, 100)
    return reviewDetail(ctx, id, o.target, o.at)
  })
  jobProgress(40, 100)
  const bytes = await printPdf(reviewSheetHtml(details))
  throwIfCancelled()
  const who = details.length === 1 ? details[0]!.cadre.name : `${details.length}人`
  return { fileName: `${TARGET_SHORT[o.target]}资格审查表_${who}_${o.at}.pdf`, bytes }
}

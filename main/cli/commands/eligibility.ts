/**
 * eligibility --db P --target T [--at DATE] [--json]
 * Promotion eligibility of every active cadre for target T (CLI.md "eligibility's result").
 */
import { eligibilityResults } from '../../eligibility/service'
import { TARGETS, TARGET_LABELS, TARGET_SHORT, type Target } from '../../eligibility/rules'
import { CliError, openContext, printJsonList, requireStr, type CliCommand } from '../args'

export const eligibilityCommand: CliCommand = {
  name: 'eligibility',
  usage: 'eligibility --db P --target section-chief|deputy-section|rank-4|rank-3|rank-2|rank-1 [--at DATE] [--json]',
  summary: '任职资格审查：每名在职干部是否符合提任条件及理由',
  options: { db: 'value', target: 'value', at: 'value', json: 'flag' },
  async run(args) {
    const target = requireStr(args, 'target')
    if (!(TARGETS as readonly string[]).includes(target)) {
      throw new CliError(
        `--target 只能是 ${TARGETS.map((t) => `${t}（${TARGET_LABELS[t]}）`).join('、')}，收到“${target}”`,
        `bad --target ${target}`,
      )
    }
    const ctx = openContext(args, { mustExist: true })
    try {
      const { head, results } = eligibilityResults(ctx, target as Target, ctx.today())
      if (args.options.json) {
        await printJsonList(head, 'results', results)
        return 0
      }
      const doc = { ...head, results: [...results] }
      const n = (v: boolean | null) => doc.results.filter((r) => r.eligible === v).length
      const lines = [
        `${TARGET_LABELS[target as Target]}资格审查（${doc.at}，${doc.ruleSetVersion === 0 ? '默认规则' : `规则第 ${doc.ruleSetVersion} 版`}）`,
        `审查对象 ${doc.results.length} 人（在职、尚未达到${TARGET_SHORT[target as Target]}）：符合 ${n(true)}，不符合 ${n(false)}，待补充信息 ${n(null)}`,
      ]
      for (const r of doc.results) {
        const v = r.eligible === true ? '符合' : r.eligible === false ? '不符合' : '待补充信息'
        const why = r.rules
          .filter((x) => x.result !== 'pass')
          .map((x) => `${x.result === 'fail' ? '✗' : '?'}${x.label}：${x.reason}`)
          .join('；')
        lines.push(`${r.name}\t${r.unit ?? ''}\t${v}${why ? `\t${why}` : ''}`)
      }
      process.stdout.write(lines.join('\n') + '\n')
      return 0
    } finally {
      ctx.db.close()
    }
  },
}

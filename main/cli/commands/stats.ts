/**
 * stats --db P [--at DATE] [--unit NAME | --kind KIND] [--from DATE --to DATE] [--json]
 * The structure of the cadre force (issue 13): count, women, minorities, non-Party, average age, age
 * bands, by 职务层次, education, and 职数 against holders, over cadres 在职 at the date.
 */
import { normalizeUnitName } from '../../services/units'
import { AGE_BANDS, AGE_BAND_LABELS, computeStats, statsJson, type StatsScope } from '../../stats/compute'
import { CliError, openContext, printJson, str, type CliCommand } from '../args'

export const statsCommand: CliCommand = {
  name: 'stats',
  usage: 'stats --db P [--at DATE] [--unit NAME | --kind KIND] [--from DATE --to DATE] [--json]',
  summary: '干部队伍结构统计（人数、女性、少数民族、党外、平均年龄、年龄段、职务层次、学历、职数）',
  options: {
    db: 'value',
    at: 'value',
    unit: 'value',
    kind: 'value',
    from: 'value',
    to: 'value',
    json: 'flag',
  },
  run(args) {
    const ctx = openContext(args, { mustExist: true })
    try {
      let scope: StatsScope = { kind: 'county' }
      const unit = str(args, 'unit')
      const kind = str(args, 'kind')
      if (unit && kind) throw new CliError('--unit 与 --kind 只能选一个', '--unit and --kind are exclusive')
      if (unit) {
        const name = normalizeUnitName(unit)
        const u = ctx.db.prepare('SELECT id FROM units WHERE name = ?').get(name) as
          { id: number } | undefined
        if (!u) throw new CliError(`单位“${name}”不存在`, `unit ${name} not found`)
        scope = { kind: 'unit', unitId: u.id }
      } else if (kind) {
        const n = ctx.db.prepare('SELECT count(*) AS n FROM units WHERE kind = ?').get(kind) as { n: number }
        if (n.n === 0) throw new CliError(`没有类别为“${kind}”的单位`, `no unit of kind ${kind}`)
        scope = { kind: 'unitKind', value: kind }
      }
      const from = str(args, 'from')
      const to = str(args, 'to')
      if ((from && !to) || (!from && to))
        throw new CliError('--from 与 --to 须同时给出', '--from and --to go together')
      const r = computeStats(ctx, { at: ctx.today(), scope, period: from && to ? { from, to } : undefined })
      if (args.options['json']) {
        printJson(statsJson(r))
        return 0
      }
      const a = r.all
      const pct = (n: number) => (a.total ? `${((n / a.total) * 100).toFixed(1)}%` : '—')
      const lines = [
        `${r.scope.label}干部队伍结构（${r.at}，在职）`,
        `总数 ${a.total} 人；女 ${a.women}（${pct(a.women)}）；少数民族 ${a.minorities}（${pct(a.minorities)}）；党外 ${a.nonParty}（${pct(a.nonParty)}）；平均年龄 ${a.averageAge ?? '—'} 岁`,
        `年龄：${AGE_BANDS.map((b) => `${AGE_BAND_LABELS[b]} ${a.ageBands[b]}`).join('，')}${a.ageUnknown ? `，出生年月待补充 ${a.ageUnknown}` : ''}`,
        `职务层次：${r.byLevel.map((l) => `${l.level} ${l.total}`).join('，')}`,
        `最高学历：${Object.entries(a.highest)
          .map(([k, v]) => `${k} ${v}`)
          .join('，')}`,
        `${r.period.from} 至 ${r.period.to}：谈话 ${r.period.talks}，诫勉 ${r.period.admonitions}，处分 ${r.period.sanctions}，提拔 ${r.period.promotions}，组织调整 ${r.period.adjustments}，召回 ${r.period.recalls}`,
      ]
      if (r.posts.length) {
        lines.push('职数：单位\t职务层次\t核定\t实配\t空缺')
        for (const p of r.posts)
          lines.push(
            `${p.unit}\t${p.level}\t${p.allotted}\t${p.filled}\t${p.vacant}${p.over ? `\t超职数 ${p.over}` : ''}`,
          )
      }
      process.stdout.write(lines.join('\n') + '\n')
      return 0
    } finally {
      ctx.db.close()
    }
  },
}

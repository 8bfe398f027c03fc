import { loadDemo } from '../../services/demo'
import { CliError, openContext, printJson, str, type CliCommand } from '../args'

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'demo --db P [--count N] [--seed S] [--at YYYY-MM-DD] [--json]',
  summary: '生成演示数据：一个虚构县（清川县）的 N 名干部及其记录（默认 2000 人）',
  options: { db: 'value', count: 'value', seed: 'value', at: 'value', json: 'flag' },
  run(args) {
    const raw = str(args, 'count') ?? '2000'
    const count = Number(raw)
    if (!/^\d+$/.test(raw) || !Number.isInteger(count) || count < 1) {
      throw new CliError(`--count 应为正整数，收到“${raw}”`, `--count must be a positive integer`)
    }
    const ctx = openContext(args)
    try {
      const r = loadDemo(ctx, { count, seed: str(args, 'seed') ?? '1' })
      if (args.options['json']) printJson(r)
      else
        process.stdout.write(
          `已生成 ${r.count} 名演示干部（${r.units} 个单位，种子 ${r.seed}），用时 ${(r.ms / 1000).toFixed(1)} 秒\n`,
        )
      return 0
    } finally {
      ctx.db.close()
    }
  },
}

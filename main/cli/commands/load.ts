import { resolve } from 'node:path'
import { loadExchangeDocument } from '../../services/exchange/load'
import { readExchangeFile } from '../../services/exchange'
import { CliError, openContext, printJson, type CliCommand } from '../args'

export const loadCommand: CliCommand = {
  name: 'load',
  usage: 'load FILE --db P [--dry-run] [--json]',
  summary: '载入交换文件：按身份证号新增或更新，有误的干部被拒绝并列出，其余一并写入',
  options: { db: 'value', json: 'flag', 'dry-run': 'flag', at: 'value' },
  run(args) {
    const [file, extra] = args.positional
    if (!file) throw new CliError('缺少要载入的文件：load FILE --db P', 'missing FILE: load FILE --db P')
    if (extra) throw new CliError(`多余的参数“${extra}”`, `unexpected argument ${extra}`)
    // The file is read and checked before the database is opened: bad input writes nothing.
    const doc = readExchangeFile(resolve(file))
    const ctx = openContext(args)
    try {
      const report = loadExchangeDocument(ctx, doc, { file, dryRun: args.options['dry-run'] === true })
      if (args.options['json']) {
        printJson(report)
        return 0
      }
      const lines = [
        `${args.options['dry-run'] ? '（试运行，未写入）' : ''}载入 ${file}：共 ${report.rows} 名干部，新增 ${report.inserted}，更新 ${report.updated}，未变 ${report.skipped}，拒绝 ${report.rejected.length}`,
        ...report.rejected.map((r) =>
          r.section ? `  拒绝 ${r.message}` : `  拒绝 第 ${r.row ?? '?'} 名 ${r.idCard ?? ''}：${r.message}`,
        ),
        ...report.warnings.map((w) => `  提示 ${w.row ? `第 ${w.row} 名 ` : ''}${w.message}`),
      ]
      process.stdout.write(lines.join('\n') + '\n')
      return 0
    } finally {
      ctx.db.close()
    }
  },
}

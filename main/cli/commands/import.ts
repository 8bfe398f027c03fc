/** `import FILE --db P [--sheet NAME] [--dry-run] [--on-duplicate skip|update] [--json]` (shared/CLI.md). */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { importRoster, pickSheet } from '../../roster-import/engine'
import { openWorkbook } from '../../roster-import/open'
import { fieldLabelOf } from '../../roster-import/labels'
import { CliError, openContext, printJson, str, type CliCommand } from '../args'

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import FILE --db P [--sheet NAME] [--dry-run] [--on-duplicate skip|update] [--json]',
  summary: '导入 Excel 花名册（.xlsx、.xls）',
  options: { db: 'value', sheet: 'value', 'dry-run': 'flag', 'on-duplicate': 'value', json: 'flag', at: 'value' },
  async run(args) {
    const file = args.positional[0]
    if (!file) throw new CliError('缺少要导入的文件', 'missing FILE')
    const path = resolve(file)
    if (!existsSync(path) || !statSync(path).isFile()) throw new CliError(`文件不存在：${path}`, `file not found: ${path}`)
    const dup = str(args, 'on-duplicate') ?? 'skip'
    if (dup !== 'skip' && dup !== 'update') {
      throw new CliError(`--on-duplicate 只能是 skip 或 update，收到“${dup}”`, '--on-duplicate must be skip or update')
    }
    // The file is checked (format, sheet, header) before the database is opened or created.
    const bytes = readFileSync(path)
    const wb = openWorkbook(bytes, basename(path))
    const picked = await pickSheet(wb, str(args, 'sheet'))
    const ctx = openContext(args)
    try {
      const { report } = await importRoster(ctx, {
        bytes,
        fileName: basename(path),
        opened: { wb, picked },
        dryRun: args.options['dry-run'] === true,
        onDuplicate: dup,
      })
      if (args.options.json === true) {
        printJson(report)
        return 0
      }
      const out: string[] = []
      out.push(`${report.dryRun ? '试导入（未写入数据库）' : '导入完成'}：${report.file} 工作表“${report.sheet}”，表头在第 ${report.headerRow} 行，共 ${report.rows} 行`)
      out.push(`新增 ${report.inserted}，更新 ${report.updated}，跳过 ${report.skipped}（其中未变 ${report.unchanged}），拒绝 ${new Set(report.rejected.map((r) => r.row)).size} 行`)
      if (report.newUnits.length) out.push(`新建单位：${report.newUnits.join('、')}`)
      for (const r of report.rejected) out.push(`  拒绝 第 ${r.row} 行 ${r.column} 列（${fieldLabelOf(r.key)}）：${r.message}`)
      for (const w of report.warnings) out.push(`  提醒 第 ${w.row} 行 ${w.column} 列（${fieldLabelOf(w.key)}）：${w.message}`)
      process.stdout.write(out.join('\n') + '\n')
      return 0
    } finally {
      ctx.db.close()
    }
  },
}

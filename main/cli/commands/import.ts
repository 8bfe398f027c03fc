/** `import FILE --db P [--sheet NAME] [--dry-run] [--on-duplicate skip|update] [--json]` (shared/CLI.md). */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { AppError } from '../../domain/errors'
import type { OnDuplicate } from '../../roster-import/commit'
import type { ImportReport } from '../../roster-import/engine'
import { fieldLabelOf } from '../../roster-import/labels'
import type { ParsedRow } from '../../roster-import/parse'
import { readInWorker, type WorkerReader } from '../../roster-import/read-in-worker'
import { CliError, openContext, printJson, str, type CliCommand, type ParsedArgs } from '../args'

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
    const dryRun = args.options['dry-run'] === true
    // A real import reads the file on a worker thread and writes the rows already read meanwhile.
    const reader = dryRun ? null : readInWorker({ path, fileName: basename(path), sheet: str(args, 'sheet') })
    let report: ImportReport
    if (reader) {
      try {
        report = await importStreamed(reader, args, basename(path), dup)
      } finally {
        reader.close()
      }
    } else {
      const [{ importRoster, pickSheet }, { openWorkbook }] = await Promise.all([import('../../roster-import/engine'), import('../../roster-import/open')])
      // The file is checked (format, sheet, header) before the database is opened or created.
      const bytes = readFileSync(path)
      const wb = openWorkbook(bytes, basename(path))
      const picked = await pickSheet(wb, str(args, 'sheet'))
      const ctx = openContext(args)
      try {
        ;({ report } = await importRoster(ctx, { bytes, fileName: basename(path), opened: { wb, picked }, dryRun, onDuplicate: dup }))
      } finally {
        ctx.db.close()
      }
    }
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
  },
}

/**
 * The import with the file read on a worker thread: the sheet and its header are checked there
 * before the database is opened or created; then each batch of checked rows is written while the
 * next ones are read, all in the import's one transaction (commitImportStream). The report is the
 * one importRoster gives.
 */
async function importStreamed(reader: WorkerReader, args: ParsedArgs, fileName: string, onDuplicate: OnDuplicate): Promise<ImportReport> {
  // The writing side's modules load while the reader thread opens the file.
  const [{ commitImportStream }, { applyMapping, buildReport, loadRememberedMapping }, { mappingProblems }] = await Promise.all([
    import('../../roster-import/commit'),
    import('../../roster-import/engine'),
    import('../../roster-import/parse'),
  ])
  const detection = await reader.picked
  const ctx = openContext(args)
  // A page cache of 64 MB instead of 16 for this one process: the 10 indexes of 50,000 new cadres
  // stay in memory through the transaction (~3 % of the import's time, ~10 MB more at its peak).
  ctx.db.pragma('cache_size = -65536')
  try {
    const columns = applyMapping(detection.columns, loadRememberedMapping(ctx.db, detection.columns))
    const problems = mappingProblems(columns)
    if (problems.length) throw new AppError('import-mapping', `无法导入：${problems.join('；')}`, 'the roster has no ID number or name column')
    const rows: ParsedRow[] = []
    async function* kept(): AsyncIterable<ParsedRow[]> {
      for await (const batch of reader.rows(columns)) {
        for (const r of batch) rows.push(r)
        yield batch
      }
    }
    const { plan } = await commitImportStream(ctx, kept(), { fileName, onDuplicate, end: () => reader.meta() })
    return buildReport(fileName, { ...reader.meta(), rows }, plan, false)
  } finally {
    ctx.db.close()
  }
}

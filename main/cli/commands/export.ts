/**
 * export FILE.xlsx --db P [--layout per-row|by-unit] [--columns k1,k2,...] [--status 在职,调出|全部] [--at DATE] [--json]
 * Writes the roster: the standard columns with 序号, or exactly the columns given.
 */
import { resolve } from 'node:path'
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { STATUSES } from '../../domain/fields'
import { exportRosterToFile, ROSTER_LAYOUTS, type RosterLayout } from '../../export/roster'
import { CliError, openContext, printJson, str, type CliCommand } from '../args'

function parseStatuses(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined
  if (raw === '全部' || raw === 'all') return []
  const list = raw
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean)
  const bad = list.filter((s) => !(STATUSES as readonly string[]).includes(s))
  if (bad.length) {
    throw new CliError(
      `--status 只能是 ${STATUSES.join('、')} 或 全部，收到“${bad.join('、')}”`,
      `bad --status ${bad.join(',')}`,
    )
  }
  return list
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage:
    'export FILE.xlsx --db P [--layout per-row|by-unit] [--columns k1,k2,...] [--status 在职,调出|全部] [--at DATE] [--json]',
  summary: '导出干部花名册（Excel，A4 横向打印格式；默认在职人员、全部字段）',
  options: { db: 'value', layout: 'value', columns: 'value', status: 'value', at: 'value', json: 'flag' },
  async run(args) {
    const file = args.positional[0]
    if (!file || args.positional.length > 1) {
      throw new CliError(
        '用法：export FILE.xlsx --db P [--layout per-row|by-unit] [--columns k1,k2,...]',
        'usage: export FILE.xlsx --db P',
      )
    }
    if (!/\.xlsx$/i.test(file))
      throw new CliError(`导出文件应以 .xlsx 结尾：${file}`, `export file must end in .xlsx: ${file}`)
    const out = resolve(file)
    if (!existsSync(dirname(out)))
      throw new CliError(`导出文件所在文件夹不存在：${dirname(out)}`, `folder not found: ${dirname(out)}`)
    const layout = (str(args, 'layout') ?? 'per-row') as RosterLayout
    if (!ROSTER_LAYOUTS.includes(layout)) {
      throw new CliError(
        `--layout 只能是 per-row（一人一行）或 by-unit（按机构分组），收到“${layout}”`,
        `bad --layout ${layout}`,
      )
    }
    const colsRaw = str(args, 'columns')
    const columns =
      colsRaw === undefined
        ? undefined
        : colsRaw
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
    const statuses = parseStatuses(str(args, 'status'))
    const ctx = openContext(args, { mustExist: true })
    try {
      const r = await exportRosterToFile(ctx, out, { query: statuses ? { statuses } : {}, columns, layout })
      if (args.options.json) printJson({ file: out, layout, rows: r.rows, groups: r.groups })
      else process.stdout.write(`已导出 ${r.rows} 人${r.groups ? `（${r.groups} 个单位）` : ''}：${out}\n`)
    } finally {
      ctx.db.close()
    }
  },
}

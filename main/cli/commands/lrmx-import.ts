/** `lrmx-import FILE --db P [--dry-run] [--json]`: one .lrmx or a zip of many (CLI.md). */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { CliError, openContext, printJson, type CliCommand } from '../args'
import { applyLrmx, previewLrmx, type LrmxReport } from '../../lrmx/import'
import { isZip, MAX_ZIP_BYTES, readUpload } from '../../lrmx/upload'
import { parseLrmxBytes } from '../../lrmx/parse'

function summary(r: LrmxReport): string {
  const lines = [
    `${r.applied ? '已导入' : '预览（未写入）'} ${r.file}：共 ${r.files} 个文件，新建 ${r.created}，更新 ${r.updated}，无变化 ${r.unchanged}，拒绝 ${r.rejected}`,
  ]
  for (const i of r.items) {
    const who = i.name ? `${i.name}（${i.idCard}）` : ''
    if (i.action === 'rejected') lines.push(`  拒绝 ${i.file}${who ? ' ' + who : ''}：${i.message}`)
    else if (i.action === 'create') lines.push(`  新建 ${who}`)
    else if (i.action === 'update') lines.push(`  更新 ${who}：${i.changes.map((c) => c.label).join('、')}`)
    for (const w of i.warnings) lines.push(`    提示：${w}`)
  }
  return lines.join('\n') + '\n'
}

export const lrmxImportCommand: CliCommand = {
  name: 'lrmx-import',
  usage: 'lrmx-import FILE --db P [--dry-run] [--json]',
  summary: '导入任免审批表文件（.lrmx，或含多个 .lrmx 的 zip），按身份证号匹配',
  options: { db: 'value', json: 'flag', 'dry-run': 'flag', at: 'value' },
  async run(args) {
    const file = args.positional[0]
    if (!file) throw new CliError('缺少要导入的文件', 'missing FILE')
    const path = resolve(file)
    if (!existsSync(path) || !statSync(path).isFile())
      throw new CliError(`文件不存在：${path}`, `file not found: ${path}`)
    if (statSync(path).size > MAX_ZIP_BYTES) {
      throw new CliError(
        `文件过大（超过 ${MAX_ZIP_BYTES / 1024 / 1024} MB）：${path}`,
        `file too large: ${path}`,
      )
    }
    const bytes = new Uint8Array(readFileSync(path))
    // A file that cannot be taken at all is refused before the database is opened (or created).
    const entries = await readUpload(bytes, basename(path))
    if (entries.length === 1 && entries[0]?.bytes && !isZip(bytes))
      parseLrmxBytes(entries[0].bytes, basename(path))
    const ctx = openContext(args)
    try {
      const r = args.options['dry-run']
        ? await previewLrmx(ctx, bytes, basename(path))
        : await applyLrmx(ctx, bytes, basename(path))
      if (args.options['json']) printJson(r)
      else process.stdout.write(summary(r))
    } finally {
      ctx.db.close()
    }
  },
}

/** `lrmx-export --db P --id IDCARD --out FILE.lrmx` (CLI.md). */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { openContext, printJson, requireStr, type CliCommand } from '../args'
import { cadreIdByIdCard } from '../../form/service'
import { exportLrmx } from '../../lrmx/export'

export const lrmxExportCommand: CliCommand = {
  name: 'lrmx-export',
  usage: 'lrmx-export --db P --id IDCARD --out FILE.lrmx [--json]',
  summary: '导出任免审批表文件（LRMX，全国干部任免审批表软件可打开）',
  options: { db: 'value', id: 'value', out: 'value', json: 'flag', at: 'value' },
  run(args) {
    const out = resolve(requireStr(args, 'out'))
    const ctx = openContext(args, { mustExist: true })
    try {
      const r = exportLrmx(ctx, cadreIdByIdCard(ctx, requireStr(args, 'id')))
      writeFileSync(out, r.bytes)
      if (args.options['json']) printJson({ file: out, bytes: r.bytes.length })
      else process.stdout.write(`已导出：${out}\n`)
    } finally {
      ctx.db.close()
    }
  },
}

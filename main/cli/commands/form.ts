/** `form --db P --id IDCARD --out FILE.pdf [--at DATE]`: the 干部任免审批表 as PDF (CLI.md). */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CliError, openContext, printJson, requireStr, type CliCommand } from '../args'
import { cadreIdByIdCard, formPdf } from '../../form/service'

export const formCommand: CliCommand = {
  name: 'form',
  usage: 'form --db P --id IDCARD --out FILE.pdf [--at DATE] [--json]',
  summary: '打印干部任免审批表（PDF，A4 两页）',
  options: { db: 'value', id: 'value', out: 'value', at: 'value', json: 'flag' },
  async run(args) {
    const out = resolve(requireStr(args, 'out'))
    if (!/\.pdf$/i.test(out)) throw new CliError(`--out 应为 .pdf 文件：${out}`, `--out must be a .pdf file`)
    const ctx = openContext(args, { mustExist: true })
    try {
      const ids = requireStr(args, 'id')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      const cadreIds = ids.map((id) => cadreIdByIdCard(ctx, id))
      const pdf = await formPdf(ctx, cadreIds)
      writeFileSync(out, pdf.bytes)
      if (args.options['json'])
        printJson({ file: out, forms: cadreIds.length, pages: cadreIds.length * 2, bytes: pdf.bytes.length })
      else process.stdout.write(`已生成干部任免审批表：${out}（${cadreIds.length} 人）\n`)
    } finally {
      ctx.db.close()
    }
  },
}

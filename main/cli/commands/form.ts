/**
 * `form --db P --id IDCARD --out FILE.pdf|.docx [--at DATE]`: one cadre's 干部任免审批表;
 * `form --db P --ids ID1,ID2,... --out FILE.pdf|.docx|.zip`: a set in exactly that order (CLI.md).
 * The name of --out decides the format: .pdf (Chromium), .docx (Word), .zip (one file per cadre,
 * named by --template, each --zip-format pdf or docx).
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CliError, openContext, printJson, str, type CliCommand } from '../args'
import { cadreIdByIdCard, formDocx, formPdf } from '../../form/service'
import { buildFormSet, resolveSetEntries, setProblemsMessage } from '../../form/set'

export const formCommand: CliCommand = {
  name: 'form',
  usage:
    'form --db P (--id IDCARD | --ids ID1,ID2,...) --out FILE.pdf|.docx|.zip [--template 序号_姓名_单位] [--zip-format pdf|docx] [--at DATE] [--json]',
  summary: '打印干部任免审批表（PDF / Word，A4 两页；--ids 按给定顺序成套输出，.zip 为每人一个文件）',
  options: {
    db: 'value',
    id: 'value',
    ids: 'value',
    out: 'value',
    at: 'value',
    template: 'value',
    'zip-format': 'value',
    json: 'flag',
  },
  async run(args) {
    const outRaw = str(args, 'out')
    if (!outRaw) throw new CliError('缺少参数 --out（.pdf、.docx 或 .zip 文件）', 'missing --out')
    const out = resolve(outRaw)
    const ext = /\.(pdf|docx|zip)$/i.exec(out)?.[1]?.toLowerCase()
    if (!ext)
      throw new CliError(
        `--out 应为 .pdf、.docx 或 .zip 文件：${out}`,
        '--out must end in .pdf, .docx or .zip',
      )
    const one = str(args, 'id')
    const many = str(args, 'ids')
    if (!one && !many) throw new CliError('缺少参数 --id 或 --ids', 'missing --id or --ids')
    if (one && many) throw new CliError('--id 与 --ids 只能给一个', 'give either --id or --ids')
    const zipFormat = str(args, 'zip-format') ?? 'pdf'
    if (zipFormat !== 'pdf' && zipFormat !== 'docx')
      throw new CliError(`--zip-format 应为 pdf 或 docx：${zipFormat}`, '--zip-format must be pdf or docx')
    const ctx = openContext(args, { mustExist: true })
    try {
      let cadreIds: number[]
      if (many) {
        const r = resolveSetEntries(ctx, many.split(/[,，、\s]+/).filter(Boolean))
        if (!r.ok)
          throw new CliError(setProblemsMessage(r), 'the list names someone twice, unknown or ambiguous')
        cadreIds = r.ids
      } else {
        if (ext === 'zip') throw new CliError('--out 为 .zip 时请用 --ids 给出名单', '.zip needs --ids')
        cadreIds = (one ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((id) => cadreIdByIdCard(ctx, id))
      }
      let bytes: Uint8Array
      let notes: string[] = []
      if (ext === 'zip') {
        const set = await buildFormSet(ctx, cadreIds, {
          output: 'zip',
          zipFormat,
          ...(str(args, 'template') ? { template: str(args, 'template') } : {}),
        })
        bytes = set.bytes
        notes = set.notes
      } else if (ext === 'docx') bytes = (await formDocx(ctx, cadreIds)).bytes
      else bytes = (await formPdf(ctx, cadreIds)).bytes
      writeFileSync(out, bytes)
      if (args.options['json'])
        printJson({
          file: out,
          forms: cadreIds.length,
          pages: cadreIds.length * 2,
          bytes: bytes.length,
          notes,
        })
      else {
        for (const n of notes) process.stdout.write(`${n}\n`)
        process.stdout.write(`已生成干部任免审批表：${out}（${cadreIds.length} 人）\n`)
      }
    } finally {
      ctx.db.close()
    }
  },
}

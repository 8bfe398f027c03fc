/**
 * `compare --db P --file F [--apply all|KEYS] [--report OUT.xlsx] [--json]` (issue 14, 比对回写):
 * F is a roster (.xlsx / .xls), one .lrmx, a zip of them, or a folder of .lrmx files. Without
 * --apply it lists, per cadre matched by ID number, the fields that differ (old → new) and the
 * rows or files it could not match; with --apply it writes the named fields (keys such as
 * `phone,position` or their Chinese labels, or `all`) for every matched cadre in one transaction.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import JSZip from 'jszip'
import { CliError, openContext, printJson, requireStr, str, type CliCommand } from '../args'
import {
  applyCompare,
  compareFile,
  compareLabel,
  COMPARE_KEYS,
  type CompareKey,
  type CompareResult,
  type CompareUpload,
} from '../../compare'
import { compareReportXlsx } from '../../compare/report'
import { MAX_ZIP_BYTES } from '../../lrmx/upload'

async function uploadOf(path: string): Promise<CompareUpload> {
  if (!existsSync(path)) throw new CliError(`文件不存在：${path}`, `file not found: ${path}`)
  if (statSync(path).isDirectory()) {
    const names = readdirSync(path)
      .filter((n) => /\.lrmx$/i.test(n))
      .sort()
    if (names.length === 0)
      throw new CliError(`文件夹中没有 .lrmx 文件：${path}`, `no .lrmx files in folder ${path}`)
    const zip = new JSZip()
    for (const n of names) zip.file(n, readFileSync(join(path, n)))
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' })
    return { fileName: `${basename(path)}.zip`, bytes }
  }
  if (statSync(path).size > MAX_ZIP_BYTES)
    throw new CliError(
      `文件过大（超过 ${MAX_ZIP_BYTES / 1024 / 1024} MB）：${path}`,
      `file too large: ${path}`,
    )
  return { fileName: basename(path), bytes: new Uint8Array(readFileSync(path)) }
}

/** `all`, or keys / Chinese labels separated by commas. */
function keysOf(spec: string): CompareKey[] {
  if (spec === 'all') return [...COMPARE_KEYS]
  const out: CompareKey[] = []
  for (const raw of spec
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const k = COMPARE_KEYS.find((x) => x === raw || compareLabel(x) === raw)
    if (!k)
      throw new CliError(
        `--apply 中的“${raw}”不是可回写的项目（可用：all 或 ${COMPARE_KEYS.join(',')}）`,
        `--apply: unknown field ${raw}`,
      )
    out.push(k)
  }
  if (out.length === 0) throw new CliError('--apply 没有给出项目', '--apply names no field')
  return out
}

function text(r: CompareResult): string {
  const lines = [
    `比对 ${r.file}：共 ${r.people} 人，有差异 ${r.cadres.length} 人，一致 ${r.same} 人，未匹配 ${r.unmatched.length} 条`,
  ]
  for (const c of r.cadres) {
    lines.push(`  ${c.name}（${c.idCard}，${c.where}）`)
    for (const f of c.fields) {
      const one = (s: string | null): string => (s ?? '（空）').replace(/\n/g, ' ⏎ ')
      lines.push(
        `    ${f.label}（${f.key}）：${one(f.before)} → ${one(f.after)}${f.writable ? '' : `（不能回写：${f.note ?? ''}）`}`,
      )
    }
  }
  for (const u of r.unmatched)
    lines.push(
      `  未匹配 ${u.where}${u.name ? ` ${u.name}` : ''}${u.idCard ? `（${u.idCard}）` : ''}：${u.message}`,
    )
  return lines.join('\n') + '\n'
}

export const compareCommand: CliCommand = {
  name: 'compare',
  usage: 'compare --db P --file F [--apply all|KEY,KEY…] [--report OUT.xlsx] [--json]',
  summary: '比对花名册或任免审批表文件（.xlsx/.lrmx/.zip/文件夹）与数据库，列出差异；--apply 回写所选项目',
  options: { db: 'value', file: 'value', apply: 'value', report: 'value', json: 'flag', at: 'value' },
  async run(args) {
    const up = await uploadOf(resolve(requireStr(args, 'file')))
    const applySpec = str(args, 'apply')
    const keys = applySpec !== undefined ? keysOf(applySpec) : null
    const reportOut = str(args, 'report')
    if (reportOut && !keys) throw new CliError('--report 只能与 --apply 一起使用', '--report needs --apply')
    const ctx = openContext(args, { mustExist: true })
    try {
      const result = await compareFile(ctx, up)
      if (!keys) {
        if (args.options['json']) printJson(result)
        else process.stdout.write(text(result))
        return 0
      }
      const selection = result.cadres
        .map((c) => ({
          idCard: c.idCard,
          keys: c.fields.filter((f) => keys.includes(f.key)).map((f) => f.key),
        }))
        .filter((s) => s.keys.length > 0)
      const report = await applyCompare(ctx, up, selection)
      if (reportOut) writeFileSync(resolve(reportOut), await compareReportXlsx(report))
      if (args.options['json']) printJson(report)
      else {
        const lines = [`已回写 ${report.file}：${report.cadres} 名干部共 ${report.changes.length} 项`]
        for (const c of report.changes)
          lines.push(
            `  ${c.name}（${c.idCard}）${c.label}：${(c.before ?? '（空）').replace(/\n/g, ' ⏎ ')} → ${c.after.replace(/\n/g, ' ⏎ ')}`,
          )
        for (const s of report.skipped)
          lines.push(`  未写入 ${s.name}（${s.idCard}）${s.label}：${s.message}`)
        for (const u of report.unmatched)
          lines.push(`  未匹配 ${u.where}${u.idCard ? `（${u.idCard}）` : ''}：${u.message}`)
        if (reportOut) lines.push(`报告：${resolve(reportOut)}`)
        process.stdout.write(lines.join('\n') + '\n')
      }
      return 0
    } finally {
      ctx.db.close()
    }
  },
}

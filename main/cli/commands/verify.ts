import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { keyFromEnv } from '../../db/open'
import { verifyDatabaseFile } from '../../services/backup'
import { CliError, printJson, requireStr, type CliCommand } from '../args'

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'verify --db P [--json]',
  summary:
    '检查数据库的完整性、外键与审计记录的校验链（只读）：完好时退出码 0，有损坏或审计记录被改动、缺失时列出问题并以 1 退出，不是数据库、密钥不对时以 2 退出',
  options: { db: 'value', json: 'flag' },
  run(args) {
    const path = resolve(requireStr(args, 'db'))
    if (!existsSync(path)) throw new CliError(`数据库文件不存在：${path}`, `database not found: ${path}`)
    const r = verifyDatabaseFile(path, keyFromEnv())
    if (args.options['json']) printJson({ file: path, ok: r.ok, problems: r.problems })
    else if (r.ok) process.stdout.write(`数据库完好，审计记录校验链完整：${path}\n`)
    else process.stdout.write([`数据库有问题：${path}`, ...r.problems.map((p) => `  ${p}`)].join('\n') + '\n')
    return r.ok ? 0 : 1
  },
}

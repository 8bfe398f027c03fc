import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { keyFromEnv } from '../../db/open'
import { AppError } from '../../domain/errors'
import { restoreBackup, restoreOverDamaged } from '../../services/backup'
import { CliError, openContext, printJson, requireStr, type CliCommand } from '../args'

/** The errors of a database that cannot be opened as it is; a restore puts a backup in its place. */
const UNOPENABLE = new Set(['db-damaged', 'db-corrupt'])

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore --db P --from FILE [--json]',
  summary:
    '从备份文件恢复数据库（先检查备份；恢复前的数据另存为安全副本，审计记录保留并记下这次恢复）；数据库已损坏时，损坏的文件改名保留，备份成为新的数据库文件',
  options: { db: 'value', from: 'value', json: 'flag', at: 'value' },
  async run(args) {
    const from = resolve(requireStr(args, 'from'))
    if (!existsSync(from)) throw new CliError(`备份文件不存在：${from}`, `backup not found: ${from}`)
    const dbPath = resolve(requireStr(args, 'db'))
    let ctx
    try {
      ctx = openContext(args, { mustExist: true })
    } catch (e) {
      if (!(e instanceof AppError) || !UNOPENABLE.has(e.code)) throw e
      const r = restoreOverDamaged(dbPath, from, keyFromEnv(), new Date().toISOString())
      const after = openContext(args, { mustExist: true })
      try {
        const { recordAudit } = await import('../../services/audit')
        recordAudit(after, {
          action: 'restore',
          entity: 'database',
          summary: `数据库已损坏，从备份“${from}”恢复；损坏的文件改名保留为“${r.damagedKeptAs}”（其中的审计记录无法读取，未能并入）`,
          after: { restoredFrom: from, damagedKeptAs: r.damagedKeptAs },
        })
      } finally {
        after.db.close()
      }
      if (args.options['json']) printJson({ restoredFrom: from, damagedKeptAs: r.damagedKeptAs })
      else process.stdout.write(`已从“${from}”恢复；损坏的数据库改名保留为“${r.damagedKeptAs}”\n`)
      return 0
    }
    try {
      const r = await restoreBackup(ctx, from, { anyPath: true })
      if (args.options['json']) printJson(r)
      else process.stdout.write(`已从“${from}”恢复；恢复前的数据另存为“${r.safetyCopy}”（${ctx.backupDir}）\n`)
      return 0
    } finally {
      ctx.db.close()
    }
  },
}

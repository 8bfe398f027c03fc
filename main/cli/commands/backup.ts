import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { backupTo, createBackup } from '../../services/backup'
import { CliError, openContext, printJson, str, type CliCommand } from '../args'

/** An existing target is overwritten only when it is itself an SQLite file (an older backup). */
function isSqlite(path: string): boolean {
  if (statSync(path).size === 0) return true
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(16)
    readSync(fd, buf, 0, 16, 0)
    return buf.toString('latin1') === 'SQLite format 3\u0000'
  } finally {
    closeSync(fd)
  }
}

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup --db P [--out FILE] [--json]',
  summary:
    '在线备份数据库（SQLite 备份接口，运行中也一致）；无 --out 时存入数据库旁的 backups 文件夹，保留最近 10 份',
  options: { db: 'value', out: 'value', json: 'flag' },
  async run(args) {
    const out = str(args, 'out')
    if (out && !existsSync(dirname(resolve(out)))) {
      throw new CliError(
        `备份目标文件夹不存在：${dirname(resolve(out))}`,
        `folder not found: ${dirname(resolve(out))}`,
      )
    }
    const ctx = openContext(args, { mustExist: true })
    try {
      let path: string
      if (out) {
        path = resolve(out)
        if (path === resolve(ctx.dbPath))
          throw new CliError('备份文件不能与数据库是同一个文件', 'backup target is the database itself')
        if (existsSync(path) && !isSqlite(path)) {
          throw new CliError(
            `“${path}”已存在且不是数据库备份，未覆盖`,
            `${path} exists and is not a database backup; not overwritten`,
          )
        }
        await backupTo(ctx.db, path)
      } else path = (await createBackup(ctx)).path
      const size = statSync(path).size
      if (args.options['json']) printJson({ file: path, size })
      else process.stdout.write(`已备份到 ${path}（${(size / 1024 / 1024).toFixed(1)} MB）\n`)
      return 0
    } finally {
      ctx.db.close()
    }
  },
}

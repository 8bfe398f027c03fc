import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { databaseId, keyFromEnv, openDatabase } from '../../db/open'
import { encryptDatabaseInPlace } from '../../db/encrypt'
import { CliError, cliActorName, printJson, requireStr, type CliCommand } from '../args'

export const encryptCommand: CliCommand = {
  name: 'encrypt',
  usage: 'encrypt --db P [--json]   （密钥取自环境变量 CADRE_DB_KEY）',
  summary:
    '把未加密的数据库就地加密（经 SQLite 复制、加密、核对后替换原文件，从不先删除），它的备份与安全副本一并加密',
  options: { db: 'value', json: 'flag' },
  run(args) {
    const path = resolve(requireStr(args, 'db'))
    if (!existsSync(path)) throw new CliError(`数据库文件不存在：${path}`, `database not found: ${path}`)
    const key = keyFromEnv()
    if (!key) throw new CliError('需要密钥：请先设置环境变量 CADRE_DB_KEY（请妥善保管，丢失后无法打开数据库）', 'a key is needed: set CADRE_DB_KEY')
    const probe = openDatabase(path, { readonly: true, key })
    const id = databaseId(probe)
    probe.close()
    const r = encryptDatabaseInPlace(path, key, id ? join(dirname(path), 'backups', id) : null, {
      actor: cliActorName(),
      at: new Date().toISOString(),
      via: '命令行',
    })
    if (args.options['json']) printJson(r)
    else process.stdout.write(`已加密：${r.database}（另加密备份与安全副本 ${r.copies.length} 份）\n`)
    return 0
  },
}

import { listCadresForCli } from '../../services/exchange'
import { openContext, printJson, type CliCommand } from '../args'

export const listCommand: CliCommand = {
  name: 'list',
  usage: 'list --db P [--json]',
  summary: '列出全部干部（--json：{"cadres":[...]}，每人含全部规范字段）',
  options: { db: 'value', json: 'flag', at: 'value' },
  run(args) {
    const ctx = openContext(args, { mustExist: true })
    try {
      const cadres = listCadresForCli(ctx)
      if (args.options['json']) {
        printJson({ cadres })
        return 0
      }
      const lines = cadres.map((c) =>
        [c.name, c.gender, c.birthDate?.replace('-', '.'), c.idCard, c.unit, c.position, c.status]
          .map((v) => v ?? '')
          .join('\t'),
      )
      process.stdout.write(
        ['姓名\t性别\t出生年月\t身份证号\t工作单位\t现任职务\t状态', ...lines, `共 ${cadres.length} 人`].join(
          '\n',
        ) + '\n',
      )
      return 0
    } finally {
      ctx.db.close()
    }
  },
}

/**
 * The command line (shared/CLI.md): a second door to the same services the app uses.
 *   npm run -s cli -- <command> [options]
 * Exit 0 when the command did its job; 2 for bad input with one line on stderr (Chinese and English).
 * Each command lives in ./commands/<name>.ts and is listed in COMMANDS.
 */
import { AppError, sqliteErrorToApp } from '../domain/errors'
import { CliError, parseArgs } from './parse'
import { COMMANDS } from './commands'

// Light on purpose: `--help` needs only the command list. A command, the database driver, the
// services and the accounts are imported when a command runs (tests/cli/cli-lazy.test.ts).

/** The order of shared/CLI.md's table; commands not named there follow. */
const ORDER = [
  'demo',
  'import',
  'list',
  'export',
  'dump',
  'load',
  'eligibility',
  'form',
  'lrmx-export',
  'lrmx-import',
  'backup',
  'verify',
  'restore',
  'encrypt',
]

function usage(): string {
  const lines = ['干部管理系统命令行 / cadre manager CLI', '', '用法: npm run -s cli -- <命令> [选项]', '']
  const rank = (n: string): number => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length)
  for (const c of [...COMMANDS].sort((a, b) => rank(a.name) - rank(b.name))) {
    lines.push(`  ${c.usage}`, `      ${c.summary}`)
  }
  lines.push('', '选项 --json 只在标准输出打印一个 JSON 文档；--at YYYY-MM-DD 固定“今天”；--user 账号 以该账号操作（审计记录的操作人，缺省为“系统”）。', '加密的数据库：密钥由环境变量 CADRE_DB_KEY 给出；设置了它时新建的数据库也加密。')
  return lines.join('\n')
}

/** Takes the global `--user NAME` off the arguments. */
function takeUser(argv: string[]): { argv: string[]; user: string | undefined } {
  const out: string[] = []
  let user: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '--user') user = argv[++i]
    else if (a.startsWith('--user=')) user = a.slice(7)
    else out.push(a)
  }
  if (user !== undefined && !user.trim()) throw new CliError('选项 --user 缺少账号名', 'option --user needs an account name')
  return { argv: out, user: user?.trim() }
}

/** Who acts: `--user NAME` must be an active account of the database once it has accounts; the
 *  log shows its name. Loaded with the command (the accounts need the database). */
async function setActor(user: string | undefined): Promise<void> {
  const [{ setCliActor, setCliActorCheck }, { actorName, countAccounts, findByLogin }] = await Promise.all([
    import('./args'),
    import('../auth/accounts'),
  ])
  setCliActor(user)
  setCliActorCheck((ctx, name) => {
    if (countAccounts(ctx) === 0) return
    const a = findByLogin(ctx, name)
    if (!a || a.disabled) throw new CliError(`账号“${name}”不存在或已停用`, `no active account ${name}`)
    ctx.actor = actorName(a)
  })
}

export async function runCli(argvIn: string[]): Promise<number> {
  // Files the CLI writes (database, backups, exports, PDFs) are the owner's only.
  if (process.platform !== 'win32') process.umask(0o077)
  let argv: string[]
  let user: string | undefined
  try {
    ;({ argv, user } = takeUser(argvIn))
  } catch (e) {
    process.stderr.write(`错误：${(e as CliError).message} / Error: ${(e as CliError).messageEn}\n`)
    return 2
  }
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n')
    return 0
  }
  const entry = COMMANDS.find((c) => c.name === name)
  try {
    if (!entry) throw new CliError(`未知命令“${name}”，用 --help 查看全部命令`, `unknown command ${name}`)
    if (rest.includes('--help')) {
      process.stdout.write(`${entry.usage}\n  ${entry.summary}\n`)
      return 0
    }
    const [cmd] = await Promise.all([entry.load(), setActor(user)])
    const args = parseArgs(rest, cmd.options)
    return (await cmd.run(args)) ?? 0
  } catch (e) {
    if (e instanceof CliError || e instanceof AppError) {
      const en = e instanceof CliError ? e.messageEn : e.messageEn
      process.stderr.write(`错误：${e.message}${en ? ` / Error: ${en}` : ''}\n`)
      return 2
    }
    const sq = sqliteErrorToApp(e)
    if (sq) {
      process.stderr.write(`错误：${sq.message} / Error: ${sq.messageEn ?? ''}\n`)
      return 2
    }
    process.stderr.write(`内部错误 / internal error: ${(e as Error).message ?? String(e)}\n`)
    return 1
  }
}

// Run when executed directly (tsx main/cli/index.ts ..., or the built `node out/main/cli.js ...`),
// not when imported by tests.
const invoked = process.argv[1] ?? ''
if (/main[\\/]cli[\\/]index\.ts$/.test(invoked) || /out[\\/]main[\\/]cli\.js$/.test(invoked)) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (e: unknown) => {
      process.stderr.write(String(e) + '\n')
      process.exitCode = 1
    },
  )
}

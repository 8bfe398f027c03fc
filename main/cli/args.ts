/** Minimal, strict option parsing: unknown options are bad input (exit 2). */
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { isDay } from '../domain/dates'
import { keyFromEnv, openDatabase } from '../db/open'
import { createContext, type AppContext } from '../services/context'

export { CliError, parseArgs, type CliCommand, type OptionSpec, type ParsedArgs } from './parse'
import { CliError, type ParsedArgs } from './parse'

export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.options[name]
  return typeof v === 'string' ? v : undefined
}

export function requireStr(args: ParsedArgs, name: string): string {
  const v = str(args, name)
  if (!v) throw new CliError(`缺少选项 --${name}`, `missing option --${name}`)
  return v
}

export function atOption(args: ParsedArgs): string | undefined {
  const at = str(args, 'at')
  if (at !== undefined && !isDay(at)) throw new CliError(`--at 应为 YYYY-MM-DD，收到“${at}”`, `--at must be YYYY-MM-DD`)
  return at
}

/**
 * Who acts on the command line (`--user NAME`, taken off the arguments before a command parses
 * them): the audit log's 操作人. Without it, '系统' (scheduled jobs).
 */
let cliActor = '系统'
let actorCheck: ((ctx: AppContext, user: string) => void) | null = null

export function setCliActor(user: string | undefined): void {
  cliActor = user ?? '系统'
}

/** The --user name as given (or 系统), for commands that write without opening a context. */
export function cliActorName(): string {
  return cliActor
}

/** Accounts (main/auth) check that a named --user is an active account of the database. */
export function setCliActorCheck(fn: (ctx: AppContext, user: string) => void): void {
  actorCheck = fn
}

/** Opens (creating and migrating when missing) the database named by --db, with CADRE_DB_KEY. */
export function openContext(args: ParsedArgs, opts: { mustExist?: boolean } = {}): AppContext {
  const dbPath = resolve(requireStr(args, 'db'))
  if (opts.mustExist && !existsSync(dbPath)) {
    throw new CliError(`数据库文件不存在：${dbPath}`, `database not found: ${dbPath}`)
  }
  if (!existsSync(dirname(dbPath))) {
    throw new CliError(`数据库所在文件夹不存在：${dirname(dbPath)}`, `folder not found: ${dirname(dbPath)}`)
  }
  const key = keyFromEnv()
  const db = openDatabase(dbPath, { key })
  const ctx = createContext({ db, dbPath, dataDir: dirname(dbPath), actor: cliActor, host: 'cli', at: atOption(args), key })
  if (cliActor !== '系统' && actorCheck) {
    try {
      actorCheck(ctx, cliActor)
    } catch (e) {
      db.close()
      throw e
    }
  }
  return ctx
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}

/**
 * printJson of `{ ...head, [key]: items }` written while the items are made, byte for byte what
 * printJson would print: a long list (eligibility at 100,000 cadres, some 200 MB of JSON) never
 * stands in memory as one document or one string. Waits for stdout to take each megabyte.
 */
export async function printJsonList(head: Record<string, unknown>, key: string, items: Iterable<unknown>): Promise<void> {
  const write = (s: string): Promise<void> =>
    new Promise((resolve) => {
      if (process.stdout.write(s)) resolve()
      else process.stdout.once('drain', resolve)
    })
  const empty = JSON.stringify({ ...head, [key]: [] }, null, 2)
  let out = empty.slice(0, empty.lastIndexOf('[]'))
  let first = true
  for (const item of items) {
    // An item sits two levels deep: every line of it indented by four more spaces (JSON strings
    // carry no raw line breaks, so only the layout's own are touched).
    out += (first ? '[\n    ' : ',\n    ') + JSON.stringify(item, null, 2).replace(/\n/g, '\n    ')
    first = false
    if (out.length >= 1 << 20) {
      await write(out)
      out = ''
    }
  }
  await write(out + (first ? '[]' : '\n  ]') + '\n}\n')
}

/**
 * npm run web -- --db PATH [--port N] [--no-build]
 * npm run web -- --data-dir DIR [--port N]      (a first run from an empty folder, as the desktop app)
 * Serves the built renderer and the same handlers on 127.0.0.1. The first line on stdout is the
 * URL (with the per-run secret); everything else goes to stderr.
 */
import { dirname, join, resolve } from 'node:path'
import { keyFromEnv } from '../db/open'
import { AppError } from '../domain/errors'
import { ensureRendererBuilt, ROOT } from './cli-build'
import { startWebHost } from './server'
import { Workspace } from '../workspace/workspace'
import { bootWorkers } from '../worker/client'

const OUT = join(ROOT, 'out', 'renderer')

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function main(): Promise<void> {
  const db = arg('db')
  const dataDir = arg('data-dir')
  if (!db && !dataDir) {
    process.stderr.write(
      '用法：npm run web -- --db 数据库文件 [--port 端口]（或 --data-dir 数据文件夹）\nusage: npm run web -- --db PATH [--port N] (or --data-dir DIR)\n',
    )
    process.exit(2)
  }
  const port = Number(arg('port') ?? '0')
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`错误：端口无效“${arg('port')}” / Error: invalid port\n`)
    process.exit(2)
  }
  if (!process.argv.includes('--no-build')) ensureRendererBuilt()
  let app: Workspace
  try {
    // The workspace: the real database and the separate demo one beside it, switched from the UI.
    const folder = db ? dirname(resolve(db)) : resolve(dataDir ?? '.')
    app = await Workspace.open({
      host: 'web',
      actor: process.env.USER ?? 'user',
      configDir: folder,
      dbPath: db ? resolve(db) : undefined,
      defaultDataDir: folder,
      realDbKey: () => ({ key: keyFromEnv() }),
      // The database and the handlers in worker threads; this thread only serves HTTP.
      boot: bootWorkers,
    })
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(`错误：${e.message}${e.messageEn ? ` / Error: ${e.messageEn}` : ''}\n`)
    } else {
      process.stderr.write(
        `错误：无法打开数据库：${(e as Error).message} / Error: cannot open the database\n`,
      )
    }
    process.exit(2)
  }
  const host = await startWebHost({
    dispatch: app.dispatch,
    subscribe: (l) => app.subscribe(l),
    rendererDir: OUT,
    port,
  })
  process.stdout.write(host.url + '\n')
  process.stderr.write(`干部管理系统已在 ${host.url} 启动，数据文件：${app.realDbPath()}（Ctrl+C 退出）\n`)
  const stop = (): void => {
    void host
      .close()
      .then(() => app.close())
      .then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()

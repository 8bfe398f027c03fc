/**
 * npm run web -- --db PATH [--port N] [--no-build]
 * Serves the built renderer and the same handlers on 127.0.0.1. The first line on stdout is the
 * URL (with the per-run secret); everything else goes to stderr.
 */
import { join, resolve } from 'node:path'
import { bootApp } from '../bootstrap'
import { keyFromEnv } from '../db/open'
import { AppError } from '../domain/errors'
import { ensureRendererBuilt, ROOT } from './cli-build'
import { startWebHost } from './server'

const OUT = join(ROOT, 'out', 'renderer')

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function main(): Promise<void> {
  const db = arg('db')
  if (!db) {
    process.stderr.write('用法：npm run web -- --db 数据库文件 [--port 端口]\nusage: npm run web -- --db PATH [--port N]\n')
    process.exit(2)
  }
  const port = Number(arg('port') ?? '0')
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`错误：端口无效“${arg('port')}” / Error: invalid port\n`)
    process.exit(2)
  }
  if (!process.argv.includes('--no-build')) ensureRendererBuilt()
  let app
  try {
    app = bootApp({ dbPath: resolve(db), host: 'web', actor: process.env.USER ?? 'user', key: keyFromEnv() })
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(`错误：${e.message}${e.messageEn ? ` / Error: ${e.messageEn}` : ''}\n`)
      process.exit(2)
    }
    throw e
  }
  const host = await startWebHost({ dispatch: app.dispatch, rendererDir: OUT, port })
  process.stdout.write(host.url + '\n')
  process.stderr.write(`干部管理系统已在 ${host.url} 启动，数据文件：${app.ctx.dbPath}（Ctrl+C 退出）\n`)
  const stop = (): void => {
    void host.close().then(() => {
      app.close()
      process.exit(0)
    })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()

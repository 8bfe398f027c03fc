import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { resolve } from 'node:path'
import { exchangeChunks } from '../../services/exchange'
import { openContext, str, type CliCommand } from '../args'

/** Streams to stdout with back-pressure; stops quietly when the reader goes away (`dump | head`). */
async function toStdout(chunks: Iterable<string>): Promise<void> {
  let closed = false
  const onError = (e: NodeJS.ErrnoException): void => {
    if (e.code === 'EPIPE') closed = true
    else throw e
  }
  process.stdout.on('error', onError)
  try {
    for (const c of chunks) {
      if (closed) return
      if (!process.stdout.write(c)) {
        await new Promise<void>((r) => {
          const done = (): void => {
            process.stdout.off('drain', done)
            process.stdout.off('error', done)
            r()
          }
          process.stdout.on('drain', done)
          process.stdout.on('error', done)
        })
      }
    }
  } finally {
    process.stdout.off('error', onError)
  }
}

export const dumpCommand: CliCommand = {
  name: 'dump',
  usage: 'dump --db P [--out FILE]',
  summary: '导出交换文件（全部单位、干部及其记录的 JSON；无 --out 时写到标准输出）',
  options: { db: 'value', out: 'value' },
  async run(args) {
    const ctx = openContext(args, { mustExist: true })
    try {
      const out = str(args, 'out')
      if (!out) {
        await toStdout(exchangeChunks(ctx))
        return 0
      }
      const path = resolve(out)
      const tmp = `${path}.part-${process.pid}`
      const fd = openSync(tmp, 'w')
      try {
        for (const c of exchangeChunks(ctx)) writeSync(fd, c)
        closeSync(fd)
        renameSync(tmp, path)
      } catch (e) {
        try {
          closeSync(fd)
        } catch {
          // already closed
        }
        rmSync(tmp, { force: true })
        throw e
      }
      const n = (ctx.db.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n
      process.stderr.write(`已导出 ${n} 名干部到 ${path}\n`)
      return 0
    } finally {
      ctx.db.close()
    }
  },
}

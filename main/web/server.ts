/**
 * The browser host: the built renderer and the very same IPC handlers over HTTP, on 127.0.0.1
 * only, for machines without a display and for end-to-end tests.
 *
 * Every request must carry the per-run secret as the first path segment
 * (http://127.0.0.1:PORT/<secret>/...), so no other page or process that does not know it can
 * call the handlers. The Host header is checked too (DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { decodeWire, encodeWire } from '../ipc/codec'
import type { Dispatch } from '../ipc/registry'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
}

/** Uploads (rosters, LRMX zips) travel base64 in JSON: allow a 60 MB file. */
const MAX_BODY = 100 * 1024 * 1024

export interface WebHost {
  url: string
  port: number
  secret: string
  server: Server
  close(): Promise<void>
}

export interface WebHostOptions {
  dispatch: Dispatch
  /** Folder with the built renderer (out/renderer). */
  rendererDir: string
  port?: number
  secret?: string
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  })
  res.end(body)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('too-large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function secretMatches(given: string, secret: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const secret = opts.secret ?? randomBytes(18).toString('base64url')
  const root = normalize(opts.rendererDir)
  let port = 0

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, `服务器内部错误：${(e as Error).message}`)
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? ''
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, '拒绝访问')
    const url = new URL(req.url ?? '/', `http://${host}`)
    const parts = url.pathname.split('/')
    // ['', secret, ...rest]
    if (!secretMatches(parts[1] ?? '', secret)) return send(res, 404, '未找到')
    const rest = parts.slice(2).map(decodeURIComponent)
    if (rest[0] === 'api') {
      if (req.method !== 'POST' || rest.length !== 2) return send(res, 405, '只接受 POST')
      let arg: unknown
      try {
        const body = await readBody(req)
        arg = body ? decodeWire(body) : undefined
      } catch (e) {
        const tooLarge = (e as Error).message === 'too-large'
        return send(
          res,
          tooLarge ? 413 : 400,
          encodeWire({
            ok: false,
            error: { code: tooLarge ? 'too-large' : 'bad-request', message: tooLarge ? '文件过大，超过 60 MB' : '请求格式错误' },
          }),
          'application/json; charset=utf-8',
        )
      }
      const result = await opts.dispatch(rest[1] ?? '', arg === null ? undefined : arg)
      return send(res, 200, encodeWire(result), 'application/json; charset=utf-8')
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '不支持的请求')
    const rel = rest.join('/') || 'index.html'
    const file = normalize(join(root, rel))
    if (file !== root && !file.startsWith(root + sep)) return send(res, 404, '未找到')
    try {
      const st = await stat(file)
      if (!st.isFile()) return send(res, 404, '未找到')
      const body = await readFile(file)
      return send(res, 200, body, MIME[extname(file)] ?? 'application/octet-stream')
    } catch {
      return send(res, 404, '未找到')
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/${secret}/`,
    port,
    secret,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

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
import type { AppEvent } from '../ipc/contract/define'
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

/** Uploads (rosters, LRMX zips) travel base64 in JSON: a 100 MB body carries a file of about 75 MB. */
export const MAX_BODY = 100 * 1024 * 1024
const MAX_BODY_MB = MAX_BODY / 1024 / 1024

function tooLargeMessage(): string {
  return `请求内容超过上限 ${MAX_BODY_MB} MB，未处理（上传的文件经编码后约增大三分之一，文件本身应小于 ${Math.floor((MAX_BODY_MB * 3) / 4)} MB）`
}

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
  /** Change events and job progress, sent to every page as server-sent events (GET …/events). */
  subscribe?: (listener: (ev: AppEvent) => void) => () => void
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
): void {
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
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > MAX_BODY) {
      reject(new Error('too-large'))
      return
    }
    const onData = (c: Buffer): void => {
      size += c.length
      if (size > MAX_BODY) {
        // Stop keeping the body but let it drain, so the client reads the 413 instead of a reset.
        req.off('data', onData)
        chunks.length = 0
        reject(new Error('too-large'))
        req.resume()
        return
      }
      chunks.push(c)
    }
    req.on('data', onData)
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
    if (rest[0] === 'events' && rest.length === 1 && req.method === 'GET') return events(req, res)
    if (rest[0] === 'api') {
      if (req.method !== 'POST' || rest.length !== 2) return send(res, 405, '只接受 POST')
      // A page of another origin cannot call the handlers even if it learnt the secret.
      const origin = req.headers.origin
      if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
        req.resume()
        return send(
          res,
          403,
          encodeWire({ ok: false, error: { code: 'bad-origin', message: `拒绝来自其他网页（${origin}）的请求` } }),
          'application/json; charset=utf-8',
        )
      }
      let arg: unknown
      try {
        const body = await readBody(req)
        arg = body ? decodeWire(body) : undefined
      } catch (e) {
        const tooLarge = (e as Error).message === 'too-large'
        if (tooLarge) {
          req.resume()
          res.setHeader('connection', 'close')
        }
        return send(
          res,
          tooLarge ? 413 : 400,
          encodeWire({
            ok: false,
            error: { code: tooLarge ? 'too-large' : 'bad-request', message: tooLarge ? tooLargeMessage() : '请求格式错误' },
          }),
          'application/json; charset=utf-8',
        )
      }
      const job = req.headers['x-job']
      const result = await opts.dispatch(rest[1] ?? '', arg === null ? undefined : arg, {
        job: typeof job === 'string' && /^[\w-]{1,64}$/.test(job) ? job : undefined,
      })
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

  /** Server-sent events: one `data:` line of JSON per event; a comment every 20 s keeps it open. */
  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    res.write(': 已连接\n\n')
    const off = opts.subscribe?.((ev) => res.write(`data: ${JSON.stringify(ev)}\n\n`)) ?? (() => undefined)
    const keep = setInterval(() => res.write(': \n\n'), 20_000)
    req.on('close', () => {
      clearInterval(keep)
      off()
    })
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

/**
 * The renderer's door to the main-process services. In Electron the preload exposes `window.api`
 * (one function per channel); in the browser host the same calls go over HTTP to the same
 * handlers, with the per-run secret taken from the page's own URL path.
 * Types only come from main/: nothing of the main process runs here.
 */
import type { Api, ApiResult, ChannelName, Channels } from '../../main/ipc/contract'
import type { InputOf, OutputOf } from '../../main/ipc/contract/define'
import type { AppErrorData } from '../../main/domain/errors'
import { decodeWire, encodeWire } from '../../main/ipc/codec'

declare global {
  interface Window {
    api?: Api
  }
}

export class ApiError extends Error {
  readonly code: string
  readonly fields: Record<string, string> | undefined
  constructor(data: AppErrorData) {
    super(data.message)
    this.code = data.code
    this.fields = data.fields
  }
}

async function viaHttp(name: string, arg: unknown): Promise<ApiResult<unknown>> {
  // The page lives at /<secret>/index.html; the API at /<secret>/api/<channel>.
  const res = await fetch(`api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: encodeWire(arg ?? null),
  })
  const text = await res.text()
  if (!res.ok && !text.startsWith('{')) {
    return { ok: false, error: { code: 'http', message: `服务无响应（HTTP ${res.status}）` } }
  }
  return decodeWire(text) as ApiResult<unknown>
}

export const isDesktop = typeof window !== 'undefined' && !!window.api

/** Calls a channel; resolves with its value or throws an ApiError with a Chinese message. */
export async function call<K extends ChannelName>(name: K, arg: InputOf<Channels, K>): Promise<OutputOf<Channels, K>> {
  const res = window.api
    ? await (window.api[name] as (a: unknown) => Promise<ApiResult<unknown>>)(arg)
    : await viaHttp(name, arg)
  if (!res.ok) throw new ApiError(res.error)
  return res.value as OutputOf<Channels, K>
}

/** Saves bytes the main process produced (an export, a PDF) through the browser's download. */
export function downloadBytes(bytes: Uint8Array, fileName: string, mime = 'application/octet-stream'): void {
  const blob = new Blob([bytes as BlobPart], { type: mime })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Reads a user-chosen file into bytes for an import channel. */
export async function readFileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer())
}

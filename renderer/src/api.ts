/**
 * The renderer's door to the main-process services. In Electron the preload exposes `window.api`
 * (one function per channel); in the browser host the same calls go over HTTP to the same
 * handlers, with the per-run secret taken from the page's own URL path.
 * Types only come from main/: nothing of the main process runs here.
 */
import type { Api, ApiResult, ChannelName, Channels } from '../../main/ipc/contract'
import type { AppEvent, InputOf, OutputOf } from '../../main/ipc/contract/define'
import type { AppErrorData } from '../../main/domain/errors'
import { decodeWire, encodeWire } from '../../main/ipc/codec'

declare global {
  interface Window {
    api?: Api
    appEvents?: { subscribe(listener: (ev: AppEvent) => void): () => void }
  }
}

export type { AppEvent }

/** How a call is made: `job` names a long job whose progress events carry that name. */
export interface CallOptions {
  job?: string
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

async function viaHttp(name: string, arg: unknown, opts: CallOptions): Promise<ApiResult<unknown>> {
  // The page lives at /<secret>/index.html; the API at /<secret>/api/<channel>.
  const res = await fetch(`api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(opts.job ? { 'x-job': opts.job } : {}) },
    body: encodeWire(arg ?? null),
  })
  const text = await res.text()
  if (!res.ok && !text.startsWith('{')) {
    return { ok: false, error: { code: 'http', message: `服务无响应（HTTP ${res.status}）` } }
  }
  return decodeWire(text) as ApiResult<unknown>
}

const AUTH_CODES = new Set(['signed-out', 'locked', 'needs-setup', 'must-change-password'])

export const isDesktop = typeof window !== 'undefined' && !!window.api

/** Calls a channel; resolves with its value or throws an ApiError with a Chinese message. */
export async function call<K extends ChannelName>(
  name: K,
  arg: InputOf<Channels, K>,
  opts: CallOptions = {},
): Promise<OutputOf<Channels, K>> {
  const res = window.api
    ? await (window.api[name] as (a: unknown, o?: CallOptions) => Promise<ApiResult<unknown>>)(arg, opts)
    : await viaHttp(name, arg, opts)
  if (!res.ok) {
    // Signed out or locked meanwhile (idle lock, another tab): the sign-in gate takes over.
    if (AUTH_CODES.has(res.error.code)) window.dispatchEvent(new CustomEvent('cadre-auth', { detail: res.error.code }))
    throw new ApiError(res.error)
  }
  return res.value as OutputOf<Channels, K>
}

let jobSeq = 0
/** A fresh name for a long job (its progress events and `jobs.cancel` use it). */
export function newJobId(prefix = 'job'): string {
  jobSeq++
  return `${prefix}-${Date.now().toString(36)}-${jobSeq}`
}

const eventListeners = new Set<(ev: AppEvent) => void>()
let eventSource: { close(): void } | null = null

function connectEvents(): void {
  if (eventSource) return
  const emit = (ev: AppEvent): void => {
    for (const l of eventListeners) l(ev)
  }
  if (window.appEvents) {
    eventSource = { close: window.appEvents.subscribe(emit) }
    return
  }
  // The browser host: server-sent events beside the API (/<secret>/events); EventSource reconnects.
  const es = new EventSource('events')
  es.onmessage = (m: MessageEvent<string>) => emit(JSON.parse(m.data) as AppEvent)
  eventSource = es
}

/** What the data side announces: commits (the tables changed), job progress, a worker that failed. */
export function subscribeEvents(listener: (ev: AppEvent) => void): () => void {
  eventListeners.add(listener)
  connectEvents()
  return () => {
    eventListeners.delete(listener)
  }
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

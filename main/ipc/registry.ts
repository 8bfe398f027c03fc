/**
 * One dispatcher for both doors: Electron's ipcMain and the browser host call `dispatch`, which
 * validates the argument against the channel's schema, runs the handler and returns the result
 * or a Chinese error as data.
 */
import type { z } from 'zod'
import './zod-locale'
import { toErrorData, type AppErrorData } from '../domain/errors'
import { CHANNEL_NAMES, channels, type ChannelName, type Channels } from './contract'
import { tablesOverlap, type ApiResult, type AppEvent, type HandlersOf } from './contract/define'
import { newCancelFlag, runAsJob } from '../worker/job'

export type Handlers = HandlersOf<Channels>

/** Merges handler parts; a channel handled twice throws (as Actual's app.method does). */
export function mergeHandlers(...parts: Partial<Handlers>[]): Handlers {
  const out: Record<string, unknown> = {}
  for (const part of parts) {
    for (const [k, v] of Object.entries(part)) {
      if (k in out) throw new Error(`IPC channel registered twice: ${k}`)
      out[k] = v
    }
  }
  for (const name of Object.keys(channels)) {
    if (!(name in out)) throw new Error(`IPC channel without a handler: ${name}`)
  }
  return out as Handlers
}

function zodMessage(e: z.ZodError): string {
  const first = e.issues[0]
  if (!first) return '参数无效'
  const where = first.path.length ? `（${first.path.join('.')}）` : ''
  return `参数无效${where}：${first.message}`
}

/** How a call is made: `job` names a long job (its progress is announced, `jobs.cancel` stops it);
 *  `cancel` is the job's shared cancel flag when the caller keeps one (the worker client). */
export interface DispatchOptions {
  job?: string | undefined
  cancel?: Int32Array | undefined
}

export type Dispatch = (name: string, arg: unknown, opts?: DispatchOptions) => Promise<ApiResult<unknown>>

/**
 * Channels that only read, derived from the contract's declarations. While a long write holds the
 * database (a roster import commits in slices so its progress bar and cancel button stay live),
 * only these are answered: a save made then would join the import's transaction and be lost with
 * it if the import were cancelled.
 */
export const READ_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>(
  CHANNEL_NAMES.filter((n) => channels[n].kind === 'read'),
)

export function channelDef(name: string): Channels[ChannelName] | undefined {
  return Object.hasOwn(channels, name) ? channels[name as ChannelName] : undefined
}

/** Read channels whose declared tables a change of `tables` concerns (what a screen must refetch). */
export function readersOf(tables: readonly string[]): ChannelName[] {
  return CHANNEL_NAMES.filter((n) => channels[n].kind === 'read' && tablesOverlap(channels[n].tables, tables))
}

export interface DispatcherOptions {
  /** A Chinese message while a long write holds the database, else null. */
  writeBlocked?: () => string | null
  /** Change events (after a write's commit) and job progress. */
  onEvent?: (ev: AppEvent) => void
  /** Who may call the channel (main/ipc/access.ts, issue 12): null to go on, else the error. */
  access?: (name: string, arg: unknown) => AppErrorData | null
}

export function createDispatcher(handlers: Handlers, opts: DispatcherOptions = {}): Dispatch {
  return async (name, arg, call = {}) => {
    const def = channelDef(name)
    if (!def) {
      return { ok: false, error: { code: 'unknown-channel', message: `未知的操作：${name}` } }
    }
    // Access (issue 12): the account and its roles, before anything else is said of the call.
    const denied = opts.access?.(name, arg) ?? null
    if (denied) return { ok: false, error: denied }
    const blocked = def.kind === 'read' ? null : (opts.writeBlocked?.() ?? null)
    if (blocked) return { ok: false, error: { code: 'busy', message: blocked } }
    const parsed = def.input.safeParse(arg)
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-argument', message: zodMessage(parsed.error) } }
    }
    try {
      const fn = handlers[name as ChannelName] as (input: unknown) => unknown
      const job = call.job
      const value = job
        ? await runAsJob(
            {
              id: job,
              cancel: call.cancel ?? newCancelFlag(),
              report: (percent, detail) => opts.onEvent?.({ type: 'progress', job, percent, ...detail }),
            },
            () => fn(parsed.data),
          )
        : await fn(parsed.data)
      if (def.kind === 'write') announce(opts, def.tables)
      return { ok: true, value: value ?? null }
    } catch (e) {
      return { ok: false, error: toErrorData(e) }
    }
  }
}

export function announce(opts: DispatcherOptions, tables: readonly string[]): void {
  opts.onEvent?.({ type: 'changed', tables: [...tables], channels: readersOf(tables) })
}

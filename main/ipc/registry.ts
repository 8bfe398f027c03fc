/**
 * One dispatcher for both doors: Electron's ipcMain and the browser host call `dispatch`, which
 * validates the argument against the channel's schema, runs the handler and returns the result
 * or a Chinese error as data.
 */
import type { z } from 'zod'
import { toErrorData } from '../domain/errors'
import { channels, type ChannelName, type Channels } from './contract'
import type { ApiResult, HandlersOf } from './contract/define'

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

export type Dispatch = (name: string, arg: unknown) => Promise<ApiResult<unknown>>

/**
 * Channels that only read. While a long write holds the database (a roster import commits in
 * slices so its progress bar and cancel button stay live), only these are answered: a save made
 * then would join the import's transaction and be lost with it if the import were cancelled.
 */
export const READ_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'app.info',
  'workspace.status',
  'workspace.chooseFolder',
  'cadres.query',
  'cadres.get',
  'cadres.photo',
  'units.list',
  'audit.list',
  'backup.list',
  'settings.get',
  'form.get',
  'form.html',
  'form.pdf',
  'form.docx',
  'form.setCheck',
  'form.set',
  'lrmx.export',
  'lrmx.preview',
  'export.roster',
  'eligibility.review',
  'eligibility.page',
  'eligibility.detail',
  'eligibility.ruleSets',
  'eligibility.export',
  'eligibility.print',
  'records.list',
  'records.settings',
  'assessments.grid',
  'studies.rounds',
  'studies.grid',
  'studies.monthly',
  'talks.ledger',
  'talks.export',
  'talks.escalation',
  'talks.due',
  'reserve.list',
  'reserve.figures',
  'reserve.export',
  'postings.list',
  'postings.stationed',
  'import.open',
  'import.preview',
  'import.progress',
  'import.cancel',
  'import.rejectedFile',
])

export interface DispatcherOptions {
  /** A Chinese message while a long write holds the database, else null. */
  writeBlocked?: () => string | null
}

export function createDispatcher(handlers: Handlers, opts: DispatcherOptions = {}): Dispatch {
  return async (name, arg) => {
    if (!Object.hasOwn(channels, name)) {
      return { ok: false, error: { code: 'unknown-channel', message: `未知的操作：${name}` } }
    }
    const blocked = READ_CHANNELS.has(name as ChannelName) ? null : (opts.writeBlocked?.() ?? null)
    if (blocked) return { ok: false, error: { code: 'busy', message: blocked } }
    const def = channels[name as ChannelName]
    const parsed = def.input.safeParse(arg)
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-argument', message: zodMessage(parsed.error) } }
    }
    try {
      const fn = handlers[name as ChannelName] as (input: unknown) => unknown
      const value = await fn(parsed.data)
      return { ok: true, value: value ?? null }
    } catch (e) {
      return { ok: false, error: toErrorData(e) }
    }
  }
}

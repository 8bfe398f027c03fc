/**
 * The IPC contract's building block. A channel is its argument schema (zod, validated before any
 * handler runs), its result type, and what it does to the data:
 *
 * - `kind`: 'read' or 'write', required (a channel without it does not type-check; at run time an
 *   undeclared one is 'write', the safe side: refused while an import commits, announced as a change
 *   of every table).
 * - `tables`: for a write, the tables it changes (announced after the commit, so every screen that
 *   shows them refreshes); for a read, the tables it reads (refetched when one of them changes).
 *   Not given: all tables ('*'); `[]`: none (a read that depends on no table, such as jobs.cancel).
 * - `lane`: which worker thread answers it (main/worker/): 'read' (quick reads: grid blocks, one
 *   record), 'heavy' (long reads: exports, the eligibility round, printing; they never delay a grid
 *   block), 'write' (the one write connection; also reads that share a write's state, such as an
 *   import's progress). Default: 'read' for reads, 'write' for writes (a write is always 'write').
 *
 * Channel names read `domain.verb`. The renderer imports types only; the preload imports the names.
 */
import type { z } from 'zod'
import type { AppErrorData } from '../../domain/errors'

export type ChannelKind = 'read' | 'write'
export type Lane = 'read' | 'heavy' | 'write'
/** Every table: what an undeclared write changes and an undeclared read depends on. */
export const ALL_TABLES = '*'

export interface ChannelOptions {
  kind: ChannelKind
  tables?: readonly string[]
  lane?: Lane
}

export interface ChannelDef<I extends z.ZodType, O> {
  input: I
  kind: ChannelKind
  tables: readonly string[]
  lane: Lane
  /** Whether the contract said read or write (an undeclared channel is treated as a write). */
  declared: boolean
  /** Phantom: the result type. Never set at run time. */
  readonly output?: O
}

/**
 * `channel<Result>()(schema, read(tables, lane) | write(tables))`. The declaration is required: a
 * channel without one does not type-check, and tests/unit/channel-declarations.test.ts names it.
 */
export function channel<O>() {
  return <I extends z.ZodType>(input: I, opts: ChannelOptions): ChannelDef<I, O> => {
    // Undeclared at run time (a cast, plain JavaScript): the safe side, a write of every table.
    const kind: ChannelKind = (opts as Partial<ChannelOptions> | undefined)?.kind ?? 'write'
    const lane: Lane = kind === 'write' ? 'write' : (opts?.lane ?? 'read')
    return {
      input,
      kind,
      tables: opts?.tables ?? [ALL_TABLES],
      lane,
      declared: (opts as Partial<ChannelOptions> | undefined)?.kind !== undefined,
    }
  }
}

/** Shorthands for declarations: `read(['cadres'])`, `write(['cadres', 'audit_log'])`. */
export const read = (tables?: readonly string[], lane?: Lane): ChannelOptions => ({
  kind: 'read',
  ...(tables ? { tables } : {}),
  ...(lane ? { lane } : {}),
})
export const write = (tables?: readonly string[]): ChannelOptions => ({
  kind: 'write',
  ...(tables ? { tables } : {}),
})

/** Whether a change of `changed` tables concerns something declared over `tables`. */
export function tablesOverlap(tables: readonly string[], changed: readonly string[]): boolean {
  if (tables.includes(ALL_TABLES) || changed.includes(ALL_TABLES)) return true
  return tables.some((t) => changed.includes(t))
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyChannels = Record<string, ChannelDef<any, any>>

export type InputOf<C extends AnyChannels, K extends keyof C> = z.input<C[K]['input']>
export type ParsedInputOf<C extends AnyChannels, K extends keyof C> = z.output<C[K]['input']>
export type OutputOf<C extends AnyChannels, K extends keyof C> =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  C[K] extends ChannelDef<any, infer O> ? O : never

/** What the handlers of a set of channels must provide. */
export type HandlersOf<C extends AnyChannels> = {
  [K in keyof C]: (input: ParsedInputOf<C, K>) => OutputOf<C, K> | Promise<OutputOf<C, K>>
}

/**
 * What the data side announces to every window: a write's commit (the tables it changed and the
 * read channels that depend on them, for the renderer's cache), a long job's progress, and a
 * worker thread that stopped unexpectedly (the user is told what failed).
 */
export type AppEvent =
  | { type: 'changed'; tables: string[]; channels: string[] }
  | {
      type: 'progress'
      job: string
      percent: number
      /** Jobs that count rows (the import): rows done of total and the step in Chinese. */
      done?: number
      total?: number
      phase?: string
    }
  | { type: 'failed'; message: string }

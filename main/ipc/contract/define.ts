/**
 * The IPC contract's building block. A channel is its argument schema (zod, validated in the
 * main process before any handler runs) and its result type. Channel names read `domain.verb`.
 * The renderer imports types only; the preload imports the names.
 */
import type { z } from 'zod'
import type { AppErrorData } from '../../domain/errors'

export interface ChannelDef<I extends z.ZodType, O> {
  input: I
  /** Phantom: the result type. Never set at run time. */
  readonly output?: O
}

export function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input })
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyChannels = Record<string, ChannelDef<any, any>>

export type InputOf<C extends AnyChannels, K extends keyof C> = z.input<C[K]['input']>
export type ParsedInputOf<C extends AnyChannels, K extends keyof C> = z.output<C[K]['input']>
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OutputOf<C extends AnyChannels, K extends keyof C> = C[K] extends ChannelDef<any, infer O> ? O : never

/** What the handlers of a set of channels must provide. */
export type HandlersOf<C extends AnyChannels> = {
  [K in keyof C]: (input: ParsedInputOf<C, K>) => OutputOf<C, K> | Promise<OutputOf<C, K>>
}

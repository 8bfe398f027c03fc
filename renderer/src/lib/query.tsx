/**
 * One way to read data in the renderer: `useApiQuery(channel, arg)` over @tanstack/react-query,
 * its cache cleared by table. After each commit the data side announces the tables it changed and
 * the read channels that depend on them (main/ipc/contract/define.ts); every query of those
 * channels refetches, in this window and in every other, wherever the change was made — as
 * Actual's LiveQuery refetches when a sync event's tables overlap its own.
 *
 * A failed read is an error (`error` set, `data` undefined), never an empty result.
 * For data a query cannot hold (ag-grid's row blocks), `useChanged(channels, fn)` calls back.
 */
import {
  keepPreviousData,
  QueryClient,
  QueryClientProvider,
  useQueries,
  useQuery,
  type UseQueryResult,
} from '@tanstack/react-query'
import { useEffect, useRef, type ReactNode } from 'react'
import type { ChannelName, Channels } from '../../../main/ipc/contract'
import type { InputOf, OutputOf } from '../../../main/ipc/contract/define'
import { call, subscribeEvents, type ApiError } from '../api'
import { showMessage } from '../components/messages'

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Fresh until a change event says otherwise: no refetch on focus or remount.
      staleTime: Infinity,
      gcTime: 5 * 60_000,
      retry: false,
      refetchOnWindowFocus: false,
    },
  },
})

const changeListeners = new Set<(channels: readonly string[]) => void>()

function onEvent(channels: readonly string[]): void {
  const all = channels.includes('*')
  void queryClient.invalidateQueries({
    predicate: (q) => all || channels.includes(String(q.queryKey[0])),
  })
  for (const l of changeListeners) l(channels)
}

let wired = false
function wire(): void {
  if (wired) return
  wired = true
  subscribeEvents((ev) => {
    if (ev.type === 'changed') onEvent(ev.channels)
    // A worker thread that stopped: the user is told what failed (it was restarted).
    else if (ev.type === 'failed') showMessage(ev.message, 'error')
  })
}

export function DataProvider({ children }: { children: ReactNode }) {
  wire()
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
}

/** A channel's answer, cached by channel and argument, refetched when its tables change.
 *  `job`: run it as a long job (lib/job.ts useJob's `run`), for its percentage and cancel. */
export function useApiQuery<K extends ChannelName>(
  name: K,
  arg: InputOf<Channels, K>,
  opts: {
    /** Or a function of the cached query, asked whenever it could fetch (an invalidation too). */
    enabled?: boolean | ((query: { state: { dataUpdatedAt: number } }) => boolean)
    keepPrevious?: boolean
    job?: <T>(fn: (job: string) => Promise<T>) => Promise<T>
  } = {},
): UseQueryResult<OutputOf<Channels, K>, ApiError> {
  const { job } = opts
  return useQuery({
    queryKey: [name, arg ?? null],
    queryFn: () => (job ? job((j) => call(name, arg, { job: j })) : call(name, arg)),
    enabled: opts.enabled ?? true,
    ...(opts.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  }) as UseQueryResult<OutputOf<Channels, K>, ApiError>
}

/**
 * The same cache outside a hook: the answer kept for this channel and argument, or asked for now
 * (an answer already on its way is shared). For ag-grid's datasource, whose first block a page
 * may have asked for before it mounted (`prefetchApi`).
 */
export function fetchApi<K extends ChannelName>(name: K, arg: InputOf<Channels, K>): Promise<OutputOf<Channels, K>> {
  return queryClient.fetchQuery({ queryKey: [name, arg ?? null], queryFn: () => call(name, arg) })
}

/** Puts an answer in the cache (what a write returned, shown at once; the announced change then
 *  refetches it as usual). */
export function setApiData<K extends ChannelName>(name: K, arg: InputOf<Channels, K>, value: OutputOf<Channels, K>): void {
  queryClient.setQueryData([name, arg ?? null], value)
}

/** Asks for an answer ahead (a page's first rows while React and the grid start); errors are
 *  left to whoever asks again. */
export function prefetchApi<K extends ChannelName>(name: K, arg: InputOf<Channels, K>): void {
  void queryClient.prefetchQuery({ queryKey: [name, arg ?? null], queryFn: () => call(name, arg) })
}

/** One channel asked with several arguments (a page over a list of cadres); cached and refetched like useApiQuery. */
export function useApiQueries<K extends ChannelName>(
  name: K,
  args: readonly InputOf<Channels, K>[],
): UseQueryResult<OutputOf<Channels, K>, ApiError>[] {
  return useQueries({
    queries: args.map((arg) => ({ queryKey: [name, arg ?? null], queryFn: () => call(name, arg) })),
  }) as UseQueryResult<OutputOf<Channels, K>, ApiError>[]
}

/** Calls `fn` after a commit that concerns any of `channels` (a grid refreshes its row blocks). */
export function useChanged(channels: readonly ChannelName[], fn: () => void): void {
  const ref = useRef(fn)
  useEffect(() => {
    ref.current = fn
  })
  const key = channels.join(',')
  useEffect(() => {
    wire()
    const names = key.split(',')
    const l = (changed: readonly string[]): void => {
      if (changed.includes('*') || names.some((n) => changed.includes(n))) ref.current()
    }
    changeListeners.add(l)
    return () => {
      changeListeners.delete(l)
    }
  }, [key])
}

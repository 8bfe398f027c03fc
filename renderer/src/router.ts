/** Hash routes (#/roster, #/cadre/12): they work the same from file:// in Electron and over HTTP. */
import { useSyncExternalStore } from 'react'

export interface Route {
  /** First path segment: 'roster', 'cadre', ... */
  page: string
  /** The rest of the path segments. */
  params: string[]
  query: URLSearchParams
}

function parse(): Route {
  const raw = window.location.hash.replace(/^#\/?/, '')
  const [path = '', q = ''] = raw.split('?')
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent)
  return { page: parts[0] ?? 'roster', params: parts.slice(1), query: new URLSearchParams(q) }
}

let current = parse()
const listeners = new Set<() => void>()
window.addEventListener('hashchange', () => {
  current = parse()
  listeners.forEach((l) => l())
})

export function useRoute(): Route {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => current,
  )
}

export function navigate(path: string): void {
  window.location.hash = '#/' + path.replace(/^\/+/, '')
}

/**
 * One way to run what a button does: `const save = useAction(fn, { success })`, then
 * `save.run(...)` and `save.busy`. While it runs a second click is ignored; a failure is shown as a
 * Chinese error message (never a stack trace) and resolves to undefined; a success may say so.
 * No reload callback: what the call changed comes back through the change events
 * (renderer/src/lib/query.tsx), on this screen and on every other.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { showError, showMessage, type MessageKind } from '../components'

export interface ActionOptions<A extends unknown[], R> {
  /** The success message, or a function of the result (null: say nothing). */
  success?: string | ((result: R, ...args: A) => string | null)
  /** Kind of the success message (default 'success'; 'warning' when something was left out). */
  successKind?: MessageKind | ((result: R) => MessageKind)
  /** After a success (close a dialog, clear edits). */
  onDone?(result: R, ...args: A): void
  /** Before the error message: return true when the page showed the error itself. */
  onError?(e: unknown): boolean | void
}

export interface Action<A extends unknown[], R> {
  /** Runs the action; resolves to its result, or undefined when it failed or was already running. */
  run(...args: A): Promise<R | undefined>
  busy: boolean
}

export function useAction<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  opts: ActionOptions<A, R> = {},
): Action<A, R> {
  const [busy, setBusy] = useState(false)
  const running = useRef(false)
  const latest = useRef({ fn, opts })
  useEffect(() => {
    latest.current = { fn, opts }
  })
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (running.current) return undefined
    running.current = true
    setBusy(true)
    const { fn: f, opts: o } = latest.current
    try {
      const r = await f(...args)
      const text = typeof o.success === 'function' ? o.success(r, ...args) : o.success
      if (text) {
        const kind = typeof o.successKind === 'function' ? o.successKind(r) : (o.successKind ?? 'success')
        showMessage(text, kind)
      }
      o.onDone?.(r, ...args)
      return r
    } catch (e) {
      if (!o.onError?.(e)) showError(e)
      return undefined
    } finally {
      running.current = false
      if (mounted.current) setBusy(false)
    }
  }, [])
  return { run, busy }
}

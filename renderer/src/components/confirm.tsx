/**
 * `await confirmDialog({ title, message })` → true when the clerk clicks the confirm button.
 * `<ConfirmHost />` is mounted once by App.
 */
import { useSyncExternalStore, type ReactNode } from 'react'
import { Dialog } from './Dialog'

export interface ConfirmOptions {
  title: string
  message: ReactNode
  /** Default 确定 */
  okText?: string
  /** Default 取消 */
  cancelText?: string
  /** A red confirm button for actions that are hard to undo. */
  danger?: boolean
}

interface Pending extends ConfirmOptions {
  resolve(ok: boolean): void
}

let pending: Pending | null = null
const listeners = new Set<() => void>()
function set(p: Pending | null): void {
  pending = p
  listeners.forEach((l) => l())
}

export function confirmDialog(opts: ConfirmOptions): Promise<boolean> {
  pending?.resolve(false)
  return new Promise((resolve) => set({ ...opts, resolve }))
}

export function ConfirmHost() {
  const p = useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => pending,
  )
  if (!p) return null
  const close = (ok: boolean) => {
    p.resolve(ok)
    set(null)
  }
  return (
    <Dialog
      open
      title={p.title}
      onClose={() => close(false)}
      width={440}
      testId="confirm-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={() => close(false)}>
            {p.cancelText ?? '取消'}
          </button>
          <button
            type="button"
            className={p.danger ? 'btn btn-danger' : 'btn btn-primary'}
            onClick={() => close(true)}
          >
            {p.okText ?? '确定'}
          </button>
        </>
      }
    >
      <div className="confirm-message">{p.message}</div>
    </Dialog>
  )
}

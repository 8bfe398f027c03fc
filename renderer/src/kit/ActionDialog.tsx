/**
 * One dialog for a form that saves: 取消 and a confirm button that says it is busy
 * (正在保存…) and cannot be clicked twice. `onConfirm` throws to fail (the error is shown in
 * Chinese, the dialog stays open with what was typed), returns false to stay open (a field error it
 * marked itself), returns nothing to close (onDone), or returns
 * a notice — what the regulations say against what was just saved — shown in the dialog until the
 * clerk clicks 知道了.
 */
import { useState, type ReactNode } from 'react'
import { Dialog } from '../components'
import { useAction } from './useAction'

export interface Notice {
  /** "已保存。请注意：" */
  lead: string
  items: string[]
  testId?: string
  okTestId?: string
}

export interface ActionDialogProps {
  title: string
  onClose(): void
  /** Saves; return a Notice to keep the dialog open on it, false to stay open (a field the
   *  dialog marked itself), anything else closes. */
  onConfirm(): Promise<Notice | false | null | void>
  /** After a save (and its notice read). Default: onClose. */
  onDone?(): void
  children: ReactNode
  /** Default 保存 */
  confirmText?: ReactNode
  /** Default 正在保存… */
  busyText?: string
  /** The confirm button stays off (nothing chosen yet). */
  disabled?: boolean
  danger?: boolean
  width?: number
  testId?: string
  confirmTestId?: string
  /** Before the error message: return true when the dialog showed the error itself (field errors). */
  onError?(e: unknown): boolean | void
  /** The success message (null: none). */
  success?: string | null
}

export function ActionDialog(p: ActionDialogProps) {
  const [notice, setNotice] = useState<Notice | null>(null)
  const done = p.onDone ?? p.onClose
  const save = useAction(p.onConfirm, {
    success: (n) => (n === false ? null : (p.success ?? null)),
    onError: p.onError,
    onDone: (n) => {
      if (n === false) return
      if (n && n.items.length > 0) setNotice(n)
      else done()
    },
  })
  return (
    <Dialog
      open
      title={p.title}
      onClose={notice ? done : p.onClose}
      width={p.width}
      testId={p.testId}
      footer={
        notice ? (
          <button type="button" className="btn btn-primary" data-testid={notice.okTestId} onClick={done}>
            知道了
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={p.onClose}>
              取消
            </button>
            <button
              type="button"
              className={p.danger ? 'btn btn-danger' : 'btn btn-primary'}
              data-testid={p.confirmTestId}
              disabled={save.busy || p.disabled}
              onClick={() => void save.run()}
            >
              {save.busy ? (p.busyText ?? '正在保存…') : (p.confirmText ?? '保存')}
            </button>
          </>
        )
      }
    >
      {notice ? (
        <div className="rec-vocab-warn" role="alert" data-testid={notice.testId}>
          <div>{notice.lead}</div>
          {notice.items.map((m) => (
            <div key={m}>⚠ {m}</div>
          ))}
        </div>
      ) : null}
      {p.children}
    </Dialog>
  )
}

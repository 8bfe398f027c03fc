/** A modal dialog: dimmed backdrop, title bar, body, footer buttons. Escape or × closes it. */
import { useEffect, useRef, type ReactNode } from 'react'

export interface DialogProps {
  open: boolean
  title: string
  onClose(): void
  children: ReactNode
  /** Buttons at the bottom right; put the primary action last. */
  footer?: ReactNode
  /** Width in px (default 520). */
  width?: number
  testId?: string
  /**
   * false: no ×, and neither Escape nor a click beside the dialog closes it — for a dialog that must
   * end with its own button (the recovery key shown once closes only after 我已打印或抄写).
   */
  closable?: boolean
}

export function Dialog({ open, title, onClose, children, footer, width = 520, testId, closable = true }: DialogProps) {
  const boxRef = useRef<HTMLDivElement>(null)
  // The latest onClose without re-running the effects below when its identity changes.
  const closeRef = useRef(onClose)
  const closableRef = useRef(closable)
  useEffect(() => {
    closeRef.current = onClose
    closableRef.current = closable
  })
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && closableRef.current) closeRef.current()
    }
    window.addEventListener('keydown', onKey)
    // Focus moves into the dialog once, when it opens.
    const first = boxRef.current?.querySelector<HTMLElement>('input, select, textarea, button.btn-primary')
    first?.focus()
    return () => window.removeEventListener('keydown', onKey)
  }, [open])
  if (!open) return null
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => closable && e.target === e.currentTarget && onClose()}>
      <div
        ref={boxRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        style={{ width }}
        data-testid={testId}
      >
        <div className="dialog-title">
          <span>{title}</span>
          {closable ? (
            <button type="button" className="dialog-close" aria-label="关闭" onClick={onClose}>
              ×
            </button>
          ) : null}
        </div>
        <div className="dialog-body">{children}</div>
        {footer ? <div className="dialog-footer">{footer}</div> : null}
      </div>
    </div>
  )
}

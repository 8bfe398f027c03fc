/**
 * Toast messages at the top of the window: `showMessage('已保存', 'success')` from anywhere.
 * `<MessageArea />` is mounted once by App.
 */
import { useSyncExternalStore } from 'react'
import { ApiError } from '../api'

export type MessageKind = 'info' | 'success' | 'warning' | 'error'
interface Message {
  id: number
  text: string
  kind: MessageKind
}

let messages: Message[] = []
let nextId = 1
const listeners = new Set<() => void>()
function emit(): void {
  listeners.forEach((l) => l())
}

function dismiss(id: number): void {
  messages = messages.filter((m) => m.id !== id)
  emit()
}

/**
 * Shows a message for a few seconds (errors stay longer). The same text already on screen is not
 * shown twice, and a success takes away the errors still shown (what they said is fixed now).
 */
export function showMessage(text: string, kind: MessageKind = 'info'): void {
  const id = nextId++
  const others = messages.filter((m) => m.text !== text && !(kind === 'success' && m.kind === 'error'))
  messages = [...others.slice(-4), { id, text, kind }]
  emit()
  setTimeout(() => dismiss(id), kind === 'error' ? 8000 : 3500)
}

/** Takes away the error messages (a form calls it once the fields they named are fixed). */
export function dismissErrors(): void {
  if (!messages.some((m) => m.kind === 'error')) return
  messages = messages.filter((m) => m.kind !== 'error')
  emit()
}

/** The Chinese text of anything thrown: ApiError messages as they are, anything else generic. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error && /[\u4e00-\u9fa5]/.test(e.message)) return e.message
  return '操作失败，请重试；如反复出现请联系系统管理员'
}

/** Shows what went wrong as an error message. */
export function showError(e: unknown): void {
  showMessage(errorText(e), 'error')
}

export function MessageArea() {
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => messages,
  )
  return (
    <div className="message-area" aria-live="polite">
      {list.map((m) => (
        <div
          key={m.id}
          className={`message message-${m.kind}`}
          role={m.kind === 'error' ? 'alert' : 'status'}
        >
          <span className="message-text">{m.text}</span>
          <button type="button" className="message-close" aria-label="关闭" onClick={() => dismiss(m.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}

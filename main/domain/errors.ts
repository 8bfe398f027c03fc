/**
 * Errors that reach users: a stable code, a Chinese message that says what and where, and an
 * English line for the command line. They cross the IPC boundary as data, never as stack traces.
 */
export interface AppErrorData {
  code: string
  message: string
  messageEn?: string
  /** Field-level problems: key → Chinese message. */
  fields?: Record<string, string>
}

export class AppError extends Error {
  readonly code: string
  readonly messageEn: string | undefined
  readonly fields: Record<string, string> | undefined
  constructor(code: string, message: string, messageEn?: string, fields?: Record<string, string>) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.messageEn = messageEn
    this.fields = fields
  }
  toData(): AppErrorData {
    const d: AppErrorData = { code: this.code, message: this.message }
    if (this.messageEn) d.messageEn = this.messageEn
    if (this.fields) d.fields = this.fields
    return d
  }
}

export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData()
  const msg = e instanceof Error ? e.message : String(e)
  return { code: 'internal', message: `内部错误：${msg}`, messageEn: msg }
}

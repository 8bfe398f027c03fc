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

/**
 * SQLite's own errors in Chinese: never a raw "database is locked" or constraint message. Null when
 * `e` is not an SQLite error.
 */
export function sqliteErrorToApp(e: unknown): AppError | null {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new AppError('db-busy', '数据库正被另一项写入占用（例如另一个导入正在进行），等待后仍未完成，本次操作未执行，请稍候再试', 'the database is busy with another write; nothing done, try again')
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return new AppError('db-conflict', '数据冲突：要写入的记录与库中已有的记录冲突（可能另一项操作刚写入了同一批记录），本次操作未执行，请刷新后再试', 'the records conflict with ones just written by another operation; nothing done')
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
    return new AppError('db-damaged', '数据库已损坏，无法读取，本次操作未执行。请在“设置 → 备份”中从最近一份完好的备份恢复', 'the database is damaged; nothing done')
  if (code === 'SQLITE_FULL') return new AppError('db-full', '磁盘已满，本次操作未执行，请腾出空间后再试', 'disk full; nothing done')
  if (code.startsWith('SQLITE_READONLY')) return new AppError('db-readonly', '数据库文件是只读的，本次操作未执行', 'the database file is read-only; nothing done')
  return new AppError('db-error', `数据库操作失败（错误代码 ${code}），本次操作未执行`, `database operation failed (${code}); nothing done`)
}

export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData()
  const sq = sqliteErrorToApp(e)
  if (sq) return sq.toData()
  const msg = e instanceof Error ? e.message : String(e)
  return { code: 'internal', message: `内部错误：${msg}`, messageEn: msg }
}

/**
 * What the desktop app says when it cannot start: one Chinese dialog that says what went wrong
 * and what to do next, then a clean quit (no window left behind, no invisible process that a
 * second start would only "focus"). Pure text here; main/index.ts shows it and quits.
 */
import { AppError } from '../domain/errors'

export interface StartupFailure {
  /** Dialog title (the window bar). */
  title: string
  /** What went wrong, one line. */
  message: string
  /** What to do next, and where the file and the log are. */
  detail: string
  /** The AppError code, or 'internal'. */
  code: string
}

export interface FailureContext {
  dbPath?: string | undefined
  logPath?: string | undefined
}

const TITLE = '干部管理系统无法启动'

function where(ctx: FailureContext): string {
  const lines: string[] = []
  if (ctx.dbPath) lines.push(`数据文件：${ctx.dbPath}`)
  if (ctx.logPath) lines.push(`运行日志：${ctx.logPath}`)
  return lines.length ? `\n\n${lines.join('\n')}` : ''
}

/** Refusals of main/db/open.ts and main/electron/db-key.ts (issue 12) shown as the cases below. */
const CUSTODY_CODES: Record<string, string> = {
  'db-damaged': 'db-corrupt',
  'db-foreign': 'db-not-sqlite',
  'db-wrong-key': 'db-key',
  'key-unsealed': 'db-key',
  'key-missing': 'db-key',
}

/**
 * SQLite's own errors that escape openDatabase (a page damaged past the header is only found
 * when a query reads it) count as the refusals they are.
 */
function codeOf(e: unknown): string {
  if (e instanceof AppError) return CUSTODY_CODES[e.code] ?? e.code
  const sqlite = (e as { code?: unknown } | null)?.code
  if (sqlite === 'SQLITE_CORRUPT' || sqlite === 'SQLITE_NOTADB') return 'db-corrupt'
  if (typeof sqlite === 'string' && /^SQLITE_(CANTOPEN|READONLY|FULL|PERM|IOERR|BUSY|LOCKED)/.test(sqlite)) return 'db-open'
  return 'internal'
}

/** The dialog for an error thrown while starting (opening the database, building the services). */
export function describeStartupFailure(e: unknown, ctx: FailureContext = {}): StartupFailure {
  const code = codeOf(e)
  const said =
    e instanceof AppError ? e.message : code !== 'internal' ? `SQLite 报告：${(e as Error).message}` : ''
  const tail = where(ctx)
  switch (code) {
    case 'db-from-future':
      return {
        code,
        title: TITLE,
        message: '数据文件来自更新版本的干部管理系统，本程序不能打开。',
        detail: `${said}\n\n下一步：请安装与该数据文件相同或更新版本的干部管理系统后再打开；数据文件未作任何改动，不要删除它。${tail}`,
      }
    case 'db-not-sqlite':
      return {
        code,
        title: TITLE,
        message: '数据文件不是干部管理系统的数据库。',
        detail: `${said}\n\n下一步：请确认数据文件没有被其他文件替换；可把它移到别处后重新启动（程序会新建空数据库），再在“系统设置 → 数据备份”中从备份恢复。该文件未作任何改动。${tail}`,
      }
    case 'db-corrupt':
      return {
        code,
        title: TITLE,
        message: '数据文件已损坏，无法读取。',
        detail: `${said}\n\n下一步：请不要删除该文件。把它移到别处后重新启动，再在“系统设置 → 数据备份”中从最近的备份恢复（备份在数据文件旁的 backups 文件夹中）；如无备份，请联系维护人员。${tail}`,
      }
    case 'db-key':
      return {
        code,
        title: TITLE,
        message: '数据库已加密，无法用现有的密钥打开。',
        detail: `${said}\n\n下一步：找出设置时打印的恢复密钥，在启动程序前设置环境变量 CADRE_DB_KEY=恢复密钥 后启动一次（见 README“恢复密钥”）。数据文件未作改动。${tail}`,
      }
    case 'db-missing':
      return {
        code,
        title: TITLE,
        message: '找不到上次使用的数据文件。',
        detail: `${said}\n\n下一步：如果数据存放在移动硬盘或网络位置，请先接上后重新启动；如果数据文件被移动过，请把它放回原处。程序没有新建空数据库，以免与原有数据混淆。${tail}`,
      }
    case 'db-open':
      return {
        code,
        title: TITLE,
        message: '无法打开数据文件。',
        detail: `${said}\n\n下一步：请检查数据文件所在的文件夹是否存在、是否有写入权限、磁盘是否已满，或是否被其他程序占用；处理后重新启动。${tail}`,
      }
    case 'db-migration-failed':
      return {
        code,
        title: TITLE,
        message: '数据库升级失败，数据保持升级前的状态。',
        detail: `${said}\n\n下一步：请把运行日志和数据文件旁的 .bak 副本交给维护人员；在此之前可继续使用旧版本程序。${tail}`,
      }
    case 'db-migration-edited':
      return {
        code,
        title: TITLE,
        message: '程序文件与数据库的升级记录不一致，程序拒绝继续。',
        detail: `${said}\n\n下一步：请重新安装正式发布的安装包；如仍出现，请把运行日志交给维护人员。${tail}`,
      }
    default:
      return {
        code: 'internal',
        title: TITLE,
        message: '启动时发生内部错误。',
        detail: `下一步：请重新启动程序；如仍出现，请把运行日志交给维护人员。数据文件未作改动。${tail}`,
      }
  }
}

/**
 * The desktop app's log file (electron-log), in Electron's logs folder: on Windows
 * %APPDATA%\干部管理系统\logs\main.log, on Linux ~/.config/干部管理系统/logs/main.log.
 * The 关于 box and every start-up error dialog name this file.
 */
import { join } from 'node:path'
// The Node flavour of electron-log: the main process needs only its file transport, and it does
// not require('electron') itself (so the glue test's stub of electron is all it sees).
import log from 'electron-log/node'

export const LOG_FILE_NAME = 'main.log'

export function setupLog(logsDir: string, opts: { console: boolean }): string {
  const file = join(logsDir, LOG_FILE_NAME)
  log.transports.file.resolvePathFn = () => file
  log.transports.file.level = 'info'
  log.transports.file.maxSize = 5 * 1024 * 1024
  log.transports.console.level = opts.console ? 'info' : false
  return file
}

export { log }

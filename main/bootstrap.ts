/**
 * Starting the services over one database file, the same way for every door: the Electron app,
 * the browser host and the tests. No Electron here.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { isMainThread } from 'node:worker_threads'
import { openDatabase } from './db/open'
import { createHandlers } from './ipc/handlers'
import { announce, createDispatcher, type Dispatch } from './ipc/registry'
import type { AppEvent } from './ipc/contract/define'
import { setPdfPrinter, type PdfPrinter } from './form/pdf'
import { backupOnStart } from './services/backup'
import { createContext, type AppContext } from './services/context'
import { AuthSession } from './auth/session'
import { checkAccess } from './ipc/access'

export interface RunningApp {
  ctx: AppContext
  dbPath: string
  dispatch: Dispatch
  /** Change events after each write's commit, and long jobs' progress. Returns the unsubscribe. */
  subscribe(listener: (ev: AppEvent) => void): () => void
  /** Who is signed in (the desktop window, the browser host); null for host 'test' (no access check). */
  session: AuthSession | null
  /** The same handlers without the access check, for the app's own calls (the workspace's set-up). */
  dispatchAsSystem: Dispatch
  close(): void
}

export interface BootOptions {
  dbPath: string
  host: AppContext['host']
  actor?: string
  /** Take the start-up backup (default true). */
  backupOnStart?: boolean
  /** Prints HTML to PDF: Electron's printToPDF in the app; Debian's Chromium elsewhere (default). */
  printPdf?: PdfPrinter
  /** The database key (encryption at rest): CADRE_DB_KEY for the browser host, the sealed key in the app. */
  key?: string | undefined
  /** Accounts and roles enforced at the dispatcher (default: yes, except host 'test'). */
  access?: boolean
  /** Shown once by the first-run set-up (desktop: the random key sealed by the OS key store). */
  recoveryKey?: string | undefined
}

export function bootApp(opts: BootOptions): RunningApp {
  // Files the app writes (database, WAL, backups, exports, PDFs) are the owner's only.
  // (A worker thread cannot set it: the worker client sets it for the process before starting them.)
  if (process.platform !== 'win32' && isMainThread) process.umask(0o077)
  mkdirSync(dirname(opts.dbPath), { recursive: true, mode: 0o700 })
  const db = openDatabase(opts.dbPath, { key: opts.key })
  const ctx = createContext({
    db,
    dbPath: opts.dbPath,
    dataDir: dirname(opts.dbPath),
    actor: opts.actor ?? 'user',
    host: opts.host,
    key: opts.key,
  })
  const listeners = new Set<(ev: AppEvent) => void>()
  const emit = (ev: AppEvent): void => {
    for (const l of listeners) l(ev)
  }
  ctx.announce = (tables) => announce({ onEvent: emit }, tables)
  if (opts.printPdf) setPdfPrinter(opts.printPdf)
  if (opts.backupOnStart ?? true) {
    // The online backup runs beside the live connection; a failure is reported, never fatal.
    backupOnStart(ctx).catch((e: unknown) => {
      process.stderr.write(`启动备份失败：${(e as Error).message}\n`)
    })
  }
  // Every other write is one synchronous transaction, so an open one between requests is an
  // import committing in slices.
  const writeBlocked = (): string | null =>
    ctx.db.open && ctx.db.inTransaction
      ? '正在导入花名册，导入完成前暂不能修改数据（可以继续查看），请稍候再保存'
      : null
  // Accounts and roles (issue 12) at both doors; 'test' builds the services without them.
  const session = (opts.access ?? opts.host !== 'test') ? new AuthSession(ctx, { recoveryKey: opts.recoveryKey }) : null
  const handlers = createHandlers(ctx, { host: opts.host, ...(session ? { session } : {}) })
  const dispatchAsSystem = createDispatcher(handlers, { writeBlocked, onEvent: emit })
  const dispatch = createDispatcher(handlers, {
    ...(session ? { access: (name: string, arg: unknown) => checkAccess(session, name, arg) } : {}),
    writeBlocked,
    onEvent: emit,
  })
  return {
    ctx,
    dbPath: opts.dbPath,
    dispatch,
    subscribe: (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    session,
    dispatchAsSystem,
    close: () => {
      if (ctx.db.open) ctx.db.close()
    },
  }
}

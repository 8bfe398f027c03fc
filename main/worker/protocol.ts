/** Messages between the main thread (main/worker/client.ts) and a data worker (main/worker/entry.ts). */
import type { AppErrorData } from '../domain/errors'
import type { ApiResult, AppEvent, Lane } from '../ipc/contract/define'
import type { BootOptions } from '../bootstrap'

export interface WorkerBoot {
  lane: Lane
  boot: Omit<BootOptions, 'printPdf'>
  /** better-sqlite3's addon for Electron's ABI (the desktop app). */
  nativeBinding?: string | undefined
  /** PDFs are printed by the main thread (Electron's printToPDF needs a window). */
  remotePrint: boolean
}

export type ToWorker =
  | {
      type: 'call'
      id: number
      name: string
      arg: unknown
      job?: string | undefined
      cancel?: SharedArrayBuffer | undefined
    }
  | { type: 'printed'; id: number; bytes?: Uint8Array; error?: AppErrorData }
  | { type: 'close' }

export type FromWorker =
  | { type: 'ready' }
  /** `sqliteCode`: SQLite's own error (SQLITE_CORRUPT …) that escaped openDatabase, kept as such. */
  | { type: 'boot-failed'; error: AppErrorData; sqliteCode?: string | undefined }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'event'; event: AppEvent }
  | { type: 'print'; id: number; html: string }
  | { type: 'closed' }

/**
 * A data worker thread: bootApp over the database file and the dispatcher, answering the calls
 * the main thread relays (main/worker/client.ts). The same entry serves the Electron app, the
 * browser host and the tests. Each worker has its own connection: the 'write' worker the one that
 * writes (and migrates, and takes the start-up backup); 'read' and 'heavy' workers read in WAL
 * mode, so they see committed data only, never the half of an import still being written.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { bootApp, type RunningApp } from '../bootstrap'
import { setNativeBinding } from '../db/open'
import { AppError, toErrorData } from '../domain/errors'
import type { FromWorker, ToWorker, WorkerBoot } from './protocol'
import { transferablesOf } from './transfer'

const port = parentPort
if (!port) throw new Error('main/worker/entry.ts runs as a worker thread')
const data = workerData as WorkerBoot
const post = (m: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer)


let nextPrint = 1
const printing = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: unknown) => void }>()
function printRemote(html: string): Promise<Uint8Array> {
  const id = nextPrint++
  return new Promise((resolve, reject) => {
    printing.set(id, { resolve, reject })
    post({ type: 'print', id, html })
  })
}

let app: RunningApp | null = null
try {
  if (data.nativeBinding) setNativeBinding(data.nativeBinding)
  app = bootApp({
    ...data.boot,
    backupOnStart: data.lane === 'write' ? (data.boot.backupOnStart ?? true) : false,
    ...(data.remotePrint ? { printPdf: printRemote } : {}),
  })
  app.subscribe((event) => post({ type: 'event', event }))
  post({ type: 'ready' })
} catch (e) {
  const code = (e as { code?: unknown } | null)?.code
  const sqliteCode =
    !(e instanceof AppError) && typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined
  post({
    type: 'boot-failed',
    error: sqliteCode ? { code: sqliteCode, message: (e as Error).message } : toErrorData(e),
    sqliteCode,
  })
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'call') {
    const running = app
    if (!running) {
      post({
        type: 'result',
        id: m.id,
        result: { ok: false, error: { code: 'not-ready', message: '数据库未能打开' } },
      })
      return
    }
    void running
      .dispatch(m.name, m.arg, { job: m.job, cancel: m.cancel ? new Int32Array(m.cancel) : undefined })
      .then((result) => post({ type: 'result', id: m.id, result }, result.ok ? transferablesOf(result.value) : undefined))
  } else if (m.type === 'printed') {
    const p = printing.get(m.id)
    printing.delete(m.id)
    if (m.bytes) p?.resolve(m.bytes)
    else p?.reject(new AppError(m.error?.code ?? 'pdf-printer', m.error?.message ?? '打印失败'))
  } else if (m.type === 'close') {
    app?.close()
    app = null
    post({ type: 'closed' })
    port.close()
  }
})

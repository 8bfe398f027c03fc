/**
 * The command line's import, reading side: the roster is read and checked on a worker thread
 * (read-worker.ts) while this thread writes the rows that have come (commitImportStream). On two
 * cores the read and the write overlap, so the import takes about the longer of the two instead of
 * their sum. A reader that fails (a damaged file, or out of memory on a hostile one) ends the
 * import with its message; the caller's transaction is rolled back, nothing is half written.
 */
import { Worker } from 'node:worker_threads'
import { AppError } from '../domain/errors'
import { workerSource } from '../worker/source'
import type { DetectedColumn, HeaderDetection } from './headers'
import type { ParsedRoster, ParsedRow } from './parse'
import type { FromReader, ReaderBoot, ToReader } from './read-protocol'

export interface WorkerReader {
  /** The sheet's header, once the file is opened and the sheet picked. */
  picked: Promise<HeaderDetection>
  /** Tells the reader the mapped columns; yields the checked rows in batches, in file order. */
  rows(columns: DetectedColumn[]): AsyncIterable<ParsedRow[]>
  /** The roster without its rows (once rows() has ended). */
  meta(): Omit<ParsedRoster, 'rows'>
  close(): void
}

/** Heap ceiling of the reader: a hostile file stops the reader with a message, never the machine. */
const READER_HEAP_MB = 2048

export function readInWorker(boot: ReaderBoot, opts: { heapMb?: number } = {}): WorkerReader {
  const heapMb = opts.heapMb ?? READER_HEAP_MB
  const src = workerSource(import.meta.url, 'read-worker.ts', 'import-read')
  const w = new Worker(src.file, { eval: src.eval, workerData: boot, resourceLimits: { maxOldGenerationSizeMb: heapMb } })
  const queue: ParsedRow[][] = []
  let meta: Omit<ParsedRoster, 'rows'> | null = null
  let failure: Error | null = null
  let wake: (() => void) | null = null
  let resolvePicked!: (d: HeaderDetection) => void
  let rejectPicked!: (e: Error) => void
  const picked = new Promise<HeaderDetection>((res, rej) => {
    resolvePicked = res
    rejectPicked = rej
  })
  picked.catch(() => undefined)
  const fail = (e: Error): void => {
    if (failure || meta) return
    failure = e
    rejectPicked(e)
    wake?.()
  }
  w.on('message', (m: FromReader) => {
    if (m.type === 'picked') resolvePicked(m.detection)
    else if (m.type === 'rows') queue.push(m.rows)
    else if (m.type === 'end') meta = m.meta
    else fail(new AppError(m.error.code, m.error.message, m.error.messageEn, m.error.fields))
    wake?.()
  })
  w.on('error', (e: Error & { code?: string }) => {
    const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY'
    fail(
      new AppError(
        oom ? 'import-out-of-memory' : 'import-read-failed',
        oom
          ? `读取“${boot.fileName}”时内存不足（超过 ${heapMb} MB），文件可能已损坏或内容异常；数据库未作改动`
          : `读取“${boot.fileName}”时出错：${e.message}；数据库未作改动`,
        oom ? `out of memory reading ${boot.fileName}` : `reading ${boot.fileName} failed: ${e.message}`,
      ),
    )
  })
  w.on('exit', (code) => {
    if (!meta) fail(new AppError('import-read-failed', `读取“${boot.fileName}”的线程意外退出（代码 ${code}）；数据库未作改动`, `reader exited with ${code}`))
  })

  return {
    picked,
    async *rows(columns) {
      w.postMessage({ columns } satisfies ToReader)
      for (;;) {
        const batch = queue.shift()
        if (batch) {
          yield batch
          continue
        }
        if (failure) throw failure
        if (meta) return
        await new Promise<void>((res) => (wake = res))
        wake = null
      }
    },
    meta() {
      if (!meta) throw new Error('the reader has not finished')
      return meta
    },
    close() {
      void w.terminate()
    },
  }
}

/**
 * The command line's import reads the roster on this worker thread while the main thread writes
 * the rows already read (read-in-worker.ts is the other side). It opens the file, picks the sheet
 * and its header, waits for the column mapping (the database may remember a clerk's corrections),
 * then checks every row and hands them over in batches, in file order. Nothing here touches the
 * database: a damaged or foreign file is refused before the database is opened.
 */
import { readFileSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { toErrorData } from '../domain/errors'
import { openWorkbook } from './open'
import { parseRoster } from './parse'
import { pickSheet } from './pick'
import type { FromReader, ReaderBoot, ToReader } from './read-protocol'

if (!parentPort) throw new Error('main/roster-import/read-worker.ts runs as a worker thread')
const port = parentPort
const boot = workerData as ReaderBoot
const post = (m: FromReader): void => port.postMessage(m)

async function run(): Promise<void> {
  const wb = openWorkbook(readFileSync(boot.path), boot.fileName)
  const picked = await pickSheet(wb, boot.sheet)
  post({ type: 'picked', detection: picked.detection })
  const columns = await new Promise<ToReader['columns']>((resolve) => {
    port.once('message', (m: ToReader) => resolve(m.columns))
  })
  const parsed = await parseRoster(
    picked.sheet,
    { ...picked.detection, columns },
    { date1904: wb.date1904, onRows: (rows) => post({ type: 'rows', rows }) },
  )
  const { rows: _rest, ...meta } = parsed
  post({ type: 'end', meta })
}

run().catch((e: unknown) => post({ type: 'error', error: toErrorData(e) }))

/** Messages between the command line's import and its reader thread (read-worker.ts). */
import type { AppErrorData } from '../domain/errors'
import type { DetectedColumn, HeaderDetection } from './headers'
import type { ParsedRoster, ParsedRow } from './parse'

export interface ReaderBoot {
  path: string
  fileName: string
  sheet: string | undefined
}

/** What the reader is told once the sheet is picked: the columns as mapped. */
export interface ToReader {
  columns: DetectedColumn[]
}

export type FromReader =
  | { type: 'picked'; detection: HeaderDetection }
  /** Checked rows in file order. */
  | { type: 'rows'; rows: ParsedRow[] }
  /** Every row sent; the roster without its rows. */
  | { type: 'end'; meta: Omit<ParsedRoster, 'rows'> }
  | { type: 'error'; error: AppErrorData }

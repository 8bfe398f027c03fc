/**
 * The Word writer (docx.ts and the docx library, ~14 MB once loaded), loaded by the first Word
 * form: a data worker that never writes one does not carry it (tests/db/worker-lazy.test.ts).
 */
import type * as Docx from './docx'

export function loadDocx(): Promise<typeof Docx> {
  return import('./docx')
}

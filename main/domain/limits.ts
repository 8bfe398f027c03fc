/** Size limits shared by the IPC contract (checked at the boundary) and the code that enforces them. */

/** A roster file as received by the import (main/roster-import/workbook.ts LIMITS.fileBytes). */
export const IMPORT_MAX_FILE_BYTES = 60 * 1024 * 1024

/** "60 MB" */
export function megabytes(n: number): string {
  return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`
}

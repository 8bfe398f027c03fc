/** Channels of the Excel export (issue 4): the roster as the grid shows it or in a standard layout. */
import { z } from 'zod'
import { CadreQuerySchema } from './core'
import { channel, read } from './define'

export interface ExportFileResult {
  fileName: string
  bytes: Uint8Array
  /** People written. */
  rows: number
  /** Unit heading rows written (按机构分组). */
  groups: number
}

export const RosterExportSchema = z.object({
  query: CadreQuerySchema.omit({ offset: true, limit: true }),
  /** Keys of the visible columns in grid order; absent: the standard roster columns with 序号. */
  columns: z.array(z.string().max(40)).min(1, '请至少选择一列').max(60).optional(),
  layout: z.enum(['per-row', 'by-unit']),
})

export const exportChannels = {
  'export.roster': channel<ExportFileResult>()(
    RosterExportSchema,
    read(['cadres', 'units', 'resume_entries', 'family_members', 'impact_periods'], 'heavy'),
  ),
}

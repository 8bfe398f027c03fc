/**
 * Buttons on the roster toolbar that other capabilities add (导出, 打印任免审批表, 列入后备 ...).
 * Add an entry from your own module: `ROSTER_ACTIONS.push({...})` in a file imported by your page
 * registration, or one line in this list. The roster passes what the clerk sees: the selection,
 * the query behind the grid (search, unit, statuses, column filters, sort) and the visible columns.
 */
import type { CadreQuery } from '../../../../main/domain/cadre'
import { exportRosterAction } from '../export/ExportDialog'

export interface RosterActionContext {
  /** Ids of the rows ticked in the grid, in grid order. */
  selectedIds: number[]
  /** The query behind the grid as it stands (without paging). */
  query: Omit<CadreQuery, 'offset' | 'limit'>
  /** Canonical keys of the visible columns in grid order (plus 'age', 'impactUntil' when shown). */
  visibleColumns: string[]
  /** Reloads the grid rows and counts. */
  refresh(): void
}

export interface RosterAction {
  id: string
  label: string
  /** Disabled while no row is ticked. */
  needsSelection?: boolean
  run(ctx: RosterActionContext): void | Promise<void>
}

export const ROSTER_ACTIONS: RosterAction[] = [exportRosterAction]

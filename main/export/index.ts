/** The app's one export module: the generic table writer and the roster built on it. */
export { cellValue, looksLikeFormula, type CellInput, type CellKind } from './cells'
export {
  safeSheetName,
  workbookToBytes,
  workbookToFile,
  writeTable,
  writeWorkbook,
  type GroupRow,
  type SheetResult,
  type TableColumn,
  type TableItem,
  type TableRow,
  type TableSheet,
} from './workbook'
export {
  COUNTY_NAME_KEY,
  DEFAULT_COUNTY_NAME,
  ROSTER_LAYOUTS,
  STANDARD_COLUMNS,
  checkColumns,
  countyName,
  exportRosterToBytes,
  exportRosterToFile,
  rosterFileName,
  rosterSheet,
  rosterTitle,
  type RosterExportOptions,
  type RosterExportResult,
  type RosterLayout,
} from './roster'
export { EXPORT_KEYS, cellRows, labelOf, matchIds, type RosterQuery } from './source'

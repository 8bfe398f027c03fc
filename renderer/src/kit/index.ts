/**
 * The renderer kit: what the pages kept writing by hand.
 * - `useApiQuery` (lib/query) for data, `<Loaded>` for its loading / error (with 重试) / empty states;
 * - `<RecordTable>`: a column spec → a plain table, or ag-grid for long lists;
 * - `<ActionDialog>`: a dialog that saves, with busy state and notices until read;
 * - `useAction`: busy, Chinese error, success message; the data refreshes by change events.
 */
import './kit.css'
export { useAction, type Action, type ActionOptions } from './useAction'
export { Loaded, LoadError, type LoadedProps } from './Loaded'
export { RecordTable, type Column, type RecordTableProps } from './RecordTable'
export { ActionDialog, type ActionDialogProps, type Notice } from './ActionDialog'
export { useUnits } from './units'
export { Pager } from './Pager'

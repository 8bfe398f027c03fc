/** Shared UI pieces for every page. */
export { Dialog, type DialogProps } from './Dialog'
export { showMessage, showError, errorText, MessageArea, type MessageKind } from './messages'
export { confirmDialog, ConfirmHost, type ConfirmOptions } from './confirm'
export { TextField, MonthField, SelectField, TextAreaField, FormGrid, FormSection } from './fields'
export { Page, Toolbar, Spacer, EmptyState, type PageProps } from './Page'
export { DataGrid, gridTheme, GRID_LOCALE, type DataGridProps } from './DataGrid'
export { setLeaveGuard, canLeave } from './leaveGuard'

/**
 * ag-grid with the app's look and Chinese texts. Registers the modules the grids use once, applies
 * AG_GRID_LOCALE_CN and the theme; every other prop passes through to AgGridReact.
 * For small client-side tables pass rowData; for big ones use rowModelType 'infinite'.
 */
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react'
import {
  CellStyleModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  DragAndDropModule,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  TextFilterModule,
  TooltipModule,
  themeQuartz,
} from 'ag-grid-community'
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale'
import type { Ref } from 'react'

// Only what the app's grids use (AllCommunityModule brought editors, CSV export, pagination, row
// dragging, quick and number/date filters… into the bundle parsed before the first page shows):
// row models (infinite for the roster and the review, client-side for small tables and the import
// preview), the roster's text filters, checkbox selection, tooltips, cellClass / rowClass,
// the column, row and scroll API calls the pages make, Chinese texts, header dragging.
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  InfiniteRowModelModule,
  TextFilterModule,
  RowSelectionModule,
  TooltipModule,
  CellStyleModule,
  RowStyleModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  LocaleModule,
  DragAndDropModule,
])

export const gridTheme = themeQuartz.withParams({
  fontFamily: ['Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  rowHeight: 32,
  headerHeight: 34,
  spacing: 6,
  cellHorizontalPadding: 8,
  accentColor: '#a61b1b',
  headerBackgroundColor: '#f3f0ee',
  oddRowBackgroundColor: '#fbfafa',
  borderColor: '#dcd8d4',
  wrapperBorderRadius: 2,
  browserColorScheme: 'light',
})

export const GRID_LOCALE: Record<string, string> = {
  ...AG_GRID_LOCALE_CN,
  noRowsToShow: '没有符合条件的记录',
  loadingOoo: '正在加载…',
}

export type DataGridProps<T> = AgGridReactProps<T> & { gridRef?: Ref<AgGridReact<T>> }

export function DataGrid<T>({ gridRef, ...props }: DataGridProps<T>) {
  return <AgGridReact<T> ref={gridRef} theme={gridTheme} localeText={GRID_LOCALE} {...props} />
}

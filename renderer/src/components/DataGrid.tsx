/**
 * ag-grid with the app's look and Chinese texts. Registers the community modules once, applies
 * AG_GRID_LOCALE_CN and the theme; every other prop passes through to AgGridReact.
 * For small client-side tables pass rowData; for big ones use rowModelType 'infinite'.
 */
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react'
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community'
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale'
import type { Ref } from 'react'

ModuleRegistry.registerModules([AllCommunityModule])

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

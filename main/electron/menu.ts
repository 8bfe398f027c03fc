/**
 * The Chinese application menu (文件 / 编辑 / 视图 / 帮助) and the 关于 box's text. The template is
 * built here from plain callbacks so the glue test can read it against a stub; DevTools appear in
 * 视图 only in development.
 */
import type { MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  openDataFolder(): void
  openLogFile(): void
  showAbout(): void
}

export interface AboutInfo {
  version: string
  dbPath: string
  logPath: string
  /** Electron / Chromium versions, for the maintainer. */
  electron?: string | undefined
  chrome?: string | undefined
  demo?: boolean
}

export function aboutText(info: AboutInfo): { message: string; detail: string } {
  const lines = [
    `版本：${info.version}`,
    `数据文件：${info.dbPath}${info.demo ? '（演示数据，不是正式档案）' : ''}`,
    `运行日志：${info.logPath}`,
  ]
  if (info.electron) lines.push(`运行环境：Electron ${info.electron}${info.chrome ? `，Chromium ${info.chrome}` : ''}`)
  lines.push('', '数据只保存在本机，不会上传。遇到问题时，请把运行日志交给维护人员。')
  return { message: `干部管理系统 ${info.version}`, detail: lines.join('\n') }
}

export function menuTemplate(actions: MenuActions, opts: { devTools: boolean }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: '重新载入' },
    { type: 'separator' },
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ]
  if (opts.devTools) view.push({ type: 'separator' }, { role: 'toggleDevTools', label: '开发者工具' })
  return [
    {
      label: '文件',
      submenu: [
        { label: '打开数据文件夹', click: () => actions.openDataFolder() },
        { type: 'separator' },
        { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: view },
    {
      label: '帮助',
      submenu: [
        { label: '打开运行日志', click: () => actions.openLogFile() },
        { type: 'separator' },
        { label: '关于干部管理系统', click: () => actions.showAbout() },
      ],
    },
  ]
}

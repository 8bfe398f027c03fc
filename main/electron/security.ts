/**
 * The window's hardening, kept apart so the glue test can check it against a stub.
 * contextIsolation, sandbox, no nodeIntegration, no new windows, no navigation away from the
 * app's own index file, every permission request denied, DevTools only in development.
 */
import { pathToFileURL } from 'node:url'
import type { BrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron'

export function secureWebPreferences(
  preload: string,
  opts: { devTools?: boolean } = {},
): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
    // Production builds have no DevTools at all: the window's web contents cannot open them.
    devTools: opts.devTools ?? false,
  }
}

export interface AppPages {
  /** The built renderer's index.html (absolute path). */
  indexFile: string
  /** electron-vite's dev server in development, else undefined. */
  devServerUrl?: string | undefined
}

/**
 * Only the app's own page may load: the built renderer's index.html itself (any #/route on it),
 * or the dev server in development. Another file:// page — a document on the disk, a page saved
 * from the web — would get `window.api`, so it is refused like any web page.
 */
export function isAppUrl(url: string, pages: AppPages): boolean {
  if (pages.devServerUrl && (url === pages.devServerUrl || url.startsWith(pages.devServerUrl.replace(/\/?$/, '/'))))
    return true
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return false
  }
  if (target.protocol !== 'file:') return false
  const own = pathToFileURL(pages.indexFile)
  // Compare the path only (a #/route or ?query on the same file is the same page); file URLs
  // percent-encode differently from one builder to another, so both sides are decoded.
  const norm = (p: string): string => {
    try {
      return decodeURIComponent(p)
    } catch {
      return p
    }
  }
  const caseless = process.platform === 'win32'
  const a = norm(target.pathname)
  const b = norm(own.pathname)
  return (caseless ? a.toLowerCase() === b.toLowerCase() : a === b) && target.host === own.host
}

export function hardenWindow(win: BrowserWindow, pages: AppPages, opts: { devTools?: boolean } = {}): void {
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, pages)) event.preventDefault()
  })
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, pages)) event.preventDefault()
  })
  // A webview could host any page with its own preferences: none is ever attached.
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  if (!opts.devTools) {
    // devTools:false already disables them; should anything open them anyway, close them at once.
    win.webContents.on('devtools-opened', () => win.webContents.closeDevTools())
  }
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

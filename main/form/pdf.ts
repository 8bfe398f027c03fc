/**
 * Prints the form's HTML to PDF with Debian's Chromium through playwright-core: the command line,
 * the tests and the browser host. The Electron app prints the same HTML with
 * webContents.printToPDF instead and registers that printer with `setPdfPrinter`.
 */
import { AppError } from '../domain/errors'
import { jobProgress, throwIfCancelled } from '../worker/job'

export type PdfPrinter = (html: string) => Promise<Uint8Array>

export const CHROMIUM_EXECUTABLE = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
/** Debian's Chromium as this machine runs it headless (no network reach, no sandbox as root). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Prints each document to its own PDF in one Chromium session (a set of forms as a zip). */
export async function printHtmlsToPdfs(htmls: readonly string[]): Promise<Uint8Array[]> {
  // Loaded on demand: playwright-core is not part of the packaged desktop app.
  const { chromium } = await import('playwright-core')
  let browser
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_EXECUTABLE,
      args: CHROMIUM_FLAGS,
      headless: true,
    })
  } catch (e) {
    throw new AppError(
      'pdf-printer',
      `无法启动 Chromium 生成 PDF（${CHROMIUM_EXECUTABLE}）：${(e as Error).message.split('\n')[0] ?? ''}`,
      `cannot start Chromium at ${CHROMIUM_EXECUTABLE}`,
    )
  }
  try {
    const page = await browser.newPage()
    // Nothing outside the document is fetched: the form is self-contained (the photo is a data: URL).
    await page.route('**/*', (route) => route.abort())
    const out: Uint8Array[] = []
    for (const html of htmls) {
      // A long job (a set as a zip) goes file by file and stops between files when cancelled.
      throwIfCancelled()
      await page.setContent(html, { waitUntil: 'load' })
      await page.waitForFunction("document.documentElement.getAttribute('data-fitted') === '1'", null, {
        timeout: 30_000,
      })
      const pdf = await page.pdf({
        format: 'A4',
        preferCSSPageSize: true,
        printBackground: true,
        margin: { top: '0', right: '0', bottom: '0', left: '0' },
      })
      out.push(new Uint8Array(pdf))
      jobProgress(out.length, htmls.length)
    }
    return out
  } finally {
    await browser.close()
  }
}

export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const [pdf] = await printHtmlsToPdfs([html])
  if (!pdf) throw new AppError('pdf-printer', '未能生成 PDF', 'no PDF printed')
  return pdf
}

let current: PdfPrinter = printHtmlToPdf

/** The Electron glue calls this with a printer built on webContents.printToPDF. */
export function setPdfPrinter(p: PdfPrinter): void {
  current = p
}

export function printPdf(html: string): Promise<Uint8Array> {
  return current(html)
}

/** Several documents, each its own PDF: one Chromium session, or the registered printer one by one. */
export async function printPdfs(htmls: readonly string[]): Promise<Uint8Array[]> {
  if (current === printHtmlToPdf) return printHtmlsToPdfs(htmls)
  const out: Uint8Array[] = []
  for (const h of htmls) {
    throwIfCancelled()
    out.push(await current(h))
    jobProgress(out.length, htmls.length)
  }
  return out
}

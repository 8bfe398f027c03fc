/**
 * Text that does not fit its box is set smaller step by step, as the official editor does; nothing
 * is ever cut off. Every `.fit` box of the form has a fixed height and an inner `.in`; the font
 * size steps down by 0.5pt from `data-pt` until the inner content fits. If even the smallest size
 * does not fit, the box grows (the page gets longer rather than losing text).
 *
 * This runs in the page: as an inline script in the printable HTML (Chromium, Electron's
 * printToPDF), and from the app's print preview on the iframe's document (the app's CSP blocks
 * inline scripts there). Keep it free of imports and inner named functions: its source text is
 * embedded as a script (see FIT_SCRIPT).
 */
export function fitFormDocument(doc: FitDocument): number {
  let shrunk = 0
  Array.from(doc.querySelectorAll('.fit')).forEach((node) => {
    const box = node as FitBox
    const inner = box.querySelector('.in') as FitBox | null
    if (!inner) return
    let pt = parseFloat(box.getAttribute('data-pt') ?? '') || 12
    const min = parseFloat(box.getAttribute('data-min') ?? '') || 4
    box.style.fontSize = pt + 'pt'
    while (
      (inner.scrollHeight > box.clientHeight + 0.5 || inner.scrollWidth > inner.clientWidth + 0.5) &&
      pt > min
    ) {
      pt = Math.round((pt - 0.5) * 10) / 10
      box.style.fontSize = pt + 'pt'
      shrunk++
    }
    if (inner.scrollHeight > box.clientHeight + 0.5) {
      box.style.height = 'auto'
      box.classList.add('grown')
    }
  })
  doc.documentElement.setAttribute('data-fitted', '1')
  return shrunk
}

/** The little of the DOM it uses, declared here: main/ is type-checked without the DOM library
 *  (tsconfig.main.json); the renderer passes the preview's Document, the page its own. */
interface FitBox {
  querySelector(selector: string): unknown
  getAttribute(name: string): string | null
  style: { fontSize: string; height: string }
  classList: { add(name: string): void }
  scrollHeight: number
  scrollWidth: number
  clientHeight: number
  clientWidth: number
}
interface FitDocument {
  querySelectorAll(selector: string): ArrayLike<unknown>
  documentElement: { setAttribute(name: string, value: string): void }
}

/** The same function as an inline script; `__name` is a no-op shim for tools that wrap named functions. */
export const FIT_SCRIPT =
  'var __name = function (f) { return f };\n' +
  `(document.fonts ? document.fonts.ready : Promise.resolve()).then(function () {\n` +
  `  (${fitFormDocument.toString()})(document);\n` +
  '});'

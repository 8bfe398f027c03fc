#!/usr/bin/env node
/**
 * Draws the app's icon and the Windows installer's pictures into resources/, with Debian's
 * Chromium (the one the e2e tests use) and the Noto CJK font, so the emblem is the same 干 on
 * red-and-gold as the app's own header. The results are committed; run this only to change them:
 *
 *   node scripts/make-icons.mjs
 *
 * Writes:
 *   resources/icon.png                1024×1024 (electron-builder's source icon)
 *   resources/icon.ico                16, 24, 32, 48, 64, 128, 256 (Windows: exe, shortcuts)
 *   resources/icons/NxN.png           16 … 512 (Linux: .deb hicolor theme, AppImage)
 *   resources/installer/installer.ico, uninstaller.ico (NSIS)
 *   resources/installer/sidebar.bmp   164×314 (NSIS welcome/finish pages)
 *   resources/installer/header.bmp    150×57  (NSIS page header)
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'resources')

export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]

/** Runs in the page: draws one picture on a canvas and returns its PNG and raw RGBA (base64). */
function draw({ kind, width, height }) {
  const c = document.createElement('canvas')
  c.width = width
  c.height = height
  const g = c.getContext('2d')
  const RED = '#a61b1b'
  const RED_DARK = '#7f1515'
  const GOLD = '#f4d58d'
  const font = (px) => `900 ${px}px "Noto Serif CJK SC", "Noto Sans CJK SC", serif`

  function emblem(cx, cy, size) {
    // Rounded red square, a gold disc, 干 in red: the header's emblem on the app's red.
    const r = size * 0.2
    const x = cx - size / 2
    const y = cy - size / 2
    const grad = g.createLinearGradient(x, y, x, y + size)
    grad.addColorStop(0, RED)
    grad.addColorStop(1, RED_DARK)
    g.fillStyle = grad
    g.beginPath()
    g.roundRect(x, y, size, size, r)
    g.fill()
    g.fillStyle = GOLD
    g.beginPath()
    // Small sizes: a bigger disc so the glyph stays readable.
    const disc = size <= 32 ? 0.46 : 0.4
    g.arc(cx, cy, size * disc, 0, Math.PI * 2)
    g.fill()
    g.fillStyle = RED_DARK
    g.textAlign = 'center'
    g.textBaseline = 'middle'
    const px = size * (size <= 32 ? 0.62 : 0.5)
    g.font = font(px)
    // CJK glyphs sit a little high on the middle baseline.
    g.fillText('干', cx, cy + px * 0.04)
  }

  if (kind === 'icon') {
    emblem(width / 2, height / 2, width)
  } else if (kind === 'sidebar') {
    const grad = g.createLinearGradient(0, 0, 0, height)
    grad.addColorStop(0, RED)
    grad.addColorStop(1, RED_DARK)
    g.fillStyle = grad
    g.fillRect(0, 0, width, height)
    g.fillStyle = GOLD
    g.beginPath()
    g.arc(width / 2, 92, 44, 0, Math.PI * 2)
    g.fill()
    g.fillStyle = RED_DARK
    g.textAlign = 'center'
    g.textBaseline = 'middle'
    g.font = font(50)
    g.fillText('干', width / 2, 94)
    g.fillStyle = '#ffffff'
    g.font = font(20)
    g.fillText('干部管理系统', width / 2, 176)
    g.fillStyle = GOLD
    g.font = `500 14px "Noto Sans CJK SC", sans-serif`
    g.fillText('县委组织部', width / 2, 206)
  } else {
    g.fillStyle = '#ffffff'
    g.fillRect(0, 0, width, height)
    emblem(height / 2 + 4, height / 2, 40)
    g.fillStyle = RED_DARK
    g.textAlign = 'left'
    g.textBaseline = 'middle'
    g.font = font(15)
    g.fillText('干部管理系统', 54, height / 2)
  }
  const rgba = g.getImageData(0, 0, width, height).data
  let bin = ''
  for (let i = 0; i < rgba.length; i += 0x8000) bin += String.fromCharCode(...rgba.subarray(i, i + 0x8000))
  return { png: c.toDataURL('image/png').split(',')[1], rgba: btoa(bin) }
}

/** A 32-bit DIB for an ICO entry: BITMAPINFOHEADER, BGRA rows bottom-up, then the AND mask. */
function dib(rgba, w, h) {
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(w, 4)
  header.writeInt32LE(h * 2, 8) // colour + mask
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  header.writeUInt32LE(0, 16)
  const pixels = Buffer.alloc(w * h * 4)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * 4
      const d = ((h - 1 - y) * w + x) * 4
      pixels[d] = rgba[s + 2]
      pixels[d + 1] = rgba[s + 1]
      pixels[d + 2] = rgba[s]
      pixels[d + 3] = rgba[s + 3]
    }
  }
  const maskRow = Math.ceil(w / 32) * 4
  const mask = Buffer.alloc(maskRow * h) // all 0: the alpha channel decides
  return Buffer.concat([header, pixels, mask])
}

/** An ICO file: BMP entries below 256 (NSIS and old Windows read those), PNG at 256. */
function ico(entries) {
  const dir = Buffer.alloc(6 + 16 * entries.length)
  dir.writeUInt16LE(0, 0)
  dir.writeUInt16LE(1, 2)
  dir.writeUInt16LE(entries.length, 4)
  let offset = dir.length
  const bodies = []
  entries.forEach((e, i) => {
    const body = e.size >= 256 ? e.png : dib(e.rgba, e.size, e.size)
    const at = 6 + 16 * i
    dir.writeUInt8(e.size >= 256 ? 0 : e.size, at)
    dir.writeUInt8(e.size >= 256 ? 0 : e.size, at + 1)
    dir.writeUInt8(0, at + 2)
    dir.writeUInt8(0, at + 3)
    dir.writeUInt16LE(1, at + 4)
    dir.writeUInt16LE(32, at + 6)
    dir.writeUInt32LE(body.length, at + 8)
    dir.writeUInt32LE(offset, at + 12)
    offset += body.length
    bodies.push(body)
  })
  return Buffer.concat([dir, ...bodies])
}

/** A 24-bit BMP (what NSIS wants for its sidebar and header), rows bottom-up, white behind alpha. */
function bmp24(rgba, w, h) {
  const row = Math.ceil((w * 3) / 4) * 4
  const size = 54 + row * h
  const b = Buffer.alloc(size)
  b.write('BM', 0, 'latin1')
  b.writeUInt32LE(size, 2)
  b.writeUInt32LE(54, 10)
  b.writeUInt32LE(40, 14)
  b.writeInt32LE(w, 18)
  b.writeInt32LE(h, 22)
  b.writeUInt16LE(1, 26)
  b.writeUInt16LE(24, 28)
  b.writeUInt32LE(row * h, 34)
  b.writeInt32LE(2835, 38)
  b.writeInt32LE(2835, 42)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * 4
      const a = rgba[s + 3] / 255
      const d = 54 + (h - 1 - y) * row + x * 3
      b[d] = Math.round(rgba[s + 2] * a + 255 * (1 - a))
      b[d + 1] = Math.round(rgba[s + 1] * a + 255 * (1 - a))
      b[d + 2] = Math.round(rgba[s] * a + 255 * (1 - a))
    }
  }
  return b
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
    headless: true,
  })
  try {
    const page = await browser.newPage()
    await page.setContent('<html><body style="font-family:\'Noto Serif CJK SC\'">干部管理系统</body></html>')
    await page.evaluate(() => document.fonts.ready)
    const render = async (kind, width, height) => {
      const r = await page.evaluate(draw, { kind, width, height })
      return { png: Buffer.from(r.png, 'base64'), rgba: Buffer.from(r.rgba, 'base64'), size: width }
    }
    mkdirSync(join(out, 'icons'), { recursive: true })
    mkdirSync(join(out, 'installer'), { recursive: true })
    writeFileSync(join(out, 'icon.png'), (await render('icon', 1024, 1024)).png)
    const bySize = new Map()
    for (const s of [...new Set([...ICO_SIZES, ...LINUX_SIZES])]) bySize.set(s, await render('icon', s, s))
    for (const s of LINUX_SIZES) writeFileSync(join(out, 'icons', `${s}x${s}.png`), bySize.get(s).png)
    const icoFile = ico(ICO_SIZES.map((s) => bySize.get(s)))
    writeFileSync(join(out, 'icon.ico'), icoFile)
    writeFileSync(join(out, 'installer', 'installer.ico'), icoFile)
    writeFileSync(join(out, 'installer', 'uninstaller.ico'), icoFile)
    const sidebar = await render('sidebar', 164, 314)
    writeFileSync(join(out, 'installer', 'sidebar.bmp'), bmp24(sidebar.rgba, 164, 314))
    const header = await render('header', 150, 57)
    writeFileSync(join(out, 'installer', 'header.bmp'), bmp24(header.rgba, 150, 57))
    console.log(`已生成图标与安装程序图片：${out}`)
  } finally {
    await browser.close()
  }
}

await main()

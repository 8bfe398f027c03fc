/**
 * What a clerk uploads: one .lrmx file, or a zip of many. A zip is opened with limits on its size,
 * the number of entries and the bytes they unpack to (declared and actually inflated), so a zip
 * bomb is refused before it fills the memory.
 */
import type JSZip from 'jszip'
import { AppError } from '../domain/errors'
import { MAX_LRMX_BYTES } from './parse'

export const MAX_ZIP_BYTES = 50 * 1024 * 1024
export const MAX_ZIP_ENTRIES = 2000
export const MAX_ZIP_UNPACKED = 200 * 1024 * 1024

export interface UploadEntry {
  /** The file's name (inside the zip: its path there). */
  name: string
  bytes: Uint8Array | null
  /** Why this entry was not read (too large, not an .lrmx). */
  error: string | null
}

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 0x03 || bytes[2] === 0x05) &&
    (bytes[3] === 0x04 || bytes[3] === 0x06)
  )
}

function mb(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MB`
}

function decodeName(raw: string[] | Uint8Array | Buffer): string {
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw.map((c) => c.charCodeAt(0)))
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes) // zips made on Chinese Windows
  }
}

interface StreamHelper {
  on(ev: 'data', cb: (chunk: Uint8Array) => void): StreamHelper
  on(ev: 'error', cb: (e: Error) => void): StreamHelper
  on(ev: 'end', cb: () => void): StreamHelper
  pause(): StreamHelper
  resume(): StreamHelper
}

/** Inflates one entry, stopping as soon as it passes `limit` bytes. */
function inflateEntry(file: JSZip.JSZipObject, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = []
    let total = 0
    let settled = false
    // internalStream is jszip's own chunked reader (not in its type definitions): it can be paused.
    const s = (file as unknown as { internalStream(t: 'uint8array'): StreamHelper }).internalStream(
      'uint8array',
    )
    s.on('data', (chunk: Uint8Array) => {
      if (settled) return
      total += chunk.length
      if (total > limit) {
        settled = true
        s.pause()
        resolve(null)
        return
      }
      chunks.push(chunk)
    })
    s.on('error', (e: Error) => {
      if (settled) return
      settled = true
      reject(e)
    })
    s.on('end', () => {
      if (settled) return
      settled = true
      const out = new Uint8Array(total)
      let at = 0
      for (const c of chunks) {
        out.set(c, at)
        at += c.length
      }
      resolve(out)
    })
    s.resume()
  })
}

/** The .lrmx files of an upload. Throws for an upload that cannot be taken at all. */
export async function readUpload(bytes: Uint8Array, fileName: string): Promise<UploadEntry[]> {
  if (!isZip(bytes)) {
    if (/\.zip$/i.test(fileName)) {
      throw new AppError(
        'zip-invalid',
        `文件“${fileName}”不是有效的 zip 压缩包，未导入`,
        `${fileName} is not a zip file`,
      )
    }
    return [{ name: fileName, bytes, error: null }]
  }
  if (bytes.length > MAX_ZIP_BYTES) {
    throw new AppError(
      'zip-too-large',
      `压缩包“${fileName}”有 ${mb(bytes.length)}，超过上限 ${mb(MAX_ZIP_BYTES)}，请分批导入`,
      `zip larger than ${mb(MAX_ZIP_BYTES)}`,
    )
  }
  let zip: JSZip
  // jszip (~9 MB) is loaded by the first zip opened, not by every data worker as it starts.
  const { default: JSZipLib } = await import('jszip')
  try {
    zip = await JSZipLib.loadAsync(bytes, { decodeFileName: decodeName, checkCRC32: false })
  } catch (e) {
    throw new AppError(
      'zip-invalid',
      `压缩包“${fileName}”已损坏或不是 zip 文件（${(e as Error).message}），未导入`,
      `${fileName} is not a readable zip`,
    )
  }
  const files = Object.values(zip.files).filter((f) => !f.dir && !/(^|\/)__MACOSX\//.test(f.name))
  if (files.length > MAX_ZIP_ENTRIES) {
    throw new AppError(
      'zip-too-many',
      `压缩包“${fileName}”含 ${files.length} 个文件，超过上限 ${MAX_ZIP_ENTRIES} 个，请分批导入`,
      `more than ${MAX_ZIP_ENTRIES} entries`,
    )
  }
  // What the entries say they unpack to (the central directory): a zip bomb usually says so.
  let declared = 0
  for (const f of files) {
    const size = (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0
    declared += size
  }
  if (declared > MAX_ZIP_UNPACKED) {
    throw new AppError(
      'zip-bomb',
      `压缩包“${fileName}”解压后有 ${mb(declared)}，超过上限 ${mb(MAX_ZIP_UNPACKED)}（可能是“压缩炸弹”），拒绝导入`,
      `zip unpacks to ${mb(declared)}, more than ${mb(MAX_ZIP_UNPACKED)}; refused`,
    )
  }
  const out: UploadEntry[] = []
  let unpacked = 0
  for (const f of files) {
    if (!/\.lrmx$/i.test(f.name)) {
      out.push({ name: f.name, bytes: null, error: '不是 .lrmx 文件，已跳过' })
      continue
    }
    // The declared sizes may lie: count what actually comes out.
    const data = await inflateEntry(f, Math.min(MAX_LRMX_BYTES, MAX_ZIP_UNPACKED - unpacked)).catch(
      (e: unknown) => {
        out.push({ name: f.name, bytes: null, error: `解压失败：${(e as Error).message}` })
        return undefined
      },
    )
    if (data === undefined) continue
    if (data === null) {
      if (unpacked + MAX_LRMX_BYTES > MAX_ZIP_UNPACKED) {
        throw new AppError(
          'zip-bomb',
          `压缩包“${fileName}”解压后超过上限 ${mb(MAX_ZIP_UNPACKED)}（可能是“压缩炸弹”），拒绝导入`,
          `zip unpacks to more than ${mb(MAX_ZIP_UNPACKED)}; refused`,
        )
      }
      out.push({
        name: f.name,
        bytes: null,
        error: `解压后超过 ${mb(MAX_LRMX_BYTES)}，不是正常的任免审批表文件，已拒绝`,
      })
      continue
    }
    unpacked += data.length
    out.push({ name: f.name, bytes: data, error: null })
  }
  if (!out.some((e) => e.bytes)) {
    throw new AppError(
      'zip-empty',
      `压缩包“${fileName}”中没有可导入的 .lrmx 文件`,
      `no .lrmx file in ${fileName}`,
    )
  }
  return out
}

/**
 * A cadre's photo, wherever it comes from (the cadre page, an LRMX file, an exchange file): a JPEG
 * or a PNG by its first bytes (the file's name or a declared type proves nothing), at most 2 MB.
 * One check, one Chinese wording, so every door refuses the same bytes the same way.
 */

/** The largest photo kept: a 413×531 form photo is some 100 KB; 2 MB leaves room for a scan. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024

export type ImageKind = 'jpeg' | 'png'

/** 'jpeg' / 'png' by the file's first bytes, null otherwise. */
export function imageKind(b: Uint8Array): ImageKind | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (b.length >= 8 && png.every((v, i) => b[i] === v)) return 'png'
  return null
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(2)} MB`
}

/** The first bytes in hex, for a message saying what the file starts with. */
function head(b: Uint8Array): string {
  return Array.from(b.subarray(0, 4), (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ')
}

/** What is wrong with a photo, in Chinese (without saying whose: the caller names the cadre); null when fine. */
export function photoProblem(b: Uint8Array): string | null {
  if (b.byteLength > PHOTO_MAX_BYTES)
    return `照片有 ${mb(b.byteLength)}，超过 ${PHOTO_MAX_BYTES / 1024 / 1024} MB 的上限`
  if (b.byteLength === 0) return '照片是空文件'
  if (!imageKind(b)) return `照片不是 JPEG 或 PNG 图片（文件开头的字节为 ${head(b)}）`
  return null
}

/** Base64 text longer than this cannot decode to a photo within the limit. */
export const PHOTO_MAX_BASE64 = Math.ceil(PHOTO_MAX_BYTES / 3) * 4

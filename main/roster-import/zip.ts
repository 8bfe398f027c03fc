/**
 * A small, strict zip reader for .xlsx packages: the central directory is read once, each part is
 * inflated on demand by Node's native zlib with a hard output limit (a zip bomb stops at the limit
 * instead of filling memory) and checked against its CRC.
 */
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib'
import { AppError } from '../domain/errors'

export interface ZipEntry {
  name: string
  method: number
  flags: number
  crc: number
  compressedSize: number
  uncompressedSize: number
  localOffset: number
}

function corrupt(detail: string): AppError {
  return new AppError(
    'import-corrupt',
    `文件已损坏，无法读取（${detail}）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`,
    `the file is damaged: ${detail}`,
  )
}

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>()

  constructor(private readonly buf: Buffer) {
    const eocd = this.findEocd()
    const count = buf.readUInt16LE(eocd + 10)
    const cdSize = buf.readUInt32LE(eocd + 12)
    const cdOffset = buf.readUInt32LE(eocd + 16)
    if (cdOffset === 0xffffffff || count === 0xffff) {
      throw new AppError('import-too-large', '文件过大（ZIP64 格式），请拆分后再导入', 'zip64 files are not supported')
    }
    if (cdOffset + cdSize > buf.length) throw corrupt('目录越界')
    let p = cdOffset
    for (let i = 0; i < count; i++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw corrupt('目录项损坏')
      const flags = buf.readUInt16LE(p + 8)
      const method = buf.readUInt16LE(p + 10)
      const crc = buf.readUInt32LE(p + 16)
      const compressedSize = buf.readUInt32LE(p + 20)
      const uncompressedSize = buf.readUInt32LE(p + 24)
      const nameLen = buf.readUInt16LE(p + 28)
      const extraLen = buf.readUInt16LE(p + 30)
      const commentLen = buf.readUInt16LE(p + 32)
      const localOffset = buf.readUInt32LE(p + 42)
      const name = buf.toString('utf8', p + 46, p + 46 + nameLen).replace(/\\/g, '/').replace(/^\/+/, '')
      this.entries.set(name.toLowerCase(), { name, method, flags, crc, compressedSize, uncompressedSize, localOffset })
      p += 46 + nameLen + extraLen + commentLen
    }
  }

  private findEocd(): number {
    const b = this.buf
    const min = Math.max(0, b.length - 65557)
    for (let i = b.length - 22; i >= min; i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i
    }
    throw corrupt('找不到 ZIP 目录')
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase())
  }

  /** Size the part claims to have once inflated (checked again while inflating). */
  sizeOf(name: string): number | null {
    return this.entries.get(name.toLowerCase())?.uncompressedSize ?? null
  }

  /** The part's bytes, or null when the package has no such part. */
  read(name: string, maxBytes: number): Buffer | null {
    const e = this.entries.get(name.toLowerCase())
    if (!e) return null
    const raw = this.rawOf(e, maxBytes)
    let out: Buffer
    if (e.method === 0) out = Buffer.from(raw)
    else {
      try {
        out = inflateRawSync(raw, { maxOutputLength: Math.max(maxBytes, 1) })
      } catch (err) {
        throw inflateError(err, e, maxBytes)
      }
    }
    return this.checked(e, out)
  }

  /** As `read`, inflating on libuv's thread pool so the event loop stays free for large parts. */
  async readAsync(name: string, maxBytes: number): Promise<Buffer | null> {
    const e = this.entries.get(name.toLowerCase())
    if (!e) return null
    const raw = this.rawOf(e, maxBytes)
    if (e.method === 0) return this.checked(e, Buffer.from(raw))
    // Inflated straight into a buffer of the size the directory states: no chunk list and no
    // concatenated copy (a 100,000-row sheet is ~80 MB once inflated); more bytes than stated stop it.
    const out = Buffer.allocUnsafe(e.uncompressedSize)
    let off = 0
    await new Promise<void>((resolve, reject) => {
      const inf = createInflateRaw({ chunkSize: 256 * 1024 })
      inf.on('data', (c: Buffer) => {
        if (off + c.length > out.length) {
          inf.destroy()
          reject(corrupt(`部件 ${e.name} 解压后比目录所记的长`))
          return
        }
        c.copy(out, off)
        off += c.length
      })
      inf.on('end', () => resolve())
      inf.on('error', (err) => reject(inflateError(err, e, maxBytes)))
      inf.end(raw)
    })
    if (off !== out.length) throw corrupt(`部件 ${e.name} 长度不符`)
    return this.checked(e, out)
  }

  private checked(e: ZipEntry, out: Buffer): Buffer {
    if (out.length !== e.uncompressedSize) throw corrupt(`部件 ${e.name} 长度不符`)
    if ((crc32(out) >>> 0) !== e.crc >>> 0) throw corrupt(`部件 ${e.name} 校验失败`)
    return out
  }

  private rawOf(e: ZipEntry, maxBytes: number): Buffer {
    if (e.flags & 1) {
      throw new AppError('import-encrypted', '文件设有密码保护，请先在 Excel 中取消密码后再导入', 'the file is password-protected')
    }
    if (e.uncompressedSize > maxBytes) throw tooLarge(maxBytes)
    const b = this.buf
    const lo = e.localOffset
    if (lo + 30 > b.length || b.readUInt32LE(lo) !== 0x04034b50) throw corrupt(`部件 ${e.name} 的本地头损坏`)
    const start = lo + 30 + b.readUInt16LE(lo + 26) + b.readUInt16LE(lo + 28)
    const end = start + e.compressedSize
    if (end > b.length) throw corrupt(`部件 ${e.name} 被截断`)
    if (e.method !== 0 && e.method !== 8) throw corrupt(`部件 ${e.name} 使用了不支持的压缩方式 ${e.method}`)
    return b.subarray(start, end)
  }
}

function inflateError(err: unknown, e: ZipEntry, maxBytes: number): AppError {
  const code = (err as { code?: string }).code
  if (code === 'ERR_BUFFER_TOO_LARGE') return tooLarge(maxBytes)
  return corrupt(`部件 ${e.name} 解压失败`)
}

function tooLarge(maxBytes: number): AppError {
  const mb = Math.round(maxBytes / 1048576)
  return new AppError(
    'import-too-large',
    `工作表解压后超过 ${mb} MB，超出导入上限。请把花名册拆分成几个文件（每个不超过约 20 万行）后分别导入`,
    `a part is larger than ${mb} MB once inflated`,
  )
}

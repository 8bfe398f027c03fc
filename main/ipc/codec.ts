/**
 * JSON for the browser host's wire: Uint8Array travels as {"$bytes": base64}. Electron's IPC
 * needs none of this (structured clone carries bytes as they are).
 */
function toBase64(bytes: Uint8Array): string {
  let s = ''
  const CHUNK = 0x8000
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  return btoa(s)
}

function fromBase64(b64: string): Uint8Array {
  const s = atob(b64)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}

export function encodeWire(value: unknown): string {
  // A Node Buffer has toJSON(), which runs before the replacer sees it: look at the holder's value.
  return JSON.stringify(value, function (this: Record<string, unknown>, k: string, v: unknown) {
    const orig = this[k]
    if (orig instanceof Uint8Array) return { $bytes: toBase64(orig) }
    return v
  })
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>
      if (typeof o.$bytes === 'string' && Object.keys(o).length === 1) return fromBase64(o.$bytes)
    }
    return v
  })
}

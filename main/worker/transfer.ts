/** What a data worker hands over to the main thread instead of copying (main/worker/entry.ts). */

/** Below this a file's bytes are copied; above it they are handed over (no second copy in memory). */
const TRANSFER_MIN = 1 << 20

/**
 * The buffers of a result that can be handed to the main thread instead of copied (an export of
 * 100,000 people is ~50 MB: copied, it stood twice in memory for a moment). Only a Uint8Array that
 * owns its whole ArrayBuffer and is large (Node pools small Buffers in shared slabs, which must never
 * be detached): the result itself, or a direct property of it ({ bytes, fileName }). Results are
 * made for the call and kept nowhere in the worker, so nothing is left pointing at a detached buffer.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const out: ArrayBuffer[] = []
  const take = (v: unknown) => {
    if (
      v instanceof Uint8Array &&
      v.buffer instanceof ArrayBuffer &&
      v.byteOffset === 0 &&
      v.byteLength === v.buffer.byteLength &&
      v.byteLength >= TRANSFER_MIN &&
      !out.includes(v.buffer)
    )
      out.push(v.buffer)
  }
  take(value)
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !Array.isArray(value))
    for (const v of Object.values(value)) take(v)
  return out
}

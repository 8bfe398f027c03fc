/**
 * A worker's large result bytes are handed to the main thread, not copied (an export of 100,000
 * people stood twice in memory); small or shared buffers never are — Node keeps small Buffers in a
 * shared pool whose slab must not be detached under other Buffers.
 */
import { MessageChannel } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { transferablesOf } from '../../main/worker/transfer'

const big = () => {
  const b = Buffer.alloc(2 << 20)
  b.write('PK', 0)
  return b
}

describe('transferablesOf', () => {
  it.each<[string, () => unknown, number]>([
    ['a large file alone', big, 1],
    ['a large file in { bytes, fileName }', () => ({ bytes: big(), fileName: '花名册.xlsx' }), 1],
    ['a small Buffer from the shared pool', () => ({ bytes: Buffer.from('小文件') }), 0],
    ['a view on part of a buffer', () => ({ bytes: big().subarray(10) }), 0],
    ['rows of data', () => ({ rows: [{ name: '张伟' }], total: 1 }), 0],
    ['nothing', () => null, 0],
  ])('%s → %i handed over', (_, make, n) => {
    expect(transferablesOf(make())).toHaveLength(n)
  })

  it('the handed-over bytes arrive whole, and the sender no longer holds them', async () => {
    const { port1, port2 } = new MessageChannel()
    const result = { bytes: big(), fileName: 'x.xlsx' }
    const got = new Promise<{ bytes: Uint8Array }>((r) => port2.once('message', r))
    port1.postMessage(result, transferablesOf(result))
    const m = await got
    expect(m.bytes.byteLength).toBe(2 << 20)
    expect(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, 2).toString()).toBe('PK')
    expect(result.bytes.byteLength).toBe(0)
    port1.close()
    port2.close()
  })
})

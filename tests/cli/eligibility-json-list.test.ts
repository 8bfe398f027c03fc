/**
 * `eligibility --json` writes its document while the results are made (printJsonList): the same
 * bytes printJson gives for the whole document, at a fraction of the memory (at 100,000 cadres
 * 1.1 GB → 0.17 GB peak, bench figure in the note). Checked on a real demo county for two targets
 * and on lists whose items hold line breaks, quotes, nesting, non-BMP characters, and none at all.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { printJson, printJsonList } from '../../main/cli/args'
import { openDatabase } from '../../main/db/open'
import { eligibilityJson } from '../../main/eligibility/service'
import { createContext } from '../../main/services/context'
import { loadDemo } from '../../main/services/demo'
import { inProc } from './in-proc'

async function captured(f: () => void | Promise<void>): Promise<string> {
  const chunks: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((c: string | Uint8Array) => (chunks.push(String(c)), true)) as typeof process.stdout.write
  try {
    await f()
  } finally {
    process.stdout.write = write
  }
  return chunks.join('')
}

describe('eligibility --json as a list written while it is made', () => {
  it('prints what printJson prints, byte for byte, for awkward items and for none', async () => {
    const head = { target: 'rank-1', at: '2026-11-30', ruleSetVersion: 3 }
    const lists: unknown[][] = [
      [],
      [{ a: 1 }],
      [
        { name: '王\n明', quote: '他说："是"\\', rules: [{ id: 'x', nested: { deep: [1, [2, { z: null }]] } }], empty: [], none: {} },
        { name: '𠀀𪚥 beyond BMP', n: -0.5, t: true },
        'plain string',
        42,
        null,
      ],
    ]
    for (const items of lists) {
      const whole = await captured(() => printJson({ ...head, results: items }))
      const streamed = await captured(() => printJsonList(head, 'results', items))
      expect(streamed).toBe(whole)
    }
  })

  it('gives the same document as the whole review printed at once, for 2,000 demo cadres', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'elig-json-')), 'cadres.db')
    const db = openDatabase(path)
    const ctx = createContext({ db, dbPath: path, dataDir: join(path, '..'), host: 'test', at: '2026-11-30' })
    loadDemo(ctx, { count: 2000, seed: 'json' })
    const expected = {
      'section-chief': JSON.stringify(eligibilityJson(ctx, 'section-chief', '2026-11-30'), null, 2) + '\n',
      'rank-2': JSON.stringify(eligibilityJson(ctx, 'rank-2', '2026-11-30'), null, 2) + '\n',
    }
    db.close()
    for (const [target, whole] of Object.entries(expected)) {
      const r = await inProc('eligibility', '--db', path, '--target', target, '--at', '2026-11-30', '--json')
      expect(r.code).toBe(0)
      expect(r.stdout.length).toBeGreaterThan(100_000)
      expect(r.stdout).toBe(whole)
    }
  })
})

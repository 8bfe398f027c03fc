/**
 * What a data worker loads when it starts (bootApp, run by each of the three workers): not exceljs
 * (~0.23 s of CPU and ~28 MB each), which only an export needs (main/export/exceljs.ts), nor the Word
 * writer (~14 MB), which only a Word form needs (main/form/load-docx.ts), nor pinyin-pro (~16 MB),
 * which only writing a name needs (main/domain/pinyin.ts). Read through a module resolve hook in a
 * child process: the app booted and a grid block read, then a demo county written, a roster export,
 * a Word form.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadLog } from '../load-log'

const ROOT = join(import.meta.dirname, '../..')

describe('a data worker starts without the spreadsheet writer', () => {
  it('loads pinyin-pro on the first name written, exceljs on the first export, docx on the first Word form, jszip with a zip; none to start or read', () => {
    const { dir, log, run } = loadLog('worker-lazy-')
    // The script marks the log between the steps, so what each step loaded can be told apart.
    const script = join(dir, 'boot.mts')
    writeFileSync(
      script,
      [
        "import { appendFileSync } from 'node:fs'",
        "import { createRequire } from 'node:module'",
        `import { bootApp } from ${JSON.stringify(pathToFileURL(join(ROOT, 'main/bootstrap.ts')).href)}`,
        // What require() loaded (the resolve hook sees only imports) is written before each mark.
        "const cjs = () => Object.keys(createRequire(import.meta.url).cache).map((f) => 'file://' + f).join('\\n')",
        `const mark = (m: string) => appendFileSync(${JSON.stringify(log)}, cjs() + '\\n--- ' + m + '\\n')`,
        `const app = bootApp({ dbPath: ${JSON.stringify(join(dir, 'cadres.db'))}, host: 'test', backupOnStart: false })`,
        "const empty = await app.dispatch('cadres.query', { offset: 0, limit: 50 })",
        "if (!empty.ok) throw new Error(empty.error.message)",
        "mark('demo')",
        "await app.dispatch('demo.load', { count: 30 })",
        "const block = await app.dispatch('cadres.query', { offset: 0, limit: 50 })",
        "if (!block.ok) throw new Error(block.error.message)",
        "mark('export')",
        "const r = await app.dispatch('export.roster', { query: {}, layout: 'per-row' })",
        "if (!r.ok) throw new Error(r.error.message)",
        "mark('word')",
        "const w = await app.dispatch('form.docx', { ids: [1] })",
        "if (!w.ok) throw new Error(w.error.message)",
        "mark('done')",
        'app.close()',
      ].join('\n'),
    )
    const r = run([script])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const lines = r.lines
    const at = (m: string): number => lines.indexOf(`--- ${m}`)
    expect(at('export')).toBeGreaterThan(0)
    expect(at('word')).toBeGreaterThan(at('export'))
    expect(at('done')).toBeGreaterThan(at('word'))
    const loaded = (lib: string, from: number, to: number): string[] =>
      lines.slice(from, to).filter((u) => u.includes(`/node_modules/${lib}/`))
    // jszip (~9 MB) comes with a zip made or opened (meeting sets, LRMX uploads, Word forms).
    expect(loaded('jszip', 0, at('demo'))).toEqual([])
    // Names are converted to pinyin when cadres are written (the demo), never to read them.
    expect(loaded('pinyin-pro', 0, at('demo'))).toEqual([])
    expect(loaded('pinyin-pro', at('demo'), at('export')).length).toBeGreaterThan(0)
    expect(loaded('exceljs', 0, at('export'))).toEqual([])
    expect(loaded('exceljs', at('export'), at('word')).length).toBeGreaterThan(0)
    expect(loaded('docx', 0, at('word'))).toEqual([])
    expect(loaded('docx', at('word'), at('done')).length).toBeGreaterThan(0)
  }, 120_000)
})

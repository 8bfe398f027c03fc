/**
 * Ctrl-C during a command-line export: the process stops, and the folder holds neither the file
 * asked for nor the half-written `.part` beside it. A real process and a real signal (the
 * in-process CLI runner cannot be interrupted), on a roster large enough to be caught mid-write.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { freshContext, seedManyPeople, seedUnits, tempDir } from './export-seed'

const ROOT = resolve(__dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')

describe('export interrupted on the command line', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s while writing leaves no file and no .part',
    async (signal) => {
      const ctx = freshContext()
      seedUnits(ctx)
      seedManyPeople(ctx, 30_000)
      ctx.db.close()
      const dir = tempDir('export-interrupt-')
      const out = join(dir, '花名册.xlsx')
      const child = spawn(TSX, ['main/cli/index.ts', 'export', out, '--db', ctx.dbPath, '--status', '全部'], {
        cwd: ROOT,
        stdio: 'ignore',
      })
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
        child.on('exit', (code, sig) => done({ code, signal: sig })),
      )
      // Wait until the file is being written, then stop the process.
      const part = `${out}.part`
      const started = Date.now()
      while (!(existsSync(part) && statSync(part).size > 0)) {
        if (Date.now() - started > 90_000) throw new Error('the export never started writing')
        if (existsSync(out)) throw new Error('the export finished before it could be interrupted')
        await new Promise((r) => setTimeout(r, 5))
      }
      child.kill(signal)
      const end = await exited
      expect(end.signal ?? end.code).not.toBe(0)
      expect(readdirSync(dir)).toEqual([])
    },
    120_000,
  )
})

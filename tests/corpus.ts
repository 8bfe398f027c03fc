/**
 * Where shared/corpus/general is: beside the checkout (`../shared`, as CI lays it out), or the
 * workplace's /work/shared. A missing corpus fails the tests that need it; it is never skipped.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

const candidates = [
  process.env['CADRE_CORPUS'],
  resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'general'),
  '/work/shared/corpus/general',
].filter((p): p is string => !!p)

export const CORPUS = candidates.find((p) => existsSync(join(p, 'SOURCES.tsv'))) ?? candidates[1] ?? ''

/**
 * The exchange file of CLI.md: one JSON document with every unit, every cadre (every canonical
 * key, the photo as base64) and all their records. `dump` writes it, `load` reads it back; dump,
 * load into an empty database, dump again gives the same document apart from `exportedAt`.
 * After `cadres` come the optional sections of the tables added later (研判 rounds, monthly scores,
 * appointment forms, eligibility rule sets and review records): exchange/extras.ts describes them
 * and how load applies them; a file without them loads as before.
 *
 * The text is written one unit / one cadre per line so that 100,000 cadres stream out without
 * one giant string, and the file stays readable with a text editor and diffable with a line diff.
 */
import { readFileSync, statSync } from 'node:fs'
import { AppError } from '../domain/errors'
import type { AppContext } from './context'
import { readExtras } from './exchange/extras'
import { loadExchangeDocument, parseExchangeText, type LoadReport } from './exchange/load'
import { readAllCadres, readCadreList, readUnits, type CadreListItem } from './exchange/read'
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, EXTRA_KEYS, type ExchangeDocument } from './exchange/schema'

export type { ExtraCount, ExtraProblem } from './exchange/extras'
export type { LoadProblem, LoadReport } from './exchange/load'
export type { CadreListItem } from './exchange/read'
export type { ExCadre, ExchangeDocument, ExExtras, ExtraKey, ExUnit } from './exchange/schema'
export { EXCHANGE_FORMAT, EXCHANGE_VERSION, EXTRA_KEYS } from './exchange/schema'

/** The document as chunks of text (valid JSON once joined). */
export function* exchangeChunks(ctx: AppContext, exportedAt: string = ctx.nowIso()): Generator<string> {
  const head = { format: EXCHANGE_FORMAT, version: EXCHANGE_VERSION, exportedAt }
  yield JSON.stringify(head).slice(0, -1) + ',\n"units": ['
  let first = true
  for (const u of readUnits(ctx.db)) {
    yield (first ? '\n' : ',\n') + JSON.stringify(u)
    first = false
  }
  yield '\n],\n"cadres": ['
  first = true
  for (const c of readAllCadres(ctx.db)) {
    yield (first ? '\n' : ',\n') + JSON.stringify(c)
    first = false
  }
  // Read after the cadres' generator is done (it holds the connection while it iterates).
  const extras = readExtras(ctx.db)
  for (const k of EXTRA_KEYS) {
    yield `\n],\n"${k}": [`
    first = true
    for (const item of extras[k]) {
      yield (first ? '\n' : ',\n') + JSON.stringify(item)
      first = false
    }
  }
  yield '\n]}\n'
}

/** Every cadre as one flat record (the CLI's `list --json`). */
export function listCadresForCli(ctx: AppContext): CadreListItem[] {
  return readCadreList(ctx.db)
}

/** The document as an object (tests, small databases). */
export function dumpExchange(ctx: AppContext, exportedAt: string = ctx.nowIso()): ExchangeDocument {
  return {
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    exportedAt,
    units: readUnits(ctx.db),
    cadres: [...readAllCadres(ctx.db)],
    ...readExtras(ctx.db),
  }
}

/** Reads and checks a file's frame; throws AppError (bad input, nothing written) when it is not one. */
export function readExchangeFile(file: string): ReturnType<typeof parseExchangeText> {
  let text: string
  try {
    if (!statSync(file).isFile()) throw new Error('not a file')
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new AppError(
      'exchange-unreadable',
      `无法读取文件“${file}”：${(e as Error).message}`,
      `cannot read ${file}`,
    )
  }
  return parseExchangeText(text, file)
}

export function loadExchangeText(
  ctx: AppContext,
  text: string,
  file: string,
  opts: { dryRun?: boolean } = {},
): LoadReport {
  return loadExchangeDocument(ctx, parseExchangeText(text, file), { file, dryRun: opts.dryRun ?? false })
}

export function loadExchangeFile(ctx: AppContext, file: string, opts: { dryRun?: boolean } = {}): LoadReport {
  return loadExchangeDocument(ctx, readExchangeFile(file), { file, dryRun: opts.dryRun ?? false })
}

/**
 * Opens an export in LibreOffice Calc (Debian's libreoffice-calc-nogui, headless) and reads what
 * it shows, converted to CSV: ID numbers whole, months 1975.03 / 1975.10, formulas as text.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { monthDots } from '../../main/domain/dates'
import { makeIdCard } from '../../main/domain/idcard'
import { exportRosterToFile, STANDARD_COLUMNS } from '../../main/export/roster'
import { queryCadres } from '../../main/services/cadres/query'
import { freshContext, seedPeople, seedUnits, tempDir } from './export-seed'

/** RFC 4180 CSV as LibreOffice writes it (quoted text, "" for a quote). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else if (ch !== '\r') cell += ch
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

function libreOfficeCsv(xlsx: string, outDir: string): string[][] {
  // A profile of its own so parallel runs do not share (and lock) one.
  const profile = pathToFileURL(join(outDir, 'lo-profile')).href
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1',
      '--outdir',
      outDir,
      xlsx,
    ],
    { stdio: 'pipe', timeout: 90_000 },
  )
  return parseCsv(readFileSync(join(outDir, xlsx.replace(/^.*\//, '').replace(/\.xlsx$/, '.csv')), 'utf8'))
}

const ctx = freshContext()
afterAll(() => ctx.db.close())

describe('an export opened in LibreOffice', () => {
  it('shows ID numbers whole, months as 1975.03, ages, and formula-like text as text', async () => {
    seedUnits(ctx)
    // A male born 1975.03 whose ID number ends in X.
    let xId = ''
    for (let seq = 901; !xId.endsWith('X'); seq += 2) xId = makeIdCard('410821', '1975-03-01', seq)
    seedPeople(ctx, 12, (i, p) =>
      i === 0
        ? {
            ...p,
            birthDate: '1975-03',
            idCard: xId,
            gender: '男',
            position: '=1+1',
            specialty: '@SUM(1,2)',
            techTitle: '-5',
          }
        : p,
    )
    const dir = tempDir('export-lo-')
    const file = join(dir, 'roster.xlsx')
    await exportRosterToFile(ctx, file, { query: {}, layout: 'per-row' })
    const csv = libreOfficeCsv(file, dir)

    expect(csv[0]?.[0]).toBe('某某县干部花名册（截至2026年11月）')
    expect(csv[2]?.slice(1)).toContain('身份证号')
    const col = (k: string): number => STANDARD_COLUMNS.indexOf(k) + 1
    const people = queryCadres(ctx, { offset: 0, limit: 100 }).rows
    expect(csv.length).toBe(3 + people.length)
    people.forEach((p, i) => {
      const line = csv[3 + i] ?? []
      expect(line[col('idCard')]).toBe(p.idCard)
      expect(line[col('idCard')]).toMatch(/^\d{17}[\dX]$/)
      expect(line[col('birthDate')]).toBe(monthDots(p.birthDate))
      expect(line[col('partyJoinDate')]).toBe(monthDots(p.partyJoinDate))
      expect(line[col('phone')]).toBe(p.phone)
    })
    const first = csv.find((l) => l[col('idCard')] === xId) ?? []
    expect(first[col('birthDate')]).toBe('1975.03')
    expect(first[col('age')]).toBe('51')
    expect(first[col('position')]).toBe('=1+1')
    expect(first[col('specialty')]).toBe('@SUM(1,2)')
    expect(first[col('techTitle')]).toBe('-5')
    // A month ending in 0 keeps its zero (never 1987.1).
    expect(csv.slice(3).some((l) => /^\d{4}\.10$/.test(l[col('partyJoinDate')] ?? ''))).toBe(true)
  })
})

/**
 * The roster as the app exports it (direct rows, main/export/row-xml.ts) is the very file
 * exceljs's own rows give: every part byte for byte, both layouts, the grid's columns too.
 */
import JSZip from 'jszip'
import { afterEach, describe, expect, it } from 'vitest'
import { rosterSheet, type RosterExportOptions } from '../../main/export/roster'
import { workbookToBytes } from '../../main/export/workbook'
import type { AppContext } from '../../main/services/context'
import { freshContext, seedPeople, seedUnits } from './export-seed'

const contexts: AppContext[] = []
afterEach(() => {
  for (const c of contexts.splice(0)) c.db.close()
})

async function parts(bytes: Uint8Array): Promise<[string, string][]> {
  const zip = await JSZip.loadAsync(bytes)
  const out: [string, string][] = []
  for (const name of Object.keys(zip.files).sort()) {
    const text = (await zip.file(name)?.async('string')) ?? ''
    out.push([name, name === 'docProps/core.xml' ? text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T') : text])
  }
  return out
}

describe('roster: direct rows and exceljs rows give the same file', () => {
  const cases: { name: string; opts: RosterExportOptions }[] = [
    { name: '一人一行, everyone', opts: { query: { statuses: [] }, layout: 'per-row' } },
    { name: '按机构分组', opts: { query: {}, layout: 'by-unit' } },
    {
      name: 'the grid view: its columns, 影响期至 included',
      opts: { query: {}, layout: 'per-row', columns: ['name', 'unit', 'idCard', 'impactUntil', 'age'] },
    },
  ]
  for (const c of cases)
    it(c.name, async () => {
      const ctx = freshContext()
      contexts.push(ctx)
      seedUnits(ctx)
      seedPeople(ctx, 60)
      const direct = await workbookToBytes([rosterSheet(ctx, c.opts).sheet])
      const reference = await workbookToBytes([rosterSheet(ctx, c.opts).sheet], { exceljsRows: true })
      expect(direct.sheets).toEqual(reference.sheets)
      expect(direct.sheets[0]?.rows).toBeGreaterThan(0)
      const a = await parts(direct.bytes)
      const b = await parts(reference.bytes)
      expect(a.map(([n]) => n)).toEqual(b.map(([n]) => n))
      for (let i = 0; i < b.length; i++) expect(a[i]?.[1], b[i]?.[0]).toBe(b[i]?.[1])
    })
})

/**
 * An exported roster imports back into an empty database with every field intact, through the
 * app's own roster import (main/roster-import): both layouts, every status, ID numbers ending in
 * X, months ending in 0, text that starts with = + - @.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { CADRE_FIELD_KEYS, type CadreFields } from '../../main/domain/fields'
import { exportRosterToBytes, type RosterLayout } from '../../main/export/roster'
import { importRoster } from '../../main/roster-import/engine'
import type { AppContext } from '../../main/services/context'
import { queryCadres } from '../../main/services/cadres/query'
import { makeIdCard } from '../../main/domain/idcard'
import { freshContext, seedPeople, seedUnits } from './export-seed'

const open: AppContext[] = []
afterEach(() => {
  for (const c of open.splice(0)) c.db.close()
})

function everyone(ctx: AppContext): Map<string, CadreFields> {
  const rows = queryCadres(ctx, { statuses: [], offset: 0, limit: 5000 }).rows
  return new Map(
    rows.map((r) => {
      const f = {} as CadreFields
      for (const k of CADRE_FIELD_KEYS) f[k] = r[k]
      return [r.idCard ?? '', f]
    }),
  )
}

describe.each<RosterLayout>(['per-row', 'by-unit'])('export → import round trip (%s)', (layout) => {
  it('gives back every person with every field as it was', async () => {
    const from = freshContext()
    open.push(from)
    seedUnits(from)
    let xId = ''
    for (let seq = 911; !xId.endsWith('X'); seq += 2) xId = makeIdCard('410821', '1980-10-05', seq)
    seedPeople(from, 36, (i, p) => {
      if (i === 0)
        return {
          ...p,
          idCard: xId,
          gender: '男',
          birthDate: '1980-10',
          position: '=SUM(1,2)',
          specialty: '@主任',
          techTitle: '+高级',
        }
      if (i === 1) return { ...p, unit: null, phone: '0391-1234567', nativePlace: '-' }
      if (i === 2) return { ...p, status: '调出' }
      if (i === 3)
        return {
          ...p,
          status: '退休',
          eduInService: null,
          degreeInService: null,
          schoolInService: null,
          partyJoinDate: null,
        }
      return p
    })
    const before = everyone(from)
    expect(before.size).toBe(36)

    const file = await exportRosterToBytes(from, { query: { statuses: [] }, layout })
    expect(file.rows).toBe(36)

    const to = freshContext()
    open.push(to)
    const { report } = await importRoster(to, { bytes: file.bytes, fileName: file.fileName })
    expect(report.rejected).toEqual([])
    expect(report.warnings).toEqual([])
    expect(report.inserted).toBe(36)
    expect(report.headerRow).toBe(3)

    const after = everyone(to)
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    for (const [id, f] of before) expect(after.get(id), id).toEqual(f)
  })
})

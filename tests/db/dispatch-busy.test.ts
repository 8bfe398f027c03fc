/**
 * While a roster import commits in slices (its progress bar and cancel button stay live), a save
 * from elsewhere in the app is refused with a message instead of joining the import's transaction
 * and being lost if the import is cancelled; reading goes on.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { bootApp } from '../../main/bootstrap'
import { makeIdCard } from '../../main/domain/idcard'

async function bigRoster(n: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('花名册')
  ws.addRow(['姓名', '性别', '出生年月', '身份证号', '工作单位', '现任职务'])
  for (let i = 0; i < n; i++) {
    const id = makeIdCard('620523', `1980-01-${String((i % 28) + 1).padStart(2, '0')}`, 1 + (i % 999))
    ws.addRow([`干部${i}`, Number(id[16]) % 2 ? '男' : '女', '1980.01', id, `单位${i % 5}`, '科员'])
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe('writes while an import is committing', () => {
  it('are refused with a message, reads are answered, and both work again afterwards', async () => {
    const app = bootApp({
      dbPath: join(mkdtempSync(join(tmpdir(), 'busy-')), 'c.db'),
      host: 'test',
      backupOnStart: false,
    })
    const call = async (name: string, arg?: unknown) => app.dispatch(name, arg)
    const saved = await call('cadres.save', {
      id: null,
      name: '李四',
      idCard: makeIdCard('620523', '1975-03-01', 11),
    })
    expect(saved.ok).toBe(true)
    const opened = (await call('import.open', { fileName: 'big.xlsx', data: await bigRoster(20_000) })) as {
      ok: true
      value: { token: string }
    }
    expect(opened.ok).toBe(true)
    const token = opened.value.token
    const preview = (await call('import.preview', { token, onDuplicate: 'skip' })) as { ok: true; value: { units: { name: string }[] } }
    expect(preview.ok).toBe(true)
    // The roster's units are not in the tree: the import is told to create them (issue 13).
    const units = Object.fromEntries(preview.value.units.map((u) => [u.name, { action: 'create', parentId: null, kind: null }]))
    const running = app.dispatch('import.run', { token, onDuplicate: 'skip', units }, { job: 'import-busy' })

    // Wait for the write phase: the import's transaction is open between slices.
    const end = Date.now() + 60_000
    while (!app.ctx.db.inTransaction && Date.now() < end) await new Promise((r) => setTimeout(r, 2))
    expect(app.ctx.db.inTransaction).toBe(true)

    const refused = await call('cadres.save', {
      id: null,
      name: '王五',
      idCard: makeIdCard('620523', '1976-04-02', 13),
    })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.message).toMatch(/正在导入花名册/)
    const read = await call('cadres.query', { offset: 0, limit: 10 })
    expect(read.ok).toBe(true)

    expect((await running).ok).toBe(true)
    const after = await call('cadres.save', {
      id: null,
      name: '王五',
      idCard: makeIdCard('620523', '1976-04-02', 13),
    })
    expect(after.ok).toBe(true)
    const all = (await call('cadres.query', { offset: 0, limit: 1, statuses: [] })) as {
      ok: true
      value: { total: number }
    }
    expect(all.value.total).toBe(20_002)
    app.close()
  })
})

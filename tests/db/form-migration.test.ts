/** Migration 0040 on a database that already holds cadres: they stay as they were, forms can be kept. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../main/db/migrations'
import { openDatabase } from '../../main/db/open'
import { latestForm, listForms, saveForm } from '../../main/form/data'
import { createContext } from '../../main/services/context'
import { seedCadre } from './form-fixture'

describe('migration 0040-appointment-forms', () => {
  it('adds appointment_forms to a database of the version before, keeping its cadres', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mig40-')), 'cadres.db')
    const before = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version < 40) })
    const c = seedCadre(before)
    const rowBefore = before.prepare('SELECT * FROM cadres WHERE id = ?').get(c.id)
    expect(
      before.prepare("SELECT name FROM sqlite_master WHERE name = 'appointment_forms'").get(),
    ).toBeUndefined()
    before.close()

    const db = openDatabase(path)
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(40)
    // Every column the row had keeps its value (later migrations may add columns of their own).
    expect(db.prepare('SELECT * FROM cadres WHERE id = ?').get(c.id)).toMatchObject(rowBefore as object)
    const ctx = createContext({ db, dbPath: path, dataDir: join(path, '..'), host: 'test', actor: 'tester' })
    const first = saveForm(ctx, {
      cadreId: c.id,
      formId: null,
      proposedPosition: '县财政局局长',
      ageAt: '2026-11-01',
    })
    const second = saveForm(ctx, { cadreId: c.id, formId: null, proposedPosition: '县审计局局长' })
    saveForm(ctx, { cadreId: c.id, formId: first.id, reason: '工作需要' })
    expect(listForms(db, c.id).map((f) => [f.proposedPosition, f.reason])).toEqual([
      ['县审计局局长', null],
      ['县财政局局长', '工作需要'],
    ])
    expect(latestForm(db, c.id)?.id).toBe(second.id)
    const audit = db
      .prepare("SELECT action, summary FROM audit_log WHERE entity = 'appointment_form' ORDER BY id")
      .all()
    expect(audit).toEqual([
      { action: 'create', summary: '填写王建国的干部任免审批表：拟任职务、计算年龄时间' },
      { action: 'create', summary: '填写王建国的干部任免审批表：拟任职务' },
      { action: 'update', summary: '修改王建国的干部任免审批表：任免理由' },
    ])
    db.close()
  })
})

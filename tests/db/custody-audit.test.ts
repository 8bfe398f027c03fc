/**
 * The audit trail nobody can erase: every write (settings included) names its account; entries are
 * hash-chained and `verify` finds an edit, a gap or a cut-off tail made behind the app's back; the
 * app itself cannot update or delete an entry; a restore keeps the current trail, appends itself,
 * and after ten restores the newest entries are still in the live file.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import PlainDatabase from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { bootApp, type RunningApp } from '../../main/bootstrap'
import { verifyAuditChain } from '../../main/db/audit-chain'
import { createBackup, restoreBackup } from '../../main/services/backup'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs')

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TSX, 'main/cli/index.ts', ...args], { cwd: ROOT, encoding: 'utf8' })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

function boot(): RunningApp {
  const dir = mkdtempSync(join(tmpdir(), 'custody-audit-'))
  return bootApp({ dbPath: join(dir, 'cadres.db'), host: 'test', backupOnStart: false })
}

async function ok(app: RunningApp, name: string, arg?: unknown): Promise<unknown> {
  const r = await app.dispatch(name, arg)
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`)
  return r.value
}

/** A database with a few audited writes by 王科员, closed; its path. */
async function withTrail(): Promise<string> {
  const app = boot()
  app.ctx.actor = '王科员'
  await ok(app, 'demo.load', { count: 3 })
  for (const name of ['审计测试甲', '审计测试乙', '审计测试丙']) await ok(app, 'units.save', { id: null, name, parentId: null, kind: null })
  await ok(app, 'settings.set', { key: 'org.countyName', value: '东山县' })
  const path = app.ctx.dbPath
  app.close()
  return path
}

describe('the audit trail', () => {
  it('names the account for every write, settings included (with before and after)', async () => {
    const app = boot()
    try {
      app.ctx.actor = '李部长'
      await ok(app, 'units.save', { id: null, name: '县委组织部', parentId: null, kind: null })
      await ok(app, 'settings.set', { key: 'records.talkIntervalMonths', value: 6 })
      await ok(app, 'settings.set', { key: 'records.talkIntervalMonths', value: 6 })
      await ok(app, 'settings.set', { key: 'roster.columns', value: { widths: [1, 2] } })
      const rows = app.ctx.db.prepare('SELECT actor, action, summary, before, after FROM audit_log ORDER BY id').all() as Record<string, string>[]
      expect(rows.map((r) => [r['actor'], r['action']])).toEqual([
        ['李部长', 'create'],
        ['李部长', 'settings'],
      ])
      expect(JSON.parse(rows[1]?.['after'] ?? '')).toEqual({ key: 'records.talkIntervalMonths', value: 6 })
      expect(JSON.parse(rows[1]?.['before'] ?? '')).toEqual({ key: 'records.talkIntervalMonths', value: null })
      expect(verifyAuditChain(app.ctx.db)).toMatchObject({ ok: true, count: 2 })
    } finally {
      app.close()
    }
  })

  it('cannot be changed or emptied from inside the app', async () => {
    const app = boot()
    try {
      await ok(app, 'units.save', { id: null, name: '县委办', parentId: null, kind: null })
      expect(() => app.ctx.db.prepare("UPDATE audit_log SET actor = '别人'").run()).toThrow(/只能追加，不能修改/)
      expect(() => app.ctx.db.prepare('DELETE FROM audit_log').run()).toThrow(/只能追加，不能删除/)
      expect(app.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1)
    } finally {
      app.close()
    }
  })

  const tampering: [string, string, RegExp][] = [
    ['an edited entry', "UPDATE audit_log SET actor = '别人' WHERE id = 3", /第 3 条.*内容被改动过/],
    ['an edited value', "UPDATE audit_log SET after = '{\"key\":\"org.countyName\",\"value\":\"西山县\"}' WHERE action = 'settings'", /内容被改动过/],
    ['a removed entry (gap)', 'DELETE FROM audit_log WHERE id = 2', /第 3 条之前缺少记录/],
    ['a cut-off tail', 'DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)', /末尾的记录被删除/],
    ['a forged entry appended without the chain', "INSERT INTO audit_log (at, actor, action, entity, summary) VALUES ('2026-01-01', '某人', 'delete', 'cadre', '伪造')", /内容被改动过/],
    // The trigger leaves an entry that comes with a hash alone (the roster import chains its own,
    // migration 0180): a made-up one is found all the same.
    [
      'a forged entry appended with a made-up hash',
      "INSERT INTO audit_log (at, actor, action, entity, summary, prev_hash, hash) VALUES ('2026-01-01', '某人', 'delete', 'cadre', '伪造', (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), 'ab12')",
      /内容被改动过/,
    ],
  ]
  it.each(tampering)('fails verify after %s made with stock SQLite (exit 1)', async (_what, sql, problem) => {
    const path = await withTrail()
    expect(cli('verify', '--db', path).code).toBe(0)
    // What someone holding the file could do: drop the guards and change rows directly.
    const raw = new PlainDatabase(path)
    raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_chain;')
    raw.exec(sql)
    raw.close()
    const r = cli('verify', '--db', path)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(problem)
  })

  it('a restore keeps the current trail, appends itself, and ten restores lose nothing', async () => {
    const app = boot()
    try {
      app.ctx.actor = '管理员'
      await ok(app, 'demo.load', { count: 5 })
      const b = await createBackup(app.ctx)
      const count = (): number => app.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number
      let expected = count()
      for (let i = 0; i < 10; i++) {
        await ok(app, 'units.save', { id: null, name: `新单位${i}`, parentId: null, kind: null })
        await restoreBackup(app.ctx, b.file)
        expected += 2
        expect(count()).toBe(expected)
        const last = app.ctx.db.prepare('SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 2').all()
        expect(last).toEqual([
          { actor: '管理员', action: 'restore' },
          { actor: '管理员', action: 'create' },
        ])
        // The data is the backup's: the unit made after it is gone, its entry stays.
        expect(app.ctx.db.prepare('SELECT count(*) FROM units WHERE name = ?').pluck().get(`新单位${i}`)).toBe(0)
      }
      expect(verifyAuditChain(app.ctx.db)).toMatchObject({ ok: true, count: expected })
    } finally {
      app.close()
    }
  })
})

/**
 * Promotion eligibility of 100,000 cadres for one target (issue 6: under 1 second).
 * Records as a county has them (assessments for five years, reserve entries, postings, talks,
 * discipline), inserted with plain SQL; then
 * - evaluate: the pure evaluation of every cadre against the 正科 rule set (the target figure),
 * - load: reading every record with one query per table, grouped by cadre,
 * - review: the whole round the page asks for (load + evaluate + projected dates + overrides/decisions).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../main/db/open'
import { evaluateCadre } from '../main/eligibility/evaluate'
import { loadFacts } from '../main/eligibility/load'
import { defaultRules } from '../main/eligibility/rules'
import { reviewRound } from '../main/eligibility/service'
import { createContext } from '../main/services/context'
import { seedCadres } from '../tests/db/eligibility-fixture'
import { ms, now, type Report } from './shared'

const COUNT = 100_000
const AT = '2026-11-23'

/** Best of n runs: wall-clock ms and CPU ms of this process (the CPU figure is the honest one on a
 *  shared, loaded machine, where wall time includes waiting for a core). */
function best(n: number, f: () => void): { wall: number; cpu: number } {
  let wall = Infinity
  let cpu = Infinity
  for (let i = 0; i < n; i++) {
    const c = process.cpuUsage()
    const t = now()
    f()
    wall = Math.min(wall, ms(t))
    const u = process.cpuUsage(c)
    cpu = Math.min(cpu, (u.user + u.system) / 1000)
  }
  return { wall, cpu }
}

export default async function (report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'elig-bench-'))
  const dbPath = join(dir, 'cadres.db')
  const db = openDatabase(dbPath)
  try {
    const t = now()
    seedCadres(db, COUNT)
    const n = (db.prepare("SELECT count(*) AS n FROM cadres WHERE status = '在职'").get() as { n: number }).n
    report(`seed ${n} cadres with records`, ms(t), 'ms')
    const rules = defaultRules('section-chief')
    const talkKinds = ['诫勉谈话', '诫勉']
    const facts = loadFacts(db, { talkKinds, fromYear: 2025 })
    let eligible = 0
    const ev = best(3, () => {
      eligible = 0
      for (const f of facts)
        if (evaluateCadre(f, rules, AT, { evidence: false }).eligible === true) eligible++
    })
    report(`evaluate ${facts.length} cadres for 正科 (pure), wall`, ev.wall, 'ms', '< 1000 ms')
    report(`evaluate ${facts.length} cadres for 正科 (pure), CPU`, ev.cpu, 'ms', '< 1000 ms')
    report('eligible for 正科', eligible, 'cadres')
    const ld = best(2, () => loadFacts(db, { talkKinds, fromYear: 2025 }))
    report('load every record, grouped by cadre, wall', ld.wall, 'ms')
    report('load every record, grouped by cadre, CPU', ld.cpu, 'ms')
    const ctx = createContext({ db, dbPath, dataDir: dir, host: 'test', at: AT })
    let rows = 0
    let bytes = 0
    const rv = best(2, () => {
      const r = reviewRound(ctx, 'section-chief', AT)
      rows = r.rows.length
      bytes = JSON.stringify(r).length
    })
    report(`full review round (load + evaluate + projected dates), ${rows} rows, wall`, rv.wall, 'ms')
    report('full review round, CPU', rv.cpu, 'ms')
    report('review result as JSON (IPC payload)', bytes / 1e6, 'MB')
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

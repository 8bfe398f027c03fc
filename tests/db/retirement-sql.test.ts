import { describe, expect, it } from 'vitest'
import { cadreRetirement, retirementMonth, type RetireBaseAge } from '../../main/domain/retirement'
import { memoryContext } from '../context'

// The generated column cadres.retire_date (migration 0080) must give exactly what the TypeScript
// rule (全国人大常委会关于实施渐进式延迟法定退休年龄的决定, 附件 1–3) gives, for every birth month.
describe('cadres.retire_date agrees with retirementMonth', () => {
  it('for every birth month 1950–1995, both genders, each set original age', () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    const ins = ctx.db.prepare(
      `INSERT INTO cadres (id_card, name, gender, birth_date, retire_base_age, created_at, updated_at) VALUES (?, '某', ?, ?, ?, 'x', 'x')`,
    )
    let n = 0
    const expected: (string | null)[] = []
    ctx.db.transaction(() => {
      for (let y = 1950; y <= 1995; y++) {
        for (let m = 1; m <= 12; m++) {
          const birth = `${y}-${String(m).padStart(2, '0')}`
          for (const [gender, base] of [
            ['男', null],
            ['女', null],
            ['女', 50],
            ['女', 55],
            ['男', 60],
            [null, null],
          ] as [string | null, RetireBaseAge | null][]) {
            ins.run(`X${++n}`, gender, birth, base)
            expected.push(cadreRetirement({ gender, birthDate: birth, retireBaseAge: base }).retireDate)
          }
        }
      }
      for (const bad of [null, '1970', '1970-13', '1970.06']) {
        ins.run(`X${++n}`, '男', bad, null)
        expected.push(null)
      }
    })()
    const got = ctx.db.prepare('SELECT retire_date FROM cadres ORDER BY id').pluck().all()
    expect(got).toEqual(expected)
    expect(got.filter((v) => v !== null).length).toBeGreaterThan(2000)
  })

  it.each<[string, string, number | null, string]>([
    ['man born 1965-01 (DOMAIN example)', '男', null, '2025-02'],
    ['woman(50) born 1976-03 (DOMAIN example)', '女', 50, '2026-11'],
  ])('%s', (_c, gender, base, month) => {
    const ctx = memoryContext({ at: '2026-11-30' })
    const birth = _c.includes('1965') ? '1965-01' : '1976-03'
    ctx.db
      .prepare(
        `INSERT INTO cadres (id_card, name, gender, birth_date, retire_base_age, created_at, updated_at) VALUES ('A', '某', ?, ?, ?, 'x', 'x')`,
      )
      .run(gender, birth, base)
    expect(ctx.db.prepare('SELECT retire_date FROM cadres').pluck().get()).toBe(month)
    expect(retirementMonth(birth, (base ?? 60) as RetireBaseAge)).toBe(month)
  })

  it('refuses an original age other than 50, 55, 60', () => {
    const ctx = memoryContext({ at: '2026-11-30' })
    expect(() =>
      ctx.db
        .prepare(
          `INSERT INTO cadres (id_card, name, gender, birth_date, retire_base_age, created_at, updated_at) VALUES ('A', '某', '男', '1970-01', 58, 'x', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/)
  })
})

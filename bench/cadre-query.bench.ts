/**
 * The roster query service at 100,000 cadres, without the browser: bulk insert, then the grid's
 * typical questions (first page, quick search by initials / name / ID, unit subtree, filters, sort).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../main/db/open'
import type { CadreQuery } from '../main/domain/cadre'
import { makeIdCard } from '../main/domain/idcard'
import { insertCadresBulk, queryCadres, type BulkCadreInput } from '../main/services/cadres'
import { createContext } from '../main/services/context'
import { ensureUnit } from '../main/services/units'
import { ms, now, type Report } from './shared'

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文斌玉兰海燕春梅晓东'

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export function syntheticCadres(count: number, seed = 1): BulkCadreInput[] {
  const r = rng(seed)
  const pick = (s: string): string => s[Math.floor(r() * s.length)] ?? '王'
  const towns = Array.from({ length: 20 }, (_, i) => `第${i + 1}镇`)
  const depts = Array.from({ length: 40 }, (_, i) => `县直${i + 1}局`)
  const out: BulkCadreInput[] = []
  for (let i = 0; i < count; i++) {
    const y = 1960 + Math.floor(r() * 40)
    const m = 1 + Math.floor(r() * 12)
    const d = 1 + Math.floor(r() * 28)
    const day = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`
    const unit = r() < 0.5 ? (towns[i % 20] ?? '') : (depts[i % 40] ?? '')
    out.push({
      name: pick(SURNAMES) + pick(GIVEN) + (r() < 0.6 ? pick(GIVEN) : ''),
      idCard: makeIdCard(String(410000 + (i % 900)), day, Math.floor(i / 900) % 1000),
      unit: `${unit}${r() < 0.3 ? '办公室' : ''}`,
      position: r() < 0.2 ? '科员' : '副局长',
      eduFullTime: r() < 0.5 ? '大学' : '大专',
      status: r() < 0.9 ? '在职' : '退休',
    })
  }
  return out
}

export default async function bench(report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-query-'))
  const db = openDatabase(join(dir, 'q.db'))
  const ctx = createContext({ db, dbPath: join(dir, 'q.db'), dataDir: dir, host: 'test', at: '2026-11-23' })
  for (let i = 0; i < 20; i++) ensureUnit(ctx, `第${i + 1}镇`)
  for (let i = 0; i < 20; i++) ensureUnit(ctx, `第${i + 1}镇办公室`, `第${i + 1}镇`)
  const rows = syntheticCadres(100_000)
  let t = now()
  insertCadresBulk(ctx, rows)
  report('insertCadresBulk 100,000 人', ms(t), 'ms')
  const town = ensureUnit(ctx, '第3镇')
  const cases: [string, Omit<CadreQuery, 'offset' | 'limit'>][] = [
    ['首屏 100 行（默认排序）', {}],
    ['快速搜索 拼音首字母 zw', { search: 'zw' }],
    ['快速搜索 姓名 “张伟”', { search: '张伟' }],
    ['快速搜索 身份证号片段 19750', { search: '19750' }],
    ['快速搜索 单位名 “第3镇”', { search: '第3镇' }],
    ['单位树 第3镇及下级', { unitId: town }],
    ['按姓名排序', { sort: [{ key: 'name', dir: 'asc' }] }],
    [
      '按年龄降序 + 单位',
      {
        sort: [
          { key: 'age', dir: 'desc' },
          { key: 'unit', dir: 'asc' },
        ],
      },
    ],
    [
      '筛选 年龄 40-50 + 学历 大学',
      { filters: { age: { op: 'equals', value: '40-50' }, eduFullTime: { op: 'equals', value: '大学' } } },
    ],
  ]
  for (const [name, q] of cases) {
    queryCadres(ctx, { ...q, offset: 0, limit: 100 })
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      t = now()
      queryCadres(ctx, { ...q, offset: i * 100, limit: 100 })
      times.push(ms(t))
    }
    times.sort((a, b) => a - b)
    report(`查询 ${name}（中位数）`, times[2] ?? 0, 'ms', '< 300 ms')
  }
  t = now()
  queryCadres(ctx, { sort: [{ key: 'name', dir: 'asc' }], offset: 89_000, limit: 100 })
  report('按姓名排序 第 89,000 行起', ms(t), 'ms', '< 300 ms')
  db.close()
  rmSync(dir, { recursive: true, force: true })
}

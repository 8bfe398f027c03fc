/**
 * One definition per record kind (main/records/fields.ts, issue 10): the IPC channel, the entry
 * check, the exchange loader, the Excel exports, the database table and the cadre page's form all
 * agree with it. Table-driven: one row per kind, per required field, per closed list.
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { recordsChannels } from '../../main/ipc/contract/records'
import { addRecord, listRecords, recordWarnings } from '../../main/records/entries'
import { exportPool, exportTalkLedger } from '../../main/records/exports'
import { recordDataSchema } from '../../main/records/field-schemas'
import { KIND_DEFS, TABLES, formFields, type FieldDef } from '../../main/records/fields'
import { RECORD_KINDS, type RecordKind } from '../../main/records/kinds'
import { termNames } from '../../main/records/vocab'
import { dumpExchange, loadExchangeText } from '../../main/services/exchange'
import { RELATED } from '../../main/services/exchange/schema'
import type { AppContext } from '../../main/services/context'
import { KIND_FIELDS } from '../../renderer/src/pages/records/kindForms'
import { addCadre, recordsContext } from './records-helpers'

/** A right record of every kind, every field set (as the IPC and the exchange file carry it). */
const SAMPLE: Record<RecordKind, Record<string, unknown>> = {
  assessments: { year: 2025, kind: '年度考核', grade: '称职' },
  studies: { date: '2026-06-30', round: '2026年上半年研判', scores: { 政治素养: 92 }, conclusion: '较好', recommendation: '重点培养' },
  talks: {
    date: '2026-08-03',
    kind: '提醒谈话',
    talker: '李部长',
    reason: '工作作风',
    content: '谈话内容',
    followUp: '一个月内整改',
    followUpDeadline: '2026-09-03',
    docNo: '组谈〔2026〕1号',
  },
  discipline: {
    date: '2025-01-15',
    system: '党纪',
    measure: '留党察看',
    reason: '违反工作纪律',
    probationMonths: 12,
    inLieuOf: '撤销党内职务',
    impactEnd: '2028-01-15',
  },
  rewards: { date: '2024-12-01', name: '优秀共产党员', issuer: '县委' },
  reserve: { level: '正科级后备', entryDate: '2025-03', entryWay: '民主推荐', status: '在库', exitDate: null, exitReason: null },
  postings: { kind: '第一书记', place: '某某村', start: '2021-06', end: '2023-06' },
  training: { name: '中青年干部培训班', start: '2025-03-01', end: '2025-03-20', hours: 90 },
}

const without = (o: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key))

function person(ctx: AppContext): { id: number; idCard: string } {
  const id = addCadre(ctx, '张三')
  const idCard = (ctx.db.prepare('SELECT id_card FROM cadres WHERE id = ?').pluck().get(id) as string)
  return { id, idCard }
}

/** Loads one cadre carrying `items` of `kind` into a fresh database. */
function loadItems(kind: RecordKind, items: Record<string, unknown>[]) {
  const ctx = recordsContext()
  const { idCard } = person(ctx)
  const doc = { format: 'cadre-exchange', version: 1, units: [], cadres: [{ idCard, [kind]: items }] }
  return { ctx, report: loadExchangeText(ctx, JSON.stringify(doc), 'f.json') }
}

const ipcAdd = recordsChannels['records.add'].input

const requiredRows = RECORD_KINDS.flatMap((kind) =>
  KIND_DEFS[kind].fields.filter((f) => f.required && f.default === undefined).map((f) => [kind, f.key, f.label] as const),
)
const defaultRows = RECORD_KINDS.flatMap((kind) =>
  KIND_DEFS[kind].fields.filter((f) => f.default !== undefined).map((f) => [kind, f.key, f.default!] as const),
)
/** Fields read against a closed list whose unknown names are kept as typed, warned about. */
const openVocabRows = RECORD_KINDS.flatMap((kind) =>
  KIND_DEFS[kind].fields.filter((f) => f.vocab && !f.strict).map((f) => [kind, f.key, f.label] as const),
)
const maxRows = RECORD_KINDS.flatMap((kind) =>
  KIND_DEFS[kind].fields.filter((f) => f.max !== undefined && !f.strict).map((f) => [kind, f.key, f.label, f.max!] as const),
)

describe('one definition per record kind', () => {
  it.each(RECORD_KINDS)('%s: the same fields in the definition, the table, the IPC, the exchange file and the form', (kind) => {
    const ctx = recordsContext()
    const keys = KIND_DEFS[kind].fields.map((f) => f.key)
    expect(Object.keys(SAMPLE[kind])).toEqual(keys)
    expect(Object.keys(TABLES[kind].fields)).toEqual(keys)
    expect(Object.keys(recordDataSchema(kind).shape)).toEqual(keys)
    expect(Object.keys(RELATED[kind].shape)).toEqual(keys)
    expect(KIND_FIELDS[kind].map((f) => f.key)).toEqual(formFields(kind).map((f) => f.key))
    expect([...KIND_FIELDS[kind].map((f) => f.key)].sort()).toEqual([...keys].sort())
    const columns = (ctx.db.prepare(`PRAGMA table_info(${KIND_DEFS[kind].table})`).all() as { name: string }[]).map((c) => c.name)
    for (const f of KIND_DEFS[kind].fields) expect(columns, f.column).toContain(f.column)
    // The form says each field by its label, asks for the required ones and offers the closed list.
    for (const f of KIND_DEFS[kind].fields) {
      const spec = KIND_FIELDS[kind].find((s) => s.key === f.key)!
      expect(spec.label.startsWith(f.label), spec.label).toBe(true)
      expect(spec.required ?? false).toBe(f.required ?? false)
      if (f.vocab && (spec.input === 'select' || spec.input === 'free') && !f.form?.options)
        expect(spec.options).toEqual(termNames(f.vocab))
    }
  })

  it.each(RECORD_KINDS)('%s: a right record passes the IPC, is saved as sent and goes through dump and load unchanged', (kind) => {
    const ctx = recordsContext()
    const { id, idCard } = person(ctx)
    expect(ipcAdd.safeParse({ cadreId: id, kind, data: SAMPLE[kind] }).success).toBe(true)
    const saved = addRecord(ctx, kind, id, SAMPLE[kind] as never) as unknown as Record<string, unknown>
    const { id: _i, cadreId: _c, ...stored } = saved
    expect(stored).toEqual(SAMPLE[kind])
    const first = JSON.stringify(dumpExchange(ctx, '2026-11-22T10:00:00Z'), null, 2)
    const dst = recordsContext()
    const report = loadExchangeText(dst, first, 'f.json')
    expect(report.rejected).toEqual([])
    expect(report.warnings).toEqual([])
    expect(JSON.stringify(dumpExchange(dst, '2026-11-22T10:00:00Z'), null, 2)).toBe(first)
    const cadre = JSON.parse(first).cadres.find((c: { idCard: string }) => c.idCard === idCard)
    expect(cadre[kind]).toEqual([SAMPLE[kind]])
  })

  it.each(requiredRows)('%s.%s (%s) missing is refused, named, by the IPC, on entry and on load', (kind, key, label) => {
    const ctx = recordsContext()
    const { id } = person(ctx)
    const data = without(SAMPLE[kind], key)
    const ipc = ipcAdd.safeParse({ cadreId: id, kind, data })
    expect(ipc.success).toBe(false)
    expect(ipc.error!.issues.map((i) => i.message).join('；')).toContain(`${label}不能为空`)
    expect(() => addRecord(ctx, kind, id, { ...SAMPLE[kind], [key]: '' } as never)).toThrow(`${label}不能为空`)
    expect(listRecords(ctx, kind, id)).toHaveLength(0)
    const { report } = loadItems(kind, [data])
    expect(report.inserted).toBe(0)
    expect(report.rejected[0]?.key).toBe(kind)
    expect(report.rejected[0]?.message).toContain(label)
  })

  it.each(defaultRows)('%s.%s missing is stored as “%s” on entry and on load', (kind, key, value) => {
    const ctx = recordsContext()
    const { id } = person(ctx)
    const saved = addRecord(ctx, kind, id, { ...SAMPLE[kind], [key]: null } as never) as unknown as Record<string, unknown>
    expect(saved[key]).toBe(value)
    const { ctx: dst, report } = loadItems(kind, [without(SAMPLE[kind], key)])
    expect(report.rejected).toEqual([])
    const cadreId = dst.db.prepare('SELECT id FROM cadres').pluck().get() as number
    expect((listRecords(dst, kind, cadreId)[0] as unknown as Record<string, unknown>)[key]).toBe(value)
  })

  it.each(openVocabRows)('%s.%s (%s): an unknown name is kept as typed and warned about, naming it, on entry and on load', (kind, key, label) => {
    const odd = '某某自拟名称'
    const ctx = recordsContext()
    const { id } = person(ctx)
    const data = { ...SAMPLE[kind], [key]: odd }
    const warnings = recordWarnings(kind, data)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`${label}“${odd}”`)
    const saved = addRecord(ctx, kind, id, data as never) as unknown as Record<string, unknown>
    expect(saved[key]).toBe(odd)
    const { ctx: dst, report } = loadItems(kind, [data])
    expect(report.rejected).toEqual([])
    expect(report.warnings.map((w) => w.message).join('\n')).toContain(`${label}“${odd}”`)
    const cadreId = dst.db.prepare('SELECT id FROM cadres').pluck().get() as number
    expect((listRecords(dst, kind, cadreId)[0] as unknown as Record<string, unknown>)[key]).toBe(odd)
  })

  it.each(openVocabRows)('%s.%s (%s): a known variant is stored as the term on entry', (kind, key) => {
    const f = KIND_DEFS[kind].fields.find((x) => x.key === key) as FieldDef
    const term = f.vocab!.terms.find((t) => t.variants?.length)!
    const ctx = recordsContext()
    const { id } = person(ctx)
    const saved = addRecord(ctx, kind, id, { ...SAMPLE[kind], [key]: term.variants![0] } as never) as unknown as Record<string, unknown>
    expect(saved[key]).toBe(term.name)
    expect(recordWarnings(kind, { ...SAMPLE[kind], [key]: term.variants![0] })).toEqual([])
  })

  it.each(maxRows)('%s.%s (%s) longer than %i characters is refused, named, by the IPC and on load', (kind, key, label, max) => {
    const long = '长'.repeat(max + 1)
    const ipc = ipcAdd.safeParse({ cadreId: 1, kind, data: { ...SAMPLE[kind], [key]: long } })
    expect(ipc.success).toBe(false)
    expect(ipc.error!.issues[0]!.message).toBe(`${label}不能超过 ${max} 个字`)
    const { report } = loadItems(kind, [{ ...SAMPLE[kind], [key]: long }])
    expect(report.rejected[0]?.message).toContain(`${label}不能超过 ${max} 个字`)
  })

  // Closed lists the entry enforces: 处分类别 (the database holds only the three systems), 后备状态.
  it.each([
    ['discipline', 'system', '其他', 'refused'],
    ['discipline', 'system', '党纪处分', '党纪'],
    ['reserve', 'status', '待定', 'refused'],
    ['reserve', 'status', '在册', '在库'],
  ] as const)('%s.%s “%s” on entry: %s', (kind, key, value, expected) => {
    const ctx = recordsContext()
    const { id } = person(ctx)
    const data = { ...SAMPLE[kind], [key]: value }
    if (expected === 'refused') {
      const label = KIND_DEFS[kind].fields.find((f) => f.key === key)!.label
      expect(() => addRecord(ctx, kind, id, data as never)).toThrow(`${label}应为`)
    } else expect((addRecord(ctx, kind, id, data as never) as unknown as Record<string, unknown>)[key]).toBe(expected)
  })

  it.each([
    ['discipline', { system: '其他' }, 'rejected'],
    ['discipline', { system: '党纪处分' }, 'loaded'],
    // A loaded pool entry keeps a status it does not know (nothing dropped), said in a warning.
    ['reserve', { status: '待定' }, 'loaded'],
  ] as const)('%s %o on load: %s', (kind, change, expected) => {
    const { report } = loadItems(kind, [{ ...SAMPLE[kind], ...change }])
    expect(report.rejected.length === 0 ? 'loaded' : 'rejected').toBe(expected)
    if (kind === 'reserve') expect(report.warnings.map((w) => w.message).join()).toContain('后备状态“待定”')
  })

  // Channels other than records.add that take a record field: its length and its label from the
  // definition (they said 20 where the record took 50, and zod's words without the field).
  it.each([
    ['reserve.add', 'reserve', 'level', (v: string) => ({ cadreIds: [1], level: v, entryWay: null, entryDate: null })],
    ['reserve.add', 'reserve', 'entryWay', (v: string) => ({ cadreIds: [1], level: '正科级后备', entryWay: v, entryDate: null })],
    ['reserve.setStatus', 'reserve', 'status', (v: string) => ({ entryId: 1, status: v })],
    ['reserve.setStatus', 'reserve', 'exitReason', (v: string) => ({ entryId: 1, status: '已撤销', reason: v })],
    ['reserve.list', 'reserve', 'level', (v: string) => ({ level: v })],
    ['talks.ledger', 'talks', 'kind', (v: string) => ({ kinds: [v] })],
    ['postings.list', 'postings', 'kind', (v: string) => ({ kind: v })],
    ['studies.createRound', 'studies', 'round', (v: string) => ({ name: v, date: '2026-06-30', dimensions: [{ name: '实绩', weight: 1 }], group: { kind: 'manual', cadreIds: [1] } })],
    ['studies.save', 'studies', 'recommendation', (v: string) => ({ roundId: 1, entries: [{ studyId: 1, scores: {}, conclusion: null, recommendation: v }] })],
  ] as const)('%s takes %s.%s up to its limit, named beyond it', (channel, kind, key, arg) => {
    const f = KIND_DEFS[kind].fields.find((x) => x.key === key)!
    const input = recordsChannels[channel].input
    expect(input.safeParse(arg('长'.repeat(f.max!))).success).toBe(true)
    const r = input.safeParse(arg('长'.repeat(f.max! + 1)))
    expect(r.success).toBe(false)
    expect(r.error!.issues[0]!.message).toBe(`${f.label}不能超过 ${f.max} 个字`)
  })

  it('the Excel exports head their record columns with the definition’s labels', async () => {
    const ctx = recordsContext()
    const { id } = person(ctx)
    addRecord(ctx, 'talks', id, SAMPLE.talks as never)
    addRecord(ctx, 'reserve', id, SAMPLE.reserve as never)
    const headers = async (bytes: Uint8Array) => {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(Buffer.from(bytes) as never)
      const ws = wb.worksheets[0]!
      for (let r = 1; r <= 5; r++) {
        const row = (ws.getRow(r).values as unknown[]).slice(1).map(String)
        if (row[0] === '序号') return row
      }
      return []
    }
    const talks = await headers((await exportTalkLedger(ctx, {})).bytes)
    expect(talks).toEqual(['序号', '姓名', '工作单位', '职务', ...formFields('talks').map((f) => f.label)])
    const pool = await headers((await exportPool(ctx, {})).bytes)
    expect(pool.slice(7)).toEqual(formFields('reserve').map((f) => f.label))
  })
})

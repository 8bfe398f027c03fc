/** Excel exports of the talks ledger and the reserve pool, through the app's one table writer. */
import { workbookToBytes, type CellInput, type TableColumn } from '../export'
import type { AppContext } from '../services/context'
import { formFields, type FieldDef } from './fields'
import { listPool, type PoolQuery } from './reserve'
import { talkLedger, type TalkLedgerQuery } from './talks'

/** A record field as an Excel column: its label as the header, its kind by its type (fields.ts). */
export function exportColumn(f: FieldDef): TableColumn {
  const kind = f.export?.kind ?? (f.type === 'day' || f.type === 'month' ? f.type : f.type === 'longText' ? 'longText' : undefined)
  return kind ? { header: f.label, kind, width: f.export?.width } : { header: f.label, width: f.export?.width }
}

/** The record fields the talk ledger and the pool list after the person's columns. */
export const talkFields: FieldDef[] = formFields('talks')
export const poolFields: FieldDef[] = formFields('reserve')

export interface ExportedFile {
  bytes: Uint8Array
  fileName: string
  rows: number
}

export async function exportTalkLedger(ctx: AppContext, q: TalkLedgerQuery): Promise<ExportedFile> {
  const { rows } = talkLedger(ctx, { ...q, offset: 0, limit: 1_000_000 })
  const range = q.from || q.to ? `${q.from ?? ''}至${q.to ?? ''}` : '全部'
  const { bytes } = await workbookToBytes([
    {
      name: '谈话记录',
      title: '干部谈话记录台账',
      note: `时间范围：${range}${q.kinds?.length ? `；类型：${q.kinds.join('、')}` : ''}；共 ${rows.length} 条；导出日期：${ctx.today()}`,
      columns: [
        { header: '序号', kind: 'integer', width: 6 },
        { header: '姓名', width: 10 },
        { header: '工作单位', width: 22 },
        { header: '职务', width: 24 },
        ...talkFields.map(exportColumn),
      ],
      rows: rows.map((r, i) => [
        i + 1,
        r.name,
        r.unit,
        r.position,
        ...talkFields.map((f) => (r as unknown as Record<string, CellInput>)[f.key] ?? null),
      ]),
      freezeColumns: 2,
    },
  ])
  return { bytes, fileName: `谈话记录台账_${ctx.today()}.xlsx`, rows: rows.length }
}

export async function exportPool(ctx: AppContext, q: PoolQuery): Promise<ExportedFile> {
  const rows = listPool(ctx, q)
  const { bytes } = await workbookToBytes([
    {
      name: '后备干部',
      title: `后备干部名册${q.level ? `（${q.level}）` : ''}`,
      note: `状态：${q.statuses?.length ? q.statuses.join('、') : '全部'}；共 ${rows.length} 人；导出日期：${ctx.today()}`,
      columns: [
        { header: '序号', kind: 'integer', width: 6 },
        { header: '姓名', width: 10 },
        { header: '性别', width: 6 },
        { header: '出生年月', kind: 'month', width: 10 },
        { header: '年龄', kind: 'integer', width: 6 },
        { header: '工作单位', width: 22 },
        { header: '现任职务', width: 26 },
        ...poolFields.map(exportColumn),
      ],
      rows: rows.map((r, i) => [
        i + 1,
        r.name,
        r.gender,
        r.birthDate,
        r.age,
        r.unit,
        r.position,
        ...poolFields.map((f) => (r as unknown as Record<string, CellInput>)[f.key] ?? null),
      ]),
      freezeColumns: 2,
    },
  ])
  return { bytes, fileName: `后备干部名册_${ctx.today()}.xlsx`, rows: rows.length }
}

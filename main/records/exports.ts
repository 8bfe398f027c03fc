/** Excel exports of the talks ledger and the reserve pool, through the app's one table writer. */
import { workbookToBytes } from '../export'
import type { AppContext } from '../services/context'
import { listPool, type PoolQuery } from './reserve'
import { talkLedger, type TalkLedgerQuery } from './talks'

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
        { header: '谈话日期', kind: 'day', width: 12 },
        { header: '谈话类型', width: 12 },
        { header: '谈话人', width: 12 },
        { header: '谈话事由', kind: 'longText', width: 30 },
        { header: '谈话内容', kind: 'longText', width: 40 },
        { header: '整改要求', kind: 'longText', width: 24 },
        { header: '整改期限', kind: 'day', width: 12 },
        { header: '文号', width: 16 },
      ],
      rows: rows.map((r, i) => [
        i + 1,
        r.name,
        r.unit,
        r.position,
        r.date,
        r.kind,
        r.talker,
        r.reason,
        r.content,
        r.followUp,
        r.followUpDeadline,
        r.docNo,
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
        { header: '后备层次', width: 12 },
        { header: '入库方式', width: 20 },
        { header: '入库时间', kind: 'month', width: 10 },
        { header: '状态', width: 14 },
        { header: '出库时间', kind: 'month', width: 10 },
        { header: '出库原因', kind: 'longText', width: 20 },
      ],
      rows: rows.map((r, i) => [
        i + 1,
        r.name,
        r.gender,
        r.birthDate,
        r.age,
        r.unit,
        r.position,
        r.level,
        r.entryWay,
        r.entryDate,
        r.status,
        r.exitDate,
        r.exitReason,
      ]),
      freezeColumns: 2,
    },
  ])
  return { bytes, fileName: `后备干部名册_${ctx.today()}.xlsx`, rows: rows.length }
}

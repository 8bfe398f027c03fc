/** How an audit entry reads to a clerk: Chinese action names, changed values before → after. */
import type { AuditEntry } from '../../../../main/domain/cadre'
import { CADRE_FIELD_KEYS, fieldLabel, type CadreFieldKey } from '../../../../main/domain/fields'
import { isMonth } from '../../../../main/domain/dates'

const ACTIONS: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  status: '状态变更',
  photo: '照片',
  import: '导入',
  demo: '演示数据',
  restore: '恢复备份',
  backup: '备份',
  override: '人工认定',
  load: '载入数据',
  compare: '比对回写',
  encrypt: '加密数据库',
}

const EXTRA_LABELS: Record<string, string> = {
  resume: '简历',
  family: '家庭成员',
  photo: '照片',
  note: '说明',
  status: '状态',
  count: '人数',
  unitId: '单位',
  parentId: '上级单位',
  kind: '类别',
  year: '年度',
  grade: '等次',
  level: '级别',
  date: '日期',
  reason: '原因',
  result: '结果',
  remark: '备注',
  title: '名称',
  seed: '随机种子',
  file: '文件',
  rows: '行数',
  name: '名称',
}

const FIELD_KEYS = new Set<string>(CADRE_FIELD_KEYS)

export function actionLabel(a: string): string {
  return ACTIONS[a] ?? '变更'
}

/** The Chinese name of a changed key; null for an internal key no clerk needs to see. */
function keyLabel(k: string): string | null {
  if (FIELD_KEYS.has(k)) return fieldLabel(k as CadreFieldKey)
  if (EXTRA_LABELS[k]) return EXTRA_LABELS[k]
  return /[\u4e00-\u9fa5]/.test(k) ? k : null
}

/** A value as a clerk reads it: months with dots, lists summarised, empty as （空）. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）'
  if (typeof v === 'string') return isMonth(v) ? v.replace('-', '.') : v
  if (typeof v === 'number') return String(v)
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (Array.isArray(v)) {
    if (v.length === 0) return '（空）'
    const first = v[0] as Record<string, unknown> | undefined
    if (first && typeof first === 'object' && 'text' in first) {
      return v
        .map((e: { start?: string | null; end?: string | null; text?: string }) =>
          `${e.start ? e.start.replace('-', '.') : ''}${e.start ? '--' : ''}${e.end ? e.end.replace('-', '.') : ''} ${e.text ?? ''}`.trim(),
        )
        .join('\n')
    }
    if (first && typeof first === 'object' && 'relation' in first) {
      return v
        .map((e: { relation?: string; name?: string }) => `${e.relation ?? ''} ${e.name ?? ''}`.trim())
        .join('、')
    }
    return `${v.length} 项`
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([k]) => keyLabel(k) !== null)
      .map(([k, x]) => `${keyLabel(k) ?? ''}：${showValue(x)}`)
      .join('；')
  }
  return String(v)
}

export function changesOf(
  e: AuditEntry,
): { key: string; label: string; before: string | null; after: string }[] {
  const b =
    e.before && typeof e.before === 'object' && !Array.isArray(e.before)
      ? (e.before as Record<string, unknown>)
      : null
  const a =
    e.after && typeof e.after === 'object' && !Array.isArray(e.after)
      ? (e.after as Record<string, unknown>)
      : null
  if (!b && !a) return []
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
  return keys.flatMap((k) => {
    const label = keyLabel(k)
    if (label === null) return []
    // Nothing before (a new record, a demo load): only the value it now has.
    return [{ key: k, label, before: b ? showValue(b[k]) : null, after: a ? showValue(a[k]) : '（空）' }]
  })
}

/** The column chooser: a checkbox per column, in the form's order, grouped as the form groups them. */
import { Dialog } from '../../components'
import { CADRE_FIELDS } from '../../../../main/domain/fields'
import { ALL_COLUMNS } from './columns'

const GROUP_OF = new Map<string, string>([
  ...CADRE_FIELDS.map((f): [string, string] => [f.key, f.group]),
  ['age', CADRE_FIELDS[0]?.group ?? '基本信息'],
  ['impactUntil', '职务职级'],
])

export function ColumnChooser({
  open,
  visible,
  onToggle,
  onReset,
  onClose,
}: {
  open: boolean
  visible: Set<string>
  onToggle(key: string, show: boolean): void
  onReset(): void
  onClose(): void
}) {
  const groups = new Map<string, typeof ALL_COLUMNS>()
  for (const c of ALL_COLUMNS) {
    const g = GROUP_OF.get(c.key) ?? '其他'
    groups.set(g, [...(groups.get(g) ?? []), c])
  }
  return (
    <Dialog
      open={open}
      title="选择显示的列"
      onClose={onClose}
      width={640}
      testId="column-chooser"
      footer={
        <>
          <button type="button" className="btn" onClick={onReset}>
            恢复默认列
          </button>
          <button type="button" className="btn btn-primary" onClick={onClose}>
            完成
          </button>
        </>
      }
    >
      {[...groups.entries()].map(([g, cols]) => (
        <fieldset key={g} className="chooser-group">
          <legend>{g}</legend>
          {cols.map((c) => (
            <label key={c.key} className="chooser-item">
              <input
                type="checkbox"
                checked={visible.has(c.key)}
                onChange={(e) => onToggle(c.key, e.target.checked)}
              />
              {c.label}
            </label>
          ))}
        </fieldset>
      ))}
      <div className="field-hint">拖动表头可调整列的顺序，拖动表头边线可调整列宽，设置会自动保存。</div>
    </Dialog>
  )
}

/** 家庭主要成员及重要社会关系: 称谓 姓名 出生年月 政治面貌 工作单位及职务, rows added / removed / moved. */
import { ageAt, parseMonth, today } from '../../../../main/domain/dates'
import { POLITICAL_STATUSES } from '../../../../main/domain/fields'
import { FormSection } from '../../components'
import { tidyMonth, type Errors, type FamilyRow } from './form'
import { RowOps } from './RowOps'

const RELATIONS = [
  '妻子',
  '丈夫',
  '儿子',
  '女儿',
  '父亲',
  '母亲',
  '岳父',
  '岳母',
  '公公',
  '婆婆',
  '哥哥',
  '姐姐',
  '弟弟',
  '妹妹',
]

const EMPTY: FamilyRow = { relation: '', name: '', birthDate: '', politicalStatus: '', workUnitPosition: '' }

export function FamilyEditor({
  rows,
  errors,
  onChange,
  onBlur,
}: {
  rows: FamilyRow[]
  errors: Errors
  onChange(rows: FamilyRow[]): void
  onBlur(key: string): void
}) {
  const set = (i: number, patch: Partial<FamilyRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const cell = (i: number, k: keyof FamilyRow, label: string, list?: string) => {
    const key = `family.${i}.${k}`
    return (
      <td>
        <input
          className="input"
          value={rows[i]?.[k] ?? ''}
          list={list}
          aria-label={`第${i + 1}行${label}`}
          aria-invalid={errors[key] ? true : undefined}
          placeholder={k === 'birthDate' ? '如 1976.05' : undefined}
          onChange={(e) => set(i, { [k]: e.target.value })}
          onBlur={() => {
            if (k === 'birthDate') set(i, { birthDate: tidyMonth(rows[i]?.birthDate ?? '') })
            onBlur(key)
          }}
        />
        {errors[key] ? <div className="field-error">{errors[key]}</div> : null}
      </td>
    )
  }
  return (
    <FormSection
      title="家庭主要成员及重要社会关系"
      actions={
        <button type="button" className="btn btn-small" onClick={() => onChange([...rows, { ...EMPTY }])}>
          添加成员
        </button>
      }
    >
      <datalist id="family-relations">
        {RELATIONS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <datalist id="family-political">
        {POLITICAL_STATUSES.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      {errors.family ? (
        <div className="section-error" role="alert">
          {errors.family}
        </div>
      ) : null}
      <table className="table" data-testid="family-table">
        <thead>
          <tr>
            <th style={{ width: 100 }}>称谓</th>
            <th style={{ width: 110 }}>姓名</th>
            <th style={{ width: 120 }}>出生年月</th>
            <th style={{ width: 56 }}>年龄</th>
            <th style={{ width: 140 }}>政治面貌</th>
            <th>工作单位及职务</th>
            <th style={{ width: 132 }}>操作</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={7} className="muted table-empty">
                尚无家庭成员。点击“添加成员”录入。
              </td>
            </tr>
          ) : null}
          {rows.map((r, i) => {
            const b = parseMonth(r.birthDate)
            const age = b.ok ? ageAt(b.value, today()) : null
            return (
              <tr key={i}>
                {cell(i, 'relation', '称谓', 'family-relations')}
                {cell(i, 'name', '姓名')}
                {cell(i, 'birthDate', '出生年月')}
                <td className="muted">{age ?? ''}</td>
                {cell(i, 'politicalStatus', '政治面貌', 'family-political')}
                {cell(i, 'workUnitPosition', '工作单位及职务')}
                <RowOps rows={rows} index={i} onChange={onChange} />
              </tr>
            )
          })}
        </tbody>
      </table>
    </FormSection>
  )
}

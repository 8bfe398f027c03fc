/** 到龄: 原法定退休年龄 (default by gender, settable) and the 到龄时间 it gives under the 2025 reform. */
import { monthDots } from '../../../../main/domain/dates'
import {
  RETIRE_MISSING,
  cadreRetirement,
  defaultRetireBaseAge,
  retirementAge,
} from '../../../../main/domain/retirement'
import { FormGrid, FormSection, SelectField } from '../../components'

export interface RetirementSectionProps {
  gender: string
  /** `YYYY-MM` or null when not (yet) a valid month. */
  birth: string | null
  value: string
  error?: string
  onChange(v: string): void
}

export function RetirementSection({ gender, birth, value, error, onChange }: RetirementSectionProps) {
  const def = defaultRetireBaseAge(gender)
  const r = cadreRetirement({ gender, birthDate: birth, retireBaseAge: value ? Number(value) : null })
  const age = r.baseAge !== null ? retirementAge(birth, r.baseAge) : null
  return (
    <FormSection title="到龄">
      <FormGrid columns={3}>
        <SelectField
          name="retireBaseAge"
          label="原法定退休年龄"
          value={value}
          error={error}
          options={['60', '55', '50']}
          emptyLabel={def === null ? '按性别（性别未填）' : `按性别（${gender} ${def} 岁）`}
          hint="改革前的法定退休年龄；女干部多为 55 岁"
          onChange={onChange}
        />
        <div className="field">
          <span className="field-label">到龄时间</span>
          <div className="field-control">
            <div
              className={r.retireDate ? 'retire-value' : 'retire-value cell-missing'}
              data-testid="retire-date"
            >
              {r.retireDate ? (
                <>
                  {monthDots(r.retireDate)}
                  {age ? (
                    <span className="retire-age">
                      （{age.years}岁{age.months ? `${age.months}个月` : ''}）
                    </span>
                  ) : null}
                </>
              ) : (
                `${RETIRE_MISSING}（缺${r.missing.join('、')}）`
              )}
            </div>
            <div className="field-hint">按《全国人大常委会关于实施渐进式延迟法定退休年龄的决定》计算</div>
          </div>
        </div>
      </FormGrid>
    </FormSection>
  )
}

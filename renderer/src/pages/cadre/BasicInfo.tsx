/** 基本信息: the fields of the 干部任免审批表 in the form's order, the photo beside them. */
import type { ReactNode } from 'react'
import {
  DEGREES,
  EDUCATIONS,
  ETHNIC_GROUPS,
  GENDERS,
  POLITICAL_STATUSES,
  POSITION_LEVELS,
  RANKS,
  fieldLabel,
  type CadreFieldKey,
} from '../../../../main/domain/fields'
import { ageAt, parseMonth, today } from '../../../../main/domain/dates'
import { FormGrid, FormSection, MonthField, SelectField, TextField } from '../../components'
import type { Draft, Errors } from './form'
import { RetirementSection } from './RetirementSection'
import { UnitPicker } from '../../components/UnitPicker'

export interface BasicInfoProps {
  fields: Draft
  errors: Errors
  unitNames: string[]
  /** 原法定退休年龄 as chosen ('' = default by gender) and its setter (issue 13). */
  retireBaseAge: string
  onRetireBaseAge(v: string): void
  onChange(key: CadreFieldKey, value: string): void
  onBlur(key: CadreFieldKey): void
  photo: ReactNode
}

export function BasicInfo({
  fields,
  errors,
  unitNames,
  retireBaseAge,
  onRetireBaseAge,
  onChange,
  onBlur,
  photo,
}: BasicInfoProps) {
  const text = (key: CadreFieldKey, extra: { span?: number; required?: boolean; hint?: string } = {}) => (
    <TextField
      name={key}
      label={fieldLabel(key)}
      value={fields[key]}
      error={errors[key]}
      onChange={(v) => onChange(key, v)}
      onBlur={() => onBlur(key)}
      {...extra}
    />
  )
  const monthF = (key: CadreFieldKey, hint?: string) => (
    <MonthField
      name={key}
      label={fieldLabel(key)}
      value={fields[key]}
      error={errors[key]}
      hint={hint}
      onChange={(v) => onChange(key, v)}
      onBlur={() => onBlur(key)}
    />
  )
  const choice = (key: CadreFieldKey, options: readonly string[], free = true, label?: string) => (
    <SelectField
      name={key}
      label={label ?? fieldLabel(key)}
      value={fields[key]}
      error={errors[key]}
      options={options}
      free={free}
      onChange={(v) => onChange(key, v)}
    />
  )
  const birth = parseMonth(fields.birthDate)
  const age = birth.ok ? ageAt(birth.value, today()) : null

  return (
    <>
      <FormSection title="基本情况">
        <div className="basic-layout">
          <FormGrid columns={3}>
            {text('name', { required: true })}
            {choice('gender', GENDERS, false)}
            {monthF('birthDate', age !== null ? `（${age}岁）` : undefined)}
            {choice('ethnicity', ETHNIC_GROUPS)}
            {text('nativePlace')}
            {text('birthPlace')}
            {monthF('partyJoinDate')}
            {monthF('workStartDate')}
            {text('health')}
            {text('techTitle')}
            {text('specialty', { span: 2 })}
            {text('idCard', {
              required: true,
              span: 2,
              hint: '18 位，最后一位可以是 X；性别和出生年月须与之一致',
            })}
            {choice('politicalStatus', POLITICAL_STATUSES)}
          </FormGrid>
          <div className="basic-photo">{photo}</div>
        </div>
      </FormSection>
      <FormSection title="学历学位">
        <div className="edu-grid">
          <div className="edu-head">全日制教育</div>
          <FormGrid template="minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.6fr)">
            {choice('eduFullTime', EDUCATIONS, true, '学历')}
            {choice('degreeFullTime', DEGREES, true, '学位')}
            <TextField
              name="schoolFullTime"
              label="毕业院校系及专业"
              value={fields.schoolFullTime}
              onChange={(v) => onChange('schoolFullTime', v)}
            />
          </FormGrid>
          <div className="edu-head">在职教育</div>
          <FormGrid template="minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.6fr)">
            {choice('eduInService', EDUCATIONS, true, '学历')}
            {choice('degreeInService', DEGREES, true, '学位')}
            <TextField
              name="schoolInService"
              label="毕业院校系及专业"
              value={fields.schoolInService}
              onChange={(v) => onChange('schoolInService', v)}
            />
          </FormGrid>
        </div>
      </FormSection>
      <FormSection title="职务职级">
        <FormGrid columns={3}>
          {text('position', { span: 3 })}
          <UnitField
            value={fields.unit}
            error={
              errors.unit ??
              (fields.unit.trim() &&
              unitNames.length &&
              !unitNames.includes(fields.unit.replace(/[\s\u3000]+/g, ''))
                ? '不在单位树中，请从列表中选择；新单位请先在“单位管理”中添加'
                : undefined)
            }
            onChange={(v) => onChange('unit', v)}
          />
          {choice('positionLevel', POSITION_LEVELS)}
          {monthF('positionDate')}
          {choice('rank', RANKS)}
          {monthF('rankDate')}
          {text('phone')}
        </FormGrid>
      </FormSection>
      <RetirementSection
        gender={fields.gender}
        birth={birth.ok ? birth.value : null}
        value={retireBaseAge}
        error={errors['retireBaseAge']}
        onChange={onRetireBaseAge}
      />
    </>
  )
}

/** 工作单位 picked from the unit tree (issue 13; components/UnitPicker.tsx), laid out as a field. */
function UnitField({ value, error, onChange }: { value: string; error?: string | null | 0 | ''; onChange(v: string): void }) {
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor="cadre-unit" className="field-label">
        {fieldLabel('unit')}
      </label>
      <div className="field-control">
        <UnitPicker
          id="cadre-unit"
          value={value || null}
          emptyLabel="（未填）"
          invalid={!!error}
          inputTestId="field-unit"
          data-testid="cadre-unit-picker"
          onChange={(u) => onChange(u?.name ?? '')}
        />
        {error ? (
          <div className="field-error" role="alert">
            {error}
          </div>
        ) : (
          <div className="field-hint">从单位树中选择，可输入名称或拼音首字母</div>
        )}
      </div>
    </div>
  )
}

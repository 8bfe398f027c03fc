/**
 * Labelled form inputs with an error line under the field. Controlled: value is a string ('' = empty).
 * Use inside `<FormGrid>` for the dense two/three-column layout of the detail editor.
 */
import { useId, type ReactNode } from 'react'

interface BaseProps {
  label: string
  value: string
  onChange(value: string): void
  error?: string | null
  hint?: string
  required?: boolean
  disabled?: boolean
  /** Spans this many columns of the FormGrid (default 1). */
  span?: number
  /** data-testid of the input; defaults to `field-${name}` when name is given. */
  name?: string
  placeholder?: string
}

function Wrap({
  id,
  label,
  error,
  hint,
  required,
  span,
  children,
}: {
  id: string
  label: string
  error?: string | null
  hint?: string
  required?: boolean
  span?: number
  children: ReactNode
}) {
  return (
    <div
      className={error ? 'field has-error' : 'field'}
      style={span && span > 1 ? { gridColumn: `span ${span}` } : undefined}
    >
      <label htmlFor={id} className="field-label">
        {required ? <span className="field-required">*</span> : null}
        {label}
      </label>
      <div className="field-control">
        {children}
        {error ? (
          <div className="field-error" role="alert">
            {error}
          </div>
        ) : hint ? (
          <div className="field-hint">{hint}</div>
        ) : null}
      </div>
    </div>
  )
}

export function TextField(props: BaseProps & { maxLength?: number; onBlur?(): void; type?: 'text' | 'tel' }) {
  const id = useId()
  return (
    <Wrap id={id} {...props}>
      <input
        id={id}
        className="input"
        type={props.type ?? 'text'}
        value={props.value}
        maxLength={props.maxLength}
        disabled={props.disabled}
        placeholder={props.placeholder}
        aria-invalid={props.error ? true : undefined}
        data-testid={props.name ? `field-${props.name}` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
      />
    </Wrap>
  )
}

/** A month typed freely (1975.03, 197503, 1975年3月 ...); the caller validates with parseMonth. */
export function MonthField(props: BaseProps & { onBlur?(): void }) {
  return <TextField {...props} placeholder={props.placeholder ?? '如 1975.03'} maxLength={20} />
}

/** A choice list. With `free` the clerk may also type a value not in the list (a datalist). */
export function SelectField(
  props: BaseProps & { options: readonly string[]; free?: boolean; emptyLabel?: string },
) {
  const id = useId()
  const listId = id + '-list'
  if (props.free) {
    return (
      <Wrap id={id} {...props}>
        <input
          id={id}
          className="input"
          list={listId}
          value={props.value}
          disabled={props.disabled}
          placeholder={props.placeholder ?? '选择或输入'}
          aria-invalid={props.error ? true : undefined}
          data-testid={props.name ? `field-${props.name}` : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
        <datalist id={listId}>
          {props.options.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      </Wrap>
    )
  }
  const options =
    props.value && !props.options.includes(props.value) ? [props.value, ...props.options] : props.options
  return (
    <Wrap id={id} {...props}>
      <select
        id={id}
        className="input"
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        data-testid={props.name ? `field-${props.name}` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">{props.emptyLabel ?? '（未填）'}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Wrap>
  )
}

export function TextAreaField(props: BaseProps & { rows?: number }) {
  const id = useId()
  return (
    <Wrap id={id} {...props}>
      <textarea
        id={id}
        className="input textarea"
        rows={props.rows ?? 4}
        value={props.value}
        disabled={props.disabled}
        placeholder={props.placeholder}
        aria-invalid={props.error ? true : undefined}
        data-testid={props.name ? `field-${props.name}` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Wrap>
  )
}

/** Lays fields out in `columns` columns (label left of input). */
export function FormGrid({
  columns = 3,
  template,
  children,
}: {
  columns?: number
  /** A grid-template-columns value of its own, e.g. '1fr 1fr 2fr'. */
  template?: string
  children: ReactNode
}) {
  return (
    <div
      className="form-grid"
      style={{ gridTemplateColumns: template ?? `repeat(${columns}, minmax(0, 1fr))` }}
    >
      {children}
    </div>
  )
}

/** A titled block of a form (基本信息, 学历学位 ...). */
export function FormSection({
  title,
  children,
  actions,
}: {
  title: string
  children: ReactNode
  actions?: ReactNode
}) {
  return (
    <section className="form-section">
      <div className="form-section-title">
        <span>{title}</span>
        {actions ? <span className="form-section-actions">{actions}</span> : null}
      </div>
      {children}
    </section>
  )
}

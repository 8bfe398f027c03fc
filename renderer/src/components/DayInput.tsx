/**
 * A day typed the way forms write it (2026.11.30; 2026-11-30, 20261130, 2026年11月30日 accepted),
 * instead of the browser's date picker, whose order and language follow the PC's locale.
 * Controlled with the stored ISO value (YYYY-MM-DD); a text that is not a day is shown in red and
 * not passed on.
 */
import { useEffect, useState } from 'react'
import { dateDots, parseDay } from '../../../main/domain/dates'

export interface DayInputProps {
  value: string
  onChange(iso: string | null): void
  className?: string
  'data-testid'?: string
  'aria-label'?: string
  /** Empty allowed (default false: an empty box keeps the last day). */
  allowEmpty?: boolean
}

export function DayInput({ value, onChange, className, allowEmpty, ...rest }: DayInputProps) {
  const [text, setText] = useState(dateDots(value))
  const [bad, setBad] = useState<string | null>(null)
  useEffect(() => {
    setText(dateDots(value))
    setBad(null)
  }, [value])
  const commit = () => {
    const r = parseDay(text)
    if (!r.ok) {
      setBad(`${r.message}；请按 2026.11.30 的格式填写`)
      return
    }
    if (r.value === null) {
      if (allowEmpty) onChange(null)
      else setText(dateDots(value))
      setBad(null)
      return
    }
    setBad(null)
    setText(dateDots(r.value))
    if (r.value !== value) onChange(r.value)
  }
  return (
    <input
      type="text"
      inputMode="numeric"
      className={`${className ?? 'input'} day-input${bad ? ' input-invalid' : ''}`}
      placeholder="2026.11.30"
      maxLength={12}
      value={text}
      title={bad ?? '年.月.日，如 2026.11.30'}
      aria-invalid={bad ? true : undefined}
      data-testid={rest['data-testid']}
      aria-label={rest['aria-label']}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit()
      }}
    />
  )
}

/**
 * 简历: one row per line of the form (start, end, text; a row without dates is a （其间：…） line),
 * with add / remove / move, pasting whole text (parsed by the domain's parseResume), and the
 * lines as the form prints them.
 */
import { useState } from 'react'
import { formatResume, parseResume, type ResumeEntry } from '../../../../main/domain/resume'
import { monthDots, parseMonth } from '../../../../main/domain/dates'
import { Dialog, FormSection } from '../../components'
import { tidyMonth, type Errors, type ResumeRow } from './form'
import { RowOps } from './RowOps'

function printable(rows: ResumeRow[]): string {
  const entries: ResumeEntry[] = rows
    .filter((r) => r.start.trim() || r.text.trim())
    .map((r) => {
      const s = parseMonth(r.start)
      const e = parseMonth(r.end)
      return { start: s.ok ? s.value : null, end: e.ok ? e.value : null, text: r.text.trim() }
    })
  return formatResume(entries)
}

export function ResumeEditor({
  rows,
  errors,
  onChange,
  onBlur,
}: {
  rows: ResumeRow[]
  errors: Errors
  onChange(rows: ResumeRow[]): void
  onBlur(key: string): void
}) {
  const [pasteOpen, setPasteOpen] = useState(false)
  const [pasteText, setPasteText] = useState('')
  const set = (i: number, patch: Partial<ResumeRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const parsed = pasteText.trim() ? parseResume(pasteText) : []

  return (
    <>
      <FormSection
        title="简历"
        actions={
          <>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => onChange([...rows, { start: '', end: '', text: '' }])}
            >
              添加一行
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => onChange([...rows, { start: '', end: '', text: '（其间：）' }])}
            >
              添加“其间”说明
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setPasteText(printable(rows))
                setPasteOpen(true)
              }}
            >
              按文本编辑
            </button>
          </>
        }
      >
        {errors.resume ? (
          <div className="section-error" role="alert">
            {errors.resume}
          </div>
        ) : null}
        <table className="table resume-table" data-testid="resume-table">
          <thead>
            <tr>
              <th style={{ width: 44 }}>序号</th>
              <th style={{ width: 120 }}>起始年月</th>
              <th style={{ width: 120 }}>终止年月</th>
              <th>学习、工作经历</th>
              <th style={{ width: 132 }}>操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted table-empty">
                  尚无简历。点击“添加一行”逐条录入，或点击“按文本编辑”粘贴整段简历。
                </td>
              </tr>
            ) : null}
            {rows.map((r, i) => (
              <tr key={i}>
                <td className="muted">{i + 1}</td>
                {(['start', 'end'] as const).map((k) => (
                  <td key={k}>
                    <input
                      className="input"
                      value={r[k]}
                      placeholder={k === 'end' ? '至今留空' : '如 1993.09'}
                      aria-label={`第${i + 1}行${k === 'start' ? '起始' : '终止'}年月`}
                      aria-invalid={errors[`resume.${i}.${k}`] ? true : undefined}
                      onChange={(e) => set(i, { [k]: e.target.value })}
                      onBlur={() => {
                        set(i, { [k]: tidyMonth(r[k]) })
                        onBlur(`resume.${i}.${k}`)
                      }}
                    />
                    {errors[`resume.${i}.${k}`] ? (
                      <div className="field-error">{errors[`resume.${i}.${k}`]}</div>
                    ) : null}
                  </td>
                ))}
                <td>
                  <input
                    className="input"
                    value={r.text}
                    aria-label={`第${i + 1}行经历`}
                    aria-invalid={errors[`resume.${i}.text`] ? true : undefined}
                    onChange={(e) => set(i, { text: e.target.value })}
                    onBlur={() => onBlur(`resume.${i}.text`)}
                  />
                  {errors[`resume.${i}.text`] ? (
                    <div className="field-error">{errors[`resume.${i}.text`]}</div>
                  ) : null}
                </td>
                <RowOps rows={rows} index={i} onChange={onChange} />
              </tr>
            ))}
          </tbody>
        </table>
      </FormSection>
      <FormSection title="打印效果（干部任免审批表中的简历栏）">
        <pre className="resume-preview" data-testid="resume-preview">
          {printable(rows) || '（无）'}
        </pre>
      </FormSection>
      <Dialog
        open={pasteOpen}
        title="按文本编辑简历"
        width={820}
        onClose={() => setPasteOpen(false)}
        footer={
          <>
            <button type="button" className="btn" onClick={() => setPasteOpen(false)}>
              取消
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => {
                onChange(
                  parsed.map((e) => ({ start: monthDots(e.start), end: monthDots(e.end), text: e.text })),
                )
                setPasteOpen(false)
              }}
            >
              用以下 {parsed.length} 行替换简历
            </button>
          </>
        }
      >
        <div className="field-hint" style={{ marginBottom: 6 }}>
          每行一段经历，如“1993.09--1997.07
          某某大学某某专业学习”；现任职务终止时间留空或写“至今”；“（其间：…）”单独成行。
        </div>
        <textarea
          className="input textarea mono"
          rows={12}
          value={pasteText}
          aria-label="简历文本"
          onChange={(e) => setPasteText(e.target.value)}
        />
      </Dialog>
    </>
  )
}

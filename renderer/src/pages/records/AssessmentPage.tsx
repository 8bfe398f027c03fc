/**
 * 年度考核: every active cadre of a unit for one year in a grid. Grades typed from the keyboard
 * (Enter / ↓ moves down, 1–5 are shortcuts), pasted from Excel (a column of grades, or rows with
 * 姓名 / 身份证号 and 等次), or imported from a results sheet with a preview and error report.
 */
import {
  memo,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
} from 'react'
import { GRADES } from '../../../../main/records/kinds'
import type { ResultsReport } from '../../../../main/records/assessment-import'
import type { YearGridRow } from '../../../../main/records/assessments'
import { call, readFileBytes } from '../../api'
import { Dialog, EmptyState, Page, Spacer, Toolbar, confirmDialog, showMessage } from '../../components'
import { LoadError, useAction } from '../../kit'
import { useApiQuery } from '../../lib/query'
import { CountLine, UnitSelect, todayStr, useUnits } from './shared'

const SHORTCUTS: Record<string, string> = {
  '1': '优秀',
  '2': '称职',
  '3': '基本称职',
  '4': '不称职',
  '5': '不定等次',
}
const ALIAS: Record<string, string> = {
  优: '优秀',
  称: '称职',
  合: '合格',
  基: '基本称职',
  基本: '基本称职',
  不: '不称职',
  不定: '不定等次',
  未定等次: '不定等次',
}

/** '' → null (clear); a grade → itself; anything else → undefined (invalid). */
export function gradeOf(raw: string): string | null | undefined {
  const s = raw.replace(/[\s\u3000]/g, '')
  if (!s) return null
  if ((GRADES as readonly string[]).includes(s)) return s
  return ALIAS[s] ?? SHORTCUTS[s]
}

const ID_RE = /^\d{17}[\dXx]$/
/** Row height of the year grid (CSS .rec-vgrid tr) and rows drawn beyond the viewport. */
const ROW_H = 38
const OVERSCAN = 30

export function AssessmentPage() {
  const units = useUnits()
  const [unitId, setUnitId] = useState<number | null>(null)
  const [year, setYear] = useState(() => Number(todayStr().slice(0, 4)) - 1)
  // Refetched after any grade is saved (here, by an import, on a cadre's page); what is typed and
  // not yet saved stays as typed.
  const gridQuery = useApiQuery('assessments.grid', { unitId, year }, { keepPrevious: true })
  const grid = gridQuery.data
  const [edits, setEdits] = useState<Map<number, string>>(new Map())
  const [report, setReport] = useState<{
    report: ResultsReport
    bytes: Uint8Array<ArrayBuffer>
    fileName: string
  } | null>(null)
  const fileRef = useRef<HTMLInputElement>(null)
  const tableRef = useRef<HTMLTableSectionElement>(null)
  const rows = useMemo(() => grid?.rows ?? [], [grid])

  const changes = useMemo(() => {
    const out: { cadreId: number; grade: string | null; raw: string; name: string }[] = []
    for (const r of rows) {
      const raw = edits.get(r.cadreId)
      if (raw === undefined) continue
      const g = gradeOf(raw)
      if (g !== undefined && g === r.grade) continue
      out.push({ cadreId: r.cadreId, grade: g === undefined ? raw : g, raw, name: r.name })
    }
    return out
  }, [edits, rows])
  const invalid = changes.filter((c) => gradeOf(c.raw) === undefined)

  const counts = useMemo(() => {
    const m = new Map<string, number>()
    for (const r of rows) {
      const raw = edits.get(r.cadreId)
      const g = raw === undefined ? r.grade : (gradeOf(raw) ?? '（有误）')
      const k = g ?? '未录入'
      m.set(k, (m.get(k) ?? 0) + 1)
    }
    return [...GRADES, '（有误）', '未录入']
      .filter((g) => m.has(g))
      .map((g) => ({ label: g, count: m.get(g) ?? 0 }))
  }, [rows, edits])

  const setEdit = (cadreId: number, v: string) =>
    setEdits((old) => {
      const next = new Map(old)
      next.set(cadreId, SHORTCUTS[v.trim()] ?? v)
      return next
    })

  // Only the rows near the viewport are in the DOM (a county has thousands of cadres).
  const scrollRef = useRef<HTMLDivElement>(null)
  const [view, setView] = useState({ top: 0, height: 900 })
  const first = Math.max(0, Math.floor(view.top / ROW_H) - OVERSCAN)
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / ROW_H) + OVERSCAN)
  const onScroll = () => {
    const el = scrollRef.current
    if (el) setView({ top: el.scrollTop, height: el.clientHeight })
  }

  const focusRow = (i: number) => {
    if (i < 0 || i >= rows.length) return
    const focus = () => {
      const el = tableRef.current?.querySelector<HTMLInputElement>(`input[data-row="${i}"]`)
      if (el) {
        el.focus()
        el.select()
      }
      return !!el
    }
    const box = scrollRef.current
    if (box) {
      const y = i * ROW_H
      const head = 34
      if (y < box.scrollTop) box.scrollTop = y
      else if (y + ROW_H > box.scrollTop + box.clientHeight - head)
        box.scrollTop = y + ROW_H - box.clientHeight + head
    }
    if (!focus()) requestAnimationFrame(() => void focus())
  }

  const onKey = (e: KeyboardEvent<HTMLInputElement>, i: number) => {
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault()
      focusRow(i + 1)
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      focusRow(i - 1)
    }
  }

  const onPaste = (e: ClipboardEvent<HTMLInputElement>, i: number) => {
    const text = e.clipboardData.getData('text/plain')
    if (!/[\t\n]/.test(text.trim())) return
    e.preventDefault()
    const lines = text.replace(/\r/g, '').replace(/\n+$/, '').split('\n')
    const table = lines.map((l) => l.split('\t').map((c) => c.trim()))
    const next = new Map(edits)
    let applied = 0
    const missed: string[] = []
    if (table.every((cells) => cells.length === 1)) {
      table.forEach((cells, k) => {
        const row = rows[i + k]
        if (!row) {
          missed.push(cells[0] ?? '')
          return
        }
        next.set(row.cadreId, cells[0] ?? '')
        applied++
      })
    } else {
      const byName = new Map<string, number[]>()
      rows.forEach((r) => byName.set(r.name, [...(byName.get(r.name) ?? []), r.cadreId]))
      const byId = new Map(rows.map((r) => [r.idCard, r.cadreId]))
      for (const cells of table) {
        const id = cells.find((c) => ID_RE.test(c))
        const grade = [...cells].reverse().find((c) => gradeOf(c) !== undefined && gradeOf(c) !== null)
        let cadreId: number | undefined
        if (id) cadreId = byId.get(id.toUpperCase())
        if (cadreId === undefined) {
          for (const c of cells) {
            const hit = byName.get(c.replace(/\s/g, ''))
            if (hit && hit.length === 1) cadreId = hit[0]
          }
        }
        if (cadreId === undefined || !grade) {
          missed.push(cells.join(' '))
          continue
        }
        next.set(cadreId, grade)
        applied++
      }
    }
    setEdits(next)
    if (missed.length)
      showMessage(
        `已填入 ${applied} 行；${missed.length} 行未能对应到本表中的干部：${missed.slice(0, 3).join('；')}${missed.length > 3 ? '…' : ''}`,
        'warning',
      )
    else showMessage(`已填入 ${applied} 行，请检查后点击“保存”`, 'info')
  }

  const save = useAction(
    async () => {
      if (invalid.length)
        throw new Error(
          `${invalid[0]?.name}的等次“${invalid[0]?.raw}”无法识别，应为 ${GRADES.join('、')} 之一`,
        )
      const r = await call('assessments.setGrades', {
        year,
        changes: changes.map((c) => ({ cadreId: c.cadreId, grade: c.grade })),
      })
      // The saved grades are on screen before the edits go (no flash of the old ones).
      await gridQuery.refetch()
      return r
    },
    {
      success: (r) => `已保存 ${r.changed} 个等次`,
      onDone: (r) => {
        // What the regulations say against a grade (诫勉 / 政务处分 that year): saved all the same.
        if (r.warnings.length)
          showMessage(`请注意：${r.warnings.map((w) => w.message).join('；')}`, 'warning')
        setEdits(new Map())
      },
    },
  )

  const switchTo = async (apply: () => void) => {
    if (
      changes.length &&
      !(await confirmDialog({
        title: '放弃未保存的等次',
        message: `有 ${changes.length} 处修改尚未保存，确定放弃吗？`,
        danger: true,
        okText: '放弃',
      }))
    )
      return
    setEdits(new Map())
    apply()
  }

  const pickFile = useAction(
    async (f: File) => {
      const bytes = new Uint8Array(await readFileBytes(f))
      const r = await call('assessments.import', { bytes, fileName: f.name, year, dryRun: true })
      setReport({ report: r, bytes, fileName: f.name })
    },
    {
      onError: () => {
        if (fileRef.current) fileRef.current.value = ''
      },
      onDone: () => {
        if (fileRef.current) fileRef.current.value = ''
      },
    },
  )

  const commitImport = useAction(
    async () => {
      if (!report) return null
      return await call('assessments.import', {
        bytes: report.bytes,
        fileName: report.fileName,
        year,
        dryRun: false,
      })
    },
    {
      success: (r) =>
        r
          ? `已导入 ${r.inserted + r.updated} 个等次${r.rejected.length ? `，${r.rejected.length} 行未导入` : ''}`
          : null,
      onDone: () => setReport(null),
    },
  )

  // One stable object for every row, so typing or pasting re-renders only the rows it changes.
  const live = useRef({ setEdit, onKey, onPaste })
  useLayoutEffect(() => {
    live.current = { setEdit, onKey, onPaste }
  })
  const handlers = useMemo<RowHandlers>(
    () => ({
      setEdit: (id, v) => live.current.setEdit(id, v),
      onKey: (e, i) => live.current.onKey(e, i),
      onPaste: (e, i) => live.current.onPaste(e, i),
    }),
    [],
  )

  const years = Array.from({ length: 12 }, (_, k) => Number(todayStr().slice(0, 4)) - k)
  return (
    <Page
      title="年度考核"
      subtitle={grid ? `${year} 年度 · ${rows.length} 人` : undefined}
      testId="assessment-page"
      fill
      actions={
        <>
          <input
            ref={fileRef}
            type="file"
            accept=".xlsx"
            hidden
            data-testid="assessment-file"
            onChange={(e) => {
              const f = e.target.files?.[0]
              if (f) void pickFile.run(f)
            }}
          />
          <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
            导入考核结果表
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="grades-save"
            disabled={save.busy || changes.length === 0}
            onClick={() => void save.run()}
          >
            {save.busy ? '正在保存…' : changes.length ? `保存（${changes.length} 处修改）` : '保存'}
          </button>
        </>
      }
      toolbar={
        <Toolbar>
          <UnitSelect
            units={units}
            value={unitId}
            testId="assessment-unit"
            onChange={(v) => void switchTo(() => setUnitId(v))}
          />
          <select
            className="input"
            value={year}
            data-testid="assessment-year"
            onChange={(e) => void switchTo(() => setYear(Number(e.target.value)))}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y} 年度
              </option>
            ))}
          </select>
          <span className="muted rec-tip">
            在等次格中输入或粘贴（可从 Excel 复制一列等次，或“姓名/身份证号 + 等次”多列）；数字 1–5 分别代表
            优秀、称职、基本称职、不称职、不定等次；回车下移
          </span>
          <Spacer />
          <CountLine items={counts} />
        </Toolbar>
      }
    >
      <datalist id="grade-options">
        {GRADES.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      {gridQuery.isError ? (
        <LoadError
          error={gridQuery.error}
          what="读取年度考核表"
          retry={() => void gridQuery.refetch()}
          busy={gridQuery.isFetching}
        />
      ) : !grid ? (
        <div className="muted kit-loading">正在读取…</div>
      ) : rows.length === 0 ? (
        <EmptyState title="该单位没有在职干部">请在左上角选择其他单位。</EmptyState>
      ) : (
        <div className="rec-scroll" ref={scrollRef} onScroll={onScroll}>
          <table className="table rec-grid rec-vgrid" data-testid="year-grid">
            <thead>
              <tr>
                <th className="rec-num">序号</th>
                <th>姓名</th>
                <th>身份证号</th>
                <th>工作单位</th>
                <th>现任职务</th>
                <th>{year - 1} 年度</th>
                <th className="rec-grade-col">{year} 年度等次</th>
              </tr>
            </thead>
            <tbody ref={tableRef}>
              {first > 0 ? <tr className="rec-spacer" style={{ height: first * ROW_H }} /> : null}
              {rows.slice(first, last).map((r, k) => (
                <GradeRow
                  key={r.cadreId}
                  row={r}
                  index={first + k}
                  year={year}
                  raw={edits.get(r.cadreId)}
                  handlers={handlers}
                />
              ))}
              {last < rows.length ? (
                <tr className="rec-spacer" style={{ height: (rows.length - last) * ROW_H }} />
              ) : null}
            </tbody>
          </table>
        </div>
      )}
      {report ? (
        <ImportReportDialog
          report={report.report}
          onClose={() => setReport(null)}
          busy={commitImport.busy}
          onCommit={() => void commitImport.run()}
        />
      ) : null}
    </Page>
  )
}

interface RowHandlers {
  setEdit(cadreId: number, v: string): void
  onKey(e: KeyboardEvent<HTMLInputElement>, i: number): void
  onPaste(e: ClipboardEvent<HTMLInputElement>, i: number): void
}

const GradeRow = memo(function GradeRow({
  row: r,
  index: i,
  year,
  raw,
  handlers,
}: {
  row: YearGridRow
  index: number
  year: number
  raw: string | undefined
  handlers: RowHandlers
}) {
  const value = raw ?? r.grade ?? ''
  const bad = raw !== undefined && gradeOf(raw) === undefined
  const changed = raw !== undefined && !bad && gradeOf(raw) !== r.grade
  return (
    <tr data-testid="grid-row">
      <td className="rec-num">{i + 1}</td>
      <td>{r.name}</td>
      <td className="muted">{r.idCard}</td>
      <td>{r.unit}</td>
      <td>{r.position}</td>
      <td className="muted">{r.previousGrade}</td>
      <td className={bad ? 'rec-cell-bad' : changed ? 'rec-cell-changed' : undefined}>
        <input
          className="input grade-input"
          list="grade-options"
          value={value}
          aria-label={`${r.name} ${year} 年度等次`}
          aria-invalid={bad || undefined}
          data-testid="grade-input"
          data-row={i}
          onChange={(e) => handlers.setEdit(r.cadreId, e.target.value)}
          onKeyDown={(e) => handlers.onKey(e, i)}
          onPaste={(e) => handlers.onPaste(e, i)}
          onFocus={(e) => e.target.select()}
        />
      </td>
    </tr>
  )
})

function ImportReportDialog({
  report,
  busy,
  onClose,
  onCommit,
}: {
  report: ResultsReport
  busy: boolean
  onClose(): void
  onCommit(): void
}) {
  const land = report.inserted + report.updated
  return (
    <Dialog
      open
      title="导入考核结果：预览"
      onClose={onClose}
      width={820}
      testId="assessment-import-report"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn btn-primary" disabled={busy || land === 0} onClick={onCommit}>
            {busy ? '正在导入…' : `确认导入 ${land} 个等次`}
          </button>
        </>
      }
    >
      <p className="rec-lead">
        工作表“{report.sheet}”，表头在第 {report.headerRow} 行，共 {report.rows} 行数据：新增{' '}
        <b>{report.inserted}</b>，修改 <b>{report.updated}</b>， 与库中相同 {report.skipped}，有问题未导入{' '}
        <b className={report.rejected.length ? 'rec-bad' : undefined}>{report.rejected.length}</b>。
      </p>
      {report.rejected.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>行</th>
              <th>列</th>
              <th>内容</th>
              <th>问题</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.map((r) => (
              <tr key={`${r.row}-${r.key}`}>
                <td>{r.row}</td>
                <td>{r.column}</td>
                <td>{r.value}</td>
                <td>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {report.warnings.map((w) => (
        <div key={`${w.row}-${w.key}-${w.message}`} className="rec-warn" data-testid="import-warning">
          {w.message}
        </div>
      ))}
      {report.preview.length ? (
        <details className="rec-details">
          <summary>将导入的 {report.preview.length} 行</summary>
          <table className="table">
            <tbody>
              {report.preview.map((p) => (
                <tr key={p.row}>
                  <td>第 {p.row} 行</td>
                  <td>{p.name}</td>
                  <td>{p.year}</td>
                  <td>{p.current && p.current !== p.grade ? `${p.current} → ${p.grade}` : p.grade}</td>
                  <td className={p.warnings.length ? 'rec-warn' : undefined}>
                    {p.warnings.map((m) => `⚠ ${m}`).join('；')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </Dialog>
  )
}

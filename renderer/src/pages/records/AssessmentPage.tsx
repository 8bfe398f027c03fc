/**
 * 年度考核: the active cadres of a unit for one year in a grid. Grades typed from the keyboard
 * (Enter / ↓ moves down, 1–5 are shortcuts), pasted from Excel (a column of grades, or rows with
 * 姓名 / 身份证号 and 等次), or imported from a results sheet with a preview and error report.
 *
 * At 100,000 cadres (issue 11) the rows come in blocks of 200 from `assessments.grid` — only the
 * blocks around what is on screen, searched, filtered and sorted in SQL — and the count per grade
 * from `assessments.counts`; a pasted name or ID number is looked up by `assessments.resolvePaste`.
 * What is typed and not yet saved is kept here by cadre, whatever block it came from.
 *
 * A grade the regulations do not name is kept as typed (as the Excel import keeps it): its cell is
 * marked, and the save warns once naming the person and the value; the review reads it 待核实.
 */
import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
} from 'react'
import { ASSESSMENT_KINDS, GRADES } from '../../../../main/records/kinds'
import { resolveGrade } from '../../../../main/records/vocab'
import type { ResultsReport } from '../../../../main/records/assessment-import'
import type { YearGridRow, YearGridSortKey } from '../../../../main/records/assessments'
import { call, readFileBytes } from '../../api'
import { Dialog, EmptyState, Page, Spacer, Toolbar, confirmDialog } from '../../components'
import { LoadError, useAction } from '../../kit'
import { queryClient, useApiQueries, useApiQuery } from '../../lib/query'
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
/** The count line's and the filter's names beside the grades (main/records/assessments.ts). */
const NOT_ENTERED = '未录入'
const UNKNOWN_GRADE = '非规定等次'

/**
 * '' → null (clear); a grade or what clerks type for one → the grade; anything else → undefined
 * (not a name the regulations use: kept as typed, with a warning).
 */
export function gradeOf(raw: string): string | null | undefined {
  const s = raw.replace(/[\s\u3000]/g, '')
  if (!s) return null
  if ((GRADES as readonly string[]).includes(s)) return s
  return ALIAS[s] ?? SHORTCUTS[s] ?? resolveGrade(s) ?? undefined
}

/** What a raw edit saves: the grade, null (clear), or the text as typed without its spaces. */
function savedValue(raw: string): string | null {
  const g = gradeOf(raw)
  return g === undefined ? raw.replace(/[\s\u3000]+/g, '') : g
}

/** The count line's bucket of a saved or typed grade. */
function bucketOf(grade: string | null): string {
  if (grade === null) return NOT_ENTERED
  return gradeOf(grade) ?? UNKNOWN_GRADE
}

function unknownTip(raw: string): string {
  return `“${raw.trim()}”不是规定的等次（${GRADES.join('、')}），将按原样保存；资格审查时该年度为“待核实”`
}

/** Row height of the year grid (CSS .rec-vgrid tr), rows drawn beyond the viewport, rows a block. */
const ROW_H = 38
const OVERSCAN = 30
const BLOCK = 200

interface Edit {
  raw: string
  name: string
  /** The grade saved when the edit was made (what a change is measured against). */
  saved: string | null
}

const SORTABLE: { key: YearGridSortKey; label: string }[] = [
  { key: 'name', label: '姓名' },
  { key: 'idCard', label: '身份证号' },
  { key: 'unit', label: '工作单位' },
  { key: 'position', label: '现任职务' },
]

export function AssessmentPage() {
  const units = useUnits()
  const [unitId, setUnitId] = useState<number | null>(null)
  const [year, setYear] = useState(() => Number(todayStr().slice(0, 4)) - 1)
  const [kind, setKind] = useState<string>('年度考核')
  const [search, setSearch] = useState('')
  const [debounced, setDebounced] = useState('')
  const [gradeFilter, setGradeFilter] = useState('')
  const [sort, setSort] = useState<{ key: YearGridSortKey; dir: 'asc' | 'desc' } | null>(null)
  useEffect(() => {
    const t = setTimeout(() => setDebounced(search.trim()), 200)
    return () => clearTimeout(t)
  }, [search])

  const base = useMemo(
    () => ({
      unitId,
      year,
      kind,
      search: debounced || null,
      grade: gradeFilter || null,
      sort,
    }),
    [unitId, year, kind, debounced, gradeFilter, sort],
  )
  const baseKey = JSON.stringify(base)

  // Only the rows near the viewport are in the DOM, and only their blocks are asked for.
  const scrollRef = useRef<HTMLDivElement>(null)
  const tableRef = useRef<HTMLTableSectionElement>(null)
  const [view, setView] = useState({ top: 0, height: 900 })
  const onScroll = () => {
    const el = scrollRef.current
    if (el) setView({ top: el.scrollTop, height: el.clientHeight })
  }
  // Another query starts at its top.
  useLayoutEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0
    setView((v) => ({ ...v, top: 0 }))
  }, [baseKey])

  // The total of the current query: known once its first answer arrives (kept while it changes).
  const [totals, setTotals] = useState<{ key: string; total: number } | null>(null)
  const knownTotal = totals?.key === baseKey ? totals.total : null
  const rowsInView = Math.ceil(view.height / ROW_H)
  const first = Math.max(0, Math.floor(view.top / ROW_H) - OVERSCAN)
  const lastWanted = Math.floor(view.top / ROW_H) + rowsInView + OVERSCAN
  const last = knownTotal === null ? Math.min(lastWanted, BLOCK) : Math.min(knownTotal, lastWanted)
  const blocks = useMemo(() => {
    const out: number[] = []
    for (let b = Math.floor(first / BLOCK); b <= Math.floor(Math.max(first, last - 1) / BLOCK); b++)
      out.push(b)
    return out
  }, [first, last])
  const blockQueries = useApiQueries(
    'assessments.grid',
    blocks.map((b) => ({ ...base, offset: b * BLOCK, limit: BLOCK })),
  )
  const answered = blockQueries.find((q) => q.data)?.data
  useEffect(() => {
    if (answered && totals?.key !== baseKey) setTotals({ key: baseKey, total: answered.total })
    else if (answered && totals && totals.total !== answered.total)
      setTotals({ key: baseKey, total: answered.total })
  }, [answered, baseKey, totals])
  const blockError = blockQueries.find((q) => q.isError)
  // While another query's first block is on its way, the last known size keeps the table in place.
  const total = knownTotal ?? answered?.total ?? totals?.total ?? null
  const rowAt = (i: number): YearGridRow | undefined => {
    const k = blocks.indexOf(Math.floor(i / BLOCK))
    return k < 0 ? undefined : blockQueries[k]?.data?.rows[i % BLOCK]
  }

  const countsQuery = useApiQuery('assessments.counts', { unitId, year, kind }, { keepPrevious: true })
  const [edits, setEdits] = useState<Map<number, Edit>>(new Map())
  /** What the last save was warned of, kept on the page until the clerk clicks 知道了. */
  const [saveWarnings, setSaveWarnings] = useState<string[]>([])
  const [report, setReport] = useState<{
    report: ResultsReport
    bytes: Uint8Array<ArrayBuffer>
    fileName: string
  } | null>(null)
  const fileRef = useRef<HTMLInputElement>(null)

  const changes = useMemo(() => {
    const out: { cadreId: number; grade: string | null; raw: string; name: string; saved: string | null }[] =
      []
    for (const [cadreId, e] of edits) {
      const grade = savedValue(e.raw)
      if (grade === e.saved) continue
      out.push({ cadreId, grade, raw: e.raw, name: e.name, saved: e.saved })
    }
    return out
  }, [edits])

  // The saved counts (in SQL) with what is typed and not yet saved.
  const counts = useMemo(() => {
    const m = new Map<string, number>(Object.entries(countsQuery.data?.counts ?? {}))
    for (const c of changes) {
      const from = bucketOf(c.saved)
      const to = bucketOf(c.grade)
      m.set(from, (m.get(from) ?? 0) - 1)
      m.set(to, (m.get(to) ?? 0) + 1)
    }
    return [...GRADES, UNKNOWN_GRADE, NOT_ENTERED]
      .filter((g) => (m.get(g) ?? 0) > 0)
      .map((g) => ({ label: g, count: m.get(g) ?? 0 }))
  }, [countsQuery.data, changes])

  const setEdit = (row: YearGridRow, v: string) =>
    setEdits((old) => {
      const next = new Map(old)
      const prev = old.get(row.cadreId)
      next.set(row.cadreId, {
        raw: SHORTCUTS[v.trim()] ?? v,
        name: row.name,
        saved: prev ? prev.saved : row.grade,
      })
      return next
    })

  // Keyboard moves may land on a row whose block is still on its way: focused when it shows.
  const pendingFocus = useRef<number | null>(null)
  const tryFocus = (i: number): boolean => {
    const el = tableRef.current?.querySelector<HTMLInputElement>(`input[data-row="${i}"]`)
    if (!el) return false
    el.focus()
    el.select()
    return true
  }
  useLayoutEffect(() => {
    if (pendingFocus.current !== null && tryFocus(pendingFocus.current)) pendingFocus.current = null
  })
  const focusRow = (i: number) => {
    if (i < 0 || (total !== null && i >= total)) return
    const box = scrollRef.current
    if (box) {
      const y = i * ROW_H
      const head = 34
      if (y < box.scrollTop) box.scrollTop = y
      else if (y + ROW_H > box.scrollTop + box.clientHeight - head)
        box.scrollTop = y + ROW_H - box.clientHeight + head
      onScroll()
    }
    if (!tryFocus(i)) pendingFocus.current = i
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

  const paste = useAction(
    async (text: string, i: number) => {
      const lines = text.replace(/\r/g, '').replace(/\n+$/, '').split('\n')
      const table = lines.map((l) => l.split('\t').map((c) => c.trim()))
      const fills: { row: { cadreId: number; name: string; grade: string | null }; raw: string }[] = []
      const missed: string[] = []
      if (table.every((cells) => cells.length === 1)) {
        // A column of grades: from the row pasted into downwards, in the order on screen.
        const got: YearGridRow[] = []
        for (let at = i; got.length < table.length; at += 1000) {
          const r = await call('assessments.grid', {
            ...base,
            offset: at,
            limit: Math.min(1000, table.length - got.length),
          })
          got.push(...r.rows)
          if (r.rows.length === 0) break
        }
        table.forEach((cells, k) => {
          const row = got[k]
          if (row) fills.push({ row, raw: cells[0] ?? '' })
          else missed.push(`第 ${k + 1} 行“${cells[0] ?? ''}”：已超出表格末尾`)
        })
      } else {
        // 姓名 / 身份证号 + 等次: looked up among this table's people by the data side.
        const found = await call('assessments.resolvePaste', { unitId, year, kind, lines: table })
        for (const f of found) {
          if (f.cadreId === null) missed.push(`第 ${f.line + 1} 行“${f.text}”：${f.message}`)
          else fills.push({ row: { cadreId: f.cadreId, name: f.name, grade: f.grade }, raw: f.raw })
        }
      }
      setEdits((old) => {
        const next = new Map(old)
        for (const { row, raw } of fills) {
          const prev = old.get(row.cadreId)
          next.set(row.cadreId, { raw, name: row.name, saved: prev ? prev.saved : row.grade })
        }
        return next
      })
      const unknown = fills.filter((f) => gradeOf(f.raw) === undefined).length
      return { applied: fills.length, missed, unknown }
    },
    {
      success: (r) => {
        const odd = r.unknown ? `；其中 ${r.unknown} 个不是规定的等次，将按原样保存并提示` : ''
        if (r.missed.length)
          return `已填入 ${r.applied} 行${odd}；${r.missed.length} 行未能对应到本表中的干部：${r.missed.slice(0, 3).join('；')}${r.missed.length > 3 ? '…' : ''}`
        return `已填入 ${r.applied} 行${odd}，请检查后点击“保存”`
      },
      successKind: (r) => (r.missed.length || r.unknown ? 'warning' : 'info'),
    },
  )

  const onPaste = (e: ClipboardEvent<HTMLInputElement>, i: number) => {
    const text = e.clipboardData.getData('text/plain')
    if (!/[\t\n]/.test(text.trim())) return
    e.preventDefault()
    void paste.run(text, i)
  }

  const save = useAction(
    async () => {
      const r = await call('assessments.setGrades', {
        year,
        kind,
        changes: changes.map((c) => ({ cadreId: c.cadreId, grade: c.grade })),
      })
      // The saved grades are on screen before the edits go (no flash of the old ones).
      await Promise.all([
        queryClient.refetchQueries({ queryKey: ['assessments.grid'], type: 'active' }),
        queryClient.refetchQueries({ queryKey: ['assessments.counts'], type: 'active' }),
      ])
      return r
    },
    {
      success: (r) => `已保存 ${r.changed} 个等次`,
      onDone: (r) => {
        // A grade the regulations do not name, and what they say against a grade (诫勉 / 政务处分
        // that year): saved all the same.
        // Above the table, one line each, until read: a toast of ten joined warnings was gone before
        // it could be read.
        setSaveWarnings(r.warnings.map((w) => w.message))
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
      const r = await call('assessments.previewImport', { bytes, fileName: f.name, year, kind })
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
        kind,
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
      setEdit: (row, v) => live.current.setEdit(row, v),
      onKey: (e, i) => live.current.onKey(e, i),
      onPaste: (e, i) => live.current.onPaste(e, i),
    }),
    [],
  )

  const sortBy = (key: YearGridSortKey) =>
    setSort((s) => (s?.key !== key ? { key, dir: 'asc' } : s.dir === 'asc' ? { key, dir: 'desc' } : null))
  const sortMark = (key: YearGridSortKey) => (sort?.key === key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '')
  const ariaSort = (key: YearGridSortKey) =>
    sort?.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined
  const header = (key: YearGridSortKey, label: string, className?: string) => (
    <th className={className} aria-sort={ariaSort(key)}>
      <button type="button" className="rec-sort" data-testid={`sort-${key}`} onClick={() => sortBy(key)}>
        {label}
        {sortMark(key)}
      </button>
    </th>
  )

  const years = Array.from({ length: 12 }, (_, k) => Number(todayStr().slice(0, 4)) - k)
  const narrowed = !!(debounced || gradeFilter)
  const shown: number[] = []
  for (let i = first; i < last; i++) shown.push(i)
  return (
    <Page
      title="年度考核"
      subtitle={
        knownTotal === null ? undefined : (
          <span data-testid="assessment-total">
            {year} 年度 · {kind} ·{' '}
            {narrowed
              ? `符合条件 ${knownTotal.toLocaleString('zh-CN')} 人`
              : `${knownTotal.toLocaleString('zh-CN')} 人`}
          </span>
        )
      }
      testId="assessment-page"
      fill
      actions={
        <>
          <input
            ref={fileRef}
            type="file"
            accept=".xlsx,.xls"
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
          <select
            className="input"
            value={kind}
            aria-label="考核类别"
            data-testid="assessment-kind"
            onChange={(e) => void switchTo(() => setKind(e.target.value))}
          >
            {ASSESSMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <input
            className="input rec-search"
            type="search"
            placeholder="姓名、拼音首字母、身份证号"
            aria-label="查找干部"
            data-testid="assessment-search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <select
            className="input"
            value={gradeFilter}
            aria-label="按等次筛选"
            data-testid="assessment-grade-filter"
            onChange={(e) => setGradeFilter(e.target.value)}
          >
            <option value="">全部等次</option>
            {[...GRADES, UNKNOWN_GRADE, NOT_ENTERED].map((g) => (
              <option key={g} value={g}>
                {g === UNKNOWN_GRADE ? '非规定等次（待核实）' : g}
              </option>
            ))}
          </select>
          <span className="muted rec-tip">
            在等次格中输入或粘贴（可从 Excel 复制一列等次，或“姓名/身份证号 + 等次”多列）；1–5 分别代表
            优秀、称职、基本称职、不称职、不定等次；回车下移
          </span>
          <Spacer />
          <span data-testid="assessment-counts">
            <CountLine items={counts} />
          </span>
        </Toolbar>
      }
    >
      <datalist id="grade-options">
        {GRADES.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      {saveWarnings.length ? (
        <div className="rec-vocab-warn rec-save-warn" role="alert" data-testid="assessment-save-warnings">
          <div>
            已保存。请注意（{saveWarnings.length} 条）：
            <button
              type="button"
              className="btn btn-small"
              data-testid="assessment-save-warnings-ok"
              onClick={() => setSaveWarnings([])}
            >
              知道了
            </button>
          </div>
          <ul>
            {saveWarnings.map((m, i) => (
              <li key={i}>⚠ {m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {blockError ? (
        <LoadError
          error={blockError.error}
          what="读取年度考核表"
          retry={() => void blockError.refetch()}
          busy={blockError.isFetching}
        />
      ) : total === null ? (
        <div className="muted kit-loading">正在读取…</div>
      ) : total === 0 && !narrowed ? (
        <EmptyState title="该单位没有在职干部">请在左上角选择其他单位。</EmptyState>
      ) : (
        <div className="rec-scroll" ref={scrollRef} onScroll={onScroll}>
          <table className="table rec-grid rec-vgrid" data-testid="year-grid">
            <thead>
              <tr>
                <th className="rec-num">序号</th>
                {SORTABLE.map((c) => header(c.key, c.label))}
                {header('previousGrade', `${year - 1} 年度`)}
                {header('grade', `${year} 年度等次`, 'rec-grade-col')}
              </tr>
            </thead>
            <tbody ref={tableRef}>
              {first > 0 ? <tr className="rec-spacer" style={{ height: first * ROW_H }} /> : null}
              {shown.map((i) => {
                const r = rowAt(i)
                return r ? (
                  <GradeRow
                    key={r.cadreId}
                    row={r}
                    index={i}
                    year={year}
                    raw={edits.get(r.cadreId)?.raw}
                    handlers={handlers}
                  />
                ) : (
                  <tr key={`wait-${i}`} className="rec-waiting" data-testid="grid-row-waiting">
                    <td className="rec-num">{i + 1}</td>
                    <td colSpan={6} className="muted">
                      正在读取…
                    </td>
                  </tr>
                )
              })}
              {last < total ? <tr className="rec-spacer" style={{ height: (total - last) * ROW_H }} /> : null}
            </tbody>
          </table>
          {total === 0 ? (
            <div className="muted rec-lead" data-testid="assessment-no-match">
              没有符合条件的干部（查找“{debounced}”{gradeFilter ? `，等次“${gradeFilter}”` : ''}）
            </div>
          ) : null}
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
  setEdit(row: YearGridRow, v: string): void
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
  // A grade not named by the regulations, typed now or saved before: kept as typed, marked.
  const unknown = value.trim() !== '' && gradeOf(value) === undefined
  const changed = raw !== undefined && savedValue(raw) !== r.grade
  return (
    <tr data-testid="grid-row">
      <td className="rec-num">{i + 1}</td>
      <td>{r.name}</td>
      <td className="muted">{r.idCard}</td>
      <td>{r.unit}</td>
      <td>{r.position}</td>
      <td className="muted">{r.previousGrade}</td>
      <td
        className={
          [unknown ? 'rec-cell-unknown' : '', changed ? 'rec-cell-changed' : ''].join(' ').trim() || undefined
        }
        title={unknown ? unknownTip(value) : undefined}
      >
        <input
          className="input grade-input"
          list="grade-options"
          value={value}
          aria-label={`${r.name} ${year} 年度等次`}
          data-testid="grade-input"
          data-unknown={unknown || undefined}
          data-row={i}
          onChange={(e) => handlers.setEdit(r, e.target.value)}
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

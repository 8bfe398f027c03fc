/**
 * Import of an assessment results sheet (姓名, 身份证号, 年度, 等次), read through the roster
 * import engine's workbook layer (main/roster-import/: .xlsx and .xls, limits, hostile files), with
 * the report shape of `import` (CLI.md): rows as Excel numbers them, column letters, rejected rows
 * listed, the rest landing in one transaction (or none with dryRun).
 */
import { AppError } from '../domain/errors'
import { normalizeName } from '../domain/fields'
import { validateIdCard } from '../domain/idcard'
import { openWorkbook } from '../roster-import/open'
import { columnLetter, type CellValue, type LoadedSheet, type SheetRow } from '../roster-import/workbook'
import type { AppContext } from '../services/context'
import { normalizeGrade, setGrades } from './assessments'
import { gradeWarnings } from './crosschecks'
import { GRADE_VOCAB, resolveGrade, unknownTermText } from './vocab'

export interface ResultsRow {
  row: number
  name: string
  idCard: string | null
  year: number
  grade: string
  cadreId: number
  /** The grade stored before the import (null: none). */
  current: string | null
  /** What the regulations say against this grade (main/records/crosschecks.ts); imported all the same. */
  warnings: string[]
}

export interface ResultsProblem {
  row: number
  column: string | null
  key: string | null
  value: string
  message: string
}

export interface ResultsReport {
  file: string
  sheet: string
  headerRow: number
  columns: { header: string; key: string | null }[]
  rows: number
  inserted: number
  updated: number
  skipped: number
  rejected: ResultsProblem[]
  warnings: ResultsProblem[]
  /** The rows that land (or would land, with dryRun). */
  preview: ResultsRow[]
  dryRun: boolean
}

const HEADERS: Record<string, string[]> = {
  name: ['姓名', '名字', 'A0101'],
  idCard: ['身份证号', '身份证号码', '公民身份号码', '身份证', 'A0184'],
  year: ['年度', '年份', '考核年度'],
  grade: ['等次', '考核等次', '考核结果', '年度考核结果', '结果'],
}

function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return String(v.getFullYear())
  return String(v)
}

function headerKey(text: string): string | null {
  const t = text.replace(/[\s\u3000]/g, '').replace(/[（(].*[)）]$/, '')
  for (const [key, names] of Object.entries(HEADERS))
    if (names.some((n) => t === n || t.endsWith(n))) return key
  return null
}

export async function importAssessmentResults(
  ctx: AppContext,
  bytes: Uint8Array,
  opts: { fileName?: string; sheet?: string; year?: number; kind?: string; dryRun?: boolean },
): Promise<ResultsReport> {
  const fileName = opts.fileName ?? '考核结果表'
  // The roster import engine's reader: .xlsx and .xls by their bytes, size limits, hostile files refused.
  const wb = openWorkbook(bytes, fileName)
  const visible = wb.sheets.filter((s) => s.state === 'visible')
  if (opts.sheet !== undefined && !wb.sheets.some((s) => s.name === opts.sheet)) {
    throw new AppError(
      'import-no-sheet',
      `文件中没有名为“${opts.sheet}”的工作表`,
      `no sheet named ${opts.sheet}`,
    )
  }
  // The header row: within the first 10 rows, the first naming both 姓名 and 等次.
  let ws: LoadedSheet | null = null
  let headerRow = 0
  const cols: Record<string, number> = {}
  const columns: { header: string; key: string | null }[] = []
  for (const info of opts.sheet !== undefined ? [{ name: opts.sheet }] : visible) {
    const sheet = await wb.loadSheet(info.name)
    for (const row of sheet.head.filter((h) => h.r <= 10)) {
      const found: Record<string, number> = {}
      row.cells.forEach((v, c) => {
        const k = headerKey(cellText(v))
        if (k && found[k] === undefined) found[k] = c
      })
      if (found.name !== undefined && found.grade !== undefined) {
        ws = sheet
        headerRow = row.r
        Object.assign(cols, found)
        row.cells.forEach((v, c) => {
          const h = cellText(v).trim()
          if (h) columns.push({ header: h, key: Object.entries(found).find(([, x]) => x === c)?.[0] ?? null })
        })
        break
      }
    }
    if (ws) break
  }
  if (!ws) {
    throw new AppError(
      'import-no-header',
      `在工作表${(opts.sheet !== undefined ? [opts.sheet] : visible.map((v) => v.name)).map((n) => `“${n}”`).join('、')}的前 10 行中找不到表头：至少需要“姓名”和“等次”两列（另可有“身份证号”“年度”）`,
      'header row not found',
    )
  }
  if (cols.year === undefined && opts.year === undefined) {
    throw new AppError(
      'import-no-year',
      `工作表“${ws.name}”没有“年度”列，请在导入时选择年度`,
      'no year column',
    )
  }
  const rowsOf: SheetRow[] = []
  await ws.eachRow((row) => {
    if (row.r > headerRow) rowsOf.push(row)
  })
  const kind = opts.kind ?? '年度考核'
  const byId = ctx.db.prepare('SELECT id, name FROM cadres WHERE id_card = ?')
  const byName = ctx.db.prepare("SELECT id FROM cadres WHERE name = ? AND status = '在职'")
  const current = ctx.db.prepare('SELECT grade FROM assessments WHERE cadre_id = ? AND year = ? AND kind = ?')
  const rejected: ResultsProblem[] = []
  const warnings: ResultsProblem[] = []
  const preview: ResultsRow[] = []
  const seen = new Map<string, number>()
  let dataRows = 0
  let skipped = 0
  for (const row of rowsOf) {
    const r = row.r
    const get = (k: string) => (cols[k] === undefined ? '' : cellText(row.cells[cols[k]] ?? null).trim())
    const rawName = get('name')
    const rawId = get('idCard')
    const rawGrade = get('grade')
    const rawYear = get('year')
    if (!rawName && !rawId && !rawGrade) continue
    if (/^(填表人|制表|审核|备注|说明|注[:：])/.test(rawName)) continue
    dataRows++
    const where = (k: string) => (cols[k] === undefined ? null : columnLetter(cols[k]))
    const reject = (k: string, value: string, message: string) =>
      rejected.push({
        row: r,
        column: where(k),
        key: k,
        value,
        message: `第 ${r} 行${where(k) ? ` ${where(k)} 列` : ''}：${message}`,
      })
    const name = normalizeName(rawName)
    let year = opts.year ?? 0
    if (cols.year !== undefined) {
      const m = rawYear.match(/^(\d{4})(\.0+)?(年|年度)?$/)
      if (!m) {
        reject('year', rawYear, `年度“${rawYear}”应为四位年份`)
        continue
      }
      year = Number(m[1])
    }
    if (!rawGrade.replace(/[\s\u3000]/g, '')) {
      reject('grade', rawGrade, '等次为空')
      continue
    }
    // A name the regulations do not use is kept as typed, one warning naming row and column; the
    // review reads it 待核实 (issue 10).
    const known = normalizeGrade(rawGrade) ?? resolveGrade(rawGrade)
    const grade = known ?? rawGrade.replace(/[\s\u3000]+/g, '')
    const unknownGrade = known === null
    let cadreId: number | null = null
    let idCard: string | null = null
    if (rawId) {
      const idCell = cols.idCard === undefined ? null : row.cells[cols.idCard]
      const v = validateIdCard(typeof idCell === 'number' ? idCell : rawId)
      if (!v.ok) {
        reject('idCard', rawId, v.message)
        continue
      }
      idCard = v.value.idCard
      const c = byId.get(idCard) as { id: number; name: string } | undefined
      if (!c) {
        reject('idCard', rawId, `库中没有身份证号为 ${idCard} 的干部`)
        continue
      }
      if (name && c.name !== name) {
        warnings.push({
          row: r,
          column: where('name'),
          key: 'name',
          value: rawName,
          message: `第 ${r} 行：姓名“${name}”与库中“${c.name}”不一致，按身份证号导入`,
        })
      }
      cadreId = c.id
    } else {
      const found = byName.all(name) as { id: number }[]
      if (found.length === 0) {
        reject('name', rawName, `在职干部中没有“${name}”`)
        continue
      }
      if (found.length > 1) {
        reject('name', rawName, `在职干部中有 ${found.length} 位“${name}”，请填写身份证号以区分`)
        continue
      }
      cadreId = found[0]?.id ?? null
    }
    if (cadreId === null) continue
    const key = `${cadreId}/${year}`
    const prev = seen.get(key)
    if (prev !== undefined) {
      reject('name', rawName, `与第 ${prev} 行是同一人同一年度，重复`)
      continue
    }
    seen.set(key, r)
    const cur = (current.get(cadreId, year, kind) as { grade: string } | undefined)?.grade ?? null
    if (cur === grade) skipped++
    if (unknownGrade)
      warnings.push({
        row: r,
        column: where('grade'),
        key: 'grade',
        value: rawGrade,
        message: `第 ${r} 行${where('grade') ? ` ${where('grade')} 列` : ''}：${unknownTermText(GRADE_VOCAB, rawGrade)}`,
      })
    // Cross-checks against the cadre's talks and discipline of that year: warned, imported all the same.
    const checks = gradeWarnings(ctx, cadreId, { year, kind, grade }).map((w) => w.message)
    for (const m of checks)
      warnings.push({
        row: r,
        column: where('grade'),
        key: 'grade',
        value: rawGrade,
        message: `第 ${r} 行${where('grade') ? ` ${where('grade')} 列` : ''}：${name}，${m}`,
      })
    preview.push({ row: r, name, idCard, year, grade, cadreId, current: cur, warnings: checks })
  }
  const inserted = preview.filter((p) => p.current === null).length
  const updated = preview.filter((p) => p.current !== null && p.current !== p.grade).length
  if (!opts.dryRun && preview.length > 0) {
    ctx.db.transaction(() => {
      const years = [...new Set(preview.map((p) => p.year))]
      for (const y of years) {
        setGrades(ctx, {
          year: y,
          kind,
          keepUnknown: true,
          changes: preview.filter((p) => p.year === y).map((p) => ({ cadreId: p.cadreId, grade: p.grade })),
        })
      }
    })()
  }
  return {
    file: fileName,
    sheet: ws.name,
    headerRow,
    columns,
    rows: dataRows,
    inserted,
    updated,
    skipped,
    rejected,
    warnings,
    preview,
    dryRun: !!opts.dryRun,
  }
}

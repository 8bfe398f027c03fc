/**
 * Import of an assessment results sheet (姓名, 身份证号, 年度, 等次). The roster import engine
 * (main/roster-import/) was not available when this was written, so the sheet is read here with
 * exceljs, with the same report shape as `import` (CLI.md): rows as Excel numbers them, column
 * letters, rejected rows listed, the rest landing in one transaction (or none with dryRun).
 */
import ExcelJS from 'exceljs'
import { AppError } from '../domain/errors'
import { normalizeName } from '../domain/fields'
import { validateIdCard } from '../domain/idcard'
import type { AppContext } from '../services/context'
import { normalizeGrade, setGrades } from './assessments'
import { GRADES } from './kinds'

export interface ResultsRow {
  row: number
  name: string
  idCard: string | null
  year: number
  grade: string
  cadreId: number
  /** The grade stored before the import (null: none). */
  current: string | null
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

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'object') {
    if (v instanceof Date) return String(v.getFullYear())
    if ('richText' in v) return v.richText.map((t) => t.text).join('')
    if ('text' in v) return String(v.text)
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result as unknown as string)
    return ''
  }
  return String(v)
}

function colLetter(n: number): string {
  let s = ''
  while (n > 0) {
    const m = (n - 1) % 26
    s = String.fromCharCode(65 + m) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

function headerKey(text: string): string | null {
  const t = text.replace(/[\s\u3000]/g, '').replace(/[（(].*[)）]$/, '')
  for (const [key, names] of Object.entries(HEADERS)) if (names.some((n) => t === n || t.endsWith(n))) return key
  return null
}

export async function importAssessmentResults(
  ctx: AppContext,
  bytes: Uint8Array,
  opts: { fileName?: string; sheet?: string; year?: number; kind?: string; dryRun?: boolean },
): Promise<ResultsReport> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  } catch (e) {
    throw new AppError(
      'import-unreadable',
      `无法读取文件“${opts.fileName ?? ''}”：不是有效的 Excel（.xlsx）文件（${(e as Error).message}）`,
      'not a readable .xlsx file',
    )
  }
  const ws = opts.sheet ? wb.getWorksheet(opts.sheet) : wb.worksheets.find((w) => w.actualRowCount > 0)
  if (!ws) throw new AppError('import-no-sheet', opts.sheet ? `文件中没有名为“${opts.sheet}”的工作表` : '文件中没有含数据的工作表', 'no sheet')
  // The header row: the first of the first 10 rows naming both 姓名 and 等次.
  let headerRow = 0
  const cols: Record<string, number> = {}
  const columns: { header: string; key: string | null }[] = []
  for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
    const row = ws.getRow(r)
    const found: Record<string, number> = {}
    row.eachCell((cell, c) => {
      const k = headerKey(cellText(cell.value))
      if (k && found[k] === undefined) found[k] = c
    })
    if (found.name !== undefined && found.grade !== undefined) {
      headerRow = r
      Object.assign(cols, found)
      row.eachCell((cell, c) => {
        const h = cellText(cell.value).trim()
        if (h) columns.push({ header: h, key: Object.entries(found).find(([, v]) => v === c)?.[0] ?? null })
      })
    }
  }
  if (!headerRow) {
    throw new AppError(
      'import-no-header',
      `工作表“${ws.name}”的前 10 行中找不到表头：至少需要“姓名”和“等次”两列（另可有“身份证号”“年度”）`,
      'header row not found',
    )
  }
  if (cols.year === undefined && opts.year === undefined) {
    throw new AppError('import-no-year', `工作表“${ws.name}”没有“年度”列，请在导入时选择年度`, 'no year column')
  }
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
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    const get = (k: string) => (cols[k] === undefined ? '' : cellText(row.getCell(cols[k]).value).trim())
    const rawName = get('name')
    const rawId = get('idCard')
    const rawGrade = get('grade')
    const rawYear = get('year')
    if (!rawName && !rawId && !rawGrade) continue
    if (/^(填表人|制表|审核|备注|说明|注[:：])/.test(rawName)) continue
    dataRows++
    const where = (k: string) => (cols[k] === undefined ? null : colLetter(cols[k]))
    const reject = (k: string, value: string, message: string) =>
      rejected.push({ row: r, column: where(k), key: k, value, message: `第 ${r} 行${where(k) ? ` ${where(k)} 列` : ''}：${message}` })
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
    const grade = normalizeGrade(rawGrade)
    if (!grade) {
      reject('grade', rawGrade, rawGrade ? `等次“${rawGrade}”无法识别，应为 ${GRADES.join('、')} 之一` : '等次为空')
      continue
    }
    let cadreId: number | null = null
    let idCard: string | null = null
    if (rawId) {
      const idCell = cols.idCard === undefined ? null : row.getCell(cols.idCard).value
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
        warnings.push({ row: r, column: where('name'), key: 'name', value: rawName, message: `第 ${r} 行：姓名“${name}”与库中“${c.name}”不一致，按身份证号导入` })
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
    preview.push({ row: r, name, idCard, year, grade, cadreId, current: cur })
  }
  const inserted = preview.filter((p) => p.current === null).length
  const updated = preview.filter((p) => p.current !== null && p.current !== p.grade).length
  if (!opts.dryRun && preview.length > 0) {
    ctx.db.transaction(() => {
      const years = [...new Set(preview.map((p) => p.year))]
      for (const y of years) {
        setGrades(ctx, { year: y, kind, changes: preview.filter((p) => p.year === y).map((p) => ({ cadreId: p.cadreId, grade: p.grade })) })
      }
    })()
  }
  return {
    file: opts.fileName ?? '',
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

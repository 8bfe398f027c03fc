/**
 * The roster export at 100,000 cadres against exceljs's bare streaming write of the same rows
 * (issue 11: at most the bare write's time, peak memory < 400 MB), each run in a child process
 * of its own so its peak memory (maxRSS) is its own.
 *
 * In process (the clock around the writing only):
 * - export: exportRosterToFile end to end — the grid query, reading the rows from SQLite, ages,
 *   months, styles, title, merged rows, print setup.
 * - bare: the same cell values, already in memory, written with WorkbookWriter and no styles.
 * Whole process against whole process (wall clock and maxRSS from /usr/bin/time):
 * - the CLI `export FILE --db P --status 全部` (the built CLI when it is current, as `npm run cli`);
 * - bench/export-bare.mjs: open the file, one SELECT (.iterate), WorkbookWriter, commit per row.
 * As the app runs it (the worker threads, bootWorkers + dispatch, peak of the whole process):
 * - export.roster, eligibility.export (提任正科 over everyone) and stats.export at 100,000 cadres,
 *   next to the same workers started and left idle.
 *
 * Run: npm run bench -- export. The child side runs when EXPORT_BENCH_CHILD is set.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { openDatabase } from '../main/db/open'
import { columnOf } from '../main/domain/fields'
import { makeIdCard } from '../main/domain/idcard'
import { ensureRendererBuilt, ROOT } from '../main/web/cli-build'
import { cellValue } from '../main/export/cells'
import { exportRosterToFile, rosterSheet, STANDARD_COLUMNS } from '../main/export/roster'
import { cellRows, matchIds } from '../main/export/source'
import type { TableItem } from '../main/export/workbook'
import { insertCadresBulk, type BulkCadreInput } from '../main/services/cadres'
import { createContext, type AppContext } from '../main/services/context'
import { ensureUnit } from '../main/services/units'
import { BENCH_DIR, demoDbCopy, type Report } from './shared'

const COUNT = 100_000
const AT = '2026-11-23'
/** Every status: the demo data has people who left or retired too. */
const ALL = { statuses: [] as string[] }

/** Every field filled, as a real roster is. */
function fullCadres(count: number): BulkCadreInput[] {
  const out: BulkCadreInput[] = []
  const sur = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
  const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚华建国志红文斌'
  for (let i = 0; i < count; i++) {
    const y = 1962 + (i % 38)
    const m = (i % 12) + 1
    const mm = String(m).padStart(2, '0')
    const male = i % 3 !== 1
    const seq = (Math.floor(i / 900) % 500) * 2 + (male ? 1 : 0)
    out.push({
      name:
        (sur[i % sur.length] ?? '王') +
        (given[(i * 7) % given.length] ?? '') +
        (i % 2 ? (given[(i * 13) % given.length] ?? '') : ''),
      gender: male ? '男' : '女',
      birthDate: `${y}-${mm}`,
      ethnicity: i % 9 === 0 ? '回族' : '汉族',
      nativePlace: '河南温县',
      birthPlace: '河南温县',
      partyJoinDate: i % 5 ? `${y + 23}-${mm}` : null,
      politicalStatus: i % 5 ? '中共党员' : '群众',
      workStartDate: `${y + 21}-07`,
      health: '健康',
      techTitle: i % 4 ? null : '经济师',
      specialty: '经济管理',
      eduFullTime: '大学',
      degreeFullTime: '学士',
      schoolFullTime: '郑州大学经济学院经济学专业',
      eduInService: i % 2 ? null : '研究生',
      degreeInService: i % 2 ? null : '硕士',
      schoolInService: i % 2 ? null : '中共河南省委党校经济管理专业',
      idCard: makeIdCard(
        String(410100 + (i % 900)),
        `${y}-${mm}-${String((i % 28) + 1).padStart(2, '0')}`,
        seq,
      ),
      unit: i % 2 ? `第${(i % 20) + 1}镇` : `县直${(i % 40) + 1}局`,
      position: i % 3 ? '副局长' : '党委副书记、镇长',
      positionLevel: i % 2 ? '副科' : '正科',
      positionDate: `20${String(10 + (i % 15))}-0${(i % 9) + 1}`,
      rank: '一级主任科员',
      rankDate: '2021-10',
      status: '在职',
      phone: `139${String(10_000_000 + i).slice(-8)}`,
    })
  }
  return out
}

async function benchDb(): Promise<{ path: string; source: string }> {
  try {
    return { path: await demoDbCopy(COUNT), source: 'demo' }
  } catch {
    const dir = mkdtempSync(join(tmpdir(), 'bench-export-'))
    const path = join(dir, 'export.db')
    const db = openDatabase(path)
    const ctx = createContext({ db, dbPath: path, dataDir: dir, host: 'test', at: AT })
    for (let i = 1; i <= 20; i++) ensureUnit(ctx, `第${i}镇`)
    for (let i = 1; i <= 40; i++) ensureUnit(ctx, `县直${i}局`)
    insertCadresBulk(ctx, fullCadres(COUNT))
    db.close()
    return { path, source: 'synthetic' }
  }
}

function contextOf(path: string): AppContext {
  const db = openDatabase(path)
  return createContext({ db, dbPath: path, dataDir: tmpdir(), host: 'test', at: AT })
}

interface ChildResult {
  ms: number
  /** CPU time of the process, every thread (zlib deflates in the thread pool): less sensitive
   *  than wall time to the other work on a shared machine. */
  cpuMs: number
  maxRssMb: number
  rows: number
  bytes: number
}

/** The child side: one measured run, its figures as JSON on stdout. */
async function child(mode: string, dbPath: string, out: string): Promise<void> {
  const ctx = contextOf(dbPath)
  let ms = 0
  let rows = 0
  let cpu0 = process.cpuUsage()
  if (mode === 'export' || mode === 'export-by-unit') {
    const t = process.hrtime.bigint()
    const r = await exportRosterToFile(ctx, out, {
      query: ALL,
      layout: mode === 'export' ? 'per-row' : 'by-unit',
    })
    ms = Number(process.hrtime.bigint() - t) / 1e6
    rows = r.rows ?? 0
  } else if (mode === 'read') {
    // Only reading the cells from SQLite: the part of an export the bare write does not do.
    const t = process.hrtime.bigint()
    const { ids } = matchIds(ctx, ALL)
    for await (const r of cellRows(ctx, ids, STANDARD_COLUMNS, { numberFrom: 1 }))
      rows += r.length > 0 ? 1 : 0
    ms = Number(process.hrtime.bigint() - t) / 1e6
    writeFileSync(out, '')
  } else {
    // The same cells, read and converted before the clock starts.
    const { sheet } = rosterSheet(ctx, { query: ALL, layout: 'per-row' })
    const kinds = sheet.columns.map((c) => c.kind ?? 'text')
    const cells: (string | number | null)[][] = [
      [sheet.title],
      [sheet.note ?? ''],
      sheet.columns.map((c) => c.header),
    ]
    for await (const item of sheet.rows as AsyncIterable<TableItem>) {
      if (Array.isArray(item)) cells.push(item.map((v, i) => cellValue(v, kinds[i] ?? 'text')))
    }
    const t = process.hrtime.bigint()
    cpu0 = process.cpuUsage()
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: out,
      useStyles: false,
      useSharedStrings: false,
    })
    const ws = wb.addWorksheet('干部花名册')
    for (const c of cells) ws.addRow(c).commit()
    ws.commit()
    await wb.commit()
    ms = Number(process.hrtime.bigint() - t) / 1e6
    rows = cells.length - 3
  }
  const cpu = process.cpuUsage(cpu0)
  ctx.db.close()
  const result: ChildResult = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rows,
    bytes: statSync(out).size,
  }
  process.stdout.write(JSON.stringify(result) + '\n')
}

function runChild(mode: string, dbPath: string): ChildResult {
  const out = join(mkdtempSync(join(tmpdir(), 'bench-export-out-')), `${mode}.xlsx`)
  const r = spawnSync(
    join(BENCH_DIR, '..', 'node_modules/.bin/tsx'),
    [import.meta.filename, mode, dbPath, out],
    {
      env: { ...process.env, EXPORT_BENCH_CHILD: '1' },
      encoding: 'utf8',
      timeout: 600_000,
    },
  )
  const line = r.stdout.trim().split('\n').at(-1) ?? ''
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`${mode} child failed: ${r.stderr}`)
  return JSON.parse(line) as ChildResult
}

interface ProcessResult {
  wallMs: number
  maxRssMb: number
}

/** A whole process under /usr/bin/time -v: its wall clock and peak resident memory. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): ProcessResult {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 600_000,
  })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stdout} ${r.stderr}`)
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr)
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)
  if (!wall || !rss) throw new Error(`no figures from /usr/bin/time: ${r.stderr}`)
  const wallMs = (Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3])) * 1000
  return { wallMs, maxRssMb: Number(rss[1]) / 1024 }
}

/** True when `npm run cli` runs the built CLI (out/main/cli.js newer than every main/ source). */
function builtCliCurrent(): boolean {
  const built = join(ROOT, 'out', 'main', 'cli.js')
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory()
          ? newest(join(dir, e.name))
          : e.name.endsWith('.ts')
            ? statSync(join(dir, e.name)).mtimeMs
            : 0,
      ),
    )
  return existsSync(built) && statSync(built).mtimeMs >= newest(join(ROOT, 'main'))
}

/** The CLI export against the bare script, whole process against whole process, alternated. */
function wholeProcesses(report: Report, dbPath: string): void {
  try {
    ensureRendererBuilt()
  } catch {
    // Measured through tsx then; said below.
  }
  const built = builtCliCurrent()
  const keys = STANDARD_COLUMNS
  const bareEnv = {
    EXPORT_BARE: JSON.stringify({
      select: [
        'c.id',
        ...keys.map((k) => (k === 'unit' ? 'u.name' : k === 'age' ? 'c.birth_date' : `c.${columnOf(k)}`)),
      ].join(', '),
      headers: ['序号', ...keys],
    }),
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-export-proc-'))
  const cli: ProcessResult[] = []
  const bare: ProcessResult[] = []
  for (let i = 0; i < 3; i++) {
    const bareOut = join(dir, `bare-${i}.xlsx`)
    bare.push(
      timed(process.execPath, [join(BENCH_DIR, '..', 'bench', 'export-bare.mjs'), dbPath, bareOut], bareEnv),
    )
    const cliOut = join(dir, `cli-${i}.xlsx`)
    cli.push(
      timed(process.execPath, [
        join(ROOT, 'scripts', 'cli.mjs'),
        'export',
        cliOut,
        '--db',
        dbPath,
        '--status',
        '全部',
        '--at',
        AT,
        '--json',
      ]),
    )
    rmSync(bareOut, { force: true })
    rmSync(cliOut, { force: true })
  }
  const best = (l: ProcessResult[]): number => Math.min(...l.map((x) => x.wallMs))
  const c = best(cli)
  const b = best(bare)
  report(
    `CLI export 整个进程（${built ? '已构建的 out/main/cli.js' : 'tsx 运行源码'}，含打开与 quick_check）`,
    c,
    'ms',
  )
  report('裸写入整个进程（bench/export-bare.mjs：一条 SELECT + WorkbookWriter）', b, 'ms')
  report('CLI 整个进程 ÷ 裸写入整个进程', (c / b) * 100, '%', '≤ 100%')
  report(
    'CLI export 峰值内存 maxRSS（/usr/bin/time）',
    Math.max(...cli.map((x) => x.maxRssMb)),
    'MB',
    '< 400',
  )
  report('裸写入进程峰值内存 maxRSS（/usr/bin/time）', Math.max(...bare.map((x) => x.maxRssMb)), 'MB')
}

/**
 * bench/export-worker.ts bundled beside the built worker (out/main/worker.js), so the workers run
 * the built JavaScript as in the desktop app (from source each worker would compile the sources
 * through tsx, which costs memory the app does not spend). esbuild is tsx's own compiler.
 */
async function builtWorkerDriver(): Promise<string | null> {
  const outFile = join(ROOT, 'out', 'main', 'bench-export-worker.mjs')
  if (!existsSync(join(ROOT, 'out', 'main', 'worker.js'))) return null
  try {
    const esbuild = await import('esbuild')
    await esbuild.build({
      entryPoints: [join(ROOT, 'bench', 'export-worker.ts')],
      outfile: outFile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    })
    return outFile
  } catch {
    return null
  }
}

interface WorkerFigures {
  ms: number
  rows: number
  maxRssMb: number
}

async function workerJobs(report: Report, dbPath: string): Promise<void> {
  const driver = await builtWorkerDriver()
  const run = (mode: string): WorkerFigures => {
    const args = driver
      ? [driver, mode, dbPath]
      : ['--import', 'tsx', join(ROOT, 'bench', 'export-worker.ts'), mode, dbPath]
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 600_000 })
    const line = r.stdout.trim().split('\n').at(-1) ?? ''
    if (r.status !== 0 || !line.startsWith('{')) throw new Error(`worker ${mode} failed: ${r.stderr}`)
    return JSON.parse(line) as WorkerFigures
  }
  const how = driver ? '构建后的工作线程' : '从源码运行（tsx，偏高）'
  const idle = run('idle')
  report(`应用数据进程：三个工作线程启动后空闲，峰值内存（${how}）`, idle.maxRssMb, 'MB')
  const jobs: [string, string][] = [
    ['roster', 'export.roster 一人一行'],
    ['eligibility', 'eligibility.export 提任正科'],
    ['stats', 'stats.export 全县'],
  ]
  for (const [mode, label] of jobs) {
    const f = run(mode)
    report(`工作线程中 ${label}${f.rows ? `（${f.rows} 人）` : ''}`, f.ms, 'ms')
    report(`工作线程中 ${label} 整个进程峰值内存`, f.maxRssMb, 'MB', '< 400')
    report(`工作线程中 ${label} 比空闲多用`, f.maxRssMb - idle.maxRssMb, 'MB')
  }
}

export default async function bench(report: Report): Promise<void> {
  const db = await benchDb()
  process.stdout.write(`  (${COUNT} 人，${db.source === 'demo' ? 'demo 数据' : '合成数据，全部字段'})\n`)
  // Alternate the two, four times, and keep each one's best: the machine is shared.
  const exp: ChildResult[] = []
  const bare: ChildResult[] = []
  for (let i = 0; i < 4; i++) {
    bare.push(runChild('bare', db.path))
    exp.push(runChild('export', db.path))
  }
  const best = (l: ChildResult[]): ChildResult => l.reduce((a, b) => (b.ms < a.ms ? b : a))
  const e = best(exp)
  const b = best(bare)
  if (e.rows !== COUNT || b.rows !== COUNT) throw new Error(`rows: export ${e.rows}, bare ${b.rows}`)
  report('导出 100,000 人（一人一行，含查询与样式）', e.ms, 'ms')
  report('exceljs 裸流式写入同样的单元格', b.ms, 'ms')
  report('导出耗时 ÷ 裸写入耗时', (e.ms / b.ms) * 100, '%', '≤ 100%')
  const cpuE = Math.min(...exp.map((x) => x.cpuMs))
  const cpuB = Math.min(...bare.map((x) => x.cpuMs))
  report('导出 CPU 时间（全部线程）', cpuE, 'ms')
  report('裸写入 CPU 时间（全部线程）', cpuB, 'ms')
  report('导出 CPU ÷ 裸写入 CPU', (cpuE / cpuB) * 100, '%', '≤ 100%')
  const read = runChild('read', db.path)
  report('其中：从数据库读出 290 万个单元格（裸写入不含此项）', read.ms, 'ms')
  report('导出峰值内存 maxRSS', Math.max(...exp.map((x) => x.maxRssMb)), 'MB', '< 400')
  report('裸写入峰值内存 maxRSS（单元格已在内存中）', Math.max(...bare.map((x) => x.maxRssMb)), 'MB')
  report('导出文件大小', e.bytes / 1024 / 1024, 'MB')
  const g = runChild('export-by-unit', db.path)
  report('导出 100,000 人（按机构分组）', g.ms, 'ms')
  report('按机构分组峰值内存 maxRSS', g.maxRssMb, 'MB', '< 400')

  wholeProcesses(report, db.path)

  // As the app runs them: the worker threads, the result bytes handed back to the caller.
  await workerJobs(report, db.path)
}

if (process.env.EXPORT_BENCH_CHILD) {
  const [mode, dbPath, out] = process.argv.slice(2)
  if (!mode || !dbPath || !out) throw new Error('usage: export.bench.ts MODE DB OUT')
  await child(mode, dbPath, out)
}

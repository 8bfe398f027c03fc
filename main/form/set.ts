/**
 * Meeting sets (常委会 材料): a list of names or ID numbers, pasted or picked, becomes the forms of
 * those cadres in exactly that order: one PDF, one .docx, or a zip with one file per cadre named
 * by a template (序号_姓名_单位).
 *
 * The list is checked first and the set is made only when every entry names exactly one cadre
 * once: an unknown entry, a cadre named twice, or a name several cadres share (the user is asked
 * which one, and the entry becomes that cadre's ID number) stops it, with the entries listed.
 */
import { AppError } from '../domain/errors'
import { validateIdCard } from '../domain/idcard'
import { monthDots } from '../domain/dates'
import type { AppContext } from '../services/context'
import { loadFormPerson, type FormPerson } from './data'
import { buildFormHtml } from './html'
import { printPdf, printPdfs } from './pdf'
import { MAX_FORMS_PER_PDF } from './service'
import { entryIdCard } from './set-list'
import { jobProgress, jobStage, throwIfCancelled } from '../worker/job'
import { loadDocx } from './load-docx'

export { splitSetList } from './set-list'

/** A cadre as the list check shows it (to tell same-name cadres apart). */
export interface SetCandidate {
  id: number
  name: string
  idCard: string
  unit: string | null
  position: string | null
  birthDate: string | null
  status: string
}

export interface SetEntry {
  /** 1-based position in the list */
  index: number
  entry: string
  status: 'ok' | 'unknown' | 'ambiguous' | 'duplicate' | 'mismatch'
  cadre: SetCandidate | null
  /** same-name cadres to choose from (status ambiguous) */
  candidates: SetCandidate[]
  /** the earlier entry naming the same cadre (status duplicate) */
  duplicateOf: number | null
}

export interface SetCheck {
  ok: boolean
  /** the cadres in list order (complete only when ok) */
  ids: number[]
  entries: SetEntry[]
}

interface DbCandidate {
  id: number
  name: string
  id_card: string
  unit: string | null
  position: string | null
  birth_date: string | null
  status: string
}

const SELECT = `SELECT c.id, c.name, c.id_card, u.name AS unit, c.position, c.birth_date, c.status
  FROM cadres c LEFT JOIN units u ON u.id = c.unit_id`

function candidate(r: DbCandidate): SetCandidate {
  return {
    id: r.id,
    name: r.name,
    idCard: r.id_card,
    unit: r.unit,
    position: r.position,
    birthDate: r.birth_date,
    status: r.status,
  }
}

/** Checks a list of names or ID numbers against the database, keeping its order. */
export function resolveSetEntries(ctx: AppContext, entries: readonly string[]): SetCheck {
  const byId = ctx.db.prepare(`${SELECT} WHERE c.id_card = ?`)
  const byName = ctx.db.prepare(`${SELECT} WHERE c.name = ? ORDER BY c.status = '在职' DESC, c.id`)
  const seen = new Map<number, number>()
  const out: SetEntry[] = []
  entries.forEach((raw, i) => {
    const entry = raw.trim()
    const e: SetEntry = {
      index: i + 1,
      entry,
      status: 'unknown',
      cadre: null,
      candidates: [],
      duplicateOf: null,
    }
    out.push(e)
    let rows: DbCandidate[]
    const given = entryIdCard(entry)
    if (given) {
      const v = validateIdCard(given.idCard)
      rows = byId.all(v.ok ? v.value.idCard : given.idCard) as DbCandidate[]
      // 姓名（身份证号） whose name is not that cadre's: say so rather than print someone else
      const found = rows[0]
      if (found && given.name !== null && given.name !== found.name) {
        e.status = 'mismatch'
        e.cadre = candidate(found)
        return
      }
    } else {
      rows = byName.all(entry.replace(/\s+/g, '')) as DbCandidate[]
    }
    if (rows.length === 0) return
    if (rows.length > 1) {
      e.status = 'ambiguous'
      e.candidates = rows.map(candidate)
      return
    }
    const c = candidate(rows[0] as DbCandidate)
    e.cadre = c
    const earlier = seen.get(c.id)
    if (earlier !== undefined) {
      e.status = 'duplicate'
      e.duplicateOf = earlier
      return
    }
    seen.set(c.id, e.index)
    e.status = 'ok'
  })
  const ok = out.length > 0 && out.every((e) => e.status === 'ok')
  return { ok, ids: out.flatMap((e) => (e.status === 'ok' && e.cadre ? [e.cadre.id] : [])), entries: out }
}

function describe(c: SetCandidate): string {
  return [
    c.unit,
    c.position,
    c.birthDate ? `${monthDots(c.birthDate)}出生` : null,
    c.status !== '在职' ? c.status : null,
  ]
    .filter(Boolean)
    .join('，')
}

/** One Chinese message listing every entry that stops the set. */
export function setProblemsMessage(r: SetCheck): string {
  if (r.entries.length === 0) return '名单为空：请粘贴或选择要打印的干部'
  const lines: string[] = []
  for (const e of r.entries) {
    if (e.status === 'unknown') lines.push(`第 ${e.index} 项“${e.entry}”：数据库中没有这名干部`)
    else if (e.status === 'duplicate')
      lines.push(
        `第 ${e.index} 项“${e.entry}”：与第 ${e.duplicateOf ?? ''} 项是同一人（${e.cadre?.name ?? ''}）`,
      )
    else if (e.status === 'mismatch')
      lines.push(`第 ${e.index} 项“${e.entry}”：该身份证号是${e.cadre?.name ?? ''}的，与姓名不符`)
    else if (e.status === 'ambiguous')
      lines.push(
        `第 ${e.index} 项“${e.entry}”：有 ${e.candidates.length} 名同名干部（${e.candidates.map(describe).join('；')}），请选定一人或改用身份证号`,
      )
  }
  return `名单有 ${lines.length} 处问题，未生成：${lines.join('；')}`
}

/** Placeholders of the file-name template. */
export const TEMPLATE_FIELDS = ['序号', '姓名', '单位', '职务', '身份证号'] as const
export const DEFAULT_TEMPLATE = '{序号}_{姓名}_{单位}'

/** Characters Windows (and so a zip opened there) cannot hold in a file name. */
// eslint-disable-next-line no-control-regex -- control characters are what must be replaced
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]/g

export interface NamedFile {
  name: string
  /** what the template gave before unsafe characters were replaced (null when nothing was) */
  original: string | null
}

/**
 * File names for the set, in order: the template with {序号} (zero-padded), {姓名}, {单位}, {职务},
 * {身份证号}; a template without braces takes the bare words (序号_姓名_单位). Characters a file
 * name cannot hold become “_”; names that would repeat get “_2”, “_3”.
 */
export function setFileNames(people: readonly FormPerson[], template: string, ext: string): NamedFile[] {
  const t = template.trim() || DEFAULT_TEMPLATE
  const braces = /\{[^}]*\}/.test(t)
  const width = Math.max(2, String(people.length).length)
  const used = new Set<string>()
  return people.map((p, i) => {
    const values: Record<(typeof TEMPLATE_FIELDS)[number], string> = {
      序号: String(i + 1).padStart(width, '0'),
      姓名: p.fields.name ?? '',
      单位: p.fields.unit ?? '',
      职务: p.fields.position ?? '',
      身份证号: p.fields.idCard ?? '',
    }
    let name = braces
      ? t.replace(/\{([^}]*)\}/g, (m, k: string) => (k in values ? values[k as keyof typeof values] : m))
      : t.replace(new RegExp(TEMPLATE_FIELDS.join('|'), 'g'), (k) => values[k as keyof typeof values])
    const raw = name
    name = name
      .replace(UNSAFE, '_')
      .replace(/[. ]+$/, '')
      .trim()
    if ([...name].length > 120) name = [...name].slice(0, 120).join('')
    if (!name) name = values.序号
    let unique = name
    for (let k = 2; used.has(unique.toLowerCase()); k++) unique = `${name}_${k}`
    used.add(unique.toLowerCase())
    return { name: `${unique}.${ext}`, original: raw !== name ? `${raw}.${ext}` : null }
  })
}

export interface SetOptions {
  output: 'pdf' | 'docx' | 'zip'
  /** the format of each file in a zip */
  zipFormat?: 'pdf' | 'docx'
  template?: string | undefined
}

export interface BuiltSet {
  fileName: string
  bytes: Uint8Array
  /** what the user should know: file names whose characters were replaced */
  notes: string[]
  /** the files in the zip, in order */
  files: string[]
}

/** The set: forms of `ids` in exactly that order, as one PDF, one .docx or a zip. */
export async function buildFormSet(
  ctx: AppContext,
  ids: readonly number[],
  opts: SetOptions,
): Promise<BuiltSet> {
  if (ids.length === 0) throw new AppError('form-none', '名单为空：请粘贴或选择要打印的干部', 'empty list')
  if (ids.length > MAX_FORMS_PER_PDF)
    throw new AppError(
      'form-too-many',
      `一套最多 ${MAX_FORMS_PER_PDF} 人，名单有 ${ids.length} 人，请分批生成`,
      `at most ${MAX_FORMS_PER_PDF} forms at once`,
    )
  // As a long job (main/worker/job.ts): the records to 10 %; a zip goes file by file to 90 % and is
  // cancelled between files; one PDF or .docx is one step (Chromium's printing, docx's packing).
  const people = ids.map((id, i) => {
    throwIfCancelled()
    jobProgress((10 * i) / ids.length, 100)
    return loadFormPerson(ctx, id)
  })
  jobProgress(10, 100)
  const day = ctx.today().replace(/-/g, '')
  const base = `干部任免审批表-${people.length}人-${day}`
  if (opts.output === 'pdf') {
    const bytes = await printPdf(buildFormHtml(people))
    throwIfCancelled()
    return { fileName: `${base}.pdf`, bytes, notes: [], files: [] }
  }
  if (opts.output === 'docx') {
    const { buildFormDocx } = await loadDocx()
    const bytes = await buildFormDocx(people)
    throwIfCancelled()
    return { fileName: `${base}.docx`, bytes, notes: [], files: [] }
  }
  const ext = opts.zipFormat ?? 'pdf'
  const names = setFileNames(people, opts.template ?? DEFAULT_TEMPLATE, ext)
  const bodies =
    ext === 'pdf'
      ? await jobStage(10, 90, () => printPdfs(people.map((p) => buildFormHtml([p]))))
      : await jobStage(10, 90, async () => {
          const { buildFormDocx } = await loadDocx()
          const out: Uint8Array[] = []
          for (const p of people) {
            throwIfCancelled()
            out.push(await buildFormDocx([p]))
            jobProgress(out.length, people.length)
          }
          return out
        })
  throwIfCancelled()
  // jszip (~9 MB) is loaded by the first zip made, not by every data worker as it starts.
  const { default: JSZip } = await import('jszip')
  const zip = new JSZip()
  names.forEach((n, i) =>
    zip.file(n.name, bodies[i] ?? new Uint8Array(), { date: new Date(`${ctx.today()}T00:00:00Z`) }),
  )
  const bytes = await jobStage(90, 100, () =>
    zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }, (m) => jobProgress(m.percent, 100)),
  )
  const notes = names
    .filter((n) => n.original !== null)
    .map((n) => `文件名“${n.original ?? ''}”含有不能用于文件名的字符，已替换为“_”：${n.name}`)
  return { fileName: `${base}.zip`, bytes, notes, files: names.map((n) => n.name) }
}

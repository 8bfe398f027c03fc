/**
 * Cross-checks between records, shown as WARNINGS where a record enters (the records editor, the
 * year grid, the Excel import of grades, the 后备干部 dialog, an exchange-file load). Nothing is
 * refused: the record is saved as entered and the clerk is told what the regulations say.
 *
 * Grades against sanctions of the same year:
 * - 诫勉 (谈话诫勉 / 书面诫勉) in a year and that year's 年度考核 优秀: 受到诫勉的当年不得确定为优秀
 *   等次 (诫勉规定 2019; DOMAIN.md: the central text's article number was not verified).
 * - 政务 警告 decided in a year and that year's grade 优秀: 公务员考核规定（试行）第二十五条（一）
 *   "受警告处分的当年，参加年度考核，不得确定为优秀等次".
 * - A grade other than 不定等次 for a year at whose end a 政务 记过 / 记大过 / 降级 / 撤职 period
 *   still runs: 公务员考核规定（试行）第二十五条（二）"受记过、记大过、降级、撤职处分的期间，参加
 *   年度考核，只写评语，不定等次。在解除处分的当年及以后，其年度考核不受原处分影响" — so a period
 *   lifted within the year does not count; the periods are 政务处分法 第八条's (the one impact
 *   computation, main/domain/impact.ts, stacking included). The 2020 revision of the 考核规定 keeps
 *   the rule; its article number was not verified, so the 试行 article is named.
 *   (Text checked against a republication of the 试行 rules, https://51a.net/1520183980489964140.html:
 *   "第二十五条受处分公务员的年度考核,按下列规定办理:(一)受警告处分的当年,参加年度考核,不得确定为
 *   优秀等次;(二)受记过、记大过、降级、撤职处分的期间,参加年度考核,只写评语,不定等次。在解除处分
 *   的当年及以后,其年度考核不受原处分影响。")
 * - 党纪处分 in a year and that year's (and for 留党察看 / 开除党籍 the next years') grade: 中央纪委、
 *   中组部、人事部《关于受党纪处分的党政机关工作人员年度考核有关问题的意见》（组通字〔1998〕19号）,
 *   text as republished at http://nbxgmh.com/html/html2015khkp_080327.html:
 *     "一、受党内警告处分的当年，参加年度考核，不得确定为优秀等次。
 *      二、受党内严重警告处分的当年，参加年度考核，因与职务行为有关的错误而受严重警告处分的，确定为
 *          不称职；因其他错误而受严重警告处分的，只写评语不确定等次。
 *      三、受撤销党内职务处分的当年，参加年度考核，确定为不称职；第二年按其新任职务参加年度考核，按
 *          规定条件确定等次。
 *      四、受留党察看处分的当年，参加年度考核，确定为不称职；受留党察看一年处分的第二年，参加年度考核，
 *          只写评语不确定等次；受留党察看二年处分的，第二年和第三年参加年度考核，只写评语不确定等次。
 *      五、受开除党籍处分的当年，参加年度考核，确定为不称职；第二年和第三年参加年度考核，只写评语不确定
 *          等次。
 *      七、受党纪处分同时又受行政处分的，按受党纪处分的情况确定其考核等次。"
 *   Secondary summaries (e.g. https://www.163.com/dy/article/KILGPFA20519BIO4.html) say a 2016 reply
 *   made every 严重警告 year of a 公务员 "只写评语，不确定等次"; its text was not found, so for 严重警告
 *   both 不定等次 and 不称职 are accepted and anything else is warned about. By 七, a year a 党纪 rule
 *   decides is not also held to the 政务 period rule above. The year is the calendar year of the
 *   decision date; a 留党察看 whose 察看期 is not recorded is not judged in its third year.
 * - 组织处理 gives no grade warning: secondary summaries say 调整职务 bars 优秀 and 责令辞职、免职、降职
 *   leave the year 不定等次, but the text of 中国共产党组织处理规定（试行） (2021) saying so was not found.
 *
 * Adding to the reserve pool (后备干部库):
 * - someone in an impact period during the entry month (or one that cannot be read: 待核实), or
 *   under 立案审查: 条例 第二十四条（六） — such a cadre may not be made a 考察对象, which the pool
 *   prepares;
 * - someone below the pool's level (a 科员 into 正科级后备) or already at or above it: the pool
 *   holds those one step below its level, by the 管理办法's paths (条例 第八条（三）; 公务员职务、
 *   职级与级别管理办法: 乡科级正职 from 乡科级副职 or 三级/四级主任科员; 县处级副职 from 乡科级正职
 *   or 一级/二级主任科员). A level the app cannot read is said too.
 */
import { dateDots } from '../domain/dates'
import {
  DEFAULT_IMPACT_CONFIG,
  impactsAligned,
  type Impact,
  type ImpactConfig,
  type ImpactRecord,
} from '../domain/impact'
import { LEVEL_LADDER, levelIndex, rankIndex } from '../eligibility/ladder'
import type { AppContext } from '../services/context'
import { cadreImpactRecords, impactConfig } from './impact'
import {
  RESERVE_LEVEL_VOCAB,
  resolveGrade,
  resolveMeasure,
  resolveTalk,
  resolveTerm,
  unknownTermText,
} from './vocab'

export type CrossCheckCode =
  | 'excellent-admonished'
  | 'excellent-warned'
  | 'graded-in-sanction'
  | 'party-warned-excellent'
  | 'party-serious-warned'
  | 'party-post-removed'
  | 'party-probation'
  | 'party-expelled'
  | 'pool-impact'
  | 'pool-investigation'
  | 'pool-below-level'
  | 'pool-at-level'
  | 'pool-level-unknown'
  | 'pool-level-name'

export interface CrossCheck {
  code: CrossCheckCode
  /** The whole sentence in Chinese, the article included. */
  message: string
  /** The article the warning applies ("公务员考核规定（试行）第二十五条（一）"). */
  article: string
}

/** The articles, one place (tests name them row by row). */
export const CROSS_CHECK_ARTICLES: Record<CrossCheckCode, string> = {
  'excellent-admonished': '诫勉规定（2019）',
  'excellent-warned': '公务员考核规定（试行）第二十五条（一）',
  'graded-in-sanction': '公务员考核规定（试行）第二十五条（二）；政务处分法 第八条',
  'party-warned-excellent': '组通字〔1998〕19号 第一条',
  'party-serious-warned': '组通字〔1998〕19号 第二条',
  'party-post-removed': '组通字〔1998〕19号 第三条',
  'party-probation': '组通字〔1998〕19号 第四条',
  'party-expelled': '组通字〔1998〕19号 第五条',
  'pool-impact': '条例 第二十四条（六）',
  'pool-investigation': '条例 第二十四条（六）',
  'pool-below-level': '条例 第八条（三）；公务员职务、职级与级别管理办法',
  'pool-at-level': '本县后备干部管理规定',
  'pool-level-unknown': '条例 第八条（三）；公务员职务、职级与级别管理办法',
  'pool-level-name': '本县后备干部管理规定',
}

function warn(code: CrossCheckCode, text: string): CrossCheck {
  const article = CROSS_CHECK_ARTICLES[code]
  return { code, message: `${text}（${article}）`, article }
}

/** A discipline / talk row with a reference the caller recognises (a row id, a list position). */
export interface RefRecord {
  ref: string
  record: ImpactRecord
}

export interface GradeInput {
  year: number
  /** 年度考核 only is checked (平时考核 / 专项考核 have no such rule). */
  kind: string | null
  grade: string
}

export interface GradeCheck extends CrossCheck {
  /** The ref of the talk or discipline row that causes it. */
  cause: string
}

const GOV_PERIOD_MEASURES = new Set(['记过', '记大过', '降级', '撤职'])

type GradeName = string
const FAILING = new Set<GradeName>(['不称职', '不合格'])
const UNGRADED = '不定等次'

/**
 * What 组通字〔1998〕19号 prescribes for the grade of `year` after a 党纪 measure decided in
 * `sanctionYear`: the grades allowed, or null when the text says nothing about that year.
 */
function partyRule(
  measure: string,
  probationMonths: number | null | undefined,
  sanctionYear: number,
  year: number,
): { code: CrossCheckCode; allowed: (g: GradeName) => boolean; says: string } | null {
  const n = year - sanctionYear // 0: 当年, 1: 第二年, 2: 第三年
  const failing = { allowed: (g: GradeName) => FAILING.has(g), says: '当年年度考核确定为不称职' }
  const ungraded = (which: string) => ({
    allowed: (g: GradeName) => g === UNGRADED,
    says: `${which}参加年度考核只写评语，不确定等次`,
  })
  switch (measure) {
    case '警告':
      return n === 0
        ? { code: 'party-warned-excellent', allowed: (g) => g !== '优秀', says: '受党内警告处分的当年，年度考核不得确定为优秀等次' }
        : null
    case '严重警告':
      return n === 0
        ? {
            code: 'party-serious-warned',
            allowed: (g) => g === UNGRADED || FAILING.has(g),
            says: '受党内严重警告处分的当年，参加年度考核只写评语、不确定等次（因与职务行为有关的错误受处分的，确定为不称职）',
          }
        : null
    case '撤销党内职务':
      return n === 0 ? { code: 'party-post-removed', ...failing, says: '受撤销党内职务处分的当年，年度考核确定为不称职' } : null
    case '留党察看':
      if (n === 0) return { code: 'party-probation', ...failing, says: '受留党察看处分的当年，年度考核确定为不称职' }
      if (n === 1) return { code: 'party-probation', ...ungraded('受留党察看处分的第二年') }
      if (n === 2 && probationMonths === 24) return { code: 'party-probation', ...ungraded('受留党察看二年处分的第三年') }
      return null
    case '开除党籍':
      if (n === 0) return { code: 'party-expelled', ...failing, says: '受开除党籍处分的当年，年度考核确定为不称职' }
      if (n === 1 || n === 2) return { code: 'party-expelled', ...ungraded(`受开除党籍处分的第${n === 1 ? '二' : '三'}年`) }
      return null
    default:
      return null
  }
}

/**
 * Warnings for one annual grade against the cadre's talks and discipline (with the impact
 * configuration, for the periods of 记过 and heavier).
 */
export function gradeChecks(
  a: GradeInput,
  records: readonly RefRecord[],
  config: ImpactConfig = DEFAULT_IMPACT_CONFIG,
): GradeCheck[] {
  if ((a.kind ?? '年度考核') !== '年度考核') return []
  const grade = resolveGrade(a.grade)
  if (!grade) return []
  const y = String(a.year)
  const out: GradeCheck[] = []
  const impacts = impactsAligned(
    records.map((r) => r.record),
    config,
  )
  // 组通字〔1998〕19号 第七条: a year a 党纪 measure decides is judged by it, not by a 政务 period.
  let partyDecides = false
  for (const { ref, record } of records) {
    if (record.source === 'talk') continue
    const m = resolveMeasure(record.system, record.measure)
    const sanctionYear = Number(record.date.replace(/[\s\u3000]/g, '').slice(0, 4))
    if (!m || m.system !== '党纪' || !Number.isInteger(sanctionYear)) continue
    const rule = partyRule(m.measure, record.probationMonths ?? m.probationMonths, sanctionYear, a.year)
    if (!rule) continue
    partyDecides = true
    if (rule.allowed(grade))
      continue
    out.push({
      ...warn(
        rule.code,
        `${y} 年度考核为“${grade}”，但 ${dateDots(record.date)} 受到${m.measure.includes('党') ? '' : '党内'}${m.measure}处分：${rule.says}`,
      ),
      cause: ref,
    })
  }
  records.forEach(({ ref, record }, i) => {
    const inYear = record.date.replace(/[\s\u3000]/g, '').slice(0, 4) === y
    if (record.source === 'talk') {
      const t = resolveTalk(record.kind)
      if (grade === '优秀' && inYear && t?.impactClass === '诫勉')
        out.push({
          ...warn(
            'excellent-admonished',
            `${y} 年度考核为“优秀”，但 ${dateDots(record.date)} 受到${t.kind}：受到诫勉的当年，年度考核不得确定为优秀等次`,
          ),
          cause: ref,
        })
      return
    }
    const m = resolveMeasure(record.system, record.measure)
    if (!m || m.system !== '政务') return
    if (grade === '优秀' && inYear && m.measure === '警告') {
      out.push({
        ...warn(
          'excellent-warned',
          `${y} 年度考核为“优秀”，但 ${dateDots(record.date)} 受到政务警告处分：受警告处分的当年，年度考核不得确定为优秀等次`,
        ),
        cause: ref,
      })
      return
    }
    const impact: Impact | null = impacts[i] ?? null
    if (!GOV_PERIOD_MEASURES.has(m.measure) || !impact || impact.unknown || grade === '不定等次') return
    if (partyDecides) return
    // Still running at the year's end (not lifted within the year), and begun by then.
    const yearEnd = `${y}-12-31`
    if (impact.from <= yearEnd && (impact.until === null || impact.until > yearEnd)) {
      const span =
        impact.until === null
          ? `${dateDots(impact.from)} 起`
          : `${dateDots(impact.from)} 至 ${dateDots(impact.until)}`
      out.push({
        ...warn(
          'graded-in-sanction',
          `${y} 年度考核定为“${grade}”，但该年度处在政务${m.measure}处分期内（${span}）：受记过、记大过、降级、撤职处分期间参加年度考核，只写评语，不定等次`,
        ),
        cause: ref,
      })
    }
  })
  return out
}

// ---- 后备干部库

/** Each pool level: the 职务层次 it prepares for (index in LEVEL_LADDER), and who sits one step
 *  below it — a 职务层次 index, or a 职级 from which the 管理办法 allows the step. */
const POOL_LEVELS: Record<string, { goal: number; fromLevel: number | null; fromRank: string | null }> = {
  副科级后备: { goal: 1, fromLevel: null, fromRank: null },
  正科级后备: { goal: 2, fromLevel: 1, fromRank: '四级主任科员' },
  县处级后备: { goal: 3, fromLevel: 2, fromRank: '二级主任科员' },
}

export interface PoolInput {
  /** The pool's level as typed (副科级后备 …). */
  level: string
  /** `YYYY-MM` of entry; the month checked for impact periods. */
  entryMonth: string
  positionLevel: string | null
  rank: string | null
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${month}-${String(last).padStart(2, '0')}`
}

/** Warnings for adding one cadre to a pool. */
export function poolChecks(
  p: PoolInput,
  records: readonly RefRecord[],
  investigation: { since: string | null } | null,
  config: ImpactConfig = DEFAULT_IMPACT_CONFIG,
): CrossCheck[] {
  const out: CrossCheck[] = []
  const first = `${p.entryMonth}-01`
  const last = monthEnd(p.entryMonth)
  for (const i of impactsAligned(
    records.map((r) => r.record),
    config,
  )) {
    if (!i || i.from > last || (i.until !== null && i.until < first)) continue
    if (i.unknown) {
      out.push(
        warn(
          'pool-impact',
          `${i.label}（${dateDots(i.from)}）的影响期无法判断（${i.unknown}），列入后备前请先核实`,
        ),
      )
      continue
    }
    const until = i.until === null ? '长期' : `至 ${dateDots(i.until)}`
    out.push(
      warn(
        'pool-impact',
        `${dateDots(i.from)} ${i.label}影响期${until}，入库时仍在影响期内：影响期内不得列为考察对象`,
      ),
    )
  }
  if (investigation)
    out.push(
      warn(
        'pool-investigation',
        `正在接受立案审查调查${investigation.since ? `（${dateDots(investigation.since)} 起）` : ''}：立案审查期间不得列为考察对象`,
      ),
    )
  const level = resolveTerm(RESERVE_LEVEL_VOCAB, p.level)
  const spec = level ? POOL_LEVELS[level] : undefined
  if (!level || !spec) {
    out.push(warn('pool-level-name', unknownTermText(RESERVE_LEVEL_VOCAB, p.level)))
    return out
  }
  const have = levelIndex(p.positionLevel)
  const rank = rankIndex(p.rank)
  const goalName = LEVEL_LADDER[spec.goal]!
  if (have !== null && have >= spec.goal) {
    out.push(
      warn(
        'pool-at-level',
        `现职务层次为“${p.positionLevel ?? ''}”，已在${goalName}或以上，列入${level}不是提拔方向`,
      ),
    )
    return out
  }
  if (spec.fromLevel === null) return out
  const fromName = LEVEL_LADDER[spec.fromLevel]!
  const byLevel = have !== null && have >= spec.fromLevel
  const byRank = spec.fromRank !== null && rank !== null && rank >= rankIndex(spec.fromRank)!
  if (byLevel || byRank) return out
  if (have === null && rank === null) {
    out.push(
      warn(
        'pool-level-unknown',
        `职务层次${p.positionLevel ? `“${p.positionLevel}”无法识别` : '未填写'}${p.rank ? `，职级“${p.rank}”无法识别` : '，职级未填写'}，无法核对是否具备${level}应有的层次（${fromName}，或${spec.fromRank}及以上职级）`,
      ),
    )
    return out
  }
  const now = [p.positionLevel ? `职务层次“${p.positionLevel}”` : null, p.rank ? `职级“${p.rank}”` : null]
    .filter(Boolean)
    .join('、')
  out.push(
    warn(
      'pool-below-level',
      `现${now || '层次'}低于${level}应有的层次：${goalName}须从${fromName}（或${spec.fromRank}及以上职级）提任`,
    ),
  )
  return out
}

// ---- with the database

/** One cadre's talks and discipline as RefRecords ("talk:12", "discipline:3"). */
export function cadreRefRecords(ctx: AppContext, cadreId: number): RefRecord[] {
  return cadreImpactRecords(ctx, cadreId).map((x) => ({ ref: `${x.src}:${x.id}`, record: x.record }))
}

/** Grade warnings for one cadre's annual grade, read from the database. */
export function gradeWarnings(ctx: AppContext, cadreId: number, a: GradeInput): GradeCheck[] {
  return gradeChecks(a, cadreRefRecords(ctx, cadreId), impactConfig(ctx))
}

/**
 * After a talk or a discipline row was saved: the cadre's annual grades that it now contradicts
 * (a 诫勉 entered after the year's 优秀 is as wrong as the other way round).
 */
export function causedGradeWarnings(ctx: AppContext, cadreId: number, ref: string): GradeCheck[] {
  const grades = ctx.db
    .prepare(
      "SELECT year, kind, grade FROM assessments WHERE cadre_id = ? AND kind = '年度考核' ORDER BY year",
    )
    .all(cadreId) as GradeInput[]
  if (grades.length === 0) return []
  const records = cadreRefRecords(ctx, cadreId)
  const config = impactConfig(ctx)
  return grades.flatMap((g) => gradeChecks(g, records, config).filter((w) => w.cause === ref))
}

/** Pool warnings for one cadre, read from the database. */
export function poolWarnings(
  ctx: AppContext,
  cadreId: number,
  level: string,
  entryMonth: string | null,
): CrossCheck[] {
  const c = ctx.db
    .prepare('SELECT position_level AS positionLevel, rank FROM cadres WHERE id = ?')
    .get(cadreId) as { positionLevel: string | null; rank: string | null } | undefined
  if (!c) return []
  const inv = ctx.db
    .prepare(
      'SELECT since FROM eligibility_investigations WHERE cadre_id = ? AND closed_on IS NULL ORDER BY id LIMIT 1',
    )
    .get(cadreId) as { since: string | null } | undefined
  return poolChecks(
    {
      level,
      entryMonth: entryMonth ?? ctx.today().slice(0, 7),
      positionLevel: c.positionLevel,
      rank: c.rank,
    },
    cadreRefRecords(ctx, cadreId),
    inv ?? null,
    impactConfig(ctx),
  )
}

/** The cross-checks of one record just saved through the records editor. */
export function recordCrossChecks(
  ctx: AppContext,
  kind: string,
  rec: { id: number; cadreId: number } & Record<string, unknown>,
): CrossCheck[] {
  switch (kind) {
    case 'assessments':
      return gradeWarnings(ctx, rec.cadreId, {
        year: rec.year as number,
        kind: (rec.kind as string | null) ?? null,
        grade: String(rec.grade ?? ''),
      })
    case 'talks':
      return causedGradeWarnings(ctx, rec.cadreId, `talk:${rec.id}`)
    case 'discipline':
      return causedGradeWarnings(ctx, rec.cadreId, `discipline:${rec.id}`)
    case 'reserve':
      if (rec.status !== '在库' && rec.status !== '已列为考察对象') return []
      return poolWarnings(ctx, rec.cadreId, String(rec.level ?? ''), (rec.entryDate as string | null) ?? null)
    default:
      return []
  }
}

// ---- an exchange file's cadre, from its own lists

export interface ExchangeLists {
  assessments?: readonly { year: number; kind: string; grade: string }[]
  talks?: readonly { date: string; kind: string }[]
  discipline?: readonly {
    date: string
    system: string
    measure: string
    probationMonths?: number | null
    inLieuOf?: string | null
    impactEnd?: string | null
  }[]
  reserve?: readonly { level: string; entryDate: string | null; status: string }[]
}

/** Warnings for one exchange-file cadre ("年度考核第 2 项：…", "后备干部第 1 项：…"). */
export function exchangeCrossChecks(
  lists: ExchangeLists,
  config: ImpactConfig = DEFAULT_IMPACT_CONFIG,
): { key: string; message: string }[] {
  const records: RefRecord[] = [
    ...(lists.talks ?? []).map((t, i) => ({
      ref: `talks:${i}`,
      record: { source: 'talk', date: t.date, kind: t.kind } as ImpactRecord,
    })),
    ...(lists.discipline ?? []).map((d, i) => ({
      ref: `discipline:${i}`,
      record: { source: 'discipline', ...d } as ImpactRecord,
    })),
  ]
  const out: { key: string; message: string }[] = []
  if (records.length === 0) return out
  ;(lists.assessments ?? []).forEach((a, i) => {
    for (const w of gradeChecks(a, records, config))
      out.push({ key: 'assessments', message: `年度考核第 ${i + 1} 项：${w.message}` })
  })
  ;(lists.reserve ?? []).forEach((r, i) => {
    if (!r.entryDate || (r.status !== '在库' && r.status !== '已列为考察对象')) return
    const checks = poolChecks(
      { level: r.level, entryMonth: r.entryDate.slice(0, 7), positionLevel: null, rank: null },
      records,
      null,
      config,
    ).filter((w) => w.code === 'pool-impact')
    for (const w of checks) out.push({ key: 'reserve', message: `后备干部第 ${i + 1} 项：${w.message}` })
  })
  return out
}

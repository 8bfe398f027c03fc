/**
 * Rule sets as data (issue 6): one per promotion target, each rule an id of CLI.md's vocabulary
 * with its label and parameters. The defaults are exactly the table of issue 6; a county edits
 * them in 任职资格审查 → 规则设置, and every change is kept as a new version.
 */
import { z } from 'zod'
import { LEVEL_LADDER, LEVEL_VARIANTS, RANK_LADDER, levelIndex, rankIndex } from './ladder'

// The ladders live apart (no zod there): the importer and the records read them without the rule schemas.
export { LEVEL_LADDER, RANK_LADDER, levelIndex, rankIndex }

export const TARGETS = ['section-chief', 'deputy-section', 'rank-1', 'rank-2', 'rank-3', 'rank-4'] as const
export type Target = (typeof TARGETS)[number]
export const TARGET_LABELS: Record<Target, string> = {
  'section-chief': '提任正科级领导职务',
  'deputy-section': '提任副科级领导职务',
  'rank-1': '晋升一级主任科员',
  'rank-2': '晋升二级主任科员',
  'rank-3': '晋升三级主任科员',
  'rank-4': '晋升四级主任科员',
}
export const TARGET_SHORT: Record<Target, string> = {
  'section-chief': '正科',
  'deputy-section': '副科',
  'rank-1': '一级主任科员',
  'rank-2': '二级主任科员',
  'rank-3': '三级主任科员',
  'rank-4': '四级主任科员',
}

/** SQL condition (cadres aliased `c`) matching isPromotion, for queries that pick rows before evaluating. */
export function promotionSql(target: Target): string {
  const goal = TARGET_GOAL[target]
  const q = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ')
  if (goal.level) {
    const g = levelIndex(goal.level)!
    const above = Object.entries(LEVEL_VARIANTS)
      .filter(([, i]) => i >= g)
      .map(([k]) => k)
    return `(c.position_level IS NULL OR c.position_level NOT IN (${q(above)}))`
  }
  const g = rankIndex(goal.rank)!
  return `(c.rank IS NULL OR c.rank NOT IN (${q(RANK_LADDER.slice(g) as unknown as string[])}))`
}

/** What each target promotes to: a 职务层次 (leadership posts) or a 职级 (rank promotion). */
export const TARGET_GOAL: Record<Target, { level?: string; rank?: string }> = {
  'section-chief': { level: '正科' },
  'deputy-section': { level: '副科' },
  'rank-1': { rank: '一级主任科员' },
  'rank-2': { rank: '二级主任科员' },
  'rank-3': { rank: '三级主任科员' },
  'rank-4': { rank: '四级主任科员' },
}

/**
 * Would the target be a promotion for this cadre? A cadre already at or above the target's level
 * (or rank) is left out of that review (issue 10). An unreadable level keeps the cadre in (the
 * rules then say what they cannot read).
 */
export function isPromotion(target: Target, positionLevel: string | null, rank: string | null): boolean {
  const goal = TARGET_GOAL[target]
  if (goal.level) {
    const have = levelIndex(positionLevel)
    return have === null || have < levelIndex(goal.level)!
  }
  const have = rankIndex(rank)
  return have === null || have < rankIndex(goal.rank)!
}

export const RULE_IDS = [
  'reserve',
  'frontline',
  'tenure',
  'work-years',
  'education',
  'age',
  'party-age',
  'assessment',
  'discipline',
  'admonishment',
  'investigation',
  'family-abroad',
  'rank-tenure',
] as const
export type RuleId = (typeof RULE_IDS)[number]

const names = z.array(z.string().trim().min(1).max(30)).min(1).max(30)
const years = z.number().min(0).max(60)

/** Parameters of each rule kind, validated whenever a rule set is saved or loaded. */
export const RULE_PARAM_SCHEMAS = {
  reserve: z.object({ levels: names, statuses: names }),
  frontline: z.object({ kinds: names, minMonths: z.number().int().min(1).max(600) }),
  tenure: z.object({
    basis: z.enum(['position', 'rank']),
    levels: names,
    minYears: years,
    /** Ranks that count as well (管理办法: 三级/四级主任科员 for 乡科级正职). */
    ranks: z.array(z.string().trim().min(1).max(30)).max(30).optional(),
  }),
  'work-years': z.object({ minYears: years }),
  education: z.object({ minLevel: z.enum(['研究生', '大学', '大专', '中专', '高中']) }),
  age: z.object({ maxAge: z.number().int().min(18).max(70) }),
  'party-age': z.object({ minYears: years }),
  assessment: z.object({ kind: z.string().min(1).max(20), failGrades: names }),
  // The periods themselves are the one impact configuration (main/domain/impact.ts, settings
  // `impact.periods`) shared with the roster and the records pages; older rule sets that carried
  // their own tables load with those tables dropped.
  discipline: z.object({}),
  admonishment: z.object({}),
  investigation: z.object({}),
  'family-abroad': z.object({}),
  // 公务员职务与职级并行规定 第十九条 / 管理办法: years in the lower rank (or, for some ranks, at
  // a leadership level), 优秀 years shortening by half a year, 基本称职 / 不定等次 years not counting.
  'rank-tenure': z.object({
    fromRank: z.string().trim().min(1).max(20),
    minYears: years,
    orLevel: z.string().trim().max(20).nullable(),
  }),
} satisfies Record<RuleId, z.ZodType>

export type RuleParams = { [K in RuleId]: z.infer<(typeof RULE_PARAM_SCHEMAS)[K]> }

export type RuleDef = { [K in RuleId]: { id: K; label: string; params: RuleParams[K] } }[RuleId]

export interface RuleSet {
  target: Target
  /** 0 = the built-in defaults, never saved; 1, 2, ... saved versions. */
  version: number
  rules: RuleDef[]
  createdAt: string | null
  actor: string | null
  note: string | null
}

export const RuleDefSchema = z.discriminatedUnion(
  'id',
  RULE_IDS.map((id) =>
    z.object({ id: z.literal(id), label: z.string().trim().min(1).max(30), params: RULE_PARAM_SCHEMAS[id] }),
  ) as unknown as [z.ZodObject<{ id: z.ZodLiteral<RuleId> }>, ...z.ZodObject<{ id: z.ZodLiteral<RuleId> }>[]],
)

export const RuleListSchema = z
  .array(RuleDefSchema)
  .min(1, '规则集至少要有一条规则')
  .max(20)
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, '同一规则不能出现两次')


export const DEFAULT_RULE_LABELS: Record<RuleId, string> = {
  reserve: '后备干部',
  frontline: '一线经历',
  tenure: '任职年限',
  'work-years': '工作年限',
  education: '学历',
  age: '年龄',
  'party-age': '党龄',
  assessment: '年度考核',
  discipline: '处分影响期',
  admonishment: '诫勉影响期',
  investigation: '立案审查调查',
  'family-abroad': '配偶子女移居国（境）外',
  'rank-tenure': '职级任职年限',
}

/** Where each rule comes from (shown beside every verdict). 条例 = 党政领导干部选拔任用工作条例 (2019).
 *  条例 第二十四条 as republished (http://uianet.net/dictionary/b13496606.html): "有下列情形之一的，不得
 *  列为考察对象：…（三）上一年年度考核结果为基本称职以下等次的；…（五）除特殊岗位需要外，配偶已移居国
 *  （境）外，或者没有配偶但子女均已移居国（境）外的；（六）受到诫勉、组织处理或者党纪政务处分等影响期
 *  未满或者期满影响使用的；（七）其他原因不宜提拔或者进一步使用的。" — 立案审查 is not named in（六）;
 *  the article that bars promotion under investigation was not found, so `investigation` keeps the
 *  citation DOMAIN.md gives. The 组织处理 rules are 中国共产党组织处理规定（试行） (2021). */
export const RULE_ARTICLES: Record<RuleId, string> = {
  reserve: '本县后备干部管理规定',
  frontline: '本县一线经历要求',
  tenure: '条例 第八条（三）；公务员职务、职级与级别管理办法',
  'work-years': '条例 第八条（一）',
  education: '条例 第八条（四）',
  age: '本县任职年龄要求',
  'party-age': '条例 第八条 第二款；党章',
  assessment: '条例 第二十四条（三）',
  discipline: '条例 第二十四条（六）；纪律处分条例；政务处分法 第八条',
  admonishment: '条例 第二十四条（六）；诫勉规定；中国共产党组织处理规定（试行）',
  investigation: '条例 第二十四条（六）',
  'family-abroad': '条例 第二十四条（五）',
  'rank-tenure': '公务员职务与职级并行规定 第十九条；公务员职务、职级与级别管理办法',
}

/**
 * Rules a head may lift (豁免) for one candidate with a written reason: qualifications only, as
 * 条例 第九条 allows 破格 on 任职资格 alone. Never the 第二十四条 bars — last year's assessment,
 * impact periods, 立案审查, family settled abroad.
 */
export const LIFTABLE_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'reserve',
  'frontline',
  'tenure',
  'work-years',
  'education',
  'age',
  'party-age',
])

const FRONTLINE_KINDS = ['第一书记', '驻村工作队员', '驻村工作队长', '驻村工作队队长', '一线锻炼', '挂职锻炼']

const EDUCATION: RuleDef = {
  id: 'education',
  label: DEFAULT_RULE_LABELS.education,
  params: { minLevel: '大专' },
}

function common(): RuleDef[] {
  return [
    {
      id: 'frontline',
      label: DEFAULT_RULE_LABELS.frontline,
      params: { kinds: FRONTLINE_KINDS, minMonths: 12 },
    },
  ]
}

function tail(): RuleDef[] {
  return [
    {
      id: 'assessment',
      label: DEFAULT_RULE_LABELS.assessment,
      params: { kind: '年度考核', failGrades: ['基本称职', '不称职', '基本合格', '不合格'] },
    },
    { id: 'discipline', label: DEFAULT_RULE_LABELS.discipline, params: {} },
    { id: 'admonishment', label: DEFAULT_RULE_LABELS.admonishment, params: {} },
    // 条例 第二十四条（六）and（五）: in the defaults since issue 10, never liftable.
    { id: 'investigation', label: DEFAULT_RULE_LABELS.investigation, params: {} },
    { id: 'family-abroad', label: DEFAULT_RULE_LABELS['family-abroad'], params: {} },
  ]
}

/** 职级晋升 (公务员职务、职级与级别管理办法): the lower rank, years, and the leadership level that
 *  counts as well (三级主任科员: 副科 2 years; 一级主任科员: 正科 2 years). */
const RANK_STEPS: Record<
  'rank-1' | 'rank-2' | 'rank-3' | 'rank-4',
  { fromRank: string; orLevel: string | null }
> = {
  'rank-4': { fromRank: '一级科员', orLevel: null },
  'rank-3': { fromRank: '四级主任科员', orLevel: '副科' },
  'rank-2': { fromRank: '三级主任科员', orLevel: null },
  'rank-1': { fromRank: '二级主任科员', orLevel: '正科' },
}

/** The defaults of issue 6, with 条例 第二十四条（五）（六） (issue 10); rank targets of issue 10. */
export function defaultRules(target: Target): RuleDef[] {
  if (target.startsWith('rank-')) {
    const step = RANK_STEPS[target as keyof typeof RANK_STEPS]
    return [
      { id: 'rank-tenure', label: DEFAULT_RULE_LABELS['rank-tenure'], params: { ...step, minYears: 2 } },
      {
        id: 'assessment',
        label: DEFAULT_RULE_LABELS.assessment,
        params: { kind: '年度考核', failGrades: ['基本称职', '不称职', '基本合格', '不合格'] },
      },
      { id: 'discipline', label: DEFAULT_RULE_LABELS.discipline, params: {} },
      { id: 'admonishment', label: DEFAULT_RULE_LABELS.admonishment, params: {} },
      { id: 'investigation', label: DEFAULT_RULE_LABELS.investigation, params: {} },
    ]
  }
  if (target === 'section-chief') {
    return [
      {
        id: 'reserve',
        label: DEFAULT_RULE_LABELS.reserve,
        params: { levels: ['正科级后备'], statuses: ['在库'] },
      },
      ...common(),
      {
        id: 'tenure',
        label: DEFAULT_RULE_LABELS.tenure,
        // 管理办法: 乡科级副职 2 years, or with 三级/四级主任科员 together 2 years.
        params: { basis: 'position', levels: ['副科'], minYears: 2, ranks: RANK_LADDER.slice(2) },
      },
      { id: 'work-years', label: DEFAULT_RULE_LABELS['work-years'], params: { minYears: 5 } },
      EDUCATION,
      { id: 'age', label: DEFAULT_RULE_LABELS.age, params: { maxAge: 45 } },
      ...tail(),
    ]
  }
  return [
    {
      id: 'reserve',
      label: DEFAULT_RULE_LABELS.reserve,
      params: { levels: ['副科级后备', '正科级后备'], statuses: ['在库'] },
    },
    ...common(),
    {
      id: 'tenure',
      label: DEFAULT_RULE_LABELS.tenure,
      params: { basis: 'rank', levels: RANK_LADDER.slice(1), minYears: 3 },
    },
    { id: 'work-years', label: DEFAULT_RULE_LABELS['work-years'], params: { minYears: 3 } },
    EDUCATION,
    { id: 'age', label: DEFAULT_RULE_LABELS.age, params: { maxAge: 40 } },
    ...tail(),
  ]
}

/** "默认规则" for the built-in set (version 0), "规则第 N 版" for a saved one. */
export function versionText(version: number): string {
  return version > 0 ? `规则第 ${version} 版` : '默认规则'
}

export function defaultRuleSet(target: Target): RuleSet {
  return {
    target,
    version: 0,
    rules: defaultRules(target),
    createdAt: null,
    actor: null,
    note: '系统默认规则',
  }
}

/** Default parameters of a rule a county adds (party-age, investigation, or one removed before). */
export function defaultRule(id: RuleId, target: Target): RuleDef {
  const fromDefaults = defaultRules(target).find((r) => r.id === id)
  if (fromDefaults) return fromDefaults
  if (id === 'party-age') return { id, label: DEFAULT_RULE_LABELS[id], params: { minYears: 3 } }
  if (id === 'family-abroad') return { id, label: DEFAULT_RULE_LABELS[id], params: {} }
  if (id === 'rank-tenure')
    return {
      id,
      label: DEFAULT_RULE_LABELS[id],
      params: { fromRank: '一级科员', minYears: 2, orLevel: null },
    }
  return { id: 'investigation', label: DEFAULT_RULE_LABELS.investigation, params: {} }
}

const PARAM_LABELS: Record<string, string> = {
  label: '名称',
  levels: '层次/级别',
  statuses: '状态',
  kinds: '类别',
  minMonths: '至少（月）',
  basis: '依据',
  minYears: '至少（年）',
  minLevel: '最低学历',
  maxAge: '年龄上限（周岁以下，含）',
  fromRank: '原职级',
  orLevel: '或领导职务层次',
  kind: '考核类别',
  failGrades: '不符合的等次',
  periods: '影响期',
  talks: '谈话影响期',
  orgHandling: '组织处理影响期',
}

const TYPE_NAMES: Record<string, string> = {
  number: '数字',
  string: '文字',
  array: '列表',
  object: '表',
  boolean: '是/否',
}

/** One zod issue of a rule list in Chinese: which rule, which parameter, what is wrong. */
export function ruleIssueText(iss: z.core.$ZodIssue, rules: unknown): string {
  // Issues of the list itself carry this module's own Chinese messages (.min, .refine above).
  if (iss.path.length === 0) return iss.message
  const [index, part, name, ...rest] = iss.path
  let where = ''
  if (typeof index === 'number') {
    const raw = Array.isArray(rules)
      ? (rules[index] as { id?: unknown; label?: unknown } | undefined)
      : undefined
    const label =
      typeof raw?.label === 'string' && raw.label ? raw.label : typeof raw?.id === 'string' ? raw.id : ''
    where = `第 ${index + 1} 条${label ? `“${label}”` : ''}`
    const param = part === 'params' ? name : part
    if (typeof param === 'string')
      where += `的“${PARAM_LABELS[param] ?? param}${rest.length ? ` ${rest.join(' ')}` : ''}”`
  }
  const i = iss as z.core.$ZodIssue & {
    expected?: string
    minimum?: number | bigint
    maximum?: number | bigint
    origin?: string
    values?: unknown[]
  }
  let what: string
  switch (i.code) {
    case 'invalid_type':
      what = `应为${TYPE_NAMES[i.expected ?? ''] ?? '有效值'}`
      break
    case 'too_small':
      what =
        i.origin === 'array'
          ? `至少要有 ${String(i.minimum)} 项`
          : i.origin === 'string'
            ? '不能为空'
            : `不能小于 ${String(i.minimum)}`
      break
    case 'too_big':
      what =
        i.origin === 'array'
          ? `最多 ${String(i.maximum)} 项`
          : i.origin === 'string'
            ? '太长'
            : `不能大于 ${String(i.maximum)}`
      break
    case 'invalid_value':
      what = `只能是 ${(i.values ?? []).map(String).join('、')}`
      break
    case 'invalid_union': {
      const raw =
        Array.isArray(rules) && typeof index === 'number'
          ? (rules[index] as { id?: unknown } | undefined)
          : undefined
      return `第 ${typeof index === 'number' ? index + 1 : '?'} 条的审查项目“${String(raw?.id ?? '')}”不可识别`
    }
    default:
      what = iss.message
  }
  return `${where}${what}`
}

/** Validates a rule list from outside (IPC, the database); throws zod's error on bad data. */
export function parseRules(raw: unknown): RuleDef[] {
  return RuleListSchema.parse(raw) as RuleDef[]
}

/** The rule in one Chinese sentence, e.g. "职务层次副科，任现职务满 2 年" (grid header tips, settings). */
export function describeRule(rule: RuleDef): string {
  switch (rule.id) {
    case 'reserve':
      return `${rule.params.levels.join('或')}，状态为${rule.params.statuses.join('/')}`
    case 'frontline':
      return `${rule.params.kinds.join('、')}等一线经历累计满 ${rule.params.minMonths} 个月`
    case 'tenure':
      return rule.params.basis === 'position'
        ? `${rule.params.levels.join('/')}及以上${rule.params.ranks?.length ? `（或${rule.params.ranks[0]}及以上职级）` : ''}累计满 ${rule.params.minYears} 年`
        : `${rule.params.levels.length > 3 ? `${rule.params.levels[0]}及以上` : rule.params.levels.join('/')}职级累计满 ${rule.params.minYears} 年`
    case 'work-years':
      return `参加工作满 ${rule.params.minYears} 年`
    case 'education':
      return `全日制或在职教育${rule.params.minLevel}及以上`
    case 'age':
      return `${rule.params.maxAge}周岁以下（含 ${rule.params.maxAge} 周岁）`
    case 'party-age':
      return `中共党员，党龄满 ${rule.params.minYears} 年`
    case 'assessment':
      return `上一年度${rule.params.kind}结果已录入，且不为${rule.params.failGrades.join('、')}`
    case 'discipline':
      return '不在党纪、政务处分影响期内（影响期按“影响期设置”计算，与花名册“影响期至”一致）'
    case 'admonishment':
      return '不在诫勉或组织处理影响期内（影响期按“影响期设置”计算，与花名册“影响期至”一致）'
    case 'investigation':
      return '未登记正在接受立案审查调查'
    case 'family-abroad':
      return '配偶未移居国（境）外；没有配偶的，子女未均移居国（境）外'
    case 'rank-tenure':
      return `任${rule.params.fromRank}${rule.params.orLevel ? `（或${rule.params.orLevel}领导职务）` : ''}满 ${rule.params.minYears} 年（优秀年度各缩短半年，基本称职、不定等次年度不计）`
  }
}

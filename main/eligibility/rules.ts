/**
 * Rule sets as data (issue 6): one per promotion target, each rule an id of CLI.md's vocabulary
 * with its label and parameters. The defaults are exactly the table of issue 6; a county edits
 * them in 任职资格审查 → 规则设置, and every change is kept as a new version.
 */
import { z } from 'zod'

export const TARGETS = ['section-chief', 'deputy-section'] as const
export type Target = (typeof TARGETS)[number]
export const TARGET_LABELS: Record<Target, string> = {
  'section-chief': '提任正科级领导职务',
  'deputy-section': '提任副科级领导职务',
}
export const TARGET_SHORT: Record<Target, string> = { 'section-chief': '正科', 'deputy-section': '副科' }

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
] as const
export type RuleId = (typeof RULE_IDS)[number]

const names = z.array(z.string().trim().min(1).max(30)).min(1).max(30)
const years = z.number().min(0).max(60)

/** Parameters of each rule kind, validated whenever a rule set is saved or loaded. */
export const RULE_PARAM_SCHEMAS = {
  reserve: z.object({ levels: names, statuses: names }),
  frontline: z.object({ kinds: names, minMonths: z.number().int().min(1).max(600) }),
  tenure: z.object({ basis: z.enum(['position', 'rank']), levels: names, minYears: years }),
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

/** Rank ladder, lowest first (公务员职务与职级并行规定). */
export const RANK_LADDER = [
  '二级科员',
  '一级科员',
  '四级主任科员',
  '三级主任科员',
  '二级主任科员',
  '一级主任科员',
  '四级调研员',
  '三级调研员',
  '二级调研员',
  '一级调研员',
] as const

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
}

/** Where each rule comes from (shown beside every verdict). 条例 = 党政领导干部选拔任用工作条例 (2019). */
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
  admonishment: '条例 第二十四条（六）；诫勉规定；领导干部组织处理规定（试行）',
  investigation: '条例 第二十四条（六）',
  'family-abroad': '条例 第二十四条（五）',
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

/** The defaults of issue 6, exactly. */
export function defaultRules(target: Target): RuleDef[] {
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
        params: { basis: 'position', levels: ['副科'], minYears: 2 },
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
  maxAge: '年龄须小于（岁）',
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
        ? `职务层次为${rule.params.levels.join('/')}，任现职务满 ${rule.params.minYears} 年`
        : `职级为${rule.params.levels.length > 3 ? `${rule.params.levels[0]}及以上` : rule.params.levels.join('/')}，任现职级满 ${rule.params.minYears} 年`
    case 'work-years':
      return `参加工作满 ${rule.params.minYears} 年`
    case 'education':
      return `全日制或在职教育${rule.params.minLevel}及以上`
    case 'age':
      return `审查日期时未满 ${rule.params.maxAge} 岁`
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
  }
}

/**
 * The canonical cadre fields of DOMAIN.md. One list drives the grid's columns, the detail
 * editor (in the order of the 干部任免审批表), import mapping targets and exports.
 */
export type FieldKind = 'text' | 'month' | 'choice' | 'idCard' | 'unit' | 'multiline' | 'photo'

export interface FieldDef {
  key: CadreFieldKey
  label: string
  kind: FieldKind
  /** Choices offered in the editor; free text is still accepted unless `strict`. */
  options?: readonly string[]
  strict?: boolean
  /** Group heading in the detail editor, in the form's order. */
  group: string
  /** Column width hint in characters for grids and exports. */
  width: number
}

export const GENDERS = ['男', '女'] as const
export const STATUSES = ['在职', '调出', '退休', '去世'] as const
export const POLITICAL_STATUSES = [
  '中共党员',
  '中共预备党员',
  '共青团员',
  '民革会员',
  '民盟盟员',
  '民建会员',
  '民进会员',
  '农工党党员',
  '致公党党员',
  '九三学社社员',
  '台盟盟员',
  '无党派人士',
  '群众',
] as const
export const EDUCATIONS = ['研究生', '大学', '大专', '中专', '高中', '初中', '小学'] as const
export const DEGREES = ['博士', '硕士', '学士'] as const
export const POSITION_LEVELS = ['正处', '副处', '正科', '副科', '一般干部'] as const
export const RANKS = [
  '一级调研员',
  '二级调研员',
  '三级调研员',
  '四级调研员',
  '一级主任科员',
  '二级主任科员',
  '三级主任科员',
  '四级主任科员',
  '一级科员',
  '二级科员',
] as const

export const CADRE_FIELD_KEYS = [
  'name',
  'gender',
  'birthDate',
  'ethnicity',
  'nativePlace',
  'birthPlace',
  'partyJoinDate',
  'politicalStatus',
  'workStartDate',
  'health',
  'techTitle',
  'specialty',
  'eduFullTime',
  'degreeFullTime',
  'schoolFullTime',
  'eduInService',
  'degreeInService',
  'schoolInService',
  'idCard',
  'unit',
  'position',
  'positionLevel',
  'positionDate',
  'levelDate',
  'rank',
  'rankDate',
  'status',
  'phone',
] as const
export type CadreFieldKey = (typeof CADRE_FIELD_KEYS)[number]

const G1 = '基本信息'
const G2 = '学历学位'
const G3 = '职务职级'
export const CADRE_FIELDS: readonly FieldDef[] = [
  { key: 'name', label: '姓名', kind: 'text', group: G1, width: 8 },
  { key: 'gender', label: '性别', kind: 'choice', options: GENDERS, strict: true, group: G1, width: 5 },
  { key: 'birthDate', label: '出生年月', kind: 'month', group: G1, width: 9 },
  { key: 'ethnicity', label: '民族', kind: 'text', group: G1, width: 7 },
  { key: 'nativePlace', label: '籍贯', kind: 'text', group: G1, width: 10 },
  { key: 'birthPlace', label: '出生地', kind: 'text', group: G1, width: 10 },
  { key: 'partyJoinDate', label: '入党时间', kind: 'month', group: G1, width: 9 },
  { key: 'politicalStatus', label: '政治面貌', kind: 'choice', options: POLITICAL_STATUSES, group: G1, width: 9 },
  { key: 'workStartDate', label: '参加工作时间', kind: 'month', group: G1, width: 10 },
  { key: 'health', label: '健康状况', kind: 'text', group: G1, width: 8 },
  { key: 'techTitle', label: '专业技术职务', kind: 'text', group: G1, width: 12 },
  { key: 'specialty', label: '熟悉专业有何专长', kind: 'text', group: G1, width: 14 },
  { key: 'eduFullTime', label: '全日制教育 学历', kind: 'choice', options: EDUCATIONS, group: G2, width: 8 },
  { key: 'degreeFullTime', label: '全日制教育 学位', kind: 'choice', options: DEGREES, group: G2, width: 8 },
  { key: 'schoolFullTime', label: '全日制 毕业院校系及专业', kind: 'text', group: G2, width: 20 },
  { key: 'eduInService', label: '在职教育 学历', kind: 'choice', options: EDUCATIONS, group: G2, width: 8 },
  { key: 'degreeInService', label: '在职教育 学位', kind: 'choice', options: DEGREES, group: G2, width: 8 },
  { key: 'schoolInService', label: '在职 毕业院校系及专业', kind: 'text', group: G2, width: 20 },
  { key: 'idCard', label: '身份证号', kind: 'idCard', group: G1, width: 20 },
  { key: 'unit', label: '工作单位', kind: 'unit', group: G3, width: 14 },
  { key: 'position', label: '现任职务', kind: 'text', group: G3, width: 20 },
  { key: 'positionLevel', label: '职务层次', kind: 'choice', options: POSITION_LEVELS, group: G3, width: 8 },
  { key: 'positionDate', label: '任现职务时间', kind: 'month', group: G3, width: 10 },
  // The national data standard's 任现职务层次时间: a lateral move keeps it (issue 10).
  { key: 'levelDate', label: '任现职务层次时间', kind: 'month', group: G3, width: 12 },
  { key: 'rank', label: '职级', kind: 'choice', options: RANKS, group: G3, width: 12 },
  { key: 'rankDate', label: '任现职级时间', kind: 'month', group: G3, width: 10 },
  { key: 'status', label: '状态', kind: 'choice', options: STATUSES, strict: true, group: G3, width: 6 },
  { key: 'phone', label: '联系电话', kind: 'text', group: G1, width: 12 },
]

export const FIELD_BY_KEY: ReadonlyMap<CadreFieldKey, FieldDef> = new Map(CADRE_FIELDS.map((f) => [f.key, f]))

export function fieldLabel(key: CadreFieldKey): string {
  return FIELD_BY_KEY.get(key)?.label ?? key
}

/** snake_case column name of a canonical key (DOMAIN.md: "database columns (snake_case of the same)"). */
export function columnOf(key: string): string {
  return key.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())
}

/** A cadre's scalar fields as the domain and the exchange file see them: months `YYYY-MM`, empty = null. */
export type CadreFields = { [K in CadreFieldKey]: string | null }

export const ETHNIC_GROUPS = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族',
  '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族',
  '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族',
  '仡佬族', '锡伯族', '阿昌族', '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族',
  '保安族', '裕固族', '京族', '塔塔尔族', '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const

/** "汉" → "汉族", "维吾尔" → "维吾尔族"; unknown text is returned trimmed. */
export function normalizeEthnicity(raw: string): string {
  const s = raw.trim()
  if (!s) return s
  if ((ETHNIC_GROUPS as readonly string[]).includes(s)) return s
  const full = s + '族'
  if ((ETHNIC_GROUPS as readonly string[]).includes(full)) return full
  return s
}

/** "张  三" → "张三": inner spaces (half- and full-width) removed. */
export function normalizeName(raw: string): string {
  return raw.replace(/[\s\u3000]+/g, '')
}

/** Full-width digits, letters and common punctuation → half-width. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
}

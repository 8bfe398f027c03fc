/**
 * The closed vocabularies of the records, with the variants clerks actually type (issue 10):
 * 处分 systems and measures, talk kinds, assessment grades, reserve levels and statuses, posting
 * kinds. One place reads a typed value into its canonical term; every reader (entry forms, import,
 * exchange load, impact periods, eligibility rules) goes through it.
 *
 * A value that is not a term nor one of its variants is UNKNOWN: it is kept as typed, warned about
 * where it enters, and makes every rule that reads it 待核实 (never "no sanction", never a pass).
 * Variants are listed one by one rather than guessed: "记大过处分决定" or a typo such as "严重警吿"
 * must stay unknown (DOMAIN.md, Second round).
 */

export interface Term {
  /** The canonical name stored and shown. */
  name: string
  variants?: readonly string[]
}

export interface Vocabulary {
  key: string
  /** "处分种类（党纪）", shown in warnings. */
  label: string
  terms: readonly Term[]
}

/** Spaces (half and full width) removed; full-width brackets made half-width. */
export function cleanTerm(s: string): string {
  return s.replace(/[\s\u3000]+/g, '').replace(/（/g, '(').replace(/）/g, ')')
}

const index = new WeakMap<Vocabulary, Map<string, string>>()

function lookup(v: Vocabulary): Map<string, string> {
  let m = index.get(v)
  if (!m) {
    m = new Map()
    for (const t of v.terms) {
      m.set(cleanTerm(t.name), t.name)
      for (const x of t.variants ?? []) m.set(cleanTerm(x), t.name)
    }
    index.set(v, m)
  }
  return m
}

/** The canonical term of a typed value, or null when the vocabulary does not know it. */
export function resolveTerm(v: Vocabulary, raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null
  return lookup(v).get(cleanTerm(raw)) ?? null
}

export function termNames(v: Vocabulary): string[] {
  return v.terms.map((t) => t.name)
}

/** "处分种类“严重警吿”不在规定的名称中（党纪处分为：警告、严重警告、…），已按原样保存，相关审查项为待核实" */
export function unknownTermText(v: Vocabulary, raw: string): string {
  return `${v.label}“${raw}”不是规定的名称（应为：${termNames(v).join('、')}），已按原样保存；涉及它的审查结果为“待核实”`
}

// ---- 处分 (纪律处分条例 2023 第八条; 政务处分法 第七条; 中国共产党组织处理规定（试行） 第五条)

export const DISCIPLINE_SYSTEM_VOCAB: Vocabulary = {
  key: 'system',
  label: '处分类别',
  terms: [
    { name: '党纪', variants: ['党纪处分', '党内处分', '纪律处分'] },
    { name: '政务', variants: ['政务处分', '行政处分', '政纪', '政纪处分'] },
    { name: '组织处理', variants: ['组织处理措施'] },
  ],
}

const suffixed = (name: string, prefixes: readonly string[]): string[] => {
  const out: string[] = [`${name}处分`]
  for (const p of prefixes) out.push(`${p}${name}`, `${p}${name}处分`)
  return out
}

export const PARTY_MEASURES: Vocabulary = {
  key: 'measure',
  label: '党纪处分种类',
  terms: [
    { name: '警告', variants: suffixed('警告', ['党内']) },
    { name: '严重警告', variants: suffixed('严重警告', ['党内']) },
    { name: '撤销党内职务', variants: ['撤销党内职务处分'] },
    // 留党察看 with its 察看期 in the name is read by partyProbation below.
    { name: '留党察看', variants: ['留党察看处分'] },
    { name: '开除党籍', variants: ['开除党籍处分'] },
  ],
}

export const GOV_MEASURES: Vocabulary = {
  key: 'measure',
  label: '政务处分种类',
  terms: [
    { name: '警告', variants: suffixed('警告', ['政务', '行政']) },
    { name: '记过', variants: suffixed('记过', ['政务', '行政']) },
    { name: '记大过', variants: suffixed('记大过', ['政务', '行政']) },
    { name: '降级', variants: suffixed('降级', ['政务', '行政']) },
    { name: '撤职', variants: suffixed('撤职', ['政务', '行政']) },
    { name: '开除', variants: ['开除公职', '开除处分', '政务开除', '行政开除'] },
  ],
}

export const ORG_MEASURES: Vocabulary = {
  key: 'measure',
  label: '组织处理方式',
  terms: [
    { name: '停职检查', variants: ['停职'] },
    { name: '调整', variants: ['调整职务', '调离岗位', '调离'] },
    { name: '责令辞职', variants: ['责令辞去职务', '责令辞去领导职务'] },
    { name: '免职', variants: ['免去职务', '免去现职'] },
    { name: '降职', variants: ['降职使用'] },
  ],
}

export const MEASURES_BY_SYSTEM: Record<string, Vocabulary> = {
  党纪: PARTY_MEASURES,
  政务: GOV_MEASURES,
  组织处理: ORG_MEASURES,
}

const CN_YEARS: Record<string, number> = { 一: 1, '1': 1, 二: 2, 两: 2, '2': 2 }

/** "留党察看一年" / "留党察看（二年）" / "留党察看2年处分" → 察看期 months; null when not that shape. */
export function partyProbation(raw: string): number | null {
  const m = /^(?:党内)?留党察看(?:处分)?\(?([一二两12])年\)?(?:处分)?$/.exec(cleanTerm(raw))
  return m ? CN_YEARS[m[1]!]! * 12 : null
}

export interface ResolvedMeasure {
  system: string
  measure: string
  /** 察看期 read from the name ("留党察看一年" → 12). */
  probationMonths?: number
}

/** A discipline row's system + measure read as the regulations name them; null when unknown. */
export function resolveMeasure(system: string, measure: string): ResolvedMeasure | null {
  const sys = resolveTerm(DISCIPLINE_SYSTEM_VOCAB, system)
  if (!sys) return null
  const vocab = MEASURES_BY_SYSTEM[sys]!
  const m = resolveTerm(vocab, measure)
  if (m) return { system: sys, measure: m }
  if (sys === '党纪') {
    const p = partyProbation(measure)
    if (p !== null) return { system: sys, measure: '留党察看', probationMonths: p }
  }
  return null
}

// ---- 谈话 (DOMAIN.md "Talks"; 诫勉规定 2019: 谈话诫勉 and 书面诫勉 are the two forms of 诫勉)

export const TALK_KIND_VOCAB: Vocabulary = {
  key: 'kind',
  label: '谈话类型',
  terms: [
    { name: '任前谈话', variants: ['任前廉政谈话'] },
    { name: '任职谈话' },
    { name: '谈心谈话', variants: ['谈心'] },
    { name: '提醒谈话', variants: ['谈话提醒', '提醒'] },
    { name: '督办' },
    { name: '约谈', variants: ['约谈谈话'] },
    { name: '诫勉谈话', variants: ['诫勉', '谈话诫勉'] },
    { name: '书面诫勉' },
    { name: '函询', variants: ['函询谈话'] },
    { name: '批评教育' },
    { name: '通报批评', variants: ['通报'] },
    { name: '责令检查', variants: ['责令作出书面检查', '书面检查'] },
    { name: '召回' },
  ],
}

/** Talk kinds that are an admonishment (诫勉): their impact class in the periods is '诫勉'. */
export const ADMONISHMENT_KINDS: readonly string[] = ['诫勉谈话', '书面诫勉']

export interface ResolvedTalk {
  kind: string
  /** '诫勉' for both forms of 诫勉; null for talks without an impact period. */
  impactClass: '诫勉' | null
}

export function resolveTalk(kind: string): ResolvedTalk | null {
  const k = resolveTerm(TALK_KIND_VOCAB, kind)
  if (!k) return null
  return { kind: k, impactClass: ADMONISHMENT_KINDS.includes(k) ? '诫勉' : null }
}

// ---- 年度考核等次 (公务员考核规定 第十条; 事业单位: 合格 / 基本合格 / 不合格)

export const GRADE_VOCAB: Vocabulary = {
  key: 'grade',
  label: '考核等次',
  terms: [
    { name: '优秀', variants: ['优秀等次'] },
    { name: '称职', variants: ['称职等次'] },
    { name: '合格', variants: ['合格等次'] },
    { name: '基本称职', variants: ['基本称职等次'] },
    { name: '基本合格', variants: ['基本合格等次'] },
    { name: '不称职', variants: ['不称职等次'] },
    { name: '不合格', variants: ['不合格等次'] },
    { name: '不定等次', variants: ['不确定等次', '未定等次', '不评定等次'] },
  ],
}

export function resolveGrade(grade: string): string | null {
  return resolveTerm(GRADE_VOCAB, grade)
}

// ---- 后备干部, 派驻

export const RESERVE_LEVEL_VOCAB: Vocabulary = {
  key: 'level',
  label: '后备层次',
  terms: [
    { name: '副科级后备', variants: ['副科级后备干部', '副科后备'] },
    { name: '正科级后备', variants: ['正科级后备干部', '正科后备'] },
    { name: '县处级后备', variants: ['县处级后备干部', '副处级后备', '处级后备'] },
  ],
}

export const RESERVE_STATUS_VOCAB: Vocabulary = {
  key: 'status',
  label: '后备状态',
  terms: [
    { name: '在库', variants: ['在册'] },
    { name: '已列为考察对象', variants: ['考察对象', '列为考察对象'] },
    { name: '已使用', variants: ['已提拔', '已提拔使用'] },
    { name: '已撤销', variants: ['撤销', '已出库'] },
  ],
}

export const POSTING_KIND_VOCAB: Vocabulary = {
  key: 'kind',
  label: '派驻类型',
  terms: [
    { name: '第一书记', variants: ['驻村第一书记'] },
    { name: '驻村工作队员', variants: ['工作队员', '驻村队员'] },
    { name: '驻村工作队长', variants: ['驻村工作队队长', '工作队长', '驻村队长'] },
    { name: '挂职锻炼', variants: ['挂职'] },
    { name: '一线锻炼' },
  ],
}

/**
 * Reads an LRMX file. It is XML from outside: a size limit; a byte-order mark is dropped; any
 * <!DOCTYPE or <!ENTITY is refused before parsing (no DTD, no entities, nothing external); the
 * parser expands nothing (processEntities: false) and only the five predefined entities and
 * character references are decoded afterwards. Unknown elements are passed over, except those whose
 * name is a property of every JavaScript object (`__proto__`, `constructor`, `prototype`, `toString`,
 * …): such a file was crafted, not written by a form editor, and is refused whole, naming the element
 * and its line, before the parser builds any object from it.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { FamilyMember } from '../domain/cadre'
import { parseDay, parseMonth } from '../domain/dates'
import { AppError } from '../domain/errors'
import { normalizeEthnicity, normalizeName, POLITICAL_STATUSES, type CadreFields } from '../domain/fields'
import { idCardContradictions, validateIdCard } from '../domain/idcard'
import { photoProblem, PHOTO_MAX_BASE64, PHOTO_MAX_BYTES } from '../domain/photo'
import { parseResume } from '../domain/resume'
import { baseAgeOfLimitText, MONTH_FIELDS, PARTY_SHORT, TEXT_FIELDS, type LrmxPerson } from './format'

/** One LRMX file may be at most this large (a photo included). */
export const MAX_LRMX_BYTES = 5 * 1024 * 1024
/** The decoded photo may be at most this large. */
export const MAX_PHOTO_BYTES = PHOTO_MAX_BYTES

export interface ParsedLrmx {
  person: LrmxPerson
  idCard: string
  name: string
  /** Things the clerk should know: a value that could not be read, a contradiction. */
  warnings: string[]
  /** Top-level elements the app does not know (kept going). */
  unknown: string[]
}

function refuse(file: string, code: string, zh: string, en: string): AppError {
  return new AppError(code, `文件“${file}”${zh}`, `${file}: ${en}`)
}

/** Bytes → text: BOM (UTF-8, UTF-16) or the declared encoding (UTF-8, GBK/GB2312/GB18030). */
export function decodeXml(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3), file)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1')
  const enc = head.match(/^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_-]+)["']/)?.[1]?.toLowerCase()
  if (enc && /^(gb2312|gbk|gb18030|cp936)$/.test(enc)) return new TextDecoder('gb18030').decode(bytes)
  return utf8(bytes, file)
}

function utf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // Files saved by older tools in GBK without saying so.
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes)
    } catch {
      throw refuse(
        file,
        'lrmx-encoding',
        '的编码无法识别（应为 UTF-8），未导入',
        'unreadable text encoding (expected UTF-8)',
      )
    }
  }
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** The five predefined entities and character references; anything else stays as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (all, e: string) => {
    if (e.startsWith('#x')) return safeChar(parseInt(e.slice(2), 16)) ?? all
    if (e.startsWith('#')) return safeChar(parseInt(e.slice(1), 10)) ?? all
    return PREDEFINED[e] ?? all
  })
}
function safeChar(cp: number): string | null {
  if (!Number.isFinite(cp) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null
  return String.fromCodePoint(cp)
}

type XmlNode = string | number | boolean | null | undefined | XmlObject | XmlNode[]
interface XmlObject {
  [k: string]: XmlNode
}

function textOf(n: XmlNode): string {
  if (n === null || n === undefined) return ''
  if (Array.isArray(n)) return textOf(n[0])
  if (typeof n === 'object') return textOf(n['#text'])
  return decodeEntities(String(n)).trim()
}

/**
 * Element names that no form editor writes and that name a property every JavaScript object has:
 * the parser would either throw (`__proto__`, `constructor`, `prototype`) or rename them silently.
 */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
])

/** How an odd name is shown in a message: at most 40 characters, control characters made visible. */
export function showName(name: string): string {
  const visible = [...name]
    .map((c) => {
      const cp = c.codePointAt(0) ?? 0
      return cp < 0x20 || cp === 0x7f ? `\\u${cp.toString(16).padStart(4, '0')}` : c
    })
    .join('')
  return visible.length > 40 ? `${visible.slice(0, 40)}…` : visible
}

/** Refuses a file with an element named like a property of every object (attributes are never read). */
function refuseForbiddenNames(xml: string, file: string): void {
  const re = /<\/?([^\s/>!?]+)/g
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const name = m[1] ?? ''
    if (!FORBIDDEN_NAMES.has(name)) continue
    const line = xml.slice(0, m.index).split('\n').length
    throw refuse(
      file,
      'lrmx-element-name',
      `第 ${line} 行的元素 <${name}> 不是任免审批表的项目，这个名称可被用来篡改程序数据，出于安全原因拒绝导入`,
      `line ${line}: element <${name}> is not an LRMX item; refused for safety`,
    )
  }
}

/** fast-xml-parser's validator messages in Chinese (names shown through showName); others as written. */
export function xmlErrorZh(msg: string): string {
  const rules: [RegExp, (n: string, m: string, c: string) => string][] = [
    [/^Tag '(.*)' is an invalid name\.$/s, (n) => `元素名 <${n}> 含有 XML 不允许的字符或以数字开头`],
    [/^Invalid space after '<'\.$/, () => '“<”后不能是空格'],
    [/^Unclosed tag '(.*)'\.$/s, (n) => `元素 <${n}> 没有结束标记`],
    [/^Closing tag '(.*)' has not been opened\.$/s, (n) => `结束标记 </${n}> 没有对应的开始标记`],
    [/^Closing tag '(.*)' doesn't have proper closing\.$/s, (n) => `结束标记 </${n}> 不完整`],
    [
      /^Expected closing tag '(.*?)' \(opened in line (\d+).*instead of closing tag '(.*)'\.$/s,
      (n, m, c) => `第 ${m} 行开始的元素 <${n}> 没有结束标记（此处却是 </${c}>）`,
    ],
    [/^Attribute '(.*)' is an invalid name\.$/s, (n) => `属性名“${n}”含有 XML 不允许的字符`],
    [/^Attribute '(.*)' is repeated\.$/s, (n) => `属性“${n}”重复`],
    [/^Multiple possible root nodes found\.$/, () => '有多个根元素'],
    [/^Extra text at the end$/, () => '根元素结束后还有多余的文字'],
    [/^Start tag expected\.$/, () => '没有任何元素'],
    [/^char '(.*)' is not expected\.$/s, (n) => `此处不应出现字符“${n}”`],
  ]
  for (const [re, zh] of rules) {
    const m = re.exec(msg)
    if (m) return zh(showName(m[1] ?? ''), m[2] ?? '', showName(m[3] ?? ''))
  }
  return msg
}

/** Parses the XML text of one LRMX file; throws an AppError saying what is wrong with it. */
export function parseLrmxText(xml: string, file: string): ParsedLrmx {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw refuse(
      file,
      'lrmx-dtd',
      '含有文档类型或实体声明（<!DOCTYPE / <!ENTITY），任免审批表文件不应包含这些内容，出于安全原因拒绝导入',
      'contains a DOCTYPE or ENTITY declaration; refused for safety',
    )
  }
  refuseForbiddenNames(xml, file)
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    throw refuse(
      file,
      'lrmx-xml',
      `不是有效的 XML（第 ${valid.err.line} 行第 ${valid.err.col} 列：${xmlErrorZh(valid.err.msg)}），未导入`,
      `not well-formed XML (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg})`,
    )
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name, jpath) => name === 'Item' && String(jpath).endsWith('JiaTingChengYuan.Item'),
    // A second guard behind refuseForbiddenNames: such a name never becomes a key.
    transformTagName: (name) => (FORBIDDEN_NAMES.has(name) ? `refused-${name}` : name),
  })
  const doc = parser.parse(xml) as XmlObject
  const rootName = Object.keys(doc).find((k) => !k.startsWith('?') && k !== '#text')
  if (rootName !== 'Person') {
    throw refuse(
      file,
      'lrmx-root',
      `不是任免审批表（LRMX）文件：根元素应为 <Person>，实际为 <${rootName ?? '无'}>`,
      `not an LRMX file: root element is <${rootName ?? 'none'}>, expected <Person>`,
    )
  }
  const root = doc['Person']
  const el: XmlObject = root && typeof root === 'object' && !Array.isArray(root) ? root : {}
  const known = new Set<string>([
    ...TEXT_FIELDS.map(([e]) => e),
    ...MONTH_FIELDS.map(([e]) => e),
    'RuDangShiJian',
    'QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
    'QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
    'ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
    'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
    'NiRenZhiWu',
    'NiMianZhiWu',
    'JianLi',
    'JiangChengQingKuang',
    'NianDuKaoHeJieGuo',
    'RenMianLiYou',
    'JiaTingChengYuan',
    'ChengBaoDanWei',
    'JiSuanNianLingShiJian',
    'TianBiaoShiJian',
    'TianBiaoRen',
    'ZhaoPian',
    'Version',
    'DaoLingNianYue',
    'GaiGeQianRenZhiNianLingJieXian',
    '#text',
  ])
  const unknown = Object.keys(el)
    .filter((k) => !known.has(k))
    .map(showName)
  const warnings: string[] = []
  const t = (k: string): string => textOf(el[k])
  const fields: Partial<CadreFields> = {}
  const set = (key: keyof CadreFields, v: string): void => {
    if (v !== '') fields[key] = v
  }

  for (const [e, key] of TEXT_FIELDS) set(key, t(e))
  if (fields.name) fields.name = normalizeName(fields.name)
  if (fields.ethnicity) fields.ethnicity = normalizeEthnicity(fields.ethnicity)
  for (const [e, key] of MONTH_FIELDS) {
    const raw = t(e)
    const m = parseMonth(raw)
    if (m.ok && m.value) fields[key] = m.value
    else if (!m.ok)
      warnings.push(
        `${e}（${key === 'birthDate' ? '出生年月' : '参加工作时间'}）“${raw}”无法识别：${m.message}，未导入该项`,
      )
  }
  set(
    'schoolFullTime',
    t('QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi') || t('QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi'),
  )
  set('schoolInService', t('ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi') || t('ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi'))
  readParty(t('RuDangShiJian'), t('ZhengZhiMianMao'), fields, warnings)

  const idRaw = t('ShenFenZheng')
  const id = validateIdCard(idRaw)
  if (!id.ok) {
    throw refuse(
      file,
      'lrmx-idcard',
      `的身份证号（ShenFenZheng）${idRaw ? `“${idRaw}”` : ''}无效：${id.message}，无法与干部对应，未导入`,
      `invalid ID number ${idRaw}`,
    )
  }
  fields.idCard = id.value.idCard
  if (!fields.name) throw refuse(file, 'lrmx-name', '缺少姓名（XingMing），未导入', 'no name (XingMing)')
  if (fields.gender && fields.gender !== '男' && fields.gender !== '女') {
    warnings.push(`性别“${fields.gender}”无法识别，已按身份证号记为${id.value.gender}`)
    fields.gender = id.value.gender
  }
  // 性别 and 出生年月 must agree with the ID number: the ID number wins, and the clerk is told.
  for (const c of idCardContradictions(id.value, fields.gender, fields.birthDate)) {
    const fixed = c.key === 'gender' ? id.value.gender : id.value.birthMonth.replace('-', '.')
    warnings.push(`${c.message}，已按身份证号记为 ${fixed}`)
    if (c.key === 'gender') fields.gender = id.value.gender
    else fields.birthDate = id.value.birthMonth
  }
  if (!fields.gender) fields.gender = id.value.gender
  if (!fields.birthDate) fields.birthDate = id.value.birthMonth

  const resume = parseResume(t('JianLi'))
  const family = readFamily(el['JiaTingChengYuan'], warnings)
  const photo = readPhoto(t('ZhaoPian'), warnings)

  const day = (k: string, label: string): string | null => {
    const raw = t(k)
    if (!raw) return null
    const d = parseDay(/^\d{6}$/.test(raw) ? raw + '01' : raw)
    if (d.ok) return d.value
    warnings.push(`${k}（${label}）“${raw}”无法识别，未导入该项`)
    return null
  }
  const appointment: LrmxPerson['appointment'] = {}
  const put = (k: keyof LrmxPerson['appointment'], v: string | null): void => {
    if (v) appointment[k] = v
  }
  put('proposedPosition', t('NiRenZhiWu'))
  put('proposedRemoval', t('NiMianZhiWu'))
  put('reason', t('RenMianLiYou'))
  put('reportingUnit', t('ChengBaoDanWei'))
  put('filledBy', t('TianBiaoRen'))
  put('ageAt', day('JiSuanNianLingShiJian', '计算年龄时间'))
  put('filledAt', day('TianBiaoShiJian', '填表时间'))
  put('rewardsText', t('JiangChengQingKuang'))
  put('assessmentText', t('NianDuKaoHeJieGuo'))

  // LRMX 4.0: 到龄年月 (YYYYMM or with dots) and 改革前任职年龄界限 as written.
  let retireMonth: string | null = null
  const daoLing = t('DaoLingNianYue')
  if (daoLing) {
    const m = parseMonth(daoLing)
    if (m.ok && m.value) retireMonth = m.value
    else
      warnings.push(
        `DaoLingNianYue（到龄年月）“${daoLing}”无法识别${m.ok ? '' : `：${m.message}`}，未导入该项`,
      )
  }
  const ageLimitText = t('GaiGeQianRenZhiNianLingJieXian').trim() || null
  const retireBaseAge = baseAgeOfLimitText(ageLimitText)
  if (ageLimitText && retireBaseAge === null)
    warnings.push(
      `GaiGeQianRenZhiNianLingJieXian（改革前任职年龄界限）“${ageLimitText}”中没有 50、55 或 60 岁，原样保存，原法定退休年龄待核实`,
    )

  return {
    person: { fields, resume, family, photo, appointment, retireMonth, ageLimitText, retireBaseAge },
    idCard: id.value.idCard,
    name: fields.name,
    warnings,
    unknown,
  }
}

/** RuDangShiJian: "199806" for Party members, "199806；民盟" or "民盟" for others. */
function readParty(
  raw: string,
  topLevelStatus: string,
  fields: Partial<CadreFields>,
  warnings: string[],
): void {
  const statuses = POLITICAL_STATUSES as readonly string[]
  if (raw) {
    const parts = raw.split(/[；;，,、\s]+/).filter(Boolean)
    const dateParts = parts.filter((p) => /\d/.test(p))
    const nameParts = parts.filter((p) => !/\d/.test(p))
    const m = dateParts[0] ? parseMonth(dateParts[0]) : null
    if (m && !m.ok)
      warnings.push(`RuDangShiJian（入党时间）“${raw}”中的日期无法识别：${m.message}，未导入该项`)
    const partyName = nameParts.join('')
    const party = partyName
      ? PARTY_SHORT.find(([s, full]) => partyName.includes(s) || partyName === full)
      : undefined
    if (partyName && !/中共|共产党/.test(partyName)) {
      if (party) fields.politicalStatus = party[1]
      else if (statuses.includes(partyName)) fields.politicalStatus = partyName
      else warnings.push(`RuDangShiJian“${raw}”中的党派“${partyName}”无法识别，政治面貌未导入`)
      if (m?.ok && m.value) {
        warnings.push(
          `RuDangShiJian“${raw}”：${partyName}的加入时间 ${m.value.replace('-', '.')} 不作为入党时间保存`,
        )
      }
    } else if (m?.ok && m.value) {
      fields.partyJoinDate = m.value
      fields.politicalStatus = '中共党员'
    }
  }
  // Some tools write 政治面貌 as its own (non-standard) element: it says more than a bare date.
  if (topLevelStatus) {
    if (statuses.includes(topLevelStatus)) fields.politicalStatus = topLevelStatus
    else {
      const p = PARTY_SHORT.find(([s]) => topLevelStatus.includes(s))
      if (p) fields.politicalStatus = p[1]
      else if (/预备/.test(topLevelStatus)) fields.politicalStatus = '中共预备党员'
      else if (/中共|共产党/.test(topLevelStatus)) fields.politicalStatus = '中共党员'
    }
  }
}

function readFamily(node: XmlNode, warnings: string[]): FamilyMember[] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return []
  const items = node['Item']
  const list = Array.isArray(items) ? items : items ? [items] : []
  const out: FamilyMember[] = []
  list.forEach((it, i) => {
    if (!it || typeof it !== 'object' || Array.isArray(it)) return
    const name = normalizeName(textOf(it['XingMing']))
    const relation = textOf(it['ChengWei'])
    if (!name && !relation) return
    const rawBirth = textOf(it['ChuShengRiQi'])
    const b = parseMonth(rawBirth)
    if (!b.ok) warnings.push(`家庭成员第 ${i + 1} 人（${name}）的出生日期“${rawBirth}”无法识别，未导入该项`)
    out.push({
      relation: relation || '其他',
      name: name || '（未填）',
      birthDate: b.ok ? b.value : null,
      politicalStatus: textOf(it['ZhengZhiMianMao']) || null,
      workUnitPosition: textOf(it['GongZuoDanWeiJiZhiWu']) || null,
    })
  })
  return out
}

/** ZhaoPian: base64 of a JPEG or PNG of at most 2 MB (main/domain/photo.ts); otherwise said and not imported. */
function readPhoto(b64: string, warnings: string[]): Uint8Array | null {
  if (!b64) return null
  const clean = b64.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) {
    warnings.push('照片（ZhaoPian）不是有效的 base64 数据，未导入照片')
    return null
  }
  if (clean.length > PHOTO_MAX_BASE64) {
    const size = ((clean.length * 3) / 4 / 1024 / 1024).toFixed(2)
    warnings.push(
      `照片（ZhaoPian）有 ${size} MB，超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB 的上限，未导入照片`,
    )
    return null
  }
  const bytes = new Uint8Array(Buffer.from(clean, 'base64'))
  const problem = photoProblem(bytes)
  if (problem) {
    warnings.push(`${problem.replace(/^照片/, '照片（ZhaoPian）')}，未导入照片`)
    return null
  }
  return bytes
}

/** Bytes of one .lrmx file → the person it describes. */
export function parseLrmxBytes(bytes: Uint8Array, file: string): ParsedLrmx {
  if (bytes.length > MAX_LRMX_BYTES) {
    throw refuse(
      file,
      'lrmx-too-large',
      `有 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过任免审批表文件的上限 ${MAX_LRMX_BYTES / 1024 / 1024} MB，未导入`,
      `larger than ${MAX_LRMX_BYTES / 1024 / 1024} MB`,
    )
  }
  if (bytes.length === 0) throw refuse(file, 'lrmx-empty', '是空文件，未导入', 'empty file')
  return parseLrmxText(decodeXml(bytes, file), file)
}

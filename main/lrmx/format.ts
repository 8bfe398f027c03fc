/**
 * LRMX, the national 任免审批表 editor's file (DOMAIN.md "LRMX"): one person as XML, root <Person>,
 * no namespace, UTF-8, elements in a fixed order, months `YYYYMM`, JiSuanNianLingShiJian and
 * TianBiaoShiJian `YYYYMMDD`, the photo as base64 JPEG.
 */
import type { FamilyMember } from '../domain/cadre'
import type { CadreFieldKey, CadreFields } from '../domain/fields'
import { formatResume, type ResumeEntry } from '../domain/resume'
import type { AppointmentFields } from '../form/data'

/** The version written: 4.0 carries DaoLingNianYue and GaiGeQianRenZhiNianLingJieXian. */
export const LRMX_VERSION = '4.0.0.0'

/** Top-level elements in the order the national editor writes them. */
export const LRMX_ELEMENTS = [
  'XingMing',
  'XingBie',
  'ChuShengNianYue',
  'MinZu',
  'JiGuan',
  'ChuShengDi',
  'RuDangShiJian',
  'CanJiaGongZuoShiJian',
  'JianKangZhuangKuang',
  'ZhuanYeJiShuZhiWu',
  'ShuXiZhuanYeYouHeZhuanChang',
  'QuanRiZhiJiaoYu_XueLi',
  'QuanRiZhiJiaoYu_XueWei',
  'QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
  'QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
  'ZaiZhiJiaoYu_XueLi',
  'ZaiZhiJiaoYu_XueWei',
  'ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
  'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
  'XianRenZhiWu',
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
  'ShenFenZheng',
  // LRMX 4.0 (DOMAIN.md "Second round"): 到龄年月 YYYYMM, 改革前任职年龄界限 as text
  'DaoLingNianYue',
  'GaiGeQianRenZhiNianLingJieXian',
  'ZhaoPian',
  'Version',
] as const
export type LrmxElement = (typeof LRMX_ELEMENTS)[number]

export const FAMILY_ELEMENTS = [
  'ChengWei',
  'XingMing',
  'ChuShengRiQi',
  'ZhengZhiMianMao',
  'GongZuoDanWeiJiZhiWu',
] as const

/** Plain text elements ↔ canonical cadre keys. */
export const TEXT_FIELDS: readonly [LrmxElement, CadreFieldKey][] = [
  ['XingMing', 'name'],
  ['XingBie', 'gender'],
  ['MinZu', 'ethnicity'],
  ['JiGuan', 'nativePlace'],
  ['ChuShengDi', 'birthPlace'],
  ['JianKangZhuangKuang', 'health'],
  ['ZhuanYeJiShuZhiWu', 'techTitle'],
  ['ShuXiZhuanYeYouHeZhuanChang', 'specialty'],
  ['QuanRiZhiJiaoYu_XueLi', 'eduFullTime'],
  ['QuanRiZhiJiaoYu_XueWei', 'degreeFullTime'],
  ['ZaiZhiJiaoYu_XueLi', 'eduInService'],
  ['ZaiZhiJiaoYu_XueWei', 'degreeInService'],
  ['XianRenZhiWu', 'position'],
  ['ShenFenZheng', 'idCard'],
]

/** Month elements ↔ canonical keys (YYYYMM). */
export const MONTH_FIELDS: readonly [LrmxElement, CadreFieldKey][] = [
  ['ChuShengNianYue', 'birthDate'],
  ['CanJiaGongZuoShiJian', 'workStartDate'],
]

/** Democratic parties as RuDangShiJian names them ("199806；民盟") ↔ 政治面貌. */
export const PARTY_SHORT: readonly [string, string][] = [
  ['民革', '民革会员'],
  ['民盟', '民盟盟员'],
  ['民建', '民建会员'],
  ['民进', '民进会员'],
  ['农工党', '农工党党员'],
  ['致公党', '致公党党员'],
  ['九三学社', '九三学社社员'],
  ['台盟', '台盟盟员'],
  ['无党派', '无党派人士'],
]

/** Everything an LRMX file carries about one person, in the app's terms. */
export interface LrmxPerson {
  fields: Partial<CadreFields>
  resume: ResumeEntry[]
  family: FamilyMember[]
  photo: Uint8Array | null
  appointment: Partial<AppointmentFields>
  /** 到龄年月 `YYYY-MM` (LRMX 4.0 DaoLingNianYue); null when unknown or an older file */
  retireMonth?: string | null
  /** 改革前任职年龄界限 as written, e.g. "改革前任职年龄界限为55岁" (GaiGeQianRenZhiNianLingJieXian) */
  ageLimitText?: string | null
  /** 原法定退休年龄 read from that text (50 / 55 / 60) */
  retireBaseAge?: 50 | 55 | 60 | null
}

/** "改革前任职年龄界限为55岁" → 55; other text → null. */
export function baseAgeOfLimitText(text: string | null | undefined): 50 | 55 | 60 | null {
  const m = /(50|55|60)\s*(?:周岁|岁)/.exec(text ?? '')
  const n = m ? Number(m[1]) : null
  return n === 50 || n === 55 || n === 60 ? n : null
}

/** The text third-party editors write for an old retirement age. */
export function limitTextOfBaseAge(age: number): string {
  return `改革前任职年龄界限为${age}岁`
}

export function xmlEscape(s: string): string {
  // Characters XML 1.0 does not allow are dropped.
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  )
}

function month6(m: string | null | undefined): string {
  return m ? m.replace('-', '').slice(0, 6) : ''
}
function day8(d: string | null | undefined): string {
  return d ? d.replace(/-/g, '').slice(0, 8) : ''
}

/** RuDangShiJian for a person: YYYYMM for Party members, the party's short name for others. */
export function ruDangShiJian(f: Partial<CadreFields>): string {
  const ps = f.politicalStatus ?? ''
  const party = PARTY_SHORT.find(([, full]) => full === ps)
  if (party && party[0] !== '无党派')
    return f.partyJoinDate ? `${month6(f.partyJoinDate)}；${party[0]}` : party[0]
  return month6(f.partyJoinDate)
}

/** The XML text of one person. */
export function buildLrmx(p: LrmxPerson): string {
  const f = p.fields
  const a = p.appointment
  const v: Record<LrmxElement, string> = {} as Record<LrmxElement, string>
  for (const el of LRMX_ELEMENTS) v[el] = ''
  for (const [el, key] of TEXT_FIELDS) v[el] = f[key] ?? ''
  for (const [el, key] of MONTH_FIELDS) v[el] = month6(f[key])
  v.RuDangShiJian = ruDangShiJian(f)
  v.QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi = f.schoolFullTime ?? ''
  v.QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi = f.degreeFullTime ? (f.schoolFullTime ?? '') : ''
  v.ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi = f.schoolInService ?? ''
  v.ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi = f.degreeInService ? (f.schoolInService ?? '') : ''
  v.NiRenZhiWu = a.proposedPosition ?? ''
  v.NiMianZhiWu = a.proposedRemoval ?? ''
  v.JianLi = formatResume(p.resume)
  v.JiangChengQingKuang = a.rewardsText ?? ''
  v.NianDuKaoHeJieGuo = a.assessmentText ?? ''
  v.RenMianLiYou = a.reason ?? ''
  v.ChengBaoDanWei = a.reportingUnit ?? ''
  v.JiSuanNianLingShiJian = day8(a.ageAt)
  v.TianBiaoShiJian = day8(a.filledAt)
  v.TianBiaoRen = a.filledBy ?? ''
  v.ZhaoPian = p.photo ? Buffer.from(p.photo).toString('base64') : ''
  v.DaoLingNianYue = month6(p.retireMonth)
  v.GaiGeQianRenZhiNianLingJieXian = p.ageLimitText ?? ''
  v.Version = LRMX_VERSION
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<Person>']
  for (const el of LRMX_ELEMENTS) {
    if (el === 'JiaTingChengYuan') {
      if (p.family.length === 0) {
        lines.push('  <JiaTingChengYuan />')
        continue
      }
      lines.push('  <JiaTingChengYuan>')
      for (const m of p.family) {
        const item: Record<(typeof FAMILY_ELEMENTS)[number], string> = {
          ChengWei: m.relation,
          XingMing: m.name,
          ChuShengRiQi: month6(m.birthDate),
          ZhengZhiMianMao: m.politicalStatus ?? '',
          GongZuoDanWeiJiZhiWu: m.workUnitPosition ?? '',
        }
        lines.push('    <Item>')
        for (const k of FAMILY_ELEMENTS) lines.push(`      <${k}>${xmlEscape(item[k])}</${k}>`)
        lines.push('    </Item>')
      }
      lines.push('  </JiaTingChengYuan>')
      continue
    }
    lines.push(`  <${el}>${xmlEscape(v[el])}</${el}>`)
  }
  lines.push('</Person>', '')
  return lines.join('\n')
}

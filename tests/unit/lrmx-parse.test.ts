import { describe, expect, it } from 'vitest'
import { buildLrmx, LRMX_ELEMENTS, type LrmxPerson } from '../../main/lrmx/format'
import { decodeEntities, parseLrmxBytes, parseLrmxText } from '../../main/lrmx/parse'
import { AppError } from '../../main/domain/errors'
import { makeIdCard } from '../../main/domain/idcard'

const ID = makeIdCard('620102', '1975-03-14', 135)

function person(over: Partial<LrmxPerson> = {}): LrmxPerson {
  return {
    fields: {
      name: '王建国',
      gender: '男',
      birthDate: '1975-03',
      ethnicity: '回族',
      nativePlace: '甘肃临洮',
      birthPlace: '甘肃兰州',
      partyJoinDate: '1996-06',
      politicalStatus: '中共党员',
      workStartDate: '1997-07',
      health: '健康',
      techTitle: '高级经济师',
      specialty: '农村经济管理',
      eduFullTime: '大学',
      degreeFullTime: '学士',
      schoolFullTime: '兰州大学经济学专业',
      eduInService: '研究生',
      degreeInService: '经济学硕士',
      schoolInService: '中央党校经济管理专业',
      position: '城关镇党委副书记、镇长',
      idCard: ID,
    },
    resume: [
      { start: '1993-09', end: '1997-07', text: '兰州大学经济学专业学习' },
      { start: '1997-07', end: '2003-08', text: '临洮县农业局干部' },
      {
        start: null,
        end: null,
        text: '（其间：2003.09--2006.07在中央党校经济管理专业在职研究生学习，获经济学硕士学位）',
      },
      { start: '2021-06', end: null, text: '城关镇党委副书记、镇长' },
    ],
    family: [
      {
        relation: '妻子',
        name: '李秀兰',
        birthDate: '1977-02',
        politicalStatus: '中共党员',
        workUnitPosition: '临洮县第一中学教师',
      },
      {
        relation: '父亲',
        name: '王德福',
        birthDate: '1948-05',
        politicalStatus: '群众',
        workUnitPosition: '临洮县某某镇农民',
      },
    ],
    photo: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]),
    appointment: {
      proposedPosition: '县农业农村局局长',
      proposedRemoval: '城关镇镇长职务',
      reason: '工作需要',
      reportingUnit: '中共临洮县委组织部',
      filledBy: '赵敏',
      ageAt: '2026-11-23',
      filledAt: '2026-11-20',
      rewardsText: '2024.12 获县委“优秀共产党员”。',
      assessmentText: '2023年度考核称职，2024年度考核优秀，2025年度考核称职。',
    },
    ...over,
  }
}

/** A minimal LRMX text with the given elements (in the given order). */
function lrmx(els: Record<string, string>, head = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  return `${head}\n<Person>\n${Object.entries(els)
    .map(([k, v]) => `  <${k}>${v}</${k}>`)
    .join('\n')}\n</Person>\n`
}

const BASE = {
  XingMing: '李娜',
  XingBie: '女',
  ChuShengNianYue: '198002',
  ShenFenZheng: makeIdCard('620102', '1980-02-01', 124),
}

describe('LRMX export', () => {
  it('writes <Person> with every element in the national editor order, YYYYMM months and YYYYMMDD days', () => {
    const xml = buildLrmx(person())
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Person>')).toBe(true)
    const order = [...xml.matchAll(/^ {2}<([A-Za-z_]+)[ >/]/gm)].map((m) => m[1])
    expect(order).toEqual([...LRMX_ELEMENTS])
    expect(xml).toContain('<ChuShengNianYue>197503</ChuShengNianYue>')
    expect(xml).toContain('<RuDangShiJian>199606</RuDangShiJian>')
    expect(xml).toContain('<JiSuanNianLingShiJian>20261123</JiSuanNianLingShiJian>')
    expect(xml).toContain('<TianBiaoShiJian>20261120</TianBiaoShiJian>')
    expect(xml).toContain('<ChuShengRiQi>197702</ChuShengRiQi>')
    expect(xml).toContain('<ZhaoPian>/9j/4AECAwT/2Q==</ZhaoPian>')
    expect(xml).toContain('<Version>4.0.0.0</Version>')
    expect(xml).toContain('1993.09--1997.07  兰州大学经济学专业学习\n')
    expect(xml).toContain('2021.06--         城关镇党委副书记、镇长')
  })

  it('escapes markup in text', () => {
    const xml = buildLrmx(person({ appointment: { reason: 'A & B <C>' } }))
    expect(xml).toContain('<RenMianLiYou>A &amp; B &lt;C&gt;</RenMianLiYou>')
    expect(parseLrmxText(xml, 'x.lrmx').person.appointment.reason).toBe('A & B <C>')
  })

  it('writes a democratic party member as "199806；民盟" style and reads it back as 政治面貌', () => {
    const xml = buildLrmx(
      person({ fields: { ...person().fields, politicalStatus: '民盟盟员', partyJoinDate: null } }),
    )
    expect(xml).toContain('<RuDangShiJian>民盟</RuDangShiJian>')
    expect(parseLrmxText(xml, 'x.lrmx').person.fields.politicalStatus).toBe('民盟盟员')
  })
})

describe('LRMX import', () => {
  it('reads back what it exported: fields, 简历 lines, family, photo, the form fields', () => {
    const p = person()
    const r = parseLrmxText(buildLrmx(p), '王建国.lrmx')
    expect(r.idCard).toBe(ID)
    expect(r.person.fields).toEqual(p.fields)
    expect(r.person.resume).toEqual(p.resume)
    expect(r.person.family).toEqual(p.family)
    expect(r.person.photo).toEqual(p.photo)
    expect(r.person.appointment).toEqual(p.appointment)
    expect(r.warnings).toEqual([])
    expect(r.unknown).toEqual([])
  })

  it.each([
    ['198002', '1980-02'],
    ['1980.02', '1980-02'],
    ['1980.2', '1980-02'],
    ['1980-02', '1980-02'],
  ])('takes the month %s', (raw, month) => {
    const r = parseLrmxText(lrmx({ ...BASE, ChuShengNianYue: raw, CanJiaGongZuoShiJian: raw }), 'a.lrmx')
    expect(r.person.fields.birthDate).toBe(month)
    expect(r.person.fields.workStartDate).toBe(month)
  })

  it('takes days as YYYYMMDD or with dots', () => {
    const r = parseLrmxText(
      lrmx({ ...BASE, JiSuanNianLingShiJian: '2026.11.23', TianBiaoShiJian: '20261101' }),
      'a.lrmx',
    )
    expect(r.person.appointment.ageAt).toBe('2026-11-23')
    expect(r.person.appointment.filledAt).toBe('2026-11-01')
  })

  it('reads "199806；民盟" as a 民盟 member, not as a Party join date, and says so', () => {
    const r = parseLrmxText(lrmx({ ...BASE, RuDangShiJian: '199806；民盟' }), 'a.lrmx')
    expect(r.person.fields.politicalStatus).toBe('民盟盟员')
    expect(r.person.fields.partyJoinDate).toBeUndefined()
    expect(r.warnings.join()).toContain('1998.06')
  })

  it('reads a plain date in RuDangShiJian as a Party member', () => {
    const r = parseLrmxText(lrmx({ ...BASE, RuDangShiJian: '2001.07' }), 'a.lrmx')
    expect(r.person.fields.partyJoinDate).toBe('2001-07')
    expect(r.person.fields.politicalStatus).toBe('中共党员')
  })

  it('keeps going past unknown elements and uses a top-level ZhengZhiMianMao', () => {
    const r = parseLrmxText(
      lrmx({ ...BASE, ZhengZhiMianMao: '中共预备党员', RuDangShiJian: '202505', Beizhu: '备注' }),
      'a.lrmx',
    )
    expect(r.person.fields.politicalStatus).toBe('中共预备党员')
    expect(r.unknown).toEqual(['ZhengZhiMianMao', 'Beizhu'])
    expect(r.name).toBe('李娜')
  })

  it('accepts a UTF-8 byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(lrmx(BASE), 'utf8')])
    expect(parseLrmxBytes(bytes, 'bom.lrmx').name).toBe('李娜')
  })

  it('reads a file declared as GB2312', () => {
    const text = lrmx(BASE, '<?xml version="1.0" encoding="GB2312"?>')
    const bytes = encodeGbk(text)
    expect(new TextDecoder('gb18030').decode(bytes)).toBe(text)
    expect(parseLrmxBytes(bytes, 'gbk.lrmx').name).toBe('李娜')
  })

  it('keeps the line structure of 简历: dates, held-now posts, the （其间：…） line, wrapped lines', () => {
    const jianli = [
      '1993.09-1997.07 兰州大学学习',
      '1997.07—2003.08  临洮县农业局干部，负责',
      '                  农村经济统计工作',
      '        （其间：2003.09--2006.07在中央党校在职研究生学习）',
      '2021.06-至今  城关镇镇长',
    ].join('\r\n')
    const r = parseLrmxText(lrmx({ ...BASE, JianLi: jianli }), 'a.lrmx')
    expect(r.person.resume).toEqual([
      { start: '1993-09', end: '1997-07', text: '兰州大学学习' },
      { start: '1997-07', end: '2003-08', text: '临洮县农业局干部，负责农村经济统计工作' },
      { start: null, end: null, text: '（其间：2003.09--2006.07在中央党校在职研究生学习）' },
      { start: '2021-06', end: null, text: '城关镇镇长' },
    ])
  })

  it('takes 性别 and 出生年月 from the ID number when the file contradicts it, and says so', () => {
    const r = parseLrmxText(lrmx({ ...BASE, XingBie: '男', ChuShengNianYue: '198003' }), 'a.lrmx')
    expect(r.person.fields.gender).toBe('女')
    expect(r.person.fields.birthDate).toBe('1980-02')
    expect(r.warnings).toHaveLength(2)
    expect(r.warnings.join('\n')).toMatch(/性别“男”与身份证号不符.*已按身份证号记为 女/)
    expect(r.warnings.join('\n')).toMatch(
      /出生年月 1980\.03 与身份证号中的 1980\.02 不符，已按身份证号记为 1980\.02/,
    )
  })

  it('decodes only the predefined entities and character references', () => {
    expect(decodeEntities('&lt;a&gt; &amp;amp; &#20013;&#x56FD; &foo;')).toBe('<a> &amp; 中国 &foo;')
  })
})

describe('LRMX import refuses hostile or broken files with a message', () => {
  const refused = (text: string | Uint8Array, re: RegExp): void => {
    const bytes = typeof text === 'string' ? new Uint8Array(Buffer.from(text, 'utf8')) : text
    let err: unknown
    try {
      parseLrmxBytes(bytes, 'bad.lrmx')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).message).toMatch(re)
    expect((err as AppError).message).toContain('bad.lrmx')
  }

  it('an external entity', () => {
    refused(
      `<?xml version="1.0"?>\n<!DOCTYPE Person [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Person><XingMing>&xxe;</XingMing></Person>`,
      /<!DOCTYPE \/ <!ENTITY/,
    )
  })

  it('a billion-laughs bomb', () => {
    const ents = ['<!ENTITY lol "lol">']
    for (let i = 1; i < 10; i++) ents.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`)
    refused(
      `<?xml version="1.0"?>\n<!DOCTYPE lolz [${ents.join('')}]>\n<Person><XingMing>&lol9;</XingMing></Person>`,
      /安全/,
    )
  })

  it('an ENTITY declaration hidden without DOCTYPE', () => {
    refused(`<?xml version="1.0"?><Person><!ENTITY a "b"><XingMing>x</XingMing></Person>`, /安全/)
  })

  it('a huge file', () => {
    refused(new Uint8Array(6 * 1024 * 1024).fill(0x20), /超过任免审批表文件的上限 5 MB/)
  })

  it('XML that is not well-formed, with line and column', () => {
    refused('<?xml version="1.0"?>\n<Person>\n<XingMing>张三</XingMin>\n</Person>', /不是有效的 XML（第 3 行/)
  })

  it('another root element', () => {
    refused('<?xml version="1.0"?><Root><XingMing>张三</XingMing></Root>', /根元素应为 <Person>/)
  })

  it('an invalid ID number', () => {
    refused(lrmx({ ...BASE, ShenFenZheng: '620102198002011235' }), /身份证号.*校验位/)
  })
})

/** GBK bytes of a string made of ASCII and the characters of 李娜/女 (enough for this test). */
function encodeGbk(s: string): Uint8Array {
  const table: Record<string, number[]> = { 李: [0xc0, 0xee], 娜: [0xc4, 0xc8], 女: [0xc5, 0xae] }
  const out: number[] = []
  for (const ch of s) {
    const t = table[ch]
    if (t) out.push(...t)
    else out.push(ch.charCodeAt(0))
  }
  return new Uint8Array(out)
}

import { describe, expect, it } from 'vitest'
import { formatResume, formatResumeLine, parseResume, type ResumeEntry } from '../../main/domain/resume'

describe('parseResume', () => {
  it.each<[string, string, ResumeEntry[]]>([
    [
      'the form’s own line',
      '1993.09--1997.07  兰州大学汉语言文学专业学习',
      [{ start: '1993-09', end: '1997-07', text: '兰州大学汉语言文学专业学习' }],
    ],
    [
      'a single hyphen',
      '1993.09-1997.07 兰州大学学习',
      [{ start: '1993-09', end: '1997-07', text: '兰州大学学习' }],
    ],
    [
      'an em dash',
      '1997.07—2003.08  县财政局科员',
      [{ start: '1997-07', end: '2003-08', text: '县财政局科员' }],
    ],
    [
      'a double em dash',
      '1997.07——2003.08 县财政局科员',
      [{ start: '1997-07', end: '2003-08', text: '县财政局科员' }],
    ],
    [
      'a wave dash',
      '1997.07～2003.08　县财政局科员',
      [{ start: '1997-07', end: '2003-08', text: '县财政局科员' }],
    ],
    [
      'a full-width hyphen',
      '1997.07－2003.08 县财政局科员',
      [{ start: '1997-07', end: '2003-08', text: '县财政局科员' }],
    ],
    ['至今', '2021.06--至今  城关镇党委书记', [{ start: '2021-06', end: null, text: '城关镇党委书记' }]],
    [
      '至今 without dashes',
      '2021.06至今 城关镇党委书记',
      [{ start: '2021-06', end: null, text: '城关镇党委书记' }],
    ],
    [
      'an open end (7 spaces)',
      '2021.06--         城关镇党委书记',
      [{ start: '2021-06', end: null, text: '城关镇党委书记' }],
    ],
    [
      'Chinese months',
      '1993年9月—1997年7月 兰州大学学习',
      [{ start: '1993-09', end: '1997-07', text: '兰州大学学习' }],
    ],
    [
      'one-digit months',
      '1993.9--1997.7  兰州大学学习',
      [{ start: '1993-09', end: '1997-07', text: '兰州大学学习' }],
    ],
    [
      'an in-service study line',
      '2003.08--2010.12  县委办副主任\n                  （其间：2003.09--2006.07在中央党校在职研究生学习）',
      [
        { start: '2003-08', end: '2010-12', text: '县委办副主任' },
        { start: null, end: null, text: '（其间：2003.09--2006.07在中央党校在职研究生学习）' },
      ],
    ],
    [
      'a 其间 line without parentheses',
      '2003.08--2010.12  县委办副主任\n  其间：2003.09--2006.07在中央党校在职研究生学习',
      [
        { start: '2003-08', end: '2010-12', text: '县委办副主任' },
        { start: null, end: null, text: '其间：2003.09--2006.07在中央党校在职研究生学习' },
      ],
    ],
    [
      'a wrapped line continuing the entry above, blank lines and CRLF',
      '1997.07--2003.08  县财政局预算股科员、\r\n  副股长\r\n\r\n2003.08--  县委办',
      [
        { start: '1997-07', end: '2003-08', text: '县财政局预算股科员、副股长' },
        { start: '2003-08', end: null, text: '县委办' },
      ],
    ],
  ])('reads %s', (_what, text, entries) => {
    expect(parseResume(text)).toEqual(entries)
  })

  it('keeps a text-only first line rather than losing it', () => {
    expect(parseResume('籍贯见档案')).toEqual([{ start: null, end: null, text: '籍贯见档案' }])
  })
})

describe('formatResume', () => {
  const entries: ResumeEntry[] = [
    { start: '1993-09', end: '1997-07', text: '兰州大学汉语言文学专业学习' },
    { start: '1997-07', end: '2003-08', text: '县财政局科员' },
    { start: null, end: null, text: '（其间：2003.09--2006.07在中央党校在职研究生学习，获法学硕士学位）' },
    { start: '2021-06', end: null, text: '城关镇党委书记' },
  ]

  it('prints the form’s layout: dots, --, two spaces, 7 spaces for an open end, indented 其间 lines', () => {
    expect(formatResume(entries).split('\n')).toEqual([
      '1993.09--1997.07  兰州大学汉语言文学专业学习',
      '1997.07--2003.08  县财政局科员',
      '                  （其间：2003.09--2006.07在中央党校在职研究生学习，获法学硕士学位）',
      '2021.06--         城关镇党委书记',
    ])
    // The text column lines up: every line's text starts at the same column.
    for (const line of formatResume(entries).split('\n')) expect(line.slice(18, 19)).not.toBe(' ')
  })

  it('round-trips: parse(format(x)) equals x', () => {
    expect(parseResume(formatResume(entries))).toEqual(entries)
  })

  it('round-trips what it reads from other tools', () => {
    const messy = '1993.9-1997.7 兰州大学学习\n1997.07～至今　县财政局'
    const once = parseResume(messy)
    expect(parseResume(formatResume(once))).toEqual(once)
    expect(formatResumeLine(once[1] as ResumeEntry)).toBe('1997.07--         县财政局')
  })
})

/** Checks before print of the 任免审批表 (main/form/checks.ts): one row per case. */
import { describe, expect, it } from 'vitest'
import type { FamilyMember } from '../../main/domain/cadre'
import { CADRE_FIELD_KEYS, type CadreFields } from '../../main/domain/fields'
import type { ResumeEntry } from '../../main/domain/resume'
import { formWarnings, type FormWarning } from '../../main/form/checks'
import { emptyAppointment, type FormPerson } from '../../main/form/data'

const r = (start: string | null, end: string | null, text: string): ResumeEntry => ({ start, end, text })
const CAREER = [
  r('1993-09', '1997-07', '兰州大学经济学专业学习'),
  r('1997-07', '2003-08', '临洮县农业局干部'),
  r('2003-08', '2010-12', '临洮县农业局办公室副主任、主任'),
  r(null, null, '（其间：2003.09--2006.07在中央党校经济管理专业在职研究生学习，获经济学硕士学位）'),
  r('2010-12', null, '某某乡党委委员、副乡长'),
]
const FAMILY: FamilyMember[] = [
  {
    relation: '妻子',
    name: '李秀兰',
    birthDate: '1977-02',
    politicalStatus: '中共党员',
    workUnitPosition: '教师',
  },
]

function person(over: {
  fields?: Partial<CadreFields>
  resume?: ResumeEntry[]
  family?: FamilyMember[]
  photo?: boolean
}): FormPerson {
  const fields = Object.fromEntries(CADRE_FIELD_KEYS.map((k) => [k, null])) as unknown as CadreFields
  Object.assign(fields, {
    name: '王建国',
    workStartDate: '1997-07',
    eduInService: '研究生',
    degreeInService: '经济学硕士',
    schoolInService: '中央党校经济管理专业',
    ...over.fields,
  })
  return {
    cadreId: 1,
    fields,
    photo: over.photo === false ? null : new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
    resume: over.resume ?? CAREER,
    family: over.family ?? FAMILY,
    rewardsText: '无',
    assessmentText: '',
    appointment: { ...emptyAppointment(), ageAt: '2026-11-23', filledAt: '2026-11-23' },
    formId: null,
  }
}

describe('checks before print', () => {
  it.each<[string, FormPerson, Pick<FormWarning, 'code' | 'message'>[]]>([
    ['a clean form: nothing to say', person({}), []],
    [
      'an 8-month gap in the 简历',
      person({ resume: [r('1997-07', '2010-03', '临洮县农业局干部'), r('2010-11', null, '某某乡副乡长')] }),
      [
        {
          code: 'resume-gap',
          message:
            '简历有 8 个月空档：2010.03（临洮县农业局干部结束）至 2010.11（某某乡副乡长开始）之间没有经历',
        },
      ],
    ],
    [
      'one month between two lines is no gap',
      person({ resume: [r('1997-07', '2010-03', '临洮县农业局干部'), r('2010-04', null, '某某乡副乡长')] }),
      [],
    ],
    [
      'an overlap of 5 months',
      person({ resume: [r('1997-07', '2005-06', '临洮县农业局干部'), r('2005-01', null, '某某乡副乡长')] }),
      [
        {
          code: 'resume-overlap',
          message:
            '简历时间重叠 5 个月：“2005.01-- 某某乡副乡长”开始于上一段“1997.07--2005.06 临洮县农业局干部”结束之前',
        },
      ],
    ],
    [
      'a line ending before it starts',
      person({ resume: [r('1997-07', '1996-03', '临洮县农业局干部'), r('1996-03', null, '某某乡副乡长')] }),
      [
        {
          code: 'resume-order',
          message: '简历第 1 段（1997.07--1996.03 临洮县农业局干部）的结束时间早于开始时间',
        },
      ],
    ],
    [
      'a line held now that is not the last',
      person({ resume: [r('1997-07', null, '临洮县农业局干部'), r('2005-01', null, '某某乡副乡长')] }),
      [
        {
          code: 'resume-order',
          message: '简历第 1 段（1997.07-- 临洮县农业局干部）没有结束时间，却不是最后一段',
        },
      ],
    ],
    [
      'a dated in-service study line beside a job is no overlap',
      person({
        resume: [
          r('1997-07', '2010-12', '临洮县农业局干部'),
          r('2003-09', '2006-07', '中央党校经济管理专业在职研究生学习'),
          r('2010-12', null, '某某乡副乡长'),
        ],
      }),
      [],
    ],
    [
      '参加工作时间 a year before the first job (study lines are not jobs)',
      person({ fields: { workStartDate: '1996-07' } }),
      [
        {
          code: 'work-start',
          message: '参加工作时间 1996.07 与简历不一致：简历中第一份工作始于 1997.07（临洮县农业局干部）',
        },
      ],
    ],
    [
      '参加工作时间 empty',
      person({ fields: { workStartDate: null } }),
      [{ code: 'work-start', message: '参加工作时间为空；简历中第一份工作始于 1997.07（临洮县农业局干部）' }],
    ],
    [
      'in-service study in the 简历, 在职教育 empty',
      person({ fields: { eduInService: null, degreeInService: null, schoolInService: null } }),
      [
        {
          code: 'in-service-edu',
          message:
            '简历中有在职学习（（其间：2003.09--2006.07在中央党校经济管理专业在职研究生学习，获经济学硕士学位）），但“在职教育”学历、学位和毕业院校系及专业都是空的',
        },
      ],
    ],
    [
      'no in-service study, 在职教育 empty: nothing to say',
      person({
        fields: { eduInService: null, degreeInService: null, schoolInService: null },
        resume: CAREER.filter((e) => e.start !== null),
      }),
      [],
    ],
    [
      'photo missing',
      person({ photo: false }),
      [{ code: 'photo', message: '没有照片：打印出的表照片栏为空' }],
    ],
    [
      'a family member who died, one without a birth month',
      person({
        family: [
          {
            relation: '父亲',
            name: '王德福',
            birthDate: '1940-05',
            politicalStatus: '群众',
            workUnitPosition: '已去世',
          },
          {
            relation: '母亲',
            name: '张桂英',
            birthDate: null,
            politicalStatus: '群众',
            workUnitPosition: '农民',
          },
        ],
      }),
      [
        { code: 'family-age', message: '父亲王德福已去世：保留该行，年龄栏留空' },
        { code: 'family-age', message: '母亲张桂英没有出生年月：年龄栏将为空' },
      ],
    ],
  ])('%s', (_, p, expected) => {
    expect(formWarnings(p).map(({ code, message }) => ({ code, message }))).toEqual(expected)
  })
})

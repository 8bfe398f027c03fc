/**
 * Checks before print: what a clerk should see before the 任免审批表 goes to a meeting. Warnings,
 * never blocks: the form prints as it is. Thresholds are configuration (FORM_CHECKS).
 * - 简历 gaps (a stretch of months that no line covers) and overlaps (a line starting before the one
 *   above ended); a line ending before it starts;
 * - 参加工作时间 against the first job in the 简历;
 * - in-service study in the 简历 with the 在职教育 fields empty;
 * - photo missing;
 * - family: a member who died is printed without an age; a living member without a birth month
 *   prints no age either.
 */
import { monthDots, monthsBetween } from '../domain/dates'
import type { ResumeEntry } from '../domain/resume'
import type { FormPerson } from './data'
import { isDeceased } from './conventions'

export interface FormCheckConfig {
  /** a 简历 gap of at least this many months is shown (end 2010.03 → start 2010.11 is 8) */
  gapMonths: number
  /** a line starting at least this many months before the line above ended is an overlap */
  overlapMonths: number
  /** 参加工作时间 and the first job's start may differ by at most this many months */
  workStartToleranceMonths: number
}

export const FORM_CHECKS: FormCheckConfig = { gapMonths: 2, overlapMonths: 1, workStartToleranceMonths: 1 }

export interface FormWarning {
  code:
    | 'resume-gap'
    | 'resume-overlap'
    | 'resume-order'
    | 'work-start'
    | 'in-service-edu'
    | 'photo'
    | 'family-age'
  /** where on the form */
  field: string
  message: string
}

/** A line of full-time study, not a job (学习 / 就读 / 读书 at a school). */
const STUDY = /学习|就读|读书|求学|(?:大学|学院|学校|中专|高中|党校).*(?:学生|专业)$/
/** In-service study: 在职 / 函授 / 自考 / 党校 …学习, 在职研究生, 获…学位 inside 其间. */
const IN_SERVICE =
  /在职|函授|自学考试|自考|业余|夜大|电大|网络教育|远程教育|成人教育|党校.*(?:学习|研究生|本科|专科)|MPA|MBA|EMBA/

function when(e: ResumeEntry): string {
  return `${monthDots(e.start)}--${e.end ? monthDots(e.end) : ''}`
}

/** The dated lines in order, the 其间 lines left out. */
function datedLines(resume: readonly ResumeEntry[]): ResumeEntry[] {
  return resume.filter((e) => e.start !== null)
}

/** The lines that make the career's sequence: in-service study runs beside a job, not after it. */
function sequenceLines(resume: readonly ResumeEntry[]): ResumeEntry[] {
  return datedLines(resume).filter((e) => !IN_SERVICE.test(e.text))
}

export function resumeWarnings(
  resume: readonly ResumeEntry[],
  cfg: FormCheckConfig = FORM_CHECKS,
): FormWarning[] {
  const out: FormWarning[] = []
  const lines = sequenceLines(resume)
  lines.forEach((e, i) => {
    if (e.start && e.end && monthsBetween(e.start, e.end) < 0)
      out.push({
        code: 'resume-order',
        field: '简历',
        message: `简历第 ${i + 1} 段（${when(e)} ${e.text}）的结束时间早于开始时间`,
      })
    const prev = lines[i - 1]
    if (!prev || !prev.end || !e.start) return
    const gap = monthsBetween(prev.end, e.start)
    if (gap >= cfg.gapMonths)
      out.push({
        code: 'resume-gap',
        field: '简历',
        message: `简历有 ${gap} 个月空档：${monthDots(prev.end)}（${prev.text}结束）至 ${monthDots(e.start)}（${e.text}开始）之间没有经历`,
      })
    else if (-gap >= cfg.overlapMonths)
      out.push({
        code: 'resume-overlap',
        field: '简历',
        message: `简历时间重叠 ${-gap} 个月：“${when(e)} ${e.text}”开始于上一段“${when(prev)} ${prev.text}”结束之前`,
      })
  })
  // A line without an end is held now: only the last one may be.
  lines.slice(0, -1).forEach((e, i) => {
    if (e.end === null)
      out.push({
        code: 'resume-order',
        field: '简历',
        message: `简历第 ${i + 1} 段（${when(e)} ${e.text}）没有结束时间，却不是最后一段`,
      })
  })
  return out
}

export function formWarnings(p: FormPerson, cfg: FormCheckConfig = FORM_CHECKS): FormWarning[] {
  const f = p.fields
  const out = resumeWarnings(p.resume, cfg)

  // 参加工作时间 against the first job in the 简历.
  const firstJob = datedLines(p.resume).find((e) => !STUDY.test(e.text))
  if (!f.workStartDate) {
    if (firstJob)
      out.push({
        code: 'work-start',
        field: '参加工作时间',
        message: `参加工作时间为空；简历中第一份工作始于 ${monthDots(firstJob.start)}（${firstJob.text}）`,
      })
  } else if (firstJob?.start) {
    const d = monthsBetween(f.workStartDate, firstJob.start)
    if (Math.abs(d) > cfg.workStartToleranceMonths)
      out.push({
        code: 'work-start',
        field: '参加工作时间',
        message: `参加工作时间 ${monthDots(f.workStartDate)} 与简历不一致：简历中第一份工作始于 ${monthDots(firstJob.start)}（${firstJob.text}）`,
      })
  }

  // In-service study in the 简历 while the 在职教育 fields are empty.
  const study = p.resume.find(
    (e) => IN_SERVICE.test(e.text) && /学习|研究生|学位|本科|专科|毕业|结业/.test(e.text),
  )
  if (study && !f.eduInService && !f.degreeInService && !f.schoolInService)
    out.push({
      code: 'in-service-edu',
      field: '在职教育',
      message: `简历中有在职学习（${study.start ? `${when(study)} ` : ''}${study.text}），但“在职教育”学历、学位和毕业院校系及专业都是空的`,
    })

  if (!p.photo) out.push({ code: 'photo', field: '照片', message: '没有照片：打印出的表照片栏为空' })

  for (const m of p.family) {
    if (isDeceased(m))
      out.push({
        code: 'family-age',
        field: '家庭主要成员',
        message: `${m.relation}${m.name}已去世：保留该行，年龄栏留空`,
      })
    else if (!m.birthDate)
      out.push({
        code: 'family-age',
        field: '家庭主要成员',
        message: `${m.relation}${m.name}没有出生年月：年龄栏将为空`,
      })
  }
  return out
}

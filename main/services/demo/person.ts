/**
 * One invented cadre of the demo county with a life that hangs together: schooling, then a first
 * post, then promotions up to the current post; party membership after 18; ID number agreeing
 * with gender and birth month; family, assessments, talks, reserve entries, postings and studies.
 */
import { makeIdCard } from '../../domain/idcard'
import { gradeChecks } from '../../records/crosschecks'
import type { CadreScalars } from '../exchange/write'
import type { ExRelated, ExResume } from '../exchange/schema'
import {
  COUNTY,
  FAMILY_WORKPLACES,
  PARENT_WORKPLACES,
  REGION_CODES,
  TOWNSHIPS,
  UNITS,
  type DemoUnit,
  type Post,
} from './county'
import {
  COLLEGES,
  ETHNICITIES,
  FEMALE_CHARS,
  HOME_PLACES,
  IN_SERVICE,
  MALE_CHARS,
  NEUTRAL_CHARS,
  POSTGRAD_SCHOOLS,
  REWARDS,
  SECONDARY_SCHOOLS,
  SPECIALTIES,
  SURNAMES,
  TALKERS,
  TRAININGS,
  UNIVERSITIES,
  VILLAGE_NAMES,
  type School,
} from './names'
import type { Rng } from './random'

export interface DemoPerson {
  fields: CadreScalars
  unit: string
  related: ExRelated
}

// Months as integers (year * 12 + month - 1) make the arithmetic of careers simple.
const pad = (n: number): string => String(n).padStart(2, '0')
const ms = (i: number): string => `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`
const day = (i: number, d: number): string => `${ms(i)}-${pad(d)}`
const dots = (i: number): string => ms(i).replace('-', '.')
const yearOf = (i: number): number => Math.floor(i / 12)
const monthIdx = (y: number, m: number): number => y * 12 + m - 1

const MALE = [...MALE_CHARS]
const FEMALE = [...FEMALE_CHARS]
const NEUTRAL = [...NEUTRAL_CHARS]

const EDU_RANK: Record<string, number> = { 研究生: 5, 大学: 4, 大专: 3, 中专: 2, 高中: 1 }
const DEMOCRATIC_PARTIES = ['民盟盟员', '民进会员', '九三学社社员', '农工党党员', '无党派人士']

export class PersonFactory {
  private readonly todayIdx: number
  private readonly todayDay: number
  private readonly slots = new Map<string, number[]>()
  private readonly usedIds = new Set<string>()
  private readonly unitWeights: (readonly [DemoUnit, number])[]

  constructor(
    private readonly rng: Rng,
    today: string,
  ) {
    this.todayIdx = monthIdx(Number(today.slice(0, 4)), Number(today.slice(5, 7)))
    this.todayDay = Number(today.slice(8, 10))
    this.unitWeights = UNITS.map((u) => [u, u.weight] as const)
    for (const u of UNITS)
      this.slots.set(
        u.name,
        u.posts.map((p) => p.count),
      )
  }

  private personName(gender: '男' | '女', surname?: string): string {
    const r = this.rng
    const s = surname ?? r.weighted(SURNAMES)
    const pool = gender === '男' ? MALE : FEMALE
    const ch = (): string => (r.chance(0.25) ? r.pick(NEUTRAL) : r.pick(pool))
    const single = s.length === 2 ? r.chance(0.6) : r.chance(0.3)
    // A one-character given name comes from the gendered list only (石晓 would read unfinished).
    return single ? s + r.pick(pool) : s + ch() + ch()
  }

  /** Takes the next open post of the unit, or null when only staff places are left. */
  private takePost(u: DemoUnit): Post | null {
    const left = this.slots.get(u.name)
    if (!left) return null
    for (let i = 0; i < u.posts.length; i++) {
      if ((left[i] ?? 0) > 0) {
        left[i] = (left[i] ?? 0) - 1
        return u.posts[i] ?? null
      }
    }
    return null
  }

  private idCard(birthIdx: number, birthDay: number, male: boolean): string {
    const region = this.rng.weighted(REGION_CODES)
    const bd = day(birthIdx, birthDay)
    let seq = this.rng.int(0, 499) * 2 + (male ? 1 : 0)
    for (let n = 0; n < 1000; n++) {
      const id = makeIdCard(region, bd, seq % 1000)
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id)
        return id
      }
      seq += 2
    }
    throw new Error(`no free ID number for ${bd}`)
  }

  private school(edu: string): { text: string; school: School; major: string } {
    const list =
      edu === '研究生'
        ? POSTGRAD_SCHOOLS
        : edu === '大学'
          ? UNIVERSITIES
          : edu === '大专'
            ? COLLEGES
            : SECONDARY_SCHOOLS
    const school = this.rng.pick(list)
    const major = this.rng.pick(school.majors)
    return { text: `${school.name}${major}专业`, school, major }
  }

  make(): DemoPerson {
    const r = this.rng
    const T = this.todayIdx
    const status = r.weighted([
      ['在职', 920],
      ['退休', 50],
      ['调出', 30],
    ] as const)
    const unit = r.weighted(this.unitWeights)
    let post: Post | null = null
    if (status === '在职') post = this.takePost(unit)
    else {
      const level = r.weighted([
        ['一般干部', 80],
        ['副科', 15],
        ['正科', 5],
      ] as const)
      const posts = unit.posts.filter((p) => p.level === level)
      post = level === '一般干部' || posts.length === 0 ? null : r.pick(posts)
    }
    const level = post?.level ?? '一般干部'
    const leader = level !== '一般干部'
    const male = r.chance(leader ? 0.8 : 0.62)
    const gender = male ? '男' : '女'

    // Age fits the level; the retired are past retirement age.
    const [minAge, maxAge] =
      status === '退休'
        ? male
          ? [60, 68]
          : [55, 66]
        : status === '调出'
          ? [26, 55]
          : level === '副处'
            ? [44, 57]
            : level === '正科'
              ? [36, 58]
              : level === '副科'
                ? [31, 56]
                : [23, male ? 59 : 54]
    const age = r.int(minAge, maxAge)
    const birthIdx = T - age * 12 - r.int(1, 11)
    const birthDay = r.int(1, 28)
    const idCard = this.idCard(birthIdx, birthDay, male)

    // Schooling: older cadres more often came through a college or a 中专.
    let edu = leader
      ? r.weighted([
          ['研究生', 10],
          ['大学', 70],
          ['大专', 16],
          ['中专', 4],
        ] as const)
      : r.weighted([
          ['研究生', 8],
          ['大学', 55],
          ['大专', 27],
          ['中专', 8],
          ['高中', 2],
        ] as const)
    if (age > 50 && (edu === '大学' || edu === '研究生') && r.chance(0.4)) edu = '大专'
    if (edu === '研究生' && age < 28) edu = '大学'
    const gradAge = { 研究生: 25, 大学: 22, 大专: 21, 中专: 18, 高中: 18 }[edu]
    const gradIdx = monthIdx(yearOf(birthIdx) + gradAge, 7)
    const resume: ExResume[] = []
    let degree: string | null = null
    let schoolText: string | null = null
    if (edu === '研究生') {
      const ba = this.school('大学')
      const ma = this.school('研究生')
      degree = r.chance(0.05) ? '博士' : '硕士'
      schoolText = ma.text
      resume.push({ start: ms(gradIdx - 84 + 2), end: ms(gradIdx - 36), text: `${ba.text}学习` })
      resume.push({
        start: ms(gradIdx - 36 + 2),
        end: ms(gradIdx),
        text: `${ma.text}研究生学习，获${degree}学位`,
      })
    } else if (edu === '高中') {
      schoolText = `${COUNTY}第一中学`
      resume.push({ start: ms(gradIdx - 36 + 2), end: ms(gradIdx), text: `${COUNTY}第一中学学习` })
    } else {
      const years = edu === '大学' ? 4 : 3
      const s = this.school(edu)
      schoolText = s.text
      degree = edu === '大学' && r.chance(0.95) ? '学士' : null
      resume.push({ start: ms(gradIdx - years * 12 + 2), end: ms(gradIdx), text: `${s.text}学习` })
    }

    const workStart = Math.min(gradIdx + r.int(2, 14), T - 2)
    const retireIdx = status === '退休' ? birthIdx + (male ? 60 : 55) * 12 + 1 : null
    const endIdx = retireIdx ?? T

    // Party membership: many join at university, others at work; always after 18.
    let politicalStatus: string
    let partyJoin: number | null = null
    const adult = birthIdx + 18 * 12 + 1
    const partyRoll = r.next()
    if (leader ? partyRoll < 0.97 : partyRoll < 0.64) {
      politicalStatus = '中共党员'
      partyJoin = r.chance(0.4)
        ? gradIdx - r.int(2, 20)
        : r.int(workStart + 6, Math.max(workStart + 7, Math.min(endIdx - 14, birthIdx + 40 * 12)))
      partyJoin = Math.min(Math.max(partyJoin, adult), T - 13)
    } else if (!leader && partyRoll < 0.67 && age < 45) {
      politicalStatus = '中共预备党员'
      partyJoin = T - r.int(1, 11)
    } else if (leader || partyRoll < 0.69) {
      politicalStatus = r.pick(DEMOCRATIC_PARTIES)
    } else if (age <= 28 && partyRoll < 0.85) {
      politicalStatus = '共青团员'
    } else politicalStatus = '群众'

    // Career: first post, an intermediate step for leaders, the current post.
    const minYears = { 正处: 18, 副处: 14, 正科: 9, 副科: 5, 一般干部: 0 }[level]
    let positionIdx: number
    if (leader) {
      const lo = Math.min(Math.max(workStart + minYears * 12, endIdx - 10 * 12), endIdx - 1)
      positionIdx = r.int(lo, endIdx - 1)
    } else {
      positionIdx = r.chance(0.5) ? workStart : Math.max(workStart, endIdx - r.int(6, 120))
    }
    const title = post?.title ?? unit.staff
    const position = `${unit.name}${title}`
    const firstUnit = leader
      ? r.chance(0.6)
        ? this.unitByName(r.pick(TOWNSHIPS))
        : r.pick(UNITS)
      : r.chance(0.5)
        ? unit
        : r.pick(UNITS)
    const posts: ExResume[] = []
    let lastIdx = workStart
    if (positionIdx > workStart)
      posts.push({ start: ms(workStart), end: null, text: `${firstUnit.name}${firstUnit.staff}` })
    if (leader) {
      const mid = workStart + Math.floor((positionIdx - workStart) * (0.35 + r.next() * 0.2))
      const midUnit = r.pick(UNITS)
      const midPost = midUnit.posts.find((p) => p.level === '一般干部')
      if (midPost && mid > workStart + 6 && mid < positionIdx - 6) {
        posts.push({ start: ms(mid), end: null, text: `${midUnit.name}${midPost.title}` })
        lastIdx = mid
      }
      if (level === '正科' || level === '副处') {
        const dep = positionIdx - r.int(24, 72)
        const depUnit = r.pick(UNITS)
        const depPost = depUnit.posts.find((p) => p.level === '副科')
        if (depPost && dep > lastIdx + 6)
          posts.push({ start: ms(dep), end: null, text: `${depUnit.name}${depPost.title}` })
      }
    }
    posts.push({ start: ms(positionIdx), end: retireIdx !== null ? ms(retireIdx) : null, text: position })
    for (let i = 0; i < posts.length - 1; i++) {
      const p = posts[i]
      const n = posts[i + 1]
      if (p && n) p.end = n.start
    }
    resume.push(...posts)

    // In-service study raises the education the form shows under 在职教育.
    let eduIn: string | null = null
    let degreeIn: string | null = null
    let schoolIn: string | null = null
    if (r.chance(leader ? 0.45 : 0.15)) {
      const options = IN_SERVICE.filter((s) => (EDU_RANK[s.edu] ?? 0) > (EDU_RANK[edu] ?? 0))
      const from = workStart + r.int(24, 96)
      const to = from + (r.chance(0.5) ? 36 : 30)
      if (options.length > 0 && to < T) {
        const s = r.pick(options)
        eduIn = s.edu
        degreeIn = s.degree
        schoolIn = s.school
        const line: ExResume = {
          start: null,
          end: null,
          text: `（其间：${dots(from + 2)}--${dots(to)}在${s.school}学习${s.degree ? `，获${s.degree}学位` : ''}）`,
        }
        // After the post held when the study began.
        let at = resume.length
        for (let i = resume.length - 1; i >= 0; i--) {
          const st = resume[i]?.start
          if (st && st <= ms(from + 2)) {
            at = i + 1
            break
          }
        }
        resume.splice(at, 0, line)
      }
    }

    // 职级 (rank) follows years of service for staff; leaders hold one part of the time.
    let rank: string | null = null
    let rankIdx: number | null = null
    const years = (endIdx - workStart) / 12
    if (level === '一般干部') {
      rank =
        years < 2
          ? '二级科员'
          : years < 5
            ? '一级科员'
            : years < 9
              ? '四级主任科员'
              : years < 15
                ? '三级主任科员'
                : r.chance(0.3)
                  ? '一级主任科员'
                  : '二级主任科员'
      rankIdx = Math.max(workStart, endIdx - r.int(3, 40))
    } else if (r.chance(0.6)) {
      rank =
        level === '副科'
          ? r.pick(['四级主任科员', '三级主任科员'])
          : level === '正科'
            ? r.pick(['二级主任科员', '一级主任科员'])
            : '四级调研员'
      rankIdx = Math.max(positionIdx, endIdx - r.int(3, 48))
    }

    const home = r.weighted(HOME_PLACES)
    const name = this.personName(gender)
    const techTitle =
      unit.kind === '事业单位' && r.chance(0.4)
        ? r.pick(
            unit.name.includes('医院')
              ? ['主治医师', '副主任医师']
              : unit.name.includes('中学')
                ? ['中学一级教师', '中学高级教师']
                : ['农艺师', '高级农艺师', '讲师'],
          )
        : r.chance(0.05)
          ? r.pick(['经济师', '助理经济师', '会计师'])
          : null

    const fields: CadreScalars = {
      name,
      gender,
      birthDate: ms(birthIdx),
      ethnicity: r.weighted(ETHNICITIES),
      nativePlace: home,
      birthPlace: r.chance(0.85) ? home : r.weighted(HOME_PLACES),
      partyJoinDate: partyJoin === null ? null : ms(partyJoin),
      politicalStatus,
      workStartDate: ms(workStart),
      health: r.chance(0.97) ? '健康' : '良好',
      techTitle,
      specialty: r.chance(0.35) ? r.pick(SPECIALTIES) : null,
      eduFullTime: edu,
      degreeFullTime: degree,
      schoolFullTime: schoolText,
      eduInService: eduIn,
      degreeInService: degreeIn,
      schoolInService: schoolIn,
      idCard,
      position,
      positionLevel: level,
      positionDate: ms(positionIdx),
      levelDate: level === '一般干部' ? null : ms(positionIdx),
      rank,
      rankDate: rankIdx === null ? null : ms(rankIdx),
      status,
      phone:
        '1' +
        r.pick(['38', '39', '51', '58', '77', '80', '86', '89', '93', '99']) +
        String(r.int(0, 99999999)).padStart(8, '0'),
    }

    const related: ExRelated = {
      resume,
      family: this.family(gender, name, birthIdx),
      assessments: [],
      studies: [],
      talks: [],
      discipline: [],
      rewards: [],
      reserve: [],
      postings: [],
      training: [],
      appointments: [],
    }
    if (status === '在职')
      this.records(related, { leader, level, age, birthIdx, workStart, positionIdx, position, name })
    return { fields, unit: unit.name, related }
  }

  private unitByName(name: string): DemoUnit {
    const u = UNITS.find((x) => x.name === name) ?? UNITS[0]
    if (!u) throw new Error('no units')
    return u
  }

  private family(gender: '男' | '女', name: string, birthIdx: number): ExRelated['family'] {
    const r = this.rng
    const T = this.todayIdx
    const age = (T - birthIdx) / 12
    const out: ExRelated['family'] = []
    const surname = SURNAMES.find(([s]) => name.startsWith(s) && s.length === 2)?.[0] ?? name.slice(0, 1)
    let familySurname = surname
    if (age >= 26 && r.chance(0.9)) {
      const spouseMale = gender === '女'
      const spouse = this.personName(spouseMale ? '男' : '女')
      if (spouseMale)
        familySurname =
          SURNAMES.find(([s]) => spouse.startsWith(s) && s.length === 2)?.[0] ?? spouse.slice(0, 1)
      out.push({
        relation: spouseMale ? '丈夫' : '妻子',
        name: spouse,
        birthDate: ms(birthIdx + r.int(-40, 40)),
        politicalStatus: r.weighted([
          ['中共党员', 45],
          ['群众', 50],
          ['共青团员', 5],
        ] as const),
        workUnitPosition: r.pick(FAMILY_WORKPLACES),
      })
      const kids =
        age >= 28
          ? r.weighted([
              [0, 10],
              [1, 55],
              [2, 35],
            ] as const)
          : 0
      for (let k = 0; k < kids; k++) {
        const kb = birthIdx + r.int(25, 35) * 12 + r.int(0, 11)
        if (kb >= T) continue
        const son = r.chance(0.52)
        const kidAge = (T - kb) / 12
        out.push({
          relation: son ? '儿子' : '女儿',
          name: this.personName(son ? '男' : '女', familySurname),
          birthDate: ms(kb),
          politicalStatus:
            kidAge >= 14 && kidAge < 28 ? '共青团员' : kidAge >= 28 && r.chance(0.4) ? '中共党员' : '群众',
          workUnitPosition: kidAge < 23 ? (kidAge < 7 ? '无' : '学生') : r.pick(FAMILY_WORKPLACES),
        })
      }
    }
    if (age < 58) {
      for (const father of [true, false]) {
        if (!r.chance(age < 45 ? 0.8 : 0.5)) continue
        out.push({
          relation: father ? '父亲' : '母亲',
          name: this.personName(father ? '男' : '女', father ? surname : undefined),
          birthDate: ms(birthIdx - r.int(22, 32) * 12 - r.int(0, 11)),
          politicalStatus: r.chance(0.25) ? '中共党员' : '群众',
          workUnitPosition: r.pick(PARENT_WORKPLACES),
        })
      }
    }
    return out
  }

  private records(
    rel: ExRelated,
    p: {
      leader: boolean
      level: string
      age: number
      birthIdx: number
      workStart: number
      positionIdx: number
      position: string
      name: string
    },
  ): void {
    const r = this.rng
    const T = this.todayIdx
    const Y = yearOf(T)
    const dayBefore = (lo: number): string => {
      const i = r.int(Math.min(lo, T), T)
      return day(i, i === T ? r.int(1, Math.max(1, this.todayDay - 1)) : r.int(1, 28))
    }

    // Talks: a 任前谈话 for each leader; some 谈心/提醒; rare 诫勉 in the last months.
    let admonished = false
    if (p.leader && p.positionIdx < T)
      rel.talks.push(this.talk(day(p.positionIdx, r.int(1, 20)), '任前谈话', p.position))
    if (r.chance(0.12))
      rel.talks.push(this.talk(dayBefore(T - 24), r.pick(['谈心谈话', '提醒谈话', '谈心谈话']), p.position))
    if (r.chance(0.015)) {
      rel.talks.push(this.talk(dayBefore(T - 8), '诫勉谈话', p.position))
      admonished = true
    } else if (r.chance(0.01)) rel.talks.push(this.talk(dayBefore(T - 12), '约谈', p.position))
    rel.talks.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))

    // Annual assessments for the last 3–5 years after the first full year of work.
    const n = r.int(3, 5)
    for (let y = Y - n; y < Y; y++) {
      if (y <= yearOf(p.workStart)) continue
      const grade =
        y === Y - 1 && admonished
          ? '称职'
          : r.weighted([
              ['称职', 80],
              ['优秀', 16],
              ['基本称职', 2],
              ['不定等次', 1],
            ] as const)
      rel.assessments.push({ year: y, kind: '年度考核', grade })
    }

    if (r.chance(0.01)) {
      const system = r.weighted([
        ['党纪', 5],
        ['政务', 4],
        ['组织处理', 1],
      ] as const)
      const measure =
        system === '党纪'
          ? r.pick(['警告', '警告', '严重警告'])
          : system === '政务'
            ? r.pick(['警告', '记过', '记大过'])
            : r.pick(['调整', '停职检查'])
      rel.discipline.push({
        date: dayBefore(T - 36),
        system,
        measure,
        reason: r.pick([
          '违反中央八项规定精神',
          '履行职责不力，造成不良影响',
          '违规发放津贴补贴',
          '工作失职',
        ]),
      })
    }

    // Grades as the rules want them beside a sanction or a 诫勉 (main/records/crosschecks.ts: the
    // 考核规定, 组通字〔1998〕19号, 诫勉规定): the first grade no check speaks against, so a demo
    // database loads without a warning.
    if (rel.discipline.length || rel.talks.some((t) => t.kind === '诫勉谈话')) {
      const refs = [
        ...rel.discipline.map((d, i) => ({ ref: `d${i}`, record: { source: 'discipline' as const, ...d } })),
        ...rel.talks.map((t, i) => ({ ref: `t${i}`, record: { source: 'talk' as const, date: t.date, kind: t.kind } })),
      ]
      for (const a of rel.assessments) {
        if (!gradeChecks(a, refs).length) continue
        for (const g of ['称职', '不定等次', '不称职']) {
          a.grade = g
          if (!gradeChecks(a, refs).length) break
        }
      }
    }

    // Reserve pool: young staff for 副科级, deputies for 正科级.
    if (
      p.workStart + 27 <= T &&
      ((p.level === '一般干部' && p.age <= 40 && r.chance(0.12)) ||
        (p.level === '副科' && p.age <= 46 && r.chance(0.18)))
    ) {
      const level = p.level === '副科' ? '正科级后备' : '副科级后备'
      const entry = T - r.int(3, 48)
      const statusRoll = r.weighted([
        ['在库', 88],
        ['已列为考察对象', 6],
        ['已撤销', 6],
      ] as const)
      rel.reserve.push({
        level,
        entryDate: ms(Math.max(entry, p.workStart + 24)),
        entryWay: r.weighted([
          ['民主推荐', 40],
          ['组织推荐', 30],
          ['单位推荐', 20],
          ['一线锻炼表现突出直接确定', 10],
        ] as const),
        status: statusRoll,
        exitDate: statusRoll === '已撤销' ? ms(T - r.int(0, 2)) : null,
        exitReason:
          statusRoll === '已撤销' ? r.pick(['年度考核基本称职', '本人工作调动', '动态调整退出']) : null,
      })
    }
    if (p.level === '副科' && p.positionIdx > T - 36 && r.chance(0.4)) {
      rel.reserve.push({
        level: '副科级后备',
        entryDate: ms(p.positionIdx - r.int(8, 30)),
        entryWay: r.weighted([
          ['民主推荐', 50],
          ['组织推荐', 40],
          ['一线锻炼表现突出直接确定', 10],
        ] as const),
        status: '已使用',
        exitDate: ms(p.positionIdx),
        exitReason: `提任${p.position}`,
      })
    }

    // Frontline postings (第一书记, 驻村工作队) and the half-yearly studies of stationed cadres.
    // Reserve cadres are, as the county's reports describe, mostly tempered at the front line first.
    const inPool = rel.reserve.some((e) => e.status === '在库' || e.status === '已列为考察对象')
    if ((p.level === '一般干部' || p.level === '副科') && p.age <= 52 && r.chance(inPool ? 0.6 : 0.08)) {
      const kind =
        p.level === '副科'
          ? r.pick(['第一书记', '驻村工作队队长'])
          : r.weighted([
              ['驻村工作队员', 70],
              ['第一书记', 30],
            ] as const)
      const start = Math.min(Math.max(p.workStart + 12, T - r.int(inPool ? 14 : 2, 72)), T - 2)
      const end = start + 24 < T ? start + 24 : null
      const place = `${r.pick(TOWNSHIPS)}${r.pick(VILLAGE_NAMES)}村`
      rel.postings.push({ kind, place, start: ms(start), end: end === null ? null : ms(end) })
      for (let y = yearOf(start); y <= Y; y++) {
        for (const [m, half] of [
          [6, '上'],
          [12, '下'],
        ] as const) {
          const at = monthIdx(y, m)
          if (at < start + 3 || at >= T || (end !== null && at > end + 1)) continue
          const base = r.int(70, 92)
          const scores: Record<string, number> = {}
          for (const dim of ['政治素养', '工作实绩', '廉洁自律', '群众评价'])
            scores[dim] = Math.min(100, base + r.int(-6, 8))
          const avg = Object.values(scores).reduce((s, v) => s + v, 0) / 4
          const conclusion = avg >= 88 ? '优秀' : avg >= 80 ? '较好' : avg >= 72 ? '一般' : '较差'
          rel.studies.push({
            date: day(at, m === 6 ? 30 : 31),
            round: `${y}年${half}半年驻村干部研判`,
            scores,
            conclusion,
            recommendation:
              conclusion === '优秀'
                ? r.pick(['列入后备', '提拔使用', '重点培养'])
                : conclusion === '较好'
                  ? '重点培养'
                  : conclusion === '一般'
                    ? '继续观察'
                    : '召回',
          })
        }
      }
    }

    if (r.chance(0.3)) {
      for (let k = r.int(1, 2); k > 0; k--) {
        const t = r.pick(TRAININGS)
        const startM = r.int(Math.max(p.workStart, T - 60), T - 1)
        const d = r.int(1, 8)
        const start = new Date(Date.UTC(yearOf(startM), startM % 12, d))
        const end = new Date(start.getTime() + (t.days - 1) * 86400000)
        const iso = (x: Date): string => x.toISOString().slice(0, 10)
        rel.training.push({
          name: `${yearOf(startM)}年${t.name}`,
          start: iso(start),
          end: iso(end),
          hours: t.hours,
        })
      }
      rel.training.sort((a, b) => ((a.start ?? '') < (b.start ?? '') ? -1 : 1))
    }

    if (p.workStart + 13 <= T && r.chance(p.leader ? 0.2 : 0.08)) {
      const rw = r.pick(REWARDS)
      const at = r.int(Math.max(p.workStart + 12, T - 96), T - 1)
      rel.rewards.push({ date: day(at, r.int(1, 28)), name: rw.name, issuer: rw.issuer })
    }
  }

  private talkNo = 0
  private talk(date: string, kind: string, position: string): ExRelated['talks'][number] {
    const r = this.rng
    const y = date.slice(0, 4)
    const serious = kind === '诫勉谈话' || kind === '约谈'
    const deadline = serious ? new Date(Date.parse(date) + 30 * 86400000).toISOString().slice(0, 10) : null
    return {
      date,
      kind,
      talker: r.pick(TALKERS),
      reason:
        kind === '任前谈话'
          ? `拟任${position}`
          : serious
            ? r.pick([
                '驻村帮扶工作落实不力，二次督办后仍未整改',
                '工作作风不实，群众反映较多',
                '项目推进滞后，被县委督查室通报',
              ])
            : r.pick(['年度考核后谈心', '工作调整后谈心', '群众来信反映问题提醒']),
      content:
        kind === '任前谈话'
          ? '提出廉洁从政和履职要求'
          : serious
            ? '指出问题，提出整改要求'
            : '了解思想和工作情况，提出希望',
      followUp: serious ? '限期整改，提交书面检查' : null,
      followUpDeadline: deadline,
      docNo: serious ? `清组${kind === '诫勉谈话' ? '诫' : '谈'}〔${y}〕${++this.talkNo}号` : null,
    }
  }
}

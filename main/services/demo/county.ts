/**
 * The demo county (清川县, invented): its units and the posts in each. A post is a title, the
 * level it carries (职务层次) and how many people hold it; everyone else in the unit is staff.
 */

export const COUNTY = '清川县'
/** Region codes of ID numbers: the county's own, then the prefecture seat and the province capital
 *  for people born elsewhere. */
export const REGION_CODES: readonly (readonly [string, number])[] = [
  ['620529', 86],
  ['620502', 8],
  ['620102', 4],
  ['620103', 2],
]

export interface Post {
  title: string
  level: '正处' | '副处' | '正科' | '副科' | '一般干部'
  count: number
}

export interface DemoUnit {
  name: string
  parent: string | null
  kind: string
  /** Relative share of the county's cadres. */
  weight: number
  posts: readonly Post[]
  /** Title of ordinary staff, written after the unit name (县财政局科员). */
  staff: string
}

const dept = (
  name: string,
  head: string,
  deputy: string,
  sections: string[],
  kind = '县直部门',
): DemoUnit => ({
  name,
  parent: null,
  kind,
  weight: 2,
  posts: [
    { title: head, level: '正科', count: 1 },
    { title: deputy, level: '副科', count: 3 },
    ...sections.map((s) => ({ title: s, level: '一般干部' as const, count: 1 })),
  ],
  staff: '科员',
})

const township = (name: string): DemoUnit => {
  const isXiang = name.endsWith('乡')
  const gov = isXiang ? '乡' : '镇'
  return {
    name,
    parent: null,
    kind: '乡镇',
    weight: 4,
    posts: [
      { title: '党委书记', level: '正科', count: 1 },
      { title: `${gov}长`, level: '正科', count: 1 },
      { title: '党委副书记', level: '副科', count: 1 },
      { title: '人大主席', level: '副科', count: 1 },
      { title: '纪委书记', level: '副科', count: 1 },
      { title: '党委委员、组织委员', level: '副科', count: 1 },
      { title: '党委委员、宣传委员', level: '副科', count: 1 },
      { title: `副${gov}长`, level: '副科', count: 3 },
      { title: '人武部部长', level: '副科', count: 1 },
      { title: '党政综合办公室主任', level: '一般干部', count: 1 },
      { title: '财政所所长', level: '一般干部', count: 1 },
      { title: '农业农村综合服务中心主任', level: '一般干部', count: 1 },
    ],
    staff: '科员',
  }
}

const institution = (name: string, parent: string, head: string, deputy: string): DemoUnit => ({
  name,
  parent,
  kind: '事业单位',
  weight: 1,
  posts: [
    { title: head, level: '正科', count: 1 },
    { title: deputy, level: '副科', count: 2 },
    { title: '办公室主任', level: '一般干部', count: 1 },
  ],
  staff: '干事',
})

export const TOWNSHIPS = [
  '城关镇',
  '东川镇',
  '西河镇',
  '南山镇',
  '北塬镇',
  '石门镇',
  '柳湾镇',
  '白水镇',
  '新安镇',
  '高桥镇',
  '杨庄乡',
  '马家乡',
  '青龙乡',
  '红星乡',
  '金川乡',
] as const

export const UNITS: readonly DemoUnit[] = [
  {
    name: '县委办公室',
    parent: null,
    kind: '县委部门',
    weight: 2,
    posts: [
      { title: '主任', level: '正科', count: 1 },
      { title: '副主任', level: '副科', count: 3 },
      { title: '督查室主任', level: '一般干部', count: 1 },
      { title: '信息科科长', level: '一般干部', count: 1 },
    ],
    staff: '科员',
  },
  {
    name: '县委组织部',
    parent: null,
    kind: '县委部门',
    weight: 2,
    posts: [
      { title: '部长', level: '副处', count: 1 },
      { title: '常务副部长', level: '正科', count: 1 },
      { title: '副部长', level: '副科', count: 3 },
      { title: '干部监督股股长', level: '一般干部', count: 1 },
      { title: '组织股股长', level: '一般干部', count: 1 },
    ],
    staff: '科员',
  },
  dept('县委宣传部', '常务副部长', '副部长', ['宣传股股长'], '县委部门'),
  dept('县委统战部', '常务副部长', '副部长', ['综合股股长'], '县委部门'),
  dept('县委政法委员会', '常务副书记', '副书记', ['综治股股长'], '县委部门'),
  {
    name: '县纪委监委',
    parent: null,
    kind: '县委部门',
    weight: 2,
    posts: [
      { title: '书记、主任', level: '副处', count: 1 },
      { title: '副书记、副主任', level: '正科', count: 2 },
      { title: '常委、委员', level: '副科', count: 3 },
      { title: '第一纪检监察室主任', level: '一般干部', count: 1 },
    ],
    staff: '科员',
  },
  {
    name: '县政府办公室',
    parent: null,
    kind: '县直部门',
    weight: 2,
    posts: [
      { title: '主任', level: '正科', count: 1 },
      { title: '副主任', level: '副科', count: 3 },
      { title: '秘书股股长', level: '一般干部', count: 1 },
    ],
    staff: '科员',
  },
  dept('县发展和改革局', '局长', '副局长', ['项目股股长']),
  dept('县财政局', '局长', '副局长', ['预算股股长', '国库股股长']),
  dept('县教育局', '局长', '副局长', ['人事股股长']),
  dept('县人力资源和社会保障局', '局长', '副局长', ['社保股股长']),
  dept('县自然资源局', '局长', '副局长', ['耕地保护股股长']),
  dept('县住房和城乡建设局', '局长', '副局长', ['建管股股长']),
  dept('县交通运输局', '局长', '副局长', ['规划建设股股长']),
  dept('县农业农村局', '局长', '副局长', ['农村经营管理股股长']),
  dept('县水务局', '局长', '副局长', ['水利工程股股长']),
  dept('县卫生健康局', '局长', '副局长', ['医政股股长']),
  dept('县民政局', '局长', '副局长', ['社会救助股股长']),
  dept('县审计局', '局长', '副局长', ['财政审计股股长']),
  dept('县统计局', '局长', '副局长', ['综合股股长']),
  dept('县市场监督管理局', '局长', '副局长', ['食品安全股股长']),
  dept('县乡村振兴局', '局长', '副局长', ['项目规划股股长']),
  dept('县文化和旅游局', '局长', '副局长', ['文物股股长']),
  {
    name: '县委党校',
    parent: null,
    kind: '事业单位',
    weight: 1,
    posts: [
      { title: '常务副校长', level: '正科', count: 1 },
      { title: '副校长', level: '副科', count: 2 },
    ],
    staff: '教员',
  },
  institution('县第一中学', '县教育局', '校长', '副校长'),
  institution('县人民医院', '县卫生健康局', '院长', '副院长'),
  institution('县农业技术推广中心', '县农业农村局', '主任', '副主任'),
  ...TOWNSHIPS.map(township),
]

/** Where a cadre's spouse or grown child works, for the family table. */
export const FAMILY_WORKPLACES = [
  '清川县第一中学教师',
  '清川县人民医院护士',
  '清川县城关小学教师',
  '清川县农业技术推广中心农艺师',
  '清川县农村信用合作联社职员',
  '清川县城关镇居民',
  '天水市某某有限公司职员',
  '兰州市某某科技有限公司职员',
  '清川县中医医院医生',
  '清川县税务局干部',
  '个体经营',
]
export const PARENT_WORKPLACES = ['农民', '退休', '退休教师', '退休干部', '个体经营']

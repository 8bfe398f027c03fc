/**
 * Word lists for the demo county: surnames weighted roughly by how common they are in the
 * northwest, given-name characters by gender, ethnic groups, schools and majors.
 * Synthetic on purpose: every person the demo makes is invented.
 */

/** [surname, weight]. Includes polyphonic surnames (单 shàn, 解 xiè, 查 zhā, 曾 zēng, 仇 qiú, 区 ōu,
 *  翟 zhái, 盖 gě, 缪 miào, 乐 yuè, 朴 piáo) and a few compound ones. */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72],
  ['李', 70],
  ['张', 66],
  ['刘', 54],
  ['陈', 42],
  ['杨', 40],
  ['赵', 26],
  ['黄', 20],
  ['周', 18],
  ['吴', 17],
  ['徐', 14],
  ['孙', 14],
  ['马', 22],
  ['朱', 11],
  ['胡', 11],
  ['郭', 12],
  ['何', 10],
  ['高', 11],
  ['林', 8],
  ['罗', 8],
  ['郑', 8],
  ['梁', 8],
  ['谢', 6],
  ['宋', 7],
  ['唐', 6],
  ['许', 6],
  ['韩', 7],
  ['冯', 6],
  ['邓', 6],
  ['曹', 6],
  ['彭', 5],
  ['曾', 4],
  ['肖', 5],
  ['田', 6],
  ['董', 6],
  ['袁', 5],
  ['潘', 4],
  ['于', 4],
  ['蒋', 4],
  ['蔡', 4],
  ['余', 4],
  ['杜', 5],
  ['叶', 3],
  ['程', 4],
  ['苏', 4],
  ['魏', 5],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['沈', 3],
  ['姚', 4],
  ['卢', 4],
  ['姜', 4],
  ['崔', 3],
  ['钟', 3],
  ['谭', 3],
  ['陆', 3],
  ['汪', 3],
  ['范', 3],
  ['金', 3],
  ['石', 3],
  ['廖', 2],
  ['贾', 4],
  ['夏', 3],
  ['付', 3],
  ['方', 3],
  ['白', 4],
  ['邹', 2],
  ['孟', 3],
  ['熊', 2],
  ['秦', 3],
  ['邱', 2],
  ['江', 2],
  ['尹', 2],
  ['薛', 3],
  ['闫', 3],
  ['段', 3],
  ['雷', 3],
  ['侯', 3],
  ['龙', 2],
  ['史', 3],
  ['陶', 2],
  ['贺', 2],
  ['顾', 2],
  ['毛', 2],
  ['郝', 2],
  ['龚', 1],
  ['邵', 2],
  ['万', 2],
  ['严', 2],
  ['武', 3],
  ['戴', 1],
  ['孔', 2],
  ['汤', 1],
  ['牛', 3],
  ['包', 1],
  ['安', 2],
  ['祁', 2],
  ['单', 2],
  ['解', 1],
  ['查', 1],
  ['仇', 1],
  ['区', 1],
  ['翟', 1],
  ['盖', 1],
  ['缪', 1],
  ['乐', 1],
  ['朴', 1],
  ['欧阳', 1],
  ['司马', 1],
  ['诸葛', 1],
  ['上官', 1],
]

export const MALE_CHARS =
  '伟强军勇杰涛斌超明辉刚平磊鹏华建国志鑫宇浩文俊峰亮林波红成海东龙飞斌永宏健新春生德荣兴旺振学军元彬栋锋博彦晨瑞凯'
export const FEMALE_CHARS = '芳娟敏静丽艳娜霞燕玲红梅琳莉萍慧颖婷雪倩丹瑶洁蓉琴兰英华秀云凤桂霞晶璐佳雯欣悦'
export const NEUTRAL_CHARS = '文明晓金春玉新永海建志立宏嘉子思雨晨安'

/** [ethnicity, weight]: mostly 汉族, the minorities of the northwest. */
export const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['汉族', 920],
  ['回族', 45],
  ['藏族', 10],
  ['东乡族', 8],
  ['满族', 5],
  ['蒙古族', 4],
  ['土族', 3],
  ['撒拉族', 2],
  ['裕固族', 1],
  ['保安族', 1],
  ['土家族', 1],
]

/** Places a person may come from (籍贯/出生地). The county itself dominates. */
export const HOME_PLACES: readonly (readonly [string, number])[] = [
  ['甘肃清川', 80],
  ['甘肃天水', 6],
  ['甘肃秦安', 4],
  ['甘肃甘谷', 3],
  ['甘肃张家川', 2],
  ['陕西陇县', 2],
  ['甘肃兰州', 2],
  ['甘肃定西', 1],
]

export interface School {
  name: string
  majors: readonly string[]
}

export const UNIVERSITIES: readonly School[] = [
  { name: '兰州大学', majors: ['汉语言文学', '法学', '行政管理', '经济学', '化学', '历史学'] },
  {
    name: '西北师范大学',
    majors: ['汉语言文学', '思想政治教育', '数学与应用数学', '历史学', '英语', '地理科学'],
  },
  { name: '兰州交通大学', majors: ['土木工程', '交通运输', '计算机科学与技术', '工商管理'] },
  { name: '兰州理工大学', majors: ['机械设计制造及其自动化', '电气工程及其自动化', '会计学'] },
  { name: '甘肃农业大学', majors: ['农学', '动物医学', '林学', '农林经济管理', '草业科学'] },
  { name: '兰州财经大学', majors: ['会计学', '财政学', '金融学', '统计学', '审计学'] },
  { name: '天水师范学院', majors: ['汉语言文学', '数学与应用数学', '思想政治教育', '体育教育'] },
  { name: '西北民族大学', majors: ['法学', '社会学', '汉语言文学', '管理学'] },
  { name: '陕西师范大学', majors: ['汉语言文学', '教育学', '历史学'] },
  { name: '西北政法大学', majors: ['法学', '行政管理'] },
  { name: '甘肃政法大学', majors: ['法学', '侦查学', '公共事业管理'] },
  { name: '西北大学', majors: ['经济学', '新闻学', '城乡规划'] },
  { name: '陇东学院', majors: ['汉语言文学', '农学', '会计学'] },
]

export const COLLEGES: readonly School[] = [
  { name: '甘肃林业职业技术学院', majors: ['林业技术', '园林技术'] },
  { name: '兰州石化职业技术学院', majors: ['应用化工技术', '会计'] },
  { name: '甘肃畜牧工程职业技术学院', majors: ['畜牧兽医', '动物医学'] },
  { name: '天水师范学院', majors: ['小学教育', '语文教育'] },
  { name: '甘肃交通职业技术学院', majors: ['道路桥梁工程技术', '汽车运用技术'] },
  { name: '兰州职业技术学院', majors: ['文秘', '计算机应用技术', '财务管理'] },
]

export const SECONDARY_SCHOOLS: readonly School[] = [
  { name: '天水农业学校', majors: ['农学', '畜牧兽医'] },
  { name: '甘肃省财政学校', majors: ['财务会计'] },
  { name: '天水师范学校', majors: ['普师'] },
  { name: '甘肃省卫生学校', majors: ['医士', '护理'] },
]

export const POSTGRAD_SCHOOLS: readonly School[] = [
  { name: '兰州大学', majors: ['公共管理', '政治学理论', '区域经济学', '马克思主义理论'] },
  { name: '西北师范大学', majors: ['中国近现代史', '教育管理', '汉语言文字学'] },
  { name: '西北大学', majors: ['产业经济学', '社会学'] },
]

/** In-service study (在职教育). */
export const IN_SERVICE: readonly { school: string; edu: string; degree: string | null }[] = [
  { school: '中央党校函授学院经济管理专业', edu: '大学', degree: null },
  { school: '中央党校函授学院法律专业', edu: '大学', degree: null },
  { school: '甘肃省委党校经济管理专业', edu: '大学', degree: null },
  { school: '甘肃省委党校行政管理专业', edu: '大专', degree: null },
  { school: '兰州大学公共管理专业', edu: '研究生', degree: '硕士' },
  { school: '西北师范大学教育管理专业', edu: '研究生', degree: '硕士' },
  { school: '甘肃农业大学农业推广专业', edu: '研究生', degree: '硕士' },
  { school: '兰州大学行政管理专业（函授）', edu: '大学', degree: '学士' },
]

export const SPECIALTIES = [
  '党务工作',
  '经济管理',
  '农村工作',
  '文字综合',
  '财务管理',
  '法律事务',
  '教育管理',
  '信息化建设',
  '项目管理',
  '乡村振兴工作',
]

export const REWARDS: readonly { name: string; issuer: string }[] = [
  { name: '优秀共产党员', issuer: '中共清川县委' },
  { name: '优秀党务工作者', issuer: '中共清川县委' },
  { name: '嘉奖', issuer: '清川县人民政府' },
  { name: '记三等功', issuer: '清川县人民政府' },
  { name: '脱贫攻坚先进个人', issuer: '中共清川县委、清川县人民政府' },
  { name: '优秀公务员', issuer: '清川县人民政府' },
  { name: '全市优秀驻村帮扶干部', issuer: '中共天水市委组织部' },
]

export const TRAININGS: readonly { name: string; days: number; hours: number }[] = [
  { name: '县委党校中青年干部培训班', days: 20, hours: 120 },
  { name: '县委党校科级干部进修班', days: 15, hours: 90 },
  { name: '全县乡村振兴专题培训班', days: 5, hours: 30 },
  { name: '全市驻村帮扶干部培训班', days: 4, hours: 24 },
  { name: '新录用公务员初任培训班', days: 10, hours: 60 },
  { name: '全县基层党建工作专题培训班', days: 3, hours: 18 },
  { name: '甘肃省委党校县处级干部进修班', days: 30, hours: 180 },
  { name: '党的二十大精神专题轮训班', days: 5, hours: 30 },
]

export const TALKERS = [
  '县委组织部部长',
  '县委组织部常务副部长',
  '县委组织部副部长',
  '县纪委监委副书记',
  '县委书记',
  '县委副书记',
]

export const VILLAGE_NAMES = [
  '张家湾',
  '李家庄',
  '王家沟',
  '刘家坪',
  '杨家河',
  '马家山',
  '赵家岔',
  '高庙',
  '白土坡',
  '石咀',
  '柳林',
  '大湾',
  '红崖',
  '杏树坪',
  '槐树坪',
  '庙坪',
  '河口',
  '梁家峡',
  '新庄',
  '上庄',
  '下庄',
  '后川',
  '前进',
  '团结',
  '东风',
  '丰收',
  '老庄',
  '阳坡',
  '阴山',
  '沟门',
]

/**
 * The 干部任免审批表's geometry in millimetres, one source for the HTML/PDF layout and the .docx:
 * A4, the same margins, column widths and row heights (DOMAIN.md "The 干部任免审批表").
 */
export const PAGE = { width: 210, height: 297, top: 14, right: 18, bottom: 12, left: 18 } as const

/** Width of every table (page width less the margins). */
export const TABLE_WIDTH = 174

export const FRONT = {
  /** 姓名 | value | 性别 | value | 出生年月 | value | photo */
  cols: [20, 24, 18, 24, 22, 30, 36],
  /** rows 1–4 (photo beside) */
  R: 13,
  /** 全日制教育 / 在职教育 */
  E: 15,
  /** 现任 / 拟任 / 拟免职务 */
  P: 12,
  /** 简历 */
  J: 126,
  /** title: margin above, line, margin below */
  title: { above: 2, height: 10, below: 6, pt: 22 },
} as const

export const BACK = {
  /** 奖惩情况 */
  K: 36,
  /** 年度考核结果 */
  A: 20,
  /** 任免理由 */
  Y: 24,
  /** family header row, then each family row */
  FH: 10,
  familyRow: 10,
  familyRows: 7,
  /** 呈报单位 */
  C: 36,
  /** 审批机关意见 / 行政机关任免意见 */
  S: 50,
  /** label | 称谓 | 姓名 | 年龄 | 政治面貌 | 工作单位及职务 */
  cols: [20, 16, 20, 12, 22, 84],
  /** label | 审批机关意见 | label | 行政机关任免意见 */
  opinionCols: [20, 67, 20, 67],
} as const

/**
 * Every CLI command, loaded only when it runs: `--help` reads the names, usages and summaries here
 * and loads no command (no database driver, exceljs, docx or Chromium), so it answers at once.
 * Each capability adds its own file and one entry here; usage and summary repeat the command's own
 * (tests/cli/cli-lazy.test.ts fails, naming the command, when they differ).
 */
import type { CliCommand } from '../parse'

export interface CommandEntry {
  name: string
  usage: string
  summary: string
  load: () => Promise<CliCommand>
}

export const COMMANDS: CommandEntry[] = [
  {
    name: "form",
    usage: "form --db P (--id IDCARD | --ids ID1,ID2,...) --out FILE.pdf|.docx|.zip [--template 序号_姓名_单位] [--zip-format pdf|docx] [--at DATE] [--json]",
    summary: "打印干部任免审批表（PDF / Word，A4 两页；--ids 按给定顺序成套输出，.zip 为每人一个文件）",
    load: async () => (await import('./form')).formCommand,
  },
  {
    name: "lrmx-export",
    usage: "lrmx-export --db P --id IDCARD --out FILE.lrmx [--json]",
    summary: "导出任免审批表文件（LRMX，全国干部任免审批表软件可打开）",
    load: async () => (await import('./lrmx-export')).lrmxExportCommand,
  },
  {
    name: "lrmx-import",
    usage: "lrmx-import FILE --db P [--dry-run] [--json]",
    summary: "导入任免审批表文件（.lrmx，或含多个 .lrmx 的 zip），按身份证号匹配",
    load: async () => (await import('./lrmx-import')).lrmxImportCommand,
  },
  {
    name: "export",
    usage: "export FILE.xlsx --db P [--layout per-row|by-unit] [--columns k1,k2,...] [--status 在职,调出|全部] [--at DATE] [--json]",
    summary: "导出干部花名册（Excel，A4 横向打印格式；默认在职人员、全部字段）",
    load: async () => (await import('./export')).exportCommand,
  },
  {
    name: "eligibility",
    usage: "eligibility --db P --target section-chief|deputy-section|rank-4|rank-3|rank-2|rank-1 [--at DATE] [--json]",
    summary: "任职资格审查：每名在职干部是否符合提任条件及理由",
    load: async () => (await import('./eligibility')).eligibilityCommand,
  },
  {
    name: "import",
    usage: "import FILE --db P [--sheet NAME] [--dry-run] [--on-duplicate skip|update] [--json]",
    summary: "导入 Excel 花名册（.xlsx、.xls）",
    load: async () => (await import('./import')).importCommand,
  },
  {
    name: "demo",
    usage: "demo --db P [--count N] [--seed S] [--at YYYY-MM-DD] [--json]",
    summary: "生成演示数据：一个虚构县（清川县）的 N 名干部及其记录（默认 2000 人）",
    load: async () => (await import('./demo')).demoCommand,
  },
  {
    name: "list",
    usage: "list --db P [--json]",
    summary: "列出全部干部（--json：{\"cadres\":[...]}，每人含全部规范字段）",
    load: async () => (await import('./list')).listCommand,
  },
  {
    name: "dump",
    usage: "dump --db P [--out FILE]",
    summary: "导出交换文件（全部单位、干部及其记录的 JSON；无 --out 时写到标准输出）",
    load: async () => (await import('./dump')).dumpCommand,
  },
  {
    name: "load",
    usage: "load FILE --db P [--dry-run] [--json]",
    summary: "载入交换文件：按身份证号新增或更新，有误的干部被拒绝并列出，其余一并写入",
    load: async () => (await import('./load')).loadCommand,
  },
  {
    name: "backup",
    usage: "backup --db P [--out FILE] [--json]",
    summary: "在线备份数据库（SQLite 备份接口，运行中也一致）；无 --out 时存入数据库旁的 backups 文件夹，保留最近 10 份",
    load: async () => (await import('./backup')).backupCommand,
  },
  {
    name: "verify",
    usage: "verify --db P [--json]",
    summary: "检查数据库的完整性、外键与审计记录的校验链（只读）：完好时退出码 0，有损坏或审计记录被改动、缺失时列出问题并以 1 退出，不是数据库、密钥不对时以 2 退出",
    load: async () => (await import('./verify')).verifyCommand,
  },
  {
    name: "restore",
    usage: "restore --db P --from FILE [--json]",
    summary: "从备份文件恢复数据库（先检查备份；恢复前的数据另存为安全副本，审计记录保留并记下这次恢复）；数据库已损坏时，损坏的文件改名保留，备份成为新的数据库文件",
    load: async () => (await import('./restore')).restoreCommand,
  },
  {
    name: "encrypt",
    usage: "encrypt --db P [--json]   （密钥取自环境变量 CADRE_DB_KEY）",
    summary: "把未加密的数据库就地加密（经 SQLite 复制、加密、核对后替换原文件，从不先删除），它的备份与安全副本一并加密",
    load: async () => (await import('./encrypt')).encryptCommand,
  },
  {
    name: "stats",
    usage: "stats --db P [--at DATE] [--unit NAME | --kind KIND] [--from DATE --to DATE] [--json]",
    summary: "干部队伍结构统计（人数、女性、少数民族、党外、平均年龄、年龄段、职务层次、学历、职数）",
    load: async () => (await import('./stats')).statsCommand,
  },
  {
    name: "compare",
    usage: "compare --db P --file F [--apply all|KEY,KEY…] [--report OUT.xlsx] [--json]",
    summary: "比对花名册或任免审批表文件（.xlsx/.lrmx/.zip/文件夹）与数据库，列出差异；--apply 回写所选项目",
    load: async () => (await import('./compare')).compareCommand,
  },

]

/**
 * Names the eligibility rules read — 职务层次, 职级, 学历 — arriving from a roster (.xlsx), an
 * exchange file: an unknown one is kept as typed, one warning per value naming row and column, in
 * Chinese; the rules then say 待核实 for it (issue 10).
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { importRoster } from '../../main/roster-import/engine'
import { loadExchangeText } from '../../main/services/exchange'
import { ID } from '../fixtures/make-rosters'
import { recordsContext } from './records-helpers'

async function roster(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('花名册')
  ws.addRow(['姓名', '性别', '出生年月', '身份证号', '职务层次', '职级', '学历', '在职学历'])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('unknown names on a roster import', () => {
  it('keeps each row, one warning per unknown value with its row and column', async () => {
    const ctx = recordsContext('2026-11-23')
    const bytes = await roster([
      ['张三', '男', '1975.03', ID.zhang, '副科级', '四级主任科员', '大学本科', null],
      ['王五', '男', '1990.01', ID.wang, '处级干部', '科长', '大学专科', '职大'],
      ['赵六', '女', '1968.07', ID.zhao, '一般干部', '一级科员', '函授', '研究生'],
    ])
    const { report } = await importRoster(ctx, { bytes, fileName: '花名册.xlsx' })
    expect(report.inserted).toBe(3)
    expect(report.rejected).toEqual([])
    expect(report.warnings.map((w) => [w.row, w.column, w.key])).toEqual([
      [3, 'E', 'positionLevel'],
      [3, 'F', 'rank'],
      [3, 'H', 'eduInService'],
      [4, 'G', 'eduFullTime'],
    ])
    expect(report.warnings[0]?.message).toBe(
      '职务层次“处级干部”不是规定的名称（应为：正处、副处、正科、副科、一般干部），已按原样保存；任职资格审查中涉及它的项目为“待核实”',
    )
    const wang = ctx.db.prepare('SELECT position_level AS l, rank AS r FROM cadres WHERE id_card = ?').get(ID.wang)
    expect(wang).toEqual({ l: '处级干部', r: '科长' })
  })
})

describe('unknown names on an exchange-file load', () => {
  it('warns per cadre and field, and loads the value as typed', () => {
    const ctx = recordsContext('2026-11-23')
    const doc = {
      format: 'cadre-exchange',
      version: 1,
      units: [],
      cadres: [
        { idCard: ID.zhang, name: '张三', positionLevel: '副科', rank: '主任科员' },
        { idCard: ID.wang, name: '王五', eduFullTime: '大学专科' },
      ],
    }
    const r = loadExchangeText(ctx, JSON.stringify(doc), 'x.json')
    expect(r.inserted).toBe(2)
    expect(r.warnings.map((w) => [w.row, w.key, w.value])).toEqual([[1, 'rank', '主任科员']])
    expect(r.warnings[0]?.message).toContain('职级“主任科员”不是规定的名称')
  })
})

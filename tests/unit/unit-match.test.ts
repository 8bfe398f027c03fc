/** Close unit names offered when an import names a unit the tree does not have (issue 13). */
import { describe, expect, it } from 'vitest'
import { suggestUnits, unitPaths } from '../../main/units/match'

const TREE = [
  { id: 1, name: '县直部门', parentId: null },
  { id: 2, name: '县财政局', parentId: 1 },
  { id: 3, name: '县教育局', parentId: 1 },
  { id: 4, name: '县发展和改革局', parentId: 1 },
  { id: 5, name: '县自然资源局', parentId: 1 },
  { id: 6, name: '乡镇', parentId: null },
  { id: 7, name: '城关镇', parentId: 6 },
  { id: 8, name: '县委组织部', parentId: null },
]

describe('suggestUnits', () => {
  it.each([
    { name: '财政局', best: '县财政局', why: 'the county prefix left out' },
    { name: '清川县财政局', best: '县财政局', why: 'the county named in full' },
    { name: '城关镇人民政府', best: '城关镇', why: '人民政府 after a township' },
    { name: '城关镇党委', best: '城关镇', why: '党委 after a township' },
    { name: '中共清川县委组织部', best: '县委组织部', why: '中共 and the county name' },
    { name: '县发改局', best: '县发展和改革局', why: 'an abbreviation keeping the characters in order' },
    { name: '县自然资源和规划局', best: '县自然资源局', why: 'a renamed bureau' },
    { name: '县新农村服务中心', best: null, why: 'nothing alike' },
    { name: '某某镇', best: null, why: 'another township' },
  ])('$name → $best ($why)', ({ name, best }) => {
    expect(suggestUnits(TREE, name)[0]?.name ?? null).toBe(best)
  })

  it('gives the path from the top of the tree', () => {
    expect(unitPaths(TREE).get(7)).toBe('乡镇 › 城关镇')
    expect(suggestUnits(TREE, '财政局')[0]).toMatchObject({ id: 2, path: '县直部门 › 县财政局' })
  })
})

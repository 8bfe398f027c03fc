/**
 * 任职经历 drafted from the 简历 (issue 10): each dated line of work becomes a row; where the text
 * names its unit before the post, the unit goes to 单位 and the post to 职务 (the clerk confirmed
 * rows whose 单位 column stood empty while 职务 repeated the unit); 职务层次 is guessed from the post.
 */
import { describe, expect, it } from 'vitest'
import { draftFromResume } from '../../main/records/appointments'
import { addCadre, recordsContext } from './records-helpers'

describe('draftFromResume', () => {
  it.each([
    ['清川县东川镇科员', '清川县东川镇', '科员', '一般干部'],
    ['清川县东川镇副镇长', '清川县东川镇', '副镇长', '副科'],
    ['城关镇党委副书记、镇长', '城关镇', '党委副书记、镇长', '正科'],
    ['县发展和改革局党组书记、局长', '县发展和改革局', '党组书记、局长', '正科'],
    ['一级主任科员', null, '一级主任科员', null],
    ['在外地务工', null, '在外地务工', '一般干部'],
    ['东川镇党委书记兼人大主席', '东川镇', '党委书记兼人大主席', '正科'],
  ])('%s → 单位 %s，职务 %s，层次 %s', (text, unit, title, level) => {
    const ctx = recordsContext()
    const id = addCadre(ctx, '张伟')
    ctx.db.prepare('INSERT INTO resume_entries (cadre_id, seq, start, end, text) VALUES (?, 1, ?, NULL, ?)').run(id, '2016-05', text)
    const [row] = draftFromResume(ctx, id)
    expect(row).toMatchObject({ start: '2016-05', unit, title, level })
  })

  it('leaves out lines of study', () => {
    const ctx = recordsContext()
    const id = addCadre(ctx, '张伟')
    const ins = ctx.db.prepare('INSERT INTO resume_entries (cadre_id, seq, start, end, text) VALUES (?, ?, ?, ?, ?)')
    ins.run(id, 1, '2004-09', '2008-07', '某某大学经济学专业学习')
    ins.run(id, 2, '2008-07', null, '清川县东川镇科员')
    expect(draftFromResume(ctx, id).map((r) => r.unit)).toEqual(['清川县东川镇'])
  })
})

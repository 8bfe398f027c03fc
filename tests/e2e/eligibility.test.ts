/**
 * 任职资格审查 in Chromium with demo data: open the review for 正科, filter to those blocked by
 * exactly one requirement, open a cadre's evidence, override the failed rule with a written
 * reason (kept in the audit log), record a decision, export the review and print the 审查表.
 */
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMonths } from '../../main/domain/dates'
import { addGoodRecords, insertCadre } from '../db/eligibility-fixture'
import { screenshot, startApp, type StartedApp } from './harness'

const NAME = '审查样例'
const LIFT = '破格样例'
const REASON = '经部务会研究，长期在乡镇一线工作，同意破格'

describe('任职资格审查', () => {
  let app: StartedApp
  // The page works in the browser's local day (Asia/Shanghai in the harness), as the clerk's calendar.
  let today = ''
  let admonished = ''
  let until = ''

  beforeAll(async () => {
    app = await startApp({ demoCount: 300 })
    today = await app.page.evaluate(() => {
      const d = new Date()
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    })
    admonished = addMonths(today, -2)
    until = addMonths(admonished, 6)
    // One known candidate among the demo cadres: meets every 正科 rule but a 诫勉 two months ago.
    const db = app.app.ctx.db
    const id = insertCadre(
      db,
      { name: NAME, birthDate: '1986-05', positionDate: '2020-05', unit: '清川县审查样例局' },
      901,
    )
    addGoodRecords(db, id)
    db.prepare(
      "INSERT OR REPLACE INTO assessments (cadre_id, year, kind, grade) VALUES (?, ?, '年度考核', '称职')",
    ).run(id, Number(today.slice(0, 4)) - 1)
    db.prepare("INSERT INTO talks (cadre_id, date, kind, talker) VALUES (?, ?, '诫勉谈话', '县纪委')").run(
      id,
      admonished,
    )
    // A second one who lacks only the 一线经历 (a qualification, liftable under 条例 第九条).
    const lift = insertCadre(
      db,
      { name: LIFT, birthDate: '1987-05', positionDate: '2020-05', unit: '清川县审查样例局' },
      902,
    )
    addGoodRecords(db, lift)
    db.prepare('DELETE FROM postings WHERE cadre_id = ?').run(lift)
    db.prepare(
      "INSERT OR REPLACE INTO assessments (cadre_id, year, kind, grade) VALUES (?, ?, '年度考核', '称职')",
    ).run(lift, Number(today.slice(0, 4)) - 1)
    await app.page.getByTestId('nav-eligibility').click()
    await app.page.getByTestId('eligibility-page').waitFor()
  }, 120_000)

  afterAll(async () => {
    await app?.close()
  })

  it('shows every active cadre for 正科 with one ✓ ✗ ? column per rule', async () => {
    const page = app.page
    await page.getByTestId('elig-target-section-chief').click()
    await expect.poll(() => page.locator('.page-subtitle').textContent()).toContain('提任正科级领导职务')
    const headers = await page.locator('[data-testid="elig-grid"] .ag-header-cell-text').allTextContents()
    for (const label of [
      '后备干部',
      '一线经历',
      '任职年限',
      '工作年限',
      '学历',
      '年龄',
      '年度考核',
      '处分影响期',
      '诫勉影响期',
      '立案审查调查',
      '配偶子女移居国（境）外',
    ]) {
      expect(headers).toContain(label)
    }
    // every active cadre not yet at 正科 or above (issue 10)
    const active = (
      app.app.ctx.db
        .prepare(
          "SELECT count(*) AS n FROM cadres WHERE status = '在职' AND (position_level IS NULL OR position_level NOT IN ('正科', '副处', '正处'))",
        )
        .get() as { n: number }
    ).n
    await expect.poll(() => page.getByTestId('elig-filter-all').textContent()).toBe(`全部${active}`)
    // the subtitle says whom it counts (it said 在职干部, beside a 统计分析 that counts every one)
    expect(await page.locator('.page-subtitle').textContent()).toContain(`未达该职务层次的在职干部 ${active} 人`)
  })

  it('filters to those blocked by one requirement and opens the evidence', async () => {
    const page = app.page
    const review = (await app.call('eligibility.review', { target: 'section-chief', at: today })) as {
      rows: { name: string; failCount: number; failed: string }[]
    }
    expect(review.rows.find((r) => r.name === NAME)).toMatchObject({ failCount: 1, failed: '诫勉影响期' })
    await page.getByTestId('elig-filter-blocked-by-one').click()
    const one = review.rows.filter((r) => r.failCount === 1).length
    await expect
      .poll(() => page.getByTestId('elig-filter-blocked-by-one').textContent())
      .toBe(`仅一项不符合${one}`)
    await expect.poll(() => page.locator('[data-testid="elig-grid"] .ag-row').count()).toBeGreaterThan(0)
    await page.getByTestId('elig-search').fill(NAME)
    const row = page.locator('[data-testid="elig-grid"] .ag-row', { hasText: NAME }).first()
    await row.waitFor()
    await row.click()
    const panel = page.getByTestId('elig-panel')
    // the first detail of the run (a CI machine under load once took over 30 s to show it)
    await panel.getByTestId('evidence-admonishment').waitFor({ timeout: 90_000 })
    await expect
      .poll(() => panel.getByTestId('evidence-admonishment').textContent())
      .toContain(`${admonished.replace(/-/g, '.')} 诫勉谈话，影响期至 ${until.replace(/-/g, '.')}`)
    await expect.poll(() => panel.getByTestId('elig-panel-verdict').textContent()).toBe('不符合')
    expect(await panel.getByTestId('elig-projection').textContent()).toMatch(/^预计 \d{4}\.\d{2}\.\d{2} 起符合/)
    expect(await panel.getByTestId('evidence-reserve').textContent()).toContain('正科级后备')
    // 条例 第二十四条（六）: named beside the verdict, and never liftable
    expect(await panel.getByTestId('article-admonishment').textContent()).toContain('条例 第二十四条（六）')
    expect(await panel.getByTestId('no-override-admonishment').textContent()).toBe('不可豁免')
    expect(await panel.getByTestId('override-admonishment').count()).toBe(0)
    await panel.getByTestId('evidence-admonishment').scrollIntoViewIfNeeded()
    await screenshot(page, 'eligibility-evidence')

    // A change made elsewhere (here through the API, as another window would) reaches the open
    // panel without a reload: an investigation registered, then ended.
    const cadreId = (app.app.ctx.db.prepare('SELECT id FROM cadres WHERE name = ?').pluck().get(NAME)) as number
    const investigation = panel.getByTestId('elig-investigation')
    expect(await investigation.textContent()).not.toContain('已登记')
    await app.call('eligibility.setInvestigation', { cadreId, target: 'section-chief', at: today, active: true, since: today, note: '另一窗口登记' })
    await expect.poll(() => investigation.textContent()).toContain('正在接受立案审查调查（另一窗口登记）')
    await app.call('eligibility.setInvestigation', { cadreId, target: 'section-chief', at: today, active: false, since: null, note: null })
    await expect.poll(() => investigation.textContent()).not.toContain('已登记')
  })

  it('an override (qualifications only) needs a written reason and lands in the audit log', async () => {
    const page = app.page
    const panel = page.getByTestId('elig-panel')
    await page.getByTestId('elig-search').fill(LIFT)
    await page.locator('[data-testid="elig-grid"] .ag-row', { hasText: LIFT }).first().click()
    await expect.poll(() => panel.getByTestId('evidence-frontline').textContent()).toContain('无一线经历')
    await panel.getByTestId('override-frontline').click()
    await panel.getByTestId('override-confirm').click()
    await expect.poll(() => panel.locator('.field-error').textContent()).toContain('请写明豁免理由')
    await panel.getByTestId('override-reason').fill(REASON)
    await panel.getByTestId('override-confirm').click()
    await expect.poll(() => panel.getByTestId('override-info-frontline').textContent()).toContain(REASON)
    await expect.poll(() => panel.getByTestId('elig-panel-verdict').textContent()).toBe('符合（经豁免）')
    const audit = app.app.ctx.db
      .prepare("SELECT summary, actor FROM audit_log WHERE action = 'override'")
      .all() as {
      summary: string
      actor: string
    }[]
    expect(audit).toHaveLength(1)
    expect(audit[0]!.summary).toContain(LIFT)
    expect(audit[0]!.summary).toContain(REASON)
    // the grid row (the search leaves only this cadre) now reads 符合（经豁免）
    await expect
      .poll(() => page.locator('[data-testid="elig-grid"] .ag-row', { hasText: '符合（经豁免）' }).count())
      .toBe(1)
  })

  it('records a decision with a note', async () => {
    const panel = app.page.getByTestId('elig-panel')
    await panel.getByTestId('decision-推荐').check()
    await panel.getByTestId('decision-note').fill('拟列为考察对象')
    await panel.getByTestId('decision-save').click()
    await expect.poll(() => panel.locator('.elig-history').textContent()).toContain('推荐：拟列为考察对象')
    const row = app.app.ctx.db
      .prepare('SELECT decision, note, verdict, rule_set_version FROM eligibility_decisions')
      .get()
    expect(row).toEqual({ decision: '推荐', note: '拟列为考察对象', verdict: '符合', rule_set_version: 0 })
  })

  it('exports the review to Excel and prints the 资格审查表', async () => {
    const page = app.page
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('elig-export').click(),
    ])
    expect(download.suggestedFilename()).toBe(`正科资格审查_${today}.xlsx`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(await download.path())
    const ws = wb.worksheets[0]!
    const text: string[] = []
    ws.eachRow((r) => r.eachCell((c) => text.push(String(c.value ?? ''))))
    expect(text[0]).toBe('提任正科级领导职务资格审查结果')
    expect(text).toContain(LIFT)
    expect(text).toContain('符合（经豁免）')
    expect(text).toContain(`✗ 无一线经历（需累计 12 个月）（已豁免：${REASON}）`)
    expect(text).toContain('拟列为考察对象')

    const [pdf] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('elig-panel').getByTestId('elig-print').click(),
    ])
    expect(pdf.suggestedFilename()).toBe(`正科资格审查表_${LIFT}_${today}.pdf`)
    const bytes = readFileSync(await pdf.path())
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  }, 90_000)

  it('任职经历: drafted from the 简历, confirmed, saved, and counted by the review', async () => {
    const page = app.page
    const db = app.app.ctx.db
    const id = (db.prepare('SELECT id FROM cadres WHERE name = ?').get(NAME) as { id: number }).id
    const res = db.prepare(
      'INSERT INTO resume_entries (cadre_id, seq, start, end, text) VALUES (?, ?, ?, ?, ?)',
    )
    res.run(id, 1, '2004-09', '2008-07', '某某大学经济学专业学习')
    res.run(id, 2, '2008-07', '2016-05', '清川县东川镇科员')
    res.run(id, 3, '2016-05', '2020-05', '清川县东川镇副镇长')
    res.run(id, 4, '2020-05', null, '清川县审查样例局副局长')
    await page.evaluate((r) => (window.location.hash = `#/cadre/${r}`), id)
    await page.getByTestId('cadre-page').waitFor()
    await page.getByTestId('tab-x-appointments').click()
    const editor = page.getByTestId('appointments-editor')
    await editor.waitFor()
    await editor.getByTestId('appt-draft').click()
    await expect.poll(() => editor.getByTestId('appt-row').count()).toBe(3)
    expect(await editor.locator('.appt-draft').textContent()).toContain('请逐行核对')
    await screenshot(page, 'appointments-editor')
    await editor.getByTestId('appt-save').click()
    await expect
      .poll(() => db.prepare('SELECT count(*) AS n FROM appointments WHERE cadre_id = ?').get(id))
      .toEqual({ n: 3 })
    expect(
      db.prepare('SELECT start, level FROM appointments WHERE cadre_id = ? ORDER BY seq').all(id),
    ).toEqual([
      { start: '2008-07', level: '一般干部' },
      { start: '2016-05', level: '副科' },
      { start: '2020-05', level: '副科' },
    ])
    const d = (await app.call('eligibility.detail', { target: 'section-chief', at: today, cadreId: id })) as {
      rules: { id: string; reason: string }[]
    }
    expect(d.rules.find((r) => r.id === 'tenure')!.reason).toContain('任职经历中副科及以上')
    await page.getByTestId('nav-eligibility').click()
    await page.getByTestId('eligibility-page').waitFor()
  })

  it('edits the rule set in 规则设置: a new version with the note, used by the next review', async () => {
    const page = app.page
    await expect.poll(() => page.locator('.page-subtitle').textContent()).toContain('默认规则')
    await page.getByTestId('elig-rules').click()
    const editor = page.getByTestId('ruleset-section-chief')
    await editor.waitFor()
    await expect
      .poll(() => editor.locator('.elig-rules-meta').textContent())
      .toContain('当前为默认规则（系统内置）')
    await editor.getByTestId('param-age-maxAge').fill('50')
    await editor.getByTestId('ruleset-note').fill('依据县委组织部2026年第3号文件')
    await editor.getByTestId('ruleset-save').click()
    await expect
      .poll(() => page.getByTestId('ruleset-section-chief').locator('.elig-rules-meta').textContent())
      .toContain('当前为第 1 版')
    await screenshot(page, 'eligibility-rules')
    const saved = app.app.ctx.db
      .prepare("SELECT version, note, rules FROM eligibility_rule_sets WHERE target = 'section-chief'")
      .get() as {
      version: number
      note: string
      rules: string
    }
    expect(saved.version).toBe(1)
    expect(saved.note).toBe('依据县委组织部2026年第3号文件')
    expect(
      (JSON.parse(saved.rules) as { id: string; params: { maxAge?: number } }[]).find((r) => r.id === 'age')
        ?.params.maxAge,
    ).toBe(50)
    await page.getByRole('button', { name: '返回任职资格审查' }).click()
    await expect.poll(() => page.locator('.page-subtitle').textContent()).toContain('规则第 1 版')
  })

  it('with a unit chosen, each pill counts the rows listed for its result, and the export of that view agrees', async () => {
    const page = app.page
    await page.getByTestId('elig-search').fill('')
    await page.getByTestId('elig-filter-all').click()
    const review = (await app.call('eligibility.review', { target: 'section-chief', at: today })) as {
      rows: { name: string; unit: string | null; eligible: boolean | null; failCount: number }[]
    }
    // The unit with the most cadres that still fit on screen (every row rendered), and a mix of results.
    const byUnit = new Map<string, typeof review.rows>()
    for (const r of review.rows) if (r.unit) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r])
    const [unit, mine] = [...byUnit]
      .filter(([, rs]) => rs.length <= 20 && new Set(rs.map((r) => r.eligible)).size > 1)
      .sort((a, b) => b[1].length - a[1].length)[0]!
    expect(mine.length).toBeLessThan(review.rows.length)
    await page.getByTestId('elig-unit').selectOption(unit)
    // one 工作单位 cell per row listed (the name column is pinned apart)
    const grid = page.locator('[data-testid="elig-grid"] .ag-row [col-id="unit"]')
    const expected: Record<string, number> = {
      all: mine.length,
      eligible: mine.filter((r) => r.eligible === true).length,
      ineligible: mine.filter((r) => r.eligible === false).length,
      unknown: mine.filter((r) => r.eligible === null).length,
      'blocked-by-one': mine.filter((r) => r.failCount === 1).length,
    }
    const pillOf = async (f: string) =>
      Number(((await page.getByTestId(`elig-filter-${f}`).locator('.elig-count').textContent()) ?? '').trim())
    await expect.poll(() => pillOf('all')).toBe(mine.length)
    for (const f of Object.keys(expected)) {
      await page.getByTestId(`elig-filter-${f}`).click()
      // the pill and the rows the grid lists for it, every one of this unit
      await expect.poll(() => pillOf(f)).toBe(expected[f])
      await expect.poll(() => grid.count()).toBe(expected[f])
      // rows the grid has drawn but not yet filled show an empty cell for a moment
      await expect.poll(async () => [...new Set(await grid.allTextContents())]).toEqual(expected[f] ? [unit] : [])
    }
    await page.getByTestId('elig-filter-ineligible').click()
    await expect.poll(() => grid.count()).toBe(expected.ineligible)
    await screenshot(page, 'eligibility-unit-pills')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('elig-export').click()])
    expect(download.suggestedFilename()).toBe(`正科资格审查_${unit}_${today}.xlsx`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(await download.path())
    const ws = wb.worksheets[0]!
    const listed: string[] = []
    let note = ''
    ws.eachRow((r) => {
      const first = r.getCell(1).value
      if (typeof first === 'number') listed.push(String(r.getCell(4).value))
      else if (String(first ?? '').startsWith('审查日期')) note = String(first)
    })
    expect(listed).toHaveLength(expected.ineligible!)
    expect(new Set(listed)).toEqual(new Set(expected.ineligible ? [unit] : []))
    expect(note).toContain(`工作单位 ${unit} · 不符合 ${expected.ineligible} 人`)
    await page.getByTestId('elig-unit').selectOption('')
    await page.getByTestId('elig-filter-all').click()
    await expect.poll(() => pillOf('all')).toBe(review.rows.length)
  }, 90_000)

  it('keeps target, day and filter while the head visits other pages and after a reload; reopening asks for nothing; a change made elsewhere recounts', async () => {
    const page = app.page
    // every request for the review's rows, as the page sends it
    const asked: { offset: number; limit: number }[] = []
    page.on('request', (r) => {
      if (r.url().endsWith('/api/eligibility.page')) asked.push(JSON.parse(r.postData() ?? '{}') as { offset: number; limit: number })
    })
    const day = addMonths(today, -1)
    await page.getByTestId('elig-target-deputy-section').click()
    await page.getByTestId('elig-date').fill(day.replace(/-/g, '.'))
    await page.getByTestId('elig-date').press('Enter')
    await page.getByTestId('elig-filter-ineligible').click()
    const subtitle = page.locator('.page-subtitle')
    await expect.poll(() => subtitle.textContent()).toContain(`提任副科级领导职务 · 审查日期 ${day.replace(/-/g, '.')}`)
    const pill = (f: string) => page.getByTestId(`elig-filter-${f}`).locator('.elig-count')
    await expect.poll(() => pill('ineligible').textContent()).toMatch(/^\d+$/)
    // The footer without its 计算用时 (a later answer may carry another time for the same view).
    const footer = async () => ((await page.locator('.elig-footer').textContent()) ?? '').replace(/计算用时.*$/, '')
    // wait for the view asked for (not a count from the view before): its 不符合 rows, as the service finds them
    const deputyReview = (await app.call('eligibility.review', { target: 'deputy-section', at: day })) as {
      rows: { eligible: boolean | null }[]
    }
    const ineligible = deputyReview.rows.filter((r) => r.eligible === false).length
    await expect.poll(footer).toMatch(new RegExp(`^显示 ${ineligible} / `))
    await expect.poll(() => pill('ineligible').textContent()).toBe(String(ineligible))
    const shownBefore = await footer()

    await page.getByTestId('nav-roster').click()
    await page.getByTestId('roster-grid').waitFor()
    asked.length = 0
    await page.getByTestId('nav-eligibility').click()
    await expect.poll(() => subtitle.textContent()).toContain(`提任副科级领导职务 · 审查日期 ${day.replace(/-/g, '.')}`)
    expect(await page.getByTestId('elig-target-deputy-section').getAttribute('aria-checked')).toBe('true')
    expect(await page.getByTestId('elig-filter-ineligible').getAttribute('aria-checked')).toBe('true')
    await expect.poll(footer).toBe(shownBefore)
    // the first rows and the counts came from the cache: nothing changed, nothing was asked
    expect(asked).toEqual([])

    // One who meets every 正科 rule, written behind the app's back (hence the reload next).
    const good = insertCadre(app.app.ctx.db, { name: '符合样例', birthDate: '1986-05', positionDate: '2020-05', unit: '清川县审查样例局' }, 903)
    addGoodRecords(app.app.ctx.db, good)

    // A reload (the same browser session) opens the same view, and asks for its first rows once.
    await page.reload()
    await page.getByTestId('eligibility-page').waitFor()
    await expect.poll(() => subtitle.textContent()).toContain(`提任副科级领导职务 · 审查日期 ${day.replace(/-/g, '.')}`)
    expect(await page.getByTestId('elig-filter-ineligible').getAttribute('aria-checked')).toBe('true')
    await expect.poll(() => pill('ineligible').textContent()).toMatch(/^\d+$/)
    expect(asked.filter((q) => q.offset === 0 && q.limit === 200)).toHaveLength(1)

    // A 诫勉 recorded elsewhere for an eligible cadre: the counts change on this page, no reload.
    await page.getByTestId('elig-target-section-chief').click()
    const review = (await app.call('eligibility.review', { target: 'section-chief', at: day })) as {
      rows: { cadreId: number; eligible: boolean | null }[]
    }
    const eligible = review.rows.filter((r) => r.eligible === true)
    expect(eligible.map((r) => r.cadreId)).toContain(good)
    await expect.poll(() => pill('eligible').textContent()).toBe(String(eligible.length))
    await app.call('records.add', {
      cadreId: good,
      kind: 'talks',
      data: { date: addMonths(day, -1), kind: '诫勉谈话', talker: '县纪委', reason: null, content: null, followUp: null, followUpDeadline: null, docNo: null },
    })
    await expect.poll(() => pill('eligible').textContent()).toBe(String(eligible.length - 1))
    await screenshot(page, 'eligibility-remembered-live')
    // back to the page's first view for whoever comes next
    await page.getByTestId('elig-filter-all').click()
  }, 120_000)
})

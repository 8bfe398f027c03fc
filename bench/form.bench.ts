/**
 * The 干部任免审批表 and LRMX over 200 demo cadres: one form to PDF (Chromium start included),
 * 50 forms in one PDF and in one .docx (a meeting set: the list checked, then written), a zip of
 * 50 .docx, the HTML of 200 forms, and an LRMX round trip of 200 people as one zip
 * (export each, zip, preview and import into an empty database).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import { openDatabase } from '../main/db/open'
import { formDocx, formHtml, formPdf } from '../main/form/service'
import { buildFormSet, resolveSetEntries } from '../main/form/set'
import { exportLrmx } from '../main/lrmx/export'
import { applyLrmx, previewLrmx } from '../main/lrmx/import'
import { createContext } from '../main/services/context'
import { loadDemo } from '../main/services/demo'
import { ms, now, type Report } from './shared'

const N = 200

export default async function formBench(report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-form-'))
  const db = openDatabase(join(dir, 'a.db'))
  const ctx = createContext({ db, dbPath: join(dir, 'a.db'), dataDir: dir, host: 'test', at: '2026-11-23' })
  loadDemo(ctx, { count: N, seed: 1 })
  const ids = (db.prepare('SELECT id FROM cadres ORDER BY id').all() as { id: number }[]).map((r) => r.id)

  let t = now()
  await formPdf(ctx, ids.slice(0, 1))
  report('任免审批表 1 人 → PDF（含启动 Chromium）', ms(t) / 1000, 's', '< 5 s')

  t = now()
  const pdf = await formPdf(ctx, ids.slice(0, 50))
  report('任免审批表 50 人 → 一个 PDF（100 页）', ms(t) / 1000, 's', '< 30 s')
  report('50 人 PDF 大小', pdf.bytes.length / 1024 / 1024, 'MB')

  // A meeting set of 50 by ID number: the list checked against the database, then written.
  const list = (
    db.prepare(`SELECT id_card FROM cadres WHERE id IN (${ids.slice(50, 100).join(',')})`).all() as {
      id_card: string
    }[]
  ).map((r) => r.id_card)
  t = now()
  const checked = resolveSetEntries(ctx, list)
  report('成套名单核对（50 个身份证号）', ms(t), 'ms')
  t = now()
  const setDocx = await buildFormSet(ctx, checked.ids, { output: 'docx' })
  report('成套 50 人 → 一个 Word（.docx，100 页）', ms(t) / 1000, 's', '< 10 s')
  report('50 人 Word 大小', setDocx.bytes.length / 1024 / 1024, 'MB')
  t = now()
  const setPdf = await buildFormSet(ctx, checked.ids, { output: 'pdf' })
  report('成套 50 人 → 一个 PDF（100 页）', ms(t) / 1000, 's', '< 30 s')
  report('成套 50 人 PDF 大小', setPdf.bytes.length / 1024 / 1024, 'MB')
  t = now()
  const setZip = await buildFormSet(ctx, checked.ids, { output: 'zip', zipFormat: 'docx' })
  report('成套 50 人 → ZIP（每人一个 .docx）', ms(t) / 1000, 's', '< 10 s')
  report('50 人 ZIP 大小', setZip.bytes.length / 1024 / 1024, 'MB')
  t = now()
  await formDocx(ctx, ids.slice(0, 1))
  report('任免审批表 1 人 → Word（.docx）', ms(t), 'ms', '< 1000 ms')

  t = now()
  formHtml(ctx, ids)
  report(`任免审批表 HTML（${N} 人）`, ms(t), 'ms')

  t = now()
  const zip = new JSZip()
  for (const id of ids) {
    const r = exportLrmx(ctx, id)
    zip.file(`${id}-${r.fileName}`, r.bytes)
  }
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
  report(`导出 LRMX（${N} 人）并打包 zip`, ms(t), 'ms')

  const b = openDatabase(join(dir, 'b.db'))
  const bctx = createContext({
    db: b,
    dbPath: join(dir, 'b.db'),
    dataDir: dir,
    host: 'test',
    at: '2026-11-23',
  })
  t = now()
  await previewLrmx(bctx, bytes, 'all.zip')
  report(`LRMX zip 预览（${N} 个文件）`, ms(t), 'ms', '< 5000 ms')
  t = now()
  const rep = await applyLrmx(bctx, bytes, 'all.zip')
  report(`LRMX zip 导入空库（新建 ${rep.created} 人）`, ms(t), 'ms', '< 5000 ms')
  b.close()
  db.close()
}

// The floor for a whole export process (bench/export.bench.ts): open the database file, read the
// rows with one statement (.iterate), stream them with exceljs's WorkbookWriter, commit each row.
// No styles, no checks, no title merges, no print setup. Plain JavaScript so it starts as fast as
// node can: whole process against whole process with the app's CLI export.
// Usage: node bench/export-bare.mjs DB OUT.xlsx   (EXPORT_BARE = {"select": "...", "headers": [...]})
import Database from 'better-sqlite3-multiple-ciphers'
import ExcelJS from 'exceljs'

const [dbPath, out] = process.argv.slice(2)
const { select, headers } = JSON.parse(process.env.EXPORT_BARE ?? '{}')
if (!dbPath || !out || !select) throw new Error('usage: node bench/export-bare.mjs DB OUT (EXPORT_BARE set)')
const db = new Database(dbPath, { readonly: true })
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
  filename: out,
  useStyles: false,
  useSharedStrings: false,
})
const ws = wb.addWorksheet('干部花名册')
ws.addRow(['干部花名册']).commit()
ws.addRow(headers).commit()
let n = 0
const stmt = db
  .prepare(`SELECT ${select} FROM cadres c LEFT JOIN units u ON u.id = c.unit_id ORDER BY c.id`)
  .raw(true)
for (const r of stmt.iterate()) {
  r[0] = ++n
  ws.addRow(r).commit()
}
ws.commit()
await wb.commit()
db.close()
process.stdout.write(JSON.stringify({ rows: n, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n')

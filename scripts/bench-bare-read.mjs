// exceljs's bare streaming read of a roster, as its own process (bench/import-cli.bench.ts): every
// row of every sheet iterated, nothing done with them. Prints the row count.
import ExcelJS from 'exceljs'

const file = process.argv[2]
if (!file) throw new Error('usage: node scripts/bench-bare-read.mjs FILE')
const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' })
let rows = 0
for await (const ws of reader) for await (const _row of ws) rows++
process.stdout.write(`${rows}\n`)

/**
 * The direct row writer (main/export/row-xml.ts) against exceljs's own rendering: the same
 * sheets written both ways must give the same file, part for part, byte for byte (only the
 * creation time in docProps/core.xml differs). A user sees the same cells, styles, heights and
 * merges whichever way the rows went out.
 */
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { columnLetter, xmlEncode } from '../../main/export/row-xml'
import { workbookToBytes, type TableItem, type TableSheet } from '../../main/export/workbook'

/** Every part of an .xlsx as text, the creation time masked. */
async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes)
  const out = new Map<string, string>()
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.file(name)
    if (!f) continue
    let text = await f.async('string')
    if (name === 'docProps/core.xml') text = text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T')
    out.set(name, text)
  }
  return out
}

async function bothWays(sheets: () => TableSheet[]): Promise<void> {
  const direct = await parts((await workbookToBytes(sheets())).bytes)
  const reference = await parts((await workbookToBytes(sheets(), { exceljsRows: true })).bytes)
  expect([...direct.keys()]).toEqual([...reference.keys()])
  for (const [name, text] of reference) expect(direct.get(name), name).toBe(text)
}

const odd = [
  '=1+1',
  '+86 139',
  '-3',
  '@SUM(A1)',
  'a & b < c > d "e" \'f\'',
  'tab\there',
  'line\nbreak\r\nend',
  'bell\u0007 del\u007f nul\u0000 vt\u000b',
  '𠀀 emoji 😀 王',
  '   ',
  '0',
  '1975.03',
  '41010019750318123X',
]

describe('direct rows give the same file as exceljs rows', () => {
  const cases: { name: string; sheets: () => TableSheet[] }[] = [
    {
      name: 'every kind of column, empty cells, odd text, wrapped rows with a height',
      sheets: () => [
        {
          name: '花名册',
          title: '某某县干部花名册',
          note: '共 3 人',
          freezeColumns: 2,
          total: 40,
          columns: [
            { header: '序号', kind: 'integer' },
            { header: '姓名' },
            { header: '出生年月', kind: 'month' },
            { header: '日期', kind: 'day' },
            { header: '身份证号', kind: 'idCard' },
            { header: '数', kind: 'number' },
            { header: '单位', kind: 'longText', width: 8 },
          ],
          rows: Array.from({ length: 40 }, (_, i): TableItem => [
            i + 1,
            odd[i % odd.length],
            i % 3 ? '1975-03' : 'not a month',
            i % 4 ? '2026-08-03' : null,
            i % 5 ? odd[(i + 3) % odd.length] : null,
            i % 2 ? i * 1.5 : '12',
            i % 6 ? '县财政局国库股'.repeat(i % 5) : '',
          ]),
        },
      ],
    },
    {
      name: 'group rows (merged) between data rows, several sheets, a row with nothing in it',
      sheets: () => [
        {
          name: '按机构',
          title: 't',
          columns: [{ header: 'a' }, { header: 'b', kind: 'longText' }, { header: 'c', kind: 'integer' }],
          rows: (async function* (): AsyncGenerator<TableItem> {
            for (let g = 0; g < 5; g++) {
              yield { group: `单位${g}（3人）` }
              for (let i = 0; i < 3; i++)
                yield [`人${g}-${i}`, i ? '很长的文字'.repeat(g + 1) : null, g * 10 + i]
            }
            yield [null, null, null]
            yield ['after the empty row', null, 0]
          })(),
        },
        {
          name: '第二张',
          title: 'second',
          landscape: false,
          columns: Array.from({ length: 30 }, (_, i) => ({ header: `列${i + 1}` })),
          rows: [Array.from({ length: 30 }, (_, i) => (i % 2 ? `v${i}` : null))],
        },
      ],
    },
    {
      name: 'a table with no rows at all',
      sheets: () => [{ name: 'empty', title: 'nothing', columns: [{ header: 'a' }], rows: [] }],
    },
  ]
  for (const c of cases) it(c.name, () => bothWays(c.sheets))
})

describe('pieces of the direct writer', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [30, 'AD'],
    [52, 'AZ'],
    [703, 'AAA'],
  ])('column %i is %s', (n, letters) => expect(columnLetter(n)).toBe(letters))

  it.each([
    ['plain 王', 'plain 王'],
    ['<a href="x">&\'</a>', '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;'],
    ['keep\ttab\nnewline\rreturn', 'keep\ttab\nnewline\rreturn'],
    ['drop\u0000\u0008\u000b\u000c\u000e\u001f\u007f', 'drop'],
    ['\u0001only', 'only'],
  ])('xmlEncode(%j) is %j', (input, out) => expect(xmlEncode(input)).toBe(out))
})

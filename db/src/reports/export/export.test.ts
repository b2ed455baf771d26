// The export writers: a CSV with awkward text quoted, and an XLSX that a real unzip opens with the rows in sheet1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { csvLines, minorToDecimal, type ReportColumn } from './csv';
import { buildXlsx, xlsxStream } from './xlsx';
import { crc32 } from './zip';

interface Row {
  name: string;
  quantity: string;
  valueMinor: number;
}
const columns: ReportColumn<Row>[] = [
  { key: 'name', kind: 'text', value: (r) => r.name },
  { key: 'quantity', kind: 'quantity', value: (r) => r.quantity },
  { key: 'value', kind: 'money', value: (r) => r.valueMinor },
];
async function* rows(): AsyncGenerator<Row> {
  yield { name: 'Piens "2 %", 1 l', quantity: '15.000', valueMinor: 1650 };
  yield { name: 'Milti <kg> & co', quantity: '-0.250', valueMinor: -5 };
}

test('money prints from minor units exactly, negatives included', () => {
  assert.equal(minorToDecimal(1650), '16.50');
  assert.equal(minorToDecimal(-5), '-0.05');
  assert.equal(minorToDecimal(1234, 0), '1234');
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
});

test('CSV quotes separators and quotes, prints money with two places', async () => {
  let text = '';
  for await (const l of csvLines(columns, ['Name', 'Qty', 'Value'], rows())) text += l;
  assert.equal(text, '\ufeffName,Qty,Value\r\n"Piens ""2 %"", 1 l",15.000,16.50\r\nMilti <kg> & co,-0.250,-0.05\r\n');
});

test('a sheet of 1,234 rows streams in chunks and still unzips whole', async () => {
  async function* many(): AsyncGenerator<Row> {
    for (let i = 1; i <= 1234; i++) yield { name: `Item ${i}`, quantity: '1.000', valueMinor: i };
  }
  const chunks: Buffer[] = [];
  for await (const b of xlsxStream('Long', columns, ['Name', 'Qty', 'Value'], many())) chunks.push(b);
  assert.ok(chunks.length > 5, 'sent in many pieces');
  const dir = mkdtempSync(join(tmpdir(), 'kasa-xlsx-'));
  try {
    const path = join(dir, 'long.xlsx');
    writeFileSync(path, Buffer.concat(chunks));
    const out = execFileSync('python3', ['-c', 'import zipfile,sys,re; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; s=z.read("xl/worksheets/sheet1.xml").decode(); print(len(re.findall("<row ", s)), re.findall(r"<c r=.C1235.><v>([^<]*)<", s)[0])', path]).toString();
    assert.equal(out.trim(), '1235 12.34');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('XLSX unzips and sheet1.xml holds the rows, numbers as numbers', async () => {
  const file = await buildXlsx('Stock', columns, ['Name', 'Qty', 'Value'], rows());
  const dir = mkdtempSync(join(tmpdir(), 'kasa-xlsx-'));
  try {
    const path = join(dir, 'r.xlsx');
    writeFileSync(path, file);
    const out = execFileSync('python3', [
      '-c',
      'import zipfile,sys,json; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))',
      path,
    ]).toString();
    const parts = JSON.parse(out) as Record<string, string>;
    assert.deepEqual(Object.keys(parts).sort(), ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const sheet = parts['xl/worksheets/sheet1.xml']!;
    assert.match(sheet, /<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">Name<\/t>/);
    assert.match(sheet, /<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">Piens &quot;2 %&quot;, 1 l<\/t><\/is><\/c><c r="B2"><v>15<\/v><\/c><c r="C2"><v>16.5<\/v><\/c><\/row>/);
    assert.match(sheet, /Milti &lt;kg&gt; &amp; co.*<c r="B3"><v>-0.25<\/v><\/c><c r="C3"><v>-0.05<\/v><\/c>/);
    assert.match(parts['xl/workbook.xml']!, /<sheet name="Stock"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

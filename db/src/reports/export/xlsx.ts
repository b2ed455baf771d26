// A minimal valid XLSX (Office Open XML spreadsheet): one sheet, inline strings, numbers as numbers (money in
// currency units, quantities as decimals) under a header row. No library: five XML parts in a streamed ZIP.

import { Decimal } from '@kasa/domain';
import type { ReportColumn } from './columns';
import { zipStream } from './zip';

const xmlEscape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''); // eslint-disable-line no-control-regex

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cell(ref: string, v: string | number | null): string {
  if (v === null || v === '') return '';
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(v)}</t></is></c>`;
}

function row(n: number, values: Array<string | number | null>): string {
  return `<row r="${n}">${values.map((v, i) => cell(`${columnName(i)}${n}`, v)).join('')}</row>`;
}

/** The cell of a value: money and quantities as numbers, so the sheet can sum them. */
function typed<T>(c: ReportColumn<T>, r: T, moneyDecimals: number): string | number | null {
  const v = c.value(r);
  if (v === null) return null;
  if (c.kind === 'money' && typeof v === 'number') return new Decimal(v).div(new Decimal(10).pow(moneyDecimals)).toNumber();
  if (c.kind === 'quantity' || c.kind === 'integer') return Number(v);
  return String(v);
}

const ROWS_PER_CHUNK = 500;

/** The sheet XML, a few hundred rows a chunk, as the report rows arrive. */
async function* sheetXml<T>(columns: ReportColumn<T>[], headers: string[], rows: AsyncIterable<T>, moneyDecimals: number): AsyncGenerator<string> {
  let chunk =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    row(1, headers);
  let n = 1;
  for await (const r of rows) {
    chunk += row(++n, columns.map((c) => typed(c, r, moneyDecimals)));
    if (n % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</sheetData></worksheet>`;
}

/** The workbook of a report as a stream of ZIP bytes: rows are read, written and compressed as they come. */
export function xlsxStream<T>(
  sheetName: string,
  columns: ReportColumn<T>[],
  headers: string[],
  rows: AsyncIterable<T>,
  opts: { moneyDecimals?: number } = {},
): AsyncGenerator<Buffer> {
  const name = xmlEscape(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Report');
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '</Relationships>',
  };
  return zipStream([
    ...Object.entries(files).map(([file, text]) => ({ name: file, data: Buffer.from(text, 'utf8') })),
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml(columns, headers, rows, opts.moneyDecimals ?? 2) },
  ]);
}

/** The whole workbook in one buffer (small reports, tests). */
export async function buildXlsx<T>(
  sheetName: string,
  columns: ReportColumn<T>[],
  headers: string[],
  rows: AsyncIterable<T>,
  opts: { moneyDecimals?: number } = {},
): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of xlsxStream(sheetName, columns, headers, rows, opts)) parts.push(b);
  return Buffer.concat(parts);
}

// CSV lines (RFC 4180 quoting) for streaming a report row by row.

import { cellText, type ReportColumn } from './columns';

export * from './columns';

export function csvField(text: string, separator = ','): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: string[], separator = ','): string {
  return `${fields.map((f) => csvField(f, separator)).join(separator)}\r\n`;
}

/** The CSV text of a report: a header line, then one line per row as the rows arrive. */
export async function* csvLines<T>(
  columns: ReportColumn<T>[],
  headers: string[],
  rows: AsyncIterable<T>,
  opts: { separator?: string; moneyDecimals?: number } = {},
): AsyncGenerator<string> {
  const sep = opts.separator ?? ',';
  yield `\ufeff${csvLine(headers, sep)}`; // the byte-order mark makes spreadsheet programs read UTF-8
  for await (const row of rows) yield csvLine(columns.map((c) => cellText(c.kind, c.value(row), opts.moneyDecimals)), sep);
}

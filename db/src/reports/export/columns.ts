// How a report row becomes cells: one column list per report serves the CSV, the XLSX and the UI's table.

export type CellKind = 'text' | 'quantity' | 'money' | 'integer';

export interface ReportColumn<T> {
  /** i18n key of the header (the server translates it). */
  key: string;
  kind: CellKind;
  value: (row: T) => string | number | null;
}

/** A cell's text in a CSV: money from minor units with the currency's decimals, quantities as given. */
export function cellText(kind: CellKind, v: string | number | null, moneyDecimals = 2): string {
  if (v === null || v === undefined) return '';
  if (kind === 'money' && typeof v === 'number') return minorToDecimal(v, moneyDecimals);
  return String(v);
}

export function minorToDecimal(minor: number, decimals = 2): string {
  const n = BigInt(minor);
  if (decimals === 0) return n.toString();
  const abs = n < 0n ? -n : n;
  const unit = 10n ** BigInt(decimals);
  return `${n < 0n ? '-' : ''}${abs / unit}.${(abs % unit).toString().padStart(decimals, '0')}`;
}

// Number series (ISM "číselná řada"): a document is identified by the triple (series, year, number).
// The format turns the triple into the printed number, e.g. "{code}-{yyyy}-{n:6}" → "PAV-2026-000042".

import { DomainError } from '../errors/domain-error';

export interface SeriesNumber {
  code: string;
  year: number;
  number: number;
}

export function formatDocumentNumber(format: string, n: SeriesNumber): string {
  return format.replace(/\{(code|yyyy|yy|n)(?::(\d+))?\}/g, (_m, key: string, width?: string) => {
    if (key === 'code') return n.code;
    if (key === 'yyyy') return String(n.year);
    if (key === 'yy') return String(n.year % 100).padStart(2, '0');
    const digits = String(n.number);
    const w = width ? Number(width) : 0;
    if (w && digits.length > w) throw new DomainError('series.exhausted', { series: n.code, year: n.year, width: w });
    return digits.padStart(w, '0');
  });
}

/** Series rights per user (ISM: access record per user): a user may use a series only if granted. */
export function canUseSeries(rights: readonly string[], seriesCode: string): boolean {
  return rights.includes('*') || rights.includes('series.*') || rights.includes(`series.${seriesCode}`);
}

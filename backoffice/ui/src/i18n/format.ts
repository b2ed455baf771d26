// Numbers, money and dates through Intl in the user's language. Money arrives as integer minor units and is
// turned into a decimal string by digit shifting (never float division), then handed to Intl as a string.
import type { Language } from './dictionary';

export const locales: Record<Language, string> = { en: 'en-GB', lv: 'lv-LV', ru: 'ru-RU', cs: 'cs-CZ', hu: 'hu-HU' };

/** 12345 minor units with 2 fraction digits → "123.45"; -5 → "-0.05". */
export function minorToDecimalString(minor: number | bigint, digits: number): string {
  const n = BigInt(minor);
  const neg = n < 0n;
  const abs = (neg ? -n : n).toString().padStart(digits + 1, '0');
  const int = abs.slice(0, abs.length - digits);
  const frac = abs.slice(abs.length - digits);
  return `${neg ? '-' : ''}${int}${digits > 0 ? `.${frac}` : ''}`;
}

function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatMoney(minor: number | null | undefined, currency: string, lang: Language): string {
  if (minor === null || minor === undefined) return '';
  const digits = currencyDigits(currency);
  const value = minorToDecimalString(minor, digits);
  // Intl accepts decimal strings exactly (NumberFormat v3); the cast keeps older lib typings happy.
  return new Intl.NumberFormat(locales[lang], { style: 'currency', currency, minimumFractionDigits: digits }).format(
    value as unknown as number,
  );
}

/** "1.250" → "1,25" / "1.25" in the user's locale; quantities keep up to 3 places. */
export function formatQuantity(quantity: string | null | undefined, lang: Language): string {
  if (quantity === null || quantity === undefined || quantity === '') return '';
  return new Intl.NumberFormat(locales[lang], { maximumFractionDigits: 3 }).format(quantity as unknown as number);
}

export function formatNumber(n: number, lang: Language): string {
  return new Intl.NumberFormat(locales[lang]).format(n);
}

/** "2026-11-23" → a localized date, read as a calendar date (no time-zone shift). */
export function formatDate(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locales[lang], { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** What a person types ("1,5", "2", " 0.125 ") → the contract's 3-place decimal string, or null if not a number. */
export function parseQuantity(input: string): string | null {
  const s = input.trim().replace(',', '.');
  const m = /^(-?)(\d*)(?:\.(\d{0,3}))?$/.exec(s);
  if (!m || (m[2] === '' && !m[3])) return null;
  const int = (m[2] || '0').replace(/^0+(?=\d)/, '');
  return `${m[1]}${int}.${(m[3] ?? '').padEnd(3, '0')}`;
}

/** "12,34" → 1234 minor units (2 fraction digits), or null. */
export function parseMoneyMinor(input: string, digits = 2): number | null {
  const s = input.trim().replace(/\s/g, '').replace(',', '.');
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === '' && !m[3]) || (m[3] ?? '').length > digits) return null;
  const n = Number(`${m[2] || '0'}${(m[3] ?? '').padEnd(digits, '0')}`);
  return m[1] ? -n : n;
}

/** Sum of 3-place quantity strings, done in integer thousandths. */
const toMilli = (q: string): bigint => BigInt((parseQuantity(q) ?? '0.000').replace('.', ''));

export function addQuantities(a: string, b: string): string {
  return minorToDecimalString(toMilli(a) + toMilli(b), 3);
}

export function compareQuantities(a: string, b: string): number {
  const d = toMilli(a) - toMilli(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

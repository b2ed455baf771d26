// Money, quantities and dates as people in each language read them, via Intl.
import type { Language } from './dictionary';

const LOCALES: Record<Language, string> = { en: 'en-GB', lv: 'lv-LV', ru: 'ru-RU', cs: 'cs-CZ', hu: 'hu-HU' };

export function locale(lang: Language): string {
  return LOCALES[lang];
}

// Building an Intl formatter costs far more than using one (a receipt of 40 lines took tens of milliseconds per render
// when every amount built its own), so each language/currency/shape is built once and kept.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${options.currency ?? ''}|${options.minimumFractionDigits ?? ''}|${options.maximumFractionDigits ?? ''}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(LOCALES[lang], options)));
  return f;
}

/** Minor units to a display string; integer arithmetic only, the formatter sees an exact decimal string. */
export function formatMoney(minor: number, currency: string, lang: Language): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const text = `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  // Intl accepts decimal strings exactly (no binary float in between).
  return numberFormat(lang, { style: 'currency', currency, minimumFractionDigits: 2 }).format(text as unknown as number);
}

export function formatQuantity(quantity: string, weighted: boolean, lang: Language): string {
  return numberFormat(lang, { minimumFractionDigits: weighted ? 3 : 0, maximumFractionDigits: 3 }).format(quantity as unknown as number);
}

export function formatDateTime(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** "12,50" or "12.50" typed by a cashier → 1250 minor units; null when it is not an amount. */
export function parseMoneyInput(text: string): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** "1,5" → "1.500"; null when it is not a quantity with up to 3 decimals. */
export function parseQuantityInput(text: string): string | null {
  const t = text.trim().replace(',', '.');
  const m = /^(\d{1,6})(?:\.(\d{0,3}))?$/.exec(t);
  if (!m) return null;
  const q = `${Number(m[1])}.${(m[2] ?? '').padEnd(3, '0')}`;
  return q === '0.000' ? null : q;
}

// Receipt layout: a typed receipt → ESC/POS bytes for 42- or 48-column paper.
// Our own instead of receiptline: receiptline transcodes text itself and picks code pages by its own table,
// while we must choose the exact ESC t page per shop (WPC1257 for lv, PC852 for cs/hu, PC866 for ru) and know
// byte-for-byte what the printer gets, so that the emulator and the fiscal journal can check it.

import { currency, type Money } from '@kasa/domain';
import { align, barcode, bold, characterSize, concat, cut, feedLines, initialize, line, qrCode, rasterImage, selectCodePage, type RasterImage } from './encoder';
import type { BarcodeSystem, CodePage } from './protocol';

export type ReceiptLanguage = 'en' | 'lv' | 'ru' | 'cs' | 'hu';

export interface ReceiptLabels {
  total: string;
  vat: string;
  vatBase: string;
  change: string;
}

/** Printed words per language (the receipt is a user-facing text). */
export const RECEIPT_LABELS: Record<ReceiptLanguage, ReceiptLabels> = {
  en: { total: 'TOTAL', vat: 'VAT', vatBase: 'Base', change: 'Change' },
  lv: { total: 'KOPĀ', vat: 'PVN', vatBase: 'Bāze', change: 'Atlikums' },
  ru: { total: 'ИТОГ', vat: 'НДС', vatBase: 'База', change: 'Сдача' },
  cs: { total: 'CELKEM', vat: 'DPH', vatBase: 'Základ', change: 'Vráceno' },
  hu: { total: 'ÖSSZESEN', vat: 'ÁFA', vatBase: 'Alap', change: 'Visszajáró' },
};

/** The code page each language prints in by default. */
export const LANGUAGE_CODE_PAGE: Record<ReceiptLanguage, CodePage> = { en: 'PC437', lv: 'WPC1257', ru: 'PC866', cs: 'PC852', hu: 'PC852' };

export interface ReceiptItem {
  name: string;
  /** Quantity as printed, e.g. "2" or "0.512" (kg, 3 places for weighed goods). */
  quantity: string;
  unit?: string;
  price: Money;
  sum: Money;
}

export interface ReceiptVatLine {
  /** Rate as printed, e.g. "21%". */
  rate: string;
  base: Money;
  vat: Money;
}

export interface Receipt {
  language: ReceiptLanguage;
  header: string[];
  items: ReceiptItem[];
  vat: ReceiptVatLine[];
  total: Money;
  payments: { method: string; amount: Money }[];
  change?: Money;
  footer: string[];
  logo?: RasterImage;
  qr?: string;
  barcode?: { system: BarcodeSystem; data: string };
}

export interface ReceiptLayoutOptions {
  columns: 42 | 48;
  /** Overrides the language's default code page. */
  codePage?: CodePage;
  cut?: 'full' | 'partial';
}

export function formatMoney(m: Money): string {
  return m.amount.toFixed(currency(m.currency).minorUnits);
}

/** Left text and right text on one line of `width` columns; the left side is cut if both do not fit. */
export function twoColumns(left: string, right: string, width: number): string {
  const room = Math.max(0, width - right.length - 1);
  const l = [...left].slice(0, room).join('');
  return l + ' '.repeat(Math.max(1, width - l.length - right.length)) + right;
}

export function layoutReceipt(r: Receipt, opts: ReceiptLayoutOptions): Uint8Array {
  const cp = opts.codePage ?? LANGUAGE_CODE_PAGE[r.language];
  const w = opts.columns;
  const t = RECEIPT_LABELS[r.language];
  const rule = line('-'.repeat(w), cp);
  const out: Uint8Array[] = [initialize(), selectCodePage(cp)];

  out.push(align('center'));
  if (r.logo) out.push(rasterImage(r.logo));
  r.header.forEach((h, i) => {
    if (i === 0) out.push(bold(true), characterSize(2, 2), line([...h].slice(0, w / 2).join(''), cp), characterSize(1, 1), bold(false));
    else out.push(line([...h].slice(0, w).join(''), cp));
  });
  out.push(align('left'), rule);

  for (const it of r.items) {
    out.push(line([...it.name].slice(0, w).join(''), cp));
    const qty = `  ${it.quantity}${it.unit ? ' ' + it.unit : ''} x ${formatMoney(it.price)}`;
    out.push(line(twoColumns(qty, formatMoney(it.sum), w), cp));
  }
  out.push(rule);

  for (const v of r.vat) {
    const left = `${t.vat} ${v.rate}  ${t.vatBase} ${formatMoney(v.base)}`;
    out.push(line(twoColumns(left, formatMoney(v.vat), w), cp));
  }
  out.push(bold(true), characterSize(1, 2), line(twoColumns(t.total, `${formatMoney(r.total)} ${r.total.currency}`, w), cp), characterSize(1, 1), bold(false));
  for (const p of r.payments) out.push(line(twoColumns(p.method, formatMoney(p.amount), w), cp));
  if (r.change) out.push(line(twoColumns(t.change, formatMoney(r.change), w), cp));

  out.push(rule, align('center'));
  for (const f of r.footer) out.push(line([...f].slice(0, w).join(''), cp));
  if (r.qr) out.push(qrCode(r.qr));
  if (r.barcode) out.push(barcode(r.barcode.system, r.barcode.data));
  out.push(align('left'), feedLines(3), cut(opts.cut ?? 'partial'));
  return concat(out);
}

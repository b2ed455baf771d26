// GTIN check digits (EAN-13, EAN-8, UPC-A) and weight-/price-embedded in-store EAN-13 (prefixes 20–29).

import { DomainError } from '../errors/domain-error';
import { Decimal } from '../money/decimal';

/** GS1 mod-10 check digit of the digits before it. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const d = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export type Symbology = 'EAN-13' | 'EAN-8' | 'UPC-A';

export function gtinSymbology(code: string): Symbology | null {
  if (!/^\d+$/.test(code)) return null;
  const kind = ({ 13: 'EAN-13', 8: 'EAN-8', 12: 'UPC-A' } as const)[code.length as 13 | 8 | 12];
  if (!kind) return null;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.at(-1)) ? kind : null;
}

export function isValidGtin(code: string): boolean {
  return gtinSymbology(code) !== null;
}

/** Appends the check digit: "400638133393" → "4006381333931". */
export function withCheckDigit(body: string): string {
  return body + gtinCheckDigit(body);
}

/**
 * Layout of an in-store EAN-13 with an embedded value, configured per store, e.g. "PPIIIIIWWWWWC":
 * P prefix (2 digits), I item code, W weight in grams (or V price in minor units), C check digit.
 */
export interface EmbeddedLayout {
  /** Prefixes (two digits, 20–29) this layout applies to. */
  prefixes: string[];
  pattern: string;
  /** Decimal places of the embedded value: 3 for grams → kg, 2 for cents. */
  decimals: number;
}

export const DEFAULT_WEIGHT_LAYOUT: EmbeddedLayout = { prefixes: ['21', '22', '23', '24', '25', '26', '27', '28', '29'], pattern: 'PPIIIIIWWWWWC', decimals: 3 };
export const DEFAULT_PRICE_LAYOUT: EmbeddedLayout = { prefixes: ['20'], pattern: 'PPIIIIIVVVVVC', decimals: 2 };

export interface EmbeddedBarcode {
  kind: 'weight' | 'price';
  prefix: string;
  itemCode: string;
  /** Weight in kg (3 places) or price in the currency. */
  value: Decimal;
}

export function parseEmbeddedEan(code: string, layouts: EmbeddedLayout[] = [DEFAULT_WEIGHT_LAYOUT, DEFAULT_PRICE_LAYOUT]): EmbeddedBarcode | null {
  if (code.length !== 13 || !/^\d+$/.test(code)) return null;
  const prefix = code.slice(0, 2);
  const layout = layouts.find((l) => l.prefixes.includes(prefix));
  if (!layout) return null;
  if (layout.pattern.length !== 13) throw new DomainError('barcode.layout_invalid', { pattern: layout.pattern }, 400);
  if (!isValidGtin(code)) throw new DomainError('barcode.check_digit', { code }, 400);
  const pick = (ch: string) => [...layout.pattern].map((c, i) => (c === ch ? code[i] : '')).join('');
  const weight = pick('W');
  const price = pick('V');
  const raw = weight || price;
  return {
    kind: weight ? 'weight' : 'price',
    prefix,
    itemCode: pick('I'),
    value: new Decimal(raw || '0').div(new Decimal(10).pow(layout.decimals)),
  };
}

// The one Decimal configuration for the whole product: enough precision for costs, half-up rounding as on receipts.

import DecimalJs from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;
export type DecimalInput = Decimal | string | number;

export const ZERO = new Decimal(0);

export function dec(v: DecimalInput): Decimal {
  return v instanceof Decimal ? v : new Decimal(v);
}

/** Parses a user- or API-supplied decimal string strictly: digits, optional sign and point, nothing else. */
export function parseDecimal(text: string): Decimal | null {
  if (!/^-?\d{1,15}(\.\d{1,6})?$/.test(text.trim())) return null;
  return new Decimal(text.trim());
}

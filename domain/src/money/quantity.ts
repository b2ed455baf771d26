// Quantities in whole thousandths: the ledger stores them so (quantity_milli), and documents carry them as text with
// at most three decimals. Most quantities ("3", "0.250") are read and written here in whole numbers; anything else
// (an exponent, a fourth decimal, more digits than exact counting allows) gives null and callers take Decimal's way.

import { Decimal, type DecimalInput } from './decimal';

const QUANTITY_TEXT = /^(-?)(\d{1,12})(?:\.(\d{1,3}))?$/;
const PAD = ['', '00', '0', ''];

/** The quantity in whole thousandths, or null when it is not plain text or a Decimal with at most three decimals. */
export function milliOf(q: DecimalInput): number | null {
  if (typeof q === 'string') {
    const m = QUANTITY_TEXT.exec(q);
    if (!m) return null;
    const frac = m[3] === undefined ? 0 : Number(m[3] + PAD[m[3].length]!);
    const milli = Number(m[2]) * 1000 + frac;
    return m[1] ? -milli || 0 : milli;
  }
  const d = q instanceof Decimal ? q : typeof q === 'number' && Number.isFinite(q) ? new Decimal(q) : null;
  if (!d || !d.isFinite()) return null;
  const milli = d.mul(1000);
  return milli.isInteger() && milli.abs().lte(Number.MAX_SAFE_INTEGER) ? milli.toNumber() + 0 : null;
}

/** Thousandths as the text a document stores: always three decimals ("3.000", "-0.250"). */
export function milliText(milli: number): string {
  const a = Math.abs(milli);
  const whole = Math.floor(a / 1000);
  const frac = a - whole * 1000;
  return `${milli < 0 ? '-' : ''}${whole}.${frac < 10 ? '00' : frac < 100 ? '0' : ''}${frac}`;
}

/** n / d rounded half away from zero, for whole numbers whose products stay exact (|n|, 2|n| + d below 2^53). */
export function divRoundHalfUp(n: number, d: number): number {
  const a = Math.abs(2 * n) + d;
  const b = 2 * d;
  let q = Math.floor(a / b);
  // Floating division of exact integers is off by at most one near a whole quotient: settle it exactly.
  while (q * b > a) q--;
  while ((q + 1) * b <= a) q++;
  return n < 0 ? -q : q;
}

/**
 * The unit cost of `milli` thousandths worth `valueMinor`, in minor units to six decimals, as balances store it
 * ("95.273818", "40"): the same text as Decimal's value × 1000 ÷ milli to six places, in whole numbers where exact.
 */
export function unitCostText(valueMinor: number, milli: number): string {
  const n = valueMinor * 1e9;
  if (milli > 0 && Number.isSafeInteger(n) && Number.isSafeInteger(2 * Math.abs(n) + milli)) {
    const micro = divRoundHalfUp(n, milli);
    const a = Math.abs(micro);
    const whole = Math.floor(a / 1e6);
    const frac = String(a - whole * 1e6).padStart(6, '0').replace(/0+$/, '');
    return `${micro < 0 ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
  }
  return new Decimal(valueMinor).mul(1000).div(milli).toDecimalPlaces(6).toString();
}

// Quantities cross the API as JSON numbers (2, 0.75) and live in the database as integer thousandths, like the ledger.

import { dec, DomainError } from '@kasa/domain';

export function toMilli(quantity: number, item: string, unitDecimals: number): number {
  if (!Number.isFinite(quantity) || quantity < 0)
    throw new DomainError('validation.quantity', { item, quantity: String(quantity) }, 422);
  const d = dec(String(quantity));
  if (d.decimalPlaces() > Math.min(3, unitDecimals))
    throw new DomainError('validation.quantity', { item, quantity: String(quantity) }, 422);
  return d.mul(1000).toNumber();
}

export function fromMilli(milli: number): number {
  return Number(dec(milli).div(1000).toString());
}

export function milliText(milli: number): string {
  return dec(milli).div(1000).toFixed(3);
}

/** Price per unit × quantity in thousandths, rounded half-up to minor units. */
export function lineAmountMinor(priceMinor: number, milli: number): number {
  return dec(priceMinor).mul(milli).div(1000).toDecimalPlaces(0).toNumber();
}

// Minor units and decimal strings as CommerceML writes them (СуммаТип: at most 2 fraction digits).

import { DomainError } from '@kasa/domain';

/** 12345 → "123.45", -5 → "-0.05"; exact, no floating point. */
export function minorToAmount(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new DomainError('commerceml.amount_invalid', { minor: String(minor) }, 400);
  const neg = minor < 0;
  const digits = String(Math.abs(minor)).padStart(3, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Checks a quantity / rate decimal string so xsd:decimal accepts it. */
export function decimalText(value: string, field: string): string {
  const v = value.trim();
  if (!DECIMAL.test(v)) throw new DomainError('commerceml.decimal_invalid', { field, value }, 400);
  return v;
}

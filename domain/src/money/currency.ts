// Currencies our shops book in, with their ISO 4217 minor units.

import { DomainError } from '../errors/domain-error';
import { Decimal } from './decimal';

export type CurrencyCode = 'EUR' | 'CZK' | 'HUF' | 'RUB';

export interface Currency {
  code: CurrencyCode;
  /** Digits after the decimal point in amounts of this currency (ISO 4217). */
  minorUnits: number;
}

export const CURRENCIES: Record<CurrencyCode, Currency> = {
  EUR: { code: 'EUR', minorUnits: 2 },
  CZK: { code: 'CZK', minorUnits: 2 },
  HUF: { code: 'HUF', minorUnits: 2 },
  RUB: { code: 'RUB', minorUnits: 2 },
};

export function currency(code: string): Currency {
  const c = CURRENCIES[code as CurrencyCode];
  if (!c) throw new DomainError('currency.unknown', { currency: code }, 400);
  return c;
}

const FACTORS = new Map<CurrencyCode, Decimal>();
const INVERSE_FACTORS = new Map<CurrencyCode, Decimal>();

/** 10^-minorUnits (0.01): scaling minor units down by a multiplication, exact in decimal, cheaper than a division. */
export function minorUnitSize(code: CurrencyCode): Decimal {
  let f = INVERSE_FACTORS.get(code);
  if (!f) {
    f = new Decimal(10).pow(-currency(code).minorUnits);
    INVERSE_FACTORS.set(code, f);
  }
  return f;
}

/** 10^minorUnits as a Decimal, made once per currency (amounts are scaled by it on every line). */
export function minorFactor(code: CurrencyCode): Decimal {
  let f = FACTORS.get(code);
  if (!f) {
    f = new Decimal(10).pow(currency(code).minorUnits);
    FACTORS.set(code, f);
  }
  return f;
}

// Currencies our shops book in, with their ISO 4217 minor units.

import { DomainError } from '../errors/domain-error';

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

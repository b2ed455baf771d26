// Cash rounding strategies: what a cash total is rounded to at the till. Card payments are never rounded.

import { Money } from './money';
import { Decimal } from './decimal';

type RoundingMode = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export type CashRoundingName = 'none' | 'nearest-5-units' | 'nearest-unit' | 'nearest-0.05' | 'down-to-unit';

export interface CashRoundingStrategy {
  name: CashRoundingName;
  /** Rounds a cash total; the difference is booked as cash rounding. */
  round(total: Money): Money;
}

function stepRounding(name: CashRoundingName, step: string, mode: RoundingMode): CashRoundingStrategy {
  const s = new Decimal(step);
  return {
    name,
    round(total) {
      // Round the magnitude so a refund rounds the same way as the sale it reverses.
      const q = total.amount.abs().div(s).toDecimalPlaces(0, mode).mul(s);
      return Money.of(total.amount.isNeg() ? q.neg() : q, total.currency);
    },
  };
}

export const CASH_ROUNDING: Record<CashRoundingName, CashRoundingStrategy> = {
  none: { name: 'none', round: (t) => t },
  // Hungary: cash totals end in 0 or 5 forints (1–2 down, 3–4 up to 5, 6–7 down to 5, 8–9 up).
  'nearest-5-units': stepRounding('nearest-5-units', '5', Decimal.ROUND_HALF_UP),
  // Czechia: cash totals in whole crowns, half up.
  'nearest-unit': stepRounding('nearest-unit', '1', Decimal.ROUND_HALF_UP),
  // Euro countries that adopted 5-cent rounding for cash.
  'nearest-0.05': stepRounding('nearest-0.05', '0.05', Decimal.ROUND_HALF_UP),
  // Kopecks dropped in the customer's favour.
  'down-to-unit': stepRounding('down-to-unit', '1', Decimal.ROUND_DOWN),
};

export function cashRounding(name: string): CashRoundingStrategy {
  return CASH_ROUNDING[name as CashRoundingName] ?? CASH_ROUNDING.none;
}

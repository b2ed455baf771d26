// The stock ledger's arithmetic: a balance is (quantity, value); movements change both in one step.
// Moving-average cost: an issue takes value in proportion to quantity; the last unit takes the rest, so value never
// drifts. Standard cost: every movement is valued at the item's standard unit cost.

import { DomainError } from '../errors/domain-error';
import { Decimal, dec, type DecimalInput } from '../money/decimal';

export type CostingMethod = 'average' | 'standard';
export type NegativeStockPolicy = 'forbid' | 'allow';

export interface StockBalance {
  /** Quantity in the item's unit, exact decimal (3 places). */
  quantity: Decimal;
  /** Value in minor units of the company currency. */
  valueMinor: number;
  /** Unit cost of the last receipt, used when stock is zero or negative. */
  lastUnitCostMinor: Decimal;
}

export interface MovementInput {
  item: string;
  warehouse: string;
  /** Signed quantity: positive in, negative out. */
  quantity: DecimalInput;
  /** For incoming movements with a known cost (receiving, return at original cost): the total value in minor units. */
  valueMinor?: number;
}

export interface CostingSettings {
  method: CostingMethod;
  standardUnitCostMinor?: DecimalInput;
  negativeStock: NegativeStockPolicy;
}

export interface AppliedMovement {
  balance: StockBalance;
  /** Signed value of the movement in minor units (negative for issues). */
  valueMinor: number;
}

export const EMPTY_BALANCE: StockBalance = { quantity: new Decimal(0), valueMinor: 0, lastUnitCostMinor: new Decimal(0) };

const round = (x: Decimal) => x.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();

export function applyMovement(b: StockBalance, m: MovementInput, s: CostingSettings): AppliedMovement {
  const q = dec(m.quantity);
  if (q.isZero()) return { balance: b, valueMinor: 0 };
  const newQty = b.quantity.plus(q);
  if (q.isNeg() && newQty.isNeg() && s.negativeStock === 'forbid') {
    throw new DomainError('stock.negative', {
      item: m.item,
      warehouse: m.warehouse,
      available: b.quantity.toFixed(3),
      requested: q.neg().toFixed(3),
    });
  }
  let value: number;
  if (s.method === 'standard') {
    value = round(q.mul(dec(s.standardUnitCostMinor ?? 0)));
  } else if (m.valueMinor !== undefined) {
    value = m.valueMinor;
  } else if (q.isPos()) {
    value = round(q.mul(b.lastUnitCostMinor));
  } else if (b.quantity.isPos() && q.neg().gte(b.quantity)) {
    // The issue empties the stock: it takes all remaining value, plus any shortfall at the last cost.
    value = -(b.valueMinor + round(q.neg().minus(b.quantity).mul(b.lastUnitCostMinor)));
  } else if (b.quantity.isPos()) {
    value = -round(new Decimal(b.valueMinor).mul(q.neg()).div(b.quantity));
  } else {
    value = round(q.mul(b.lastUnitCostMinor));
  }
  const lastUnitCostMinor = q.isPos() && m.valueMinor !== undefined ? new Decimal(m.valueMinor).div(q) : b.lastUnitCostMinor;
  return { balance: { quantity: newQty, valueMinor: b.valueMinor + value, lastUnitCostMinor }, valueMinor: value };
}

// Cutting (разделка): one input lot split into several outputs and waste; the input's cost is shared by a key
// (weight, sales price, fixed coefficients) so that the shares always sum to the input cost to the minor unit.

import { DomainError } from '../errors/domain-error';
import { allocateMinor } from '../money/money';
import { Decimal, dec, type DecimalInput } from '../money/decimal';
import type { ItemNames } from './recipe';

export const CUTTING_KEYS = ['weight', 'price', 'coefficient'] as const;
export type CuttingKey = (typeof CUTTING_KEYS)[number];

export interface CuttingOutput {
  /** Waste without an item is only recorded as lost. */
  itemId?: number;
  quantity: DecimalInput;
  /** Sales price per unit in minor units (price key). */
  priceMinor?: DecimalInput;
  /** Fixed coefficient per unit (coefficient key). */
  coefficient?: DecimalInput;
  waste?: boolean;
  /** Waste with a value of its own (bones sold for rendering): minor units for its whole quantity; otherwise 0. */
  wasteValueMinor?: number;
}

export interface CuttingShare {
  itemId?: number;
  quantity: string;
  waste: boolean;
  costMinor: number;
  /** Exact cost per unit of this output. */
  unitCostMinor: Decimal;
}

const label = (o: CuttingOutput, i: number, names: ItemNames) => (o.itemId === undefined ? `#${i + 1}` : names(o.itemId));

/** Splits the input cost over the outputs in their order; waste first takes its own value (or 0), the rest goes by the key. */
export function splitCuttingCost(inputCostMinor: number, outputs: readonly CuttingOutput[], key: CuttingKey, names: ItemNames = String): CuttingShare[] {
  if (!CUTTING_KEYS.includes(key)) throw new DomainError('cutting.key_unknown', { key: String(key) }, 400);
  if (!Number.isSafeInteger(inputCostMinor) || inputCostMinor < 0) throw new DomainError('cutting.input_cost_invalid', { value: String(inputCostMinor) });
  if (!outputs.some((o) => !o.waste)) throw new DomainError('cutting.no_outputs', {}, 400);
  const quantities = outputs.map((o, i) => {
    if (!o.waste && o.itemId === undefined) throw new DomainError('document.field_required', { field: 'itemId', number: `#${i + 1}` }, 400);
    const q = dec(o.quantity);
    if (!q.isFinite() || q.lte(0) || q.decimalPlaces() > 3) throw new DomainError('validation.quantity', { item: label(o, i, names), quantity: String(o.quantity) }, 400);
    return q;
  });
  const wasteValues = outputs.map((o, i) => {
    if (!o.waste) return 0;
    const v = o.wasteValueMinor ?? 0;
    if (!Number.isSafeInteger(v) || v < 0) throw new DomainError('cutting.input_cost_invalid', { item: label(o, i, names), value: String(v) });
    return v;
  });
  const wasteTotal = wasteValues.reduce((a, b) => a + b, 0);
  if (wasteTotal > inputCostMinor) throw new DomainError('cutting.waste_exceeds_cost', { waste: wasteTotal, input: inputCostMinor });
  const weights = outputs.map((o, i) => {
    if (o.waste) return new Decimal(0);
    const q = quantities[i]!;
    if (key === 'weight') return q;
    const f = key === 'price' ? o.priceMinor : o.coefficient;
    if (f === undefined || f === null || f === '') throw new DomainError('cutting.key_missing', { item: label(o, i, names), key }, 400);
    const d = dec(f);
    if (!d.isFinite() || d.isNeg()) throw new DomainError('cutting.key_missing', { item: label(o, i, names), key }, 400);
    return q.mul(d);
  });
  if (weights.every((w) => w.isZero())) throw new DomainError('cutting.key_zero', { key });
  const shares = allocateMinor(inputCostMinor - wasteTotal, weights);
  const costs = shares.map((s, i) => (outputs[i]!.waste ? wasteValues[i]! : s));
  const sum = costs.reduce((a, b) => a + b, 0);
  // allocateMinor guarantees this; the check keeps a future change from booking a cent nobody owns.
  if (sum !== inputCostMinor) throw new DomainError('cutting.split_mismatch', { input: inputCostMinor, split: sum });
  return outputs.map((o, i) => ({
    itemId: o.itemId,
    quantity: quantities[i]!.toFixed(3),
    waste: !!o.waste,
    costMinor: costs[i]!,
    unitCostMinor: new Decimal(costs[i]!).div(quantities[i]!),
  }));
}

// Ledger scenarios worked by hand: receipts, sales, a return and a storno with the average cost after each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMovement, EMPTY_BALANCE, type CostingSettings, type StockBalance } from './costing';

const avg: CostingSettings = { method: 'average', negativeStock: 'forbid' };
const state = (b: StockBalance) => [b.quantity.toFixed(3), b.valueMinor];

test('moving average through receipts, a sale, a return and a storno', () => {
  // receive 10 @ 1.00 → 10 / 10.00
  let r = applyMovement(EMPTY_BALANCE, { item: 'milk', warehouse: 'W1', quantity: '10', valueMinor: 1000 }, avg);
  assert.deepEqual(state(r.balance), ['10.000', 1000]);
  // receive 5 @ 1.30 = 6.50 → 15 / 16.50, average 1.10
  r = applyMovement(r.balance, { item: 'milk', warehouse: 'W1', quantity: '5', valueMinor: 650 }, avg);
  assert.deepEqual(state(r.balance), ['15.000', 1650]);
  // sell 4 → 16.50·4/15 = 4.40 out → 11 / 12.10
  r = applyMovement(r.balance, { item: 'milk', warehouse: 'W1', quantity: '-4' }, avg);
  assert.equal(r.valueMinor, -440);
  assert.deepEqual(state(r.balance), ['11.000', 1210]);
  // customer returns 1 at the cost it left with (1.10) → 12 / 13.20
  r = applyMovement(r.balance, { item: 'milk', warehouse: 'W1', quantity: '1', valueMinor: 110 }, avg);
  assert.deepEqual(state(r.balance), ['12.000', 1320]);
  // sell 0.333 kg-like fraction: 13.20·0.333/12 = 0.3663 → 0.37 → 11.667 / 12.83
  r = applyMovement(r.balance, { item: 'milk', warehouse: 'W1', quantity: '-0.333' }, avg);
  assert.equal(r.valueMinor, -37);
  assert.deepEqual(state(r.balance), ['11.667', 1283]);
  // storno of the 0.333 sale: reverse exactly → 12 / 13.20
  r = applyMovement(r.balance, { item: 'milk', warehouse: 'W1', quantity: '0.333', valueMinor: 37 }, avg);
  assert.deepEqual(state(r.balance), ['12.000', 1320]);
  // sell everything: the last issue takes all remaining value, no residue
  r = applyMovement(r.balance, { item: 'milk', warehouse: 'W1', quantity: '-12' }, avg);
  assert.equal(r.valueMinor, -1320);
  assert.deepEqual(state(r.balance), ['0.000', 0]);
});

test('negative stock is refused where the warehouse forbids it, and valued at last cost where allowed', () => {
  const b = applyMovement(EMPTY_BALANCE, { item: 'bread', warehouse: 'W1', quantity: '2', valueMinor: 100 }, avg).balance;
  assert.throws(() => applyMovement(b, { item: 'bread', warehouse: 'W1', quantity: '-3' }, avg), /stock.negative/);
  const r = applyMovement(b, { item: 'bread', warehouse: 'W1', quantity: '-3' }, { ...avg, negativeStock: 'allow' });
  // 2 at 1.00 take the 1.00 value, the third at last cost 0.50 → −1.50
  assert.equal(r.valueMinor, -150);
  assert.deepEqual(state(r.balance), ['-1.000', -50]);
});

test('standard cost values every movement at the standard unit cost', () => {
  const std: CostingSettings = { method: 'standard', standardUnitCostMinor: 250, negativeStock: 'allow' };
  let r = applyMovement(EMPTY_BALANCE, { item: 'cake', warehouse: 'W1', quantity: '4', valueMinor: 900 }, std);
  assert.equal(r.valueMinor, 1000);
  r = applyMovement(r.balance, { item: 'cake', warehouse: 'W1', quantity: '-1' }, std);
  assert.equal(r.valueMinor, -250);
  assert.deepEqual(state(r.balance), ['3.000', 750]);
});

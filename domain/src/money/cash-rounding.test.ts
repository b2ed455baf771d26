import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASH_ROUNDING } from './cash-rounding';
import { Money } from './money';

const r = (name: keyof typeof CASH_ROUNDING, amount: string, cur: 'HUF' | 'CZK' | 'EUR' = 'HUF') =>
  CASH_ROUNDING[name].round(Money.of(amount, cur)).toFixed();

test('Hungarian cash totals end in 0 or 5 forints', () => {
  assert.equal(r('nearest-5-units', '1231'), '1230.00');
  assert.equal(r('nearest-5-units', '1232'), '1230.00');
  assert.equal(r('nearest-5-units', '1233'), '1235.00');
  assert.equal(r('nearest-5-units', '1237'), '1235.00');
  assert.equal(r('nearest-5-units', '1238'), '1240.00');
  assert.equal(r('nearest-5-units', '-1238'), '-1240.00');
});

test('Czech cash totals in whole crowns, half up', () => {
  assert.equal(r('nearest-unit', '123.49', 'CZK'), '123.00');
  assert.equal(r('nearest-unit', '123.50', 'CZK'), '124.00');
});

test('no rounding leaves card totals alone', () => {
  assert.equal(r('none', '10.01', 'EUR'), '10.01');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateMinor, Money } from './money';

test('money is stored as integer minor units and read back exactly', () => {
  assert.equal(Money.of('0.1', 'EUR').plus(Money.of('0.2', 'EUR')).toMinor(), 30);
  assert.equal(Money.fromMinor(1999, 'CZK').toFixed(), '19.99');
  assert.throws(() => Money.of('0.005', 'EUR').toMinor(), /money.not_rounded/);
  assert.throws(() => Money.of(1, 'EUR').plus(Money.of(1, 'CZK')), /currency_mismatch/);
});

test('allocation always sums to the total', () => {
  assert.deepEqual(allocateMinor(100, [1, 1, 1]), [34, 33, 33]);
  assert.deepEqual(allocateMinor(1000, ['0.5', '0.25', '0.25']), [500, 250, 250]);
  assert.deepEqual(allocateMinor(7, [0, 0]), [7, 0]);
});

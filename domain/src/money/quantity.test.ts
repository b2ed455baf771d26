import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from './decimal';
import { milliOf, milliText } from './quantity';

test('plain quantities read as whole thousandths, the same as Decimal reads them', () => {
  for (const q of ['0', '1', '3', '12.5', '0.25', '0.250', '0.001', '999999999.999', '-2', '-0.5', '-0', '007.100'])
    assert.equal(milliOf(q), new Decimal(q).mul(1000).toNumber() + 0, q);
  assert.equal(milliOf(new Decimal('2.125')), 2125);
  assert.equal(milliOf(1.5), 1500);
});

test('anything else is left to Decimal: more decimals, exponents, signs and spaces, beyond exact counting', () => {
  for (const q of ['1.0005', '1e3', '+1', ' 1', '1.', '.5', '', 'abc', '1,5', '1234567890123'])
    assert.equal(milliOf(q), null, q);
  assert.equal(milliOf(new Decimal('0.0001')), null);
  assert.equal(milliOf(new Decimal('1e20')), null);
  assert.equal(milliOf(Number.NaN), null);
});

test('thousandths print with three decimals, as documents store quantities', () => {
  assert.equal(milliText(3000), '3.000');
  assert.equal(milliText(250), '0.250');
  assert.equal(milliText(5), '0.005');
  assert.equal(milliText(-12050), '-12.050');
  assert.equal(milliText(0), '0.000');
  for (const m of [1, 10, 99, 100, 1001, 123456789012345]) assert.equal(milliText(m), new Decimal(m).div(1000).toFixed(3));
});

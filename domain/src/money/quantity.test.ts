import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from './decimal';
import { milliOf, milliText, unitCostText } from './quantity';

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

test('a unit cost reads the same as Decimal works it to six decimals, ties and large values included', () => {
  const decimal = (v: number, m: number) => new Decimal(v).mul(1000).div(m).toDecimalPlaces(6).toString();
  const values = [0, 1, 2, 5, 15, 127, 250, 1000, 99_999, 1_234_567, 9_007_199, 9_007_200, 123_456_789_012, -127];
  const millis = [1, 2, 3, 7, 8, 125, 333, 375, 1000, 1333, 3000, 12_345, 999_999_999_999];
  for (let i = 0; i < 500; i++) {
    values.push((i * 7919) % 100_003);
    millis.push(1 + ((i * 104_729) % 1_000_000));
  }
  for (const v of values) for (const m of millis) assert.equal(unitCostText(v, m), decimal(v, m), `${v} / ${m}`);
  assert.equal(unitCostText(127, 1333), '95.273818');
  assert.equal(unitCostText(15, 375), '40');
  // 1 cent for 2,000,000 pieces is 0.0000005 of a cent each: a tie, which rounds up.
  assert.equal(unitCostText(1, 2_000_000_000), '0.000001');
  assert.equal(unitCostText(1, 2_000_000), '0.0005');
});

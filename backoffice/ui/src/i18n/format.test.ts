import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addQuantities, compareQuantities, formatDate, formatMoney, minorToDecimalString, parseMoneyMinor, parseQuantity } from './format';

test('minor units become decimal strings by shifting digits', () => {
  assert.equal(minorToDecimalString(12345, 2), '123.45');
  assert.equal(minorToDecimalString(5, 2), '0.05');
  assert.equal(minorToDecimalString(-5, 2), '-0.05');
  assert.equal(minorToDecimalString(1250, 3), '1.250');
});

test('money is formatted per language by Intl', () => {
  // Latvian groups thousands with a no-break space, and only from five digits up (1234,50 but 12 345,67).
  assert.match(formatMoney(123450, 'EUR', 'lv'), /^1234,50\s€$/);
  assert.match(formatMoney(1234567, 'EUR', 'lv'), /^12\s345,67\s€$/);
  assert.equal(formatMoney(123450, 'EUR', 'en'), '€1,234.50');
  assert.match(formatMoney(9990, 'CZK', 'cs'), /^99,90\sKč$/);
  assert.equal(formatMoney(null, 'EUR', 'en'), '');
});

test('dates are calendar dates, not shifted by the time zone', () => {
  assert.match(formatDate('2026-11-23', 'lv'), /^23\.11\.2026\.?$/);
  assert.equal(formatDate('2026-11-23', 'en'), '23/11/2026');
});

test('typed quantities and prices become the contract forms', () => {
  assert.equal(parseQuantity('1,5'), '1.500');
  assert.equal(parseQuantity(' 2 '), '2.000');
  assert.equal(parseQuantity('0.125'), '0.125');
  assert.equal(parseQuantity('1.2345'), null);
  assert.equal(parseQuantity('abc'), null);
  assert.equal(parseMoneyMinor('12,34'), 1234);
  assert.equal(parseMoneyMinor('7'), 700);
  assert.equal(parseMoneyMinor('0.1'), 10);
  assert.equal(parseMoneyMinor('1.234'), null);
});

test('quantities add in thousandths: 0.100 + 0.200 is exactly 0.300', () => {
  assert.equal(addQuantities('0.100', '0.200'), '0.300');
  assert.equal(addQuantities('10.000', '2.5'), '12.500');
  assert.equal(compareQuantities('12.500', '12.000'), 1);
  assert.equal(compareQuantities('3', '3.000'), 0);
});

// EAN-13 modules checked against the GS1 tables by hand for 4751003380014 (first digit 4 → parity LGLLGG).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ean13Modules, isEan13 } from './ean13';

test('4751003380014 encodes to 95 modules: guards, L/G left half by parity LGLLGG, R right half', () => {
  const m = ean13Modules('4751003380014')!;
  assert.equal(m.length, 95);
  assert.equal(m.slice(0, 3), '101');
  // digits 7 5 1 0 0 3 in L G L L G G
  assert.equal(m.slice(3, 45), '0111011' + '0111001' + '0011001' + '0001101' + '0100111' + '0100001');
  assert.equal(m.slice(45, 50), '01010');
  // digits 3 8 0 0 1 4 in R (check digit: 4+21+5+3+0+0+3+9+8+0+0+3 = 56 → 4)
  assert.equal(m.slice(50, 92), '1000010' + '1001000' + '1110010' + '1110010' + '1100110' + '1011100');
  assert.equal(m.slice(92), '101');
});

test('a wrong check digit or a non-EAN code gives no bars', () => {
  assert.equal(isEan13('4751003380019'), false);
  assert.equal(ean13Modules('MILK-1'), null);
});

// The weighing panel's arithmetic, worked by hand: 1.234 kg on the scale in a 10 g bag is 1.224 kg of cheese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gramsToKg, kgToGrams, weighing } from './weighing';

test('kg strings and whole grams', () => {
  assert.equal(kgToGrams('1.234'), 1234);
  assert.equal(kgToGrams('0.01'), 10);
  assert.equal(kgToGrams('2'), 2000);
  assert.equal(kgToGrams('-0.010'), -10);
  assert.equal(kgToGrams('1.2345'), null);
  assert.equal(kgToGrams('abc'), null);
  assert.equal(gramsToKg(1224), '1.224');
  assert.equal(gramsToKg(5), '0.005');
  assert.equal(gramsToKg(-10), '-0.010');
});

test('net = gross − tare, taken only steady and above zero', () => {
  assert.deepEqual(weighing({ weight: '1.234', stable: true }, 10), { ok: true, netGrams: 1224, net: '1.224' });
  assert.deepEqual(weighing({ weight: '1.234', stable: false }, 10), { ok: false, reason: 'unstable', netGrams: 1224, net: '1.224' });
  // The empty bag alone on the scale: nothing to sell.
  assert.deepEqual(weighing({ weight: '0.010', stable: true }, 10), { ok: false, reason: 'notPositive', netGrams: 0, net: '0.000' });
  assert.deepEqual(weighing({ weight: '0.005', stable: true }, 20), { ok: false, reason: 'notPositive', netGrams: -15, net: '-0.015' });
  assert.deepEqual(weighing({ weight: null, stable: false, error: 'device.none' }, 0), { ok: false, reason: 'noScale', netGrams: null, net: null });
  assert.deepEqual(weighing(null, 0), { ok: false, reason: 'noScale', netGrams: null, net: null });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gtinSymbology, parseEmbeddedEan, withCheckDigit } from './ean';

test('check digits of EAN-13, EAN-8 and UPC-A from printed packs', () => {
  assert.equal(gtinSymbology('4006381333931'), 'EAN-13'); // Stabilo pen, GS1 example
  assert.equal(gtinSymbology('4006381333932'), null);
  assert.equal(gtinSymbology('96385074'), 'EAN-8');
  assert.equal(gtinSymbology('036000291452'), 'UPC-A');
  // 475000000001 from the right ×3,×1…: 1·3 + 5·1 + 7·3 + 4·1 = 33 → check 7
  assert.equal(withCheckDigit('475000000001'), '4750000000017');
});

test('a scale label 2312345012345 carries item 12345 and 1.234 kg', () => {
  // body 231234501234 from the right ×3,×1…: 4·3+3+2·3+1+0·3+5+4·3+3+2·3+1+3·3+2 = 60 → check 0
  const code = withCheckDigit('231234501234');
  assert.equal(code, '2312345012340');
  const p = parseEmbeddedEan(code);
  assert.equal(p?.kind, 'weight');
  assert.equal(p?.itemCode, '12345');
  assert.equal(p?.value.toFixed(3), '1.234');
  assert.throws(() => parseEmbeddedEan('2312345012344'), /barcode.check_digit/);
  assert.equal(parseEmbeddedEan('4006381333931'), null);
});

test('a price-embedded label with prefix 20 and a store layout with a 4-digit item code', () => {
  const p = parseEmbeddedEan(withCheckDigit('200042001599'), [{ prefixes: ['20'], pattern: 'PPIIIIVVVVVVC', decimals: 2 }]);
  assert.equal(p?.kind, 'price');
  assert.equal(p?.itemCode, '0042');
  assert.equal(p?.value.toFixed(2), '15.99');
});

// The till's own refusal of a marked pack: the same unit (GTIN + serial) twice on one receipt, however it was read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Item } from '../api/till-api';
import { addItem, emptyCart } from './cart';
import { markingOnReceipt, shownMarkingCode } from './marking';

const cigarettes: Item = { id: '3', code: '7001', name: 'Cigarettes', unit: 'pcs', weighted: false, marked: true, vatRate: '21', priceMinor: 575, currency: 'EUR', barcodes: ['4750000000031'] };
// GTIN 04750000000031 (the EAN-13 4750000000031 — check digit: 9 + 3·10 = 39 → 1 — with a leading 0), serial PACK0001; a second read of the same pack may carry another
// crypto tail (AI 93 after the GS separator).
const pack1 = '0104750000000031' + '21PACK0001';
const pack1Again = '0104750000000031' + '21PACK0001' + '\x1d' + '93Ab1x';
const pack2 = '0104750000000031' + '21PACK0002';

test('the same pack twice on a receipt is found by GTIN and serial, another pack of the item is not', () => {
  const cart = addItem(emptyCart(), cigarettes, '1.000', '4750000000031', undefined, pack1);
  assert.equal(markingOnReceipt(cart, pack1), true);
  assert.equal(markingOnReceipt(cart, pack1Again), true, 'the crypto tail does not make it another pack');
  assert.equal(markingOnReceipt(cart, pack2), false);
  assert.equal(markingOnReceipt(emptyCart(), pack1), false);
});

test('a code that does not parse is compared as typed, and shown with its separators visible', () => {
  const cart = addItem(emptyCart(), cigarettes, '1.000', undefined, undefined, 'NOT-A-GS1-CODE');
  assert.equal(markingOnReceipt(cart, ' NOT-A-GS1-CODE '), true);
  assert.equal(shownMarkingCode(pack1Again), '04750000000031 PACK0001');
  assert.equal(shownMarkingCode('XX\x1dYY-not-gs1'), 'XX<GS>YY-not-gs1');
});

test('a pack sold offline keeps its "not checked" mark on its own line', () => {
  let cart = addItem(emptyCart(), cigarettes, '1.000', undefined, undefined, pack1, true);
  cart = addItem(cart, cigarettes, '1.000', undefined, undefined, pack2);
  assert.deepEqual(cart.lines.map((l) => [l.markingCode, l.markingUnchecked ?? false]), [[pack1, true], [pack2, false]]);
});

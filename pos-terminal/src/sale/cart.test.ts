// The screen's preview of a receipt, with numbers worked on paper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Item } from '../api/till-api';
import { addItem, cartTotals, cashDue, emptyCart, setLineDiscount } from './cart';

const bread: Item = { id: '1', code: '1001', name: 'Rye bread', unit: 'pcs', weighted: false, marked: false, vatRate: '21', priceMinor: 129, currency: 'EUR', barcodes: [] };
const cheese: Item = { id: '2', code: '42', name: 'Gouda', unit: 'kg', weighted: true, marked: false, vatRate: '12', priceMinor: 349, currency: 'EUR', barcodes: [] };

test('scanning bread twice makes one line of 2; weighed cheese gets its own line', () => {
  let cart = addItem(emptyCart(), bread, '1.000');
  cart = addItem(cart, bread, '1.000');
  cart = addItem(cart, cheese, '0.756', '2100042007567');
  assert.deepEqual(cart.lines.map((l) => [l.name, l.quantity]), [['Rye bread', '2.000'], ['Gouda', '0.756']]);
  // 2 × 1.29 = 2.58 (VAT 0.45) + 0.756 × 3.49 = 2.64 (VAT 0.28) = 5.22, VAT 0.73
  const t = cartTotals(cart, 'EUR');
  assert.equal(t.grossMinor, 522);
  assert.equal(t.vatMinor, 73);
  assert.deepEqual(t.vat, [{ rate: '21', vatMinor: 45 }, { rate: '12', vatMinor: 28 }]);
});

test('a 10 % line discount and a receipt discount', () => {
  let cart = addItem(emptyCart(), { ...bread, priceMinor: 1000 }, '1.000');
  cart = setLineDiscount(cart, cart.lines[0]!.key, { percent: '10' });
  cart = { ...cart, receiptDiscountMinor: 50 };
  // 10.00 − 1.00 − 0.50 = 8.50
  const t = cartTotals(cart, 'EUR');
  assert.equal(t.grossMinor, 850);
  assert.equal(t.discountMinor, 150);
});

test('cash due after a card part, rounded to 5 forints', () => {
  // 1 237 Ft, 500 by card: 737 in cash → 735
  assert.equal(cashDue(123700, 50000, 'HUF', 'nearest-5-units'), 73500);
  assert.equal(cashDue(123700, 123700, 'HUF', 'nearest-5-units'), 0);
});

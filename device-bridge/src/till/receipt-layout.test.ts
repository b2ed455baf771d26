// The paper receipt and the fiscal register's view of one sale, checked line by line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JournalReceipt } from './journal';
import { fiscalReceipt, receiptLayout, RECEIPT_WIDTH } from './receipt-layout';

const receipt: JournalReceipt = {
  uuid: '00000000-0000-4000-8000-000000000001',
  number: 'T01-000007',
  type: 'sale',
  originalUuid: null,
  cashierId: '7',
  shiftNumber: 1,
  createdAt: '2026-11-23T09:15:00.000Z',
  currency: 'EUR',
  grossMinor: 522,
  vatMinor: 73,
  discountMinor: 0,
  roundingMinor: 0,
  changeMinor: 478,
  syncState: 'pending',
  lines: [
    { lineNo: 1, itemId: '1', itemName: 'Rupjmaize', quantity: '2.000', unitPriceMinor: 129, discountMinor: 0, vatRate: '21', grossMinor: 258, vatMinor: 45 },
    { lineNo: 2, itemId: '2', itemName: 'Siers Gouda', quantity: '0.756', unitPriceMinor: 349, discountMinor: 0, vatRate: '12', grossMinor: 264, vatMinor: 28 },
  ],
  payments: [{ method: 'cash', amountMinor: 522 }],
};

test('a Latvian paper receipt: lines, total, VAT per rate, cash and change', () => {
  const p = receiptLayout(receipt, { tillCode: 'T01', cashierName: 'Anna', language: 'lv' });
  const text = p.lines.map((l) => (typeof l === 'string' ? l : l.text));
  assert.equal(text[0], 'Čeks T01-000007');
  assert.ok(text.includes('  2 x 1.29'.padEnd(RECEIPT_WIDTH - 5) + ' 2.58'));
  assert.ok(text.includes('  0.756 x 3.49'.padEnd(RECEIPT_WIDTH - 5) + ' 2.64'));
  assert.ok(text.includes('KOPĀ'.padEnd(RECEIPT_WIDTH - 9) + ' 5.22 EUR'));
  assert.ok(text.includes('PVN 21 %'.padEnd(RECEIPT_WIDTH - 5) + ' 0.45'));
  assert.ok(text.includes('Atlikums'.padEnd(RECEIPT_WIDTH - 5) + ' 4.78'));
  assert.ok(text.every((l) => l.length <= RECEIPT_WIDTH));
  assert.equal(p.openDrawer, true);
});

test('the fiscal register is handed the cash given, so it prints the same change', () => {
  const f = fiscalReceipt(receipt, 'Anna');
  assert.deepEqual(f.lines, [
    { name: 'Rupjmaize', quantity: '2.000', priceMinor: 129, vatRate: '21' },
    { name: 'Siers Gouda', quantity: '0.756', priceMinor: 349, vatRate: '12' },
  ]);
  // 5.22 due + 4.78 change = 10.00 handed over
  assert.deepEqual(f.payments, { cash: 1000 });
});

test("a marked unit's DataMatrix code goes to the register with its line, a discounted one too", () => {
  const code = '\u001d0104607035360013215Abc1d\u001d93ABCD';
  const marked = {
    ...receipt,
    lines: [
      { ...receipt.lines[0]!, itemName: 'Vodka', quantity: '1.000', unitPriceMinor: 999, grossMinor: 999, markingCode: code },
      { ...receipt.lines[0]!, lineNo: 2, itemName: 'Vodka', quantity: '1.000', unitPriceMinor: 999, discountMinor: 100, grossMinor: 899, markingCode: code.replace('Abc1d', 'Abc2d') },
      receipt.lines[1]!,
    ],
  };
  assert.deepEqual(
    fiscalReceipt(marked, 'Anna').lines.map((l) => l.markingCode ?? null),
    [code, code.replace('Abc1d', 'Abc2d'), null],
  );
});

test('a discounted line reaches the register at its discounted price', () => {
  const discounted = {
    ...receipt,
    lines: [
      // 2 × 1.00 − 0.20 = 1.80 → 0.90 each, exact
      { ...receipt.lines[0]!, quantity: '2.000', unitPriceMinor: 100, discountMinor: 20, grossMinor: 180 },
      // 3 × 1.00 − 0.10 = 2.90 → 0.9666… each, not exact: one line of 2.90
      { ...receipt.lines[0]!, itemName: 'Kefīrs', quantity: '3.000', unitPriceMinor: 100, discountMinor: 10, grossMinor: 290 },
    ],
  };
  assert.deepEqual(fiscalReceipt(discounted, 'Anna').lines, [
    { name: 'Rupjmaize', quantity: '2.000', priceMinor: 90, vatRate: '21' },
    { name: 'Kefīrs 3 x 1.00', quantity: '1', priceMinor: 290, vatRate: '21' },
  ]);
});

test('a card payment prints the masked card and the approval code under the card line', () => {
  const byCard: JournalReceipt = { ...receipt, changeMinor: 0, payments: [{ method: 'card', amountMinor: 522, paymentKey: 'card:x:0', approvalCode: '107919', maskedPan: '************1234', rrn: '000000000001' }] };
  const text = receiptLayout(byCard, { tillCode: 'T01', cashierName: 'Anna', language: 'en' }).lines.map((l) => (typeof l === 'string' ? l : l.text));
  assert.ok(text.includes('Card'.padEnd(RECEIPT_WIDTH - 5) + ' 5.22'));
  assert.ok(text.includes('  ************1234'.padEnd(RECEIPT_WIDTH - 16) + ' Approval 107919'));
  assert.equal(receiptLayout(byCard, { tillCode: 'T01', cashierName: 'Anna', language: 'en' }).openDrawer, false);
  assert.deepEqual(fiscalReceipt(byCard, 'Anna').payments, { card: 522 });
  assert.equal(fiscalReceipt(byCard, 'Anna').text, 'T01-000007 Anna *1234 107919');
});

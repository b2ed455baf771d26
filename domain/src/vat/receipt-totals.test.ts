// Hand-worked receipts: every number below was computed on paper, not by the code under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeTotals } from './receipt-totals';
import { Decimal } from '../money/decimal';

const s = (m: { toFixed(): string }) => m.toFixed();

test('Latvian grocery receipt, prices with VAT, VAT rounded per line', () => {
  // 2 × 1.29 @21 % = 2.58, VAT 2.58·21/121 = 0.4477 → 0.45
  // 0.756 kg × 3.49 @12 % = 2.63844 → 2.64, VAT 2.64·12/112 = 0.2829 → 0.28
  // 1 × 0.99 @21 %, VAT 0.99·21/121 = 0.1718 → 0.17
  const t = computeTotals(
    [
      { quantity: '2', unitPrice: '1.29', vatRate: '21' },
      { quantity: '0.756', unitPrice: '3.49', vatRate: '12' },
      { quantity: '1', unitPrice: '0.99', vatRate: '21' },
    ],
    { currency: 'EUR', pricesIncludeTax: true, vatRounding: 'line' },
  );
  assert.deepEqual(t.lines.map((l) => [s(l.gross), s(l.vat), s(l.net)]), [
    ['2.58', '0.45', '2.13'],
    ['2.64', '0.28', '2.36'],
    ['0.99', '0.17', '0.82'],
  ]);
  assert.deepEqual(t.vatBreakdown.map((r) => [r.rate, s(r.net), s(r.vat), s(r.gross)]), [
    ['21', '2.95', '0.62', '3.57'],
    ['12', '2.36', '0.28', '2.64'],
  ]);
  assert.equal(s(t.gross), '6.21');
  assert.equal(s(t.vat), '0.90');
  assert.equal(s(t.net), '5.31');
});

test('per-document VAT rounding differs from per-line and still sums', () => {
  // three lines of 0.10 @21 % incl.: per line 0.10·21/121 = 0.0174 → 0.02 each = 0.06;
  // per document 0.30·21/121 = 0.0521 → 0.05, spread 0.02 + 0.02 + 0.01
  const lines = [1, 2, 3].map(() => ({ quantity: '1', unitPrice: '0.10', vatRate: '21' }));
  const perLine = computeTotals(lines, { currency: 'EUR', pricesIncludeTax: true, vatRounding: 'line' });
  const perDoc = computeTotals(lines, { currency: 'EUR', pricesIncludeTax: true, vatRounding: 'document' });
  assert.equal(s(perLine.vat), '0.06');
  assert.equal(s(perDoc.vat), '0.05');
  assert.deepEqual(perDoc.lines.map((l) => s(l.vat)), ['0.02', '0.02', '0.01']);
  assert.equal(s(perDoc.net), '0.25');
});

test('Czech invoice, prices without VAT, mixed 21 % and 12 %', () => {
  // 3 × 100.00 @21 % → VAT 63.00; 2 × 45.50 @12 % = 91.00 → VAT 10.92
  const t = computeTotals(
    [
      { quantity: '3', unitPrice: '100', vatRate: '21' },
      { quantity: '2', unitPrice: '45.50', vatRate: '12' },
    ],
    { currency: 'CZK', pricesIncludeTax: false, vatRounding: 'document' },
  );
  assert.equal(s(t.net), '391.00');
  assert.equal(s(t.vat), '73.92');
  assert.equal(s(t.gross), '464.92');
});

test('a receipt discount is spread over lines by amount and sums to the cent', () => {
  // lines 10.00 and 5.00, receipt discount 1.00 → 0.67 and 0.33 (largest remainder)
  const t = computeTotals(
    [
      { quantity: '1', unitPrice: '10', vatRate: '21' },
      { quantity: '1', unitPrice: '5', vatRate: '21' },
    ],
    { currency: 'EUR', pricesIncludeTax: true, vatRounding: 'line', documentDiscount: '1.00' },
  );
  assert.deepEqual(t.lines.map((l) => s(l.discount)), ['0.67', '0.33']);
  assert.deepEqual(t.lines.map((l) => s(l.gross)), ['9.33', '4.67']);
  assert.equal(s(t.gross), '14.00');
  // 9.33·21/121 = 1.6193 → 1.62; 4.67·21/121 = 0.8105 → 0.81
  assert.equal(s(t.vat), '2.43');
});

test('a line discount in percent and an amount', () => {
  // 4 × 2.50 = 10.00, −10 % = 1.00 → 9.00 @27 % HUF? use EUR: VAT 9.00·27/127 = 1.9134 → 1.91
  const t = computeTotals([{ quantity: '4', unitPrice: '2.50', vatRate: '27', discountPercent: '10' }], {
    currency: 'HUF',
    pricesIncludeTax: true,
    vatRounding: 'line',
  });
  assert.equal(s(t.gross), '9.00');
  assert.equal(s(t.vat), '1.91');
  assert.throws(
    () => computeTotals([{ quantity: '1', unitPrice: '1', vatRate: '21', discount: '2' }], { currency: 'EUR', pricesIncludeTax: true, vatRounding: 'line' }),
    /discount.exceeds_line/,
  );
});

test('VAT per line in whole numbers equals the Decimal working on every amount, ties and returns included', () => {
  const rates = ['0', '5', '9', '10', '12', '15', '18', '21', '27', '12.5'];
  // Ties on purpose (0.50 at 21 % of 50 cents is 10.5 cents), then a deterministic spread of amounts.
  const amounts = [50, -50, 1, -1, 0, 121, 605, 999_999_999];
  for (let i = 0; i < 3000; i++) amounts.push(((i * 7_919) % 2_000_003) - 1_000_001);
  for (const includeTax of [true, false])
    for (const rate of rates)
      for (const amount of amounts) {
        const r = new Decimal(rate);
        const expected = new Decimal(amount)
          .mul(r)
          .div(includeTax ? r.plus(100) : 100)
          .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
          .toNumber();
        const t = computeTotals([{ quantity: amount < 0 ? -1 : 1, unitPrice: new Decimal(Math.abs(amount)).div(100), vatRate: rate }], {
          currency: 'EUR',
          pricesIncludeTax: includeTax,
          vatRounding: 'line',
        });
        assert.equal(t.vat.toMinor(), expected + 0, `${amount} at ${rate} %, tax ${includeTax ? 'included' : 'added'}`);
      }
});

test('a price in minor units gives the same line amounts as the price in currency units, ties and returns included', () => {
  const quantities = ['1', '3', '0.5', '0.125', '2.005', '-1', '-0.333', '1000', '999999.999', '0.0005', '1e2'];
  for (let i = 0; i < 400; i++) quantities.push(`${(i * 37) % 50}.${String((i * 7_919) % 1000).padStart(3, '0')}`);
  const prices = [0, 1, 5, 50, 99, 199, 1_000_001, 123_456_789];
  for (const quantity of quantities)
    for (const price of prices) {
      const opts = { currency: 'EUR' as const, pricesIncludeTax: false, vatRounding: 'line' as const };
      const byMinor = computeTotals([{ quantity, unitPriceMinor: price, vatRate: '21', discountMinor: 0 }], opts);
      const byUnits = computeTotals([{ quantity, unitPrice: new Decimal(price).div(100), vatRate: '21' }], opts);
      const expected = new Decimal(quantity).mul(price).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber() + 0;
      assert.equal(byMinor.lines[0]!.amount.toMinor(), expected, `${quantity} × ${price}`);
      assert.equal(byMinor.gross.toMinor(), byUnits.gross.toMinor(), `${quantity} × ${price}`);
    }
  // 2.005 pieces at 1 cent are 2 cents; 2.5 pieces are a tie, which rounds away from zero: 3, and −3 for a return.
  const one = (quantity: string) => computeTotals([{ quantity, unitPriceMinor: 1, vatRate: '0' }], { currency: 'EUR', pricesIncludeTax: true, vatRounding: 'line' }).gross.toMinor();
  assert.equal(one('2.005'), 2);
  assert.equal(one('2.500'), 3);
  assert.equal(one('-2.500'), -3);
  assert.throws(() => computeTotals([{ quantity: '1', unitPriceMinor: -5, vatRate: '21' }], { currency: 'EUR', pricesIncludeTax: true, vatRounding: 'line' }), /price.negative/);
});

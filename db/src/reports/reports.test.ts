// Stock reports on both databases against a chain worked by hand: two receipts at different costs, a sale and its
// storno, a transfer through transit, a write-off, a receipt taken back by storno, and a December month.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DATABASE_KINDS, testDatabase } from '../testing';
import { createItem, createMinimalCompany, type MinimalCompany } from '../fixtures/minimal-company';
import { createAndPost, stornoDocument, SYSTEM_ACTOR } from '../documents/engine';
import {
  itemMovementsCount,
  itemMovementsPage,
  purchasePricesPage,
  stockBalanceCount,
  stockBalancePage,
  streamItemMovements,
  streamPurchasePrices,
  streamStockBalance,
  streamTurnover,
  turnoverByMonth,
  turnoverCount,
} from './index';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of it) out.push(r);
  return out;
}

for (const kind of TEST_DATABASE_KINDS) {
  describe(`stock reports on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let co: MinimalCompany;
    let milk: number;
    let flour: number;
    let W1: number;
    let W2: number;

    before(async () => {
      db = await testDatabase(kind);
      co = await createMinimalCompany(db);
      W1 = co.warehouses.W1!;
      W2 = co.warehouses.W2!;
      milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens 2 %' });
      flour = await createItem(db, co.vat.standard!, { code: 'FLOUR', name: 'Milti', unit: 'kg' });
      const supplier = await db.kysely
        .insertInto('partners')
        .values({ code: 'S1', name: 'Piena ferma SIA', tax_number: null, bank_account: null, kind: 'supplier', price_group_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const partnerId = Number(supplier.id);
      const g = await db.kysely
        .insertInto('price_groups')
        .values({ code: 'RETAIL', name: 'Retail', currency: 'EUR', tax_included: 1, is_default: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const now = new Date().toISOString();
      await db.kysely
        .insertInto('prices')
        .values([
          { price_group_id: Number(g.id), item_id: milk, price_minor: 159, valid_from: '2026-11-01', created_at: now },
          { price_group_id: Number(g.id), item_id: milk, price_minor: 169, valid_from: '2026-12-01', created_at: now },
        ])
        .execute();
      const post = (input: Parameters<typeof createAndPost>[2]) => createAndPost(db, SYSTEM_ACTOR, input);
      // W1: 10 × 1.00 → 10 / 10.00; 5 × 1.30 → 15 / 16.50
      await post({ type: 'receiving', date: '2026-11-02', warehouseId: W1, partnerId, lines: [{ itemId: milk, quantity: '10', priceMinor: 100 }, { itemId: flour, quantity: '2', priceMinor: 80 }] });
      await post({ type: 'receiving', date: '2026-11-03', warehouseId: W1, partnerId, lines: [{ itemId: milk, quantity: '5', priceMinor: 130 }] });
      // sell 4 at cost 16.50·4/15 = 4.40 → 11 / 12.10; the storno brings it back → 15 / 16.50
      const sale = await post({ type: 'sale', date: '2026-11-04', warehouseId: W1, lines: [{ itemId: milk, quantity: '4', priceMinor: 159 }] });
      await stornoDocument(db, SYSTEM_ACTOR, sale.document.id, '2026-11-05');
      // 5 to the bakery at 1.10 → W1 10 / 11.00, W2 5 / 5.50
      await post({ type: 'transfer', date: '2026-11-06', warehouseId: W1, toWarehouseId: W2, lines: [{ itemId: milk, quantity: '5' }] });
      // write off 1 at 1.10 → W1 9 / 9.90
      await post({ type: 'write_off', date: '2026-11-07', warehouseId: W1, reason: 'spoilage', lines: [{ itemId: milk, quantity: '1' }] });
      // a receipt of 1 at 5.00 taken back the same day → W1 stays 9 / 9.90
      const wrong = await post({ type: 'receiving', date: '2026-11-08', warehouseId: W1, partnerId, lines: [{ itemId: milk, quantity: '1', priceMinor: 500 }] });
      await stornoDocument(db, SYSTEM_ACTOR, wrong.document.id, '2026-11-08');
      // December: 9 × 1.30 = 11.70 → 18 / 21.60 (1.20 each); sell 3 at 3.60 → 15 / 18.00
      await post({ type: 'receiving', date: '2026-12-01', warehouseId: W1, partnerId, lines: [{ itemId: milk, quantity: '9', priceMinor: 130 }] });
      await post({ type: 'sale', date: '2026-12-02', warehouseId: W1, lines: [{ itemId: milk, quantity: '3', priceMinor: 169 }] });
    });
    after(async () => db.drop());

    test('stock balance on two dates, transit left out, equals the ledger balance today', async () => {
      const at = async (date: string) =>
        (await all(streamStockBalance(db, { date, itemId: milk }))).map((r) => [r.warehouseCode, r.quantity, r.valueMinor]);
      assert.deepEqual(await at('2026-11-05'), [['W1', '15.000', 1650]]);
      assert.deepEqual(await at('2026-11-30'), [['W1', '9.000', 990], ['W2', '5.000', 550]]);
      assert.deepEqual(await at('2026-12-31'), [['W1', '15.000', 1800], ['W2', '5.000', 550]]);
      const ledger = await db.kysely.selectFrom('stock_balances').select(['warehouse_id', 'quantity_milli', 'value_minor']).where('item_id', '=', milk).where('warehouse_id', 'in', [W1, W2]).orderBy('warehouse_id').execute();
      assert.deepEqual(ledger.map((b) => [Number(b.quantity_milli), Number(b.value_minor)]), [[15000, 1800], [5000, 550]]);
      // every item, sorted by code: FLOUR before MILK; pages of one row walk the same rows
      const everything = await all(streamStockBalance(db, { date: '2026-12-31' }, 1));
      assert.deepEqual(everything.map((r) => [r.itemCode, r.warehouseCode, r.quantity, r.valueMinor]), [
        ['FLOUR', 'W1', '2.000', 160],
        ['MILK', 'W1', '15.000', 1800],
        ['MILK', 'W2', '5.000', 550],
      ]);
      assert.equal(await stockBalanceCount(db, { date: '2026-12-31' }), 3);
      const first = await stockBalancePage(db, { date: '2026-12-31' }, null, 2);
      assert.equal(first.rows.length, 2);
      const second = await stockBalancePage(db, { date: '2026-12-31' }, first.next, 2);
      assert.deepEqual(second.rows.map((r) => r.warehouseCode), ['W2']);
      assert.equal(second.next, null);
      await assert.rejects(stockBalancePage(db, { date: '2026-12-31' }, 'garbage'), /validation.after/);
    });

    test('November turnover: a storno lowers the side of its original; sales value at the retail price of the last day', async () => {
      const nov = await all(streamTurnover(db, { from: '2026-11-01', to: '2026-11-30', itemId: milk }));
      assert.deepEqual(
        nov.map((r) => [r.warehouseCode, r.openingQuantity, r.openingValueMinor, r.inQuantity, r.inValueMinor, r.outQuantity, r.outValueMinor, r.closingQuantity, r.closingValueMinor]),
        [
          // in 10 + 5 (+1 −1 receipt storno) = 15 / 16.50; out sale 4 − storno 4 + transfer 5 + write-off 1 = 6 / 6.60
          ['W1', '0.000', 0, '15.000', 1650, '6.000', 660, '9.000', 990],
          ['W2', '0.000', 0, '5.000', 550, '0.000', 0, '5.000', 550],
        ],
      );
      // at 1.59: in 15 → 23.85, out 6 → 9.54, closing 9 → 14.31; W2 5 → 7.95
      assert.deepEqual(
        nov.map((r) => [r.salesPriceMinor, r.openingSalesValueMinor, r.inSalesValueMinor, r.outSalesValueMinor, r.closingSalesValueMinor]),
        [
          [159, 0, 2385, 954, 1431],
          [159, 0, 795, 0, 795],
        ],
      );
    });

    test('December turnover carries November closing as its opening; a warehouse without movements still shows', async () => {
      const dec = await all(streamTurnover(db, { from: '2026-12-01', to: '2026-12-31' }));
      assert.deepEqual(
        dec.map((r) => [r.itemCode, r.warehouseCode, r.openingQuantity, r.openingValueMinor, r.inQuantity, r.inValueMinor, r.outQuantity, r.outValueMinor, r.closingQuantity, r.closingValueMinor, r.closingSalesValueMinor]),
        [
          ['FLOUR', 'W1', '2.000', 160, '0.000', 0, '0.000', 0, '2.000', 160, null],
          // at 1.69: closing 15 → 25.35
          ['MILK', 'W1', '9.000', 990, '9.000', 1170, '3.000', 360, '15.000', 1800, 2535],
          ['MILK', 'W2', '5.000', 550, '0.000', 0, '0.000', 0, '5.000', 550, 845],
        ],
      );
      assert.equal(dec[1]!.openingSalesValueMinor, 1521);
      assert.equal(dec[1]!.inSalesValueMinor, 1521);
      assert.equal(dec[1]!.outSalesValueMinor, 507);
      assert.equal(await turnoverCount(db, { from: '2026-12-01', to: '2026-12-31' }), 3);
    });

    test('turnover by month for the chart', async () => {
      // November: in 16.50 + 1.60 flour + 5.50 into W2 = 23.60; out 6.60. December: in 11.70, out 3.60.
      assert.deepEqual(await turnoverByMonth(db, { from: '2026-11-01', to: '2026-12-31' }), [
        { month: '2026-11', inValueMinor: 2360, outValueMinor: 660 },
        { month: '2026-12', inValueMinor: 1170, outValueMinor: 360 },
      ]);
    });

    test('movement history of milk: every document, the running balance across pages', async () => {
      const rows = await all(streamItemMovements(db, { itemId: milk }, 3));
      assert.deepEqual(
        rows.map((r) => [r.date, r.documentNumber, r.warehouseCode, r.quantity, r.valueMinor, r.balanceQuantity, r.balanceValueMinor]),
        [
          ['2026-11-02', 'REC-2026-000001', 'W1', '10.000', 1000, '10.000', 1000],
          ['2026-11-03', 'REC-2026-000002', 'W1', '5.000', 650, '15.000', 1650],
          ['2026-11-04', 'SAL-2026-000001', 'W1', '-4.000', -440, '11.000', 1210],
          ['2026-11-05', 'SAL-2026-000002', 'W1', '4.000', 440, '15.000', 1650],
          ['2026-11-06', 'TRF-2026-000001', 'W1', '-5.000', -550, '10.000', 1100],
          ['2026-11-06', 'TRF-2026-000001', 'W2', '5.000', 550, '15.000', 1650],
          ['2026-11-07', 'WOF-2026-000001', 'W1', '-1.000', -110, '14.000', 1540],
          ['2026-11-08', 'REC-2026-000003', 'W1', '1.000', 500, '15.000', 2040],
          ['2026-11-08', 'REC-2026-000004', 'W1', '-1.000', -500, '14.000', 1540],
          ['2026-12-01', 'REC-2026-000005', 'W1', '9.000', 1170, '23.000', 2710],
          ['2026-12-02', 'SAL-2026-000003', 'W1', '-3.000', -360, '20.000', 2350],
        ],
      );
      assert.equal(rows[3]!.reversesId, rows[2]!.documentId);
      assert.equal(rows[0]!.partnerName, 'Piena ferma SIA');
      // from 7 November in W1 only: the opening 10 / 11.00 starts the running balance
      const w1 = await itemMovementsPage(db, { itemId: milk, warehouseId: W1, from: '2026-11-07', to: '2026-11-30' });
      assert.deepEqual(w1.rows.map((r) => [r.documentNumber, r.balanceQuantity, r.balanceValueMinor]), [
        ['WOF-2026-000001', '9.000', 990],
        ['REC-2026-000003', '10.000', 1490],
        ['REC-2026-000004', '9.000', 990],
      ]);
      assert.equal(await itemMovementsCount(db, { itemId: milk }), 11);
    });

    test('purchase price history: reversed receipts left out, change against the previous receipt', async () => {
      const rows = await all(streamPurchasePrices(db, {}, 2));
      assert.deepEqual(
        rows.map((r) => [r.itemCode, r.date, r.documentNumber, r.partnerName, r.quantity, r.priceMinor, r.changeMinor]),
        [
          ['FLOUR', '2026-11-02', 'REC-2026-000001', 'Piena ferma SIA', '2.000', 80, null],
          ['MILK', '2026-11-02', 'REC-2026-000001', 'Piena ferma SIA', '10.000', 100, null],
          ['MILK', '2026-11-03', 'REC-2026-000002', 'Piena ferma SIA', '5.000', 130, 30],
          ['MILK', '2026-12-01', 'REC-2026-000005', 'Piena ferma SIA', '9.000', 130, 0],
        ],
      );
      const only = await purchasePricesPage(db, { itemId: milk, from: '2026-11-03' });
      assert.deepEqual(only.rows.map((r) => r.amountMinor), [650, 1170]);
    });
  });
}

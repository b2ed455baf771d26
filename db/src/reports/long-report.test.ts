// A long report walked in small pages on both databases: 1,200 goods received in one document, a few of them sold
// out (their pairs give empty rows that must not end the walk), every remaining row exactly once in code order.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DATABASE_KINDS, testDatabase } from '../testing';
import { createMinimalCompany } from '../fixtures/minimal-company';
import { createAndPost, SYSTEM_ACTOR } from '../documents/engine';
import { stockBalancePage, streamStockBalance, streamTurnover } from './index';

const N = 1200;

for (const kind of TEST_DATABASE_KINDS) {
  describe(`a long stock report on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let ids: number[];

    before(async () => {
      db = await testDatabase(kind);
      const co = await createMinimalCompany(db);
      const now = new Date().toISOString();
      const rows = Array.from({ length: N }, (_, i) => ({
        code: `G${String(N - i).padStart(5, '0')}`, // created in reverse code order: code order ≠ id order
        name: `Goods ${i}`,
        unit: 'pcs',
        vat_group_id: co.vat.standard!,
        group_id: null,
        goods_type: 'sale',
        weighted: 0,
        marked: 0,
        produced: 0,
        costing: 'average',
        standard_cost_minor: null,
        active: 1,
        updated_at: now,
        change_seq: 0,
      }));
      ids = [];
      for (let i = 0; i < N; i += 400) ids.push(...(await db.kysely.insertInto('items').values(rows.slice(i, i + 400)).returning('id').execute()).map((r) => Number(r.id)));
      const W1 = co.warehouses.W1!;
      await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-02', warehouseId: W1, lines: ids.map((itemId) => ({ itemId, quantity: '2', priceMinor: 150 })) });
      // the first 150 in code order (the last 150 created) are sold out on 3 November
      await createAndPost(db, SYSTEM_ACTOR, { type: 'sale', date: '2026-11-03', warehouseId: W1, lines: ids.slice(N - 150).map((itemId) => ({ itemId, quantity: '2', priceMinor: 300 })) });
    });
    after(async () => db.drop());

    test('pages of 100 walk 1,050 rows once each in code order; a page of sold-out goods is empty but not the end', async () => {
      const first = await stockBalancePage(db, { date: '2026-11-30' }, null, 100);
      assert.equal(first.rows.length, 0);
      assert.notEqual(first.next, null);
      const codes: string[] = [];
      let value = 0;
      for await (const r of streamStockBalance(db, { date: '2026-11-30' }, 100)) {
        codes.push(r.itemCode);
        value += r.valueMinor;
      }
      assert.equal(codes.length, N - 150);
      assert.equal(new Set(codes).size, codes.length);
      assert.deepEqual(codes, [...codes].sort());
      assert.equal(codes[0], 'G00151');
      assert.equal(value, 1050 * 300); // 2 × 1.50 each
      // before the sale every item is there
      let before = 0;
      for await (const r of streamStockBalance(db, { date: '2026-11-02' }, 250)) before += r.quantity === '2.000' ? 1 : 0;
      assert.equal(before, N);
    });

    test('the turnover of November walks every pair, sold-out ones included', async () => {
      let rows = 0;
      let out = 0;
      for await (const r of streamTurnover(db, { from: '2026-11-01', to: '2026-11-30' }, 100)) {
        rows++;
        out += r.outValueMinor;
      }
      assert.equal(rows, N);
      assert.equal(out, 150 * 300);
    });
  });
}

// A transfer in two steps received short, on both databases: the missing piece leaves transit as a loss on the same
// document, values follow the average cost, and a storno puts every warehouse back as it was.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DATABASE_KINDS, testDatabase } from '../testing';
import { createItem, createMinimalCompany, type MinimalCompany } from '../fixtures/minimal-company';
import { createAndPost, createDocument, postDocument, stornoDocument, SYSTEM_ACTOR } from './engine';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`transfer received with differences on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let co: MinimalCompany;
    let milk: number;
    const balance = async (wh: string) => {
      const b = await db.kysely.selectFrom('stock_balances').select(['quantity_milli', 'value_minor']).where('item_id', '=', milk).where('warehouse_id', '=', co.warehouses[wh]!).executeTakeFirst();
      return b ? [Number(b.quantity_milli) / 1000, Number(b.value_minor)] : [0, 0];
    };

    before(async () => {
      db = await testDatabase(kind);
      co = await createMinimalCompany(db);
      milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens' });
      // 10 at 1.20 net → average 1.20
      await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-01', warehouseId: co.warehouses.W1, lines: [{ itemId: milk, quantity: '10', priceMinor: 120 }] });
    });
    after(async () => db.drop());

    test('5 sent, 4 arrive: W1 5 / 6.00, W2 4 / 4.80, transit empty; storno restores 10 / 12.00 in W1', async () => {
      const trf = await createDocument(db, SYSTEM_ACTOR, { type: 'transfer', date: '2026-11-02', warehouseId: co.warehouses.W1, toWarehouseId: co.warehouses.W2, lines: [{ itemId: milk, quantity: '3' }, { itemId: milk, quantity: '2' }] });
      await postDocument(db, SYSTEM_ACTOR, trf.id, 'dispatch');
      assert.deepEqual(await balance('W1-TRANSIT'), [5, 600]);
      await assert.rejects(postDocument(db, SYSTEM_ACTOR, trf.id, 'post', { received: [{ itemId: milk, quantity: '5.001' }] }), /transfer.over_receipt/);
      const done = await postDocument(db, SYSTEM_ACTOR, trf.id, 'post', { received: [{ itemId: milk, quantity: '4' }] });
      assert.equal(done.status, 'posted');
      assert.deepEqual(done.payload!.received, [{ itemId: milk, sent: '5.000', received: '4.000', difference: '-1.000' }]);
      assert.deepEqual(await balance('W1'), [5, 600]);
      assert.deepEqual(await balance('W2'), [4, 480]);
      assert.deepEqual(await balance('W1-TRANSIT'), [0, 0]);
      await stornoDocument(db, SYSTEM_ACTOR, trf.id, '2026-11-03');
      assert.deepEqual(await balance('W1'), [10, 1200]);
      assert.deepEqual(await balance('W2'), [0, 0]);
      assert.deepEqual(await balance('W1-TRANSIT'), [0, 0]);
    });
  });
}

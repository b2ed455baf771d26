// A supplier order received by order and its price control, on both databases, with hand-worked numbers.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DATABASE_KINDS, testDatabase } from '../testing';
import { createItem, createMinimalCompany, type MinimalCompany } from '../fixtures/minimal-company';
import { createAndPost, createDocument, postDocument, getDocument, SYSTEM_ACTOR, type Actor } from './engine';
import { deriveDocument, documentRelations } from './derive';
import { writeSettings } from './settings';

async function qty(db: Awaited<ReturnType<typeof testDatabase>>, itemId: number, warehouseId: number) {
  const b = await db.kysely.selectFrom('stock_balances').select('quantity_milli').where('item_id', '=', itemId).where('warehouse_id', '=', warehouseId).executeTakeFirst();
  return b ? Number(b.quantity_milli) / 1000 : 0;
}

for (const kind of TEST_DATABASE_KINDS) {
  describe(`supplier orders and purchase price control on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let co: MinimalCompany;
    let milk: number;
    let kefir: number;
    let supplier: number;
    const storekeeper: Actor = { userId: null, rights: ['receiving.edit', 'receiving.post', 'supplier_order.view'] };

    before(async () => {
      db = await testDatabase(kind);
      co = await createMinimalCompany(db);
      milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens' });
      kefir = await createItem(db, co.vat.reduced!, { code: 'KEFIR', name: 'Kefīrs' });
      const p = await db.kysely.insertInto('partners').values({ code: 'S-PIENS', name: 'Piena ferma', kind: 'supplier', tax_number: null, bank_account: null, price_group_id: null }).returning('id').executeTakeFirstOrThrow();
      supplier = Number(p.id);
      // Last prices from this supplier: milk 1.00, kefir 2.00.
      await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-01', warehouseId: co.warehouses.W1, partnerId: supplier, lines: [{ itemId: milk, quantity: '10', priceMinor: 100 }, { itemId: kefir, quantity: '5', priceMinor: 200 }] });
    });
    after(async () => db.drop());

    test('an order of 20 milk and 10 kefir received in two deliveries: the second receiving takes only what is left', async () => {
      const order = await createDocument(db, SYSTEM_ACTOR, { type: 'supplier_order', date: '2026-11-10', warehouseId: co.warehouses.W1, partnerId: supplier, lines: [{ itemId: milk, quantity: '20', priceMinor: 105 }, { itemId: kefir, quantity: '10', priceMinor: 210 }] });
      await postDocument(db, SYSTEM_ACTOR, order.id);
      const first = await deriveDocument(db, SYSTEM_ACTOR, order.id, 'receiving', '2026-11-11');
      assert.equal(first.baseDocumentId, order.id);
      assert.deepEqual(first.lines.map((l) => [l.itemCode, l.quantity, l.priceMinor]), [['MILK', '20.000', 105], ['KEFIR', '10.000', 210]]);
      // 18 milk came, kefir all.
      const { setDraftLines } = await import('./engine');
      await setDraftLines(db, SYSTEM_ACTOR, first.id, [{ itemId: milk, quantity: '18', priceMinor: 105 }, { itemId: kefir, quantity: '10', priceMinor: 210 }]);
      // 1.05 and 2.10 are 5 % above the last prices: within the 10 % tolerance, so it posts.
      assert.equal((await postDocument(db, storekeeper, first.id)).status, 'posted');
      const rel = await documentRelations(db, order.id);
      assert.deepEqual(rel.differences!.map((d) => [d.itemCode, d.orderedQuantity, d.receivedQuantity, d.differenceQuantity]), [['MILK', '20.000', '18.000', '-2.000'], ['KEFIR', '10.000', '10.000', '0.000']]);
      assert.deepEqual(rel.derived.map((d) => d.number), [first.number]);
      const second = await deriveDocument(db, SYSTEM_ACTOR, order.id, 'receiving', '2026-11-12');
      assert.deepEqual(second.lines.map((l) => [l.itemCode, l.quantity]), [['MILK', '2.000']]);
      assert.equal((await documentRelations(db, second.id)).base!.number, order.number);
    });

    test('a price 20 % above the last one stops at awaiting approval; approve needs receiving.approve and posts', async () => {
      // The last milk price is now 1.05 (previous test). 1.27 is 20.95 % dearer; kefir 2.20 is 4.76 % above 2.10.
      const r = await createDocument(db, storekeeper, { type: 'receiving', date: '2026-11-15', warehouseId: co.warehouses.W1, partnerId: supplier, lines: [{ itemId: milk, quantity: '10', priceMinor: 127 }, { itemId: kefir, quantity: '1', priceMinor: 220 }] });
      const before = await qty(db, milk, co.warehouses.W1!);
      const posted = await postDocument(db, storekeeper, r.id);
      assert.equal(posted.status, 'awaiting_approval');
      const control = posted.payload!.priceControl as { tolerancePercent: string; flagged: { itemId: number; priceMinor: number; lastPriceMinor: number; increasePercent: string }[] };
      assert.equal(control.tolerancePercent, '10');
      assert.deepEqual(control.flagged.map((f) => [f.itemId, f.priceMinor, f.lastPriceMinor, f.increasePercent]), [[milk, 127, 105, '20.95']]);
      assert.equal(await qty(db, milk, co.warehouses.W1!), before, 'nothing moved yet');
      await assert.rejects(postDocument(db, storekeeper, r.id, 'approve'), /auth.forbidden/);
      const approved = await postDocument(db, { userId: null, rights: ['receiving.approve'] }, r.id, 'approve');
      assert.equal(approved.status, 'posted');
      assert.equal(await qty(db, milk, co.warehouses.W1!), before + 10);
    });

    test('a wider tolerance (25 %) lets the same rise through; a receiving without a supplier is not controlled', async () => {
      await writeSettings(db, { 'purchase.price_tolerance_percent': '25' });
      // Last milk price is now 1.27; 1.58 is 24.4 % above.
      const r = await createDocument(db, storekeeper, { type: 'receiving', date: '2026-11-16', warehouseId: co.warehouses.W1, partnerId: supplier, lines: [{ itemId: milk, quantity: '1', priceMinor: 158 }] });
      assert.equal((await postDocument(db, storekeeper, r.id)).status, 'posted');
      await writeSettings(db, { 'purchase.price_tolerance_percent': '10' });
      const free = await createDocument(db, storekeeper, { type: 'receiving', date: '2026-11-16', warehouseId: co.warehouses.W1, lines: [{ itemId: milk, quantity: '1', priceMinor: 999 }] });
      assert.equal((await postDocument(db, storekeeper, free.id)).status, 'posted');
      await assert.rejects(writeSettings(db, { 'purchase.price_tolerance_percent': 'ten' }), /settings.invalid/);
    });

    test('a return to the supplier is made from a receiving and takes its lines back out of stock', async () => {
      const rec = await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-17', warehouseId: co.warehouses.W1, partnerId: supplier, lines: [{ itemId: kefir, quantity: '4', priceMinor: 210 }] });
      const before = await qty(db, kefir, co.warehouses.W1!);
      const ret = await deriveDocument(db, SYSTEM_ACTOR, rec.document.id, 'supplier_return', '2026-11-18');
      assert.equal(ret.type, 'supplier_return');
      assert.equal(ret.partnerId, supplier);
      assert.deepEqual(ret.lines.map((l) => [l.itemCode, l.quantity, l.priceMinor]), [['KEFIR', '4.000', 210]]);
      await postDocument(db, SYSTEM_ACTOR, ret.id);
      assert.equal(await qty(db, kefir, co.warehouses.W1!), before - 4);
      await assert.rejects(deriveDocument(db, SYSTEM_ACTOR, ret.id, 'receiving'), /document.derive_forbidden/);
    });

    test('a receiving made on the terminal from an order without prices takes the order prices', async () => {
      const order = await createDocument(db, SYSTEM_ACTOR, { type: 'supplier_order', date: '2026-11-19', warehouseId: co.warehouses.W1, partnerId: supplier, lines: [{ itemId: kefir, quantity: '3', priceMinor: 215 }] });
      const rec = await createDocument(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-19', warehouseId: co.warehouses.W1, partnerId: supplier, baseDocumentId: order.id, lines: [{ itemId: kefir, quantity: '3' }] });
      assert.equal((await getDocument(db, rec.id)).lines[0]!.priceMinor, 215);
    });
  });
}

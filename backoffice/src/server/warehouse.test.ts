// Warehouse flows over real HTTP on SQLite and PostgreSQL: a supplier order received by order with a price rise a
// manager approves, a stocktake counted from two terminals while the till sells, a transfer received short, settings.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createAndPost, createItem, createMinimalCompany, SYSTEM_ACTOR, type MinimalCompany } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { startTestServer, type Caller, type Json } from './test-server';
import { seedWarehouseUsers } from './test-users';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`warehouse flows over HTTP on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let co: MinimalCompany;
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let milk: number;
    let bread: number;
    let supplier: number;

    const as = (user: string): Caller => (...args) => server.as(user)(...args);
    const admin = as('admin');
    const storekeeper = as('storekeeper');
    const manager = as('manager');
    const onHand = async (itemId: number, wh: number) => {
      const b = await db.kysely.selectFrom('stock_balances').select('quantity_milli').where('item_id', '=', itemId).where('warehouse_id', '=', wh).executeTakeFirst();
      return b ? Number(b.quantity_milli) / 1000 : 0;
    };

    before(async () => {
      db = await testDatabase(kind);
      co = await createMinimalCompany(db, { warehouses: [{ code: 'STORE', name: 'Store' }, { code: 'BAKERY', name: 'Bakery' }] });
      milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens 2 %' });
      bread = await createItem(db, co.vat.reduced!, { code: 'BREAD', name: 'Rupjmaize' });
      const p = await db.kysely.insertInto('partners').values({ code: 'S-PIENS', name: 'Piena ferma', kind: 'supplier', tax_number: null, bank_account: null, price_group_id: null }).returning('id').executeTakeFirstOrThrow();
      supplier = Number(p.id);
      await seedWarehouseUsers(db);
      // The supplier's last prices: milk 0.80, bread 1.00.
      await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-01', warehouseId: co.warehouses.STORE, partnerId: supplier, lines: [{ itemId: milk, quantity: '10', priceMinor: 80 }, { itemId: bread, quantity: '10', priceMinor: 100 }] });
      server = await startTestServer(db.url);
    });
    after(async () => {
      await server.close();
      await db.drop();
    });

    test('an order is received by order: lines pre-filled, a 25 % dearer milk waits for the manager, who approves it', async () => {
      const order = await manager('POST', '/api/v1/documents', { type: 'supplier_order', date: '2026-11-10', warehouseId: co.warehouses.STORE, partnerId: supplier, lines: [{ itemId: milk, quantity: '24', priceMinor: 80 }, { itemId: bread, quantity: '12', priceMinor: 100 }] });
      assert.equal(order.status, 201);
      const rec = await storekeeper('POST', `/api/v1/documents/${order.json.document.id}/derive`, { type: 'receiving', date: '2026-11-11' });
      assert.equal(rec.status, 201);
      const r = rec.json.document;
      assert.equal(r.baseDocumentId, order.json.document.id);
      assert.deepEqual(r.lines.map((l: Json) => [l.itemCode, l.quantity, l.priceMinor]), [['MILK', '24.000', 80], ['BREAD', '12.000', 100]]);
      // 20 milk came at 1.00 (25 % above 0.80; tolerance 10 %), bread as ordered.
      await storekeeper('PUT', `/api/v1/documents/${r.id}/lines`, { lines: [{ itemId: milk, quantity: '20', priceMinor: 100 }, { itemId: bread, quantity: '12', priceMinor: 100 }] });
      const rel = await storekeeper('GET', `/api/v1/documents/${r.id}/relations`);
      assert.equal(rel.json.base.number, order.json.document.number);
      assert.deepEqual(rel.json.differences.map((d: Json) => [d.itemCode, d.orderedQuantity, d.receivedQuantity, d.differenceQuantity, d.orderedPriceMinor, d.receivedPriceMinor]), [
        ['MILK', '24.000', '20.000', '-4.000', 80, 100],
        ['BREAD', '12.000', '12.000', '0.000', 100, 100],
      ]);
      const posted = await storekeeper('POST', `/api/v1/documents/${r.id}/post`, {});
      assert.equal(posted.status, 200);
      assert.equal(posted.json.document.status, 'awaiting_approval');
      assert.deepEqual(posted.json.document.payload.priceControl.flagged.map((f: Json) => [f.itemId, f.priceMinor, f.lastPriceMinor, f.increasePercent]), [[milk, 100, 80, '25.00']]);
      assert.equal(await onHand(milk, co.warehouses.STORE!), 10);
      const refused = await storekeeper('POST', `/api/v1/documents/${r.id}/approve`, {});
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, 'auth.forbidden');
      const listed = await manager('GET', '/api/v1/documents?status=awaiting_approval');
      assert.deepEqual(listed.json.documents.map((d: Json) => d.id), [r.id]);
      const approved = await manager('POST', `/api/v1/documents/${r.id}/approve`, {});
      assert.equal(approved.json.document.status, 'posted');
      assert.equal(await onHand(milk, co.warehouses.STORE!), 30);
      // The rest of the order: 4 milk.
      const rest = await storekeeper('POST', `/api/v1/documents/${order.json.document.id}/derive`, { type: 'receiving' });
      assert.deepEqual(rest.json.document.lines.map((l: Json) => [l.itemCode, l.quantity]), [['MILK', '4.000']]);
      // A return of the bread to the supplier, from the receiving.
      const ret = await manager('POST', `/api/v1/documents/${r.id}/derive`, { type: 'supplier_return' });
      assert.equal(ret.json.document.type, 'supplier_return');
      assert.equal(ret.json.document.partnerId, supplier);
    });

    test('a stocktake counted on two terminals while the till sells: retries count once, surplus and shortage are posted', async () => {
      const started = await storekeeper('POST', '/api/v1/stocktakes', { warehouseId: co.warehouses.BAKERY, date: '2026-11-20' });
      assert.equal(started.status, 201);
      const id = started.json.document.id;
      // Bakery is empty at the snapshot. A transfer puts 6 bread there after the snapshot, before anyone counts.
      const trf = await storekeeper('POST', '/api/v1/documents', { type: 'transfer', date: '2026-11-20', warehouseId: co.warehouses.STORE, toWarehouseId: co.warehouses.BAKERY, lines: [{ itemId: bread, quantity: '6' }] });
      await storekeeper('POST', `/api/v1/documents/${trf.json.document.id}/post`, {});
      await sleep(5);
      const count = (device: string, key: string, itemId: number, quantity: string) =>
        storekeeper('POST', `/api/v1/stocktakes/${id}/counts`, { itemId, quantity, device }, { 'idempotency-key': key });
      await count('T1', 'T1-0001', bread, '3');
      const retry = await count('T1', 'T1-0001', bread, '3');
      assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      const second = await count('T2', 'T2-0001', bread, '2');
      // 3 + 2 counted; expected 0 at the snapshot + 6 moved in = 6; one bread missing
      assert.deepEqual([second.json.row.book, second.json.row.movedAfter, second.json.row.expected, second.json.row.counted, second.json.row.difference], ['0.000', '6.000', '6.000', '5.000', '-1.000']);
      await count('T2', 'T2-0002', milk, '2');
      const view = await storekeeper('GET', `/api/v1/stocktakes/${id}`);
      assert.deepEqual(view.json.rows.map((r: Json) => [r.itemCode, r.difference]), [['MILK', '2.000'], ['BREAD', '-1.000']]);
      assert.equal((await storekeeper('POST', `/api/v1/stocktakes/${id}/post`)).status, 403);
      const posted = await manager('POST', `/api/v1/stocktakes/${id}/post`);
      assert.equal(posted.status, 200);
      assert.equal(posted.json.document.status, 'posted');
      const surplus = await manager('GET', `/api/v1/documents/${posted.json.surplusId}`);
      const shortage = await manager('GET', `/api/v1/documents/${posted.json.shortageId}`);
      assert.deepEqual(surplus.json.document.lines.map((l: Json) => [l.itemCode, l.quantity]), [['MILK', '2.000']]);
      assert.deepEqual(shortage.json.document.lines.map((l: Json) => [l.itemCode, l.quantity]), [['BREAD', '1.000']]);
      assert.equal(await onHand(bread, co.warehouses.BAKERY!), 5);
      assert.equal(await onHand(milk, co.warehouses.BAKERY!), 2);
      const late = await count('T1', 'T1-0009', bread, '1');
      assert.equal(late.status, 409);
    });

    test('a transfer dispatched with 5 milk and received with 4: one milk leaves transit as a recorded loss', async () => {
      const storeBefore = await onHand(milk, co.warehouses.STORE!);
      const bakeryBefore = await onHand(milk, co.warehouses.BAKERY!);
      const trf = await storekeeper('POST', '/api/v1/documents', { type: 'transfer', date: '2026-11-21', warehouseId: co.warehouses.STORE, toWarehouseId: co.warehouses.BAKERY, lines: [{ itemId: milk, quantity: '5' }] });
      const id = trf.json.document.id;
      assert.equal((await storekeeper('POST', `/api/v1/documents/${id}/dispatch`, {})).json.document.status, 'in_transit');
      assert.equal(await onHand(milk, co.warehouses['STORE-TRANSIT']!), 5);
      const over = await storekeeper('POST', `/api/v1/documents/${id}/receive`, { lines: [{ itemId: milk, quantity: '6' }] });
      assert.equal(over.status, 400);
      assert.equal(over.json.error.code, 'transfer.over_receipt');
      const received = await storekeeper('POST', `/api/v1/documents/${id}/receive`, { lines: [{ itemId: milk, quantity: '4' }] });
      assert.equal(received.json.document.status, 'posted');
      assert.deepEqual(received.json.document.payload.received, [{ itemId: milk, sent: '5.000', received: '4.000', difference: '-1.000' }]);
      assert.equal(await onHand(milk, co.warehouses.STORE!), storeBefore - 5);
      assert.equal(await onHand(milk, co.warehouses.BAKERY!), bakeryBefore + 4);
      assert.equal(await onHand(milk, co.warehouses['STORE-TRANSIT']!), 0);
    });

    test('settings are read by everyone and changed only with settings.edit; bad values are refused', async () => {
      const s = await storekeeper('GET', '/api/v1/settings');
      assert.equal(s.json.settings['purchase.price_tolerance_percent'], '10');
      assert.equal((await manager('PUT', '/api/v1/settings', { 'purchase.price_tolerance_percent': '15' })).status, 403);
      const bad = await admin('PUT', '/api/v1/settings', { 'stocktake.duplicates': 'average' }, { 'accept-language': 'lv' });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.code, 'settings.invalid');
      assert.match(bad.json.error.message, /nav derīga vērtība/);
      const ok = await admin('PUT', '/api/v1/settings', { 'purchase.price_tolerance_percent': '15', 'labels.bridge_token': 'secret-1' });
      assert.equal(ok.json.settings['purchase.price_tolerance_percent'], '15');
      assert.equal((await admin('GET', '/api/v1/settings')).json.settings['labels.bridge_token'], 'secret-1');
      assert.equal((await storekeeper('GET', '/api/v1/settings')).json.settings['labels.bridge_token'], '********');
    });
  });
}

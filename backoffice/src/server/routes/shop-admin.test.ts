// The shop administrator over HTTP on SQLite and PostgreSQL: creates a key for the web shop (shown once), the shop
// registers a webhook and orders with it, the administrator follows the order and its history, moves it on,
// reads the delivery log, revokes the key and the shop is shut out. Without shop.admin nothing of it is reachable.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAndPost, createItem, createMinimalCompany, SYSTEM_ACTOR } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { requireUser } from '../app';
import { startTestServer, type Caller, type Json } from '../test-server';
import { seedWarehouseUsers } from '../test-users';
import { registerShopAdminRoutes } from './shop-admin';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`shop administration over HTTP on ${kind}`, { timeout: 120_000 }, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let key = '';
    let keyId = 0;
    let orderId = 0;
    const as = (user: string): Caller => (...args) => server.as(user)(...args);
    const admin = as('admin');
    const storekeeper = as('storekeeper');
    const shop: Caller = (method, path, body, headers = {}) => server.call(method, path, body, { authorization: `Bearer ${key}`, ...headers });

    before(async () => {
      db = await testDatabase(kind);
      const co = await createMinimalCompany(db);
      const bread = await createItem(db, co.vat.standard!, { code: '1001', name: 'Rye bread' });
      const pg = await db.kysely.insertInto('price_groups').values({ code: 'RETAIL', name: 'Retail', currency: 'EUR', tax_included: 1, is_default: 1 }).returning('id').executeTakeFirstOrThrow();
      await db.kysely.insertInto('prices').values({ price_group_id: Number(pg.id), item_id: bread, price_minor: 189, valid_from: '2020-01-01', created_at: new Date().toISOString() }).execute();
      await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: new Date().toISOString().slice(0, 10), warehouseId: co.warehouses.W1!, lines: [{ itemId: bread, quantity: '10', priceMinor: 100 }] });
      await seedWarehouseUsers(db);
      server = await startTestServer(db.url, { setup: (s) => registerShopAdminRoutes(s.app, { db: s.db, requireUser }) });
    });
    after(async () => {
      await server.close();
      await db.drop();
    });

    test('a new key is shown once; the list shows only its prefix', async () => {
      assert.equal((await storekeeper('POST', '/api/v1/shop/api-keys', { name: 'Web shop', scopes: ['orders:write'] })).status, 403);
      assert.equal((await admin('POST', '/api/v1/shop/api-keys', { name: 'Web shop', scopes: ['orders:fly'] })).status, 400);
      const r = await admin('POST', '/api/v1/shop/api-keys', { name: 'Web shop', scopes: ['catalogue:read', 'stock:read', 'orders:write'] });
      assert.equal(r.status, 201);
      key = r.json.key;
      keyId = r.json.apiKey.id;
      assert.match(key, /^kasa_[a-z0-9]+_/);
      const list = await admin('GET', '/api/v1/shop/api-keys');
      assert.deepEqual(list.json.apiKeys.map((k: Json) => [k.name, k.revokedAt]), [['Web shop', null]]);
      assert.equal(JSON.stringify(list.json).includes(key), false);
    });

    test('the shop orders with the key; the back office sees the order, moves it on, sees the history and the webhook log', async () => {
      assert.equal((await shop('POST', '/api/shop/v1/webhooks', { url: 'http://127.0.0.1:9/kasa-hook', secret: 'a-long-enough-test-secret' })).status, 201);
      const o = await shop('POST', '/api/shop/v1/orders', { externalRef: 'WEB-1', warehouse: 'W1', lines: [{ itemCode: '1001', quantity: 2 }] }, { 'idempotency-key': 'web-1' });
      assert.equal(o.status, 201, JSON.stringify(o.json));
      orderId = o.json.id;
      const list = await admin('GET', '/api/v1/shop/orders');
      // 2 × 1.89
      assert.deepEqual(list.json.orders.map((x: Json) => [x.externalRef, x.totalMinor]), [['WEB-1', 378]]);
      assert.equal((await storekeeper('GET', '/api/v1/shop/orders')).status, 403);
      const before = (await admin('GET', `/api/v1/shop/orders/${orderId}`)).json.order;
      assert.ok(before.allowedNext.includes('picking'), before.allowedNext.join());
      const moved = await admin('POST', `/api/v1/shop/orders/${orderId}/status`, { status: 'picking' });
      assert.equal(moved.status, 200);
      assert.deepEqual(moved.json.order.history.map((h: Json) => h.status).slice(-1), ['picking']);
      assert.equal(moved.json.order.history.length, before.history.length + 1);
      const wrong = await admin('POST', `/api/v1/shop/orders/${orderId}/status`, { status: 'delivered' });
      assert.equal(wrong.status, 409);
      assert.equal((await admin('GET', '/api/v1/shop/orders/99999')).status, 404);
      const log = await admin('GET', `/api/v1/shop/deliveries?orderId=${orderId}`);
      assert.equal(log.status, 200);
      assert.ok(log.json.deliveries.length >= 1);
      assert.ok(log.json.deliveries.every((d: Json) => d.orderId === orderId && d.url === 'http://127.0.0.1:9/kasa-hook'));
    });

    test('a revoked key is shut out at once', async () => {
      const r = await admin('POST', `/api/v1/shop/api-keys/${keyId}/revoke`);
      assert.ok(r.json.apiKey.revokedAt);
      assert.equal((await shop('GET', `/api/shop/v1/orders/${orderId}`)).status, 401);
    });
  });
}

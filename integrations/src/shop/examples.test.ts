// The documented examples, run as written in the OpenAPI document, in the order an integrator would, against a
// database with the demo's codes (warehouse STORE; 1001 rye bread, 1037 and 1041 milk, 1101 pork chops by weight).
// (Checked by hand against the real demo seed too: the same totals.)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { createAndPost, createItem, createMinimalCompany, SYSTEM_ACTOR } from '@kasa/db';
import { testDatabase } from '@kasa/db/testing';
import { ensureDemoShopKey } from './api-keys';
import { auth, shopApp, type TestDb } from './test-shop';

let db: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;

before(async () => {
  db = await testDatabase('sqlite');
  const co = await createMinimalCompany(db, { warehouses: [{ code: 'STORE', name: 'Veikals' }] });
  const pg = await db.kysely
    .insertInto('price_groups')
    .values({ code: 'RETAIL', name: 'Retail', currency: 'EUR', tax_included: 1, is_default: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lines = [];
  for (const [code, name, weighted, price, stock] of [
    ['1001', 'Rupjmaize', false, 209, '20'],
    ['1037', 'Piens 2,5%', false, 109, '10'],
    ['1041', 'Piens 3,2%', false, 129, '10'],
    ['1101', 'Cūkgaļas karbonāde', true, 719, '5.5'],
  ] as const) {
    const id = await createItem(db, co.vat.standard!, { code, name, unit: weighted ? 'kg' : 'pcs', weighted });
    await db.kysely
      .insertInto('prices')
      .values({
        price_group_id: Number(pg.id),
        item_id: id,
        price_minor: price,
        valid_from: '2020-01-01',
        created_at: new Date().toISOString(),
      })
      .execute();
    lines.push({ itemId: id, quantity: stock, priceMinor: 100 });
  }
  const date = new Date().toISOString().slice(0, 10);
  await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date, warehouseId: co.warehouses.STORE!, lines });
  ({ app, close } = await shopApp(db));
});
after(async () => {
  await close();
  await db.drop();
});

test("every example body in the OpenAPI document works as written, in an integrator's order", async () => {
  const key = await ensureDemoShopKey(db);
  const doc = (await app.inject({ url: '/api/shop/v1/openapi.json' })).json();
  const example = (path: string, method: string) =>
    doc.paths[path][method].requestBody.content['application/json'].example;
  const headerExample = doc.paths['/orders'].post.parameters.find((p: { in: string }) => p.in === 'header').example;
  const call = (method: 'POST', url: string, payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method, url: `/api/shop/v1${url}`, headers: { ...auth(key), ...headers }, payload });

  const created = await call('POST', '/orders', example('/orders', 'post'), { 'idempotency-key': headerExample });
  assert.equal(created.statusCode, 201, created.body);
  // 2 × 2.09 + 1 × 1.09 + 0.75 kg × 7.19 (5.3925 → 5.39) = 10.66
  assert.equal(created.json().totalMinor, 1066);
  const id = created.json().id as number;

  const picking = await call('POST', `/orders/${id}/status`, example('/orders/{id}/status', 'post'));
  assert.equal(picking.statusCode, 200, picking.body);
  const picked = await call('POST', `/orders/${id}/pick`, example('/orders/{id}/pick', 'post'));
  assert.equal(picked.statusCode, 200, picked.body);
  // 4.18 + 0 (1037 replaced) + 0.742 kg × 7.19 (5.33498 → 5.33) + 1.29 for the 1041 substitute = 10.80
  assert.equal(picked.json().totalMinor, 1080);
  assert.equal((await call('POST', `/orders/${id}/status`, { status: 'ready' })).statusCode, 200);

  const hook = await call('POST', '/webhooks', example('/webhooks', 'post'));
  assert.equal(hook.statusCode, 201, hook.body);
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { requestBody?: unknown }>>))
    for (const [m, op] of Object.entries(methods))
      if (op.requestBody)
        assert.ok(
          ['/orders post', '/orders/{id}/status post', '/orders/{id}/pick post', '/webhooks post'].includes(
            `${path} ${m}`,
          ),
          `${m} ${path} example is run here`,
        );
});

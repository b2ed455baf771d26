// The API's gate and feeds over real HTTP on SQLite and PostgreSQL: keys, scopes, revocation, rate limit, the
// catalogue and stock with cursors, and the OpenAPI document and docs page beside the store server's own swagger.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { auth, keyWith, shopApp, shopDatabase, type TestDb } from './test-shop';
import { createApiKey, DEMO_SHOP_KEY, ensureDemoShopKey, hashApiKey, revokeApiKey } from './api-keys';
import { registerShopApi } from './api';
import { DEFAULT_RATE_LIMIT, rateLimitPerMinute, TokenBuckets } from './rate-limit';

const P = '/api/shop/v1';

test('the per-key limit is set in requests per minute (KASA_SHOP_RATE_LIMIT): burst of two seconds, never off', () => {
  assert.deepEqual(rateLimitPerMinute(undefined), DEFAULT_RATE_LIMIT);
  assert.deepEqual(rateLimitPerMinute(''), { perSecond: 20, burst: 40 });
  assert.deepEqual(rateLimitPerMinute('1200'), { perSecond: 20, burst: 40 });
  // 90 a minute: 1.5 a second, 3 at once.
  assert.deepEqual(rateLimitPerMinute(90), { perSecond: 1.5, burst: 3 });
  assert.deepEqual(rateLimitPerMinute(' 6 '), { perSecond: 0.1, burst: 1 });
  for (const bad of ['0', '-5', '2.5', 'off', 'unlimited'])
    assert.throws(() => rateLimitPerMinute(bad), /requests per minute/);
});

test('a token bucket allows the burst, then one request per refill', () => {
  let now = 0;
  const b = new TokenBuckets({ perSecond: 2, burst: 3 }, () => now);
  assert.deepEqual([b.take('k'), b.take('k'), b.take('k')], [0, 0, 0]);
  assert.equal(b.take('k'), 1); // empty: the next token comes in 0.5 s, said as 1 s
  assert.equal(b.take('other'), 0);
  now = 500;
  assert.equal(b.take('k'), 0);
  assert.equal(b.take('k'), 1);
});

for (const kind of TEST_DATABASE_KINDS) {
  describe(`shop API gate and feeds on ${kind}`, () => {
    let db: TestDb;
    let app: FastifyInstance;
    let close: () => Promise<void>;
    let items: Record<string, number>;

    before(async () => {
      const s = await shopDatabase(kind);
      db = s.db;
      items = s.items;
      ({ app, close } = await shopApp(db, { rateLimit: { perSecond: 1000, burst: 1000 } }));
    });
    after(async () => {
      await close();
      await db.drop();
    });

    const get = (url: string, key?: string) =>
      app.inject({ method: 'GET', url: P + url, headers: key ? auth(key) : {} });

    test('keys are shown once, stored hashed, checked for scope, and stop working when revoked', async () => {
      const { key, apiKey } = await createApiKey(db, { name: 'Shop A', scopes: ['catalogue:read'] });
      assert.match(key, /^kasa_[a-z0-9]+_[A-Za-z0-9]+$/);
      const row = await db.kysely
        .selectFrom('api_keys')
        .selectAll()
        .where('id', '=', apiKey.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.key_hash, hashApiKey(key));
      assert.ok(!JSON.stringify(row).includes(key.split('_')[2]!), 'the secret part is not stored');

      assert.equal((await get('/catalogue', key)).statusCode, 200);
      const noScope = await get('/stock', key);
      assert.equal(noScope.statusCode, 403);
      assert.deepEqual(noScope.json().error, {
        code: 'auth.scope_missing',
        message: noScope.json().error.message,
        params: { scope: 'stock:read' },
      });
      const noOrders = await app.inject({
        method: 'POST',
        url: `${P}/orders`,
        headers: { ...auth(key), 'idempotency-key': 'x' },
        payload: { lines: [{ itemCode: 'BREAD', quantity: 1 }] },
      });
      assert.equal(noOrders.statusCode, 403);

      for (const bad of [
        undefined,
        'nonsense',
        `${key}x`,
        key.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        'kasa_ffffffff_AAAAAAAAAAAAAAAAAAAAAAAA',
      ]) {
        const r = await get('/catalogue', bad);
        assert.equal(r.statusCode, 401, String(bad));
        assert.equal(r.json().error.code, 'auth.api_key_invalid');
      }
      const basic = await app.inject({
        method: 'GET',
        url: `${P}/catalogue`,
        headers: { authorization: `Basic ${key}` },
      });
      assert.equal(basic.statusCode, 401);

      await revokeApiKey(db, apiKey.id);
      const revoked = await get('/catalogue', key);
      assert.equal(revoked.statusCode, 401);
      assert.equal(revoked.json().error.code, 'auth.api_key_invalid');
    });

    test('the demo key is created once with every scope', async () => {
      assert.equal(await ensureDemoShopKey(db), DEMO_SHOP_KEY);
      assert.equal(await ensureDemoShopKey(db), DEMO_SHOP_KEY);
      const rows = await db.kysely.selectFrom('api_keys').selectAll().where('prefix', '=', 'demo').execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.scopes, 'catalogue:read stock:read orders:write');
      assert.equal((await get('/stock', DEMO_SHOP_KEY)).statusCode, 200);
    });

    test('each key has its own rate limit; the refusal says when to come back', async () => {
      const tight = await shopApp(db, { rateLimit: { perSecond: 1, burst: 5 } });
      try {
        const a = await keyWith(db, ['catalogue:read']);
        const b = await keyWith(db, ['catalogue:read']);
        const hit = (key: string) =>
          tight.app.inject({
            method: 'GET',
            url: `${P}/catalogue?limit=1`,
            headers: { ...auth(key), 'accept-language': 'lv' },
          });
        const codes: number[] = [];
        for (let i = 0; i < 5; i++) codes.push((await hit(a)).statusCode);
        assert.deepEqual(codes, [200, 200, 200, 200, 200]);
        const limited = await hit(a);
        assert.equal(limited.statusCode, 429);
        assert.equal(limited.json().error.code, 'rate_limited');
        assert.match(limited.json().error.message, /mēģiniet vēlreiz pēc 1 s/);
        assert.equal(limited.headers['retry-after'], '1');
        assert.equal((await hit(b)).statusCode, 200);
      } finally {
        await tight.close();
      }
    });

    test('the catalogue pages by cursor and then lists only what changed', async () => {
      const key = await keyWith(db, ['catalogue:read']);
      const p1 = (await get('/catalogue?limit=4', key)).json();
      assert.equal(p1.items.length, 4);
      assert.equal(p1.hasMore, true);
      const p2 = (await get(`/catalogue?limit=4&cursor=${p1.nextCursor}`, key)).json();
      assert.equal(p2.items.length, 2);
      assert.equal(p2.hasMore, false);
      const all = [...p1.items, ...p2.items];
      assert.deepEqual(all.map((i: { code: string }) => i.code).sort(), [
        'BREAD',
        'MILK',
        'MILK32',
        'NOPRICE',
        'NOSTOCK',
        'PORK',
      ]);
      const bread = all.find((i: { code: string }) => i.code === 'BREAD');
      assert.deepEqual(bread, {
        code: 'BREAD',
        name: 'Rye bread',
        unit: 'pcs',
        weighted: false,
        active: true,
        barcodes: ['4750000000019'],
        priceMinor: 189,
        currency: 'EUR',
      });
      assert.equal(all.find((i: { code: string }) => i.code === 'NOPRICE').priceMinor, null);

      const quiet = (await get(`/catalogue?cursor=${p2.nextCursor}`, key)).json();
      assert.deepEqual(quiet.items, []);
      assert.equal(quiet.nextCursor, p2.nextCursor);
      // The back office renames the milk (and bumps change_seq, as its catalogue routes do).
      await db.kysely
        .updateTable('items')
        .set({ name: 'Milk 2.5% 1 l (new pack)', change_seq: 100 })
        .where('id', '=', items.MILK!)
        .execute();
      const changed = (await get(`/catalogue?cursor=${p2.nextCursor}`, key)).json();
      assert.deepEqual(
        changed.items.map((i: { name: string }) => i.name),
        ['Milk 2.5% 1 l (new pack)'],
      );
      assert.equal((await get('/catalogue?cursor=abc', key)).statusCode, 400);
      assert.equal((await get('/catalogue?cursor=1.2.3', key)).json().error.code, 'cursor.invalid');
      assert.equal((await get('/catalogue?limit=0', key)).statusCode, 400);
    });

    test('stock shows on hand, reserved and available, and a cursor brings only changed items', async () => {
      const key = await keyWith(db, ['stock:read', 'orders:write']);
      const full = (await get('/stock?warehouse=W1', key)).json();
      assert.equal(full.warehouse, 'W1');
      const line = (code: string, page: { items: Array<{ code: string }> }) => page.items.find((i) => i.code === code);
      assert.deepEqual(line('PORK', full), { code: 'PORK', onHand: 2.5, reserved: 0, available: 2.5 });
      assert.deepEqual(line('NOSTOCK', full), { code: 'NOSTOCK', onHand: 0, reserved: 0, available: 0 });
      const paged = (await get('/stock?warehouse=W1&limit=2', key)).json();
      assert.equal(paged.items.length, 2);
      assert.equal(paged.hasMore, true);
      const rest = (await get(`/stock?warehouse=W1&limit=10&cursor=${paged.nextCursor}`, key)).json();
      assert.equal(rest.items.length, 4);

      const quiet = (await get(`/stock?warehouse=W1&cursor=${full.nextCursor}`, key)).json();
      assert.deepEqual(quiet.items, []);
      const order = await app.inject({
        method: 'POST',
        url: `${P}/orders`,
        headers: { ...auth(key), 'idempotency-key': 'stock-feed' },
        payload: { warehouse: 'W1', lines: [{ itemCode: 'PORK', quantity: 0.5 }] },
      });
      assert.equal(order.statusCode, 201, order.body);
      const after1 = (await get(`/stock?warehouse=W1&cursor=${full.nextCursor}`, key)).json();
      assert.deepEqual(after1.items, [{ code: 'PORK', onHand: 2.5, reserved: 0.5, available: 2 }]);
      const w2 = (await get('/stock?warehouse=W2', key)).json();
      assert.deepEqual(line('PORK', w2), { code: 'PORK', onHand: 0, reserved: 0, available: 0 });
      assert.equal((await get('/stock?warehouse=NOPE', key)).statusCode, 404);
      await app.inject({
        method: 'POST',
        url: `${P}/orders/${order.json().id}/status`,
        headers: auth(key),
        payload: { status: 'cancelled' },
      });
    });

    test('the OpenAPI document lists every operation with its scope, and every body has an example', async () => {
      const r = await get('/openapi.json');
      assert.equal(r.statusCode, 200);
      const doc = r.json();
      assert.equal(doc.openapi, '3.1.0');
      assert.deepEqual(Object.keys(doc.paths).sort(), [
        '/catalogue',
        '/orders',
        '/orders/{id}',
        '/orders/{id}/pick',
        '/orders/{id}/status',
        '/stock',
        '/webhooks',
        '/webhooks/deliveries',
        '/webhooks/{id}',
      ]);
      for (const [path, methods] of Object.entries(
        doc.paths as Record<
          string,
          Record<string, { requestBody?: { content: Record<string, { example?: unknown }> }; 'x-scope': string }>
        >,
      )) {
        for (const [m, op] of Object.entries(methods)) {
          assert.ok(op['x-scope'], `${m} ${path} has a scope`);
          if (op.requestBody)
            assert.ok(op.requestBody.content['application/json']!.example, `${m} ${path} has an example body`);
        }
      }
      const create = doc.paths['/orders'].post;
      assert.ok(
        create.parameters.some(
          (p: { name: string; in: string; required: boolean }) =>
            p.name === 'Idempotency-Key' && p.in === 'header' && p.required,
        ),
      );
      const docs = await get('/docs');
      assert.equal(docs.statusCode, 200);
      assert.match(String(docs.headers['content-type']), /text\/html/);
      assert.match(docs.body, /POST<\/span> <code>\/api\/shop\/v1\/orders<\/code>/);
      assert.match(docs.body, /Idempotency-Key: 3f0c2a52/);
      assert.doesNotMatch(docs.body, /<script src=|https?:\/\/cdn/);
    });
  });
}

test("mounted beside the store server's swagger, both documents answer and the shop routes stay out of the store's", async () => {
  const db = (await shopDatabase('sqlite')).db;
  const app = Fastify();
  await app.register(swagger, { openapi: { info: { title: 'store', version: '1' } } });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/v1/health', { schema: { summary: 'health' } }, async () => ({ ok: true }));
  const shop = await registerShopApi(app, { db });
  await app.ready();
  try {
    const store = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    assert.deepEqual(Object.keys(store.paths), ['/api/v1/health']);
    const own = (await app.inject({ url: `${P}/openapi.json` })).json();
    assert.ok(own.paths['/orders'].post);
  } finally {
    await shop.close();
    await app.close();
    await db.drop();
  }
});

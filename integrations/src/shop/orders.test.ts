// The shop's order journey over real HTTP on SQLite and PostgreSQL: idempotent creation, reservation, insufficient
// stock, the lifecycle with an illegal move, cancel releasing stock, picking with a substitute, and shipping posting
// the sale into the ledger exactly once.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { auth, keyWith, shopApp, shopDatabase, type TestDb } from './test-shop';

const P = '/api/shop/v1';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`shop orders on ${kind}`, () => {
    let db: TestDb;
    let items: Record<string, number>;
    let w1: number;
    let app: FastifyInstance;
    let close: () => Promise<void>;
    let key: string;

    before(async () => {
      const s = await shopDatabase(kind);
      db = s.db;
      items = s.items;
      w1 = s.warehouses.W1!;
      ({ app, close } = await shopApp(db, { rateLimit: { perSecond: 1000, burst: 1000 } }));
      key = await keyWith(db, ['catalogue:read', 'stock:read', 'orders:write']);
    });
    after(async () => {
      await close();
      await db.drop();
    });

    const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: P + url, headers: { ...auth(key), ...headers }, payload: body as object });
    const create = (idem: string, body: unknown) => post('/orders', body, { 'idempotency-key': idem });
    const status = (id: number, s: string, lines?: unknown) =>
      post(`/orders/${id}/status`, lines ? { status: s, lines } : { status: s });
    const available = async (code: string) => {
      const r = await app.inject({ method: 'GET', url: `${P}/stock?warehouse=W1`, headers: auth(key) });
      return r.json().items.find((i: { code: string }) => i.code === code).available as number;
    };
    const onHand = async (code: string) => {
      const b = await db.kysely
        .selectFrom('stock_balances')
        .select('quantity_milli')
        .where('item_id', '=', items[code]!)
        .where('warehouse_id', '=', w1)
        .executeTakeFirst();
      return Number(b?.quantity_milli ?? 0);
    };

    test('the same Idempotency-Key and body return the same order; another body with it is a 409', async () => {
      const body = {
        externalRef: 'WEB-1',
        warehouse: 'W1',
        lines: [
          { itemCode: 'BREAD', quantity: 2 },
          { itemCode: 'PORK', quantity: 0.75 },
        ],
      };
      const first = await create('idem-1', body);
      assert.equal(first.statusCode, 201, first.body);
      const o = first.json();
      // 2 × 1.89 + 0.75 kg × 8.99 = 3.78 + 6.7425 → 6.74 = 10.52
      assert.equal(o.totalMinor, 1052);
      assert.equal(o.status, 'reserved');
      assert.deepEqual(
        o.history.map((h: { status: string }) => h.status),
        ['new', 'reserved'],
      );
      assert.equal(o.currency, 'EUR');

      // Same body with keys in another order is the same request.
      const again = await create('idem-1', { lines: body.lines, warehouse: 'W1', externalRef: 'WEB-1' });
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().id, o.id);

      const other = await create('idem-1', { ...body, lines: [{ itemCode: 'BREAD', quantity: 3 }] });
      assert.equal(other.statusCode, 409);
      assert.equal(other.json().error.code, 'idempotency.conflict');

      // Reserved once, not twice: 10 − 2 = 8 bread, 2.5 − 0.75 = 1.75 kg pork.
      assert.equal(await available('BREAD'), 8);
      assert.equal(await available('PORK'), 1.75);
      const cancel = await status(o.id, 'cancelled');
      assert.equal(cancel.statusCode, 200, cancel.body);
      assert.equal(await available('BREAD'), 10);
    });

    test('an order above available stock is refused naming the item, and nothing is reserved', async () => {
      const ok = await create('stock-1', { lines: [{ itemCode: 'MILK', quantity: 4 }] });
      assert.equal(ok.statusCode, 201, ok.body);
      // 5 milk on hand, 4 reserved: 2 more cannot be had.
      const r = await create('stock-2', {
        lines: [
          { itemCode: 'BREAD', quantity: 1 },
          { itemCode: 'MILK', quantity: 2 },
        ],
      });
      assert.equal(r.statusCode, 409);
      assert.equal(r.json().error.code, 'stock.insufficient');
      assert.equal(r.json().error.params.item, 'MILK');
      assert.equal(r.json().error.params.available, '1.000');
      assert.equal(await available('BREAD'), 10);
      assert.equal(await available('MILK'), 1);
      const count = await db.kysely
        .selectFrom('shop_orders')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('idempotency_key', '=', 'stock-2')
        .executeTakeFirst();
      assert.equal(Number(count?.n), 0);
      // The key was not used up: after the first order is cancelled, the same request goes through.
      assert.equal((await status(ok.json().id, 'cancelled')).statusCode, 200);
      const retry = await create('stock-2', {
        lines: [
          { itemCode: 'BREAD', quantity: 1 },
          { itemCode: 'MILK', quantity: 2 },
        ],
      });
      assert.equal(retry.statusCode, 201);
      assert.equal((await status(retry.json().id, 'cancelled')).statusCode, 200);
    });

    test('unknown items, missing prices and bad quantities are 4xx with codes', async () => {
      const cases: Array<[unknown, number, string]> = [
        [{ lines: [{ itemCode: 'NOPE', quantity: 1 }] }, 422, 'item.unknown'],
        [{ lines: [{ itemCode: 'NOPRICE', quantity: 1 }] }, 422, 'price.missing'],
        [{ lines: [{ itemCode: 'BREAD', quantity: 1.5 }] }, 422, 'validation.quantity'],
        [{ lines: [{ itemCode: 'PORK', quantity: 0.0001 }] }, 422, 'validation.quantity'],
        [{ lines: [{ itemCode: 'BREAD', quantity: 0 }] }, 422, 'validation.quantity'],
        [
          {
            lines: [
              { itemCode: 'BREAD', quantity: 1 },
              { itemCode: 'BREAD', quantity: 1 },
            ],
          },
          422,
          'order.item_duplicate',
        ],
        [{ warehouse: 'NOWHERE', lines: [{ itemCode: 'BREAD', quantity: 1 }] }, 422, 'warehouse.unknown'],
        [{ lines: [{ itemCode: 'NOSTOCK', quantity: 1 }] }, 409, 'stock.insufficient'],
      ];
      for (const [i, [body, code, err]] of cases.entries()) {
        const r = await create(`bad-${i}`, body);
        assert.equal(r.statusCode, code, `${JSON.stringify(body)} → ${r.body}`);
        assert.equal(r.json().error.code, err);
      }
      const noKey = await post('/orders', { lines: [{ itemCode: 'BREAD', quantity: 1 }] });
      assert.equal(noKey.statusCode, 400);
      assert.equal(noKey.json().error.code, 'validation.idempotency-key');
    });

    test('malformed bodies are 4xx with a code, never 5xx', async () => {
      const raw = [
        '{',
        '[]',
        'null',
        '"x"',
        '{"lines":"x"}',
        '{"lines":[]}',
        '{"lines":[{"itemCode":"BREAD","quantity":1e400}]}',
        '{"lines":[{"itemCode":"BREAD","quantity":"abc"}]}',
        '{"lines":[{"itemCode":"BREAD","quantity":1}],"extra":1}',
        '{"lines":[{"itemCode":"BREAD","quantity":99999999999999999999}]}',
        '',
      ];
      for (const [i, payload] of raw.entries()) {
        for (const url of ['/orders', '/orders/1/status', '/orders/1/pick', '/webhooks']) {
          const r = await app.inject({
            method: 'POST',
            url: P + url,
            headers: { ...auth(key), 'content-type': 'application/json', 'idempotency-key': `raw-${i}` },
            payload,
          });
          assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${url} ${payload} → ${r.statusCode} ${r.body}`);
          assert.equal(typeof r.json().error.code, 'string');
        }
      }
      const huge = await app.inject({ method: 'GET', url: `${P}/orders/99999999999999999999999`, headers: auth(key) });
      assert.equal(huge.statusCode, 400);
      const missing = await app.inject({ method: 'GET', url: `${P}/orders/424242`, headers: auth(key) });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'order.not_found');
    });

    test('the lifecycle refuses illegal moves, and shipping posts the sale exactly once', async () => {
      const r = await create('life-1', {
        externalRef: 'WEB-7',
        warehouse: 'W1',
        lines: [{ itemCode: 'BREAD', quantity: 3 }],
      });
      const id = r.json().id as number;
      const bad = await status(id, 'shipped');
      assert.equal(bad.statusCode, 409);
      assert.deepEqual(bad.json().error.params, { from: 'reserved', to: 'shipped' });
      assert.equal(bad.json().error.code, 'order.transition');

      assert.equal((await status(id, 'picking')).statusCode, 200);
      const notPicked = await status(id, 'ready');
      assert.equal(notPicked.statusCode, 409);
      assert.equal(notPicked.json().error.code, 'order.pick_incomplete');
      const ready = await status(id, 'ready', [{ itemCode: 'BREAD', quantity: 3 }]);
      assert.equal(ready.statusCode, 200, ready.body);
      assert.equal((await status(id, 'paid')).statusCode, 200);
      assert.equal((await status(id, 'fiscalized')).statusCode, 200);
      assert.equal(await onHand('BREAD'), 10_000);
      assert.equal(await available('BREAD'), 7);

      const shipped = await status(id, 'shipped');
      assert.equal(shipped.statusCode, 200, shipped.body);
      assert.match(shipped.json().saleDocument.number, /SAL/);
      // 10 − 3 left the ledger; the reservation is gone, so available is on hand.
      assert.equal(await onHand('BREAD'), 7_000);
      assert.equal(await available('BREAD'), 7);

      const twice = await status(id, 'shipped');
      assert.equal(twice.statusCode, 409);
      const cancelLate = await status(id, 'cancelled');
      assert.equal(cancelLate.statusCode, 409);
      assert.deepEqual(cancelLate.json().error.params, { from: 'shipped', to: 'cancelled' });
      assert.equal(await onHand('BREAD'), 7_000);
      const sales = await db.kysely
        .selectFrom('documents')
        .select(['id', 'total_minor'])
        .where('type', '=', 'sale')
        .where('idempotency_key', '=', `shop-order-${id}`)
        .execute();
      assert.equal(sales.length, 1);
      assert.equal(Number(sales[0]!.total_minor), 567); // 3 × 1.89

      assert.equal((await status(id, 'delivered')).statusCode, 200);
      const closed = await status(id, 'closed');
      assert.equal(closed.statusCode, 200);
      const o = closed.json();
      assert.deepEqual(
        o.history.map((h: { status: string }) => h.status),
        ['new', 'reserved', 'picking', 'ready', 'paid', 'fiscalized', 'shipped', 'delivered', 'closed'],
      );
      for (const h of o.history) assert.match(h.at, /^\d{4}-\d{2}-\d{2}T/);
      assert.deepEqual(o.allowedNext, []);
      assert.equal((await status(id, 'new')).statusCode, 409);
    });

    test('partial picking with an agreed substitute moves the reservation and the total', async () => {
      const r = await create('pick-1', {
        allowSubstitutions: true,
        lines: [
          { itemCode: 'MILK', quantity: 2 },
          { itemCode: 'PORK', quantity: 1 },
        ],
      });
      assert.equal(r.statusCode, 201, r.body);
      const id = r.json().id as number;
      // Only one milk 2.5 % found: the other becomes a 3.2 %; the pork weighs 0.95 kg.
      const picked = await post(`/orders/${id}/pick`, {
        lines: [
          { itemCode: 'MILK', quantity: 1 },
          { itemCode: 'MILK32', quantity: 1, substituteFor: 'MILK' },
          { itemCode: 'PORK', quantity: 0.95 },
        ],
      });
      assert.equal(picked.statusCode, 200, picked.body);
      const o = picked.json();
      assert.equal(o.status, 'picking');
      assert.deepEqual(
        o.lines.map(
          (l: {
            itemCode: string;
            quantity: number;
            pickedQuantity: number;
            substituteFor: string | null;
            amountMinor: number;
          }) => [l.itemCode, l.quantity, l.pickedQuantity, l.substituteFor, l.amountMinor],
        ),
        [
          ['MILK', 2, 1, null, 119],
          ['PORK', 1, 0.95, null, 854], // 0.95 × 8.99 = 8.5405
          ['MILK32', 0, 1, 'MILK', 129],
        ],
      );
      assert.equal(o.totalMinor, 119 + 854 + 129);
      assert.equal(await available('MILK'), 4);
      assert.equal(await available('MILK32'), 2);
      assert.equal(await available('PORK'), 1.55);

      const tooMuch = await post(`/orders/${id}/pick`, {
        lines: [{ itemCode: 'MILK32', quantity: 4, substituteFor: 'MILK' }],
      });
      assert.equal(tooMuch.statusCode, 409);
      assert.equal(tooMuch.json().error.code, 'stock.insufficient');
      assert.equal(tooMuch.json().error.params.item, 'MILK32');

      const noSubs = await create('pick-2', { lines: [{ itemCode: 'BREAD', quantity: 1 }] });
      const refused = await post(`/orders/${noSubs.json().id}/pick`, {
        lines: [{ itemCode: 'MILK32', quantity: 1, substituteFor: 'BREAD' }],
      });
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().error.code, 'order.substitution_not_agreed');
      assert.equal((await status(noSubs.json().id, 'cancelled')).statusCode, 200);

      // Cancel while picking releases what is held, substitutes included.
      const cancelled = await status(id, 'cancelled');
      assert.equal(cancelled.statusCode, 200);
      assert.equal(await available('MILK'), 5);
      assert.equal(await available('MILK32'), 3);
      assert.equal(await available('PORK'), 2.5);
    });

    test('paid on delivery ships before it is paid, and the picked quantities are what is sold', async () => {
      const r = await create('cod-1', { payment: 'on_delivery', lines: [{ itemCode: 'PORK', quantity: 1 }] });
      const id = r.json().id as number;
      const porkBefore = await onHand('PORK');
      assert.equal((await status(id, 'ready', [{ itemCode: 'PORK', quantity: 0.8 }])).statusCode, 200);
      assert.equal((await status(id, 'paid')).statusCode, 409);
      const shipped = await status(id, 'shipped');
      assert.equal(shipped.statusCode, 200, shipped.body);
      assert.equal(await onHand('PORK'), porkBefore - 800);
      assert.equal((await status(id, 'cancelled')).statusCode, 409);
      assert.equal((await status(id, 'delivered')).statusCode, 200);
      assert.equal((await status(id, 'paid')).statusCode, 200);
      assert.equal(shipped.json().totalMinor, 719); // 0.8 × 8.99 = 7.192
    });

    test('two shops racing for the last milk: one order gets it, the other is refused; a raced retry is one order', async () => {
      const before = await available('MILK');
      assert.equal(before, 5);
      const [a, b] = await Promise.all([
        create('race-a', { lines: [{ itemCode: 'MILK', quantity: 3 }] }),
        create('race-b', { lines: [{ itemCode: 'MILK', quantity: 3 }] }),
      ]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [201, 409]);
      assert.equal(await available('MILK'), 2);
      const winner = a.statusCode === 201 ? a : b;
      assert.equal((await status(winner.json().id, 'cancelled')).statusCode, 200);

      const breadBefore = await available('BREAD');
      const same = await Promise.all(
        [1, 2, 3].map(() => create('race-same', { lines: [{ itemCode: 'BREAD', quantity: 1 }] })),
      );
      assert.deepEqual(same.map((r) => r.statusCode).sort(), [200, 200, 201]);
      assert.equal(new Set(same.map((r) => r.json().id)).size, 1);
      assert.equal(await available('BREAD'), breadBefore - 1);
      assert.equal((await status(same[0]!.json().id, 'cancelled')).statusCode, 200);
    });

    test('shipping twice at once posts one sale', async () => {
      const r = await create('ship-race', { lines: [{ itemCode: 'BREAD', quantity: 1 }] });
      const id = r.json().id as number;
      for (const s of ['picking', 'ready', 'paid', 'fiscalized'])
        await status(id, s, s === 'ready' ? [{ itemCode: 'BREAD', quantity: 1 }] : undefined);
      const bread = await onHand('BREAD');
      const both = await Promise.all([status(id, 'shipped'), status(id, 'shipped')]);
      assert.deepEqual(both.map((x) => x.statusCode).sort(), [200, 409]);
      assert.equal(await onHand('BREAD'), bread - 1000);
      const sales = await db.kysely
        .selectFrom('documents')
        .select('id')
        .where('idempotency_key', '=', `shop-order-${id}`)
        .execute();
      assert.equal(sales.length, 1);
    });

    test('reservations of finished orders do not pile up: one row per open order and item, one release marker', async () => {
      for (let i = 0; i < 5; i++) {
        const r = await create(`churn-${i}`, { lines: [{ itemCode: 'MILK32', quantity: 1 }] });
        assert.equal((await status(r.json().id, 'cancelled')).statusCode, 200);
      }
      const open = await create('churn-open', { lines: [{ itemCode: 'MILK32', quantity: 2 }] });
      const rows = await db.kysely
        .selectFrom('order_reservations')
        .select(['order_id', 'quantity_milli'])
        .where('item_id', '=', items.MILK32!)
        .execute();
      assert.deepEqual(
        rows.map((r) => Number(r.quantity_milli)).sort((a, b) => a - b),
        [0, 2000],
      );
      assert.equal(await available('MILK32'), 1);
      assert.equal((await status(open.json().id, 'cancelled')).statusCode, 200);
    });

    test('orders of another shop are not visible', async () => {
      const mine = await create('own-1', { lines: [{ itemCode: 'BREAD', quantity: 1 }] });
      const otherKey = await keyWith(db, ['orders:write']);
      const r = await app.inject({ method: 'GET', url: `${P}/orders/${mine.json().id}`, headers: auth(otherKey) });
      assert.equal(r.statusCode, 404);
      const same = await app.inject({
        method: 'POST',
        url: `${P}/orders`,
        headers: { ...auth(otherKey), 'idempotency-key': 'own-1' },
        payload: { lines: [{ itemCode: 'BREAD', quantity: 2 }] },
      });
      assert.equal(same.statusCode, 201, 'idempotency keys are per shop');
      assert.notEqual(same.json().id, mine.json().id);
      const theirs = await app.inject({ method: 'GET', url: `${P}/orders`, headers: auth(otherKey) });
      assert.deepEqual(
        theirs.json().orders.map((o: { id: number }) => o.id),
        [same.json().id],
      );
      const mineReserved = await app.inject({ method: 'GET', url: `${P}/orders?status=reserved`, headers: auth(key) });
      assert.ok(mineReserved.json().orders.some((o: { id: number }) => o.id === mine.json().id));
      assert.ok(mineReserved.json().orders.every((o: { status: string }) => o.status === 'reserved'));
      assert.equal(
        (await app.inject({ method: 'GET', url: `${P}/orders?status=lost`, headers: auth(key) })).statusCode,
        400,
      );
    });

    test('after every order above (picked, substituted, cancelled, shipped, refused) the reserved totals are what open orders hold', async () => {
      const held = await db.kysely
        .selectFrom('order_reservations')
        .select(['item_id', 'warehouse_id', (eb) => eb.fn.sum<number>('quantity_milli').as('q')])
        .groupBy(['item_id', 'warehouse_id'])
        .execute();
      const totals = await db.kysely.selectFrom('stock_reserved').selectAll().execute();
      const byKey = (rows: Array<{ item_id: number; warehouse_id: number; q: number }>) =>
        rows
          .filter((r) => Number(r.q) !== 0)
          .map((r) => `${Number(r.item_id)}/${Number(r.warehouse_id)}=${Number(r.q)}`)
          .sort();
      assert.ok(
        held.some((r) => Number(r.q) > 0),
        'some orders are still open',
      );
      assert.deepEqual(byKey(totals.map((t) => ({ ...t, q: t.quantity_milli }))), byKey(held));
      // The stock feed shows the bread held by the open orders (own-1 of both shops among them) from the total.
      const bread = totals.find((t) => Number(t.item_id) === items.BREAD! && Number(t.warehouse_id) === w1);
      assert.ok(Number(bread?.quantity_milli) >= 3000);
      const feed = await app.inject({ method: 'GET', url: `${P}/stock?warehouse=W1`, headers: auth(key) });
      const line = feed.json().items.find((i: { code: string }) => i.code === 'BREAD');
      assert.equal(line.reserved, Number(bread!.quantity_milli) / 1000);
      assert.equal(line.available, Math.max(0, (await onHand('BREAD')) - Number(bread!.quantity_milli)) / 1000);
    });
  });
}

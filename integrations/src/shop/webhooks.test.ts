// Webhooks end to end on SQLite and PostgreSQL: real local receivers get each status change of an order, in order,
// signed with HMAC-SHA256 of the raw body; a receiver that fails is retried with growing delays until it answers.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { auth, keyWith, shopApp, shopDatabase, type TestDb } from './test-shop';
import { retryDelayMs } from './webhooks';

const P = '/api/shop/v1';

interface Received {
  at: number;
  eventId: string;
  signature: string;
  body: string;
  answered: number;
}

/** A shop's webhook endpoint: records every request; answers 503 to the first `failFirst` ones. */
async function receiver(failFirst = 0): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answered = got.length < failFirst ? 503 : 200;
      got.push({
        at: Date.now(),
        eventId: String(req.headers['x-kasa-event-id']),
        signature: String(req.headers['x-kasa-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
        answered,
      });
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'busy');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, got, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('retries wait 1 s, 2 s, 4 s … and never more than the cap', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 1000, 5 * 60_000)),
    [1000, 2000, 4000, 8000, 16000],
  );
  assert.equal(retryDelayMs(20, 1000, 5 * 60_000), 300_000);
});

for (const kind of TEST_DATABASE_KINDS) {
  describe(`shop webhooks on ${kind}`, { timeout: 60_000 }, () => {
    let db: TestDb;
    let app: FastifyInstance;
    let close: () => Promise<void>;

    before(async () => {
      db = (await shopDatabase(kind)).db;
      ({ app, close } = await shopApp(db, {
        rateLimit: { perSecond: 1000, burst: 1000 },
        webhooks: { intervalMs: 20, baseDelayMs: 150, maxDelayMs: 2000 },
      }));
    });
    after(async () => {
      await close();
      await db.drop();
    });

    test(
      'every status change reaches both receivers in order, signed; the failing one is retried',
      { timeout: 30_000 },
      async () => {
        const key = await keyWith(db, ['orders:write']);
        const good = await receiver();
        const flaky = await receiver(2);
        try {
          const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
            app.inject({ method: 'POST', url: P + url, headers: { ...auth(key), ...headers }, payload });
          const h1 = await post('/webhooks', { url: good.url, secret: 'good-secret-0123456789' });
          assert.equal(h1.statusCode, 201, h1.body);
          assert.equal(h1.json().secret, 'good-secret-0123456789');
          const h2 = await post('/webhooks', { url: flaky.url });
          assert.match(h2.json().secret, /^whsec_[0-9a-f]{48}$/);
          const flakySecret = h2.json().secret as string;
          const list = await app.inject({ method: 'GET', url: `${P}/webhooks`, headers: auth(key) });
          assert.deepEqual(
            list.json().webhooks.map((w: { url: string }) => w.url),
            [good.url, flaky.url],
          );
          assert.ok(!list.body.includes('secret'), 'secrets are not listed');
          assert.equal(
            (await post('/webhooks', { url: 'ftp://example.com/x' })).json().error.code,
            'webhook.url_invalid',
          );

          const created = await post(
            '/orders',
            { externalRef: 'WEB-HOOK', lines: [{ itemCode: 'BREAD', quantity: 1 }] },
            { 'idempotency-key': 'hook-1' },
          );
          const id = created.json().id as number;
          for (const s of ['picking', 'cancelled'])
            assert.equal((await post(`/orders/${id}/status`, { status: s })).statusCode, 200);

          await until('4 events at the good receiver', () => good.got.length >= 4);
          await until(
            '4 delivered events at the flaky receiver',
            () => flaky.got.filter((g) => g.answered === 200).length >= 4,
          );

          const statuses = (got: Received[]) =>
            got.filter((g) => g.answered === 200).map((g) => JSON.parse(g.body).order.status);
          assert.deepEqual(statuses(good.got), ['new', 'reserved', 'picking', 'cancelled']);
          assert.deepEqual(statuses(flaky.got), ['new', 'reserved', 'picking', 'cancelled']);
          for (const [r, secret] of [
            [good, 'good-secret-0123456789'],
            [flaky, flakySecret],
          ] as const) {
            for (const g of r.got) {
              assert.equal(g.signature, `sha256=${createHmac('sha256', secret).update(g.body).digest('hex')}`);
              assert.equal(JSON.parse(g.body).eventId, g.eventId);
            }
          }
          const first = JSON.parse(good.got[0]!.body);
          assert.deepEqual(first.order, {
            id,
            externalRef: 'WEB-HOOK',
            status: 'new',
            previousStatus: null,
            totalMinor: 189,
            currency: 'EUR',
          });
          assert.equal(first.event, 'order.status_changed');

          // The flaky receiver saw the first event three times (503, 503, 200), the same bytes each time,
          // 150 ms then 300 ms apart at least; nothing later came before it was through.
          const tries = flaky.got.slice(0, 3);
          assert.deepEqual(
            tries.map((t) => t.answered),
            [503, 503, 200],
          );
          assert.equal(new Set(tries.map((t) => t.body)).size, 1);
          assert.ok(tries[1]!.at - tries[0]!.at >= 140, `first retry after ${tries[1]!.at - tries[0]!.at} ms`);
          assert.ok(tries[2]!.at - tries[1]!.at >= 290, `second retry after ${tries[2]!.at - tries[1]!.at} ms`);

          // The receiver has the last event a moment before the dispatcher has written down its answer.
          type Delivery = { url: string; status: string; attempts: number; log: Array<{ statusCode: number }> };
          let deliveries: Delivery[] = [];
          const end = Date.now() + 5000;
          do {
            const log = await app.inject({
              method: 'GET',
              url: `${P}/webhooks/deliveries?orderId=${id}`,
              headers: auth(key),
            });
            deliveries = log.json().deliveries as Delivery[];
            if (deliveries.every((d) => d.status === 'delivered')) break;
            await new Promise((r) => setTimeout(r, 20));
          } while (Date.now() < end);
          assert.equal(deliveries.length, 8);
          assert.deepEqual(
            deliveries.map((d) => d.status),
            Array(8).fill('delivered'),
          );
          const retried = deliveries.find((d) => d.url === flaky.url && d.attempts === 3)!;
          assert.deepEqual(
            retried.log.map((l) => l.statusCode),
            [503, 503, 200],
          );
        } finally {
          await good.close();
          await flaky.close();
        }
      },
    );

    test(
      'an unreachable receiver keeps its events queued, and a removed webhook gets nothing more',
      { timeout: 20_000 },
      async () => {
        const key = await keyWith(db, ['orders:write']);
        const gone = await receiver();
        await gone.close();
        const h = await app.inject({
          method: 'POST',
          url: `${P}/webhooks`,
          headers: auth(key),
          payload: { url: gone.url },
        });
        await app.inject({
          method: 'POST',
          url: `${P}/orders`,
          headers: { ...auth(key), 'idempotency-key': 'hook-2' },
          payload: { lines: [{ itemCode: 'BREAD', quantity: 1 }] },
        });
        const deliveries = async () =>
          (await app.inject({ method: 'GET', url: `${P}/webhooks/deliveries`, headers: auth(key) })).json()
            .deliveries as Array<{ status: string; attempts: number; lastError: string | null }>;
        const end = Date.now() + 10_000;
        while (!(await deliveries()).some((d) => d.attempts >= 2)) {
          if (Date.now() > end) throw new Error('no retries of an unreachable receiver');
          await new Promise((r) => setTimeout(r, 50));
        }
        const d = await deliveries();
        assert.ok(d.every((x) => x.status === 'pending'));
        assert.ok(d.some((x) => x.lastError));
        const del = await app.inject({ method: 'DELETE', url: `${P}/webhooks/${h.json().id}`, headers: auth(key) });
        assert.equal(del.statusCode, 204);
        assert.ok((await deliveries()).every((x) => x.status === 'failed'));
        assert.equal(
          (await app.inject({ method: 'DELETE', url: `${P}/webhooks/${h.json().id + 100}`, headers: auth(key) }))
            .statusCode,
          404,
        );
      },
    );

    test('a shop that polls leaves no outbox behind; once it registers a webhook, the next change reaches it', { timeout: 20_000 }, async () => {
      const key = await keyWith(db, ['orders:write']);
      const outboxRows = async () => Number((await db.kysely.selectFrom('shop_outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await outboxRows();
      const created = await app.inject({
        method: 'POST',
        url: `${P}/orders`,
        headers: { ...auth(key), 'idempotency-key': 'poll-1' },
        payload: { lines: [{ itemCode: 'BREAD', quantity: 1 }] },
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as number;
      // The history is kept all the same: the shop reads it from the order.
      assert.deepEqual(
        created.json().history.map((h: { status: string }) => h.status),
        ['new', 'reserved'],
      );
      assert.equal(await outboxRows(), before);
      const r = await receiver();
      try {
        assert.equal((await app.inject({ method: 'POST', url: `${P}/webhooks`, headers: auth(key), payload: { url: r.url } })).statusCode, 201);
        assert.equal((await app.inject({ method: 'POST', url: `${P}/orders/${id}/status`, headers: auth(key), payload: { status: 'picking' } })).statusCode, 200);
        await until('the picking event', () => r.got.length >= 1);
        assert.deepEqual(JSON.parse(r.got[0]!.body).order, { id, externalRef: null, status: 'picking', previousStatus: 'reserved', totalMinor: created.json().totalMinor, currency: created.json().currency });
      } finally {
        await r.close();
      }
    });
  });
}

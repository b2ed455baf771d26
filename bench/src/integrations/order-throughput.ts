// Order creation through the real shop API (POST /api/shop/v1/orders on the demo store server over 127.0.0.1, one
// request at a time, each with its own Idempotency-Key) against a bare fastify route that parses a JSON body and
// answers JSON, in the same process, same client, in alternating blocks so both sides see the same machine state.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { buildServer } from '@kasa/backoffice';
import { createApiKey } from '@kasa/integrations';

/** The demo's rye bread "Lāči" (item 1, code 1001), given enough stock in STORE for every order of the run. */
export const ORDER_ITEM = { id: 1, code: '1001' };
const BLOCK = 50;
/** The shop API allows a key 20 requests a second with bursts of 40; each key here sends at most this many. */
const ORDERS_PER_KEY = 30;

export interface RouteRate {
  requests: number;
  seconds: number;
  perSecond: number;
}

export interface OrderThroughput {
  orders: RouteRate;
  bare: RouteRate;
  ratioPercent: number;
  /** Orders answered 201 with status reserved (every timed one, or the run is wrong). */
  created: number;
  keys: number;
}

function orderBody(n: number) {
  return { externalRef: `BENCH-${n}`, warehouse: 'STORE', payment: 'online', lines: [{ itemCode: ORDER_ITEM.code, quantity: 1 }] };
}

export async function runOrderThroughputBench(opts: { orders: number; warmup: number }): Promise<OrderThroughput> {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bench-orders-'));
  const store = await buildServer({ databaseUrl: `sqlite:${join(dir, 'store.sqlite')}`, demo: true });
  const bare = Fastify({ logger: false });
  try {
    const h = store.db.sqlite;
    if (!h) throw new Error('the order bench needs the SQLite handle to stock the item');
    // Enough bread for every order: set straight in the balance (bench setup, not a posted receipt).
    const total = opts.orders + opts.warmup;
    h.prepare("UPDATE stock_balances SET quantity_milli = ? WHERE item_id = ? AND warehouse_id = (SELECT id FROM warehouses WHERE code = 'STORE')").run(
      (total + 1000) * 1000,
      ORDER_ITEM.id,
    );
    const keys: string[] = [];
    for (let i = 0; i < Math.ceil(total / ORDERS_PER_KEY) + 1; i++) keys.push((await createApiKey(store.db, { name: `bench-${i}`, scopes: ['orders:write'] })).key);

    bare.post('/bare', async (req, reply) => reply.status(201).send({ order: { id: 1, status: 'reserved', received: req.body } }));
    await store.app.listen({ host: '127.0.0.1', port: 0 });
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const storeUrl = `http://127.0.0.1:${(store.app.server.address() as AddressInfo).port}/api/shop/v1/orders`;
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare`;

    let n = 0;
    let created = 0;
    const post = async (url: string, withKey: boolean) => {
      const i = n++;
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `bench-order-${i}`,
          ...(withKey ? { authorization: `Bearer ${keys[Math.floor(i / ORDERS_PER_KEY) % keys.length]}` } : {}),
        },
        body: JSON.stringify(orderBody(i)),
      });
      const json = (await res.json()) as { order?: { status?: string }; status?: string };
      if (res.status !== 201 || (json.order?.status ?? json.status) !== 'reserved') throw new Error(`order ${i}: ${res.status} ${JSON.stringify(json)}`);
      return res.status;
    };
    // Key use is counted only on order calls: number them separately so each key stays under its burst.
    let orderNo = 0;
    let bareNo = 0;
    const createOrder = async () => {
      n = orderNo++;
      await post(storeUrl, true);
      created++;
    };
    const bareCall = async () => {
      n = 1_000_000_000 + bareNo++;
      await post(bareUrl, false);
    };

    for (let i = 0; i < opts.warmup; i++) {
      await createOrder();
      await bareCall();
    }
    created = 0;
    let orderMs = 0;
    let bareMs = 0;
    for (let done = 0; done < opts.orders; done += BLOCK) {
      const size = Math.min(BLOCK, opts.orders - done);
      let t = performance.now();
      for (let i = 0; i < size; i++) await createOrder();
      orderMs += performance.now() - t;
      t = performance.now();
      for (let i = 0; i < size; i++) await bareCall();
      bareMs += performance.now() - t;
    }
    const rate = (ms: number): RouteRate => ({ requests: opts.orders, seconds: ms / 1000, perSecond: (opts.orders * 1000) / ms });
    const orders = rate(orderMs);
    const bareRate = rate(bareMs);
    return { orders, bare: bareRate, ratioPercent: Math.round((orders.perSecond / bareRate.perSecond) * 100), created, keys: keys.length };
  } finally {
    await bare.close();
    await store.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

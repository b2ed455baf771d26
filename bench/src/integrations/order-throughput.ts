// Order creation through the real shop API (POST /api/shop/v1/orders on the demo store server over 127.0.0.1, one
// request at a time, each with its own Idempotency-Key) against a bare fastify route that parses a JSON body and
// answers JSON, in the same process, same client, in alternating blocks so both sides see the same machine state.
// Also counted: the SQL statements one order runs, and what one durable SQLite commit costs on this disk.

import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import BetterSqlite3 from 'better-sqlite3';
import Fastify from 'fastify';
import { buildServer, type StoreServer } from '@kasa/backoffice';
import { createApiKey } from '@kasa/integrations';

/** The demo's rye bread "Lāči" (item 1, code 1001), given enough stock in STORE for every order of the run. */
export const ORDER_ITEM = { id: 1, code: '1001' };
const BLOCK = 50;
/** Statements per order before issue 8's rework (commit b995336), counted as `countStatements` counts them. */
export const STATEMENTS_BEFORE = 26;

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
  /** The per-key limit the server ran with (requests per minute): on, and high enough for the whole run. */
  rateLimitPerMinute: number;
  /** SQL statements one order runs on the SQLite handle, BEGIN and COMMIT included (the fewest of 10 untimed). */
  statementsPerOrder: number;
  /** One durable commit (WAL, synchronous FULL, one row) on the same disk, ms: the floor under every order. */
  commitMs: number;
}

export function orderBody(n: number) {
  return {
    externalRef: `BENCH-${n}`,
    warehouse: 'STORE',
    payment: 'online',
    lines: [{ itemCode: ORDER_ITEM.code, quantity: 1 }],
  };
}

/**
 * The demo store server on a fresh SQLite file with `stock` pieces of the bread in STORE and one shop key.
 * The rate limit is the real one, set by `rateLimitPerMinute` (unset: KASA_SHOP_RATE_LIMIT, else the default).
 */
export async function orderBenchServer(
  dir: string,
  opts: { stock: number; rateLimitPerMinute?: number },
): Promise<{ store: StoreServer; key: string }> {
  const store = await buildServer({
    databaseUrl: `sqlite:${join(dir, 'store.sqlite')}`,
    demo: true,
    shopRateLimitPerMinute: opts.rateLimitPerMinute,
  });
  const h = store.db.sqlite;
  if (!h) throw new Error('the order bench needs the SQLite handle to stock the item');
  // Enough bread for every order: set straight in the balance (bench setup, not a posted receipt).
  h.prepare(
    "UPDATE stock_balances SET quantity_milli = ? WHERE item_id = ? AND warehouse_id = (SELECT id FROM warehouses WHERE code = 'STORE')",
  ).run(opts.stock * 1000, ORDER_ITEM.id);
  const key = (await createApiKey(store.db, { name: 'bench shop', scopes: ['orders:write'] })).key;
  return { store, key };
}

/**
 * Runs `work` counting the statements it executes on the SQLite handle. better-sqlite3 runs every statement through
 * the Statement methods (Kysely through `all` or `run`); they are wrapped for the duration only, and count only calls
 * made inside `work`'s async context, so the webhook dispatcher polling meanwhile is not counted.
 */
async function countStatements(h: BetterSqlite3.Database, work: () => Promise<void>): Promise<number> {
  const proto = Object.getPrototypeOf(h.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  const names = ['run', 'get', 'all', 'iterate'] as const;
  const saved = names.map((m) => proto[m]!);
  const inWork = new AsyncLocalStorage<true>();
  let n = 0;
  names.forEach((m, i) => {
    proto[m] = function (this: unknown, ...args: unknown[]) {
      if (inWork.getStore()) n++;
      return saved[i]!.apply(this, args);
    };
  });
  try {
    await inWork.run(true, work);
  } finally {
    names.forEach((m, i) => (proto[m] = saved[i]!));
  }
  return n;
}

/** Milliseconds per durable one-row commit in a scratch SQLite file beside the store's (same disk, same pragmas). */
function durableCommitMs(dir: string, commits = 100): number {
  const db = new BetterSqlite3(join(dir, 'commit-probe.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE IF NOT EXISTS t (n INTEGER)');
    const ins = db.prepare('INSERT INTO t VALUES (?)');
    const t = performance.now();
    for (let i = 0; i < commits; i++) {
      db.exec('BEGIN IMMEDIATE');
      ins.run(i);
      db.exec('COMMIT');
    }
    return (performance.now() - t) / commits;
  } finally {
    db.close();
  }
}

export async function runOrderThroughputBench(opts: { orders: number; warmup: number }): Promise<OrderThroughput> {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bench-orders-'));
  const counted = 10;
  const total = opts.orders + opts.warmup + counted;
  // One shop key for the whole run, limited as in production but with a burst (two seconds' worth) that covers every
  // order: the limiter runs on each request and never answers 429.
  const rateLimitPerMinute = (total + 10) * 30;
  const { store, key } = await orderBenchServer(dir, { stock: total + 1000, rateLimitPerMinute });
  const bare = Fastify({ logger: false });
  try {
    bare.post('/bare', async (req, reply) =>
      reply.status(201).send({ order: { id: 1, status: 'reserved', received: req.body } }),
    );
    await store.app.listen({ host: '127.0.0.1', port: 0 });
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const storeUrl = `http://127.0.0.1:${(store.app.server.address() as AddressInfo).port}/api/shop/v1/orders`;
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare`;

    const post = async (url: string, i: number, withKey: boolean) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `bench-order-${i}`,
          ...(withKey ? { authorization: `Bearer ${key}` } : {}),
        },
        body: JSON.stringify(orderBody(i)),
      });
      const json = (await res.json()) as { order?: { status?: string }; status?: string };
      if (res.status !== 201 || (json.order?.status ?? json.status) !== 'reserved')
        throw new Error(`order ${i}: ${res.status} ${JSON.stringify(json)}`);
    };
    let orderNo = 0;
    let bareNo = 0;
    let created = 0;
    const createOrder = async () => {
      await post(storeUrl, orderNo++, true);
      created++;
    };
    const bareCall = () => post(bareUrl, 1_000_000_000 + bareNo++, false);

    for (let i = 0; i < opts.warmup; i++) {
      await createOrder();
      await bareCall();
    }
    // Counted through inject (same process, same route and hooks) so the statements stay in this async context.
    // The fewest of the counted orders: the shop key is looked up again every 5 s, which adds one to that order.
    let statements = Infinity;
    for (let i = 0; i < counted; i++) {
      const n = orderNo++;
      const one = await countStatements(store.db.sqlite!, async () => {
        const res = await store.app.inject({
          method: 'POST',
          url: '/api/shop/v1/orders',
          headers: { authorization: `Bearer ${key}`, 'idempotency-key': `bench-order-${n}` },
          payload: orderBody(n),
        });
        if (res.statusCode !== 201) throw new Error(`order ${n}: ${res.statusCode} ${res.body}`);
      });
      statements = Math.min(statements, one);
    }
    const commitBefore = durableCommitMs(dir);
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
    const commitMs = (commitBefore + durableCommitMs(dir)) / 2;
    const rate = (ms: number): RouteRate => ({
      requests: opts.orders,
      seconds: ms / 1000,
      perSecond: (opts.orders * 1000) / ms,
    });
    const orders = rate(orderMs);
    const bareRate = rate(bareMs);
    return {
      orders,
      bare: bareRate,
      ratioPercent: Math.round((orders.perSecond / bareRate.perSecond) * 100),
      created,
      rateLimitPerMinute,
      statementsPerOrder: statements,
      commitMs,
    };
  } finally {
    await bare.close();
    await store.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// An online order from the shop's site to the store's books, with real parts only: the store server with the demo
// shop on a SQLite file, the shop's webhook receiver on a local HTTP port, and the device bridge with its emulated
// Shtrih-M fiscal register. The shop orders two loaves of rye bread, Pēteris picks them on the handheld, the shop
// marks the order paid, the receipt prints once (asking again prints nothing), the order ships into the ledger once,
// and the shop heard of every status change, in order, signed with its secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildServer, type StoreServer } from '@kasa/backoffice';
import { startBridge, type RunningBridge } from '@kasa/device-bridge';
import { DEMO_SHOP_KEY } from '@kasa/integrations';

// From the demo shop: rye bread "Lāči", code 1001 (item 1), EUR 2.09 with VAT, stocked in STORE.
const BREAD = { code: '1001', id: 1, priceMinor: 209 };
const SECRET = 'a-long-random-secret-of-the-web-shop';

interface Received {
  body: string;
  signature: string;
  eventId: string;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('an online order: created by the shop, picked, paid, fiscalized once, shipped into the ledger once, every change signed to the shop', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-online-order-'));
  let store: StoreServer | undefined;
  let bridge: RunningBridge | undefined;
  const received: Received[] = [];
  const receiver: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['x-kasa-signature'] ?? ''),
        eventId: String(req.headers['x-kasa-event-id'] ?? ''),
      });
      res.writeHead(204).end();
    });
  });
  try {
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/kasa/webhooks`;

    bridge = await startBridge({
      configFile: join(dir, 'config.json'),
      emulate: true,
      emulatorKinds: ['shtrih'],
      port: 0,
      quiet: true,
      tillDist: join(dir, 'no-till'),
      tillDataDir: join(dir, 'till'),
    });
    const b = bridge;
    const bridgeCall = (path: string, body: unknown) =>
      fetch(b.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bridge-token': b.token }, body: JSON.stringify(body) });
    const printedReceipts = () => ((b.emulators.find((e) => e.kind === 'shtrih')!.view.journal?.() ?? []) as string[]).filter((l) => / receipt /.test(l));
    // The cashier opened the register's shift in the morning.
    assert.equal((await bridgeCall('/api/fiscal/open-shift', { key: 'morning-shift' })).status, 200);

    store = await buildServer({ databaseUrl: `sqlite:${join(dir, 'store.sqlite')}`, demo: true });
    await store.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(store.app.server.address() as AddressInfo).port}`;
    const s = store;

    const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(base + path, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, unknown> & { order?: Record<string, unknown> } };
    };
    const shop = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      request(method, `/api/shop/v1${path}`, body, { authorization: `Bearer ${DEMO_SHOP_KEY}`, ...headers });
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: username }) });
      assert.equal(res.status, 200, username);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      return (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => request(method, path, body, { cookie, ...headers });
    };
    const stockOfBread = async () => {
      const row = await s.db.kysely
        .selectFrom('stock_balances')
        .innerJoin('warehouses', 'warehouses.id', 'stock_balances.warehouse_id')
        .select('stock_balances.quantity_milli')
        .where('warehouses.code', '=', 'STORE')
        .where('stock_balances.item_id', '=', BREAD.id)
        .executeTakeFirstOrThrow();
      return Number(row.quantity_milli) / 1000;
    };

    // The administrator points the store server at the bridge.
    const admin = await login('admin');
    const saved = await admin('PUT', '/api/v1/settings', { 'labels.bridge_url': b.url, 'labels.bridge_token': b.token });
    assert.equal(saved.status, 200, JSON.stringify(saved.json));

    // The shop registers its webhook with its secret.
    const hook = await shop('POST', '/webhooks', { url: hookUrl, secret: SECRET });
    assert.equal(hook.status, 201, JSON.stringify(hook.json));

    const breadBefore = await stockOfBread();
    const salesBefore = await s.db.kysely.selectFrom('documents').select('id').where('type', '=', 'sale').execute();

    // The shop orders 2 loaves (2 × 2.09 = 4.18), paid online; the same request sent again is the same order.
    const orderBody = { externalRef: 'WEB-20001', warehouse: 'STORE', payment: 'online', lines: [{ itemCode: BREAD.code, quantity: 2 }] };
    const created = await shop('POST', '/orders', orderBody, { 'idempotency-key': 'web-20001-create' });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const order = (created.json.order ?? created.json) as { id: number; status: string; totalMinor: number };
    assert.equal(order.status, 'reserved');
    assert.equal(order.totalMinor, 418);
    const again = await shop('POST', '/orders', orderBody, { 'idempotency-key': 'web-20001-create' });
    assert.equal(again.status, 200);
    assert.equal(((again.json.order ?? again.json) as { id: number }).id, order.id);

    // Pēteris (storekeeper) sees it on the handheld, picks both loaves and finishes.
    const keeper = await login('storekeeper');
    const open = await keeper('GET', '/api/v1/picking/orders');
    assert.ok((open.json.orders as { id: number }[]).some((o) => o.id === order.id));
    const picked = await keeper('POST', `/api/v1/picking/orders/${order.id}/pick`, { lines: [{ itemCode: BREAD.code, quantity: 2 }] }, { 'idempotency-key': 'hh-pick-1' });
    assert.equal(picked.status, 200, JSON.stringify(picked.json));
    const ready = await keeper('POST', `/api/v1/picking/orders/${order.id}/ready`, {}, { 'idempotency-key': 'hh-ready-1' });
    assert.equal(ready.status, 200, JSON.stringify(ready.json));
    assert.equal((ready.json.order as { status: string }).status, 'ready');

    // The shop's payment provider confirmed: paid. The receipt prints (here or by the background fiscalizer), once.
    assert.equal((await shop('POST', `/orders/${order.id}/status`, { status: 'paid' })).status, 200);
    const fiscal = await admin('POST', `/api/v1/shop-orders/${order.id}/fiscalize`);
    assert.equal(fiscal.status, 200, JSON.stringify(fiscal.json));
    assert.equal((fiscal.json as { state: string }).state, 'done');
    assert.equal((fiscal.json.order as { status: string }).status, 'fiscalized');
    const receipts = printedReceipts();
    assert.equal(receipts.length, 1);
    assert.match(receipts[0]!, /4\.18/);
    const second = await admin('POST', `/api/v1/shop-orders/${order.id}/fiscalize`);
    assert.equal(second.status, 200);
    assert.equal(printedReceipts().length, 1, 'asked again: still the one receipt');

    // Shipped: the sale of 2 loaves is posted once, the stock goes down by 2.
    const shipped = await shop('POST', `/orders/${order.id}/status`, { status: 'shipped' });
    assert.equal(shipped.status, 200, JSON.stringify(shipped.json));
    const view = await shop('GET', `/orders/${order.id}`);
    const shown = (view.json.order ?? view.json) as { status: string; saleDocument: { id: number } | null };
    assert.equal(shown.status, 'shipped');
    assert.ok(shown.saleDocument);
    const salesAfter = await s.db.kysely.selectFrom('documents').select(['id', 'total_minor']).where('type', '=', 'sale').execute();
    const newSales = salesAfter.filter((d) => !salesBefore.some((x) => Number(x.id) === Number(d.id)));
    assert.equal(newSales.length, 1);
    assert.equal(Number(newSales[0]!.id), shown.saleDocument.id);
    assert.equal(Number(newSales[0]!.total_minor), 418);
    assert.equal(await stockOfBread(), breadBefore - 2);

    // The shop heard every change, in order, each signed over the raw body with its secret.
    const events = await until('the webhook of the shipment', () => {
      const mine = received.map((r) => ({ r, e: JSON.parse(r.body) as { event: string; order: { id: number; status: string; previousStatus: string } } })).filter((x) => x.e.order.id === order.id);
      return mine.some((x) => x.e.order.status === 'shipped') ? mine : undefined;
    });
    assert.deepEqual(
      events.map((x) => `${x.e.order.previousStatus}→${x.e.order.status}`),
      ['null→new', 'new→reserved', 'reserved→picking', 'picking→ready', 'ready→paid', 'paid→fiscalized', 'fiscalized→shipped'],
    );
    for (const { r, e } of events) {
      assert.equal(e.event, 'order.status_changed');
      const sig = 'sha256=' + createHmac('sha256', SECRET).update(r.body).digest('hex');
      assert.ok(r.signature.length === sig.length && timingSafeEqual(Buffer.from(sig), Buffer.from(r.signature)), `signature of event ${r.eventId}`);
    }
    const ids = events.map((x) => Number(x.r.eventId));
    assert.deepEqual(ids, [...ids].sort((x, y) => x - y), 'event ids rise');
  } finally {
    await store?.app.close();
    await bridge?.close();
    await new Promise<void>((r) => receiver.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  }
});

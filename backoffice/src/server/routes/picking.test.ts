// An online order from the shop's API picked over the store server's picking routes (the handheld's calls) on the
// demo database, then paid by the shop and fiscalized on the real device bridge's Shtrih-M emulator, once.
// (The bridge is loaded by name at run time: the back office never imports it, it only speaks HTTP to it.)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildServer } from '../app';

interface Bridge {
  url: string;
  token: string;
  emulators: { kind: string; view: { journal?(): string[] } }[];
  close(): Promise<void>;
}
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SHOP_KEY = 'kasa_demo_shopkey0000000000000000';
const bridgeModule = '@kasa/device-bridge';

describe('picking an online order on the handheld, fiscalized on the bridge (demo, sqlite)', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-picking-'));
  let base = '';
  let close: () => Promise<void> = async () => {};
  let bridge: Bridge | undefined;
  let orderId = 0;
  const cookies: Record<string, string> = {};

  const call = async (method: string, path: string, opts: { body?: unknown; user?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.user) headers.cookie = cookies[opts.user]!;
    const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    return { status: res.status, headers: res.headers, json: (await res.json()) as Json };
  };
  const shop = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    call(method, `/api/shop/v1${path}`, { body, headers: { authorization: `Bearer ${SHOP_KEY}`, ...headers } });
  const receipts = () => (bridge!.emulators.find((e) => e.kind === 'shtrih')!.view.journal!() ?? []).filter((l) => / receipt /.test(l));

  before(async () => {
    const s = await buildServer({ databaseUrl: `sqlite:${join(dir, 'kasa.db')}`, demo: true });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
    close = () => s.app.close();
    for (const u of ['storekeeper', 'manager']) {
      const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: u }) });
      cookies[u] = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
    }
  });
  after(async () => {
    await close();
    await bridge?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the shop orders bread, milk and pork; the handheld lists it and walks bread → dairy → meat', async () => {
    const created = await shop(
      'POST',
      '/orders',
      { externalRef: 'WEB-PICK-1', warehouse: 'STORE', payment: 'online', allowSubstitutions: true, lines: [{ itemCode: '1101', quantity: 0.75 }, { itemCode: '1037', quantity: 1 }, { itemCode: '1001', quantity: 2 }] },
      { 'idempotency-key': 'pick-test-order-1' },
    );
    assert.equal(created.status, 201, JSON.stringify(created.json));
    orderId = created.json.id ?? created.json.order?.id;

    assert.equal((await call('GET', '/api/v1/picking/orders')).status, 401);
    const list = await call('GET', '/api/v1/picking/orders', { user: 'storekeeper' });
    assert.equal(list.status, 200);
    assert.ok(list.json.orders.some((o: Json) => o.id === orderId && o.status === 'reserved'));

    const pickList = await call('GET', `/api/v1/picking/orders/${orderId}`, { user: 'storekeeper' });
    assert.equal(pickList.status, 200);
    // Walking order: group BREAD (1001), DAIRY (1037), MEAT (1101) — not the order's line order.
    assert.deepEqual(
      pickList.json.lines.map((l: Json) => [l.location, l.itemCode, l.quantity, l.barcodes[0]]),
      [
        ['BREAD', '1001', 2, '4751001000013'],
        ['DAIRY', '1037', 1, '4751002000371'],
        ['MEAT', '1101', 0.75, '4751003001018'],
      ],
    );
    assert.equal(pickList.json.order.allowSubstitutions, true);
  });

  test('scans send picked totals once per key; an over-pick is refused; milk 3.2 % replaces 2.5 %', async () => {
    const pick = (key: string, lines: unknown) => call('POST', `/api/v1/picking/orders/${orderId}/pick`, { user: 'storekeeper', body: { lines }, headers: { 'idempotency-key': key } });
    const first = await pick('scan-1', [{ itemCode: '1001', quantity: 2 }]);
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.equal(first.json.order.status, 'picking');
    const replay = await pick('scan-1', [{ itemCode: '1001', quantity: 2 }]);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');

    const wrong = await pick('scan-w', [{ itemCode: '1002', quantity: 1 }]);
    assert.equal(wrong.status, 422, 'an item not on the order');
    assert.equal(wrong.json.error.code, 'order.line_unknown');

    const over = await pick('scan-2', [{ itemCode: '1001', quantity: 3 }]);
    assert.equal(over.status, 422);
    assert.equal(over.json.error.code, 'order.pick_exceeds');

    const sub = await pick('scan-3', [{ itemCode: '1041', quantity: 1, substituteFor: '1037' }]);
    assert.equal(sub.status, 200, JSON.stringify(sub.json));
    const milk = sub.json.lines.filter((l: Json) => l.location === 'DAIRY').map((l: Json) => [l.itemCode, l.pickedQuantity, l.substituteFor]);
    assert.deepEqual(milk, [
      ['1037', 0, null],
      ['1041', 1, '1037'],
    ]);
  });

  test('Finish with the weighed pork makes the order ready; sent twice, it is applied once', async () => {
    const finish = () => call('POST', `/api/v1/picking/orders/${orderId}/ready`, { user: 'storekeeper', body: { lines: [{ itemCode: '1101', quantity: 0.742 }] }, headers: { 'idempotency-key': 'finish-1' } });
    const r = await finish();
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.order.status, 'ready');
    assert.equal((await finish()).headers.get('idempotent-replayed'), 'true');
    const list = await call('GET', '/api/v1/picking/orders', { user: 'storekeeper' });
    assert.ok(!list.json.orders.some((o: Json) => o.id === orderId), 'a ready order leaves the pick list');
  });

  test('paid by the shop, the receipt prints on the bridge by itself; fiscalizing again prints nothing more', async () => {
    const { startBridge } = (await import(bridgeModule)) as { startBridge(o: Record<string, unknown>): Promise<Bridge> };
    bridge = await startBridge({ configFile: join(dir, 'bridge', 'config.json'), emulate: true, emulatorKinds: ['shtrih'], port: 0, quiet: true, tillDist: join(dir, 'no-till'), tillDataDir: join(dir, 'till') });
    const shift = await fetch(`${bridge.url}/api/fiscal/open-shift`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bridge-token': bridge.token }, body: JSON.stringify({ key: 'morning' }) });
    assert.equal(shift.status, 200);

    const put = await call('PUT', '/api/v1/settings', { user: 'manager', body: { 'labels.bridge_url': bridge.url, 'labels.bridge_token': bridge.token } });
    assert.equal(put.status, 200, JSON.stringify(put.json));

    const paid = await shop('POST', `/orders/${orderId}/status`, { status: 'paid' });
    assert.equal(paid.status, 200, JSON.stringify(paid.json));
    let status = '';
    for (let i = 0; i < 100 && status !== 'fiscalized'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await shop('GET', `/orders/${orderId}`)).json.status;
    }
    assert.equal(status, 'fiscalized');
    // One receipt of three lines: the bread, the substitute milk and the weighed pork (the unpicked milk left out).
    assert.equal(receipts().length, 1);
    assert.match(receipts()[0]!, /3 line\(s\)/);

    assert.equal((await call('POST', `/api/v1/shop-orders/${orderId}/fiscalize`, { user: 'storekeeper' })).status, 403, 'a storekeeper does not fiscalize');
    const again = await call('POST', `/api/v1/shop-orders/${orderId}/fiscalize`, { user: 'manager' });
    assert.equal(again.status, 200, JSON.stringify(again.json));
    assert.equal(again.json.state, 'done');
    assert.equal(receipts().length, 1);
  });
});

// A paid online order's receipt printed on the real device bridge with its Shtrih-M fiscal register emulator:
// the bridge down leaves the order paid with the error recorded; once it answers the receipt prints, the order is
// fiscalized, and asking again (by hand or by the background fiscalizer) never prints a second receipt.
// (The bridge is loaded by name at run time: integrations never import it, they only speak HTTP to it.)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createOrder, changeOrderStatus, pickOrder } from './orders';
import { fiscalFailures, fiscalizeOrder, fiscalKey, fiscalReceipt, startFiscalizer } from './fiscal';
import { createApiKey } from './api-keys';
import { TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { shopDatabase, type TestDb } from './test-shop';

interface Bridge {
  url: string;
  token: string;
  emulators: { kind: string; view: { journal?(): string[] } }[];
  close(): Promise<void>;
}

test('the receipt: picked quantities with their VAT rate, unpicked lines left out, the card paid the total', () => {
  // Rye bread 2 × 1.89 = 3.78 (21 %); pork 0.742 kg × 8.99 = 6.67058 → 6.67 (12 %); milk not picked. Total 10.45.
  const r = fiscalReceipt(
    [
      { name: 'Rye bread', milli: 2000, priceMinor: 189, vatRate: '21' },
      { name: 'Pork chops', milli: 742, priceMinor: 899, vatRate: '12.00' },
      { name: 'Milk', milli: 0, priceMinor: 119, vatRate: '21' },
    ],
    'online',
    1045,
  );
  assert.deepEqual(r, {
    type: 'sale',
    lines: [
      { name: 'Rye bread', quantity: '2.000', priceMinor: 189, vatRate: '21' },
      { name: 'Pork chops', quantity: '0.742', priceMinor: 899, vatRate: '12' },
    ],
    payments: { card: 1045 },
  });
  assert.deepEqual(fiscalReceipt([], 'on_delivery', 500).payments, { cash: 500 });
  assert.equal(fiscalKey(17), 'shop-order-17-fiscal');
});

const bridgeModule = '@kasa/device-bridge';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`fiscalizing a paid online order on the Shtrih-M emulator (${kind})`, { timeout: 90_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasa-fiscal-'));
    let bridge: Bridge;
    const call = (path: string, body: unknown) =>
      fetch(bridge.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bridge-token': bridge.token },
        body: JSON.stringify(body),
      });
    const receipts = () =>
      (bridge.emulators.find((e) => e.kind === 'shtrih')!.view.journal!() ?? []).filter((l) => / receipt /.test(l));
    let db: TestDb;
    let orderId: number;
    let apiKeyId: number;

    before(async () => {
      const { startBridge } = (await import(bridgeModule)) as {
        startBridge(o: Record<string, unknown>): Promise<Bridge>;
      };
      bridge = await startBridge({
        configFile: join(dir, 'config.json'),
        emulate: true,
        emulatorKinds: ['shtrih'],
        port: 0,
        quiet: true,
        tillDist: join(dir, 'no-till'),
        tillDataDir: join(dir, 'till'),
      });
      // The cashier opened the register's shift in the morning.
      assert.equal((await call('/api/fiscal/open-shift', { key: 'morning-shift' })).status, 200);
      const s = await shopDatabase(kind);
      db = s.db;
      // Milk is sold at the reduced rate (12 %), bread at the standard one (21 %).
      const reduced = await db.kysely
        .selectFrom('vat_groups')
        .select('id')
        .where('code', '=', 'reduced')
        .executeTakeFirstOrThrow();
      await db.kysely
        .updateTable('items')
        .set({ vat_group_id: Number(reduced.id) })
        .where('code', '=', 'MILK')
        .execute();
      apiKeyId = (await createApiKey(db, { name: 'web', scopes: ['orders:write'] })).apiKey.id;
      const { order } = await createOrder(db, apiKeyId, 'web-1', {
        externalRef: 'WEB-1',
        payment: 'online',
        lines: [
          { itemCode: 'BREAD', quantity: 2 },
          { itemCode: 'MILK', quantity: 1 },
        ],
      });
      orderId = order.id;
      await pickOrder(db, null, orderId, [
        { itemCode: 'BREAD', quantity: 2 },
        { itemCode: 'MILK', quantity: 1 },
      ]);
      await changeOrderStatus(db, null, orderId, 'ready');
    });
    after(async () => {
      await db?.drop();
      await bridge?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('an order not yet paid is refused', async () => {
      await assert.rejects(fiscalizeOrder(db, orderId, bridge), /order.transition/);
    });

    test('the bridge refusing (wrong token) leaves the order paid with the error recorded, nothing printed', async () => {
      await changeOrderStatus(db, null, orderId, 'paid');
      const r = await fiscalizeOrder(db, orderId, { url: bridge.url, token: 'wrong' });
      assert.equal(r.state, 'failed');
      assert.equal(r.order.status, 'paid');
      const failures = await fiscalFailures(db, orderId);
      assert.equal(failures.length, 1);
      assert.ok(failures[0]!.code.length > 0);
      assert.equal(receipts().length, 0);
    });

    test('retried with the right token: one receipt of 2 lines paid 4.97 by card, the order fiscalized', async () => {
      // Bread 2 × 1.89 = 3.78 + milk 1 × 1.19 = 4.97.
      const r = await fiscalizeOrder(db, orderId, bridge);
      assert.equal(r.state, 'done', JSON.stringify(r.error));
      assert.equal(r.order.status, 'fiscalized');
      assert.equal(r.order.totalMinor, 497);
      const printed = receipts();
      assert.equal(printed.length, 1);
      assert.match(printed[0]!, /2 line\(s\)/);
      assert.match(printed[0]!, /4\.97/);
      const job = (await (
        await fetch(`${bridge.url}/api/jobs/${fiscalKey(orderId)}`, { headers: { 'x-bridge-token': bridge.token } })
      ).json()) as {
        job?: { payload: { receipt: { lines: { vatRate: string }[]; payments: Record<string, number> } } };
      } & { payload?: { receipt: { lines: { vatRate: string }[]; payments: Record<string, number> } } };
      const payload = job.job?.payload ?? job.payload!;
      assert.deepEqual(
        payload.receipt.lines.map((l) => l.vatRate),
        ['21', '12'],
      );
      assert.deepEqual(payload.receipt.payments, { card: 497 });
    });

    test('called again, and twice at once, it answers done and the journal still holds the one receipt', async () => {
      const again = await fiscalizeOrder(db, orderId, bridge);
      assert.equal(again.state, 'done');
      const both = await Promise.all([fiscalizeOrder(db, orderId, bridge), fiscalizeOrder(db, orderId, bridge)]);
      assert.deepEqual(
        both.map((r) => r.state),
        ['done', 'done'],
      );
      assert.equal(receipts().length, 1);
    });

    test('the background fiscalizer picks up a second order as soon as it is paid, once', async () => {
      const { order } = await createOrder(db, apiKeyId, 'web-2', {
        externalRef: 'WEB-2',
        lines: [{ itemCode: 'MILK32', quantity: 1 }],
      });
      await changeOrderStatus(db, null, order.id, 'ready', [{ itemCode: 'MILK32', quantity: 1 }]);
      await changeOrderStatus(db, null, order.id, 'paid');
      let configured = false;
      const f = startFiscalizer({ db, bridge: async () => (configured ? bridge : null), intervalMs: 60_000 });
      try {
        await f.runOnce();
        assert.equal(receipts().length, 1, 'no bridge configured: nothing sent');
        configured = true;
        await Promise.all([f.runOnce(), fiscalizeOrder(db, order.id, bridge)]);
        await f.runOnce();
      } finally {
        await f.close();
      }
      const rows = await db.kysely
        .selectFrom('shop_orders')
        .select('status')
        .where('id', '=', order.id)
        .executeTakeFirstOrThrow();
      assert.equal(rows.status, 'fiscalized');
      assert.equal(receipts().length, 2, 'one receipt per order');
    });

    test('after the Z report the register refuses the receipt; retried once the next shift is open, it prints once', async () => {
      await call('/api/fiscal/z-report', { key: 'evening-z' });
      const { order } = await createOrder(db, apiKeyId, 'web-3', { lines: [{ itemCode: 'BREAD', quantity: 1 }] });
      await changeOrderStatus(db, null, order.id, 'ready', [{ itemCode: 'BREAD', quantity: 1 }]);
      await changeOrderStatus(db, null, order.id, 'paid');
      const count = receipts().length;
      assert.equal((await fiscalizeOrder(db, order.id, bridge)).state, 'failed');
      await call('/api/fiscal/open-shift', { key: 'next-morning-shift' });
      assert.equal((await fiscalizeOrder(db, order.id, bridge)).state, 'done');
      assert.equal(receipts().length, count + 1);
      assert.equal((await fiscalizeOrder(db, order.id, bridge)).state, 'done');
      assert.equal(receipts().length, count + 1);
    });
  });
}

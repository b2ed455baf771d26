// Labels printed from the store server on the real device bridge with its ZPL label printer emulator on a pty pair:
// the bridge address and token are settings, the server fills name, price, unit price and barcode from the catalogue.
// (The bridge is loaded by name at run time: the back office never imports it, it only speaks HTTP to it.)
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createItem, createMinimalCompany } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { buildServer } from './app';
import { seedWarehouseUsers } from './test-users';

interface Bridge {
  url: string;
  token: string;
  emulators: { kind: string; view: { labels?(): string[] } }[];
  close(): Promise<void>;
}

const bridgeModule = '@kasa/device-bridge';
const dir = mkdtempSync(join(tmpdir(), 'kasa-labels-'));
let bridge: Bridge;

before(async () => {
  const { startBridge } = (await import(bridgeModule)) as { startBridge(o: Record<string, unknown>): Promise<Bridge> };
  bridge = await startBridge({ configFile: join(dir, 'config.json'), emulate: true, emulatorKinds: ['zpl'], port: 0, quiet: true, tillDist: join(dir, 'no-till'), tillDataDir: join(dir, 'till') });
});
after(async () => {
  await bridge?.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const kind of TEST_DATABASE_KINDS) {
  describe(`labels on the bridge's ZPL printer (${kind})`, { timeout: 60_000 }, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let base: string;
    let close: () => Promise<void>;
    let cookie = '';
    let milk: number;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(base + path, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };

    before(async () => {
      db = await testDatabase(kind);
      const co = await createMinimalCompany(db);
      milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens 2 % 1 l' });
      await db.kysely.insertInto('barcodes').values({ code: '4751003380014', item_id: milk, pack_quantity: '1' }).execute();
      const pg = await db.kysely.insertInto('price_groups').values({ code: 'RETAIL', name: 'Retail', currency: 'EUR', tax_included: 1, is_default: 1 }).returning('id').executeTakeFirstOrThrow();
      await db.kysely.insertInto('prices').values({ price_group_id: Number(pg.id), item_id: milk, price_minor: 119, valid_from: '2026-01-01', created_at: '2026-01-01T00:00:00Z' }).execute();
      await seedWarehouseUsers(db);
      const s = await buildServer({ databaseUrl: db.url });
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
      close = () => s.app.close();
      const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin' }) });
      cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
    });
    after(async () => {
      await close();
      await db.drop();
    });

    test('the label fields carry name, price 1.19 EUR, unit price and the EAN-13', async () => {
      const r = await call('GET', `/api/v1/labels/fields?itemIds=${milk}`);
      assert.deepEqual(r.json.labels, [{ itemId: milk, fields: { name: 'Piens 2 % 1 l', price: '1.19', currency: 'EUR', barcode: '4751003380014', unitPrice: '1.19', unit: 'pcs' } }]);
    });

    test('a wrong token is reported as the bridge refusing; the right one prints two price tags on the emulator', async () => {
      await call('PUT', '/api/v1/settings', { 'labels.bridge_url': bridge.url, 'labels.bridge_token': 'wrong' });
      const refused = await call('POST', '/api/v1/labels/print', { labels: [{ itemId: milk }] });
      assert.equal(refused.status, 502);
      assert.equal(refused.json.error.code, 'labels.bridge_failed');
      await call('PUT', '/api/v1/settings', { 'labels.bridge_token': bridge.token });
      const zpl = bridge.emulators.find((e) => e.kind === 'zpl')!;
      const before = zpl.view.labels!().length;
      const printed = await call('POST', '/api/v1/labels/print', { template: 'price-tag', labels: [{ itemId: milk, copies: 2 }] });
      assert.equal(printed.status, 200, JSON.stringify(printed.json));
      assert.equal(printed.json.job.state, 'done');
      // The job is done when the bytes are written; the emulator on the pty's far end may still be reading them.
      for (let i = 0; i < 100 && zpl.view.labels!().length <= before; i++) await new Promise((r) => setTimeout(r, 50));
      const out = zpl.view.labels!();
      assert.ok(out.length > before, 'the emulator received the label');
      assert.match(out[0]!, /Piens 2 % 1 l/);
      assert.match(out[0]!, /1[.,]19/);
      assert.match(out[0]!, /4751003380014/);
    });
  });
}

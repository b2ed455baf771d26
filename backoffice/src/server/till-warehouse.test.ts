// Each till sells from its own warehouse: the till.warehouses setting maps till codes to store warehouses, a till not
// listed sells from the first one, and a mapping to a warehouse that does not exist is refused when saved.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createItem, createMinimalCompany, type MinimalCompany } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { startTestServer } from './test-server';
import { seedWarehouseUsers } from './test-users';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`till warehouses on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let co: MinimalCompany;
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let bread: number;

    const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => server.as('admin')(method, path, body, headers);
    const stock = async (warehouse: number) =>
      (await db.kysely.selectFrom('stock_balances').select('quantity_milli').where('item_id', '=', bread).where('warehouse_id', '=', warehouse).executeTakeFirst())?.quantity_milli ?? 0;
    const sell = (tillCode: string, n: number) => {
      const uuid = `5d2c7a10-0000-4000-8000-${String(n).padStart(12, '0')}`;
      return call('POST', '/api/v1/till/receipts', {
        uuid,
        tillCode,
        number: `${tillCode}-${n}`,
        type: 'sale',
        cashierId: 1,
        shiftNumber: 1,
        createdAt: '2026-11-20T09:00:00Z',
        currency: 'EUR',
        lines: [{ itemId: bread, quantity: '1.000', unitPriceMinor: 120, discountMinor: 0, vatRate: '12' }],
        payments: [{ method: 'cash', amountMinor: 120 }],
      }, { 'idempotency-key': uuid });
    };

    before(async () => {
      db = await testDatabase(kind);
      co = await createMinimalCompany(db, { warehouses: [{ code: 'STORE', name: 'Store', negativeStock: 'allow' }, { code: 'KIOSK', name: 'Kiosk', negativeStock: 'allow' }] });
      bread = await createItem(db, co.vat.reduced!, { code: 'BREAD', name: 'Maize' });
      await seedWarehouseUsers(db);
      server = await startTestServer(db.url);
    });
    after(async () => {
      await server.close();
      await db.drop();
    });

    test('a till not listed sells from the first store warehouse; a listed one from its own', async () => {
      assert.equal((await sell('T1', 1)).json.status, 'posted');
      assert.equal(Number(await stock(co.warehouses.STORE!)), -1000);
      const saved = await call('PUT', '/api/v1/settings', { 'till.warehouses': 'T2=KIOSK\nT3 = STORE' });
      assert.equal(saved.status, 200);
      assert.equal(saved.json.settings['till.warehouses'], 'T2=KIOSK\nT3 = STORE');
      assert.equal((await sell('T2', 2)).json.status, 'posted');
      assert.equal((await sell('T2', 3)).json.status, 'posted');
      assert.equal(Number(await stock(co.warehouses.KIOSK!)), -2000);
      assert.equal(Number(await stock(co.warehouses.STORE!)), -1000);
    });

    test('a mapping to an unknown warehouse or a malformed one is refused in the user language', async () => {
      const unknown = await call('PUT', '/api/v1/settings', { 'till.warehouses': 'T2=NOWHERE' }, { 'accept-language': 'lv' });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.json.error.code, 'till.warehouse_unknown');
      assert.match(unknown.json.error.message, /NOWHERE/);
      const twice = await call('PUT', '/api/v1/settings', { 'till.warehouses': 'T2=STORE, T2=KIOSK' });
      assert.equal(twice.json.error.code, 'settings.invalid');
      assert.equal((await call('GET', '/api/v1/settings')).json.settings['till.warehouses'], 'T2=KIOSK\nT3 = STORE', 'the old mapping stays');
    });
  });
}

// Each till sells from its own warehouse at its own prices: the till.warehouses and till.price_groups settings map till
// codes to store warehouses and price groups, a till not listed sells from the first warehouse at the default prices,
// and a mapping to a warehouse or price group that does not exist is refused when saved.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createItem, createMinimalCompany, type MinimalCompany } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { startTestServer, type Json } from './test-server';
import { seedWarehouseUsers } from './test-users';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`till warehouses and price groups on ${kind}`, () => {
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
      const group = (code: string, taxIncluded: number, isDefault: number) =>
        db.kysely.insertInto('price_groups').values({ code, name: code, currency: 'EUR', tax_included: taxIncluded, is_default: isDefault }).returning('id').executeTakeFirstOrThrow();
      const retail = Number((await group('RETAIL', 1, 1)).id);
      const kiosk = Number((await group('KIOSK', 0, 0)).id);
      // Bread: 1.20 with VAT at the shop; 1.05 without VAT at the kiosk (12 % → 1.176 → 1.18 with VAT).
      await db.kysely.insertInto('prices').values([
        { price_group_id: retail, item_id: bread, price_minor: 120, valid_from: '2026-01-01', created_at: '2026-01-01T00:00:00Z' },
        { price_group_id: kiosk, item_id: bread, price_minor: 105, valid_from: '2026-01-01', created_at: '2026-01-01T00:00:00Z' },
      ]).execute();
      await db.kysely.updateTable('items').set({ change_seq: 1 }).where('id', '=', bread).execute();
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

    test('a till sells at its price group, VAT added where the group is priced without it; a change re-sends the catalogue', async () => {
      const pull = async (till: string, since = '') => (await call('GET', `/api/v1/till/catalogue?till=${till}${since ? `&since=${since}` : ''}`)).json;
      const first = await pull('T2');
      assert.deepEqual(first.items.map((i: Json) => [i.code, i.priceMinor]), [['BREAD', 120]]);
      assert.equal((await pull('T2', first.cursor)).items.length, 0);
      assert.equal((await call('PUT', '/api/v1/settings', { 'till.price_groups': 'T2=KIOSK' })).status, 200);
      assert.deepEqual((await pull('T2', first.cursor)).items.map((i: Json) => [i.code, i.priceMinor]), [['BREAD', 118]]);
      assert.deepEqual((await pull('T1', first.cursor)).items.map((i: Json) => [i.code, i.priceMinor]), [['BREAD', 120]]);
      const unknown = await call('PUT', '/api/v1/settings', { 'till.price_groups': 'T2=WHOLESALE' }, { 'accept-language': 'cs' });
      assert.equal(unknown.json.error.code, 'till.price_group_unknown');
      assert.match(unknown.json.error.message, /WHOLESALE/);
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

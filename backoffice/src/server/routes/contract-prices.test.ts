// Supplier contract prices over real HTTP on SQLite and PostgreSQL: the admin agrees milk at 0.90 with the dairy, a
// storekeeper may look but not change, errors come back translated, and a receiving at 1.00 — within 10 % of the
// last price 0.95 but 11.11 % above the contract — waits for approval with the contract named as its reference.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAndPost, createItem, createMinimalCompany, SYSTEM_ACTOR, type MinimalCompany } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { buildServer } from '../app';
import { seedWarehouseUsers } from '../test-users';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const kind of TEST_DATABASE_KINDS) {
  describe(`supplier contract prices over HTTP on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let co: MinimalCompany;
    let base: string;
    let close: () => Promise<void>;
    let milk: number;
    let supplier: number;
    let customer: number;
    const cookies: Record<string, string> = {};
    const as = (user: string) => async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(base + path, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), cookie: cookies[user] ?? '', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json };
    };
    const admin = as('admin');
    const storekeeper = as('storekeeper');

    before(async () => {
      db = await testDatabase(kind);
      co = await createMinimalCompany(db);
      milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens 2 %' });
      const partner = async (code: string, k: string) =>
        Number((await db.kysely.insertInto('partners').values({ code, name: code, kind: k, tax_number: null, bank_account: null, price_group_id: null }).returning('id').executeTakeFirstOrThrow()).id);
      supplier = await partner('S-PIENS', 'supplier');
      customer = await partner('C-SHOP', 'customer');
      await seedWarehouseUsers(db);
      // The dairy's last milk price: 0.95.
      await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-01', warehouseId: co.warehouses.W1, partnerId: supplier, lines: [{ itemId: milk, quantity: '10', priceMinor: 95 }] });
      const s = await buildServer({ databaseUrl: db.url });
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
      close = () => s.app.close();
      for (const u of ['admin', 'storekeeper']) {
        const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: u }) });
        cookies[u] = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
      }
    });
    after(async () => {
      await close();
      await db.drop();
    });

    test('the admin adds a contract price, anyone logged in sees it, a storekeeper may not add one', async () => {
      const added = await admin('POST', `/api/v1/partners/${supplier}/contract-prices`, { itemId: milk, priceMinor: 90, validFrom: '2026-11-05' });
      assert.equal(added.status, 201);
      assert.deepEqual(
        [added.json.contractPrice.itemCode, added.json.contractPrice.priceMinor, added.json.contractPrice.currency, added.json.contractPrice.validTo],
        ['MILK', 90, 'EUR', null],
      );
      const listed = await storekeeper('GET', `/api/v1/partners/${supplier}/contract-prices`);
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.json.contractPrices.map((c: Json) => [c.itemCode, c.priceMinor, c.validFrom]), [['MILK', 90, '2026-11-05']]);
      const refused = await storekeeper('POST', `/api/v1/partners/${supplier}/contract-prices`, { itemId: milk, priceMinor: 80, validFrom: '2027-01-01' });
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, 'auth.forbidden');
    });

    test('a receiving at 1.00 is held against the contract 0.90 (+11.11 %), not the last price 0.95 (+5.26 %)', async () => {
      const d = await storekeeper('POST', '/api/v1/documents', { type: 'receiving', date: '2026-11-10', warehouseId: co.warehouses.W1, partnerId: supplier, lines: [{ itemId: milk, quantity: '12', priceMinor: 100 }] });
      assert.equal(d.status, 201);
      const posted = await storekeeper('POST', `/api/v1/documents/${d.json.document.id}/post`, {});
      assert.equal(posted.json.document.status, 'awaiting_approval');
      assert.deepEqual(
        posted.json.document.payload.priceControl.flagged.map((f: Json) => [f.reference, f.referencePriceMinor, f.increasePercent, f.contract.validFrom, f.lastPriceMinor]),
        [['contract', 90, '11.11', '2026-11-05', 95]],
      );
    });

    test('overlaps, customers, unknown prices and bad dates are refused with translated errors', async () => {
      const overlap = await admin('POST', `/api/v1/partners/${supplier}/contract-prices`, { itemId: milk, priceMinor: 85, validFrom: '2026-10-01', validTo: '2026-11-30' }, { 'accept-language': 'lv' });
      assert.equal(overlap.status, 409);
      assert.equal(overlap.json.error.code, 'contract_price.overlap');
      assert.equal(overlap.json.error.message, 'Šai precei jau ir līguma cena no 2026-11-05 līdz …; vispirms to izbeidziet vai izvēlieties citu periodu.');
      const notSupplier = await admin('GET', `/api/v1/partners/${customer}/contract-prices`);
      assert.deepEqual([notSupplier.status, notSupplier.json.error.code], [400, 'contract_price.not_supplier']);
      const unknown = await admin('POST', `/api/v1/partners/${supplier}/contract-prices/999999/end`, { validTo: '2026-12-31' });
      assert.deepEqual([unknown.status, unknown.json.error.code], [404, 'contract_price.unknown']);
      const badDate = await admin('POST', `/api/v1/partners/${supplier}/contract-prices`, { itemId: milk, priceMinor: 85, validFrom: '1.12.2026' });
      assert.equal(badDate.status, 400);
      assert.match(badDate.json.error.code, /^validation\./);
    });

    test('ending the contract on 30 November lets a December receiving at 1.00 through against the last price', async () => {
      const id = (await admin('GET', `/api/v1/partners/${supplier}/contract-prices`)).json.contractPrices[0].id;
      const early = await admin('POST', `/api/v1/partners/${supplier}/contract-prices/${id}/end`, { validTo: '2026-11-01' });
      assert.deepEqual([early.status, early.json.error.code], [400, 'contract_price.period']);
      const ended = await admin('POST', `/api/v1/partners/${supplier}/contract-prices/${id}/end`, { validTo: '2026-11-30' });
      assert.equal(ended.json.contractPrice.validTo, '2026-11-30');
      const d = await storekeeper('POST', '/api/v1/documents', { type: 'receiving', date: '2026-12-01', warehouseId: co.warehouses.W1, partnerId: supplier, lines: [{ itemId: milk, quantity: '12', priceMinor: 100 }] });
      assert.equal((await storekeeper('POST', `/api/v1/documents/${d.json.document.id}/post`, {})).json.document.status, 'posted');
    });
  });
}

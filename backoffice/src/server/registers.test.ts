// Catalogue management over HTTP on SQLite and PostgreSQL: price history with a price valid from a later date,
// partners, user groups' rights and new users.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createItem, createMinimalCompany } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { startTestServer, type Caller, type Json } from './test-server';
import { seedWarehouseUsers } from './test-users';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`catalogue management over HTTP on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let milk: number;
    let retail: number;
    const as = (user: string): Caller => (...args) => server.as(user)(...args);
    const admin = as('admin');
    const storekeeper = as('storekeeper');

    before(async () => {
      db = await testDatabase(kind);
      const co = await createMinimalCompany(db);
      milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens' });
      const pg = await db.kysely.insertInto('price_groups').values({ code: 'RETAIL', name: 'Retail', currency: 'EUR', tax_included: 1, is_default: 1 }).returning('id').executeTakeFirstOrThrow();
      retail = Number(pg.id);
      await seedWarehouseUsers(db);
      server = await startTestServer(db.url);
    });
    after(async () => {
      await server.close();
      await db.drop();
    });

    test('a new price valid from a later date joins the history; today the earlier one is still in force', async () => {
      assert.equal((await admin('POST', `/api/v1/items/${milk}/prices`, { priceGroupId: retail, priceMinor: 119, validFrom: '2026-01-01' })).status, 201);
      assert.equal((await admin('POST', `/api/v1/items/${milk}/prices`, { priceGroupId: retail, priceMinor: 129, validFrom: '2099-01-01' })).status, 201);
      const h = await admin('GET', `/api/v1/items/${milk}/prices`);
      assert.deepEqual(h.json.prices.map((p: Json) => [p.priceMinor, p.validFrom, p.current]), [[129, '2099-01-01', false], [119, '2026-01-01', true]]);
      assert.equal((await admin('GET', `/api/v1/items/${milk}`)).json.item.priceMinor, 119);
      assert.equal((await storekeeper('POST', `/api/v1/items/${milk}/prices`, { priceGroupId: retail, priceMinor: 1, validFrom: '2026-01-02' })).status, 403);
    });

    test('item groups are listed with their parents, for a stocktake of one group', async () => {
      const dairy = await db.kysely.insertInto('item_groups').values({ code: 'DAIRY', name: 'Piena produkti', parent_id: null }).returning('id').executeTakeFirstOrThrow();
      await db.kysely.insertInto('item_groups').values({ code: 'CHEESE', name: 'Siers', parent_id: Number(dairy.id) }).execute();
      const r = await storekeeper('GET', '/api/v1/item-groups');
      assert.deepEqual(r.json.itemGroups.map((g: Json) => [g.code, g.parentId]), [['CHEESE', Number(dairy.id)], ['DAIRY', null]]);
    });

    test('partners are created and changed; a taken code is refused', async () => {
      const p = await admin('POST', '/api/v1/partners', { code: 'S-MAIZE', name: 'Maizes ceptuve', kind: 'supplier', taxNumber: 'LV40003000000' });
      assert.equal(p.status, 201);
      const again = await admin('POST', '/api/v1/partners', { code: 'S-MAIZE', name: 'Other', kind: 'supplier' });
      assert.equal(again.json.error.code, 'partner.code_taken');
      await admin('PUT', `/api/v1/partners/${p.json.partner.id}`, { code: 'S-MAIZE', name: 'Maizes ceptuve SIA', kind: 'both' });
      const list = await admin('GET', '/api/v1/partners');
      assert.deepEqual(list.json.partners.map((x: Json) => [x.code, x.name, x.kind]), [['S-MAIZE', 'Maizes ceptuve SIA', 'both']]);
    });

    test("a group's rights are replaced and a new user in it signs in with them", async () => {
      const groups = await admin('GET', '/api/v1/user-groups');
      const sk = groups.json.groups.find((g: Json) => g.code === 'storekeeper');
      assert.ok(sk.rights.includes('stocktake.edit'));
      await admin('PUT', `/api/v1/user-groups/${sk.id}/rights`, { rights: ['stocktake.edit', 'receiving.edit', 'stock.view'] });
      assert.equal((await admin('POST', '/api/v1/users', { username: 'ilze', name: 'Ilze', group: 'storekeeper', password: 'ilze1234', language: 'lv' })).status, 201);
      const me = (await server.call('POST', '/api/v1/auth/login', { username: 'ilze', password: 'ilze1234' })).json;
      assert.deepEqual(me.user.rights, ['receiving.edit', 'stock.view', 'stocktake.edit']);
      assert.equal((await storekeeper('PUT', `/api/v1/user-groups/${sk.id}/rights`, { rights: ['*'] })).status, 403);
    });
  });
}

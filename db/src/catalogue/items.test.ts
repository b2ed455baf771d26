// A price set today "valid from Monday" reaches the tills on Monday: the items it belongs to move forward in the
// change feed once that day comes, once for all tills. Both databases.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DATABASE_KINDS, testDatabase } from '../testing';
import { createItem, createMinimalCompany } from '../fixtures/minimal-company';
import { announcePricesInForce } from './items';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`prices coming into force on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let milk: number;
    let bread: number;
    const changed = async (since: number) =>
      (await db.kysely.selectFrom('items').select('code').where('change_seq', '>', since).orderBy('change_seq').execute()).map((r) => r.code);
    const maxSeq = async () => Number((await db.kysely.selectFrom('items').select((eb) => eb.fn.max('change_seq').as('m')).executeTakeFirst())?.m ?? 0);

    before(async () => {
      db = await testDatabase(kind);
      const co = await createMinimalCompany(db);
      milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens' });
      bread = await createItem(db, co.vat.reduced!, { code: 'BREAD', name: 'Maize' });
      const g = await db.kysely.insertInto('price_groups').values({ code: 'RETAIL', name: 'Retail', currency: 'EUR', tax_included: 1, is_default: 1 }).returning('id').executeTakeFirstOrThrow();
      const price = (item: number, minor: number, from: string) =>
        db.kysely.insertInto('prices').values({ price_group_id: Number(g.id), item_id: item, price_minor: minor, valid_from: from, created_at: '2026-11-20T10:00:00Z' }).execute();
      await price(milk, 119, '2026-01-01');
      await price(bread, 99, '2026-01-01');
      // Set on Friday, in force from Monday 30 November.
      await price(milk, 129, '2026-11-30');
    });
    after(async () => db.drop());

    test('nothing moves before the day; on the day the item moves once, whoever asks', async () => {
      await announcePricesInForce(db, '2026-11-27');
      const friday = await maxSeq();
      assert.equal(await announcePricesInForce(db, '2026-11-28'), 0);
      assert.deepEqual(await changed(friday), []);
      assert.equal(await announcePricesInForce(db, '2026-11-30'), 1);
      assert.deepEqual(await changed(friday), ['MILK']);
      const monday = await maxSeq();
      assert.equal(await announcePricesInForce(db, '2026-11-30'), 0, 'a second till asking on Monday moves nothing');
      assert.deepEqual(await changed(monday), []);
    });

    test('a price whose day passed while nobody asked is still announced', async () => {
      const before = await maxSeq();
      await db.kysely.insertInto('prices').values({ price_group_id: (await db.kysely.selectFrom('price_groups').select('id').executeTakeFirstOrThrow()).id, item_id: bread, price_minor: 109, valid_from: '2026-12-02', created_at: '2026-11-30T10:00:00Z' }).execute();
      assert.equal(await announcePricesInForce(db, '2026-12-05'), 1);
      assert.deepEqual(await changed(before), ['BREAD']);
    });
  });
}

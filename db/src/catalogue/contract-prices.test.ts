// Supplier contract prices: periods that never overlap, a new price ending the open one the day before, and the
// price valid on a day. Both databases.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DATABASE_KINDS, testDatabase } from '../testing';
import { createItem, createMinimalCompany } from '../fixtures/minimal-company';
import { addContractPrice, contractPricesOn, endContractPrice, listContractPrices } from './contract-prices';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`contract prices on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let flour: number;
    let sugar: number;
    let supplier: number;
    let customer: number;

    before(async () => {
      db = await testDatabase(kind);
      const co = await createMinimalCompany(db);
      flour = await createItem(db, co.vat.standard!, { code: 'FLOUR', name: 'Milti' });
      sugar = await createItem(db, co.vat.standard!, { code: 'SUGAR', name: 'Cukurs' });
      const partner = (code: string, k: string) =>
        db.kysely.insertInto('partners').values({ code, name: code, kind: k, tax_number: null, bank_account: null, price_group_id: null }).returning('id').executeTakeFirstOrThrow();
      supplier = Number((await partner('MILLS', 'supplier')).id);
      customer = Number((await partner('SHOP', 'customer')).id);
    });
    after(async () => db.drop());

    test('a new price from 1 March ends the open-ended January price on 28 February', async () => {
      const jan = await addContractPrice(db, 7, supplier, { itemId: flour, priceMinor: 45, validFrom: '2027-01-01' });
      assert.deepEqual([jan.itemCode, jan.priceMinor, jan.currency, jan.validTo], ['FLOUR', 45, 'EUR', null]);
      await addContractPrice(db, 7, supplier, { itemId: flour, priceMinor: 52, validFrom: '2027-03-01' });
      await addContractPrice(db, 7, supplier, { itemId: sugar, priceMinor: 80, validFrom: '2027-01-01', validTo: '2027-06-30' });
      const list = await listContractPrices(db, supplier);
      assert.deepEqual(list.map((c) => [c.itemCode, c.priceMinor, c.validFrom, c.validTo]), [
        ['FLOUR', 52, '2027-03-01', null],
        ['FLOUR', 45, '2027-01-01', '2027-02-28'],
        ['SUGAR', 80, '2027-01-01', '2027-06-30'],
      ]);
      const on = async (day: string) => [...(await contractPricesOn(db.kysely, supplier, [flour, sugar], day))].map(([item, c]) => [item, c.priceMinor]).sort((a, b) => a[0]! - b[0]!);
      assert.deepEqual(await on('2027-02-28'), [[flour, 45], [sugar, 80]]);
      assert.deepEqual(await on('2027-03-01'), [[flour, 52], [sugar, 80]]);
      assert.deepEqual(await on('2027-07-01'), [[flour, 52]]);
      assert.deepEqual(await on('2026-12-31'), []);
      const audit = await db.kysely.selectFrom('audit_log').select(['action', 'entity']).where('entity', '=', 'contract_price').execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['create', 'create', 'create', 'end']);
    });

    test('an overlapping period, a period ending before it starts and a customer are refused', async () => {
      await assert.rejects(addContractPrice(db, null, supplier, { itemId: sugar, priceMinor: 85, validFrom: '2027-06-01' }), /contract_price.overlap/);
      await assert.rejects(addContractPrice(db, null, supplier, { itemId: sugar, priceMinor: 85, validFrom: '2027-08-01', validTo: '2027-07-01' }), /contract_price.period/);
      await assert.rejects(addContractPrice(db, null, customer, { itemId: sugar, priceMinor: 85, validFrom: '2027-08-01' }), /contract_price.not_supplier/);
      await assert.rejects(addContractPrice(db, null, supplier, { itemId: sugar, priceMinor: 85, validFrom: '2027-02-30' }), /validation.date/);
      const sugarPrice = (await listContractPrices(db, supplier)).find((c) => c.itemCode === 'SUGAR')!;
      await assert.rejects(endContractPrice(db, null, supplier, sugarPrice.id, '2026-12-31'), /contract_price.period/);
      await assert.rejects(endContractPrice(db, null, customer, sugarPrice.id, '2027-03-31'), /contract_price.unknown/);
      // Ended at the end of March, July is free for a new price.
      await endContractPrice(db, null, supplier, sugarPrice.id, '2027-03-31');
      const jul = await addContractPrice(db, null, supplier, { itemId: sugar, priceMinor: 85, validFrom: '2027-07-01' });
      assert.equal(jul.validFrom, '2027-07-01');
    });
  });
}

// Issue 6: purchase price control holds a receiving against the supplier's contract price valid on its date, before
// the last price; the flag says which reference it used. Both databases, hand-worked numbers.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DATABASE_KINDS, testDatabase } from '../testing';
import { createItem, createMinimalCompany, type MinimalCompany } from '../fixtures/minimal-company';
import { addContractPrice, endContractPrice } from '../catalogue/contract-prices';
import { createAndPost, createDocument, postDocument, SYSTEM_ACTOR, type Actor } from './engine';
import type { PriceControl } from './purchase-control';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`purchase price control with contract prices on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let co: MinimalCompany;
    let milk: number;
    let butter: number;
    let supplier: number;
    const storekeeper: Actor = { userId: null, rights: ['receiving.edit', 'receiving.post'] };
    const receive = async (date: string, lines: Array<[number, number]>) => {
      const d = await createDocument(db, storekeeper, {
        type: 'receiving',
        date,
        warehouseId: co.warehouses.W1,
        partnerId: supplier,
        lines: lines.map(([itemId, priceMinor]) => ({ itemId, quantity: '10', priceMinor })),
      });
      return postDocument(db, storekeeper, d.id);
    };

    before(async () => {
      db = await testDatabase(kind);
      co = await createMinimalCompany(db);
      milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens' });
      butter = await createItem(db, co.vat.reduced!, { code: 'BUTTER', name: 'Sviests' });
      const p = await db.kysely.insertInto('partners').values({ code: 'S-PIENS', name: 'Piena ferma', kind: 'supplier', tax_number: null, bank_account: null, price_group_id: null }).returning('id').executeTakeFirstOrThrow();
      supplier = Number(p.id);
      // Last prices: milk 1.00, butter 3.00.
      await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-01', warehouseId: co.warehouses.W1, partnerId: supplier, lines: [{ itemId: milk, quantity: '10', priceMinor: 100 }, { itemId: butter, quantity: '10', priceMinor: 300 }] });
      // Milk agreed at 1.20 for November from the 5th.
      await addContractPrice(db, null, supplier, { itemId: milk, priceMinor: 120, validFrom: '2026-11-05', validTo: '2026-11-30' });
    });
    after(async () => db.drop());

    test('a price 25 % above the last one but 4.17 % above the contract posts; butter without a contract is held to its last price', async () => {
      // Milk 1.25 vs contract 1.20: +4.17 % (vs the last 1.00 it would be +25 %). Butter 3.20 vs last 3.00: +6.67 %.
      const r = await receive('2026-11-10', [[milk, 125], [butter, 320]]);
      assert.equal(r.status, 'posted');
    });

    test('a price 16.67 % above the contract waits for approval, and the flag names the contract and its period', async () => {
      // Milk 1.40 vs contract 1.20: +16.67 %; butter 3.60 vs last 3.20: +12.50 %.
      const r = await receive('2026-11-12', [[milk, 140], [butter, 360]]);
      assert.equal(r.status, 'awaiting_approval');
      const pc = r.payload!.priceControl as PriceControl;
      assert.deepEqual(
        pc.flagged.map((f) => [f.itemId, f.reference, f.referencePriceMinor, f.increasePercent, f.lastPriceMinor]),
        [
          [milk, 'contract', 120, '16.67', 125],
          [butter, 'last', 320, '12.50', 320],
        ],
      );
      assert.deepEqual(pc.flagged[0]!.contract, { id: pc.flagged[0]!.contract!.id, validFrom: '2026-11-05', validTo: '2026-11-30' });
      assert.equal(pc.flagged[1]!.contract, undefined);
    });

    test('after the contract ends, the last price is the reference again', async () => {
      // 2 December: no contract; last posted milk price 1.25 (the 1.40 one was never approved). 1.40 is +12.00 %.
      const r = await receive('2026-12-02', [[milk, 140]]);
      assert.equal(r.status, 'awaiting_approval');
      const f = (r.payload!.priceControl as PriceControl).flagged[0]!;
      assert.deepEqual([f.reference, f.referencePriceMinor, f.increasePercent, f.lastDocumentNumber], ['last', 125, '12.00', 'REC-2026-000002']);
    });

    test('a contract price below the last price takes precedence: 1.00 is within 10 % of the last 1.25 but 11.11 % above the contract 0.90', async () => {
      await addContractPrice(db, null, supplier, { itemId: milk, priceMinor: 90, validFrom: '2026-12-05' });
      const r = await receive('2026-12-06', [[milk, 100]]);
      assert.equal(r.status, 'awaiting_approval');
      const f = (r.payload!.priceControl as PriceControl).flagged[0]!;
      assert.deepEqual([f.reference, f.referencePriceMinor, f.increasePercent], ['contract', 90, '11.11']);
      // Ended on the 6th, the receiving of the 7th is held to the last price 1.25 and 1.00 passes.
      const c = (f.contract as { id: number }).id;
      assert.equal((await endContractPrice(db, null, supplier, c, '2026-12-06')).validTo, '2026-12-06');
      assert.equal((await receive('2026-12-07', [[milk, 100]])).status, 'posted');
    });
  });
}

// The demo shows purchase price control against a contract: S-PIENS has two contract prices, and its November
// delivery waits for approval with its first line flagged against the contract (15 % above it), the second not
// (it is at the last price, 5.26 % above its contract, inside the 10 % tolerance).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listContractPrices, type PriceControl } from '@kasa/db';
import { TEST_DATABASE_KINDS, testDatabase } from '@kasa/db/testing';
import { createDemo } from './seed';
import { DEMO_CONTRACT_FROM } from './contract-prices';

for (const kind of TEST_DATABASE_KINDS) {
  test(`demo on ${kind}: the dairy's contract prices and a delivery awaiting approval against one`, { timeout: 240_000 }, async () => {
    const db = await testDatabase(kind);
    try {
      const ids = await createDemo(db);
      const contracts = await listContractPrices(db, ids.partners['S-PIENS']!);
      assert.equal(contracts.length, 2);
      assert.ok(contracts.every((c) => c.validFrom === DEMO_CONTRACT_FROM));
      const waiting = await db.kysely.selectFrom('documents').select(['id', 'payload', 'partner_id']).where('type', '=', 'receiving').where('status', '=', 'awaiting_approval').execute();
      assert.equal(waiting.length, 1);
      assert.equal(Number(waiting[0]!.partner_id), ids.partners['S-PIENS']);
      const pc = (JSON.parse(waiting[0]!.payload!) as { priceControl: PriceControl }).priceControl;
      assert.equal(pc.flagged.length, 1);
      const f = pc.flagged[0]!;
      assert.equal(f.lineNo, 1);
      assert.equal(f.reference, 'contract');
      assert.equal(f.contract!.validFrom, DEMO_CONTRACT_FROM);
      // The contract price is the last price and the line 115 % of it, whole cents.
      assert.equal(f.referencePriceMinor, f.lastPriceMinor);
      assert.equal(f.priceMinor, Math.round((f.referencePriceMinor * 115) / 100));
    } finally {
      await db.drop();
    }
  });
}

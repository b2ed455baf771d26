// Keeps the consumption bench honest: a tiny run must really make the produced goods from their ingredients in the
// produced shop and leave the plain shop without any. No timings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSaleConsumptionBench, isProduced } from './sale-consumption-bench';

test('sale-time consumption bench: ten receipts take their ingredients, the plain shop takes none', { timeout: 120_000 }, async () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(isProduced), [true, true, false, false, false, true, true]);
  let checked = false;
  const run = await runSaleConsumptionBench({
    receipts: 10,
    inspect: async (plain, produced, shop) => {
      // ING0 goes into items 0, 10, 20, 30, 40 (0.018 a piece); receipts 0, 2, 4, 6, 8 sell them 2, 1, 1, 2, 1 times:
      // 7 × 0.018 = 0.126 kg of 1,000,000 at 0.37 → 4.662 → 5 cents out.
      const b = await produced.kysely
        .selectFrom('stock_balances')
        .select(['quantity_milli', 'value_minor'])
        .where('item_id', '=', shop.ingredientIds[0]!)
        .executeTakeFirstOrThrow();
      assert.deepEqual([Number(b.quantity_milli), Number(b.value_minor)], [999_999_874, 36_999_995]);
      const rc = await produced.kysely.selectFrom('recipe_consumption').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.ok(Number(rc.n) > 0);
      const none = await plain.kysely.selectFrom('recipe_consumption').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(none.n), 0);
      checked = true;
    },
  });
  assert.ok(checked);
  assert.equal(run.plain.receipts, 10);
  assert.ok(run.ratioPercent > 0);
});

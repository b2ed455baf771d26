// The demo's production, worked by hand: the bakery's loaf costed from its raw materials, a morning's 40 loaves
// posted in BAKERY, and the café's coffees taking their beans and milk when the day's sale was posted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { costRecipe, consumptionByRecipe } from '@kasa/db';
import { testDatabase } from '@kasa/db/testing';
import { createDemo } from './seed';

test('demo production: the loaf’s tech card, a baking run, coffees made at sale', { timeout: 180_000 }, async () => {
  const db = await testDatabase('sqlite');
  try {
    const ids = await createDemo(db);
    const item = (name: string) => ids.items.find((i) => i.name === name)!.id;
    const balance = async (name: string, warehouse: string) => {
      const b = await db.kysely.selectFrom('stock_balances').select(['quantity_milli', 'value_minor']).where('item_id', '=', item(name)).where('warehouse_id', '=', ids.warehouses[warehouse]!).executeTakeFirst();
      return [Number(b?.quantity_milli ?? 0), Number(b?.value_minor ?? 0)];
    };
    // 10 loaves = 3.4 kg flour × 62 + 2.2 l water × 1 + 0.05 kg yeast × 700 = 210.8 + 2.2 + 35 = 248 cents
    const card = await costRecipe(db, { itemId: item('Ceptuves baltmaize 500 g'), date: '2026-11-23', warehouseId: ids.warehouses.BAKERY! });
    assert.equal(card.totalMinor, 248);
    // (after the run the average of what is left drifts by a thousandth of a cent: 30 157 / 486.4 kg)
    assert.equal(card.unitCostMinor.toDecimalPlaces(2).toString(), '24.8');
    // 40 loaves took 13.6 kg flour (843.2 → 843), 8.8 l water (9), 0.2 kg yeast (140): 992 cents
    assert.deepEqual(await balance('Ceptuves baltmaize 500 g', 'BAKERY'), [40_000, 992]);
    assert.deepEqual(await balance('Kviešu milti ceptuvei', 'BAKERY'), [486_400, 31_000 - 843]);
    // beans: 24 + 12 + 15 small cups × 9 g + 18 large × 12 g = 0.459 + 0.216 = 0.675 kg of 20 kg
    assert.deepEqual((await balance('Kafijas pupiņas kafejnīcai', 'STORE'))[0], 20_000 - 675);
    // milk: 12 × 0.05 + 18 × 0.18 + 15 × 0.2 = 0.6 + 3.24 + 3 = 6.84 l of 120 l
    assert.deepEqual((await balance('Piens kafejnīcai 3,2%', 'STORE'))[0], 120_000 - 6_840);
    const rows = await consumptionByRecipe(db, { from: '2026-11-16', to: '2026-11-16' });
    assert.deepEqual(rows.map((r) => `${r.itemCode}:${r.quantity}`).length, 5);
    assert.ok(rows.some((r) => r.itemId === item('Latte S') && r.quantity === '15.000'));
  } finally {
    await db.drop();
  }
});

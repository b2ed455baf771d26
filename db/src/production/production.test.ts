// Production on both databases: a bakery day, a carcass cut, a café's coffees and marked shoes, worked by hand.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DATABASE_KINDS, testDatabase } from '../testing';
import { createItem, createMinimalCompany, type MinimalCompany } from '../fixtures/minimal-company';
import { createAndPost, createDocument, postDocument, stornoDocument, SYSTEM_ACTOR } from '../documents/engine';
import { openDatabase, type Db } from '../connection';
import { costRecipe, recipeFor, saveRecipe, techCardFor } from './recipes';
import { postProduction, productionNorm } from './production';
import { postCutting } from './cutting';
import { consumeAtSale, consumptionByRecipe } from './sale-consumption';
import { receiveMarkingCodes, returnMarkingCode, sellMarkingCode, markingCodeStatus } from './marking';

async function balance(db: Db, itemId: number, warehouseId: number): Promise<[number, number]> {
  const b = await db.kysely
    .selectFrom('stock_balances')
    .select(['quantity_milli', 'value_minor'])
    .where('item_id', '=', itemId)
    .where('warehouse_id', '=', warehouseId)
    .executeTakeFirst();
  return b ? [Number(b.quantity_milli) / 1000, Number(b.value_minor)] : [0, 0];
}

const count = async (db: Db, table: 'documents' | 'stock_movements') =>
  Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

const receive = (db: Db, warehouseId: number, date: string, lines: Array<[number, string, number]>) =>
  createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date, warehouseId, lines: lines.map(([itemId, quantity, priceMinor]) => ({ itemId, quantity, priceMinor })) });

const GS = '\x1d';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`production on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let co: MinimalCompany;
    let W1: number, BAKERY: number;
    const it: Record<string, number> = {};

    before(async () => {
      db = await testDatabase(kind);
      co = await createMinimalCompany(db, { warehouses: [{ code: 'W1', name: 'Shop' }, { code: 'W2', name: 'Bakery' }] });
      W1 = co.warehouses.W1!;
      BAKERY = co.warehouses.W2!;
      const v = co.vat.reduced!;
      for (const [code, unit] of [
        ['FLOUR', 'kg'], ['WATER', 'l'], ['YEAST', 'kg'], ['DOUGH', 'kg'], ['BREAD', 'pcs'], ['BAG', 'pcs'],
        ['PORK-HALF', 'kg'], ['HAM', 'kg'], ['LOIN', 'kg'], ['BELLY', 'kg'], ['TRIM', 'kg'], ['BONES', 'kg'],
        ['COFFEE', 'pcs'], ['MILK', 'l'], ['BEANS', 'kg'], ['SHOES', 'pcs'],
        ['CREAM', 'l'], ['BUTTER', 'kg'], ['BUTTERMILK', 'l'], ['BERRIES', 'kg'], ['SUGAR', 'kg'], ['JAM', 'pcs'], ['TEA', 'pcs'],
      ] as const) {
        it[code] = await createItem(db, v, { code, name: code.toLowerCase(), unit });
      }
      await db.kysely.updateTable('items').set({ produced: 1 }).where('id', 'in', [it.COFFEE!, it.TEA!]).execute();
    });
    after(async () => db.drop());

    test('a bakery day: flour, water and yeast → dough → 100 loaves with 3 % baking loss, at ledger cost', async () => {
      // flour 50 kg × 0.80, water 100 l × 0.01, yeast 2 kg × 5.00, bags 200 × 0.03 (net prices, cents)
      await receive(db, BAKERY, '2026-11-20', [[it.FLOUR!, '50', 80], [it.WATER!, '100', 1], [it.YEAST!, '2', 500], [it.BAG!, '200', 3]]);
      await saveRecipe(db, SYSTEM_ACTOR, {
        outputItemId: it.DOUGH!, validFrom: '2026-01-01', outputQuantity: '10',
        components: [{ itemId: it.FLOUR!, grossQuantity: '6' }, { itemId: it.WATER!, grossQuantity: '3.8' }, { itemId: it.YEAST!, grossQuantity: '0.2' }],
      });
      const bread = await saveRecipe(db, SYSTEM_ACTOR, {
        outputItemId: it.BREAD!, validFrom: '2026-01-01', outputQuantity: '1',
        components: [{ itemId: it.DOUGH!, grossQuantity: '0.5', lossPercent: '3' }, { itemId: it.BAG!, kind: 'packaging', grossQuantity: '1' }],
      });
      assert.equal(bread.components[0]!.netQuantity, '0.485');
      // a new version from December takes less dough; November still uses version 1
      await saveRecipe(db, SYSTEM_ACTOR, {
        outputItemId: it.BREAD!, validFrom: '2026-12-01', outputQuantity: '1',
        components: [{ itemId: it.DOUGH!, grossQuantity: '0.45', lossPercent: '3' }, { itemId: it.BAG!, kind: 'packaging', grossQuantity: '1' }],
      });
      assert.equal((await recipeFor(db, it.BREAD!, '2026-11-23'))?.version, 1);
      assert.equal((await recipeFor(db, it.BREAD!, '2026-12-01'))?.version, 2);

      // the tech card's cost: dough 10 kg = 6·80 + 3.8·1 + 0.2·500 = 583.8 → a loaf 0.5·58.38 + 3 = 32.19 cents
      const card = await costRecipe(db, { itemId: it.BREAD!, date: '2026-11-23', warehouseId: BAKERY });
      assert.equal(card.totalMinor, 32);
      assert.equal(card.unitCostMinor.toString(), '32.19');
      const printed = await techCardFor(db, { itemId: it.BREAD!, date: '2026-11-23', warehouseId: BAKERY });
      assert.deepEqual(printed.lines.map((l) => [l.itemCode, l.unit, l.grossQuantity, l.netQuantity, l.lossPercent, l.costMinor.toString()]), [
        ['DOUGH', 'kg', '0.500', '0.485', '3.00', '29.19'],
        ['BAG', 'pcs', '1.000', '1.000', '0.00', '3'],
      ]);

      const norm = await productionNorm(db, { date: '2026-11-23', warehouseId: BAKERY, outputs: [{ itemId: it.BREAD!, quantity: '100' }] });
      assert.deepEqual(norm.map((n) => [n.itemCode, n.quantity]), [['FLOUR', '30.000'], ['WATER', '19.000'], ['YEAST', '1.000'], ['BAG', '100.000']]);

      // 100 loaves: flour 30/50 of 40.00 = 24.00, water 19/100 of 1.00 = 0.19, yeast 1/2 of 10.00 = 5.00,
      // bags 100/200 of 6.00 = 3.00 → 32.19 € for the 100 loaves
      const run = await postProduction(db, SYSTEM_ACTOR, { date: '2026-11-23', warehouseId: BAKERY, outputs: [{ itemId: it.BREAD!, quantity: '100' }], idempotencyKey: 'bake-1' });
      assert.equal(run.document.type, 'production');
      assert.equal(run.document.status, 'posted');
      assert.equal(run.document.number, 'PRD-2026-000001');
      assert.equal(run.document.totalMinor, 3219);
      assert.deepEqual(run.outputs.map((o) => [o.itemCode, o.quantity, o.recipeVersion, o.materialMinor, o.costMinor]), [['BREAD', '100.000', 1, 3219, 3219]]);
      assert.deepEqual(run.consumption.map((c) => [c.itemCode, c.actualQuantity, c.valueMinor, c.differenceQuantity]), [
        ['FLOUR', '30.000', 2400, '0.000'], ['WATER', '19.000', 19, '0.000'], ['YEAST', '1.000', 500, '0.000'], ['BAG', '100.000', 300, '0.000'],
      ]);
      assert.deepEqual(run.intermediates.map((i) => [i.itemCode, i.quantity]), [['DOUGH', '50.000']]);
      assert.deepEqual(await balance(db, it.BREAD!, BAKERY), [100, 3219]);
      assert.deepEqual(await balance(db, it.FLOUR!, BAKERY), [20, 1600]);
      assert.deepEqual(await balance(db, it.WATER!, BAKERY), [81, 81]);
      assert.deepEqual(await balance(db, it.YEAST!, BAKERY), [1, 500]);
      assert.deepEqual(await balance(db, it.BAG!, BAKERY), [100, 300]);

      // the same run sent again is not posted twice
      const again = await postProduction(db, SYSTEM_ACTOR, { date: '2026-11-23', warehouseId: BAKERY, outputs: [{ itemId: it.BREAD!, quantity: '100' }], idempotencyKey: 'bake-1' });
      assert.equal(again.duplicate, true);
      assert.equal(again.document.id, run.document.id);
      assert.equal(again.outputs[0]!.costMinor, 3219);
      assert.deepEqual(await balance(db, it.BREAD!, BAKERY), [100, 3219]);

      // dough made on its own with 0.2 kg more flour than the norm and 0.50 € of oven time:
      // flour 6.2/20 of 16.00 = 4.96, water 3.8/81 of 0.81 = 0.038 → 0.04, yeast 0.2/1 of 5.00 = 1.00 → 6.00 + 0.50 = 6.50
      const dough = await postProduction(db, SYSTEM_ACTOR, {
        date: '2026-11-23', warehouseId: BAKERY, outputs: [{ itemId: it.DOUGH!, quantity: '10' }],
        actualConsumption: [{ itemId: it.FLOUR!, quantity: '6.2' }], overheadMinor: 50,
      });
      assert.deepEqual(dough.outputs.map((o) => [o.materialMinor, o.overheadMinor, o.costMinor]), [[600, 50, 650]]);
      const flourLine = dough.consumption.find((c) => c.itemCode === 'FLOUR')!;
      // over-consumption 0.2 kg worth 4.96 · 0.2 / 6.2 = 0.16 €
      assert.deepEqual([flourLine.normQuantity, flourLine.actualQuantity, flourLine.differenceQuantity, flourLine.differenceValueMinor], ['6.000', '6.200', '0.200', 16]);
      assert.deepEqual(await balance(db, it.FLOUR!, BAKERY), [13.8, 1104]);
      assert.deepEqual(await balance(db, it.DOUGH!, BAKERY), [10, 650]);

      // 20 loaves from the dough in stock: all 10 kg of dough (6.50) + 20 bags (20/100 of 3.00 = 0.60) = 7.10
      const fromStock = await postProduction(db, SYSTEM_ACTOR, { date: '2026-11-23', warehouseId: BAKERY, outputs: [{ itemId: it.BREAD!, quantity: '20' }], resolveNested: false });
      assert.equal(fromStock.outputs[0]!.costMinor, 710);
      assert.deepEqual(await balance(db, it.DOUGH!, BAKERY), [0, 0]);
      assert.deepEqual(await balance(db, it.BREAD!, BAKERY), [120, 3929]);

      // storno through the one engine takes the run back exactly
      await stornoDocument(db, SYSTEM_ACTOR, fromStock.document.id, '2026-11-24');
      assert.deepEqual(await balance(db, it.DOUGH!, BAKERY), [10, 650]);
      assert.deepEqual(await balance(db, it.BREAD!, BAKERY), [100, 3219]);
      assert.deepEqual(await balance(db, it.BAG!, BAKERY), [100, 300]);

      const report = await consumptionByRecipe(db, { from: '2026-11-01', to: '2026-11-30' });
      assert.deepEqual(report.map((r) => [r.date, r.itemCode, r.recipeVersion, r.quantity, r.costMinor, r.documents]), [
        ['2026-11-23', 'BREAD', 1, '100.000', 3219, 1],
        ['2026-11-23', 'DOUGH', 1, '10.000', 650, 1],
      ]);
    });

    test('a component with no stock where negative stock is forbidden: refused naming the item, nothing posted', async () => {
      const docs = await count(db, 'documents');
      const moves = await count(db, 'stock_movements');
      await assert.rejects(
        postProduction(db, SYSTEM_ACTOR, { date: '2026-11-23', warehouseId: W1, outputs: [{ itemId: it.BREAD!, quantity: '10' }] }),
        (e: Error & { code?: string; params?: Record<string, unknown> }) =>
          e.code === 'stock.negative' && e.params?.item === 'FLOUR' && e.params?.available === '0.000' && e.params?.requested === '3.000',
      );
      assert.equal(await count(db, 'documents'), docs);
      assert.equal(await count(db, 'stock_movements'), moves);
      // the number was not used up either
      const next = await postProduction(db, SYSTEM_ACTOR, { date: '2026-11-25', warehouseId: BAKERY, outputs: [{ itemId: it.BREAD!, quantity: '1' }] });
      assert.equal(next.document.number, 'PRD-2026-000005');
      await stornoDocument(db, SYSTEM_ACTOR, next.document.id, '2026-11-25');
    });

    test('a recipe cycle is refused naming the chain of items', async () => {
      await assert.rejects(
        saveRecipe(db, SYSTEM_ACTOR, { outputItemId: it.DOUGH!, validFrom: '2026-11-01', outputQuantity: '1', components: [{ itemId: it.BREAD!, grossQuantity: '1' }] }),
        (e: Error & { code?: string; params?: Record<string, unknown> }) => e.code === 'recipe.cycle' && e.params?.chain === 'DOUGH → BREAD → DOUGH',
      );
      await assert.rejects(
        postProduction(db, SYSTEM_ACTOR, { date: '2026-11-23', warehouseId: BAKERY, outputs: [{ itemId: it.FLOUR!, quantity: '1' }] }),
        (e: Error & { code?: string; params?: Record<string, unknown> }) => e.code === 'recipe.not_found' && e.params?.item === 'FLOUR',
      );
    });

    test('butter churned from cream: the buttermilk by-product comes in at its cost and lowers the butter\'s', async () => {
      // cream 10 l × 3.00; buttermilk already in stock 1 l × 0.50
      await receive(db, W1, '2026-11-20', [[it.CREAM!, '10', 300], [it.BUTTERMILK!, '1', 50]]);
      await saveRecipe(db, SYSTEM_ACTOR, {
        outputItemId: it.BUTTER!, validFrom: '2026-01-01', outputQuantity: '1',
        components: [{ itemId: it.CREAM!, grossQuantity: '2.5' }, { itemId: it.BUTTERMILK!, kind: 'byproduct', grossQuantity: '1.5' }],
      });
      // 2 kg butter: cream 5 l = 15.00, buttermilk 3 l × 0.50 = 1.50 back → butter 13.50
      const run = await postProduction(db, SYSTEM_ACTOR, { date: '2026-11-23', warehouseId: W1, outputs: [{ itemId: it.BUTTER!, quantity: '2' }] });
      assert.deepEqual(run.outputs.map((o) => [o.materialMinor, o.byproductMinor, o.costMinor]), [[1500, 150, 1350]]);
      assert.deepEqual(run.byproducts.map((b) => [b.itemCode, b.quantity, b.valueMinor]), [['BUTTERMILK', '3.000', 150]]);
      assert.deepEqual(await balance(db, it.BUTTER!, W1), [2, 1350]);
      assert.deepEqual(await balance(db, it.BUTTERMILK!, W1), [4, 200]);
      assert.deepEqual(await balance(db, it.CREAM!, W1), [5, 1500]);
    });

    test('two runs posted from two connections at once lose no update', async () => {
      // berries 20 kg × 4.00, sugar 10 kg × 1.00; a jar takes 1 kg berries and 0.5 kg sugar = 4.50
      await receive(db, W1, '2026-11-20', [[it.BERRIES!, '20', 400], [it.SUGAR!, '10', 100]]);
      await saveRecipe(db, SYSTEM_ACTOR, { outputItemId: it.JAM!, validFrom: '2026-01-01', outputQuantity: '1', components: [{ itemId: it.BERRIES!, grossQuantity: '1' }, { itemId: it.SUGAR!, grossQuantity: '0.5' }] });
      const other = openDatabase(db.url);
      try {
        const runs = await Promise.all([db, other].map((d) => postProduction(d, SYSTEM_ACTOR, { date: '2026-11-23', warehouseId: W1, outputs: [{ itemId: it.JAM!, quantity: '5' }] })));
        assert.deepEqual(runs.map((r) => r.outputs[0]!.costMinor), [2250, 2250]);
      } finally {
        await other.close();
      }
      assert.deepEqual(await balance(db, it.BERRIES!, W1), [10, 4000]);
      assert.deepEqual(await balance(db, it.SUGAR!, W1), [5, 500]);
      assert.deepEqual(await balance(db, it.JAM!, W1), [10, 4500]);
    });

    test('a carcass cut by weight and then by sales price, to the cent', async () => {
      await receive(db, W1, '2026-11-20', [[it['PORK-HALF']!, '200', 250]]);
      const outputs = [
        { itemId: it.HAM!, quantity: '30' },
        { itemId: it.LOIN!, quantity: '20' },
        { itemId: it.BELLY!, quantity: '25' },
        { itemId: it.TRIM!, quantity: '15' },
        { itemId: it.BONES!, quantity: '10', waste: true },
      ];
      // 25 000 cents over 90 kg of meat: 8333.33, 5555.56, 6944.44, 4166.67 → the two cents left to trim and loin
      const byWeight = await postCutting(db, SYSTEM_ACTOR, { date: '2026-11-21', warehouseId: W1, input: { itemId: it['PORK-HALF']!, quantity: '100' }, outputs, key: 'weight' });
      assert.equal(byWeight.document.number, 'CUT-2026-000001');
      assert.equal(byWeight.input.costMinor, 25000);
      assert.deepEqual(byWeight.outputs.map((o) => [o.itemCode, o.costMinor]), [['HAM', 8333], ['LOIN', 5556], ['BELLY', 6944], ['TRIM', 4167], ['BONES', 0]]);
      assert.equal(byWeight.unaccountedQuantity, '0.000');
      assert.equal(byWeight.document.totalMinor, 25000);

      // prices from the default price group: ham 6.00, loin 9.00, belly 5.00, trimmings 3.00 a kg
      const pg = await db.kysely.insertInto('price_groups').values({ code: 'RETAIL', name: 'Retail', currency: 'EUR', tax_included: 1, is_default: 1 }).returning('id').executeTakeFirstOrThrow();
      for (const [code, price] of [['HAM', 600], ['LOIN', 900], ['BELLY', 500], ['TRIM', 300]] as const) {
        await db.kysely.insertInto('prices').values({ price_group_id: Number(pg.id), item_id: it[code]!, price_minor: price, valid_from: '2026-01-01', created_at: '2026-01-01T00:00:00Z' }).execute();
      }
      // keys 18 000, 18 000, 12 500, 4 500 of 53 000 → 8490.57, 8490.57, 5896.23, 2122.64 → trim, then ham, get a cent
      const byPrice = await postCutting(db, SYSTEM_ACTOR, { date: '2026-11-21', warehouseId: W1, input: { itemId: it['PORK-HALF']!, quantity: '100' }, outputs, key: 'price' });
      assert.deepEqual(byPrice.outputs.map((o) => o.costMinor), [8491, 8490, 5896, 2123, 0]);
      assert.deepEqual(await balance(db, it['PORK-HALF']!, W1), [0, 0]);
      assert.deepEqual(await balance(db, it.HAM!, W1), [60, 16824]);
      assert.deepEqual(await balance(db, it.LOIN!, W1), [40, 14046]);
      assert.deepEqual(await balance(db, it.BELLY!, W1), [50, 12840]);
      assert.deepEqual(await balance(db, it.TRIM!, W1), [30, 6290]);
      assert.deepEqual(await balance(db, it.BONES!, W1), [20, 0]);

      await assert.rejects(
        postCutting(db, SYSTEM_ACTOR, { date: '2026-11-21', warehouseId: W1, input: { itemId: it.HAM!, quantity: '1' }, outputs: [{ itemId: it.TRIM!, quantity: '2' }], key: 'weight' }),
        /cutting.outputs_exceed_input/,
      );
    });

    test('a café sells 100 coffees: milk and beans leave stock with the receipt, the coffee is sold at their cost', async () => {
      // beans 2 kg × 20.00, milk 20 l × 1.10
      await receive(db, W1, '2026-11-20', [[it.BEANS!, '2', 2000], [it.MILK!, '20', 110]]);
      await saveRecipe(db, SYSTEM_ACTOR, { outputItemId: it.COFFEE!, validFrom: '2026-01-01', outputQuantity: '1', components: [{ itemId: it.BEANS!, grossQuantity: '0.018' }, { itemId: it.MILK!, grossQuantity: '0.15' }] });
      const sale = await createDocument(db, SYSTEM_ACTOR, { type: 'sale', date: '2026-11-23', warehouseId: W1, lines: [{ itemId: it.COFFEE!, quantity: '100', priceMinor: 250 }, { itemId: it.HAM!, quantity: '1', priceMinor: 600 }] });
      // Posting the sale makes the coffees from their recipe in the same transaction.
      await postDocument(db, SYSTEM_ACTOR, sale.id);
      // beans 1.8 of 2 kg = 36.00, milk 15 of 20 l = 16.50 → 52.50 € for the 100 coffees; ham is not produced at sale
      const consumed = await db.kysely
        .selectFrom('stock_movements')
        .select(['item_id', 'quantity_milli', 'value_minor'])
        .where('document_id', '=', sale.id)
        .where('item_id', 'in', [it.BEANS!, it.MILK!])
        .orderBy('item_id')
        .execute();
      assert.deepEqual(
        consumed.map((m) => [Number(m.item_id), Number(m.quantity_milli), Number(m.value_minor)]).sort((a, b) => a[0]! - b[0]!),
        [[it.BEANS!, -1800, -3600], [it.MILK!, -15000, -1650]].sort((a, b) => a[0]! - b[0]!),
      );
      assert.deepEqual(await balance(db, it.COFFEE!, W1), [0, 0]);
      assert.deepEqual(await balance(db, it.BEANS!, W1), [0.2, 400]);
      assert.deepEqual(await balance(db, it.MILK!, W1), [5, 550]);
      const coffeeOut = await db.kysely.selectFrom('stock_movements').select(['quantity_milli', 'value_minor']).where('document_id', '=', sale.id).where('item_id', '=', it.COFFEE!).where('quantity_milli', '<', 0).executeTakeFirstOrThrow();
      assert.deepEqual([Number(coffeeOut.quantity_milli), Number(coffeeOut.value_minor)], [-100000, -5250]);
      const day = (await consumptionByRecipe(db, { from: '2026-11-23', to: '2026-11-23' })).find((r) => r.itemCode === 'COFFEE');
      assert.deepEqual([day?.quantity, day?.costMinor], ['100.000', 5250]);

      // 20 more need 0.36 kg of beans with 0.2 kg left: refused naming the beans, unless the till is allowed to go below zero
      const next = await createDocument(db, SYSTEM_ACTOR, { type: 'sale', date: '2026-11-23', warehouseId: W1, lines: [{ itemId: it.COFFEE!, quantity: '20', priceMinor: 250 }] });
      const input = { documentId: next.id, date: next.date, warehouseId: W1, lines: [{ itemId: it.COFFEE!, quantity: '20' }] };
      await assert.rejects(db.kysely.transaction().execute((trx) => consumeAtSale(trx, db.kind, input)), (e: Error & { code?: string; params?: Record<string, unknown> }) => e.code === 'stock.negative' && e.params?.item === 'BEANS');
      assert.deepEqual(await balance(db, it.MILK!, W1), [5, 550]);
      const forced = await db.kysely.transaction().execute((trx) => consumeAtSale(trx, db.kind, { ...input, negativeStock: 'allow' }));
      // beans: 0.2 kg worth 4.00 all taken, plus 0.16 kg short at the last cost of 20.00 = 3.20; milk 3 of 5 l = 3.30
      assert.deepEqual(forced.components.map((c) => [c.quantity, c.valueMinor]), [['0.360', 720], ['3.000', 330]]);
      assert.equal(forced.lines[0]!.costMinor, 1050);

      // a produced-at-sale item with no recipe: refused by name, or left to the sale when the till must not be refused
      const tea = { documentId: next.id, date: next.date, warehouseId: W1, lines: [{ itemId: it.TEA!, quantity: '1' }] };
      await assert.rejects(db.kysely.transaction().execute((trx) => consumeAtSale(trx, db.kind, tea)), (e: Error & { code?: string; params?: Record<string, unknown> }) => e.code === 'recipe.not_found' && e.params?.item === 'TEA');
      const skipped = await db.kysely.transaction().execute((trx) => consumeAtSale(trx, db.kind, { ...tea, negativeStock: 'allow' }));
      assert.deepEqual([skipped.lines.length, skipped.withoutRecipe], [0, [it.TEA!]]);
    });

    test('marked shoes: codes recorded at receiving, sold once, returned once', async () => {
      await db.kysely.insertInto('barcodes').values({ code: '4601234567893', item_id: it.SHOES!, pack_quantity: '1' }).execute();
      const rec = await receive(db, W1, '2026-11-20', [[it.SHOES!, '2', 3000]]);
      const a = `0104601234567893215Abc1d${GS}93dGVz`;
      const b = `]d20104601234567893215Xyz9q${GS}93AAAA`;
      const units = await receiveMarkingCodes(db.kysely, { documentId: rec.document.id, codes: [a, b] });
      assert.deepEqual(units.map((u) => [u.code, u.itemId]), [['046012345678935Abc1d', it.SHOES!], ['046012345678935Xyz9q', it.SHOES!]]);
      await assert.rejects(receiveMarkingCodes(db.kysely, { codes: [b] }), /marking.already_received/);

      const sold = await sellMarkingCode(db.kysely, { code: a, itemId: it.SHOES! });
      // the fiscal driver gets the code as scanned, crypto tail included
      assert.equal(sold.raw, a);
      await assert.rejects(sellMarkingCode(db.kysely, { code: a }), (e: Error & { code?: string; params?: Record<string, unknown> }) => e.code === 'marking.already_sold' && e.params?.code === '046012345678935Abc1d');
      await assert.rejects(sellMarkingCode(db.kysely, { code: `0104601234567893215Nope1${GS}93AAAA` }), /marking.unknown/);
      await assert.rejects(sellMarkingCode(db.kysely, { code: b, itemId: it.HAM! }), (e: Error & { params?: Record<string, unknown> }) => /marking.wrong_item/.test(e.message) && e.params?.expected === 'SHOES');
      await assert.rejects(sellMarkingCode(db.kysely, { code: `0104601234567894215Abc1d${GS}93dGVz` }), /marking.invalid/);

      await returnMarkingCode(db.kysely, { code: a });
      await assert.rejects(returnMarkingCode(db.kysely, { code: a }), /marking.not_sold/);
      assert.equal((await markingCodeStatus(db.kysely, a))?.status, 'returned');
      // a returned pair can be sold again
      assert.equal((await sellMarkingCode(db.kysely, { code: a })).status, 'sold');

      // two tills scan the same code at once: one sale wins
      const other = openDatabase(db.url);
      try {
        const results = await Promise.allSettled([sellMarkingCode(db.kysely, { code: b }), sellMarkingCode(other.kysely, { code: b })]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        assert.match(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code), /marking.already_sold/);
      } finally {
        await other.close();
      }
    });
  });
}

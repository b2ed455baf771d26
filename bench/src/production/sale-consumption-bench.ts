// Sale-time consumption on SQLite: a day of till receipts whose lines include goods produced at sale (a coffee
// made from beans and milk as its receipt posts), against the very same receipts on a shop where those goods are
// plain stock. Both shops are fresh files with the same items, stock and pragmas; both post through createAndPost.

import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createAndPost, createItem, openDatabase, saveRecipe, SYSTEM_ACTOR, type Db } from '@kasa/db';
import { saleReceipt, stockShop, SALE_DATE, LINES_PER_RECEIPT, type PostingShop } from '../posting/scenario';
import { engineSale, timeInterleaved, type Throughput } from '../posting/sqlite-bench';

/** Of every five consecutive items, the first two are made at sale: each receipt has exactly this many such lines. */
export const PRODUCED_PER_RECEIPT = 2;
export const INGREDIENTS = 10;
/** Items in both shops: receipts walk them five at a time. */
export const CONSUMPTION_ITEMS = 100;

export const isProduced = (index: number) => index % LINES_PER_RECEIPT < PRODUCED_PER_RECEIPT;

export interface ConsumptionShop extends PostingShop {
  ingredientIds: number[];
}

/**
 * The produced-at-sale shop: the plain shop plus ten ingredients (1,000,000 units each at 0.37 + i cents), and a
 * recipe for every produced item: 0.018 of ingredient (i mod 10) and 0.2 of ingredient ((i + 3) mod 10) per piece.
 */
export async function stockConsumptionShop(db: Db, items = CONSUMPTION_ITEMS): Promise<ConsumptionShop> {
  const shop = await stockShop(db, items);
  const vat = await db.kysely.selectFrom('vat_groups').select('id').orderBy('id').executeTakeFirstOrThrow();
  const ingredientIds: number[] = [];
  for (let i = 0; i < INGREDIENTS; i++) ingredientIds.push(await createItem(db, Number(vat.id), { code: `ING${i}`, name: `Ingredient ${i}`, unit: 'kg' }));
  await createAndPost(db, SYSTEM_ACTOR, {
    type: 'receiving',
    date: SALE_DATE,
    warehouseId: shop.warehouseId,
    lines: ingredientIds.map((itemId, i) => ({ itemId, quantity: '1000000', priceMinor: 37 + i })),
  });
  const produced = shop.itemIds.filter((_, i) => isProduced(i));
  for (const [n, itemId] of shop.itemIds.entries()) {
    if (!isProduced(n)) continue;
    await saveRecipe(db, SYSTEM_ACTOR, {
      outputItemId: itemId,
      validFrom: '2026-01-01',
      outputQuantity: '1',
      components: [
        { itemId: ingredientIds[n % INGREDIENTS]!, grossQuantity: '0.018' },
        { itemId: ingredientIds[(n + 3) % INGREDIENTS]!, grossQuantity: '0.2' },
      ],
    });
  }
  await db.kysely.updateTable('items').set({ produced: 1 }).where('id', 'in', produced).execute();
  return { ...shop, ingredientIds };
}

export interface ConsumptionRun {
  plain: Throughput;
  produced: Throughput;
  /** Produced-at-sale throughput as a whole percentage of the plain one. */
  ratioPercent: number;
}

export interface ConsumptionOptions {
  receipts: number;
  warmup?: number;
  items?: number;
  /** Sees both databases after the runs, before they are deleted. */
  inspect?: (plain: Db, produced: Db, shop: ConsumptionShop) => Promise<void>;
}

export async function runSaleConsumptionBench(opts: ConsumptionOptions): Promise<ConsumptionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bench-consumption-'));
  const warmup = opts.warmup ?? 0;
  let plainDb: Db | null = null;
  let producedDb: Db | null = null;
  try {
    plainDb = openDatabase(`sqlite:${join(dir, 'plain.db')}`);
    producedDb = openDatabase(`sqlite:${join(dir, 'produced.db')}`);
    const plain = await stockShop(plainDb, opts.items ?? CONSUMPTION_ITEMS);
    const produced = await stockConsumptionShop(producedDb, opts.items ?? CONSUMPTION_ITEMS);
    const p = plainDb;
    const q = producedDb;
    for (let n = 0; n < warmup; n++) {
      await engineSale(p, plain, saleReceipt(plain, n));
      await engineSale(q, produced, saleReceipt(produced, n));
    }
    const t = await timeInterleaved(warmup, opts.receipts, {
      raw: (n) => engineSale(p, plain, saleReceipt(plain, n)),
      engine: (n) => engineSale(q, produced, saleReceipt(produced, n)),
    });
    if (opts.inspect) await opts.inspect(p, q, produced);
    return { plain: t.raw, produced: t.engine, ratioPercent: Math.round((t.engine.receiptsPerSecond / t.raw.receiptsPerSecond) * 100) };
  } finally {
    await plainDb?.close();
    await producedDb?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The posting scenario both runs share: one shop with 500 items received twice at different costs (so the
// moving-average cost is fractional and its rounding is exercised), then five-line sale receipts that are a pure
// function of their number, so the engine run and the raw run write the same rows.

import { createAndPost, createItem, createMinimalCompany, migrateToLatest, SYSTEM_ACTOR, type Db } from '@kasa/db';

export const ITEM_COUNT = 500;
export const LINES_PER_RECEIPT = 5;
export const SALE_DATE = '2026-11-23';

export interface SaleLine {
  itemId: number;
  /** Whole pieces, so a line's amount is price × quantity exactly. */
  quantity: number;
  priceMinor: number;
}

export interface SaleReceipt {
  idempotencyKey: string;
  lines: SaleLine[];
}

export interface PostingShop {
  companyId: number;
  currency: string;
  warehouseId: number;
  /** Item ids in creation order; receipts refer to items by index into this list. */
  itemIds: number[];
  /** VAT rate of each item as the document line stores it ('21', '12'). */
  vatRate: Map<number, string>;
}

/** Receipt number `n` (0-based): five consecutive items, one or two pieces, prices between 0.99 and 4.98. */
export function saleReceipt(shop: PostingShop, n: number): SaleReceipt {
  const lines: SaleLine[] = [];
  for (let j = 0; j < LINES_PER_RECEIPT; j++) {
    lines.push({
      itemId: shop.itemIds[(n * LINES_PER_RECEIPT + j) % shop.itemIds.length]!,
      quantity: (n + j) % 3 === 0 ? 2 : 1,
      priceMinor: 99 + ((n * 13 + j * 7) % 400),
    });
  }
  return { idempotencyKey: `bench-sale-${n}`, lines };
}

/**
 * Migrates a fresh database and stocks the shop (500 items unless told): item i is received as 600 pcs at (100 + i mod 37) cents net, then
 * 700 pcs at (113 + i mod 53) cents net. Setup goes through the engine on both databases, so they start identical.
 */
export async function stockShop(db: Db, itemCount = ITEM_COUNT): Promise<PostingShop> {
  await migrateToLatest(db);
  const co = await createMinimalCompany(db, { warehouses: [{ code: 'W1', name: 'Main store' }] });
  const warehouseId = co.warehouses.W1!;
  const itemIds: number[] = [];
  const vatRate = new Map<number, string>();
  for (let i = 0; i < itemCount; i++) {
    const reduced = i % 4 === 0;
    const id = await createItem(db, reduced ? co.vat.reduced! : co.vat.standard!, { code: `B${String(i).padStart(4, '0')}`, name: `Bench item ${i}` });
    itemIds.push(id);
    vatRate.set(id, reduced ? '12' : '21');
  }
  for (const [key, quantity, price] of [
    ['bench-receiving-1', '600', (i: number) => 100 + (i % 37)],
    ['bench-receiving-2', '700', (i: number) => 113 + (i % 53)],
  ] as const) {
    await createAndPost(db, SYSTEM_ACTOR, {
      type: 'receiving',
      date: SALE_DATE,
      warehouseId,
      idempotencyKey: key,
      lines: itemIds.map((itemId, i) => ({ itemId, quantity, priceMinor: price(i) })),
    });
  }
  const c = await db.kysely.selectFrom('companies').select('currency').where('id', '=', co.companyId).executeTakeFirstOrThrow();
  return { companyId: co.companyId, currency: c.currency, warehouseId, itemIds, vatRate };
}

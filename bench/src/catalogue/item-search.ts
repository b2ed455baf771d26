// The catalogue search exactly as GET /api/v1/items runs it: the same functions from @kasa/db (the count and the
// page of ids, then the item views with barcodes and prices).

import { itemViews as views, searchItems as search, type Db } from '@kasa/db';

export async function searchItems(db: Db, q: string, limit = 50, offset = 0): Promise<{ ids: number[]; total: number; views: number }> {
  const { ids, total } = await search(db, { q, limit, offset });
  return { ids, total, views: await itemViews(db, ids) };
}

/** The route's item views; returns the row count. */
export async function itemViews(db: Db, ids: number[]): Promise<number> {
  return (await views(db, ids)).length;
}

/** For reference only: what a scan needs at least — the barcode's primary key, then the same item view. */
export async function lookupBarcode(db: Db, code: string): Promise<number> {
  const hit = await db.kysely.selectFrom('barcodes').select('item_id').where('code', '=', code).executeTakeFirst();
  return hit ? itemViews(db, [Number(hit.item_id)]) : 0;
}

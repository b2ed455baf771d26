// The catalogue search exactly as GET /api/v1/items runs it (backoffice/src/server/routes/catalogue.ts: the
// count, the page of ids, then itemViews' four reads). Copied, because the bench may not import the back office;
// if the route's SQL changes, change it here too.

import { sql } from 'kysely';
import type { Db } from '@kasa/db';

export async function searchItems(db: Db, q: string, limit = 50, offset = 0): Promise<{ ids: number[]; total: number; views: number }> {
  let base = db.kysely.selectFrom('items').where('active', '=', 1);
  if (q) {
    const like = `%${q.toLowerCase()}%`;
    base = base.where((eb) =>
      eb.or([
        eb('code', '=', q),
        eb(sql`lower(name)`, 'like', like),
        eb('id', 'in', eb.selectFrom('barcodes').select('item_id').where('code', '=', q)),
      ]),
    );
  }
  const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const ids = (await base.select('id').orderBy('name').limit(limit).offset(offset).execute()).map((r) => Number(r.id));
  return { ids, total: Number(total.n), views: await itemViews(db, ids) };
}

/** The reads of the route's itemViews (items with VAT rate, barcodes, default-group prices); returns the row count. */
export async function itemViews(db: Db, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const today = new Date().toISOString().slice(0, 10);
  const pg = await db.kysely.selectFrom('price_groups').selectAll().orderBy('is_default', 'desc').orderBy('code').executeTakeFirst();
  const rows = await db.kysely
    .selectFrom('items')
    .innerJoin('vat_groups', 'vat_groups.id', 'items.vat_group_id')
    .select(['items.id', 'items.code', 'items.name', 'items.unit', 'items.weighted', 'items.marked', 'items.produced', 'items.updated_at', 'items.change_seq', 'vat_groups.rate'])
    .where('items.id', 'in', ids)
    .execute();
  await db.kysely.selectFrom('barcodes').select(['code', 'item_id']).where('item_id', 'in', ids).execute();
  if (pg)
    await db.kysely
      .selectFrom('prices')
      .select(['item_id', 'price_minor', 'valid_from', 'id'])
      .where('item_id', 'in', ids)
      .where('price_group_id', '=', pg.id)
      .where('valid_from', '<=', today)
      .orderBy('valid_from')
      .orderBy('id')
      .execute();
  return rows.length;
}

/** For reference only: what a scan needs at least — the barcode's primary key, then the same item view. */
export async function lookupBarcode(db: Db, code: string): Promise<number> {
  const hit = await db.kysely.selectFrom('barcodes').select('item_id').where('code', '=', code).executeTakeFirst();
  return hit ? itemViews(db, [Number(hit.item_id)]) : 0;
}

// Catalogue reads shared by the store server's routes, the till feed and the bench: item search (a scanned barcode
// is two index lookups; a name fragment is a LIKE with wildcards escaped) and item views with barcodes and the
// current price of the default price group.

import { sql } from 'kysely';
import type { Db } from '../connection';

/** `column` contains `q`, case-insensitively in any alphabet, with LIKE's wildcards in `q` taken literally. SQLite's
 * lower() folds ASCII only, so a query with other letters goes through the connection's unicode_lower(). */
export function nameContains(db: Db, column: string, q: string) {
  const like = `%${q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const folded = db.kind === 'sqlite' && /[\u0080-\uffff]/.test(q) ? sql`unicode_lower(${sql.ref(column)})` : sql`lower(${sql.ref(column)})`;
  return sql<boolean>`${folded} like ${like} escape '\\'`;
}

/** Ids of active items (all items with `includeInactive`) matching `q` (code, barcode or a piece of the name), ordered
 * by name, with the total count. */
export async function searchItems(db: Db, opts: { q?: string; limit?: number; offset?: number; includeInactive?: boolean }): Promise<{ ids: number[]; total: number }> {
  const { q, limit = 50, offset = 0 } = opts;
  let base = opts.includeInactive ? db.kysely.selectFrom('items') : db.kysely.selectFrom('items').where('active', '=', 1);
  if (q && /^[0-9]{6,14}$/.test(q)) {
    // A scanned barcode or a numeric code: two index lookups, not a scan of 100,000 names.
    base = base.where((eb) => eb.or([eb('code', '=', q), eb('id', 'in', eb.selectFrom('barcodes').select('item_id').where('code', '=', q))]));
  } else if (q) {
    base = base.where((eb) =>
      eb.or([
        eb('code', '=', q),
        nameContains(db, 'name', q),
        eb('id', 'in', eb.selectFrom('barcodes').select('item_id').where('code', '=', q)),
      ]),
    );
  }
  const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const ids = await base.select('id').orderBy('name').limit(limit).offset(offset).execute();
  return { ids: ids.map((r) => Number(r.id)), total: Number(total.n) };
}

export async function defaultPriceGroup(db: Db) {
  const g = await db.kysely.selectFrom('price_groups').selectAll().orderBy('is_default', 'desc').orderBy('code').executeTakeFirst();
  return g ?? null;
}

/** Items with barcodes and the current price (latest valid_from not after today) of a price group, the default one
 * unless given. */
export async function itemViews(db: Db, ids: number[], priceGroup?: Awaited<ReturnType<typeof defaultPriceGroup>>) {
  if (ids.length === 0) return [];
  const today = new Date().toISOString().slice(0, 10);
  const pg = priceGroup === undefined ? await defaultPriceGroup(db) : priceGroup;
  const rows = await db.kysely
    .selectFrom('items')
    .innerJoin('vat_groups', 'vat_groups.id', 'items.vat_group_id')
    .select(['items.id', 'items.code', 'items.name', 'items.unit', 'items.weighted', 'items.marked', 'items.produced', 'items.active', 'items.updated_at', 'items.change_seq', 'items.vat_group_id', 'vat_groups.rate'])
    .where('items.id', 'in', ids)
    .execute();
  const barcodes = await db.kysely.selectFrom('barcodes').select(['code', 'item_id']).where('item_id', 'in', ids).execute();
  const prices = pg
    ? await db.kysely
        .selectFrom('prices')
        .select(['item_id', 'price_minor', 'valid_from', 'id'])
        .where('item_id', 'in', ids)
        .where('price_group_id', '=', pg.id)
        .where('valid_from', '<=', today)
        .orderBy('valid_from')
        .orderBy('id')
        .execute()
    : [];
  const price = new Map(prices.map((p) => [Number(p.item_id), Number(p.price_minor)]));
  // Grouped once per page: a till's first pull reads 100,000 items in pages of 2,000.
  const codesOf = new Map<number, string[]>();
  for (const b of barcodes) {
    const list = codesOf.get(Number(b.item_id));
    if (list) list.push(b.code);
    else codesOf.set(Number(b.item_id), [b.code]);
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows
    .map((r) => ({
      id: Number(r.id),
      code: r.code,
      name: r.name,
      unit: r.unit,
      vatRate: r.rate,
      vatGroupId: Number(r.vat_group_id),
      weighted: !!r.weighted,
      marked: !!r.marked,
      produced: !!r.produced,
      active: !!r.active,
      barcodes: codesOf.get(Number(r.id)) ?? [],
      priceMinor: price.get(Number(r.id)) ?? null,
      currency: pg?.currency ?? 'EUR',
      taxIncluded: pg ? !!pg.tax_included : true,
      changeSeq: Number(r.change_seq),
    }))
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

export async function nextChangeSeq(db: Db): Promise<number> {
  const r = await db.kysely.selectFrom('items').select((eb) => eb.fn.max('change_seq').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}


const PRICES_IN_FORCE_KEY = 'internal.prices_in_force_through';

/** Sends items whose price comes into force on a later day out again when that day comes. Tills and shops pull
 * items changed since their cursor (items.change_seq); a price set today "valid from Monday" changes nothing on
 * Monday unless something moves the item forward then. This does, once per day for all callers: the items with a
 * price that came into force after the last day announced (kept in the settings table under an internal key) and
 * up to `today` get new change numbers. Returns how many items moved. */
export async function announcePricesInForce(db: Db, today = new Date().toISOString().slice(0, 10)): Promise<number> {
  // Asked on every till poll: a plain read on the days there is nothing to do, no write lock.
  const done = await db.kysely.selectFrom('settings').select('value').where('key', '=', PRICES_IN_FORCE_KEY).executeTakeFirst();
  if (done && done.value >= today) return 0;
  return db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('settings').select('value').where('key', '=', PRICES_IN_FORCE_KEY).executeTakeFirst();
    // First run: prices that come into force today (earlier ones were sent when they were set).
    const through = row?.value ?? new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    if (through >= today) return 0;
    const max = await trx.selectFrom('items').select((eb) => eb.fn.max('change_seq').as('m')).executeTakeFirst();
    const base = Number(max?.m ?? 0) + 1;
    const moved = await trx
      .updateTable('items')
      // Distinct and above every number handed out so far, in id order: ids are unique.
      .set({ change_seq: sql`${base} + id`, updated_at: new Date().toISOString() })
      .where('id', 'in', (eb) => eb.selectFrom('prices').select('item_id').where('valid_from', '>', through).where('valid_from', '<=', today))
      .executeTakeFirst();
    const now = new Date().toISOString();
    await trx
      .insertInto('settings')
      .values({ key: PRICES_IN_FORCE_KEY, value: today, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: today, updated_at: now }))
      .execute();
    return Number(moved.numUpdatedRows);
  });
}

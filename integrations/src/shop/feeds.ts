// What a shop syncs: the catalogue (items changed since a cursor on items.change_seq) and availability per warehouse
// (items whose ledger movements or reservations changed since a cursor). Cursors are opaque strings to the shop.

import { DomainError } from '@kasa/domain';
import { announcePricesInForce, type Db } from '@kasa/db';
import { currentPrices, shopPriceGroup } from './prices';
import { stockPosition } from './reservations';
import { fromMilli } from './quantities';

export interface CatalogueItem {
  code: string;
  name: string;
  unit: string;
  weighted: boolean;
  active: boolean;
  barcodes: string[];
  priceMinor: number | null;
  currency: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` to get what changed after this page; stored by the shop between syncs. */
  nextCursor: string;
  hasMore: boolean;
}

function badCursor(cursor: string): never {
  throw new DomainError('cursor.invalid', { cursor }, 400);
}

function parseNumbers(cursor: string | undefined, count: number[]): number[] {
  if (!cursor) return [];
  const parts = cursor.split('.');
  if (!count.includes(parts.length) || parts.some((p) => !/^\d{1,15}$/.test(p))) badCursor(cursor);
  return parts.map(Number);
}

/** Items in change order; the cursor is `<change_seq>.<id>` of the last item seen. */
export async function cataloguePage(db: Db, opts: { cursor?: string; limit?: number }): Promise<Page<CatalogueItem>> {
  const [seq = 0, afterId = 0] = parseNumbers(opts.cursor, [2]);
  const limit = opts.limit ?? 100;
  // A price that came into force today moves its item forward in the feed (once, for tills and shops alike).
  await announcePricesInForce(db);
  const k = db.kysely;
  const rows = await k
    .selectFrom('items')
    .select(['id', 'code', 'name', 'unit', 'weighted', 'active', 'change_seq'])
    .where((eb) => eb.or([eb('change_seq', '>', seq), eb.and([eb('change_seq', '=', seq), eb('id', '>', afterId)])]))
    .orderBy('change_seq')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const ids = page.map((r) => Number(r.id));
  const barcodes = ids.length
    ? await k.selectFrom('barcodes').select(['code', 'item_id']).where('item_id', 'in', ids).orderBy('code').execute()
    : [];
  const group = await shopPriceGroup(k);
  const company = await k.selectFrom('companies').select('currency').orderBy('id').executeTakeFirst();
  const prices = group ? await currentPrices(k, Number(group.id), ids) : new Map<number, number>();
  const currency = group?.currency ?? company?.currency ?? '';
  const barcodesOf = new Map<number, string[]>();
  for (const b of barcodes) {
    const list = barcodesOf.get(Number(b.item_id)) ?? [];
    list.push(b.code);
    barcodesOf.set(Number(b.item_id), list);
  }
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      code: r.code,
      name: r.name,
      unit: r.unit,
      weighted: Boolean(r.weighted),
      active: Boolean(r.active),
      barcodes: barcodesOf.get(Number(r.id)) ?? [],
      priceMinor: prices.get(Number(r.id)) ?? null,
      currency,
    })),
    nextCursor: last ? `${Number(last.change_seq)}.${Number(last.id)}` : `${seq}.${afterId}`,
    hasMore: rows.length > limit,
  };
}

export interface StockLine {
  code: string;
  onHand: number;
  reserved: number;
  available: number;
}

/**
 * Availability in one warehouse. Without a cursor every item is listed; with `<movement>.<reservation>` only items
 * whose ledger movements or reservations are newer. A long answer is paged: the cursor then also carries the last
 * item and the upper bounds of the sync, `<movement>.<reservation>.<item>.<maxMovement>.<maxReservation>`.
 */
export async function stockPage(
  db: Db,
  opts: { warehouse?: string; cursor?: string; limit?: number },
): Promise<Page<StockLine> & { warehouse: string }> {
  const k = db.kysely;
  let whq = k.selectFrom('warehouses').select(['id', 'code']).where('is_transit', '=', 0);
  whq = opts.warehouse ? whq.where('code', '=', opts.warehouse) : whq.orderBy('id');
  const wh = await whq.executeTakeFirst();
  if (!wh) throw new DomainError('warehouse.unknown', { warehouse: opts.warehouse ?? '' }, 404);
  const whId = Number(wh.id);
  const limit = opts.limit ?? 500;
  const n = parseNumbers(opts.cursor, [2, 5]);
  const [m = 0, r = 0, afterItem = 0] = n;
  let maxM = n[3];
  let maxR = n[4];
  if (maxM === undefined || maxR === undefined) {
    const a = await k
      .selectFrom('stock_movements')
      .select((eb) => eb.fn.max('id').as('v'))
      .executeTakeFirst();
    const b = await k
      .selectFrom('order_reservations')
      .select((eb) => eb.fn.max('id').as('v'))
      .executeTakeFirst();
    maxM = Number(a?.v ?? 0);
    maxR = Number(b?.v ?? 0);
  }
  let ids: number[];
  if (m === 0 && r === 0) {
    const rows = await k
      .selectFrom('items')
      .select('id')
      .where('id', '>', afterItem)
      .orderBy('id')
      .limit(limit + 1)
      .execute();
    ids = rows.map((x) => Number(x.id));
  } else {
    const moved = k
      .selectFrom('stock_movements')
      .select('item_id')
      .where('warehouse_id', '=', whId)
      .where('id', '>', m)
      .where('id', '<=', maxM)
      .where('item_id', '>', afterItem);
    const reserved = k
      .selectFrom('order_reservations')
      .select('item_id')
      .where('warehouse_id', '=', whId)
      .where('id', '>', r)
      .where('id', '<=', maxR)
      .where('item_id', '>', afterItem);
    const rows = await k
      .selectFrom(moved.union(reserved).as('changed'))
      .select('item_id')
      .orderBy('item_id')
      .limit(limit + 1)
      .execute();
    ids = rows.map((x) => Number(x.item_id));
  }
  const hasMore = ids.length > limit;
  ids = ids.slice(0, limit);
  const codes = ids.length ? await k.selectFrom('items').select(['id', 'code']).where('id', 'in', ids).execute() : [];
  const codeOf = new Map(codes.map((c) => [Number(c.id), c.code]));
  const pos = await stockPosition(k, whId, ids);
  const lastId = ids[ids.length - 1];
  return {
    warehouse: wh.code,
    items: ids.map((id) => {
      const p = pos.get(id)!;
      return {
        code: codeOf.get(id) ?? String(id),
        onHand: fromMilli(p.onHand),
        reserved: fromMilli(p.reserved),
        available: fromMilli(Math.max(0, p.onHand - p.reserved)),
      };
    }),
    nextCursor: hasMore && lastId !== undefined ? `${m}.${r}.${lastId}.${maxM}.${maxR}` : `${maxM}.${maxR}`,
    hasMore,
  };
}
